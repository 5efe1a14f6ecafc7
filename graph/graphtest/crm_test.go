package graphtest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

const scoredPageQ = `query($n: Int) { customers(first: $n, orderBy: {field: MONETARY, direction: DESC}, where: {hasOrders: true}) {
  edges { node { id name monetary orderCount contribution valueTier paretoPercentile paretoTop20 lastOrderAt expectedNextOrderAt dueStatus
    rfm { recency frequency monetary segment } boughtCategories crossSell(limit: 3) { category customers share } } } } }`

// TestScoresNoNPlusOne: a page of customers sorted by monetary value with
// every score, the categories bought and three cross-sell suggestions costs
// the same statements for 5 rows as for 50, with the basket table cached
// (warm) and right after a recompute dropped it (cold: one statement more).
func TestScoresNoNPlusOne(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env, drv := startCounting(t, db)
		seedMany(t, env)
		ctx := auth.System(context.Background())
		c := env.DB.Client
		var extra []*ent.OrderCreate
		// Everyone buys tea; every second customer cups, every third cakes.
		for i, a := range c.Customer.Query().AllX(ctx) {
			for j, cat := range []string{"tea", "cups", "cakes"} {
				if i%(j+1) == 0 {
					extra = append(extra, c.Order.Create().SetCustomerID(a.ID).SetSource("extra").SetExternalID(fmt.Sprint(i, cat)).
						SetAmount(int64(10*i)).SetCurrency("CNY").SetProductCategory(cat))
				}
			}
		}
		c.Order.CreateBulk(extra...).ExecX(ctx)
		if _, err := env.Resolver.Scores.Recompute(ctx, nil); err != nil {
			t.Fatal(err)
		}
		tok := env.Staff("scores-marketer@example.com", viewer.RoleMarketer).Token
		// A first page loads the score settings dueStatus uses (cached for
		// a few seconds), so the pages counted all find them loaded.
		env.MustDo(tok, scoredPageQ, map[string]any{"n": 1})
		counts := map[string]int{}
		for _, page := range []struct {
			n    int
			cold bool
		}{{5, true}, {5, false}, {50, true}, {50, false}} {
			n := page.n
			if page.cold {
				// A recompute in this process drops the cached basket table.
				if _, err := env.Resolver.Scores.Recompute(ctx, nil); err != nil {
					t.Fatal(err)
				}
			}
			drv.take()
			r := env.MustDo(tok, scoredPageQ, map[string]any{"n": n})
			stmts := drv.take()
			key := fmt.Sprintf("%d %v", n, map[bool]string{true: "cold", false: "warm"}[page.cold])
			counts[key] = len(stmts)
			var d struct {
				Customers struct {
					Edges []struct {
						Node struct {
							Monetary         int64
							Rfm              *struct{ Recency, Frequency, Monetary int }
							BoughtCategories []string
							CrossSell        []struct{ Category string }
						}
					}
				}
			}
			if err := json.Unmarshal(r.Data, &d); err != nil || len(d.Customers.Edges) != n {
				t.Fatalf("page of %d: %s", n, r.Data)
			}
			offered := 0
			for i, e := range d.Customers.Edges {
				if e.Node.Rfm == nil || (i > 0 && e.Node.Monetary > d.Customers.Edges[i-1].Node.Monetary) {
					t.Fatalf("row %d not scored or not in monetary order: %s", i, r.Data)
				}
				// Tea and cups buyers are offered cakes; tea-only buyers cups
				// (bought by more of their look-alikes) first.
				b := strings.Join(e.Node.BoughtCategories, " ")
				want := map[string]string{"tea": "cups", "cups tea": "cakes", "cakes tea": "cups", "cakes cups tea": ""}[b]
				got := ""
				if len(e.Node.CrossSell) > 0 {
					got = e.Node.CrossSell[0].Category
					offered++
				}
				if got != want {
					t.Fatalf("row %d bought %q and is offered %q first; want %q: %s", i, b, got, want, r.Data)
				}
			}
			if offered == 0 {
				t.Fatalf("page of %d: no cross-sell at all: %s", n, r.Data)
			}
			if len(stmts) > 8 {
				t.Errorf("first: %s cost %d statements:\n%s", key, len(stmts), strings.Join(stmts, "\n"))
			}
		}
		t.Logf("statements per page: %v", counts)
		if counts["5 warm"] != counts["50 warm"] || counts["5 cold"] != counts["50 cold"] {
			t.Errorf("statements grow with the page: %v", counts)
		}
		if counts["5 cold"] != counts["5 warm"]+1 {
			t.Errorf("a cold basket table should cost one statement for the page: %v", counts)
		}
	})
}

