package loyalty_test

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/pointsentry"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	custsvc "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/loyalty"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

type fixture struct {
	t    *testing.T
	db   *store.DB
	clk  *clock.Fixed
	s    *loyalty.Service
	cust *custsvc.Service
	sys  context.Context
	n    int
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	clk := clock.NewFixed(time.Date(2026, 6, 1, 4, 0, 0, 0, time.UTC))
	st := &settings.Store{Client: db.Client}
	cust := &custsvc.Service{Client: db.Client, Now: clk.Now, Settings: st}
	return &fixture{t: t, db: db, clk: clk, cust: cust, sys: auth.System(context.Background()),
		s: &loyalty.Service{Client: db.Client, Settings: st, Clock: clk, Customers: cust}}
}

func (f *fixture) user(role viewer.Role) (context.Context, *ent.User) {
	f.n++
	u := f.db.Client.User.Create().SetEmail("u" + itoa(f.n) + "@example.com").SetPasswordHash("x").SetRole(user.Role(role)).SaveX(f.sys)
	return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: role}), u
}

// member is a signed-up member: a user, their community profile and their
// customer record.
func (f *fixture) member() (context.Context, *ent.Customer, *ent.Member) {
	_, u := f.user(viewer.RoleMember)
	m := f.db.Client.Member.Create().SetUserID(u.ID).SetDisplayName("M" + itoa(u.ID)).SetHandle("m" + itoa(u.ID)).SaveX(f.sys)
	c := f.db.Client.Customer.Create().SetName("C" + itoa(u.ID)).SetUserID(u.ID).SaveX(f.sys)
	ctx := viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: viewer.RoleMember, MemberID: m.ID, CustomerID: c.ID})
	return ctx, c, m
}

func (f *fixture) order(c *ent.Customer, amount int64) *ent.Order {
	f.n++
	return f.db.Client.Order.Create().SetCustomerID(c.ID).SetSource("test").SetExternalID("o" + itoa(f.n)).
		SetAmount(amount).SetCurrency("CNY").SetOrderedAt(f.clk.Now()).SaveX(f.sys)
}

func (f *fixture) interaction(kind interaction.Kind, actor, target int, at time.Time) {
	c := f.db.Client.Interaction.Create().SetKind(kind).SetActorID(actor).SetCreatedAt(at)
	if target != 0 {
		c.SetTargetID(target)
	}
	c.ExecX(f.sys)
}

