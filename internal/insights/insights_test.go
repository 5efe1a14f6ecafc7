package insights_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/insights"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// The fixture's time zone is the settings' default, Asia/Shanghai (UTC+8):
// 2025-01-31T16:00Z is already 1 February there.
var shanghai = mustLoad("Asia/Shanghai")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// sh is midnight in Shanghai, in UTC as the app writes times (SQLite stores
// a time as text in its own zone and compares the text).
func sh(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, shanghai).UTC() }

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The range of most tests: January to March 2025 in Shanghai.
var (
	from = sh(2025, 1, 1)
	to   = sh(2025, 4, 1)
)

type fixture struct {
	db  *store.DB
	s   *insights.Service
	sys context.Context
	mk  context.Context // a marketer
}

// world writes the hand-computed fixture the expectations below are worked
// out from (see each test's comments):
//
//	customers  A 华东 ORGANISATION key account, created 2024-11-10 (before the range)
//	           B 华北, created 2025-01-31T15:59Z (Jan 31 23:59 in Shanghai: January)
//	           C no region, created 2025-01-31T16:00Z (1 Feb 00:00 in Shanghai: February)
//	           D 华东, created 2025-03-05;  E region "", created 2025-04-02 (after)
//	orders     1 A Dec 20 2024 Tea/web 10000/4000 (before the range)
//	           2 A 2025-01-31T15:59:59Z Tea/web 20000/5000 (January)
//	           3 B 2025-01-31T16:00Z Porcelain/store 30000/10000 (February)
//	           4 B Feb 10 Tea/store 5000/1000, cancelled on Mar 3 (−5000/−1000 in March)
//	           9 A Feb 20 Tea/web 1000/500
//	           5 C Mar 10 Silk/no channel USD 10.00/1.00 = 7200/720 CNY
//	           6 A Mar 15 Tea/web 8000/3000
//	           7 D 2025-04-01T00:00Z (1 Apr 08:00 in Shanghai: April) Tea/web 1000/0
//	           8 C Apr 5 Silk 2000/0
func world(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	sys := auth.System(context.Background())
	c := db.Client
	f := &fixture{db: db, sys: sys,
		s: &insights.Service{Client: c, Dialect: db.Dialect, Settings: &settings.Store{Client: c},
			Now: func() time.Time { return utc("2025-06-01T00:00:00Z") }}}
	u := c.User.Create().SetEmail("mk@example.com").SetPasswordHash("x").SetRole(user.RoleMARKETER).SaveX(sys)
	f.mk = viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: viewer.RoleMarketer})

	cust := func(name, region string, created time.Time) *ent.Customer {
		b := c.Customer.Create().SetName(name).SetCreatedAt(created)
		if region != "-" {
			b.SetRegion(region)
		}
		return b.SaveX(sys)
	}
	a := c.Customer.Create().SetName("A").SetRegion("华东").SetIndustry("Retail").SetKind(customer.KindORGANISATION).
		SetKeyAccount(true).SetCreatedAt(sh(2024, 11, 10)).SaveX(sys)
	b := cust("B", "华北", utc("2025-01-31T15:59:00Z"))
	cc := cust("C", "-", utc("2025-01-31T16:00:00Z"))
	d := cust("D", "华东", sh(2025, 3, 5))
	cust("E", "", sh(2025, 4, 2))

	n := 0
	sale := func(who *ent.Customer, at time.Time, cat, channel, currency string, amount, cost int64) *ent.Order {
		n++
		o := c.Order.Create().SetCustomerID(who.ID).SetSource("test").SetExternalID(fmt.Sprint(n)).
			SetAmount(amount).SetCostToServe(cost).SetCurrency(currency).SetOrderedAt(at).SetProductCategory(cat)
		if channel != "" {
			o.SetChannel(channel)
		}
		return o.SaveX(sys)
	}
	sale(a, sh(2024, 12, 20), "Tea", "web", "CNY", 10000, 4000)
	sale(a, utc("2025-01-31T15:59:59Z"), "Tea", "web", "CNY", 20000, 5000)
	sale(b, utc("2025-01-31T16:00:00Z"), "Porcelain", "store", "CNY", 30000, 10000)
	four := sale(b, sh(2025, 2, 10), "Tea", "store", "CNY", 5000, 1000)
	sale(a, sh(2025, 2, 20), "Tea", "web", "CNY", 1000, 500)
	sale(cc, sh(2025, 3, 10), "Silk", "", "USD", 1000, 100)
	sale(a, sh(2025, 3, 15), "Tea", "web", "CNY", 8000, 3000)
	sale(d, utc("2025-04-01T00:00:00Z"), "Tea", "web", "CNY", 1000, 0)
	sale(cc, sh(2025, 4, 5), "Silk", "", "CNY", 2000, 0)
	// The cancellation as the customer service writes it: its own row, amounts negated.
	c.Order.Create().SetCustomerID(b.ID).SetKind(order.KindCANCELLATION).SetCancelsID(four.ID).SetSource("test").
		SetExternalID("cancel:4").SetAmount(-5000).SetCostToServe(-1000).SetCurrency("CNY").
		SetProductCategory("Tea").SetChannel("store").SetOrderedAt(sh(2025, 3, 3)).ExecX(sys)
	return f
}

