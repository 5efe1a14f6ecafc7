package graphtest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

const scoredPageQ = `query($n: Int) { customers(first: $n, orderBy: {field: MONETARY, direction: DESC}, where: {hasOrders: true}) {
  edges { node { id name monetary orderCount contribution valueTier paretoPercentile paretoTop20 lastOrderAt expectedNextOrderAt dueStatus
    rfm { recency frequency monetary segment } } } } }`

// TestScoresNoNPlusOne: a page of customers sorted by monetary value with
// every score costs the same statements for 5 rows as for 50.
func TestScoresNoNPlusOne(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env, drv := startCounting(t, db)
		seedMany(t, env)
		ctx := auth.System(context.Background())
		c := env.DB.Client
		var extra []*ent.OrderCreate
		for i, a := range c.Customer.Query().AllX(ctx) {
			extra = append(extra, c.Order.Create().SetCustomerID(a.ID).SetSource("extra").SetExternalID(fmt.Sprint(i)).
				SetAmount(int64(10*i)).SetCurrency("CNY").SetProductCategory("tea"))
		}
		c.Order.CreateBulk(extra...).ExecX(ctx)
		if _, err := env.Resolver.Scores.Recompute(ctx, nil); err != nil {
			t.Fatal(err)
		}
		tok := env.Staff("scores-marketer@example.com", viewer.RoleMarketer).Token
		// A first page loads the score settings dueStatus uses (cached for
		// a few seconds), so the pages counted both find them loaded.
		env.MustDo(tok, scoredPageQ, map[string]any{"n": 1})
		counts := map[int]int{}
		for _, n := range []int{5, 50} {
			drv.take()
			r := env.MustDo(tok, scoredPageQ, map[string]any{"n": n})
			stmts := drv.take()
			counts[n] = len(stmts)
			var d struct {
				Customers struct {
					Edges []struct {
						Node struct {
							Monetary int64
							Rfm      *struct{ Recency, Frequency, Monetary int }
						}
					}
				}
			}
			if err := json.Unmarshal(r.Data, &d); err != nil || len(d.Customers.Edges) != n {
				t.Fatalf("page of %d: %s", n, r.Data)
			}
			for i, e := range d.Customers.Edges {
				if e.Node.Rfm == nil || (i > 0 && e.Node.Monetary > d.Customers.Edges[i-1].Node.Monetary) {
					t.Fatalf("row %d not scored or not in monetary order: %s", i, r.Data)
				}
			}
			if len(stmts) > 8 {
				t.Errorf("first: %d cost %d statements:\n%s", n, len(stmts), strings.Join(stmts, "\n"))
			}
		}
		t.Logf("first: 5 → %d statements, first: 50 → %d", counts[5], counts[50])
		if counts[5] != counts[50] {
			t.Errorf("statements grow with the page: %d for 5 rows, %d for 50", counts[5], counts[50])
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
						Name        string
						ValueTier   string
						ParetoTop20 bool
						CrossSell   []struct {
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
			edges { node { name valueTier paretoTop20 crossSell { category customers } } } }
			paretoSummary { customers topShare } }`, nil).Decode(t, &got)
		e := got.Customers.Edges
		// Bought tea but not cakes: A, then the member; both would be
		// offered cakes (B, who shares tea with them, buys it).
		if len(e) != 2 || e[0].Node.Name != "Tea and cups" || len(e[1].Node.CrossSell) != 2 ||
			e[0].Node.CrossSell[0].Category != "cakes" || e[0].Node.CrossSell[0].Customers != 1 {
			t.Fatalf("bought tea not cakes = %+v", e)
		}
		// Three scored; the best fifth (one customer, B) holds 3000 of 3210.
		if got.ParetoSummary.Customers != 3 || fmt.Sprintf("%.4f", got.ParetoSummary.TopShare) != "0.9346" {
			t.Fatalf("pareto = %+v", got.ParetoSummary)
		}

		// The member: only their own row even with score filters, no
		// cross-sell, no dashboards, and no input that writes a score.
		var own struct {
			Customers struct {
				TotalCount int
				Edges      []struct{ Node struct{ Name string } }
			}
		}
		env.MustDo(member.Token, `{ customers(where: {rfmRecencyGTE: 1}) { totalCount edges { node { name } } } }`, nil).Decode(t, &own)
		if own.Customers.TotalCount != 1 || own.Customers.Edges[0].Node.Name != mine.Name {
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
	})
}
