package receivables_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/invoice"
	"github.com/kith-crm/kith/ent/payment"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/accounts"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/receivables"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

const day = 24 * time.Hour

type fixture struct {
	t   *testing.T
	db  *store.DB
	clk *clock.Fixed
	s   *receivables.Service
	sys context.Context
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	clk := clock.NewFixed(time.Now().UTC().Truncate(time.Second))
	s := &receivables.Service{Client: db.Client, Settings: &settings.Store{Client: db.Client}, Clock: clk}
	return &fixture{t: t, db: db, clk: clk, s: s, sys: auth.System(context.Background())}
}

func (f *fixture) user(email string, role viewer.Role) context.Context {
	u := f.db.Client.User.Create().SetEmail(email).SetPasswordHash("x").SetRole(user.Role(role)).SaveX(f.sys)
	return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: role})
}

func (f *fixture) account(name string, owner context.Context) *ent.Customer {
	c := f.db.Client.Customer.Create().SetName(name)
	if owner != nil {
		c.SetOwnerID(viewer.FromContext(owner).UserID)
	}
	return c.SaveX(f.sys)
}

func (f *fixture) invoice(ctx context.Context, c *ent.Customer, number string, amount int64, currency string, due time.Time) (*ent.Invoice, error) {
	return f.s.CreateInvoice(ctx, ent.CreateInvoiceInput{CustomerID: c.ID, Number: number, Amount: amount, Currency: currency, DueAt: due})
}

func code(err error) errs.Code {
	if err == nil {
		return ""
	}
	if ent.IsNotFound(err) {
		return errs.NotFound
	}
	return errs.CodeOf(err)
}

func TestInvoiceLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		now := f.clk.Now()
		c := f.account("Acme", nil)

		inv, err := f.invoice(admin, c, "INV-1", 10000, "usd", now.Add(10*day))
		if err != nil {
			t.Fatal(err)
		}
		if inv.Currency != "USD" || inv.ReportingAmount != 72000 || inv.Status != invoice.StatusOPEN {
			t.Fatalf("invoice = %+v; want USD, reporting 72000 (7.2 CNY a dollar), OPEN", inv)
		}
		if _, err := f.invoice(admin, c, "INV-1", 5, "CNY", now); code(err) != errs.Conflict {
			t.Fatalf("second INV-1: %v; want CONFLICT", err)
		}

		p, err := f.s.RecordPayment(admin, receivables.PaymentInput{InvoiceID: inv.ID, Amount: 4000})
		if err != nil {
			t.Fatal(err)
		}
		if p.ReportingAmount != 28800 || p.CustomerID != c.ID {
			t.Fatalf("payment = %+v", p)
		}
		inv = db.Client.Invoice.GetX(f.sys, inv.ID)
		if inv.Status != invoice.StatusPARTIALLY_PAID || receivables.OpenAmount(inv) != 6000 {
			t.Fatalf("after 40.00: %s open %d; want PARTIALLY_PAID 6000", inv.Status, receivables.OpenAmount(inv))
		}
		// More than is open, or in another currency: refused, nothing changes.
		eur := "EUR"
		for name, in := range map[string]receivables.PaymentInput{
			"more than open": {InvoiceID: inv.ID, Amount: 6001},
			"zero":           {InvoiceID: inv.ID, Amount: 0},
			"other currency": {InvoiceID: inv.ID, Amount: 10, Currency: &eur},
		} {
			if _, err := f.s.RecordPayment(admin, in); code(err) != errs.Invalid {
				t.Errorf("%s: %v; want BAD_USER_INPUT", name, err)
			}
		}
		if n := db.Client.Payment.Query().CountX(f.sys); n != 1 {
			t.Fatalf("%d payments after refusals; want 1", n)
		}
		if _, err := f.s.VoidInvoice(admin, inv.ID, "wrong"); code(err) != errs.Conflict {
			t.Fatalf("void with payments: %v; want CONFLICT", err)
		}
		if _, err := f.s.RecordPayment(admin, receivables.PaymentInput{InvoiceID: inv.ID, Amount: 6000}); err != nil {
			t.Fatal(err)
		}
		inv = db.Client.Invoice.GetX(f.sys, inv.ID)
		if inv.Status != invoice.StatusPAID || receivables.OpenAmount(inv) != 0 || inv.ReportingPaid != 72000 {
			t.Fatalf("after paying in full: %+v", inv)
		}
		if _, err := f.s.RecordPayment(admin, receivables.PaymentInput{InvoiceID: inv.ID, Amount: 1}); code(err) != errs.Conflict {
			t.Fatalf("paying a paid invoice: %v; want CONFLICT", err)
		}

		// Void: reason required, audited; a void invoice takes no money.
		inv2, err := f.invoice(admin, c, "INV-2", 500, "CNY", now.Add(day))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.VoidInvoice(admin, inv2.ID, "  "); code(err) != errs.Invalid {
			t.Fatalf("void without reason: %v", err)
		}
		v, err := f.s.VoidInvoice(admin, inv2.ID, "issued twice")
		if err != nil || v.Status != invoice.StatusVOID || v.VoidReason != "issued twice" {
			t.Fatalf("void = %+v, %v", v, err)
		}
		if _, err := f.s.RecordPayment(admin, receivables.PaymentInput{InvoiceID: inv2.ID, Amount: 1}); code(err) != errs.Conflict {
			t.Fatalf("paying a void invoice: %v; want CONFLICT", err)
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("invoice.void"), auditevent.SubjectID(inv2.ID)).CountX(f.sys); n != 1 {
			t.Fatalf("%d void audit events; want 1", n)
		}
	})
}

