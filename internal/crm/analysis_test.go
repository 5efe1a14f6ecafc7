package crm_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/crm"
	custsvc "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func names(cs []*ent.Customer) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Name)
	}
	slices.Sort(out)
	return out
}

// TestAnalysis reads the fixture of TestRecompute after one recompute; the
// expected values are worked out by hand in the comments.
func TestAnalysis(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		fx := newFixture(t, db)
		if _, err := fx.s.Recompute(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		ctx := fx.marketer
		member := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 99, Role: viewer.RoleMember, CustomerID: fx.c.ID})

		t.Run("Pareto", func(t *testing.T) {
			// Best first: B 4500, A 4000, C 400, D −200; total 8700.
			curve, err := fx.s.ParetoCurve(ctx, 4)
			if err != nil {
				t.Fatal(err)
			}
			want := []struct {
				k     int
				share float64
			}{{0, 0}, {1, 4500.0 / 8700}, {2, 8500.0 / 8700}, {3, 8900.0 / 8700}, {4, 1}}
			if len(curve) != len(want) {
				t.Fatalf("curve = %d points", len(curve))
			}
			for i, w := range want {
				p := curve[i]
				if p.Customers != w.k || !near(p.CustomerShare, float64(w.k)/4) || !near(p.ContributionShare, w.share) {
					t.Errorf("point %d = %+v; want %d customers, share %v", i, *p, w.k, w.share)
				}
			}
			sum, err := fx.s.Pareto(ctx)
			// The best fifth of 4 is ⌈4/5⌉ = 1 customer: B.
			if err != nil || sum.Customers != 4 || sum.TotalContribution != 8700 || !near(sum.TopShare, 4500.0/8700) {
				t.Fatalf("summary = %+v, %v", sum, err)
			}
			for _, bad := range []int{0, crm.MaxParetoPoints + 1} {
				if _, err := fx.s.ParetoCurve(ctx, bad); errs.CodeOf(err) != errs.Invalid {
					t.Errorf("points %d: %v", bad, err)
				}
			}
			if _, err := fx.s.ParetoCurve(member, 4); errs.CodeOf(err) != errs.Forbidden {
				t.Errorf("member: %v", err)
			}
			if !crm.InTop20(fp(80)) || crm.InTop20(fp(79.99)) || crm.InTop20(nil) {
				t.Error("top 20 % is a percentile of 80 or more")
			}
		})

		t.Run("RFMGrid", func(t *testing.T) {
			grid, err := fx.s.RFMGrid(ctx)
			if err != nil || len(grid) != 25 {
				t.Fatalf("grid = %v, %v", grid, err)
			}
			want := map[[2]int]int64{{4, 5}: 5000, {4, 4}: 6000, {2, 1}: 500, {1, 2}: 600}
			for _, c := range grid {
				m, ok := want[[2]int{c.Recency, c.Frequency}]
				if (ok && (c.Customers != 1 || c.Monetary != m)) || (!ok && c.Customers != 0) {
					t.Errorf("cell %+v", *c)
				}
			}
		})

		t.Run("Tiers", func(t *testing.T) {
			counts, err := fx.s.TierCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[customer.ValueTier][2]int64{}
			for _, c := range counts {
				got[c.Tier] = [2]int64{int64(c.Customers), c.Contribution}
			}
			want := map[customer.ValueTier][2]int64{
				customer.ValueTierMVC: {1, 4500}, customer.ValueTierMGC: {1, 4000},
				customer.ValueTierORDINARY: {3, 400}, customer.ValueTierBZ: {1, -200},
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("tier counts = %v; want %v", got, want)
			}
			moves, err := fx.s.TierMovements(ctx, daysAgo(1), now.Add(time.Hour))
			if err != nil || len(moves) != 3 {
				t.Fatalf("movements = %v, %v", moves, err)
			}
			for _, m := range moves {
				if m.From != customer.ValueTierORDINARY || m.Customers != 1 {
					t.Errorf("movement %+v", *m)
				}
			}
			if _, err := fx.s.TierMovements(ctx, now, now); errs.CodeOf(err) != errs.Invalid {
				t.Errorf("empty period: %v", err)
			}
		})

		t.Run("Affinities", func(t *testing.T) {
			// Baskets: A {tea, cups}, B {tea, cups, cakes}, C {tea} (its cakes
			// were cancelled), D {cakes}, E {tea}. 5 customers; tea 4, cups 2,
			// cakes 2. cups→tea: 2 both, confidence 1, lift 1/(4/5) = 1.25.
			got, err := fx.s.CategoryAffinities(ctx, 1, 100)
			if err != nil {
				t.Fatal(err)
			}
			want := []crm.CategoryAffinity{
				{Category: "cups", Other: "tea", Customers: 2, Support: 0.4, Confidence: 1, Lift: 1.25},
				{Category: "tea", Other: "cups", Customers: 2, Support: 0.4, Confidence: 0.5, Lift: 1.25},
				{Category: "cakes", Other: "cups", Customers: 1, Support: 0.2, Confidence: 0.5, Lift: 1.25},
				{Category: "cups", Other: "cakes", Customers: 1, Support: 0.2, Confidence: 0.5, Lift: 1.25},
				{Category: "cakes", Other: "tea", Customers: 1, Support: 0.2, Confidence: 0.5, Lift: 0.625},
				{Category: "tea", Other: "cakes", Customers: 1, Support: 0.2, Confidence: 0.25, Lift: 0.625},
			}
			if len(got) != len(want) {
				t.Fatalf("affinities = %d; want %d", len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.Category != w.Category || g.Other != w.Other || g.Customers != w.Customers ||
					!near(g.Support, w.Support) || !near(g.Confidence, w.Confidence) || !near(g.Lift, w.Lift) {
					t.Errorf("affinity %d = %+v; want %+v", i, *g, w)
				}
			}
			if got, _ := fx.s.CategoryAffinities(ctx, 2, 100); len(got) != 2 {
				t.Errorf("with at least 2 customers: %d pairs; want 2", len(got))
			}
		})

		t.Run("CrossSell", func(t *testing.T) {
			for _, c := range []struct {
				name string
				who  *ent.Customer
				want []crm.CrossSell
			}{
				// C buys tea; A, B and E do too: cups (A, B), cakes (B).
				{"C", fx.c, []crm.CrossSell{{Category: "cups", Customers: 2, Share: 2.0 / 3}, {Category: "cakes", Customers: 1, Share: 1.0 / 3}}},
				// D buys cakes; only B does too, who buys cups and tea.
				{"D", fx.d, []crm.CrossSell{{Category: "cups", Customers: 1, Share: 1}, {Category: "tea", Customers: 1, Share: 1}}},
				{"B buys everything", fx.b, nil},
				{"F buys nothing", fx.f, nil},
			} {
				t.Run(c.name, func(t *testing.T) {
					who := db.Client.Customer.GetX(fx.admin, c.who.ID)
					got, err := fx.s.CrossSellFor(ctx, who, 5)
					if err != nil || len(got) != len(c.want) {
						t.Fatalf("cross-sell = %v, %v; want %v", got, err, c.want)
					}
					for i, w := range c.want {
						if got[i].Category != w.Category || got[i].Customers != w.Customers || !near(got[i].Share, w.Share) {
							t.Errorf("suggestion %d = %+v; want %+v", i, *got[i], w)
						}
					}
				})
			}
			if got, err := fx.s.CrossSellFor(member, db.Client.Customer.GetX(fx.admin, fx.c.ID), 5); err != nil || len(got) != 0 {
				t.Errorf("member's cross-sell = %v, %v; want none", got, err)
			}
			q := db.Client.Customer.Query().Where(crm.Bought("tea", true), crm.Bought("cakes", false))
			if got := names(q.AllX(fx.admin)); fmt.Sprint(got) != "[A C E]" {
				t.Errorf("bought tea but not cakes = %v; want [A C E] (C's cakes were cancelled)", got)
			}
		})

		t.Run("Anticipation", func(t *testing.T) {
			// DueSoonDays 30: A's next order is 20 days ahead; D and E are
			// past theirs; B's is 135 days ahead; C and F have no rhythm.
			for _, c := range []struct {
				who  *ent.Customer
				want string
			}{{fx.a, "DUE_SOON"}, {fx.b, ""}, {fx.c, ""}, {fx.d, "OVERDUE"}, {fx.e, "OVERDUE"}, {fx.f, ""}} {
				cu := db.Client.Customer.GetX(fx.admin, c.who.ID)
				st, err := fx.s.StatusOf(ctx, cu.ExpectedNextOrderAt)
				got := ""
				if st != nil {
					got = string(*st)
				}
				if err != nil || got != c.want {
					t.Errorf("%s: status %q, %v; want %q", cu.Name, got, err, c.want)
				}
			}
			for st, want := range map[crm.DueStatus]string{crm.DueSoon: "[A]", crm.Overdue: "[D E]"} {
				p, err := fx.s.DuePredicate(ctx, st)
				if err != nil {
					t.Fatal(err)
				}
				if got := names(db.Client.Customer.Query().Where(p).AllX(fx.admin)); fmt.Sprint(got) != want {
					t.Errorf("%s = %v; want %s", st, got, want)
				}
			}
		})
	})
}

