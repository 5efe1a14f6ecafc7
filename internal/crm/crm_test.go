package crm_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/fieldchange"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/crm"
	custsvc "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func daysAgo(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }

// fixture: six customers whose scores are worked out by hand in the comments
// of TestRecompute (window 365 days, growth period 90 days, MVC at 80).
type fixture struct {
	db               *store.DB
	s                *crm.Service
	clk              *clock.Fixed
	admin, marketer  context.Context
	a, b, c, d, e, f *ent.Customer
	nextExt          int
	cancelledSale    *ent.Order
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	sys := auth.System(context.Background())
	adm := db.Client.User.Create().SetEmail("a@example.com").SetPasswordHash("x").SetRole("ADMIN").SaveX(sys)
	mk := db.Client.User.Create().SetEmail("m@example.com").SetPasswordHash("x").SetRole("MARKETER").SaveX(sys)
	fx := &fixture{db: db, clk: clock.NewFixed(now)}
	fx.admin = viewer.NewContext(context.Background(), viewer.Viewer{UserID: adm.ID, Role: viewer.RoleAdmin})
	fx.marketer = viewer.NewContext(context.Background(), viewer.Viewer{UserID: mk.ID, Role: viewer.RoleMarketer})
	st := &settings.Store{Client: db.Client}
	sc := settings.DefaultScores
	sc.DueSoonDays = 30
	if _, err := st.UpdateScores(fx.admin, sc); err != nil {
		t.Fatal(err)
	}
	fx.s = &crm.Service{DB: db, Settings: st, Clock: fx.clk}
	cust := func(name string) *ent.Customer { return db.Client.Customer.Create().SetName(name).SaveX(sys) }
	fx.a, fx.b, fx.c, fx.d, fx.e, fx.f = cust("A"), cust("B"), cust("C"), cust("D"), cust("E"), cust("F")
	// A: five sales, 1000 − 200 each, 10…130 days ago, in categories tea and cups.
	for i, ago := range []int{10, 40, 70, 100, 130} {
		cat := "tea"
		if i%2 == 1 {
			cat = "cups"
		}
		fx.sale(t, fx.a, ago, 1000, 200, cat)
	}
	// B: three sales of 2000 − 500, 10, 200 and 300 days ago (tea, cups, cakes).
	fx.sale(t, fx.b, 10, 2000, 500, "tea")
	fx.sale(t, fx.b, 200, 2000, 500, "cups")
	fx.sale(t, fx.b, 300, 2000, 500, "cakes")
	// C: one sale of 500 − 100 20 days ago, and a cancelled one of 9999.
	fx.sale(t, fx.c, 20, 500, 100, "tea")
	fx.cancelledSale = fx.sale(t, fx.c, 15, 9999, 0, "cakes")
	cs := &custsvc.Service{Client: db.Client, Now: fx.clk.Now}
	if _, err := cs.CancelOrder(fx.admin, fx.cancelledSale.ID, nil); err != nil {
		t.Fatal(err)
	}
	// D: two sales of 300 − 400 (a loss), 300 and 330 days ago.
	fx.sale(t, fx.d, 300, 300, 400, "cakes")
	fx.sale(t, fx.d, 330, 300, 400, "cakes")
	// E: two sales before the window, 500 and 600 days ago.
	fx.sale(t, fx.e, 500, 100, 0, "tea")
	fx.sale(t, fx.e, 600, 100, 0, "tea")
	// F: no orders.
	return fx
}

func (fx *fixture) sale(t *testing.T, c *ent.Customer, ago int, amount, cost int64, cat string) *ent.Order {
	t.Helper()
	fx.nextExt++
	return fx.db.Client.Order.Create().SetCustomerID(c.ID).SetSource("shop").SetExternalID(string(rune('a'+fx.nextExt%26)) + time.Duration(fx.nextExt).String()).
		SetAmount(amount).SetCostToServe(cost).SetCurrency("CNY").SetProductCategory(cat).SetOrderedAt(daysAgo(ago)).
		SaveX(auth.System(context.Background()))
}

func ip(i int) *int { return &i }

func seg(s customer.RfmSegment) *customer.RfmSegment { return &s }