func key(k *string) string {
	if k == nil {
		return "<none>"
	}
	return *k
}

func ip(n int) *int { return &n }

func fig(rev, cost int64, orders int, customers *int) insights.Figures {
	return insights.Figures{Revenue: rev, Cost: cost, Orders: orders, Customers: customers}
}

func sameFigures(t *testing.T, what string, got *insights.Figures, want insights.Figures) {
	t.Helper()
	if got.Revenue != want.Revenue || got.Cost != want.Cost || got.Orders != want.Orders ||
		(got.Customers == nil) != (want.Customers == nil) || (got.Customers != nil && *got.Customers != *want.Customers) {
		t.Errorf("%s: got %s, want %s", what, figs(got), figs(&want))
	}
	if got.Contribution() != want.Revenue-want.Cost {
		t.Errorf("%s: contribution %d", what, got.Contribution())
	}
}

func figs(f *insights.Figures) string {
	c := "nil"
	if f.Customers != nil {
		c = fmt.Sprint(*f.Customers)
	}
	return fmt.Sprintf("{rev %d cost %d orders %d customers %s}", f.Revenue, f.Cost, f.Orders, c)
}

func TestSalesBreakdown_NetsCancellationsPerDimension(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		type group struct {
			key string
			f   insights.Figures
		}
		// In range: orders 2, 3, 4, 9, 5, 6 and the cancellation of 4.
		total := fig(66200, 19220, 5, ip(3))
		for _, tc := range []struct {
			by   insights.Dimension
			want []group
		}{
			// Tea: 20000+5000−5000+1000+8000; B's Tea sale is cancelled, so only A bought Tea.
			{insights.ByCategory, []group{
				{"Porcelain", fig(30000, 10000, 1, ip(1))},
				{"Tea", fig(29000, 8500, 3, ip(1))},
				{"Silk", fig(7200, 720, 1, ip(1))},
			}},
			{insights.ByChannel, []group{
				{"store", fig(30000, 10000, 1, ip(1))},
				{"web", fig(29000, 8500, 3, ip(1))},
				{"<none>", fig(7200, 720, 1, ip(1))},
			}},
			{insights.ByRegion, []group{
				{"华北", fig(30000, 10000, 1, ip(1))},
				{"华东", fig(29000, 8500, 3, ip(1))},
				{"<none>", fig(7200, 720, 1, ip(1))},
			}},
		} {
			t.Run(string(tc.by), func(t *testing.T) {
				got, err := f.s.SalesBreakdown(f.mk, tc.by, from, to)
				if err != nil {
					t.Fatal(err)
				}
				if got.Currency != "CNY" || got.By != tc.by {
					t.Errorf("currency %s by %s", got.Currency, got.By)
				}
				sameFigures(t, "total", got.Total, total)
				if len(got.Groups) != len(tc.want) {
					t.Fatalf("%d groups, want %d", len(got.Groups), len(tc.want))
				}
				for i, w := range tc.want {
					if key(got.Groups[i].Key) != w.key {
						t.Errorf("group %d is %s, want %s", i, key(got.Groups[i].Key), w.key)
					}
					sameFigures(t, w.key, got.Groups[i].Figures, w.f)
				}
			})
		}
		t.Run("EmptyRange", func(t *testing.T) {
			got, err := f.s.SalesBreakdown(f.mk, insights.ByCategory, sh(2020, 1, 1), sh(2020, 2, 1))
			if err != nil {
				t.Fatal(err)
			}
			sameFigures(t, "total", got.Total, fig(0, 0, 0, ip(0)))
			if len(got.Groups) != 0 {
				t.Errorf("groups %v", got.Groups)
			}
		})
	})
}