func TestInputValidation(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		now := f.clk.Now()
		c := f.account("Acme", nil)
		other := f.account("Other", nil)
		o := db.Client.Order.Create().SetCustomerID(other.ID).SetSource("web").SetExternalID("o1").SetAmount(10).SetCurrency("CNY").SaveX(f.sys)
		cases := []struct {
			name  string
			in    ent.CreateInvoiceInput
			field string
		}{
			{"no number", ent.CreateInvoiceInput{CustomerID: c.ID, Number: " ", Amount: 1, Currency: "CNY", DueAt: now}, "number"},
			{"zero amount", ent.CreateInvoiceInput{CustomerID: c.ID, Number: "x", Amount: 0, Currency: "CNY", DueAt: now}, "amount"},
			{"bad currency", ent.CreateInvoiceInput{CustomerID: c.ID, Number: "x", Amount: 1, Currency: "C", DueAt: now}, "currency"},
			{"no rate", ent.CreateInvoiceInput{CustomerID: c.ID, Number: "x", Amount: 1, Currency: "XAU", DueAt: now}, "currency"},
			{"due before issue", ent.CreateInvoiceInput{CustomerID: c.ID, Number: "x", Amount: 1, Currency: "CNY", DueAt: now.Add(-day)}, "dueAt"},
			{"another customer's order", ent.CreateInvoiceInput{CustomerID: c.ID, OrderID: &o.ID, Number: "x", Amount: 1, Currency: "CNY", DueAt: now}, "orderID"},
		}
		for _, tc := range cases {
			_, err := f.s.CreateInvoice(admin, tc.in)
			if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || e.Field != tc.field {
				t.Errorf("%s: %v; want BAD_USER_INPUT on %s", tc.name, err, tc.field)
			}
		}
		if n := db.Client.Invoice.Query().CountX(f.sys); n != 0 {
			t.Fatalf("%d invoices after bad input; want 0", n)
		}
	})
}

func TestWhoMayWrite(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		mgr := f.user("m@example.com", viewer.RoleManager)
		mgr2 := f.user("m2@example.com", viewer.RoleManager)
		mkt := f.user("k@example.com", viewer.RoleMarketer)
		now := f.clk.Now()
		own, pool, foreign := f.account("Own", mgr), f.account("Pool", nil), f.account("Foreign", mgr2)
		member := db.Client.Customer.Create().SetName("Alice").SaveX(f.sys)
		alice := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 999, Role: viewer.RoleMember, CustomerID: member.ID})

		for _, tc := range []struct {
			name string
			ctx  context.Context
			c    *ent.Customer
			want errs.Code
		}{
			{"manager, own account", mgr, own, ""},
			{"manager, pool", mgr, pool, ""},
			{"manager, another manager's account", mgr, foreign, errs.Forbidden},
			{"marketer", mkt, pool, errs.Forbidden},
			{"member, own record", alice, member, errs.Forbidden},
			{"member, another record", alice, pool, errs.NotFound},
			{"admin, any", admin, foreign, ""},
		} {
			_, err := f.invoice(tc.ctx, tc.c, tc.name, 100, "CNY", now.Add(day))
			if code(err) != tc.want {
				t.Errorf("%s: %v; want %q", tc.name, err, tc.want)
			}
		}
		inv, _ := f.invoice(admin, foreign, "F-1", 100, "CNY", now.Add(day))
		if _, err := f.s.RecordPayment(mgr, receivables.PaymentInput{InvoiceID: inv.ID, Amount: 10}); code(err) != errs.Forbidden {
			t.Errorf("manager pays another's invoice: %v; want FORBIDDEN", err)
		}
		if _, err := f.s.VoidInvoice(mgr, inv.ID, "x"); code(err) != errs.Forbidden {
			t.Errorf("manager voids another's invoice: %v; want FORBIDDEN", err)
		}
		// Members read their own invoices, never others'.
		mine, _ := f.invoice(admin, member, "A-1", 100, "CNY", now.Add(day))
		if got := db.Client.Invoice.Query().IDsX(alice); len(got) != 1 || got[0] != mine.ID {
			t.Errorf("member reads invoices %v; want only %d", got, mine.ID)
		}
		if _, err := f.s.RecordPayment(alice, receivables.PaymentInput{InvoiceID: inv.ID, Amount: 1}); code(err) != errs.NotFound {
			t.Errorf("member pays a hidden invoice: %v; want NOT_FOUND", err)
		}
	})
}

