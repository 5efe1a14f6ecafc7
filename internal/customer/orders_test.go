package customer_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

type orderFixture struct {
	db                *store.DB
	s                 *customer.Service
	admin, manager    context.Context
	member            context.Context
	acme, foreign     *ent.Customer
	sale, foreignSale *ent.Order
}

func newOrderFixture(t *testing.T, db *store.DB, now time.Time) *orderFixture {
	t.Helper()
	sys := auth.System(context.Background())
	adm := db.Client.User.Create().SetEmail("a@example.com").SetPasswordHash("x").SetRole("ADMIN").SaveX(sys)
	mgr := db.Client.User.Create().SetEmail("m@example.com").SetPasswordHash("x").SetRole("MANAGER").SaveX(sys)
	other := db.Client.User.Create().SetEmail("o@example.com").SetPasswordHash("x").SetRole("MANAGER").SaveX(sys)
	mem := db.Client.User.Create().SetEmail("u@example.com").SetPasswordHash("x").SetRole("MEMBER").SaveX(sys)
	f := &orderFixture{db: db, s: &customer.Service{Client: db.Client, Now: func() time.Time { return now }}}
	f.admin = viewer.NewContext(context.Background(), viewer.Viewer{UserID: adm.ID, Role: viewer.RoleAdmin})
	f.manager = viewer.NewContext(context.Background(), viewer.Viewer{UserID: mgr.ID, Role: viewer.RoleManager})
	f.acme = db.Client.Customer.Create().SetName("Acme").SetOwnerID(mgr.ID).SaveX(sys)
	f.foreign = db.Client.Customer.Create().SetName("Globex").SetOwnerID(other.ID).SaveX(sys)
	own := db.Client.Customer.Create().SetName("Una").SetUserID(mem.ID).SaveX(sys)
	f.member = viewer.NewContext(context.Background(), viewer.Viewer{UserID: mem.ID, Role: viewer.RoleMember, CustomerID: own.ID})
	mk := func(c *ent.Customer, ext string) *ent.Order {
		return db.Client.Order.Create().SetCustomerID(c.ID).SetSource("shop").SetExternalID(ext).
			SetAmount(1000).SetCostToServe(300).SetCurrency("USD").SetOrderedAt(now.Add(-time.Hour)).SaveX(sys)
	}
	f.sale, f.foreignSale = mk(f.acme, "1"), mk(f.foreign, "2")
	return f
}

func TestCancelOrder_RecordsANegatedCancellation(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newOrderFixture(t, db, now)
		refused := []struct {
			name string
			ctx  context.Context
			id   int
			code errs.Code
		}{
			{"Member", f.member, f.sale.ID, errs.NotFound},
			{"OtherManagersAccount", f.manager, f.foreignSale.ID, errs.Forbidden},
			{"Missing", f.admin, f.sale.ID + 1000, errs.NotFound},
		}
		for _, r := range refused {
			t.Run(r.name, func(t *testing.T) {
				if _, err := f.s.CancelOrder(r.ctx, r.id, nil); errs.CodeOf(err) != r.code {
					t.Fatalf("CancelOrder = %v; want %s", err, r.code)
				}
			})
		}
		if n := db.Client.Order.Query().Where(order.KindEQ(order.KindCANCELLATION)).CountX(f.admin); n != 0 {
			t.Fatalf("refused cancellations wrote %d rows", n)
		}
		c, err := f.s.CancelOrder(f.manager, f.sale.ID, ptr("  returned  "))
		if err != nil {
			t.Fatal(err)
		}
		if c.Kind != order.KindCANCELLATION || c.CancelsID == nil || *c.CancelsID != f.sale.ID ||
			c.Amount != -1000 || c.CostToServe != -300 || c.ReportingAmount != -f.sale.ReportingAmount ||
			c.Currency != "USD" || c.Note != "returned" || !c.OrderedAt.Equal(now) {
			t.Fatalf("cancellation = %+v", c)
		}
		again := []struct {
			name string
			id   int
		}{{"SaleTwice", f.sale.ID}, {"TheCancellation", c.ID}}
		for _, a := range again {
			t.Run(a.name, func(t *testing.T) {
				if _, err := f.s.CancelOrder(f.admin, a.id, nil); errs.CodeOf(err) != errs.Conflict {
					t.Fatalf("CancelOrder = %v; want CONFLICT", err)
				}
			})
		}
		// Two concurrent cancellations of one sale: one wins.
		var wg sync.WaitGroup
		results := make([]error, 2)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, results[i] = f.s.CancelOrder(f.admin, f.foreignSale.ID, nil)
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range results {
			if err == nil {
				ok++
			} else if errs.CodeOf(err) != errs.Conflict {
				t.Fatalf("racing cancellation: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d of 2 racing cancellations succeeded; want 1", ok)
		}
		sale := db.Client.Order.GetX(f.admin, f.sale.ID)
		if sale.Amount != 1000 || sale.Kind != order.KindSALE {
			t.Fatalf("the sale changed: %+v", sale)
		}
	})
}

