package accounts

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountalert"
	"github.com/kith-crm/kith/ent/carerecord"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/internal/settings"
)

// A Finding is one rule flagging one account.
type Finding struct {
	CustomerID int
	Level      customer.RiskLevel
	Reason     string
}

// A Signal is one risk rule: it finds, set-based, the managed accounts it
// flags. Other capabilities add theirs (overdue receivables lives with the
// invoices) by appending to Service.Signals.
type Signal interface {
	Name() string
	Find(ctx context.Context, c *ent.Client, now time.Time, rules settings.RiskRules, cfg Config) ([]Finding, error)
}

// Config is what signals need beyond the risk rules.
type Config struct{ ReportingCurrency string }

// DefaultSignals are the rules this package implements.
func DefaultSignals() []Signal {
	return []Signal{ContributionSignal{}, OpenTicketsSignal{}, NoContactSignal{}}
}

// managed is the accounts risk rules watch: those someone owns and the key
// accounts. Members' own records in the pool are not watched.
func managed() predicate.Customer {
	return customer.Or(customer.OwnerIDNotNil(), customer.KeyAccount(true))
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// ContributionSignal: contribution (revenue − cost to serve, every order at
// its reporting amounts) of the last N days fell by more than X % against the
// N days before. Accounts with no contribution before are not flagged.
type ContributionSignal struct{}

func (ContributionSignal) Name() string { return "contribution" }

func (ContributionSignal) Find(ctx context.Context, c *ent.Client, now time.Time, r settings.RiskRules, _ Config) ([]Finding, error) {
	if r.ContributionDays <= 0 || r.ContributionDropPercent <= 0 {
		return nil, nil
	}
	mid := now.Add(-days(r.ContributionDays))
	from := mid.Add(-days(r.ContributionDays))
	var rows []struct {
		CustomerID int   `sql:"customer_id"`
		Cur        int64 `sql:"cur"`
		Prev       int64 `sql:"prev"`
	}
	err := c.Order.Query().
		Where(order.OrderedAtGTE(from), order.OrderedAtLT(now), order.HasCustomerWith(managed())).
		Modify(func(s *sql.Selector) {
			s.Select(s.C(order.FieldCustomerID))
			profit := s.C(order.FieldReportingAmount) + " - " + s.C(order.FieldReportingCost)
			s.AppendSelectExprAs(sumIf(s.C(order.FieldOrderedAt)+" >= ", mid, profit), "cur")
			s.AppendSelectExprAs(sumIf(s.C(order.FieldOrderedAt)+" < ", mid, profit), "prev")
			s.GroupBy(s.C(order.FieldCustomerID))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, row := range rows {
		// cur < prev × (100 − X) / 100, in integers.
		if row.Prev > 0 && row.Cur*100 < row.Prev*int64(100-r.ContributionDropPercent) {
			drop := 100 - row.Cur*100/row.Prev
			out = append(out, Finding{row.CustomerID, r.ContributionLevel,
				fmt.Sprintf("contribution of the last %d days fell %d%% (rule: more than %d%%)", r.ContributionDays, drop, r.ContributionDropPercent)})
		}
	}
	return out, nil
}

// OpenTicketsSignal: more than N tickets open, or any URGENT one open.
type OpenTicketsSignal struct{}

func (OpenTicketsSignal) Name() string { return "open_tickets" }

func (OpenTicketsSignal) Find(ctx context.Context, c *ent.Client, _ time.Time, r settings.RiskRules, _ Config) ([]Finding, error) {
	var rows []struct {
		CustomerID int `sql:"customer_id"`
		Open       int `sql:"open"`
		Urgent     int `sql:"urgent"`
	}
	err := c.Ticket.Query().
		Where(ticket.StatusIn(ticket.StatusOPEN, ticket.StatusIN_PROGRESS), ticket.HasCustomerWith(managed())).
		Modify(func(s *sql.Selector) {
			s.Select(s.C(ticket.FieldCustomerID))
			s.AppendSelectExprAs(sql.Expr("COUNT(*)"), "open")
			s.AppendSelectExprAs(sumIf(s.C(ticket.FieldPriority)+" = ", string(ticket.PriorityURGENT), "1"), "urgent")
			s.GroupBy(s.C(ticket.FieldCustomerID))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, row := range rows {
		if row.Urgent > 0 {
			out = append(out, Finding{row.CustomerID, r.UrgentOpenLevel, fmt.Sprintf("%d urgent ticket(s) open", row.Urgent)})
		}
		if r.OpenTicketsMax > 0 && row.Open > r.OpenTicketsMax {
			out = append(out, Finding{row.CustomerID, r.OpenTicketsLevel,
				fmt.Sprintf("%d tickets open (rule: more than %d)", row.Open, r.OpenTicketsMax)})
		}
	}
	return out, nil
}

// NoContactSignal: no order, care record or ticket activity for N days (an
// account younger than N days is not flagged).
type NoContactSignal struct{}

func (NoContactSignal) Name() string { return "no_contact" }

func (NoContactSignal) Find(ctx context.Context, c *ent.Client, now time.Time, r settings.RiskRules, _ Config) ([]Finding, error) {
	if r.NoContactDays <= 0 {
		return nil, nil
	}
	cutoff := now.Add(-days(r.NoContactDays))
	ids, err := c.Customer.Query().Where(managed(), inactiveSince(cutoff)).IDs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Finding, len(ids))
	for i, id := range ids {
		out[i] = Finding{id, r.NoContactLevel, fmt.Sprintf("no order, care record or ticket activity for %d days", r.NoContactDays)}
	}
	return out, nil
}

// inactiveSince: the customer existed at cutoff and has had no order, care
// record or ticket activity after it — activity exactly N days ago is N days
// of silence.
func inactiveSince(cutoff time.Time) predicate.Customer {
	return customer.And(
		customer.CreatedAtLTE(cutoff),
		customer.Not(customer.HasOrdersWith(order.OrderedAtGT(cutoff))),
		customer.Not(customer.HasCareRecordsWith(carerecord.Or(carerecord.OccurredAtGT(cutoff), carerecord.UpdatedAtGT(cutoff)))),
		customer.Not(customer.HasTicketsWith(ticket.UpdatedAtGT(cutoff))),
	)
}

// EvaluateRisk runs every signal over all managed accounts and raises each
// flagged account to the highest level its findings call for. Levels are
// only ever raised here; the reasons of the rules that raised it are kept.
// It returns how many accounts were raised.
func (s *Service) EvaluateRisk(ctx context.Context) (int, error) {
	ctx = system(ctx)
	st, err := s.Settings.Get(ctx)
	if err != nil {
		return 0, err
	}
	rules, err := s.Settings.GetAccounts(ctx)
	if err != nil {
		return 0, err
	}
	signals := s.Signals
	if signals == nil {
		signals = DefaultSignals()
	}
	now := s.now()
	best := map[int]Finding{}
	for _, sig := range signals {
		fs, err := sig.Find(ctx, s.Client, now, rules.Risk, Config{ReportingCurrency: st.ReportingCurrency})
		if err != nil {
			return 0, fmt.Errorf("accounts: risk signal %s: %w", sig.Name(), err)
		}
		for _, f := range fs {
			cur, ok := best[f.CustomerID]
			switch {
			case !ok || riskRank[f.Level] > riskRank[cur.Level]:
				best[f.CustomerID] = f
			case riskRank[f.Level] == riskRank[cur.Level]:
				cur.Reason += "; " + f.Reason
				best[f.CustomerID] = cur
			}
		}
	}
	ids := make([]int, 0, len(best))
	for id := range best {
		ids = append(ids, id)
	}
	raised := 0
	for start := 0; start < len(ids); start += batchSize {
		batch := ids[start:min(start+batchSize, len(ids))]
		// Only accounts below their finding's level are touched.
		current, err := s.Client.Customer.Query().Where(customer.IDIn(batch...)).
			Select(customer.FieldID, customer.FieldRiskLevel).All(ctx)
		if err != nil {
			return raised, err
		}
		err = s.write(ctx, func(tx *ent.Tx) ([]int, error) {
			var alerts []int
			for _, c := range current {
				f := best[c.ID]
				if riskRank[f.Level] <= riskRank[c.RiskLevel] {
					continue
				}
				reason := truncate(f.Reason, 500)
				_, err := tx.Customer.UpdateOneID(c.ID).Where(customer.RiskLevelEQ(c.RiskLevel)).
					SetRiskLevel(f.Level).SetRiskReason(reason).Save(ctx)
				if ent.IsNotFound(err) {
					continue // changed meanwhile; the next run looks again
				}
				if err != nil {
					return nil, err
				}
				a, err := tx.AccountAlert.Create().SetCustomerID(c.ID).SetKind(accountalert.KindRISK_RAISED).
					SetRiskLevel(accountalert.RiskLevel(f.Level)).SetReason(reason).Save(ctx)
				if err != nil {
					return nil, err
				}
				alerts = append(alerts, a.ID)
			}
			raised += len(alerts)
			return alerts, nil
		})
		if err != nil {
			return raised, err
		}
	}
	return raised, nil
}

const batchSize = 200

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// sumIf is COALESCE(SUM(CASE WHEN <cond> <arg> THEN <then> ELSE 0 END), 0),
// with arg bound in the dialect's placeholder style.
func sumIf(cond string, arg any, then string) sql.Querier {
	return sql.ExprFunc(func(b *sql.Builder) {
		b.WriteString("COALESCE(SUM(CASE WHEN ").WriteString(cond)
		b.Arg(arg)
		b.WriteString(" THEN ").WriteString(then).WriteString(" ELSE 0 END), 0)")
	})
}
