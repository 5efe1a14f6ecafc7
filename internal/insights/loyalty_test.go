package insights_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	custsvc "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/insights"
	"github.com/kith-crm/kith/internal/loyalty"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// London keeps summer time from 30 March 2025: 1 April starts at
// 2025-03-31T23:00Z, so a UTC cut would put the last hour of 31 March UTC in
// the wrong month.
var london = mustLoad("Europe/London")

func ld(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, london).UTC() }

// inLondon switches the settings' time zone to Europe/London and returns a
// marketer and an admin.
func inLondon(t *testing.T, db *store.DB) (mk, admin context.Context, s *insights.Service) {
	t.Helper()
	sys := auth.System(context.Background())
	c := db.Client
	role := func(r viewer.Role) context.Context {
		u := c.User.Create().SetEmail(string(r) + "@example.com").SetPasswordHash("x").SetRole(user.Role(r)).SaveX(sys)
		return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: r})
	}
	mk, admin = role(viewer.RoleMarketer), role(viewer.RoleAdmin)
	st := &settings.Store{Client: c}
	zone := "Europe/London"
	if _, err := st.Update(admin, settings.Patch{TimeZone: &zone}); err != nil {
		t.Fatal(err)
	}
	return mk, admin, &insights.Service{Client: c, Dialect: db.Dialect, Settings: st}
}

