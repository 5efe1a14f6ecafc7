package accounts_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountalert"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/fieldchange"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/accounts"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	custsvc "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

const day = 24 * time.Hour

// fixture is a database with the account service on a fixed clock.
type fixture struct {
	t   *testing.T
	db  *store.DB
	clk *clock.Fixed
	s   *accounts.Service
	sys context.Context
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	clk := clock.NewFixed(time.Now().UTC().Truncate(time.Second))
	s := &accounts.Service{Client: db.Client, Bus: pubsub.NewMemoryBus(), Settings: &settings.Store{Client: db.Client}, Clock: clk}
	db.Client.Ticket.Use(s.SLAHook())
	return &fixture{t: t, db: db, clk: clk, s: s, sys: auth.System(context.Background())}
}

func (f *fixture) user(email string, role viewer.Role) context.Context {
	u := f.db.Client.User.Create().SetEmail(email).SetPasswordHash("x").SetRole(user.Role(role)).SaveX(f.sys)
	return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: role})
}

func uid(ctx context.Context) int { return viewer.FromContext(ctx).UserID }

// account creates a customer created age ago, owned by owner (0: the pool).
func (f *fixture) account(name string, owner context.Context, age time.Duration) *ent.Customer {
	c := f.db.Client.Customer.Create().SetName(name).SetCreatedAt(f.clk.Now().Add(-age))
	if owner != nil {
		c.SetOwnerID(uid(owner))
	}
	return c.SaveX(f.sys)
}

func (f *fixture) order(c *ent.Customer, ext string, at time.Time, amount, cost int64) {
	f.db.Client.Order.Create().SetCustomerID(c.ID).SetSource("test").SetExternalID(ext).
		SetAmount(amount).SetCostToServe(cost).SetCurrency("CNY").SetOrderedAt(at).ExecX(f.sys)
}

func (f *fixture) level(c *ent.Customer) customer.RiskLevel {
	return f.db.Client.Customer.GetX(f.sys, c.ID).RiskLevel
}

func codeOf(err error) errs.Code {
	if err == nil {
		return ""
	}
	if ent.IsNotFound(err) {
		return errs.NotFound
	}
	return errs.CodeOf(err)
}