func TestSalesOverTime_PeriodsInTheSettingsTimeZone(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		t.Run("Months", func(t *testing.T) {
			got, err := f.s.SalesOverTime(f.mk, insights.Month, from, to, nil, 8)
			if err != nil {
				t.Fatal(err)
			}
			// Order 2 (15:59:59Z on Jan 31) is January's, order 3 (16:00Z) February's.
			want := []insights.Figures{
				fig(20000, 5000, 1, ip(1)),
				fig(36000, 11500, 3, ip(2)),
				fig(10200, 2720, 1, ip(2)), // −5000 + 7200 + 8000; buyers C and A
			}
			starts := []time.Time{utc("2024-12-31T16:00:00Z"), utc("2025-01-31T16:00:00Z"), utc("2025-02-28T16:00:00Z")}
			if len(got.Periods) != 3 || len(got.Series) != 0 {
				t.Fatalf("%d periods, %d series", len(got.Periods), len(got.Series))
			}
			for i, p := range got.Periods {
				if !p.Start.Equal(starts[i]) {
					t.Errorf("period %d starts %s, want %s", i, p.Start.UTC(), starts[i])
				}
				sameFigures(t, p.Start.In(shanghai).Format("Jan"), p.Figures, want[i])
			}
			if !got.Periods[2].End.Equal(to) {
				t.Errorf("last period ends %s", got.Periods[2].End)
			}
		})
		t.Run("ByCategoryTopOneFoldsTheRest", func(t *testing.T) {
			by := insights.ByCategory
			got, err := f.s.SalesOverTime(f.mk, insights.Month, from, to, &by, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Series) != 2 {
				t.Fatalf("%d series", len(got.Series))
			}
			p, o := got.Series[0], got.Series[1]
			if key(p.Key) != "Porcelain" || p.Other || !o.Other || o.Key != nil {
				t.Fatalf("series %s %v, %s %v", key(p.Key), p.Other, key(o.Key), o.Other)
			}
			sameFigures(t, "Porcelain total", p.Total, fig(30000, 10000, 1, ip(1)))
			sameFigures(t, "Porcelain Jan", p.Periods[0].Figures, fig(0, 0, 0, ip(0)))
			sameFigures(t, "Porcelain Feb", p.Periods[1].Figures, fig(30000, 10000, 1, ip(1)))
			sameFigures(t, "other total", o.Total, fig(36200, 9220, 4, nil))
			for i, w := range []insights.Figures{fig(20000, 5000, 1, nil), fig(6000, 1500, 2, nil), fig(10200, 2720, 1, nil)} {
				sameFigures(t, fmt.Sprintf("other %d", i), o.Periods[i].Figures, w)
			}
		})
		t.Run("QuarterAndYear", func(t *testing.T) {
			for _, p := range []insights.Period{insights.Quarter, insights.Year} {
				got, err := f.s.SalesOverTime(f.mk, p, from, to, nil, 8)
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Periods) != 1 {
					t.Fatalf("%s: %d periods", p, len(got.Periods))
				}
				sameFigures(t, string(p), got.Periods[0].Figures, fig(66200, 19220, 5, ip(3)))
			}
		})
		t.Run("PartialMonthsAtBothEnds", func(t *testing.T) {
			got, err := f.s.SalesOverTime(f.mk, insights.Month, sh(2025, 1, 15), sh(2025, 3, 12), nil, 8)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Periods) != 3 || !got.Periods[0].End.Equal(sh(2025, 2, 1)) || !got.Periods[2].Start.Equal(sh(2025, 3, 1)) {
				t.Fatalf("periods %v", got.Periods)
			}
			// March 1–12: the cancellation (−5000) and C's sale (7200).
			sameFigures(t, "Mar 1–12", got.Periods[2].Figures, fig(2200, -280, 0, ip(1)))
		})
	})
}

