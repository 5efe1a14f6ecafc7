// Package loyalty holds the points programme (銷售累計獎勵): a ledger of
// points earned by orders and community activity, taken back when an order
// is cancelled, redeemed by staff and adjusted by admins.
//
// Every change is a PointsEntry naming its cause (cause_key, unique) and a
// change of the customer's PointsBalance, written in one transaction. The
// balance never goes negative: a debit is one guarded UPDATE (balance =
// balance + n WHERE balance + n >= 0), which on PostgreSQL waits for the row
// lock of a concurrent debit and then re-checks, and on SQLite runs under the
// database's single write lock; a CHECK constraint backs it up.
package loyalty

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/pointsbalance"
	"github.com/kith-crm/kith/ent/pointsentry"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/batch"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/viewer"
)

// Writable says whether the viewer may write to a customer's account
// (customer.Service.RequireWritable): FORBIDDEN when not.
type Writable interface {
	RequireWritable(ctx context.Context, customerID int) error
}

// Service runs the points programme.
type Service struct {
	Client    *ent.Client
	Settings  *settings.Store
	Clock     clock.Clock
	Customers Writable
	// Jobs, when set, receives an accrual job after every order write so
	// points show within seconds; the periodic job is the guarantee.
	Jobs *jobs.Runner

	once        sync.Once
	balances    *batch.Loader[int, int64]
	kickPending atomic.Bool
}

func (s *Service) now() time.Time {
	if s.Clock != nil {
		return s.Clock.Now()
	}
	return time.Now()
}

func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// errInsufficient is the CONFLICT of a debit larger than the balance.
var errInsufficient = errs.E(errs.Conflict, "not enough points: the balance is smaller than the points asked for")

// maxPoints bounds one redemption or adjustment.
const maxPoints = 1_000_000_000

// Balance returns the customer's points (0 when none); batched, so a page
// of customers costs one query. Hidden customers read 0, but callers only
// ask for customers the viewer could load.
func (s *Service) Balance(ctx context.Context, customerID int) (int64, error) {
	return s.loader().Load(ctx, customerID)
}

func (s *Service) loader() *batch.Loader[int, int64] {
	s.once.Do(func() {
		s.balances = &batch.Loader[int, int64]{
			Wait: 3 * time.Millisecond, MaxWait: 30 * time.Millisecond, Max: 500,
			Fetch: s.fetchBalances,
		}
	})
	return s.balances
}

func (s *Service) fetchBalances(ctx context.Context, ids []int) (map[int]int64, error) {
	var rows []struct {
		CustomerID int   `json:"customer_id"`
		Balance    int64 `json:"balance"`
	}
	err := s.Client.PointsBalance.Query().Where(pointsbalance.CustomerIDIn(ids...)).
		Select(pointsbalance.FieldCustomerID, pointsbalance.FieldBalance).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[int]int64, len(rows))
	for _, r := range rows {
		out[r.CustomerID] = r.Balance
	}
	return out, nil
}

// Ledger pages through the customer's entries, newest first. The read
// policy filters it: a member sees their own ledger only.
func (s *Service) Ledger(ctx context.Context, customerID int, after *entgql.Cursor[int], first *int, before *entgql.Cursor[int], last *int) (*ent.PointsEntryConnection, error) {
	return s.Client.PointsEntry.Query().Where(pointsentry.CustomerID(customerID)).
		Paginate(ctx, after, first, before, last, ent.WithPointsEntryOrder(&ent.PointsEntryOrder{
			Direction: entgql.OrderDirectionDesc, Field: ent.PointsEntryOrderFieldCreatedAt,
		}))
}

// Redeem takes points from a customer's balance: staff who may write the
// account (admins, managers on their team's accounts and the pool). Members
// do not redeem for themselves: without a rewards catalogue a redemption is
// something staff hand over (a gift, a discount), and staff record it.
// Fewer points than the redemption minimum or no reason is BAD_USER_INPUT;
// more than the balance is CONFLICT; either way nothing is written.
func (s *Service) Redeem(ctx context.Context, customerID int, points int64, reason string) (*ent.PointsEntry, error) {
	// Who may, first: a customer the viewer cannot see stays NOT_FOUND
	// whatever the input.
	if err := s.requireVisible(ctx, customerID); err != nil {
		return nil, err
	}
	if !viewer.FromContext(ctx).IsStaff() {
		return nil, errs.E(errs.Forbidden, "points are redeemed by staff")
	}
	if err := s.Customers.RequireWritable(ctx, customerID); err != nil {
		return nil, err
	}
	rules, err := s.Settings.GetLoyalty(ctx)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case points < rules.RedeemMinimum:
		return nil, errs.Field("points", "a redemption takes at least %d points", rules.RedeemMinimum)
	case points > maxPoints:
		return nil, errs.Field("points", "a redemption takes at most %d points", maxPoints)
	}
	if err := checkReason(reason); err != nil {
		return nil, err
	}
	return s.debitByStaff(ctx, pointsentry.KindREDEEM, "redeem", customerID, -points, reason)
}

