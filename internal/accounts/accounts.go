// Package accounts holds the rules of key-account care (大客戶管理): account
// teams and their measures, risk levels raised by rules and lowered by people,
// the blacklist, ticket SLAs, the shared customer pool (公海) and the live
// accountAlerts feed.
//
// Writes to customers and tickets go row by row through the history hook,
// so every change of risk level, owner or SLA state is kept as history with
// its actor; the reason of a risk or blacklist change is the customer's
// risk_reason field, whose history sits next to the level's.
package accounts

import (
	"context"
	"errors"
	"strings"
	"time"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountalert"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/viewer"
)

// AlertsTopic carries one event per new AccountAlert row (its id). Every
// subscriber refetches the row as itself, so the row's read policy decides
// who hears about it.
const AlertsTopic = "account-alerts"

// Service runs the key-account rules.
type Service struct {
	Client   *ent.Client
	Bus      *pubsub.Bus
	Settings *settings.Store
	Clock    clock.Clock
	// Signals are the risk rules; nil means DefaultSignals.
	Signals []Signal
}

func (s *Service) now() time.Time {
	if s.Clock != nil {
		return s.Clock.Now()
	}
	return time.Now()
}

func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// riskRank orders the levels: a rule only ever moves an account up.
var riskRank = map[customer.RiskLevel]int{
	customer.RiskLevelNORMAL: 0, customer.RiskLevelWATCH: 1, customer.RiskLevelDOUBTFUL: 2, customer.RiskLevelEXIT: 3,
}

// requireLead returns NOT_FOUND when the viewer may not see the customer and
// FORBIDDEN unless they lead its account: admins any account, managers the
// accounts they own or serve on as MANAGER.
func (s *Service) requireLead(ctx context.Context, id int, field string) (*ent.Customer, error) {
	c, err := s.Client.Customer.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, &errs.Error{Code: errs.NotFound, Field: field, Message: "customer not found"}
	}
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	switch {
	case v.IsAdmin():
		return c, nil
	case v.Authenticated() && v.Role == viewer.RoleManager:
		if c.OwnerID != nil && *c.OwnerID == v.UserID {
			return c, nil
		}
		ok, err := s.Client.AccountTeamMember.Query().Where(accountteammember.CustomerID(id),
			accountteammember.UserID(v.UserID), accountteammember.RoleEQ(accountteammember.RoleMANAGER)).Exist(system(ctx))
		if err != nil || ok {
			return c, err
		}
	}
	return nil, errs.E(errs.Forbidden, "only the account's manager or an admin may do this")
}

// write runs fn in one transaction, stages the alert events it returns and
// publishes them after commit.
func (s *Service) write(ctx context.Context, fn func(tx *ent.Tx) ([]int, error)) error {
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck
	alerts, err := fn(tx)
	if err != nil {
		return err
	}
	deliver := func() {}
	if len(alerts) > 0 && s.Bus != nil {
		evs := make([]pubsub.Event, len(alerts))
		for i, id := range alerts {
			evs[i] = pubsub.Event{Topic: AlertsTopic, Type: "alert", ID: id}
		}
		if deliver, err = s.Bus.Stage(ctx, tx, evs...); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	deliver()
	return nil
}

func requireReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", errs.Field("reason", "a reason is required")
	}
	if len([]rune(reason)) > 500 {
		return "", errs.Field("reason", "at most 500 characters")
	}
	return reason, nil
}

// LowerRiskLevel moves an account's risk level down (never up: rules raise
// it) with a reason; the account's manager or an admin may.
func (s *Service) LowerRiskLevel(ctx context.Context, id int, level customer.RiskLevel, reason string) (*ent.Customer, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	if customer.RiskLevelValidator(level) != nil {
		return nil, errs.Field("level", "unknown risk level")
	}
	c, err := s.requireLead(ctx, id, "customerId")
	if err != nil {
		return nil, err
	}
	if riskRank[level] >= riskRank[c.RiskLevel] {
		return nil, errs.Field("level", "the new level must be lower than %s", c.RiskLevel)
	}
	err = s.write(ctx, func(tx *ent.Tx) ([]int, error) {
		c, err = tx.Customer.UpdateOneID(id).Where(customer.RiskLevelEQ(c.RiskLevel)).
			SetRiskLevel(level).SetRiskReason(reason).Save(ctx)
		if ent.IsNotFound(err) {
			return nil, errs.E(errs.Conflict, "the risk level changed meanwhile; reload and try again")
		}
		if err != nil {
			return nil, err
		}
		a, err := tx.AccountAlert.Create().SetCustomerID(id).SetKind(accountalert.KindRISK_LOWERED).
			SetRiskLevel(accountalert.RiskLevel(level)).SetReason(reason).Save(system(ctx))
		if err != nil {
			return nil, err
		}
		return []int{a.ID}, audit.Record(ctx, tx.Client(), "customer.risk.lower", "Customer", id,
			map[string]any{"level": string(level), "reason": reason})
	})
	return c, err
}

