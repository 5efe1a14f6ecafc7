package insights_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/ent/pointsentry"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/insights"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// BenchmarkInsights50kOrders times each aggregate over three years of
// months with 5,000 customers and 50,000 orders (1 % cancelled), 55,000
// ledger entries and 10,000 tier changes, on each database. Never part of `make test`; `make bench` runs it.
func BenchmarkInsights50kOrders(b *testing.B) {
	for _, dia := range testdb.Dialects() {
		b.Run(dia, func(b *testing.B) {
			db := testdb.Open(b, dia)
			sys := auth.System(context.Background())
			c := db.Client
			start := sh(2022, 1, 1)
			const customers, orders = 5_000, 50_000
			ids := make([]int, 0, customers)
			for i := 0; i < customers; i += 1000 {
				bulk := make([]*ent.CustomerCreate, 1000)
				for j := range bulk {
					n := i + j
					bulk[j] = c.Customer.Create().SetName(fmt.Sprint("C", n)).SetRegion(fmt.Sprint("R", n%12)).
						SetCreatedAt(start.Add(time.Duration(n) * 2 * time.Hour))
				}
				for _, cu := range c.Customer.CreateBulk(bulk...).SaveX(sys) {
					ids = append(ids, cu.ID)
				}
			}
			cats := []string{"Tea", "Books", "Home", "Beauty", "Apparel", "Electronics"}
			for i := 0; i < orders; i += 2000 {
				bulk := make([]*ent.OrderCreate, 2000)
				for j := range bulk {
					n := i + j
					bulk[j] = c.Order.Create().SetCustomerID(ids[(n*7919)%customers]).SetSource("bench").SetExternalID(fmt.Sprint(n)).
						SetAmount(int64(1000 + n%5000)).SetCostToServe(int64(300 + n%700)).SetCurrency("CNY").
						SetProductCategory(cats[n%len(cats)]).SetChannel([]string{"web", "store", "phone"}[n%3]).
						SetOrderedAt(start.Add(time.Duration(n) * 15 * time.Minute))
				}
				saved := c.Order.CreateBulk(bulk...).SaveX(sys)
				cancel := make([]*ent.OrderCreate, 0, 20)
				for k := 0; k < len(saved); k += 100 {
					o := saved[k]
					cancel = append(cancel, c.Order.Create().SetCustomerID(o.CustomerID).SetKind(order.KindCANCELLATION).SetCancelsID(o.ID).
						SetSource("bench").SetExternalID("cancel:"+o.ExternalID).SetAmount(-o.Amount).SetCostToServe(-o.CostToServe).
						SetCurrency("CNY").SetOrderedAt(o.OrderedAt.Add(24*time.Hour)))
				}
				c.Order.CreateBulk(cancel...).ExecX(sys)
			}
			// The loyalty ledger: an order's points for every order, a
			// redemption for every tenth, and the balances they sum to; and
			// two tier changes per customer.
			held := map[int]int64{}
			for i := 0; i < orders; i += 2000 {
				bulk := make([]*ent.PointsEntryCreate, 0, 2200)
				for j := i; j < i+2000; j++ {
					who, at := ids[(j*7919)%customers], start.Add(time.Duration(j)*15*time.Minute)
					held[who] += 10
					bulk = append(bulk, c.PointsEntry.Create().SetCustomerID(who).SetKind(pointsentry.KindEARN_ORDER).SetPoints(10).
						SetBalanceAfter(held[who]).SetCauseKey(fmt.Sprint("order:", j)).SetCreatedAt(at))
					if j%10 == 0 {
						held[who] -= 5
						bulk = append(bulk, c.PointsEntry.Create().SetCustomerID(who).SetKind(pointsentry.KindREDEEM).SetPoints(-5).
							SetBalanceAfter(held[who]).SetCauseKey(fmt.Sprint("redeem:", j)).SetCreatedAt(at.Add(time.Hour)))
					}
				}
				c.PointsEntry.CreateBulk(bulk...).ExecX(sys)
			}
			for i := 0; i < customers; i += 1000 {
				bulk := make([]*ent.PointsBalanceCreate, 0, 1000)
				changes := make([]*ent.FieldChangeCreate, 0, 2000)
				for _, id := range ids[i : i+1000] {
					bulk = append(bulk, c.PointsBalance.Create().SetCustomerID(id).SetBalance(held[id]))
					at := start.Add(time.Duration(id%1000) * 24 * time.Hour)
					changes = append(changes,
						c.FieldChange.Create().SetEntityType("Customer").SetEntityID(id).SetField("value_tier").
							SetOldValue(`"ORDINARY"`).SetNewValue(`"MVC"`).SetCreatedAt(at),
						c.FieldChange.Create().SetEntityType("Customer").SetEntityID(id).SetField("value_tier").
							SetOldValue(`"MVC"`).SetNewValue(`"MGC"`).SetCreatedAt(at.Add(90*24*time.Hour)))
				}
				c.PointsBalance.CreateBulk(bulk...).ExecX(sys)
				c.FieldChange.CreateBulk(changes...).ExecX(sys)
			}
			b.Logf("%s: %d customers, %d orders, %d ledger entries, %d tier changes written", dia, customers, orders, orders+orders/10, 2*customers)
			u := c.User.Create().SetEmail("bench@example.com").SetPasswordHash("x").SetRole(user.RoleMARKETER).SaveX(sys)
			ctx := viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: viewer.RoleMarketer})
			s := &insights.Service{Client: c, Dialect: db.Dialect, Settings: &settings.Store{Client: c}}
			from, to := sh(2022, 1, 1), sh(2025, 1, 1)
			cat := insights.ByCategory
			for _, q := range []struct {
				name string
				run  func() error
			}{
				{"salesBreakdown", func() error { _, err := s.SalesBreakdown(ctx, insights.ByRegion, from, to); return err }},
				{"salesOverTime", func() error { _, err := s.SalesOverTime(ctx, insights.Month, from, to, &cat, 8); return err }},
				{"customerCounts", func() error { _, err := s.CustomerCounts(ctx, insights.Month, from, to); return err }},
				{"retention", func() error { _, err := s.RetentionByPeriod(ctx, insights.Month, from, to); return err }},
				{"customerProfile", func() error { _, err := s.CustomerProfile(ctx, insights.ProfileRegion, 12); return err }},
				{"loyaltyOverTime", func() error { _, err := s.LoyaltyOverTime(ctx, insights.Month, from, to); return err }},
				// The ledger's last quarter: the entries since from through
				// their created_at index, and the balances.
				{"loyaltyOverTimeQuarter", func() error {
					_, err := s.LoyaltyOverTime(ctx, insights.Month, sh(2023, 4, 1), sh(2023, 7, 1))
					return err
				}},
				{"valueTiersOverTime", func() error { _, err := s.ValueTiersOverTime(ctx, insights.Month, from, to); return err }},
			} {
				b.Run(q.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						if err := q.run(); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