func TestEvaluateRisk_RulesRaiseLevelsOnly(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mgr := f.user("m@example.com", viewer.RoleManager)
		now := f.clk.Now()

		falling := f.account("Falling", mgr, 400*day)
		f.order(falling, "f1", now.Add(-120*day), 10000, 1000) // previous 90 days: 9000
		f.order(falling, "f2", now.Add(-10*day), 5000, 500)    // last 90 days: 4500, −50 %
		steady := f.account("Steady", mgr, 400*day)
		f.order(steady, "s1", now.Add(-120*day), 10000, 0)
		f.order(steady, "s2", now.Add(-10*day), 8000, 0) // −20 %: under the 30 % rule
		// Orders in other currencies count at their reporting amounts:
		// 10000 CNY before, 10.00 USD = 7200 CNY now, −28 %: not flagged.
		mixed := f.account("Mixed currencies", mgr, 400*day)
		f.order(mixed, "x1", now.Add(-120*day), 10000, 0)
		db.Client.Order.Create().SetCustomerID(mixed.ID).SetSource("test").SetExternalID("x2").
			SetAmount(1000).SetCurrency("USD").SetOrderedAt(now.Add(-10 * day)).ExecX(f.sys)
		urgent := f.account("Urgent", mgr, 10*day)
		db.Client.Ticket.Create().SetCustomerID(urgent.ID).SetTitle("down").SetPriority(ticket.PriorityURGENT).ExecX(f.sys)
		busy := f.account("Busy", mgr, 10*day)
		for range 4 {
			db.Client.Ticket.Create().SetCustomerID(busy.ID).SetTitle("issue").ExecX(f.sys)
		}
		silent := f.account("Silent", mgr, 181*day)
		quietish := f.account("Quietish", mgr, 179*day)
		already := f.account("Already doubtful", mgr, 400*day)
		db.Client.Customer.UpdateOneID(already.ID).SetRiskLevel(customer.RiskLevelDOUBTFUL).ExecX(f.sys)
		f.order(already, "a1", now.Add(-120*day), 10000, 0)
		f.order(already, "a2", now.Add(-10*day), 100, 0)
		pool := f.account("Pool", nil, 10*day) // not managed: no rule watches it
		db.Client.Ticket.Create().SetCustomerID(pool.ID).SetTitle("down").SetPriority(ticket.PriorityURGENT).ExecX(f.sys)

		n, err := f.s.EvaluateRisk(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			c    *ent.Customer
			want customer.RiskLevel
		}{
			{falling, customer.RiskLevelWATCH},
			{steady, customer.RiskLevelNORMAL},
			{mixed, customer.RiskLevelNORMAL},
			{urgent, customer.RiskLevelDOUBTFUL},
			{busy, customer.RiskLevelWATCH},
			{silent, customer.RiskLevelWATCH},
			{quietish, customer.RiskLevelNORMAL},
			{already, customer.RiskLevelDOUBTFUL},
			{pool, customer.RiskLevelNORMAL},
		} {
			if got := f.level(c.c); got != c.want {
				t.Errorf("%s: level %s; want %s", c.c.Name, got, c.want)
			}
		}
		if n != 4 {
			t.Errorf("raised %d accounts; want 4", n)
		}
		// The reason and the history of the change are kept; an alert is out.
		got := db.Client.Customer.GetX(f.sys, falling.ID)
		if got.RiskReason == "" {
			t.Error("no reason recorded")
		}
		if k := db.Client.FieldChange.Query().Where(fieldchange.EntityID(falling.ID), fieldchange.Field("risk_level")).CountX(f.sys); k != 1 {
			t.Errorf("risk_level history rows = %d; want 1", k)
		}
		if k := db.Client.AccountAlert.Query().Where(accountalert.KindEQ(accountalert.KindRISK_RAISED)).CountX(f.sys); k != 4 {
			t.Errorf("alerts = %d; want 4", k)
		}
		// Running again changes nothing.
		if n, err := f.s.EvaluateRisk(context.Background()); err != nil || n != 0 {
			t.Fatalf("second run raised %d, %v; want 0", n, err)
		}
		// Two more days of silence and the 179-day account is flagged too.
		f.clk.Advance(2 * day)
		if _, err := f.s.EvaluateRisk(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := f.level(quietish); got != customer.RiskLevelWATCH {
			t.Errorf("Quietish after 181 days: %s; want WATCH", got)
		}
	})
}