// SetBlacklisted puts an account on the blacklist or takes it off, with a
// reason; the account's manager or an admin may.
func (s *Service) SetBlacklisted(ctx context.Context, id int, blacklisted bool, reason string) (*ent.Customer, error) {
	reason, err := requireReason(reason)
	if err != nil {
		return nil, err
	}
	c, err := s.requireLead(ctx, id, "customerId")
	if err != nil {
		return nil, err
	}
	if c.Blacklisted == blacklisted {
		return c, nil
	}
	err = s.write(ctx, func(tx *ent.Tx) ([]int, error) {
		c, err = tx.Customer.UpdateOneID(id).SetBlacklisted(blacklisted).SetRiskReason(reason).Save(ctx)
		if err != nil {
			return nil, err
		}
		return nil, audit.Record(ctx, tx.Client(), "customer.blacklist", "Customer", id,
			map[string]any{"blacklisted": blacklisted, "reason": reason})
	})
	return c, err
}

// SetTeamMember adds a staff user to an account's team or changes their
// role there; the account's manager or an admin may.
func (s *Service) SetTeamMember(ctx context.Context, customerID, userID int, role accountteammember.Role) (*ent.AccountTeamMember, error) {
	if accountteammember.RoleValidator(role) != nil {
		return nil, errs.Field("role", "unknown team role")
	}
	if _, err := s.requireLead(ctx, customerID, "customerId"); err != nil {
		return nil, err
	}
	u, err := s.Client.User.Query().Where(user.ID(userID)).Only(system(ctx))
	if err != nil || !viewer.Role(u.Role).IsStaff() {
		return nil, errs.Field("userId", "not a staff user")
	}
	var m *ent.AccountTeamMember
	err = s.write(ctx, func(tx *ent.Tx) ([]int, error) {
		old, err := tx.AccountTeamMember.Query().Where(accountteammember.CustomerID(customerID), accountteammember.UserID(userID)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			m, err = tx.AccountTeamMember.Create().SetCustomerID(customerID).SetUserID(userID).SetRole(role).Save(ctx)
		case err == nil:
			m, err = tx.AccountTeamMember.UpdateOneID(old.ID).SetRole(role).Save(ctx)
		}
		if err != nil {
			if errors.Is(err, privacy.Deny) {
				return nil, errs.E(errs.Forbidden, "only the account's manager or an admin may do this")
			}
			return nil, err
		}
		return nil, audit.Record(ctx, tx.Client(), "account_team.set", "Customer", customerID,
			map[string]any{"user_id": userID, "role": string(role)})
	})
	return m, err
}

// RemoveTeamMember takes a user off an account's team. True when they were on it.
func (s *Service) RemoveTeamMember(ctx context.Context, customerID, userID int) (bool, error) {
	if _, err := s.requireLead(ctx, customerID, "customerId"); err != nil {
		return false, err
	}
	removed := false
	err := s.write(ctx, func(tx *ent.Tx) ([]int, error) {
		n, err := tx.AccountTeamMember.Delete().Where(accountteammember.CustomerID(customerID), accountteammember.UserID(userID)).Exec(ctx)
		if err != nil || n == 0 {
			return nil, err
		}
		removed = true
		return nil, audit.Record(ctx, tx.Client(), "account_team.remove", "Customer", customerID, map[string]any{"user_id": userID})
	})
	return removed, err
}

// TeamCandidates lists the staff users who may serve on account teams, for
// the team editor of managers and admins. Staff may read staff users anyway
// (the User policy); this only lists them.
func (s *Service) TeamCandidates(ctx context.Context) ([]*ent.User, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsAdmin() && v.Role != viewer.RoleManager {
		return nil, errs.E(errs.Forbidden, "only managers and admins edit account teams")
	}
	return s.Client.User.Query().
		Where(user.RoleIn(user.RoleMARKETER, user.RoleMANAGER, user.RoleADMIN), user.Disabled(false)).
		Order(ent.Asc(user.FieldEmail)).Limit(500).All(ctx)
}