// TestScoresEndToEnd: a marketer asks for a recompute, the job runs on the
// server's runner, and the scores, filters, Pareto and cross-sell answer; a
// member sees only their own record and cannot write a score.
func TestScoresEndToEnd(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{Jobs: true})
		ctx := auth.System(context.Background())
		c := env.DB.Client
		member := env.SignUp("scored-member@example.com", "Scored Member")
		mine := c.Customer.Query().AllX(ctx)[0]
		// Three customers: tea+cups, tea+cups+cakes, and the member with tea.
		a := c.Customer.Create().SetName("Tea and cups").SaveX(ctx)
		b := c.Customer.Create().SetName("Everything").SaveX(ctx)
		n := 0
		buy := func(cu *ent.Customer, amount int64, cat string) {
			n++
			c.Order.Create().SetCustomerID(cu.ID).SetSource("e2e").SetExternalID(fmt.Sprint(n)).
				SetAmount(amount).SetCurrency("CNY").SetProductCategory(cat).ExecX(ctx)
		}
		buy(a, 100, "tea")
		buy(a, 100, "cups")
		buy(b, 1000, "tea")
		buy(b, 1000, "cups")
		buy(b, 1000, "cakes")
		buy(mine, 10, "tea")

		mk := env.Staff("e2e-marketer@example.com", viewer.RoleMarketer).Token
		var started struct{ RecomputeScores struct{ ID string } }
		env.MustDo(mk, `mutation { recomputeScores { id } }`, nil).Decode(t, &started)
		if j := waitJob(t, env, mk, started.RecomputeScores.ID); j.Status != "SUCCEEDED" || j.ProgressDone != 4 {
			t.Fatalf("job = %+v", j)
		}

		var got struct {
			Customers struct {
				Edges []struct {
					Node struct {
						Name             string
						ValueTier        string
						ParetoTop20      bool
						BoughtCategories []string
						CrossSell        []struct {
							Category  string
							Customers int
						}
					}
				}
			}
			ParetoSummary struct {
				Customers int
				TopShare  float64
			}
		}
		env.MustDo(mk, `{ customers(first: 10, orderBy: {field: CONTRIBUTION, direction: DESC}, where: {boughtCategory: "tea", notBoughtCategory: "cakes"}) {
			edges { node { name valueTier paretoTop20 boughtCategories crossSell { category customers } } } }
			paretoSummary { customers topShare } }`, nil).Decode(t, &got)
		e := got.Customers.Edges
		// Bought tea but not cakes: A, then the member; both would be
		// offered cakes (B, who shares tea with them, buys it).
		if len(e) != 2 || e[0].Node.Name != "Tea and cups" || len(e[1].Node.CrossSell) != 2 ||
			e[0].Node.CrossSell[0].Category != "cakes" || e[0].Node.CrossSell[0].Customers != 1 ||
			fmt.Sprint(e[0].Node.BoughtCategories) != "[cups tea]" || fmt.Sprint(e[1].Node.BoughtCategories) != "[tea]" {
			t.Fatalf("bought tea not cakes = %+v", e)
		}
		// Three scored; the best fifth (one customer, B) holds 3000 of 3210.
		if got.ParetoSummary.Customers != 3 || fmt.Sprintf("%.4f", got.ParetoSummary.TopShare) != "0.9346" {
			t.Fatalf("pareto = %+v", got.ParetoSummary)
		}

		// The member: only their own row even with score filters, their
		// own categories but no cross-sell, no dashboards, and no input that
		// writes a score.
		var own struct {
			Customers struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Name             string
						BoughtCategories []string
						CrossSell        []struct{ Category string }
					}
				}
			}
		}
		env.MustDo(member.Token, `{ customers(where: {rfmRecencyGTE: 1}) { totalCount edges { node { name boughtCategories crossSell { category } } } } }`, nil).Decode(t, &own)
		if own.Customers.TotalCount != 1 || own.Customers.Edges[0].Node.Name != mine.Name ||
			fmt.Sprint(own.Customers.Edges[0].Node.BoughtCategories) != "[tea]" || len(own.Customers.Edges[0].Node.CrossSell) != 0 {
			t.Fatalf("member sees %+v", own)
		}
		r := env.Do(member.Token, `{ paretoCurve { customers } }`, nil)
		if len(r.Errors) == 0 || !strings.Contains(string(r.Data), "null") {
			t.Fatalf("member read the Pareto curve: %s", r.Data)
		}
		for _, in := range []string{`{valueTier: MVC}`, `{monetary: 1}`, `{rfmSegment: CHAMPIONS}`} {
			r := env.Do(member.Token, fmt.Sprintf(`mutation($id: ID!) { updateCustomer(id: $id, input: %s) { id } }`, in), map[string]any{"id": fmt.Sprint(mine.ID)})
			if len(r.Errors) == 0 {
				t.Fatalf("updateCustomer(%s) was accepted", in)
			}
		}
		if got := c.Customer.GetX(ctx, mine.ID); got.ValueTier != "ORDINARY" || got.Monetary != 10 {
			t.Fatalf("member's scores changed: %+v", got)
		}

		// The unit separator joins the stored categories: no order holds it.
		adm := env.Staff("e2e-admin@example.com", viewer.RoleAdmin).Token
		before := c.Order.Query().CountX(ctx)
		r = env.Do(adm, `mutation($c: ID!) { createOrder(input: {customerID: $c, source: "e2e", externalID: "sep", amount: 1, currency: "CNY", productCategory: "tea\u001fcups"}) { id } }`,
			map[string]any{"c": fmt.Sprint(a.ID)})
		if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "productCategory" {
			t.Fatalf("category with the separator: %+v", r.Errors)
		}
		if n := c.Order.Query().CountX(ctx); n != before {
			t.Fatalf("%d orders after a refused one; want %d", n, before)
		}
	})
}