func TestLowerRiskLevelAndBlacklist(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mgr := f.user("m@example.com", viewer.RoleManager)
		lead := f.user("lead@example.com", viewer.RoleManager)
		other := f.user("o@example.com", viewer.RoleManager)
		mkt := f.user("mk@example.com", viewer.RoleMarketer)
		c := f.account("Acme", mgr, day)
		db.Client.Customer.UpdateOneID(c.ID).SetRiskLevel(customer.RiskLevelDOUBTFUL).ExecX(f.sys)
		db.Client.AccountTeamMember.Create().SetCustomerID(c.ID).SetUserID(uid(lead)).SetRole(accountteammember.RoleMANAGER).ExecX(f.sys)

		for _, tc := range []struct {
			name   string
			ctx    context.Context
			level  customer.RiskLevel
			reason string
			code   errs.Code
		}{
			{"NoReason", mgr, customer.RiskLevelNORMAL, "  ", errs.Invalid},
			{"NotLower", mgr, customer.RiskLevelEXIT, "worse", errs.Invalid},
			{"SameLevel", mgr, customer.RiskLevelDOUBTFUL, "same", errs.Invalid},
			{"OtherManager", other, customer.RiskLevelNORMAL, "mine now", errs.Forbidden},
			{"Marketer", mkt, customer.RiskLevelNORMAL, "mine now", errs.Forbidden},
			{"TeamManager", lead, customer.RiskLevelWATCH, "paid the invoice", ""},
			{"Owner", mgr, customer.RiskLevelNORMAL, "met the CEO", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.s.LowerRiskLevel(tc.ctx, c.ID, tc.level, tc.reason)
				if got := codeOf(err); got != tc.code {
					t.Fatalf("LowerRiskLevel = %v (%q); want %q", err, got, tc.code)
				}
			})
		}
		got := db.Client.Customer.GetX(f.sys, c.ID)
		if got.RiskLevel != customer.RiskLevelNORMAL || got.RiskReason != "met the CEO" {
			t.Fatalf("level %s reason %q", got.RiskLevel, got.RiskReason)
		}
		// Both changes are in the history with their actors and reasons.
		ch := db.Client.FieldChange.Query().Where(fieldchange.EntityID(c.ID), fieldchange.Field("risk_reason")).
			Order(ent.Asc(fieldchange.FieldID)).AllX(f.sys)
		if len(ch) != 2 || *ch[0].ActorID != uid(lead) || ch[1].NewValue != `"met the CEO"` {
			t.Fatalf("reason history %+v", ch)
		}

		if _, err := f.s.SetBlacklisted(mgr, c.ID, true, ""); codeOf(err) != errs.Invalid {
			t.Fatalf("blacklist without reason: %v", err)
		}
		if _, err := f.s.SetBlacklisted(other, c.ID, true, "fraud"); codeOf(err) != errs.Forbidden {
			t.Fatalf("blacklist by another manager: %v", err)
		}
		if _, err := f.s.SetBlacklisted(mgr, c.ID, true, "fraud"); err != nil {
			t.Fatal(err)
		}
		if !db.Client.Customer.GetX(f.sys, c.ID).Blacklisted {
			t.Fatal("not blacklisted")
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("customer.blacklist")).CountX(f.sys); n != 1 {
			t.Fatalf("blacklist audit events = %d", n)
		}
	})
}

func TestTeamMembers_OnlyTheAccountsManager(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mgr := f.user("m@example.com", viewer.RoleManager)
		spec := f.user("s@example.com", viewer.RoleManager)
		mkt := f.user("mk@example.com", viewer.RoleMarketer)
		member := f.user("member@example.com", viewer.RoleMember)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		c := f.account("Acme", mgr, day)

		if _, err := f.s.SetTeamMember(mgr, c.ID, uid(spec), accountteammember.RoleSPECIALIST); err != nil {
			t.Fatal(err)
		}
		// A specialist may not reshape the team, nor a marketer.
		for _, ctx := range []context.Context{spec, mkt} {
			if _, err := f.s.SetTeamMember(ctx, c.ID, uid(mkt), accountteammember.RoleASSISTANT); codeOf(err) != errs.Forbidden {
				t.Fatalf("SetTeamMember by a non-lead = %v", err)
			}
		}
		if _, err := f.s.SetTeamMember(mgr, c.ID, uid(member), accountteammember.RoleASSISTANT); codeOf(err) != errs.Invalid {
			t.Fatalf("a member on the team: %v", err)
		}
		// Promoted to MANAGER, the specialist may.
		if _, err := f.s.SetTeamMember(admin, c.ID, uid(spec), accountteammember.RoleMANAGER); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.SetTeamMember(spec, c.ID, uid(mkt), accountteammember.RoleASSISTANT); err != nil {
			t.Fatal(err)
		}
		if ok, err := f.s.RemoveTeamMember(spec, c.ID, uid(mkt)); err != nil || !ok {
			t.Fatalf("RemoveTeamMember = %v, %v", ok, err)
		}
		// The policy alone also stops a manager writing another team's rows.
		other := f.account("Other", nil, day)
		err := db.Client.AccountTeamMember.Create().SetCustomerID(other.ID).SetUserID(uid(mkt)).SetRole(accountteammember.RoleASSISTANT).Exec(mgr)
		if err != nil {
			t.Fatalf("create (checked by the service, not the policy): %v", err)
		}
		n, err := db.Client.AccountTeamMember.Delete().Where(accountteammember.CustomerID(other.ID)).Exec(mgr)
		if err != nil || n != 0 {
			t.Fatalf("manager deleted %d rows of a team they do not lead (%v)", n, err)
		}
		if k := db.Client.AuditEvent.Query().Where(auditevent.ActionHasPrefix("account_team.")).CountX(f.sys); k != 4 {
			t.Fatalf("team audit events = %d; want 4", k)
		}
	})
}