func (f *fixture) accrue() loyalty.Accrued {
	f.t.Helper()
	n, err := f.s.Accrue(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) balance(c *ent.Customer) int64 {
	f.t.Helper()
	b, err := f.s.Balance(f.sys, c.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

// checkLedger proves the ledger sums to the balance and each entry's
// balance_after is the running sum.
func (f *fixture) checkLedger(c *ent.Customer) {
	f.t.Helper()
	es := f.db.Client.PointsEntry.Query().Where(pointsentry.CustomerID(c.ID)).Order(ent.Asc(pointsentry.FieldID)).AllX(f.sys)
	var sum int64
	for _, e := range es {
		sum += e.Points
		if e.BalanceAfter != sum || sum < 0 {
			f.t.Fatalf("entry %d (%s %+d): balance after %d; running sum %d", e.ID, e.Kind, e.Points, e.BalanceAfter, sum)
		}
	}
	if b := f.balance(c); b != sum {
		f.t.Fatalf("balance %d; ledger sums to %d", b, sum)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestAccrual_OrdersOnceAndCancellationsReverse(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, c, _ := f.member()
		admin, _ := f.user(viewer.RoleAdmin)
		sale := f.order(c, 123_456) // CN¥1,234.56 → 1234 points
		f.order(c, 99)              // under one yuan: nothing
		if n := f.accrue(); n.Orders != 1 {
			t.Fatalf("first run credited %+v; want one order", n)
		}
		if n := f.accrue(); n != (loyalty.Accrued{}) {
			t.Fatalf("second run wrote %+v; the same order never earns twice", n)
		}
		if b := f.balance(c); b != 1234 {
			t.Fatalf("balance %d; want 1234", b)
		}
		e := db.Client.PointsEntry.Query().Where(pointsentry.OrderID(sale.ID)).OnlyX(f.sys)
		if e.Kind != pointsentry.KindEARN_ORDER || e.CauseKey == "" || e.Points != 1234 {
			t.Fatalf("entry %+v", e)
		}

		// 1000 points are redeemed; the sale is then cancelled: the
		// reversal takes the 234 left and records 1000 as the shortfall.
		if _, err := f.s.Redeem(admin, c.ID, 1000, "tea set"); err != nil {
			t.Fatal(err)
		}
		note := "damaged"
		if _, err := f.cust.CancelOrder(admin, sale.ID, &note); err != nil {
			t.Fatal(err)
		}
		if n := f.accrue(); n.Reversals != 1 || n.Orders != 0 {
			t.Fatalf("after the cancellation: %+v", n)
		}
		if n := f.accrue(); n != (loyalty.Accrued{}) {
			t.Fatalf("reversal repeated: %+v", n)
		}
		r := db.Client.PointsEntry.Query().Where(pointsentry.KindEQ(pointsentry.KindREVERSAL)).OnlyX(f.sys)
		if r.Points != -234 || r.Shortfall != 1000 || r.BalanceAfter != 0 || r.Reason != "damaged" {
			t.Fatalf("reversal %+v", r)
		}
		f.checkLedger(c)

		// A sale cancelled before the accrual saw it earns nothing.
		late := f.order(c, 50_000)
		if _, err := f.cust.CancelOrder(admin, late.ID, nil); err != nil {
			t.Fatal(err)
		}
		if n := f.accrue(); n != (loyalty.Accrued{}) {
			t.Fatalf("a sale cancelled before accrual: %+v", n)
		}
	})
}

func TestAccrual_ActivitiesWithDailyCaps(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, alice, am := f.member()
		_, bob, bm := f.member()
		_, staff := f.user(viewer.RoleMarketer)
		sm := db.Client.Member.Create().SetUserID(staff.ID).SetDisplayName("Staff").SetHandle("staff").SaveX(f.sys)
		admin, _ := f.user(viewer.RoleAdmin)
		rules := settings.DefaultLoyalty
		rules.Activities = []settings.ActivityRule{
			{Activity: pointsentry.ActivityCOMMENT, Points: 2, DailyCap: 5},
			{Activity: pointsentry.ActivityREACTION_RECEIVED, Points: 1},
			{Activity: pointsentry.ActivityPOST, Points: 0},
		}
		if _, err := f.s.Settings.UpdateLoyalty(admin, rules); err != nil {
			t.Fatal(err)
		}
		day1 := f.clk.Now()
		for range 4 { // 2+2+1 (cap 5) + 0
			f.interaction(interaction.KindCOMMENT, am.ID, bm.ID, day1)
		}
		f.interaction(interaction.KindCOMMENT, am.ID, bm.ID, day1.Add(24*time.Hour)) // next day: fresh cap
		f.interaction(interaction.KindREACTION, bm.ID, am.ID, day1)                  // alice receives a reaction
		f.interaction(interaction.KindREACTION, am.ID, am.ID, day1)                  // to herself: nothing
		f.interaction(interaction.KindREACTION, am.ID, sm.ID, day1)                  // staff have no customer record
		f.interaction(interaction.KindPOST, am.ID, 0, day1)                          // rule off
		if n := f.accrue(); n.Activities != 6 {
			t.Fatalf("credited %+v; want 6 activity entries", n)
		}
		if n := f.accrue(); n != (loyalty.Accrued{}) {
			t.Fatalf("second run %+v", n)
		}
		if b := f.balance(alice); b != 5+2+1 {
			t.Fatalf("alice has %d; want 8 (comments capped at 5 a day, 2 the next day, 1 reaction)", b)
		}
		if b := f.balance(bob); b != 0 {
			t.Fatalf("bob has %d", b)
		}
		capped := db.Client.PointsEntry.Query().Where(pointsentry.Reason("daily cap reached")).CountX(f.sys)
		if capped != 2 {
			t.Fatalf("%d entries say the cap was reached; want 2 (the 1-point and the 0-point one)", capped)
		}
		f.checkLedger(alice)
	})
}

func TestRedeem_RulesAndErrors(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		memberCtx, c, _ := f.member()
		_, other, _ := f.member()
		admin, _ := f.user(viewer.RoleAdmin)
		manager, mgr := f.user(viewer.RoleManager)
		marketer, _ := f.user(viewer.RoleMarketer)
		_ = other
		if _, err := f.s.Adjust(admin, c.ID, 500, "welcome gift"); err != nil {
			t.Fatal(err)
		}
		owned := db.Client.Customer.Create().SetName("Owned elsewhere").SetOwnerID(f.otherManager()).SaveX(f.sys)
		for _, tc := range []struct {
			name   string
			ctx    context.Context
			cust   int
			points int64
			reason string
			adjust bool
			code   errs.Code
			field  string
		}{
			{"BelowMinimum", admin, c.ID, 99, "x", false, errs.Invalid, "points"},
			{"NoReason", admin, c.ID, 100, "  ", false, errs.Invalid, "reason"},
			{"TooMany", admin, c.ID, 501, "x", false, errs.Conflict, ""},
			{"Marketer", marketer, c.ID, 100, "x", false, errs.Forbidden, ""},
			{"MemberOwn", memberCtx, c.ID, 100, "x", false, errs.Forbidden, ""},
			{"MemberOther", memberCtx, other.ID, 100, "x", false, errs.NotFound, "customerId"},
			{"ManagerNotOnTeam", manager, owned.ID, 100, "x", false, errs.Forbidden, ""},
			{"Missing", admin, 1 << 40, 100, "x", false, errs.NotFound, "customerId"},
			{"AdjustByManager", manager, c.ID, 5, "x", true, errs.Forbidden, ""},
			{"AdjustZero", admin, c.ID, 0, "x", true, errs.Invalid, "points"},
			{"AdjustBelowZero", admin, c.ID, -501, "x", true, errs.Conflict, ""},
			{"AdjustNoReason", admin, c.ID, 5, "", true, errs.Invalid, "reason"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var err error
				if tc.adjust {
					_, err = f.s.Adjust(tc.ctx, tc.cust, tc.points, tc.reason)
				} else {
					_, err = f.s.Redeem(tc.ctx, tc.cust, tc.points, tc.reason)
				}
				e, ok := errs.As(err)
				if !ok || e.Code != tc.code || e.Field != tc.field {
					t.Fatalf("err = %v; want %s on %q", err, tc.code, tc.field)
				}
				if b := f.balance(c); b != 500 {
					t.Fatalf("balance %d after a refused change; want 500", b)
				}
			})
		}
		if n := db.Client.PointsEntry.Query().CountX(f.sys); n != 1 {
			t.Fatalf("%d entries; refused changes write none", n)
		}
		// The pool's and the manager's accounts: a manager redeems.
		e, err := f.s.Redeem(manager, c.ID, 200, "voucher")
		if err != nil {
			t.Fatal(err)
		}
		if e.Points != -200 || e.BalanceAfter != 300 || e.ActorID == nil || *e.ActorID != mgr.ID || e.Kind != pointsentry.KindREDEEM {
			t.Fatalf("redemption %+v", e)
		}
		if _, err := f.s.Adjust(admin, c.ID, -300, "correction"); err != nil {
			t.Fatal(err)
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.ActionHasPrefix("loyalty.")).CountX(f.sys); n != 3 {
			t.Fatalf("%d audit events; want 3", n)
		}
		f.checkLedger(c)

		// A member reads their own ledger only.
		own, err := f.s.Ledger(memberCtx, c.ID, nil, nil, nil, nil)
		if err != nil || own.TotalCount != 3 || own.Edges[0].Node.Reason != "correction" {
			t.Fatalf("own ledger newest first: %+v, %v", own, err)
		}
		theirs, err := f.s.Ledger(memberCtx, other.ID, nil, nil, nil, nil)
		if err != nil || theirs.TotalCount != 0 {
			t.Fatalf("another's ledger: %+v, %v", theirs, err)
		}
		if b, err := f.s.Balance(memberCtx, c.ID); err != nil || b != 0 {
			t.Fatalf("own balance %d, %v", b, err)
		}
	})
}

