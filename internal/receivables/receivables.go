// Package receivables holds the rules of invoices and payments (應收賬款):
// what a customer owes, what they paid, and what is overdue.
package receivables

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/invoice"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/ent/payment"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/ent/privacy"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/batch"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/viewer"
)

// Service issues invoices and records payments.
type Service struct {
	Client   *ent.Client
	Settings *settings.Store
	Clock    clock.Clock

	once      sync.Once
	summaries *batch.Loader[int, Summary]
}

func (s *Service) now() time.Time {
	if s.Clock != nil {
		return s.Clock.Now()
	}
	return time.Now()
}

func (s *Service) settings() *settings.Store {
	if s.Settings != nil {
		return s.Settings
	}
	return &settings.Store{Client: s.Client}
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// openStatuses are the invoices that still wait for money.
var openStatuses = []invoice.Status{invoice.StatusOPEN, invoice.StatusPARTIALLY_PAID}

// OpenAmount is what is still owed on inv, in its currency; 0 when void.
func OpenAmount(inv *ent.Invoice) int64 {
	if inv.Status == invoice.StatusVOID {
		return 0
	}
	return inv.Amount - inv.PaidAmount
}

// Overdue reports whether inv is past its due date and not paid (nor void) at now.
func Overdue(inv *ent.Invoice, now time.Time) bool {
	return (inv.Status == invoice.StatusOPEN || inv.Status == invoice.StatusPARTIALLY_PAID) && now.After(inv.DueAt)
}

// Overdue reports whether inv is overdue now.
func (s *Service) Overdue(inv *ent.Invoice) bool { return Overdue(inv, s.now()) }

// OverduePredicate is "has an invoice overdue at now".
func OverduePredicate(now time.Time) predicate.Customer {
	return customer.HasInvoicesWith(invoice.StatusIn(openStatuses...), invoice.DueAtLT(now))
}

// HasOverdue is the customers where filter: those with (overdue true) or
// without (false) overdue receivables now. Partner keys, which never read
// receivables, may not filter by them.
func (s *Service) HasOverdue(ctx context.Context, overdue bool) (predicate.Customer, error) {
	if viewer.FromContext(ctx).Partner != nil {
		return nil, errs.E(errs.Forbidden, "this key may not read receivables")
	}
	p := OverduePredicate(s.now())
	if !overdue {
		p = customer.Not(p)
	}
	return p, nil
}

// requireWritable is the account rule of internal/customer: admins write any
// account, managers the accounts they own or serve on and the pool. An
// account the viewer may not see is NOT_FOUND.
func (s *Service) requireWritable(ctx context.Context, customerID int, field string) error {
	ok, err := s.Client.Customer.Query().Where(customer.ID(customerID)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return &errs.Error{Code: errs.NotFound, Field: field, Message: "customer not found"}
	}
	v := viewer.FromContext(ctx)
	switch {
	case v.IsAdmin():
		return nil
	case v.Authenticated() && v.Role == viewer.RoleManager:
		ok, err := s.Client.Customer.Query().Where(customer.ID(customerID), customer.Or(
			customer.OwnerID(v.UserID),
			customer.OwnerIDIsNil(),
			customer.HasTeamWith(accountteammember.UserID(v.UserID)),
		)).Exist(ctx)
		if err != nil || ok {
			return err
		}
	}
	return errs.E(errs.Forbidden, "you may not change this customer's account")
}

// CreateInvoice issues an invoice to a customer, optionally for one of its
// orders. Numbers are unique (a second one is CONFLICT); the amount is
// converted to the reporting currency at the settings' rates.
func (s *Service) CreateInvoice(ctx context.Context, in ent.CreateInvoiceInput) (*ent.Invoice, error) {
	in.Number = strings.TrimSpace(in.Number)
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	issued := s.now()
	if in.IssuedAt != nil {
		issued = *in.IssuedAt
	}
	in.IssuedAt = &issued
	switch {
	case in.Number == "":
		return nil, errs.Field("number", "number is required")
	case len([]rune(in.Number)) > 64:
		return nil, errs.Field("number", "a number holds at most 64 characters")
	case in.Amount <= 0:
		return nil, errs.Field("amount", "amount must be positive")
	case !currencyCode.MatchString(in.Currency):
		return nil, errs.Field("currency", "currency must be an ISO 4217 code such as CNY")
	case in.DueAt.Before(issued):
		return nil, errs.Field("dueAt", "the due date must not be before the issue date")
	case in.Note != nil && len([]rune(*in.Note)) > 500:
		return nil, errs.Field("note", "a note holds at most 500 characters")
	}
	if err := s.requireWritable(ctx, in.CustomerID, "customerID"); err != nil {
		return nil, err
	}
	if in.OrderID != nil {
		ok, err := s.Client.Order.Query().Where(order.ID(*in.OrderID), order.CustomerID(in.CustomerID), order.KindEQ(order.KindSALE)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errs.Field("orderID", "no sale of this customer has this id")
		}
	}
	st, err := s.settings().Get(ctx)
	if err != nil {
		return nil, err
	}
	ra, ok := st.ToReporting(in.Amount, in.Currency)
	if !ok {
		return nil, errs.Field("currency", "no exchange rate for %s in the settings; an admin adds it first", in.Currency)
	}
	v := viewer.FromContext(ctx)
	c := s.Client.Invoice.Create().SetInput(in).SetReportingAmount(ra)
	if v.UserID != 0 {
		c.SetCreatedByID(v.UserID)
	}
	inv, err := c.Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "number", Message: "an invoice with this number exists"}
	}
	return inv, err
}

