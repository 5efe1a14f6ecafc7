package graphtest

import (
	"context"
	"strings"
	"testing"

	"github.com/kith-crm/kith/ent/accountalert"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// TestAccountsNoNPlusOne: the key-account lists and the team measures cost a
// fixed number of statements, whatever the number of accounts and alerts.
func TestAccountsNoNPlusOne(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env, drv := startCounting(t, db)
		seedMany(t, env) // 60 accounts of owner1 (manager) and owner2 (admin)
		ctx := auth.System(context.Background())
		c := env.DB.Client
		owner1 := c.User.Query().Where(user.Email("owner1@example.com")).OnlyX(ctx)
		for i, a := range c.Customer.Query().Where(customer.OwnerIDNotNil()).Limit(50).AllX(ctx) {
			c.AccountAlert.Create().SetCustomerID(a.ID).SetKind(accountalert.KindSLA_BREACH).SetReason("late").ExecX(ctx)
			c.AccountTeamMember.Create().SetCustomerID(a.ID).SetUserID(owner1.ID).SetRole(accountteammember.RoleSPECIALIST).ExecX(ctx)
			if i%2 == 0 { // half go to the pool, team and all
				c.Customer.UpdateOneID(a.ID).ClearOwnerID().ExecX(ctx)
			}
		}
		admin := env.Staff("measures-admin@example.com", "ADMIN").Token
		for _, q := range []struct{ name, query string }{
			{"measures by team", `{ accountTeamMeasures(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z", by: TEAM) { revenue satisfaction customer { name owner { email } } } }`},
			{"measures by manager", `{ accountTeamMeasures(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z", by: MANAGER) { revenue contribution user { email } } }`},
			{"alerts", `{ recentAccountAlerts(first: 50) { edges { node { kind customer { name owner { email } } } } } }`},
			{"pool", `{ customerPool(first: 50) { edges { node { name team { role user { email } } } } } }`},
		} {
			t.Run(q.name, func(t *testing.T) {
				drv.take()
				r := env.MustDo(admin, q.query, nil)
				stmts := drv.take()
				if len(r.Data) < 100 {
					t.Fatalf("too little data to count: %s", r.Data)
				}
				// Authentication (3), then a fixed set: never one per account.
				if len(stmts) > 12 {
					t.Errorf("%d statements:\n%s", len(stmts), strings.Join(stmts, "\n"))
				}
				t.Logf("%s: %d statements", q.name, len(stmts))
			})
		}
	})
}