func (f *fixture) otherManager() int {
	_, u := f.user(viewer.RoleManager)
	return u.ID
}

// Twenty staff redeem 100 points each at once against a balance of 500:
// exactly five succeed, the others are CONFLICT, and the balance ends at 0.
func TestRedeem_ConcurrentNeverNegative(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, c, _ := f.member()
		admin, _ := f.user(viewer.RoleAdmin)
		if _, err := f.s.Adjust(admin, c.ID, 500, "opening balance"); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, conflicts := 0, 0
		var others []error
		start := make(chan struct{})
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, err := f.s.Redeem(admin, c.ID, 100, "race")
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case errs.CodeOf(err) == errs.Conflict:
					conflicts++
				default:
					others = append(others, err)
				}
			}()
		}
		close(start)
		wg.Wait()
		if len(others) > 0 {
			t.Fatalf("unexpected errors: %v", others)
		}
		if ok != 5 || conflicts != 15 {
			t.Fatalf("%d redemptions succeeded, %d were CONFLICT; want 5 and 15", ok, conflicts)
		}
		if b := f.balance(c); b != 0 {
			t.Fatalf("balance %d; want 0", b)
		}
		f.checkLedger(c)
	})
}

func TestLoyaltySettings_ValidateAndAudit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := &settings.Store{Client: db.Client}
		admin := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 1, Role: viewer.RoleAdmin})
		manager := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 2, Role: viewer.RoleManager})
		with := func(fn func(l *settings.Loyalty)) settings.Loyalty {
			l := settings.DefaultLoyalty
			l.Activities = append([]settings.ActivityRule(nil), l.Activities...)
			fn(&l)
			return l
		}
		for _, c := range []struct {
			name  string
			ctx   context.Context
			in    settings.Loyalty
			code  errs.Code
			field string
		}{
			{"NotAdmin", manager, settings.DefaultLoyalty, errs.Forbidden, ""},
			{"ZeroUnit", admin, with(func(l *settings.Loyalty) { l.OrderUnit = 0 }), errs.Invalid, "orderUnit"},
			{"NegativePoints", admin, with(func(l *settings.Loyalty) { l.OrderPoints = -1 }), errs.Invalid, "orderPoints"},
			{"TwoRulesOneActivity", admin, with(func(l *settings.Loyalty) { l.Activities = append(l.Activities, l.Activities[0]) }), errs.Invalid, "activities"},
			{"UnknownActivity", admin, with(func(l *settings.Loyalty) { l.Activities[0].Activity = "LURK" }), errs.Invalid, "activities"},
			{"NegativeCap", admin, with(func(l *settings.Loyalty) { l.Activities[0].DailyCap = -1 }), errs.Invalid, "activities"},
			{"ZeroMinimum", admin, with(func(l *settings.Loyalty) { l.RedeemMinimum = 0 }), errs.Invalid, "redeemMinimum"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.UpdateLoyalty(c.ctx, c.in)
				e, ok := errs.As(err)
				if !ok || e.Code != c.code || e.Field != c.field {
					t.Fatalf("UpdateLoyalty = %v; want %s on %q", err, c.code, c.field)
				}
			})
		}
		want := with(func(l *settings.Loyalty) { l.OrderUnit = 1000; l.RedeemMinimum = 10 })
		if _, err := s.UpdateLoyalty(admin, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.GetLoyalty(admin)
		if err != nil || got.OrderUnit != 1000 || got.RedeemMinimum != 10 || len(got.Activities) != len(want.Activities) {
			t.Fatalf("stored %+v, %v", got, err)
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("settings.loyalty.update")).CountX(admin); n != 1 {
			t.Fatalf("audit events = %d; want 1", n)
		}
	})
}