func TestCustomerCounts_AcquisitionAndBuyers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		got, err := f.s.CustomerCounts(f.mk, insights.Month, from, to)
		if err != nil {
			t.Fatal(err)
		}
		want := []insights.CustomerCount{
			// B was created at 23:59 on Jan 31 in Shanghai, C at 00:00 on Feb 1.
			{NewCustomers: 1, FirstTimeBuyers: 0, ActiveBuyers: 1, TotalCustomers: 2},
			// B's first sale that stands is order 3; A bought in December already.
			{NewCustomers: 1, FirstTimeBuyers: 1, ActiveBuyers: 2, TotalCustomers: 3},
			// C's first sale; B's cancellation makes no buyer.
			{NewCustomers: 1, FirstTimeBuyers: 1, ActiveBuyers: 2, TotalCustomers: 4},
		}
		if len(got) != len(want) {
			t.Fatalf("%d periods", len(got))
		}
		for i, w := range want {
			g := *got[i]
			g.Start, g.End = time.Time{}, time.Time{}
			if g != w {
				t.Errorf("period %d: got %+v, want %+v", i, g, w)
			}
		}
	})
}

func TestRetention_BuyersWhoBuyAgainNextPeriod(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		type row struct {
			buyers            int
			retained, churned *int
			rate              *float64
		}
		half, one := 0.5, 1.0
		for _, tc := range []struct {
			name string
			now  time.Time
			want []row
		}{
			// Jan {A} → Feb {A, B}; Feb {A, B} → Mar {A, C}; Mar {A, C} → Apr {C, D}
			// (D's order at 08:00 on Apr 1 in Shanghai is April's).
			{"NextPeriodOver", utc("2025-06-01T00:00:00Z"), []row{
				{1, ip(1), ip(0), &one}, {2, ip(1), ip(1), &half}, {2, ip(1), ip(1), &half}}},
			// In mid-April March's retention is not known yet.
			{"NextPeriodRunning", sh(2025, 4, 15), []row{
				{1, ip(1), ip(0), &one}, {2, ip(1), ip(1), &half}, {2, nil, nil, nil}}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f.s.Now = func() time.Time { return tc.now }
				got, err := f.s.RetentionByPeriod(f.mk, insights.Month, from, to)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(tc.want) {
					t.Fatalf("%d periods", len(got))
				}
				for i, w := range tc.want {
					g := got[i]
					if g.Buyers != w.buyers || !sameInt(g.Retained, w.retained) || !sameInt(g.Churned, w.churned) || !sameFloat(g.Rate(), w.rate) {
						t.Errorf("period %d: buyers %d retained %v churned %v rate %v; want %+v", i, g.Buyers, deref(g.Retained), deref(g.Churned), g.Rate(), w)
					}
				}
			})
		}
	})
}

func sameInt(a, b *int) bool       { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
func sameFloat(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestCustomerProfile_CountsAndFolds(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		type g struct {
			key         string
			other       bool
			customers   int
			keyAccounts int
		}
		for _, tc := range []struct {
			by   insights.ProfileDimension
			top  int
			want []g
		}{
			// C has no region and E an empty one: both "not recorded"; the tie sorts by key.
			{insights.ProfileRegion, 10, []g{{"<none>", false, 2, 0}, {"华东", false, 2, 1}, {"华北", false, 1, 0}}},
			{insights.ProfileRegion, 2, []g{{"<none>", false, 2, 0}, {"华东", false, 2, 1}, {"<none>", true, 1, 0}}},
			{insights.ProfileKind, 10, []g{{"PERSON", false, 4, 0}, {"ORGANISATION", false, 1, 1}}},
			{insights.ProfileIndustry, 10, []g{{"<none>", false, 4, 0}, {"Retail", false, 1, 1}}},
		} {
			t.Run(fmt.Sprintf("%s/top%d", tc.by, tc.top), func(t *testing.T) {
				got, err := f.s.CustomerProfile(f.mk, tc.by, tc.top)
				if err != nil {
					t.Fatal(err)
				}
				var have []g
				for _, x := range got {
					have = append(have, g{key(x.Key), x.Other, x.Customers, x.KeyAccounts})
				}
				if fmt.Sprint(have) != fmt.Sprint(tc.want) {
					t.Errorf("got %v, want %v", have, tc.want)
				}
			})
		}
	})
}