// Concurrent payments that together would overpay: the sum never exceeds the
// amount, and what was refused was refused as too much.
func TestConcurrentPaymentsNeverOverpay(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		c := f.account("Acme", nil)
		inv, err := f.invoice(admin, c, "INV-C", 1000, "CNY", f.clk.Now().Add(day))
		if err != nil {
			t.Fatal(err)
		}
		const n = 8
		var wg sync.WaitGroup
		errsCh := make(chan error, n)
		start := make(chan struct{})
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, err := f.s.RecordPayment(admin, receivables.PaymentInput{InvoiceID: inv.ID, Amount: 300})
				errsCh <- err
			}()
		}
		close(start)
		wg.Wait()
		close(errsCh)
		ok := 0
		for err := range errsCh {
			switch {
			case err == nil:
				ok++
			case code(err) != errs.Invalid && code(err) != errs.Conflict:
				t.Errorf("refused payment: %v; want BAD_USER_INPUT (too much)", err)
			}
		}
		inv = db.Client.Invoice.GetX(f.sys, inv.ID)
		var paid []struct {
			Sum int64 `sql:"sum"`
		}
		db.Client.Payment.Query().Where(payment.InvoiceID(inv.ID)).Aggregate(ent.Sum(payment.FieldAmount)).ScanX(f.sys, &paid)
		if ok != 3 || inv.PaidAmount != 900 || paid[0].Sum != 900 || inv.Status != invoice.StatusPARTIALLY_PAID {
			t.Fatalf("%d payments accepted, paid %d, payments sum %d, %s; want 3, 900, 900, PARTIALLY_PAID", ok, inv.PaidAmount, paid[0].Sum, inv.Status)
		}
	})
}

func TestOverdueAndSummary(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		now := f.clk.Now()
		late, onTime, clean := f.account("Late", nil), f.account("OnTime", nil), f.account("Clean", nil)
		a, _ := f.invoice(admin, late, "L-1", 1000, "CNY", now.Add(day))
		b, _ := f.invoice(admin, late, "L-2", 100, "USD", now.Add(3*day))
		f.invoice(admin, onTime, "O-1", 500, "CNY", now.Add(10*day)) //nolint:errcheck
		p, _ := f.invoice(admin, clean, "C-1", 500, "CNY", now.Add(day))
		if _, err := f.s.RecordPayment(admin, receivables.PaymentInput{InvoiceID: p.ID, Amount: 500}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.RecordPayment(admin, receivables.PaymentInput{InvoiceID: a.ID, Amount: 400}); err != nil {
			t.Fatal(err)
		}
		f.clk.Advance(2 * day) // L-1 is overdue, L-2 and O-1 not yet; C-1 is paid
		a = db.Client.Invoice.GetX(f.sys, a.ID)
		if !f.s.Overdue(a) || f.s.Overdue(db.Client.Invoice.GetX(f.sys, b.ID)) || f.s.Overdue(db.Client.Invoice.GetX(f.sys, p.ID)) {
			t.Fatal("overdue: want L-1 only")
		}
		sum, err := f.s.CustomerSummary(admin, late.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Currency != "CNY" || sum.Open != 600+720 || sum.Overdue != 600 || sum.OpenInvoices != 2 || sum.OverdueInvoices != 1 {
			t.Fatalf("summary = %+v; want CNY open 1320 overdue 600, 2 open, 1 overdue", sum)
		}
		if s, _ := f.s.CustomerSummary(admin, clean.ID); s.Open != 0 || s.OpenInvoices != 0 {
			t.Fatalf("paid customer's summary = %+v", s)
		}
		// Partner keys read no receivables.
		partner := viewer.NewContext(context.Background(), viewer.Viewer{Partner: &viewer.Partner{Scopes: []string{viewer.ScopeCustomersRead}}})
		if s, err := f.s.CustomerSummary(partner, late.ID); s != nil || err != nil {
			t.Fatalf("partner summary = %+v, %v; want nil", s, err)
		}
		pred, err := f.s.HasOverdue(admin, true)
		if err != nil {
			t.Fatal(err)
		}
		if ids := db.Client.Customer.Query().Where(pred).IDsX(admin); len(ids) != 1 || ids[0] != late.ID {
			t.Fatalf("customers with overdue receivables: %v; want [%d]", ids, late.ID)
		}
		notPred, _ := f.s.HasOverdue(admin, false)
		if n := db.Client.Customer.Query().Where(notPred, customer.IDIn(late.ID, onTime.ID, clean.ID)).CountX(admin); n != 2 {
			t.Fatalf("customers without: %d; want 2", n)
		}
		if _, err := f.s.HasOverdue(partner, true); code(err) != errs.Forbidden {
			t.Fatalf("partner filter: %v; want FORBIDDEN", err)
		}
	})
}