func TestSLA_DueTimesAndBreaches(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mgr := f.user("m@example.com", viewer.RoleManager)
		c := f.account("Acme", mgr, day)
		cs := &custsvc.Service{Client: db.Client, Now: f.clk.Now}
		prio := ticket.PriorityURGENT
		tk, err := cs.CreateTicket(mgr, ent.CreateTicketInput{CustomerID: c.ID, Title: "down", Priority: &prio})
		if err != nil {
			t.Fatal(err)
		}
		start := f.clk.Now()
		if tk.SLAFirstResponseDueAt == nil || !tk.SLAFirstResponseDueAt.Equal(start.Add(time.Hour)) ||
			tk.SLAResolutionDueAt == nil || !tk.SLAResolutionDueAt.Equal(start.Add(8*time.Hour)) {
			t.Fatalf("due times %v %v; want +1h, +8h", tk.SLAFirstResponseDueAt, tk.SLAResolutionDueAt)
		}
		f.clk.Advance(time.Hour) // exactly due: not late yet
		if n, err := f.s.MarkSLABreaches(context.Background()); err != nil || n != 0 {
			t.Fatalf("at the due time: %d, %v", n, err)
		}
		f.clk.Advance(time.Second)
		if n, err := f.s.MarkSLABreaches(context.Background()); err != nil || n != 1 {
			t.Fatalf("after the due time: %d, %v", n, err)
		}
		if n, _ := f.s.MarkSLABreaches(context.Background()); n != 0 {
			t.Fatalf("marked twice: %d", n)
		}
		if !db.Client.Ticket.GetX(f.sys, tk.ID).SLABreached {
			t.Fatal("not breached")
		}
		if k := db.Client.AccountAlert.Query().Where(accountalert.KindEQ(accountalert.KindSLA_BREACH), accountalert.TicketID(tk.ID)).CountX(f.sys); k != 1 {
			t.Fatalf("breach alerts = %d", k)
		}

		// A response stamped in time keeps the SLA; resolving late breaks it.
		low := ticket.PriorityLOW
		t2, _ := cs.CreateTicket(mgr, ent.CreateTicketInput{CustomerID: c.ID, Title: "question", Priority: &low})
		f.clk.Advance(time.Hour)
		st := ticket.StatusIN_PROGRESS
		t2, err = cs.UpdateTicket(mgr, t2.ID, ent.UpdateTicketInput{Status: &st})
		if err != nil || t2.FirstResponseAt == nil || t2.SLABreached {
			t.Fatalf("in-time response: %+v %v", t2, err)
		}
		f.clk.Advance(8 * day)
		res := ticket.StatusRESOLVED
		t2, err = cs.UpdateTicket(mgr, t2.ID, ent.UpdateTicketInput{Status: &res})
		if err != nil || t2.ResolvedAt == nil || !t2.SLABreached {
			t.Fatalf("late resolution: breached=%v %v", t2.SLABreached, err)
		}
		// Changing the priority moves the due times.
		t3, _ := cs.CreateTicket(mgr, ent.CreateTicketInput{CustomerID: c.ID, Title: "x", Priority: &low})
		t3, err = cs.UpdateTicket(mgr, t3.ID, ent.UpdateTicketInput{Priority: &prio})
		if err != nil || !t3.SLAFirstResponseDueAt.Equal(t3.CreatedAt.Add(time.Hour)) {
			t.Fatalf("priority change: due %v created %v (%v)", t3.SLAFirstResponseDueAt, t3.CreatedAt, err)
		}
	})
}