func TestContributions_PerPeriodInTheSettingsTimeZone(t *testing.T) {
	// Asia/Shanghai is UTC+8: 2026-01-31T20:00Z is already February there.
	now := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newOrderFixture(t, db, now)
		sys := auth.System(context.Background())
		add := func(ext string, at time.Time, amount, cost int64, cur string) *ent.Order {
			return db.Client.Order.Create().SetCustomerID(f.acme.ID).SetSource("pos").SetExternalID(ext).
				SetAmount(amount).SetCostToServe(cost).SetCurrency(cur).SetOrderedAt(at).SaveX(sys)
		}
		add("jan", time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), 10000, 2000, "CNY")
		add("feb-local", time.Date(2026, 1, 31, 20, 0, 0, 0, time.UTC), 5000, 1000, "CNY")
		feb := add("feb", time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), 1000, 500, "USD") // ¥72.00 / ¥36.00
		if _, err := f.s.CancelOrder(f.admin, feb.ID, nil); err != nil {                  // on April 1st
			t.Fatal(err)
		}
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
		to := time.Date(2026, 4, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))

		rep, err := f.s.Contributions(f.manager, f.acme.ID, from, to, customer.Month)
		if err != nil {
			t.Fatal(err)
		}
		type got struct {
			rev, cost, contrib int64
			orders             int
		}
		want := []got{{10000, 2000, 8000, 1}, {5000 + 7200, 1000 + 3600, 4000 + 3600, 2}, {0, 0, 0, 0}}
		if rep.Currency != "CNY" || len(rep.Periods) != 3 {
			t.Fatalf("report = %+v; want 3 months in CNY", rep)
		}
		for i, w := range want {
			p := rep.Periods[i]
			if (got{p.Revenue, p.CostToServe, p.Contribution, p.Orders}) != w {
				t.Errorf("month %d (%s) = %+v; want %+v", i+1, p.Start, p, w)
			}
		}
		// The window ends before the cancellation (April 1st, Shanghai 08:00),
		// so the total still counts the February sale.
		if rep.Total.Contribution != 8000+7600 {
			t.Errorf("total = %+v", rep.Total)
		}
		all, err := f.s.Contributions(f.admin, f.acme.ID, from, to.AddDate(0, 1, 0), customer.Quarter)
		if err != nil {
			t.Fatal(err)
		}
		// The sale of ext "1" (07:00 on April 1st in Shanghai) and the
		// cancellation of the February sale (08:00) fall in the second quarter:
		// its revenue nets to zero, and the cancelled sale's larger cost comes back.
		q2 := all.Periods[1]
		if len(all.Periods) != 2 || all.Periods[0].Contribution != 15600 || all.Periods[0].Orders != 3 ||
			q2.Revenue != 0 || q2.CostToServe != 2160-3600 || q2.Orders != 0 || all.Total.Orders != 3 {
			t.Errorf("quarters = %+v", all)
		}
		bad := []struct {
			name     string
			from, to time.Time
			unit     customer.PeriodUnit
			field    string
		}{
			{"Backwards", to, from, customer.Month, "to"},
			{"TooMany", from.AddDate(-11, 0, 0), to, customer.Month, "from"},
			{"Unit", from, to, "WEEK", "period"},
		}
		for _, b := range bad {
			t.Run(b.name, func(t *testing.T) {
				_, err := f.s.Contributions(f.admin, f.acme.ID, b.from, b.to, b.unit)
				if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || e.Field != b.field {
					t.Fatalf("Contributions = %v; want BAD_USER_INPUT on %s", err, b.field)
				}
			})
		}
		// A member reads only their own customer's orders: another's report is empty.
		other, err := f.s.Contributions(f.member, f.acme.ID, from, to, customer.Month)
		if err != nil || other.Total.Orders != 0 || other.Total.Revenue != 0 {
			t.Fatalf("member sees %+v, %v", other.Total, err)
		}
	})
}
