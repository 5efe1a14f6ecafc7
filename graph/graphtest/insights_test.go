package graphtest

import (
	"strings"
	"testing"

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
		})
		t.Run("BadInput", func(t *testing.T) {
			r := env.Do(tok, `{ salesOverTime(period: MONTH, from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { currency } }`, nil)
			if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "from" {
				t.Errorf("got %+v", r.Errors)
			}
		})
	})
}