func TestRecompute(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		fx := newFixture(t, db)
		res, err := fx.s.Recompute(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		// Five customers have sales, four in the window (E's are older).
		// Three tiers change: A → MGC, B → MVC, D → BZ.
		if res.Customers != 5 || res.Scored != 4 || res.TierChanges != 3 || res.Changed != 5 {
			t.Fatalf("result = %+v", res)
		}
		day := 24 * time.Hour
		for _, w := range []struct {
			name     string
			c        *ent.Customer
			r, f, m  *int
			segment  *customer.RfmSegment
			count    int
			monetary int64
			contrib  int64
			pareto   *float64
			tier     customer.ValueTier
			next     *time.Time
			last     *time.Time
		}{
			// Recency: last orders D 300, C 20, A and B 10 days ago: ranks 1, 2,
			// 3, 3 of 4 → 1 + ⌊5(r−1)/3⌋ = 1, 2, 4, 4 (the tie shares 4).
			// Frequency: C 1, D 2, B 3, A 5 → 1, 2, 4, 5 (capped at 5).
			// Monetary: C 500, D 600, A 5000, B 6000 → 1, 2, 4, 5.
			// Contribution: D −200, C 400, A 4000, B 4500 → percentiles 0,
			// 33.3, 66.7, 100.
			// A grew: 2400 in the last 90 days against 1600 in the 90 before
			// (+50 % > 20 %), and bought before the growth period → MGC.
			// A's rhythm: 120 days over 4 gaps → next 30 days after 10 days ago.
			{"A", fx.a, ip(4), ip(5), ip(4), seg(customer.RfmSegmentCHAMPIONS), 5, 5000, 4000, fp(200.0 / 3), customer.ValueTierMGC, tp(now.Add(20 * day)), tp(daysAgo(10))},
			{"B", fx.b, ip(4), ip(4), ip(5), seg(customer.RfmSegmentCHAMPIONS), 3, 6000, 4500, fp(100), customer.ValueTierMVC, tp(now.Add(135 * day)), tp(daysAgo(10))},
			// C: the cancelled sale counts nowhere; one sale has no rhythm.
			{"C", fx.c, ip(2), ip(1), ip(1), seg(customer.RfmSegmentHIBERNATING), 1, 500, 400, fp(100.0 / 3), customer.ValueTierORDINARY, nil, tp(daysAgo(20))},
			{"D", fx.d, ip(1), ip(2), ip(2), seg(customer.RfmSegmentLOST), 2, 600, -200, fp(0), customer.ValueTierBZ, tp(daysAgo(270)), tp(daysAgo(300))},
			// E: outside the window, unscored, but its rhythm says overdue.
			{"E", fx.e, nil, nil, nil, nil, 0, 0, 0, nil, customer.ValueTierORDINARY, tp(daysAgo(400)), tp(daysAgo(500))},
			{"F", fx.f, nil, nil, nil, nil, 0, 0, 0, nil, customer.ValueTierORDINARY, nil, nil},
		} {
			t.Run(w.name, func(t *testing.T) {
				got := db.Client.Customer.GetX(fx.admin, w.c.ID)
				if !eqInt(got.RfmRecency, w.r) || !eqInt(got.RfmFrequency, w.f) || !eqInt(got.RfmMonetary, w.m) {
					t.Errorf("RFM = %v %v %v; want %v %v %v", pi(got.RfmRecency), pi(got.RfmFrequency), pi(got.RfmMonetary), pi(w.r), pi(w.f), pi(w.m))
				}
				if (got.RfmSegment == nil) != (w.segment == nil) || (got.RfmSegment != nil && *got.RfmSegment != *w.segment) {
					t.Errorf("segment = %v; want %v", got.RfmSegment, w.segment)
				}
				if got.OrderCount != w.count || got.Monetary != w.monetary || got.Contribution != w.contrib {
					t.Errorf("count, monetary, contribution = %d %d %d; want %d %d %d", got.OrderCount, got.Monetary, got.Contribution, w.count, w.monetary, w.contrib)
				}
				if (got.ParetoPercentile == nil) != (w.pareto == nil) || (got.ParetoPercentile != nil && math.Abs(*got.ParetoPercentile-*w.pareto) > 1e-9) {
					t.Errorf("pareto = %v; want %v", pf(got.ParetoPercentile), pf(w.pareto))
				}
				if got.ValueTier != w.tier {
					t.Errorf("tier = %s; want %s", got.ValueTier, w.tier)
				}
				if !eqTime(got.ExpectedNextOrderAt, w.next) || !eqTime(got.LastOrderAt, w.last) {
					t.Errorf("next, last = %v %v; want %v %v", got.ExpectedNextOrderAt, got.LastOrderAt, w.next, w.last)
				}
			})
		}
		hist := db.Client.FieldChange.Query().Where(fieldchange.Field("value_tier")).AllX(fx.admin)
		want := map[int]string{fx.a.ID: `"MGC"`, fx.b.ID: `"MVC"`, fx.d.ID: `"BZ"`}
		if len(hist) != 3 {
			t.Fatalf("tier history = %d rows; want 3", len(hist))
		}
		for _, h := range hist {
			if want[h.EntityID] != h.NewValue || h.OldValue != `"ORDINARY"` || h.EntityType != "Customer" || !h.CreatedAt.Equal(now) {
				t.Errorf("history row %+v", h)
			}
		}

		// Nothing changed: nothing is written.
		res, err = fx.s.Recompute(context.Background(), nil)
		if err != nil || res.Changed != 0 || res.TierChanges != 0 {
			t.Fatalf("second recompute = %+v, %v; want no change", res, err)
		}

		// 400 days on, every sale is outside the window: scores go, tiers
		// return to ORDINARY (three more history rows), rhythms stay.
		fx.clk.Advance(400 * day)
		res, err = fx.s.Recompute(context.Background(), nil)
		if err != nil || res.Scored != 0 || res.TierChanges != 3 {
			t.Fatalf("recompute later = %+v, %v", res, err)
		}
		a := db.Client.Customer.GetX(fx.admin, fx.a.ID)
		if a.RfmRecency != nil || a.ParetoPercentile != nil || a.ValueTier != customer.ValueTierORDINARY || a.ExpectedNextOrderAt == nil || a.OrderCount != 0 {
			t.Fatalf("A later = %+v", a)
		}
	})
}

