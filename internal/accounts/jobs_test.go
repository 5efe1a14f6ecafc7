package accounts_test

import (
	"context"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// TestPeriodicJobs_RunThroughRiver: the runner the server starts schedules
// the account jobs, and on start they return an idle account to the pool,
// mark a late ticket and raise an account's risk — the rules run for real.
func TestPeriodicJobs_RunThroughRiver(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mgr := f.user("m@example.com", viewer.RoleManager)
		idle := f.account("Idle", mgr, 40*day)
		busy := f.account("Busy", mgr, 40*day)
		f.order(busy, "b1", f.clk.Now().Add(-time.Hour), 100, 0)
		tk := db.Client.Ticket.Create().SetCustomerID(busy.ID).SetTitle("down").SetPriority(ticket.PriorityURGENT).SaveX(f.sys)
		f.clk.Advance(2 * time.Hour) // past the first-response target

		if err := jobs.Migrate(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		r, err := app.Jobs(db, pubsub.NewMemoryBus(), nil, jobs.Options{FetchPollInterval: 50 * time.Millisecond, TestOnly: true, Now: f.clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = r.Stop(ctx)
		})
		deadline := time.Now().Add(30 * time.Second)
		for {
			i := db.Client.Customer.GetX(f.sys, idle.ID)
			b := db.Client.Customer.GetX(f.sys, busy.ID)
			k := db.Client.Ticket.GetX(f.sys, tk.ID)
			if i.OwnerID == nil && k.SLABreached && b.RiskLevel == customer.RiskLevelDOUBTFUL {
				if b.OwnerID == nil {
					t.Fatal("an active account went to the pool")
				}
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("jobs did not run: idle owner %v, ticket breached %v, busy risk %s", i.OwnerID, k.SLABreached, b.RiskLevel)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}