// TestBasketsFollowTheRecompute: the stored categories, cross-sell and
// affinities describe the orders as of the last recompute; a cancelled only
// sale clears the customer's categories at the next one.
func TestBasketsFollowTheRecompute(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		fx := newFixture(t, db)
		ctx := fx.marketer
		// G bought something without a category: scored, no basket.
		g := db.Client.Customer.Create().SetName("G").SaveX(auth.System(context.Background()))
		fx.sale(t, g, 5, 100, 0, "")
		res, err := fx.s.Recompute(context.Background(), nil)
		// Baskets {cups, tea} A, {cakes, cups, tea} B, {tea} C and E, {cakes} D.
		if err != nil || res.Baskets != 4 {
			t.Fatalf("recompute = %+v, %v; want 4 baskets", res, err)
		}
		bought := func(c *ent.Customer) string {
			return fmt.Sprint(crm.Categories(db.Client.Customer.GetX(fx.admin, c.ID).CategorySet))
		}
		for _, w := range []struct {
			c    *ent.Customer
			want string
		}{{fx.a, "[cups tea]"}, {fx.b, "[cakes cups tea]"}, {fx.c, "[tea]"}, {fx.d, "[cakes]"}, {fx.e, "[tea]"}, {fx.f, "[]"}, {g, "[]"}} {
			if got := bought(w.c); got != w.want {
				t.Errorf("%s bought %s; want %s", w.c.Name, got, w.want)
			}
		}
		crossSell := func(c *ent.Customer) string {
			got, err := fx.s.CrossSellFor(ctx, db.Client.Customer.GetX(fx.admin, c.ID), 5)
			if err != nil {
				t.Fatal(err)
			}
			out := []string{}
			for _, s := range got {
				out = append(out, fmt.Sprintf("%s %d %.3f", s.Category, s.Customers, s.Share))
			}
			return fmt.Sprint(out)
		}
		firstAffinity := func() string {
			got, err := fx.s.CategoryAffinities(ctx, 1, 1)
			if err != nil || len(got) != 1 {
				t.Fatalf("affinities = %v, %v", got, err)
			}
			a := got[0]
			return fmt.Sprintf("%s→%s %d %.3f %.3f %.3f", a.Category, a.Other, a.Customers, a.Support, a.Confidence, a.Lift)
		}
		// E buys tea, like A, B and C: cups 2 of 3, cakes 1 of 3.
		if got := crossSell(fx.e); got != "[cups 2 0.667 cakes 1 0.333]" {
			t.Fatalf("E's cross-sell = %s", got)
		}
		if got := firstAffinity(); got != "cups→tea 2 0.400 1.000 1.250" {
			t.Fatalf("first affinity = %s", got)
		}
		var stamp string
		if err := db.SQL.QueryRow("SELECT CAST(updated_at AS TEXT) FROM settings WHERE key = 'crm_baskets'").Scan(&stamp); err != nil {
			t.Fatal(err)
		}

		// C's only sale is cancelled: nothing changes until the recompute.
		tea := db.Client.Order.Query().Where(order.CustomerID(fx.c.ID), order.ProductCategory("tea")).OnlyX(fx.admin)
		cs := &custsvc.Service{Client: db.Client, Now: fx.clk.Now}
		if _, err := cs.CancelOrder(fx.admin, tea.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got := bought(fx.c); got != "[tea]" {
			t.Fatalf("C before the recompute bought %s; want [tea]", got)
		}
		if got := crossSell(fx.e); got != "[cups 2 0.667 cakes 1 0.333]" {
			t.Fatalf("E's cross-sell before the recompute = %s", got)
		}
		fx.clk.Advance(time.Minute)
		if res, err = fx.s.Recompute(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if got := bought(fx.c); got != "[]" {
			t.Fatalf("C after the recompute bought %s; want nothing", got)
		}
		if got := crossSell(fx.c); got != "[]" {
			t.Fatalf("C's cross-sell = %s; want none", got)
		}
		// E's look-alikes are A and B now; baskets A, B, D, E: tea 3 of 4,
		// cups 2: cups→tea lift 1 / (3/4).
		if got := crossSell(fx.e); got != "[cups 2 1.000 cakes 1 0.500]" {
			t.Fatalf("E's cross-sell after the recompute = %s", got)
		}
		if got := firstAffinity(); got != "cups→tea 2 0.500 1.000 1.333" {
			t.Fatalf("first affinity after the recompute = %s", got)
		}
		var stamp2 string
		if err := db.SQL.QueryRow("SELECT CAST(updated_at AS TEXT) FROM settings WHERE key = 'crm_baskets'").Scan(&stamp2); err != nil || stamp2 == stamp {
			t.Fatalf("basket table not rewritten: %q, %v", stamp2, err)
		}

		// Nothing changed: the basket table is not written again.
		fx.clk.Advance(time.Minute)
		if res, err = fx.s.Recompute(context.Background(), nil); err != nil || res.Changed != 0 || res.Baskets != 4 {
			t.Fatalf("steady recompute = %+v, %v", res, err)
		}
		var stamp3 string
		if err := db.SQL.QueryRow("SELECT CAST(updated_at AS TEXT) FROM settings WHERE key = 'crm_baskets'").Scan(&stamp3); err != nil || stamp3 != stamp2 {
			t.Fatalf("unchanged basket table rewritten: %q then %q, %v", stamp2, stamp3, err)
		}
	})
}
