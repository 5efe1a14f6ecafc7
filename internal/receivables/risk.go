package receivables

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/invoice"
	"github.com/kith-crm/kith/internal/accounts"
	"github.com/kith-crm/kith/internal/settings"
)

// OverdueSignal is the key-account risk rule of receivables: an invoice
// unpaid more than N days past its due date (settings: risk.overdue_days,
// risk.overdue_level; 0 days turns it off). One grouped statement.
type OverdueSignal struct{}

func (OverdueSignal) Name() string { return "overdue_receivables" }

func (OverdueSignal) Find(ctx context.Context, c *ent.Client, now time.Time, r settings.RiskRules, _ accounts.Config) ([]accounts.Finding, error) {
	if r.OverdueDays <= 0 {
		return nil, nil
	}
	cutoff := now.Add(-time.Duration(r.OverdueDays) * 24 * time.Hour)
	var rows []struct {
		CustomerID int   `sql:"customer_id"`
		Invoices   int   `sql:"invoices"`
		Open       int64 `sql:"open"`
	}
	err := c.Invoice.Query().
		Where(invoice.StatusIn(openStatuses...), invoice.DueAtLT(cutoff),
			invoice.HasCustomerWith(customer.Or(customer.OwnerIDNotNil(), customer.KeyAccount(true)))).
		Modify(func(s *sql.Selector) {
			s.Select(s.C(invoice.FieldCustomerID))
			s.AppendSelectExprAs(sql.Expr("COUNT(*)"), "invoices")
			s.AppendSelectExprAs(sql.Expr(fmt.Sprintf("COALESCE(SUM(%s - %s), 0)", s.C(invoice.FieldReportingAmount), s.C(invoice.FieldReportingPaid))), "open")
			s.GroupBy(s.C(invoice.FieldCustomerID))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make([]accounts.Finding, len(rows))
	for i, row := range rows {
		out[i] = accounts.Finding{CustomerID: row.CustomerID, Level: r.OverdueLevel,
			Reason: fmt.Sprintf("%d invoice(s) unpaid more than %d days past due (%d open, reporting currency)", row.Invoices, r.OverdueDays, row.Open)}
	}
	return out, nil
}

// Signals are the account risk rules with this package's added.
func Signals() []accounts.Signal {
	return append(accounts.DefaultSignals(), OverdueSignal{})
}