func TestPool_ReturnAfterNDaysAndClaim(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		mgr := f.user("m@example.com", viewer.RoleManager)
		mgr2 := f.user("m2@example.com", viewer.RoleManager)
		mkt := f.user("mk@example.com", viewer.RoleMarketer)
		member := f.user("member@example.com", viewer.RoleMember)
		c := f.account("Acme", mgr, 100*day) // ORDINARY: 30 days
		f.order(c, "o1", f.clk.Now(), 100, 0)
		db.Client.AccountTeamMember.Create().SetCustomerID(c.ID).SetUserID(uid(mgr2)).SetRole(accountteammember.RoleSPECIALIST).ExecX(f.sys)
		mvc := f.account("Top", mgr, 100*day)
		db.Client.Customer.UpdateOneID(mvc.ID).SetValueTier(customer.ValueTierMVC).ExecX(f.sys) // never returns

		f.clk.Advance(30*day - time.Second)
		if n, err := f.s.ReturnToPool(context.Background()); err != nil || n != 0 {
			t.Fatalf("a second before 30 days: returned %d, %v", n, err)
		}
		f.clk.Advance(time.Second)
		if n, err := f.s.ReturnToPool(context.Background()); err != nil || n != 1 {
			t.Fatalf("at 30 days: returned %d, %v; want 1", n, err)
		}
		got := db.Client.Customer.GetX(f.sys, c.ID)
		if got.OwnerID != nil || got.PooledAt == nil {
			t.Fatalf("still owned: %+v", got)
		}
		if n := db.Client.AccountTeamMember.Query().Where(accountteammember.CustomerID(c.ID)).CountX(f.sys); n != 0 {
			t.Fatalf("team left: %d", n)
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("customer.pool.return"), auditevent.SubjectID(c.ID)).CountX(f.sys); n != 1 {
			t.Fatalf("return audit = %d", n)
		}
		if db.Client.Customer.GetX(f.sys, mvc.ID).OwnerID == nil {
			t.Fatal("an MVC account was returned")
		}

		// Claims: marketers and members may not; two managers at once, one wins.
		if _, err := f.s.Claim(mkt, c.ID); codeOf(err) != errs.Forbidden {
			t.Fatalf("marketer claim: %v", err)
		}
		if _, err := f.s.Claim(member, c.ID); codeOf(err) != errs.NotFound {
			t.Fatalf("member claim: %v", err)
		}
		var wg sync.WaitGroup
		results := make([]error, 2)
		for i, ctx := range []context.Context{mgr, mgr2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, results[i] = f.s.Claim(ctx, c.ID)
			}()
		}
		wg.Wait()
		wins, conflicts := 0, 0
		for _, err := range results {
			switch codeOf(err) {
			case "":
				wins++
			case errs.Conflict:
				conflicts++
			default:
				t.Fatalf("claim: %v", err)
			}
		}
		if wins != 1 || conflicts != 1 {
			t.Fatalf("wins %d conflicts %d; want 1 and 1", wins, conflicts)
		}
		got = db.Client.Customer.GetX(f.sys, c.ID)
		if got.OwnerID == nil || got.OwnerSince == nil || !got.OwnerSince.Equal(f.clk.Now()) {
			t.Fatalf("claimed: %+v", got)
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("customer.pool.claim")).CountX(f.sys); n != 1 {
			t.Fatalf("claim audit = %d", n)
		}
		// A fresh claim gets its own 30 days.
		if n, _ := f.s.ReturnToPool(context.Background()); n != 0 {
			t.Fatalf("returned right after the claim: %d", n)
		}
	})
}