func TestSegments(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		for _, c := range []struct {
			r, f, m int
			want    string
		}{
			{5, 5, 5, "CHAMPIONS"}, {4, 4, 4, "CHAMPIONS"},
			{4, 4, 3, "LOYAL"}, {3, 5, 1, "LOYAL"},
			{5, 1, 1, "NEW"}, {4, 1, 5, "NEW"},
			{5, 2, 2, "POTENTIAL"}, {3, 3, 3, "POTENTIAL"}, {3, 1, 1, "POTENTIAL"},
			{2, 4, 4, "CANT_LOSE"}, {1, 5, 5, "CANT_LOSE"},
			{2, 3, 2, "AT_RISK"}, {1, 4, 3, "AT_RISK"}, {2, 5, 1, "AT_RISK"},
			{2, 2, 5, "HIBERNATING"}, {2, 1, 1, "HIBERNATING"},
			{1, 2, 5, "LOST"}, {1, 1, 1, "LOST"},
		} {
			got, err := crm.SegmentOf(context.Background(), db, c.r, c.f, c.m)
			if err != nil || got != c.want {
				t.Errorf("segment(%d, %d, %d) = %q, %v; want %s", c.r, c.f, c.m, got, err, c.want)
			}
		}
	})
}

func eqInt(a, b *int) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func eqTime(a, b *time.Time) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && a.Sub(*b).Abs() < time.Millisecond)
}

func pi(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func pf(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func fp(f float64) *float64 { return &f }

func tp(t time.Time) *time.Time { return &t }

func TestRecomputeIfDue(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		fx := newFixture(t, db) // recomputeMinutes 60
		ctx := context.Background()
		for i, step := range []struct {
			advance time.Duration
			ran     bool
		}{{0, true}, {59 * time.Minute, false}, {time.Minute, true}, {time.Minute, false}} {
			fx.clk.Advance(step.advance)
			ran, _, err := fx.s.RecomputeIfDue(ctx)
			if err != nil || ran != step.ran {
				t.Fatalf("step %d: ran %v, %v; want %v", i, ran, err, step.ran)
			}
		}
		if last, err := fx.s.LastRun(ctx); err != nil || !last.Equal(now.Add(time.Hour)) {
			t.Fatalf("last run = %v, %v", last, err)
		}
	})
}

func newService(t *testing.T, db *store.DB) *crm.Service {
	t.Helper()
	return &crm.Service{DB: db, Settings: &settings.Store{Client: db.Client}, Clock: clock.NewFixed(now)}
}