func TestOverdueRaisesRisk(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		mgr := f.user("m@example.com", viewer.RoleManager)
		now := f.clk.Now()
		late, recent, pooled := f.account("Late", mgr), f.account("Recent", mgr), f.account("Pooled", nil)
		for _, c := range []*ent.Customer{late, recent, pooled} {
			// Recent orders and care, so no other rule fires.
			db.Client.Order.Create().SetCustomerID(c.ID).SetSource("t").SetExternalID(c.Name).SetAmount(1).SetCurrency("CNY").ExecX(f.sys)
		}
		f.invoice(admin, late, "L", 100, "CNY", now.Add(day))      //nolint:errcheck
		f.invoice(admin, recent, "R", 100, "CNY", now.Add(25*day)) //nolint:errcheck
		f.invoice(admin, pooled, "P", 100, "CNY", now.Add(day))    //nolint:errcheck
		st := &settings.Store{Client: db.Client}
		rules := settings.DefaultAccounts
		rules.Risk.OverdueDays, rules.Risk.OverdueLevel = 30, customer.RiskLevelEXIT
		if _, err := st.UpdateAccounts(admin, rules); err != nil {
			t.Fatal(err)
		}
		bad := rules
		bad.Risk.OverdueDays = -1
		if _, err := st.UpdateAccounts(admin, bad); code(err) != errs.Invalid {
			t.Fatalf("negative overdue days: %v", err)
		}
		bad = rules
		bad.Risk.OverdueLevel = "SOON"
		if _, err := st.UpdateAccounts(admin, bad); code(err) != errs.Invalid {
			t.Fatalf("unknown level: %v", err)
		}
		f.clk.Advance(40 * day) // L is 39 days overdue, R 15
		acc := &accounts.Service{Client: db.Client, Bus: pubsub.NewMemoryBus(), Settings: st, Clock: f.clk, Signals: receivables.Signals()}
		if _, err := acc.EvaluateRisk(context.Background()); err != nil {
			t.Fatal(err)
		}
		for c, want := range map[*ent.Customer]customer.RiskLevel{late: customer.RiskLevelEXIT, recent: customer.RiskLevelNORMAL, pooled: customer.RiskLevelNORMAL} {
			got := db.Client.Customer.GetX(f.sys, c.ID)
			if got.RiskLevel != want {
				t.Errorf("%s: %s (%s); want %s", c.Name, got.RiskLevel, got.RiskReason, want)
			}
		}
	})
}

// Changing the reporting currency rewrites the receivables' reporting
// amounts along with the orders'.
func TestReportingCurrencyChangeReconvertsReceivables(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		c := f.account("Acme", nil)
		inv, err := f.invoice(admin, c, "X-1", 8000, "CNY", f.clk.Now().Add(day))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.RecordPayment(admin, receivables.PaymentInput{InvoiceID: inv.ID, Amount: 4000}); err != nil {
			t.Fatal(err)
		}
		st := &settings.Store{Client: db.Client}
		usd := "USD"
		if _, err := st.Update(admin, settings.Patch{ReportingCurrency: &usd, ExchangeRates: []settings.ExchangeRate{{Currency: "CNY", Rate: 0.125}}}); err != nil {
			t.Fatal(err)
		}
		inv = db.Client.Invoice.GetX(f.sys, inv.ID)
		p := db.Client.Payment.Query().OnlyX(f.sys)
		if inv.ReportingAmount != 1000 || inv.ReportingPaid != 500 || p.ReportingAmount != 500 {
			t.Fatalf("after switching to USD: invoice %d paid %d, payment %d; want 1000, 500, 500", inv.ReportingAmount, inv.ReportingPaid, p.ReportingAmount)
		}
	})
}