func TestCommunityActivity_PerPeriod(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		c, sys := db.Client, f.sys
		member := func(handle string, joined time.Time) *ent.Member {
			u := c.User.Create().SetEmail(handle + "@example.com").SetPasswordHash("x").SetRole(user.RoleMEMBER).SaveX(sys)
			return c.Member.Create().SetUserID(u.ID).SetDisplayName(handle).SetHandle(handle).SetCreatedAt(joined).SaveX(sys)
		}
		m1 := member("mei", sh(2025, 1, 10))
		m2 := member("lin", utc("2025-01-31T16:00:00Z")) // 1 Feb in Shanghai
		bd := c.Board.Create().SetName("Talk").SetSlug("talk").SaveX(sys)
		p1 := c.Post.Create().SetBoardID(bd.ID).SetAuthorID(m1.ID).SetTitle("Hello").SetBody("b").SetCreatedAt(utc("2025-01-31T15:00:00Z")).SaveX(sys)
		// A deleted post counts for nothing; a hidden comment still counts.
		c.Post.Create().SetBoardID(bd.ID).SetAuthorID(m2.ID).SetTitle("Gone").SetBody("b").SetCreatedAt(sh(2025, 2, 6)).SetDeletedAt(sh(2025, 2, 7)).ExecX(sys)
		c.Comment.Create().SetPostID(p1.ID).SetAuthorID(m2.ID).SetBody("hi").SetHidden(true).SetCreatedAt(sh(2025, 2, 7)).ExecX(sys)
		c.Reaction.Create().SetSubjectID(p1.ID).SetMemberID(m2.ID).SetKind("LIKE").SetCreatedAt(sh(2025, 2, 8)).ExecX(sys)
		c.Reaction.Create().SetSubjectID(p1.ID).SetMemberID(m1.ID).SetKind("LOVE").SetCreatedAt(sh(2025, 3, 1)).ExecX(sys)
		c.Reaction.Create().SetSubjectID(p1.ID).SetMemberID(m2.ID).SetKind("LOVE").SetCreatedAt(sh(2025, 3, 2)).ExecX(sys)

		got, err := f.s.CommunityActivity(f.mk, insights.Month, from, to)
		if err != nil {
			t.Fatal(err)
		}
		want := []insights.Activity{
			{Posts: 1, ActiveMembers: 1, NewMembers: 1},
			{Comments: 1, Reactions: 1, ActiveMembers: 1, NewMembers: 1},
			{Reactions: 2, ActiveMembers: 2},
		}
		for i, w := range want {
			g := *got[i]
			g.Start, g.End = time.Time{}, time.Time{}
			if g != w {
				t.Errorf("period %d: got %+v, want %+v", i, g, w)
			}
		}
	})
}

func TestSatisfactionTrend_ShareWithinSLA(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		cust := db.Client.Customer.Query().FirstX(f.sys)
		ticket := func(resolved *time.Time, breached bool) {
			b := db.Client.Ticket.Create().SetCustomerID(cust.ID).SetTitle("t").SetSLABreached(breached)
			if resolved != nil {
				b.SetResolvedAt(*resolved)
			}
			b.ExecX(f.sys)
		}
		jan, feb1, feb10 := sh(2025, 1, 20), utc("2025-01-31T16:30:00Z"), sh(2025, 2, 10)
		ticket(&jan, false)
		ticket(&feb1, true) // 00:30 on Feb 1 in Shanghai: February's
		ticket(&feb10, false)
		ticket(nil, true) // open: not resolved in any period
		got, err := f.s.SatisfactionTrend(f.mk, insights.Month, from, to)
		if err != nil {
			t.Fatal(err)
		}
		one, half := 1.0, 0.5
		for i, w := range []struct {
			resolved, within int
			share            *float64
		}{{1, 1, &one}, {2, 1, &half}, {0, 0, nil}} {
			g := got[i]
			if g.TicketsResolved != w.resolved || g.ResolvedWithinSLA != w.within || !sameFloat(g.Share(), w.share) {
				t.Errorf("period %d: %d/%d share %v, want %+v", i, g.ResolvedWithinSLA, g.TicketsResolved, g.Share(), w)
			}
		}
	})
}