// PaymentInput is one payment received.
type PaymentInput struct {
	InvoiceID int
	Amount    int64
	// Currency, when given, must be the invoice's: payments are recorded in
	// the currency the invoice was issued in.
	Currency  *string
	PaidAt    *time.Time
	Method    *payment.Method
	Reference *string
}

// RecordPayment records money received against an invoice. A payment is
// never more than the open amount: the invoice's paid amount grows with a
// conditional UPDATE (… WHERE paid_amount + x <= amount), so of two
// concurrent payments that together would overpay, one is refused, on
// SQLite and on PostgreSQL alike. The status follows in the same
// transaction.
func (s *Service) RecordPayment(ctx context.Context, in PaymentInput) (*ent.Payment, error) {
	if in.Amount <= 0 {
		return nil, errs.Field("amount", "amount must be positive")
	}
	if in.Reference != nil {
		*in.Reference = strings.TrimSpace(*in.Reference)
		if len([]rune(*in.Reference)) > 128 {
			return nil, errs.Field("reference", "a reference holds at most 128 characters")
		}
	}
	if in.Method != nil && payment.MethodValidator(*in.Method) != nil {
		return nil, errs.Field("method", "unknown payment method")
	}
	inv, err := s.Client.Invoice.Get(ctx, in.InvoiceID)
	if ent.IsNotFound(err) {
		return nil, &errs.Error{Code: errs.NotFound, Field: "invoiceId", Message: "invoice not found"}
	}
	if err != nil {
		return nil, err
	}
	if err := s.requireWritable(ctx, inv.CustomerID, "invoiceId"); err != nil {
		return nil, err
	}
	if in.Currency != nil && !strings.EqualFold(strings.TrimSpace(*in.Currency), inv.Currency) {
		return nil, errs.Field("currency", "payments are recorded in the invoice's currency (%s)", inv.Currency)
	}
	paidAt := s.now()
	if in.PaidAt != nil {
		paidAt = *in.PaidAt
	}
	st, err := s.settings().Get(ctx)
	if err != nil {
		return nil, err
	}
	ra, ok := st.ToReporting(in.Amount, inv.Currency)
	if !ok {
		return nil, errs.Field("currency", "no exchange rate for %s in the settings", inv.Currency)
	}

	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	n, err := tx.Invoice.Update().
		Where(invoice.ID(inv.ID), invoice.StatusIn(openStatuses...), fitsOpen(in.Amount)).
		AddPaidAmount(in.Amount).AddReportingPaid(ra).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		// Refused: read the invoice as it is now to say why.
		cur, err := tx.Invoice.Get(ctx, inv.ID)
		if err != nil {
			return nil, err
		}
		switch cur.Status {
		case invoice.StatusVOID:
			return nil, &errs.Error{Code: errs.Conflict, Field: "invoiceId", Message: "this invoice is void"}
		case invoice.StatusPAID:
			return nil, &errs.Error{Code: errs.Conflict, Field: "invoiceId", Message: "this invoice is paid"}
		}
		return nil, errs.Field("amount", "the payment is more than the open amount (%d)", OpenAmount(cur))
	}
	cur, err := tx.Invoice.Get(ctx, inv.ID)
	if err != nil {
		return nil, err
	}
	status := invoice.StatusPARTIALLY_PAID
	if cur.PaidAmount == cur.Amount {
		status = invoice.StatusPAID
	}
	if cur.Status != status {
		if err := tx.Invoice.UpdateOneID(inv.ID).SetStatus(status).Exec(ctx); err != nil {
			return nil, err
		}
	}
	v := viewer.FromContext(ctx)
	c := tx.Payment.Create().SetInvoiceID(inv.ID).SetCustomerID(inv.CustomerID).SetAmount(in.Amount).
		SetReportingAmount(ra).SetPaidAt(paidAt).SetNillableMethod(in.Method).SetNillableReference(in.Reference)
	if v.UserID != 0 {
		c.SetRecordedByID(v.UserID)
	}
	p, err := c.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return p.Unwrap(), nil // usable after the transaction (its edges load through the client)
}

