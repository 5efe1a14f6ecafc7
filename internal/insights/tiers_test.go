package insights_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/insights"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// tierRow is one tier of one period: customers at the end, entered, left.
type tierRow struct{ customers, entered, left int }

// TestValueTiersOverTime_RebuiltFromTheHistory writes a tier history as the
// recompute writes it (field_changes rows with JSON values) and checks the
// series against these hand-worked tiers, in London months (February,
// March, and April, which starts at 2025-03-31T23:00Z):
//
//	A  created Jan 10. Feb 5 ORDINARY→MVC, Feb 20 MVC→MGC, Mar 31 23:30Z
//	   (April) MGC→MVC, May 10 (after the range) MVC→ORDINARY; now ORDINARY.
//	B  created Jan 15. Feb 8 ORDINARY→MVC, Feb 9 MVC→ORDINARY, Feb 12
//	   ORDINARY→MVC, Feb 25 MVC→ORDINARY: entered and left MVC in February
//	   (counted once each), ORDINARY at every end.
//	C  created Jan 20, imported as BZ: Mar 10 BZ→ORDINARY.
//	D  created Mar 31 22:30Z (still March): Apr 10 ORDINARY→MGC.
//	E  created Apr 20 with a change recorded on Apr 15, before it existed
//	   (ORDINARY→MVC): counted from its creation, in MVC.
//	F  created Jan 5, no change ever: in its tier now, MGC, throughout.
//	G  created May 5, after the range: nowhere.
//	—  a change of a customer who no longer exists (merged away) on Feb 7:
//	   ignored.
func TestValueTiersOverTime_RebuiltFromTheHistory(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		mk, _, s := inLondon(t, db)
		sys := auth.System(context.Background())
		c := db.Client
		cust := func(name, created string, now customer.ValueTier) int {
			return c.Customer.Create().SetName(name).SetCreatedAt(utc(created)).SetValueTier(now).SaveX(sys).ID
		}
		change := func(id int, at string, from, to customer.ValueTier) {
			c.FieldChange.Create().SetEntityType("Customer").SetEntityID(id).SetField("value_tier").
				SetOldValue(`"` + string(from) + `"`).SetNewValue(`"` + string(to) + `"`).SetCreatedAt(utc(at)).ExecX(sys)
		}
		const mvc, mgc, ord, bz = customer.ValueTierMVC, customer.ValueTierMGC, customer.ValueTierORDINARY, customer.ValueTierBZ
		a := cust("A", "2025-01-10T00:00:00Z", ord)
		change(a, "2025-02-05T00:00:00Z", ord, mvc)
		change(a, "2025-02-20T00:00:00Z", mvc, mgc)
		change(a, "2025-03-31T23:30:00Z", mgc, mvc)
		change(a, "2025-05-10T00:00:00Z", mvc, ord)
		b := cust("B", "2025-01-15T00:00:00Z", ord)
		change(b, "2025-02-08T00:00:00Z", ord, mvc)
		change(b, "2025-02-09T00:00:00Z", mvc, ord)
		change(b, "2025-02-12T00:00:00Z", ord, mvc)
		change(b, "2025-02-25T00:00:00Z", mvc, ord)
		cc := cust("C", "2025-01-20T00:00:00Z", ord)
		change(cc, "2025-03-10T00:00:00Z", bz, ord)
		d := cust("D", "2025-03-31T22:30:00Z", mgc)
		change(d, "2025-04-10T00:00:00Z", ord, mgc)
		e := cust("E", "2025-04-20T00:00:00Z", mvc)
		change(e, "2025-04-15T00:00:00Z", ord, mvc)
		cust("F", "2025-01-05T00:00:00Z", mgc)
		cust("G", "2025-05-05T00:00:00Z", mvc)
		change(999_999, "2025-02-07T00:00:00Z", ord, mvc)

		// Rows: MVC, MGC, ORDINARY, BZ.
		feb := [4]tierRow{{0, 2, 2}, {2, 1, 0}, {1, 1, 2}, {1, 0, 0}}
		mar := [4]tierRow{{0, 0, 0}, {2, 0, 0}, {3, 1, 0}, {0, 0, 1}}
		apr := [4]tierRow{{2, 2, 0}, {2, 1, 1}, {2, 0, 2}, {0, 0, 0}}
		// February and March as one (cut) quarter: distinct customers over both.
		q1 := [4]tierRow{{0, 2, 2}, {2, 1, 0}, {3, 2, 2}, {0, 0, 1}}
		for _, tc := range []struct {
			name     string
			period   insights.Period
			from, to time.Time
			starts   []time.Time
			want     [][4]tierRow
		}{
			{"Months", insights.Month, ld(2025, 2, 1), ld(2025, 5, 1),
				[]time.Time{utc("2025-02-01T00:00:00Z"), utc("2025-03-01T00:00:00Z"), utc("2025-03-31T23:00:00Z")},
				[][4]tierRow{feb, mar, apr}},
			{"Quarters", insights.Quarter, ld(2025, 2, 1), ld(2025, 5, 1),
				[]time.Time{utc("2025-02-01T00:00:00Z"), utc("2025-03-31T23:00:00Z")},
				[][4]tierRow{q1, apr}},
			// January: only the tiers the customers started in (A, B
			// ORDINARY, C BZ, F MGC), no moves.
			{"BeforeAnyChange", insights.Month, ld(2025, 1, 1), ld(2025, 2, 1), []time.Time{utc("2025-01-01T00:00:00Z")},
				[][4]tierRow{{{0, 0, 0}, {1, 0, 0}, {2, 0, 0}, {1, 0, 0}}}},
			// June: A went back to ORDINARY in May, G joined in MVC.
			{"AfterEveryChange", insights.Month, ld(2025, 6, 1), ld(2025, 7, 1), []time.Time{utc("2025-05-31T23:00:00Z")},
				[][4]tierRow{{{2, 0, 0}, {2, 0, 0}, {3, 0, 0}, {0, 0, 0}}}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.ValueTiersOverTime(mk, tc.period, tc.from, tc.to)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(tc.want) {
					t.Fatalf("%d periods, want %d", len(got), len(tc.want))
				}
				for i, p := range got {
					if !p.Start.Equal(tc.starts[i]) {
						t.Errorf("period %d starts %s, want %s", i, p.Start.UTC(), tc.starts[i])
					}
					var have [4]tierRow
					for j, f := range p.Tiers {
						if f.Tier != insights.Tiers[j] {
							t.Fatalf("period %d: tier %d is %s", i, j, f.Tier)
						}
						have[j] = tierRow{f.Customers, f.Entered, f.Left}
					}
					if have != tc.want[i] {
						t.Errorf("period %d (MVC, MGC, ORDINARY, BZ as customers/entered/left):\n got %v\nwant %v", i, fmt.Sprint(have), fmt.Sprint(tc.want[i]))
					}
				}
			})
		}
	})
}