// TestScoresOrderKeys: every score is an orderBy key of customers; each key
// sorts the scored customers by its own value, both directions.
func TestScoresOrderKeys(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		seedMany(t, env)
		ctx := auth.System(context.Background())
		c := env.DB.Client
		// Customers buy more often and more the further down the list.
		var extra []*ent.OrderCreate
		for i, a := range c.Customer.Query().AllX(ctx) {
			for j := 0; j <= i%6; j++ {
				extra = append(extra, c.Order.Create().SetCustomerID(a.ID).SetSource("keys").SetExternalID(fmt.Sprint(i, "-", j)).
					SetAmount(int64(100*(i+1))).SetCostToServe(int64(30*(i%4))).SetCurrency("CNY").
					SetOrderedAt(time.Now().Add(-time.Duration(i)*24*time.Hour)))
			}
		}
		c.Order.CreateBulk(extra...).ExecX(ctx)
		if _, err := env.Resolver.Scores.Recompute(ctx, nil); err != nil {
			t.Fatal(err)
		}
		tok := env.Staff("order-keys@example.com", viewer.RoleMarketer).Token
		type row struct {
			OrderCount, Monetary, Contribution int64
			ParetoPercentile                   *float64
			Rfm                                *struct{ Recency, Frequency, Monetary int }
		}
		for _, k := range []struct {
			field string
			value func(row) float64
		}{
			{"FREQUENCY", func(r row) float64 { return float64(r.OrderCount) }},
			{"MONETARY", func(r row) float64 { return float64(r.Monetary) }},
			{"CONTRIBUTION", func(r row) float64 { return float64(r.Contribution) }},
			{"PARETO_PERCENTILE", func(r row) float64 { return *r.ParetoPercentile }},
			{"RFM_RECENCY", func(r row) float64 { return float64(r.Rfm.Recency) }},
			{"RFM_FREQUENCY", func(r row) float64 { return float64(r.Rfm.Frequency) }},
			{"RFM_MONETARY", func(r row) float64 { return float64(r.Rfm.Monetary) }},
		} {
			first := map[string]float64{}
			for _, dir := range []string{"ASC", "DESC"} {
				t.Run(k.field+"_"+dir, func(t *testing.T) {
					var d struct {
						Customers struct{ Edges []struct{ Node row } }
					}
					env.MustDo(tok, `query($f: CustomerOrderField!, $d: OrderDirection!) {
						customers(first: 50, orderBy: {field: $f, direction: $d}, where: {rfmRecencyNotNil: true}) {
						edges { node { orderCount monetary contribution paretoPercentile rfm { recency frequency monetary } } } } }`,
						map[string]any{"f": k.field, "d": dir}).Decode(t, &d)
					e := d.Customers.Edges
					if len(e) < 10 {
						t.Fatalf("only %d scored customers", len(e))
					}
					first[dir] = k.value(e[0].Node)
					for i := 1; i < len(e); i++ {
						v, prev := k.value(e[i].Node), k.value(e[i-1].Node)
						if (dir == "ASC" && v < prev) || (dir == "DESC" && v > prev) {
							t.Fatalf("row %d: %v after %v", i, v, prev)
						}
					}
				})
			}
			// The lowest value first one way, the highest the other.
			if first["ASC"] >= first["DESC"] {
				t.Errorf("%s: ascending starts at %v, descending at %v", k.field, first["ASC"], first["DESC"])
			}
		}
	})
}
