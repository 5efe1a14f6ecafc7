package settings_test

import (
	"context"
	"testing"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestAccounts_UpdateValidatesAndAudits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := &settings.Store{Client: db.Client}
		admin := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 1, Role: viewer.RoleAdmin})
		manager := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 2, Role: viewer.RoleManager})
		if got, err := s.GetAccounts(admin); err != nil || got.SLAFor(ticket.PriorityURGENT).FirstResponseMinutes != 60 {
			t.Fatalf("defaults: %+v, %v", got, err)
		}
		with := func(f func(a *settings.Accounts)) settings.Accounts {
			a := settings.DefaultAccounts
			a.SLA = append([]settings.SLATarget(nil), a.SLA...)
			a.Pool = append([]settings.PoolDays(nil), a.Pool...)
			f(&a)
			return a
		}
		for _, c := range []struct {
			name  string
			ctx   context.Context
			in    settings.Accounts
			code  errs.Code
			field string
		}{
			{"NotAdmin", manager, settings.DefaultAccounts, errs.Forbidden, ""},
			{"TwoTargetsOnePriority", admin, with(func(a *settings.Accounts) { a.SLA = append(a.SLA, a.SLA[0]) }), errs.Invalid, "sla"},
			{"NegativeMinutes", admin, with(func(a *settings.Accounts) { a.SLA[0].ResolutionMinutes = -1 }), errs.Invalid, "sla"},
			{"DropOver100", admin, with(func(a *settings.Accounts) { a.Risk.ContributionDropPercent = 101 }), errs.Invalid, "risk"},
			{"UnknownLevel", admin, with(func(a *settings.Accounts) { a.Risk.NoContactLevel = "PANIC" }), errs.Invalid, "risk"},
			{"NegativeDays", admin, with(func(a *settings.Accounts) { a.Pool[0].Days = -3 }), errs.Invalid, "pool"},
			{"UnknownTier", admin, with(func(a *settings.Accounts) { a.Pool[0].Tier = "GOLD" }), errs.Invalid, "pool"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.UpdateAccounts(c.ctx, c.in)
				e, ok := errs.As(err)
				if !ok || e.Code != c.code || e.Field != c.field {
					t.Fatalf("UpdateAccounts = %v; want %s on %q", err, c.code, c.field)
				}
			})
		}
		want := with(func(a *settings.Accounts) {
			a.Pool = []settings.PoolDays{{Tier: customer.ValueTierORDINARY, Days: 7}}
			a.Risk.NoContactDays = 0 // off
		})
		if _, err := s.UpdateAccounts(admin, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.GetAccounts(admin)
		if err != nil || len(got.Pool) != 1 || got.Pool[0].Days != 7 || got.Risk.NoContactDays != 0 {
			t.Fatalf("stored: %+v, %v", got, err)
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("settings.accounts.update")).CountX(admin); n != 1 {
			t.Fatalf("audit events = %d; want 1 (failed updates leave none)", n)
		}
	})
}

// Rules stored before a rule existed read back with that rule's default,
// so an admin's next save of the stored rules still validates.
func TestAccounts_StoredBeforeARuleExistedGetItsDefault(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := &settings.Store{Client: db.Client}
		sys := privacy.DecisionContext(context.Background(), privacy.Allow)
		old := `{"sla":[{"priority":"URGENT","first_response_minutes":5,"resolution_minutes":50}],` +
			`"risk":{"contribution_days":10,"contribution_drop_percent":20,"contribution_level":"WATCH","open_tickets_max":1,` +
			`"open_tickets_level":"WATCH","urgent_open_level":"EXIT","no_contact_days":7,"no_contact_level":"WATCH"},"pool":[]}`
		db.Client.Setting.Create().SetKey("accounts").SetValue(old).ExecX(sys)
		got, err := s.GetAccounts(sys)
		if err != nil {
			t.Fatal(err)
		}
		if got.Risk.NoContactDays != 7 || len(got.SLA) != 1 || len(got.Pool) != 0 ||
			got.Risk.OverdueDays != settings.DefaultAccounts.Risk.OverdueDays || got.Risk.OverdueLevel != customer.RiskLevelDOUBTFUL {
			t.Fatalf("read back %+v", got)
		}
	})
}