func TestTeamMeasures(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		m := f.user("m@example.com", viewer.RoleManager)
		m2 := f.user("m2@example.com", viewer.RoleManager)
		mkt := f.user("mk@example.com", viewer.RoleMarketer)
		admin := f.user("a@example.com", viewer.RoleAdmin)
		now := f.clk.Now()
		from, to := now.Add(-30*day), now.Add(day)
		a := f.account("A", m, 100*day)
		b := f.account("B", m2, 100*day)
		db.Client.AccountTeamMember.Create().SetCustomerID(b.ID).SetUserID(uid(m)).SetRole(accountteammember.RoleMANAGER).ExecX(f.sys)
		f.order(a, "a1", now.Add(-day), 1000, 300)
		f.order(a, "a2", now.Add(-60*day), 9999, 0) // before the period
		f.order(b, "b1", now.Add(-day), 500, 100)
		// Another currency counts at its reporting amounts (7.2 CNY a dollar).
		db.Client.Order.Create().SetCustomerID(a.ID).SetSource("test").SetExternalID("a3").
			SetAmount(100).SetCostToServe(10).SetCurrency("USD").SetOrderedAt(now.Add(-day)).ExecX(f.sys)
		inv := db.Client.Invoice.Create().SetCustomerID(a.ID).SetNumber("A-1").SetAmount(5000).SetCurrency("CNY").
			SetReportingAmount(5000).SetDueAt(now).SaveX(f.sys)
		db.Client.Payment.Create().SetInvoiceID(inv.ID).SetCustomerID(a.ID).SetAmount(1200).SetReportingAmount(1200).
			SetPaidAt(now.Add(-day)).ExecX(f.sys)
		db.Client.Payment.Create().SetInvoiceID(inv.ID).SetCustomerID(a.ID).SetAmount(800).SetReportingAmount(800).
			SetPaidAt(now.Add(-60 * day)).ExecX(f.sys) // before the period
		late := now.Add(-2 * day)
		db.Client.Ticket.Create().SetCustomerID(a.ID).SetTitle("ok").SetResolvedAt(late).ExecX(f.sys)
		db.Client.Ticket.Create().SetCustomerID(a.ID).SetTitle("late").SetResolvedAt(late).SetSLABreached(true).ExecX(f.sys)
		db.Client.CareRecord.Create().SetCustomerID(a.ID).SetAuthorID(uid(m)).SetKind("CALL").
			SetFollowUpAt(now.Add(-3 * day)).SetFollowedUpAt(now.Add(-4 * day)).ExecX(f.sys) // on time
		db.Client.CareRecord.Create().SetCustomerID(a.ID).SetAuthorID(uid(m)).SetKind("CALL").
			SetFollowUpAt(now.Add(-3 * day)).ExecX(f.sys) // missed
		db.Client.CareRecord.Create().SetCustomerID(a.ID).SetAuthorID(uid(m)).SetKind("CALL").
			SetFollowUpAt(now.Add(3 * day)).ExecX(f.sys) // not yet due

		byTeam, err := f.s.TeamMeasures(admin, from, to, false)
		if err != nil || len(byTeam) != 2 {
			t.Fatalf("by team: %d rows, %v", len(byTeam), err)
		}
		ma := byTeam[0]
		if ma.Customer.ID != a.ID || ma.Revenue != 1720 || ma.CostToServe != 372 || ma.Contribution() != 1348 ||
			ma.TicketsResolved != 2 || ma.TicketsResolvedWithinSLA != 1 || *ma.Satisfaction() != 0.5 ||
			ma.FollowUpsDue != 2 || ma.FollowUpsOnTime != 1 || *ma.ReceivablesCollected() != 1200 {
			t.Fatalf("team A: %+v", ma)
		}
		byMgr, err := f.s.TeamMeasures(admin, from, to, true)
		if err != nil || len(byMgr) != 2 {
			t.Fatalf("by manager: %d rows, %v", len(byMgr), err)
		}
		got := map[int]int64{}
		for _, r := range byMgr {
			got[r.User.ID] = r.Revenue
		}
		if got[uid(m)] != 2220 || got[uid(m2)] != 500 {
			t.Fatalf("revenue per manager %v; want m 2220 (A and B), m2 500", got)
		}
		// A manager sees their own teams and only their own row.
		own, err := f.s.TeamMeasures(m2, from, to, true)
		if err != nil || len(own) != 1 || own[0].User.ID != uid(m2) {
			t.Fatalf("m2 by manager: %+v, %v", own, err)
		}
		teams, _ := f.s.TeamMeasures(m2, from, to, false)
		if len(teams) != 1 || teams[0].Customer.ID != b.ID {
			t.Fatalf("m2 by team: %+v", teams)
		}
		if rows, err := f.s.TeamMeasures(mkt, from, to, false); err != nil || len(rows) != 0 {
			t.Fatalf("marketer serving nothing: %d rows, %v", len(rows), err)
		}
		if _, err := f.s.TeamMeasures(admin, to, from, false); codeOf(err) != errs.Invalid {
			t.Fatalf("to before from: %v", err)
		}
	})
}