// TestLoyaltyOverTime_LedgerPerPeriodAndOutstanding runs the points
// programme itself (accrual, redemption, adjustment, cancellation) on a
// stopped clock and checks the periods against these hand-computed figures
// (one point per yuan, a comment earns 2):
//
//	Jan 20        P's order of ¥100 credited: +100 (before the range)
//	Feb 10        Q's order of ¥500: +500; member M comments: +2
//	Mar 5         Q redeems 300; an admin adjusts P by +40
//	Mar 31 22:30Z (23:30 in London, still March) Q's order is cancelled: the
//	              reversal takes the 200 left, 300 short
//	Mar 31 23:30Z (00:30 on 1 April in London) P adjusted by −30; P's order
//	              of ¥200 credited: +200
//	May 10        P redeems 100 (after the range)
//
// Outstanding: 100 before February, 602 at its end, 142 at March's, 312 at
// April's; 212 now (P 210, M 2; Q holds 0 and is no holder).
func TestLoyaltyOverTime_LedgerPerPeriodAndOutstanding(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		mk, admin, s := inLondon(t, db)
		sys := auth.System(context.Background())
		c := db.Client
		clk := clock.NewFixed(utc("2025-01-20T10:00:00Z"))
		st := &settings.Store{Client: c}
		cust := &custsvc.Service{Client: c, Now: clk.Now, Settings: st}
		ly := &loyalty.Service{Client: c, Settings: st, Clock: clk, Customers: cust}
		accrue := func(at string) {
			t.Helper()
			clk.Advance(utc(at).Sub(clk.Now()))
			if _, err := ly.Accrue(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		at := func(when string) { clk.Advance(utc(when).Sub(clk.Now())) }
		n := 0
		order := func(who *ent.Customer, amount int64) *ent.Order {
			n++
			return c.Order.Create().SetCustomerID(who.ID).SetSource("test").SetExternalID(fmt.Sprint(n)).
				SetAmount(amount).SetCurrency("CNY").SetOrderedAt(clk.Now()).SaveX(sys)
		}
		member := func(handle string) (*ent.Customer, *ent.Member) {
			u := c.User.Create().SetEmail(handle + "@example.com").SetPasswordHash("x").SetRole(user.RoleMEMBER).SaveX(sys)
			m := c.Member.Create().SetUserID(u.ID).SetDisplayName(handle).SetHandle(handle).SaveX(sys)
			return c.Customer.Create().SetName(handle).SetUserID(u.ID).SaveX(sys), m
		}
		p := c.Customer.Create().SetName("P").SaveX(sys)
		q := c.Customer.Create().SetName("Q").SaveX(sys)
		_, m := member("m")
		_, other := member("n")

		order(p, 10_000)
		accrue("2025-01-20T10:00:00Z")
		at("2025-02-10T09:00:00Z")
		sale := order(q, 50_000)
		c.Interaction.Create().SetKind(interaction.KindCOMMENT).SetActorID(m.ID).SetTargetID(other.ID).SetCreatedAt(clk.Now()).ExecX(sys)
		accrue("2025-02-10T09:00:00Z")
		at("2025-03-05T12:00:00Z")
		if _, err := ly.Redeem(admin, q.ID, 300, "tea set"); err != nil {
			t.Fatal(err)
		}
		if _, err := ly.Adjust(admin, p.ID, 40, "goodwill"); err != nil {
			t.Fatal(err)
		}
		at("2025-03-31T22:30:00Z")
		if _, err := cust.CancelOrder(admin, sale.ID, nil); err != nil {
			t.Fatal(err)
		}
		accrue("2025-03-31T22:30:00Z")
		at("2025-03-31T23:30:00Z")
		if _, err := ly.Adjust(admin, p.ID, -30, "correction"); err != nil {
			t.Fatal(err)
		}
		order(p, 20_000)
		accrue("2025-03-31T23:30:00Z")
		at("2025-05-10T08:00:00Z")
		if _, err := ly.Redeem(admin, p.ID, 100, "mug"); err != nil {
			t.Fatal(err)
		}

		feb := insights.LoyaltyPeriod{EarnedOrders: 500, EarnedActivities: 2, Earners: 2, Outstanding: 602}
		mar := insights.LoyaltyPeriod{AdjustedUp: 40, Redeemed: 300, Reversed: 200, Shortfall: 300, Redeemers: 1, Outstanding: 142}
		apr := insights.LoyaltyPeriod{EarnedOrders: 200, AdjustedDown: 30, Earners: 1, Outstanding: 312}
		q1 := insights.LoyaltyPeriod{EarnedOrders: 500, EarnedActivities: 2, AdjustedUp: 40, Redeemed: 300, Reversed: 200, Shortfall: 300,
			Earners: 2, Redeemers: 1, Outstanding: 142}
		all := insights.LoyaltyPeriod{EarnedOrders: 700, EarnedActivities: 2, AdjustedUp: 40, AdjustedDown: 30, Redeemed: 300, Reversed: 200,
			Shortfall: 300, Earners: 3, Redeemers: 1, Outstanding: 312}
		empty := func(outstanding int64) insights.LoyaltyPeriod {
			return insights.LoyaltyPeriod{Outstanding: outstanding}
		}
		for _, tc := range []struct {
			name     string
			period   insights.Period
			from, to time.Time
			starts   []time.Time
			want     []insights.LoyaltyPeriod
		}{
			{"Months", insights.Month, ld(2025, 2, 1), ld(2025, 5, 1),
				[]time.Time{utc("2025-02-01T00:00:00Z"), utc("2025-03-01T00:00:00Z"), utc("2025-03-31T23:00:00Z")},
				[]insights.LoyaltyPeriod{feb, mar, apr}},
			{"Quarters", insights.Quarter, ld(2025, 2, 1), ld(2025, 5, 1),
				[]time.Time{utc("2025-02-01T00:00:00Z"), utc("2025-03-31T23:00:00Z")},
				[]insights.LoyaltyPeriod{q1, apr}},
			{"Year", insights.Year, ld(2025, 2, 1), ld(2025, 5, 1), []time.Time{utc("2025-02-01T00:00:00Z")}, []insights.LoyaltyPeriod{all}},
			{"BeforeAnyPoints", insights.Month, ld(2024, 11, 1), ld(2025, 1, 1),
				[]time.Time{utc("2024-11-01T00:00:00Z"), utc("2024-12-01T00:00:00Z")},
				[]insights.LoyaltyPeriod{empty(0), empty(0)}},
			// The range ends before the last redemption: it shows in no
			// period, yet the end holds what was held before it.
			{"AfterTheRange", insights.Month, ld(2025, 4, 1), ld(2025, 5, 1), []time.Time{utc("2025-03-31T23:00:00Z")}, []insights.LoyaltyPeriod{apr}},
			{"NothingInThePeriod", insights.Month, ld(2025, 6, 1), ld(2025, 7, 1), []time.Time{utc("2025-05-31T23:00:00Z")}, []insights.LoyaltyPeriod{empty(212)}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.LoyaltyOverTime(mk, tc.period, tc.from, tc.to)
				if err != nil {
					t.Fatal(err)
				}
				if got.Outstanding != 212 || got.Holders != 2 || got.Period != tc.period {
					t.Errorf("now: outstanding %d, holders %d, period %s; want 212, 2", got.Outstanding, got.Holders, got.Period)
				}
				if len(got.Periods) != len(tc.want) {
					t.Fatalf("%d periods, want %d", len(got.Periods), len(tc.want))
				}
				for i, w := range tc.want {
					g := *got.Periods[i]
					if !g.Start.Equal(tc.starts[i]) {
						t.Errorf("period %d starts %s, want %s", i, g.Start.UTC(), tc.starts[i])
					}
					g.Start, g.End = time.Time{}, time.Time{}
					if g != w {
						t.Errorf("period %d:\n got %+v\nwant %+v", i, g, w)
					}
				}
				// Each end is the one before plus the period's net.
				for i := 1; i < len(got.Periods); i++ {
					if d := got.Periods[i].Outstanding - got.Periods[i-1].Outstanding; d != got.Periods[i].Net() {
						t.Errorf("period %d: outstanding moved by %d, net %d", i, d, got.Periods[i].Net())
					}
				}
			})
		}
		if got := feb.Issued(); got != 502 {
			t.Errorf("February issued %d", got)
		}
	})
}