// Merging two customers adds the merged one's points to the kept one; the
// entries move with them, so the ledger still sums to the balance.
func TestMerge_MovesPoints(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin, _ := f.user(viewer.RoleAdmin)
		keep := db.Client.Customer.Create().SetName("Keep").SaveX(f.sys)
		gone := db.Client.Customer.Create().SetName("Gone").SaveX(f.sys)
		lonely := db.Client.Customer.Create().SetName("No points").SaveX(f.sys)
		f.order(keep, 10_000)
		f.order(gone, 25_000)
		f.accrue()
		im := &importer.Importer{DB: db}
		if _, err := im.Merge(admin, keep.ID, gone.ID); err != nil {
			t.Fatal(err)
		}
		if b := f.balance(keep); b != 350 {
			t.Fatalf("kept balance %d; want 100 + 250", b)
		}
		if n := db.Client.PointsBalance.Query().CountX(f.sys); n != 1 {
			t.Fatalf("%d balance rows; the merged customer's is gone", n)
		}
		if _, err := im.Merge(admin, keep.ID, lonely.ID); err != nil { // nothing to move
			t.Fatal(err)
		}
		if b := f.balance(keep); b != 350 {
			t.Fatalf("kept balance %d after merging a customer without points", b)
		}
		if n := db.Client.PointsEntry.Query().Where(pointsentry.CustomerID(keep.ID)).CountX(f.sys); n != 2 {
			t.Fatalf("kept customer has %d entries; want both", n)
		}
	})
}