// Adjust corrects a balance by points (positive or negative, not 0); admins
// only, reason required, audited. A negative adjustment larger than the
// balance is CONFLICT.
func (s *Service) Adjust(ctx context.Context, customerID int, points int64, reason string) (*ent.PointsEntry, error) {
	if err := s.requireVisible(ctx, customerID); err != nil {
		return nil, err
	}
	if !viewer.FromContext(ctx).IsAdmin() {
		return nil, errs.E(errs.Forbidden, "only admins adjust points")
	}
	reason = strings.TrimSpace(reason)
	if points == 0 || points > maxPoints || points < -maxPoints {
		return nil, errs.Field("points", "points must be non-zero and at most %d either way", maxPoints)
	}
	if err := checkReason(reason); err != nil {
		return nil, err
	}
	return s.debitByStaff(ctx, pointsentry.KindADJUST, "adjust", customerID, points, reason)
}

// Rules returns the loyalty rules to any signed-in user: members may know
// how points are earned.
func (s *Service) Rules(ctx context.Context) (*settings.Loyalty, error) {
	if !viewer.FromContext(ctx).Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	l, err := s.Settings.GetLoyalty(ctx)
	return &l, err
}

// UpdateRules replaces the loyalty rules (admins; see settings.UpdateLoyalty).
func (s *Service) UpdateRules(ctx context.Context, l settings.Loyalty) (*settings.Loyalty, error) {
	if !viewer.FromContext(ctx).Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	out, err := s.Settings.UpdateLoyalty(ctx, l)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Points is Balance as GraphQL's Int.
func (s *Service) Points(ctx context.Context, customerID int) (int, error) {
	b, err := s.Balance(ctx, customerID)
	return int(b), err
}

func checkReason(reason string) error {
	switch {
	case reason == "":
		return errs.Field("reason", "a reason is required")
	case len([]rune(reason)) > 500:
		return errs.Field("reason", "a reason holds at most 500 characters")
	}
	return nil
}

func (s *Service) requireVisible(ctx context.Context, id int) error {
	ok, err := s.Client.Customer.Query().Where(customer.ID(id)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return &errs.Error{Code: errs.NotFound, Field: "customerId", Message: "customer not found"}
	}
	return nil
}

// debitByStaff writes a redemption or adjustment with its audit event.
func (s *Service) debitByStaff(ctx context.Context, kind pointsentry.Kind, prefix string, customerID int, delta int64, reason string) (*ent.PointsEntry, error) {
	v := viewer.FromContext(ctx)
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	bal, err := s.change(ctx, tx, customerID, delta)
	if err != nil {
		return nil, err
	}
	e, err := tx.PointsEntry.Create().
		SetCustomerID(customerID).SetKind(kind).SetPoints(delta).SetBalanceAfter(bal).
		SetCauseKey(prefix + ":" + randomKey()).SetActorID(v.UserID).SetReason(reason).
		SetCreatedAt(s.now()).Save(system(ctx))
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, tx.Client(), "loyalty."+prefix, "Customer", customerID,
		map[string]any{"points": delta, "reason": reason, "entry": e.ID}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return e, nil
}

// change adds delta to the balance and returns the new balance. A credit
// creates the balance row if needed; a debit is the guarded UPDATE, and
// errInsufficient when the balance would go below 0 (or there is none).
func (s *Service) change(ctx context.Context, tx *ent.Tx, customerID int, delta int64) (int64, error) {
	sys := system(ctx)
	if delta >= 0 {
		err := tx.PointsBalance.Create().SetCustomerID(customerID).SetBalance(delta).SetUpdatedAt(s.now()).
			OnConflictColumns(pointsbalance.FieldCustomerID).AddBalance(delta).UpdateUpdatedAt().Exec(sys)
		if err != nil {
			return 0, err
		}
	} else {
		n, err := tx.PointsBalance.Update().
			Where(pointsbalance.CustomerID(customerID), pointsbalance.BalanceGTE(-delta)).
			AddBalance(delta).SetUpdatedAt(s.now()).Save(sys)
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, errInsufficient
		}
	}
	b, err := tx.PointsBalance.Query().Where(pointsbalance.CustomerID(customerID)).
		Select(pointsbalance.FieldBalance).Int(sys)
	return int64(b), err
}

// lock takes the customer's balance row for the rest of tx (creating it at
// 0) and returns the balance, so a reversal or a daily cap computed from it
// cannot race another writer.
func (s *Service) lock(ctx context.Context, tx *ent.Tx, customerID int) (int64, error) {
	return s.change(ctx, tx, customerID, 0)
}

func randomKey() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