// TestInsights_AccessAndBadInput: members and anonymous callers are refused;
// bad input is BAD_USER_INPUT naming the field.
func TestInsights_AccessAndBadInput(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		member := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 999, Role: viewer.RoleMember})
		anon := context.Background()
		cat := insights.ByCategory
		calls := map[string]func(ctx context.Context, p insights.Period, from, to time.Time) error{
			"salesBreakdown": func(ctx context.Context, _ insights.Period, from, to time.Time) error {
				_, err := f.s.SalesBreakdown(ctx, insights.ByCategory, from, to)
				return err
			},
			"salesOverTime": func(ctx context.Context, p insights.Period, from, to time.Time) error {
				_, err := f.s.SalesOverTime(ctx, p, from, to, &cat, 8)
				return err
			},
			"customerCounts": func(ctx context.Context, p insights.Period, from, to time.Time) error {
				_, err := f.s.CustomerCounts(ctx, p, from, to)
				return err
			},
			"retention": func(ctx context.Context, p insights.Period, from, to time.Time) error {
				_, err := f.s.RetentionByPeriod(ctx, p, from, to)
				return err
			},
			"communityActivity": func(ctx context.Context, p insights.Period, from, to time.Time) error {
				_, err := f.s.CommunityActivity(ctx, p, from, to)
				return err
			},
			"satisfactionTrend": func(ctx context.Context, p insights.Period, from, to time.Time) error {
				_, err := f.s.SatisfactionTrend(ctx, p, from, to)
				return err
			},
			"loyaltyOverTime": func(ctx context.Context, p insights.Period, from, to time.Time) error {
				_, err := f.s.LoyaltyOverTime(ctx, p, from, to)
				return err
			},
			"valueTiersOverTime": func(ctx context.Context, p insights.Period, from, to time.Time) error {
				_, err := f.s.ValueTiersOverTime(ctx, p, from, to)
				return err
			},
			"customerProfile": func(ctx context.Context, _ insights.Period, _, _ time.Time) error {
				_, err := f.s.CustomerProfile(ctx, insights.ProfileRegion, 10)
				return err
			},
		}
		for name, call := range calls {
			t.Run(name, func(t *testing.T) {
				for _, tc := range []struct {
					ctx      context.Context
					p        insights.Period
					from, to time.Time
					code     errs.Code
					field    string
				}{
					{anon, insights.Month, from, to, errs.Unauthenticated, ""},
					{member, insights.Month, from, to, errs.Forbidden, ""},
					{f.mk, insights.Month, from, to, "", ""},
					{f.mk, insights.Month, sh(2015, 1, 1), sh(2025, 1, 1), "", ""}, // 120 months
				} {
					if err := call(tc.ctx, tc.p, tc.from, tc.to); errs.CodeOf(err) != tc.code && !(tc.code == "" && err == nil) {
						t.Errorf("%v: %v, want %s", tc.from, err, tc.code)
					}
				}
				if name == "customerProfile" {
					return
				}
				for _, tc := range []struct {
					p        insights.Period
					from, to time.Time
					field    string
				}{
					{insights.Month, to, from, "to"},
					{insights.Month, from, from, "to"},
					{insights.Month, sh(2015, 1, 1), sh(2025, 1, 2), "from"}, // 121 months
					{"WEEK", from, to, "period"},
				} {
					if name == "salesBreakdown" && tc.field != "to" {
						continue // no periods
					}
					err := call(f.mk, tc.p, tc.from, tc.to)
					e, ok := errs.As(err)
					if !ok || e.Code != errs.Invalid || e.Field != tc.field {
						t.Errorf("%s %v–%v: %v, want BAD_USER_INPUT on %s", tc.p, tc.from, tc.to, err, tc.field)
					}
				}
			})
		}
		t.Run("BadDimensionsAndTop", func(t *testing.T) {
			bad := insights.Dimension("COLOUR")
			for i, err := range []error{
				second(f.s.SalesBreakdown(f.mk, bad, from, to)),
				second(f.s.SalesOverTime(f.mk, insights.Month, from, to, &bad, 8)),
				second(f.s.SalesOverTime(f.mk, insights.Month, from, to, &cat, 0)),
				second(f.s.SalesOverTime(f.mk, insights.Month, from, to, &cat, insights.MaxSeries+1)),
				second(f.s.CustomerProfile(f.mk, "COLOUR", 10)),
				second(f.s.CustomerProfile(f.mk, insights.ProfileRegion, 0)),
			} {
				if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || !strings.Contains("by top", e.Field) {
					t.Errorf("case %d: %v", i, err)
				}
			}
		})
	})
}

func second[T any](_ T, err error) error { return err }

func TestBasis_TimeZoneAndCurrencyForStaff(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db)
		b, err := f.s.Basis(f.mk)
		if err != nil || b.TimeZone != "Asia/Shanghai" || b.ReportingCurrency != "CNY" {
			t.Fatalf("%+v %v", b, err)
		}
		member := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 999, Role: viewer.RoleMember})
		if _, err := f.s.Basis(member); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("member: %v", err)
		}
	})
}
