package accounts

import (
	"context"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// The shared pool (公海) is every customer without an owner. An owned account
// whose owner and team logged nothing — no order, care record or ticket
// activity — for the days its value tier allows (settings) goes back to the
// pool: the owner is cleared and the team removed (whoever claims it forms a
// new one); both moves are audited and the owner change is in the history.

// ReturnToPool returns every inactive owned account to the pool and returns
// how many it returned. An account counts as inactive from the later of its
// last activity and the moment its owner took it.
func (s *Service) ReturnToPool(ctx context.Context) (int, error) {
	ctx = system(ctx)
	rules, err := s.Settings.GetAccounts(ctx)
	if err != nil {
		return 0, err
	}
	now := s.now()
	returned := 0
	for _, p := range rules.Pool {
		if p.Days <= 0 {
			continue
		}
		cutoff := now.Add(-days(p.Days))
		idle, err := s.Client.Customer.Query().Where(
			customer.ValueTierEQ(p.Tier),
			customer.OwnerIDNotNil(),
			customer.Or(customer.OwnerSinceIsNil(), customer.OwnerSinceLTE(cutoff)),
			inactiveSince(cutoff),
		).Select(customer.FieldID, customer.FieldOwnerID).Limit(1000).All(ctx)
		if err != nil {
			return returned, err
		}
		for start := 0; start < len(idle); start += batchSize {
			batch := idle[start:min(start+batchSize, len(idle))]
			err := s.write(ctx, func(tx *ent.Tx) ([]int, error) {
				for _, c := range batch {
					// Conditional on the same owner: a claim or hand-over in
					// between wins.
					_, err := tx.Customer.UpdateOneID(c.ID).Where(customer.OwnerID(*c.OwnerID)).
						ClearOwnerID().ClearOwnerSince().SetPooledAt(now).Save(ctx)
					if ent.IsNotFound(err) {
						continue
					}
					if err != nil {
						return nil, err
					}
					n, err := tx.AccountTeamMember.Delete().Where(accountteammember.CustomerID(c.ID)).Exec(ctx)
					if err != nil {
						return nil, err
					}
					if err := audit.Record(ctx, tx.Client(), "customer.pool.return", "Customer", c.ID, map[string]any{
						"owner_id": *c.OwnerID, "inactive_days": p.Days, "team_removed": n,
					}); err != nil {
						return nil, err
					}
					returned++
				}
				return nil, nil
			})
			if err != nil {
				return returned, err
			}
		}
	}
	return returned, nil
}

// Claim makes the viewer, a manager (or an admin), the owner of a customer
// in the pool. Two managers claiming at once: one wins, the other gets
// CONFLICT — the update only matches while the account has no owner.
func (s *Service) Claim(ctx context.Context, id int) (*ent.Customer, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	c, err := s.Client.Customer.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "customer not found")
	}
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() && v.Role != viewer.RoleManager {
		return nil, errs.E(errs.Forbidden, "only managers claim accounts from the pool")
	}
	if c.OwnerID != nil {
		return nil, errs.E(errs.Conflict, "this account already has an owner")
	}
	err = s.write(ctx, func(tx *ent.Tx) ([]int, error) {
		c, err = tx.Customer.UpdateOneID(id).Where(customer.OwnerIDIsNil()).
			SetOwnerID(v.UserID).SetOwnerSince(s.now()).Save(ctx)
		if ent.IsNotFound(err) {
			return nil, errs.E(errs.Conflict, "this account already has an owner")
		}
		if err != nil {
			return nil, err
		}
		return nil, audit.Record(ctx, tx.Client(), "customer.pool.claim", "Customer", id, nil)
	})
	return c, err
}

// Release gives an account back to the pool: its owner or an admin may.
// The team is removed as when the pool rule returns it.
func (s *Service) Release(ctx context.Context, id int) (*ent.Customer, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	c, err := s.Client.Customer.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, errs.E(errs.NotFound, "customer not found")
	}
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() && v.Role != viewer.RoleManager {
		return nil, errs.E(errs.Forbidden, "only the owner or an admin releases an account")
	}
	if c.OwnerID == nil {
		return c, nil // already in the pool
	}
	if !v.IsAdmin() && *c.OwnerID != v.UserID {
		return nil, errs.E(errs.Forbidden, "only the owner or an admin releases an account")
	}
	owner := *c.OwnerID
	err = s.write(ctx, func(tx *ent.Tx) ([]int, error) {
		c, err = tx.Customer.UpdateOneID(id).Where(customer.OwnerID(owner)).
			ClearOwnerID().ClearOwnerSince().SetPooledAt(s.now()).Save(ctx)
		if ent.IsNotFound(err) {
			return nil, errs.E(errs.Conflict, "the owner changed meanwhile")
		}
		if err != nil {
			return nil, err
		}
		if _, err := tx.AccountTeamMember.Delete().Where(accountteammember.CustomerID(id)).Exec(system(ctx)); err != nil {
			return nil, err
		}
		return nil, audit.Record(ctx, tx.Client(), "customer.pool.release", "Customer", id, map[string]any{"owner_id": owner})
	})
	return c, err
}

// PoolQuery is the customers in the pool, for staff.
func (s *Service) PoolQuery(ctx context.Context) (*ent.CustomerQuery, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "staff only")
	}
	return s.Client.Customer.Query().Where(customer.OwnerIDIsNil()), nil
}

// MyAccountsQuery is the accounts the viewer owns or serves on the team of.
func (s *Service) MyAccountsQuery(ctx context.Context) (*ent.CustomerQuery, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "staff only")
	}
	return s.Client.Customer.Query().Where(customer.Or(
		customer.OwnerID(v.UserID),
		customer.HasTeamWith(accountteammember.UserID(v.UserID)),
	)), nil
}