// fitsOpen is "paid_amount + x <= amount".
func fitsOpen(x int64) predicate.Invoice {
	return func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.Ident(s.C(invoice.FieldPaidAmount)).WriteString(" + ").Arg(x).WriteString(" <= ").Ident(s.C(invoice.FieldAmount))
		}))
	}
}

// VoidInvoice cancels an invoice that has no payments (a reason is
// required); it is then no longer owed. Audited.
func (s *Service) VoidInvoice(ctx context.Context, id int, reason string) (*ent.Invoice, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return nil, errs.Field("reason", "say why the invoice is void")
	case len([]rune(reason)) > 500:
		return nil, errs.Field("reason", "a reason holds at most 500 characters")
	}
	inv, err := s.Client.Invoice.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, &errs.Error{Code: errs.NotFound, Field: "id", Message: "invoice not found"}
	}
	if err != nil {
		return nil, err
	}
	if err := s.requireWritable(ctx, inv.CustomerID, "id"); err != nil {
		return nil, err
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	// Conditional, so a payment recorded meanwhile wins.
	n, err := tx.Invoice.Update().Where(invoice.ID(id), invoice.StatusEQ(invoice.StatusOPEN), invoice.PaidAmount(0)).
		SetStatus(invoice.StatusVOID).SetVoidedAt(s.now()).SetVoidReason(reason).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		if inv.Status == invoice.StatusVOID {
			return nil, &errs.Error{Code: errs.Conflict, Field: "id", Message: "this invoice is already void"}
		}
		return nil, &errs.Error{Code: errs.Conflict, Field: "id", Message: "payments were recorded against this invoice; it cannot be voided"}
	}
	if err := audit.Record(ctx, tx.Client(), "invoice.void", "Invoice", id, map[string]any{"number": inv.Number, "reason": reason}); err != nil {
		return nil, err
	}
	out, err := tx.Invoice.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// Summary is a customer's receivables in the reporting currency.
type Summary struct {
	Currency        string
	Open            int64 // still owed on open invoices
	Overdue         int64 // of which past due
	OpenInvoices    int
	OverdueInvoices int
}

