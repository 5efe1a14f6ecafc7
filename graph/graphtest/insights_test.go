package graphtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/pointsentry"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// TestInsightsStatementCount: every Insights query costs a fixed number of
// statements (authentication, the settings, then at most three grouped
// statements), however many customers, orders, posts and tickets there are.
func TestInsightsStatementCount(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env, drv := startCounting(t, db)
		seedMany(t, env) // 60 accounts with 7 orders and 4 tickets each, 60 posts with comments
		seedPointsAndTiers(t, env)
		tok := env.Staff("insights-marketer@example.com", viewer.RoleMarketer).Token
		const rng = `from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z"`
		for _, q := range []struct{ name, query string }{
			{"salesBreakdown", `{ salesBreakdown(by: REGION, ` + rng + `) { total { revenue customers } groups { key figures { revenue orders } } } }`},
			{"salesOverTime by category", `{ salesOverTime(period: YEAR, ` + rng + `, by: CATEGORY) { periods { figures { revenue } } series { key periods { figures { revenue } } } } }`},
			{"customerCounts", `{ customerCounts(period: YEAR, ` + rng + `) { newCustomers activeBuyers firstTimeBuyers totalCustomers } }`},
			{"retention", `{ retention(period: YEAR, ` + rng + `) { buyers retained rate } }`},
			{"customerProfile", `{ customerProfile(by: REGION) { key customers } }`},
			{"communityActivity", `{ communityActivity(period: YEAR, ` + rng + `) { posts comments activeMembers } }`},
			{"satisfactionTrend", `{ satisfactionTrend(period: YEAR, ` + rng + `) { ticketsResolved share } }`},
			{"loyaltyOverTime", `{ loyaltyOverTime(period: YEAR, ` + rng + `) { outstanding holders periods { issued earnedOrders redeemed reversed net earners redeemers outstanding } } }`},
			{"valueTiersOverTime", `{ valueTiersOverTime(period: YEAR, ` + rng + `) { start tiers { tier customers entered left } } }`},
		} {
			t.Run(q.name, func(t *testing.T) {
				drv.take()
				r := env.MustDo(tok, q.query, nil)
				stmts := drv.take()
				if len(r.Data) < 20 {
					t.Fatalf("no data: %s", r.Data)
				}
				if len(stmts) > 8 {
					t.Errorf("%d statements:\n%s", len(stmts), strings.Join(stmts, "\n"))
				}
				t.Logf("%s: %d statements", q.name, len(stmts))
			})
		}
		t.Run("TotalsOverHTTP", func(t *testing.T) {
			// seedMany: 60 accounts × orders of 100..700 in the reporting currency.
			r := env.MustDo(tok, `{ salesBreakdown(by: CHANNEL, `+rng+`) { currency total { revenue orders customers } } }`, nil)
			if want := `{"salesBreakdown":{"currency":"CNY","total":{"revenue":168000,"orders":420,"customers":60}}}`; string(r.Data) != want {
				t.Errorf("got %s, want %s", r.Data, want)
			}
			// seedPointsAndTiers: 60 accounts holding 210 points each, all MGC by their
			// last change (2099 as a year in Shanghai).
			r = env.MustDo(tok, `{ loyaltyOverTime(period: YEAR, `+rng+`) { outstanding holders } }`, nil)
			if want := `{"loyaltyOverTime":{"outstanding":12600,"holders":60}}`; string(r.Data) != want {
				t.Errorf("got %s, want %s", r.Data, want)
			}
			r = env.MustDo(tok, `{ valueTiersOverTime(period: YEAR, from: "2098-12-31T16:00:00Z", to: "2099-12-31T16:00:00Z") { tiers { tier customers } } }`, nil)
			if want := `{"valueTiersOverTime":[{"tiers":[{"tier":"MVC","customers":0},{"tier":"MGC","customers":60},{"tier":"ORDINARY","customers":0},{"tier":"BZ","customers":0}]}]}`; string(r.Data) != want {
				t.Errorf("got %s, want %s", r.Data, want)
			}
		})
		t.Run("BadInput", func(t *testing.T) {
			r := env.Do(tok, `{ salesOverTime(period: MONTH, from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { currency } }`, nil)
			if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "from" {
				t.Errorf("got %+v", r.Errors)
			}
		})
	})
}

// seedPointsAndTiers gives every account three ledger entries (an order's
// points, a redemption, an adjustment, in different years) with its
// balance, and two tier changes, so the loyalty and tier series have rows
// in every period.
func seedPointsAndTiers(t *testing.T, env *kithtest.Env) {
	t.Helper()
	ctx := auth.System(context.Background())
	c := env.DB.Client
	ids := c.Customer.Query().IDsX(ctx)
	var entries []*ent.PointsEntryCreate
	var balances []*ent.PointsBalanceCreate
	var changes []*ent.FieldChangeCreate
	for i, id := range ids {
		at := time.Date(2020+i%5, time.Month(1+i%12), 1+i%28, 12, 0, 0, 0, time.UTC)
		entries = append(entries,
			c.PointsEntry.Create().SetCustomerID(id).SetKind(pointsentry.KindEARN_ORDER).SetPoints(300).SetBalanceAfter(300).
				SetCauseKey(fmt.Sprint("seed-earn:", id)).SetCreatedAt(at),
			c.PointsEntry.Create().SetCustomerID(id).SetKind(pointsentry.KindREDEEM).SetPoints(-100).SetBalanceAfter(200).
				SetCauseKey(fmt.Sprint("seed-redeem:", id)).SetCreatedAt(at.AddDate(1, 0, 0)),
			c.PointsEntry.Create().SetCustomerID(id).SetKind(pointsentry.KindADJUST).SetPoints(10).SetBalanceAfter(210).
				SetCauseKey(fmt.Sprint("seed-adjust:", id)).SetCreatedAt(at.AddDate(2, 0, 0)))
		balances = append(balances, c.PointsBalance.Create().SetCustomerID(id).SetBalance(210))
		tiers := []customer.ValueTier{customer.ValueTierORDINARY, customer.ValueTierMVC, customer.ValueTierMGC}
		for j := 0; j < 2; j++ {
			changes = append(changes, c.FieldChange.Create().SetEntityType("Customer").SetEntityID(id).SetField("value_tier").
				SetOldValue(`"`+string(tiers[j])+`"`).SetNewValue(`"`+string(tiers[j+1])+`"`).SetCreatedAt(at.AddDate(j, 0, 0)))
		}
	}
	c.PointsEntry.CreateBulk(entries...).ExecX(ctx)
	c.PointsBalance.CreateBulk(balances...).ExecX(ctx)
	c.FieldChange.CreateBulk(changes...).ExecX(ctx)
}
