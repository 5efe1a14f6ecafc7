package graphtest

import (
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// TestTimeFilters_AnyOffsetMeansTheSameInstant: a bound given with an offset
// selects by the instant it names, on both databases (SQLite compares times
// as text, so every time must reach it in one form).
func TestTimeFilters_AnyOffsetMeansTheSameInstant(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		admin := env.Staff("admin-time@example.com", viewer.RoleAdmin)
		sys := auth.System(t.Context())
		c := db.Client.Customer.Create().SetName("Zone Ltd").SaveX(sys)
		for ext, at := range map[string]time.Time{
			"before": time.Date(2025, 12, 31, 15, 0, 0, 0, time.UTC), // 23:00 in Shanghai
			"after":  time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC), // 01:00 on New Year's Day there
		} {
			db.Client.Order.Create().SetCustomerID(c.ID).SetSource("tz").SetExternalID(ext).
				SetAmount(100).SetCurrency("CNY").SetOrderedAt(at).SaveX(sys)
		}
		for _, bound := range []string{"2026-01-01T00:00:00+08:00", "2025-12-31T16:00:00Z", "2025-12-31T11:00:00-05:00"} {
			t.Run(bound, func(t *testing.T) {
				res := env.MustDo(admin.Token, `query($t: Time!) { orders(where: {orderedAtGTE: $t, source: "tz"}) { edges { node { externalID } } } }`,
					map[string]any{"t": bound})
				var d struct {
					Orders struct {
						Edges []struct{ Node struct{ ExternalID string } }
					}
				}
				res.Decode(t, &d)
				if len(d.Orders.Edges) != 1 || d.Orders.Edges[0].Node.ExternalID != "after" {
					t.Fatalf("orders from %s = %+v; want only the one after it", bound, d.Orders.Edges)
				}
			})
		}
	})
}
