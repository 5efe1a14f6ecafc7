package graphtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

const myPointsQ = `query($id: ID!) { node(id: $id) { ... on Customer { loyaltyPoints
	loyaltyLedger(first: 10) { totalCount edges { node { id kind points balanceAfter shortfall reason order { id kind } } } } } } }`

type ledgerView struct {
	Node *struct {
		LoyaltyPoints int
		LoyaltyLedger struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID                              string
					Kind                            string
					Points, BalanceAfter, Shortfall int
					Reason                          string
					Order                           *struct{ ID, Kind string }
				}
			}
		}
	}
}

// A member's purchase earns points through the real job runner (the order
// hook asks for an accrual); staff redeem; the cancellation takes back what
// is left. Members see their own points and ledger, nobody else's.
func TestLoyalty_EndToEnd(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{Jobs: true})
		alice := env.SignUp("alice@example.com", "Alice")
		bob := env.SignUp("bob@example.com", "Bob")
		mgr := env.Staff("mgr@example.com", viewer.RoleManager)
		vars := map[string]any{"id": gid(alice.CustomerID)}

		var order struct{ CreateOrder struct{ ID string } }
		env.MustDo(mgr.Token, `mutation($c: ID!) { createOrder(input: {customerID: $c, source: "web", externalID: "W-1", amount: 123456, currency: "CNY"}) { id } }`,
			map[string]any{"c": gid(alice.CustomerID)}).Decode(t, &order)

		wait := func(want int) ledgerView {
			t.Helper()
			deadline := time.Now().Add(kithtest.Timeout)
			for {
				var v ledgerView
				env.MustDo(alice.Token, myPointsQ, vars).Decode(t, &v)
				// The balance and the ledger are read by separate statements of
				// one request, so an accrual can commit between them: wait until
				// both show it.
				if n := v.Node; n != nil && n.LoyaltyPoints == want &&
					len(n.LoyaltyLedger.Edges) > 0 && n.LoyaltyLedger.Edges[0].Node.BalanceAfter == want {
					return v
				}
				if time.Now().After(deadline) {
					t.Fatalf("points never reached %d: %+v", want, v.Node)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		v := wait(1234)
		e := v.Node.LoyaltyLedger.Edges[0].Node
		if e.Kind != "EARN_ORDER" || e.Points != 1234 || e.Order == nil || e.Order.ID != order.CreateOrder.ID {
			t.Fatalf("entry %+v", e)
		}

		// Bob sees neither Alice's record nor her entry.
		for _, id := range []string{gid(alice.CustomerID), e.ID} {
			r := env.Do(bob.Token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
			if strings.Contains(string(r.Data), `"id"`) {
				t.Fatalf("bob reads %s: %s", id, r.Data)
			}
		}
		// Alice reads her own entry by id.
		if r := env.MustDo(alice.Token, `query($id: ID!) { node(id: $id) { ... on PointsEntry { points } } }`, map[string]any{"id": e.ID}); !strings.Contains(string(r.Data), "1234") {
			t.Fatalf("alice's own entry: %s", r.Data)
		}

		redeem := `mutation($c: ID!, $p: Int!) { redeemPoints(customerId: $c, points: $p, reason: "tea set") { points balanceAfter } }`
		for _, c := range []struct {
			points      int
			code, field string
		}{{5, "BAD_USER_INPUT", "points"}, {5000, "CONFLICT", ""}} {
			r := env.Do(mgr.Token, redeem, map[string]any{"c": gid(alice.CustomerID), "p": c.points})
			if r.Code() != c.code || (c.field != "" && r.Errors[0].Extensions["field"] != c.field) {
				t.Fatalf("redeem %d: %s %s", c.points, r.Code(), r.Errors)
			}
		}
		if r := env.Do(alice.Token, redeem, map[string]any{"c": gid(alice.CustomerID), "p": 200}); r.Code() != "FORBIDDEN" {
			t.Fatalf("a member redeems for herself: %s", r.Errors)
		}
		env.MustDo(mgr.Token, redeem, map[string]any{"c": gid(alice.CustomerID), "p": 200})
		wait(1034)

		env.MustDo(mgr.Token, `mutation($id: ID!) { cancelOrder(id: $id, note: "returned") { id } }`, map[string]any{"id": order.CreateOrder.ID})
		v = wait(0)
		r := v.Node.LoyaltyLedger.Edges[0].Node
		if r.Kind != "REVERSAL" || r.Points != -1034 || r.Shortfall != 200 || r.Order == nil || r.Order.Kind != "CANCELLATION" {
			t.Fatalf("reversal %+v", r)
		}
		if v.Node.LoyaltyLedger.TotalCount != 3 {
			t.Fatalf("ledger holds %d entries; want 3", v.Node.LoyaltyLedger.TotalCount)
		}
	})
}

// TestLoyaltyNoNPlusOne: a page of customers with their points costs one
// query for the points, not one per customer.
func TestLoyaltyNoNPlusOne(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env, drv := startCounting(t, db)
		seedMany(t, env)
		ctx := auth.System(context.Background())
		c := env.DB.Client
		for i, a := range c.Customer.Query().Where(customer.OwnerIDNotNil()).Limit(50).AllX(ctx) {
			c.PointsBalance.Create().SetCustomerID(a.ID).SetBalance(int64(i)).ExecX(ctx)
		}
		admin := env.Staff("points-admin@example.com", viewer.RoleAdmin).Token
		drv.take()
		r := env.MustDo(admin, `{ customers(first: 50) { edges { node { name loyaltyPoints } } } }`, nil)
		stmts := drv.take()
		if !strings.Contains(string(r.Data), `"loyaltyPoints":49`) {
			t.Fatalf("balances missing: %s", r.Data)
		}
		var points int
		for _, s := range stmts {
			if strings.Contains(s, "points_balances") {
				points++
			}
		}
		if points != 1 || len(stmts) > 8 {
			t.Errorf("%d statements, %d on points_balances (want 1):\n%s", len(stmts), points, strings.Join(stmts, "\n"))
		}
	})
}