// CustomerSummary returns the receivables of a customer the viewer can see,
// batched: a page of customers costs one grouped query. Nil for viewers who
// may not read receivables (partner keys).
func (s *Service) CustomerSummary(ctx context.Context, customerID int) (*Summary, error) {
	v := viewer.FromContext(ctx)
	if !v.IsStaff() && (v.CustomerID == 0 || v.CustomerID != customerID) {
		return nil, nil
	}
	sum, err := s.loader().Load(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if sum.Currency == "" {
		// A customer without open invoices: the batch's currency.
		st, err := s.settings().Get(ctx)
		if err != nil {
			return nil, err
		}
		sum.Currency = st.ReportingCurrency
	}
	return &sum, nil
}

func (s *Service) loader() *batch.Loader[int, Summary] {
	s.once.Do(func() {
		s.summaries = &batch.Loader[int, Summary]{
			Wait: 3 * time.Millisecond, MaxWait: 30 * time.Millisecond, Max: 500,
			Fetch: s.fetchSummaries,
		}
	})
	return s.summaries
}

// fetchSummaries sums the open invoices of the customers in ids. It reads as
// the system: the batch may serve several viewers, and CustomerSummary has
// checked each one's right to the customer's receivables.
func (s *Service) fetchSummaries(ctx context.Context, ids []int) (map[int]Summary, error) {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	now := s.now()
	st, err := s.settings().Get(ctx)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		CustomerID      int   `sql:"customer_id"`
		Open            int64 `sql:"open"`
		Overdue         int64 `sql:"overdue"`
		OpenInvoices    int   `sql:"open_invoices"`
		OverdueInvoices int   `sql:"overdue_invoices"`
	}
	err = s.Client.Invoice.Query().Where(invoice.CustomerIDIn(ids...), invoice.StatusIn(openStatuses...)).
		Modify(func(sel *sql.Selector) {
			open := sel.C(invoice.FieldReportingAmount) + " - " + sel.C(invoice.FieldReportingPaid)
			sel.Select(sel.C(invoice.FieldCustomerID))
			sel.AppendSelectExprAs(sql.Expr("COALESCE(SUM("+open+"), 0)"), "open")
			sel.AppendSelectExprAs(sumIf(sel.C(invoice.FieldDueAt)+" < ", now, open), "overdue")
			sel.AppendSelectExprAs(sql.Expr("COUNT(*)"), "open_invoices")
			sel.AppendSelectExprAs(sumIf(sel.C(invoice.FieldDueAt)+" < ", now, "1"), "overdue_invoices")
			sel.GroupBy(sel.C(invoice.FieldCustomerID))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[int]Summary, len(ids))
	for _, id := range ids {
		out[id] = Summary{Currency: st.ReportingCurrency}
	}
	for _, r := range rows {
		out[r.CustomerID] = Summary{Currency: st.ReportingCurrency, Open: max(r.Open, 0), Overdue: max(r.Overdue, 0), OpenInvoices: r.OpenInvoices, OverdueInvoices: r.OverdueInvoices}
	}
	return out, nil
}

// sumIf is COALESCE(SUM(CASE WHEN <cond> <arg> THEN <then> ELSE 0 END), 0).
func sumIf(cond string, arg any, then string) sql.Querier {
	return sql.ExprFunc(func(b *sql.Builder) {
		b.WriteString("COALESCE(SUM(CASE WHEN ").WriteString(cond)
		b.Arg(arg)
		b.WriteString(" THEN ").WriteString(then).WriteString(" ELSE 0 END), 0)")
	})
}

// FilterOverdue adds the hasOverdueReceivables filter to a customers where
// input; nil leaves it alone.
func (s *Service) FilterOverdue(ctx context.Context, w *ent.CustomerWhereInput, overdue *bool) error {
	if overdue == nil {
		return nil
	}
	p, err := s.HasOverdue(ctx, *overdue)
	if err != nil {
		return err
	}
	w.AddPredicates(p)
	return nil
}
