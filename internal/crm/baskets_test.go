package crm

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/kith-crm/kith/ent/schema"
)

func set(cats ...string) string { return strings.Join(cats, schema.CategorySeparator) }

// TestRankCrossSell works a basket table by hand where the weight (customers
// × shared categories) and the number of customers rank differently.
func TestRankCrossSell(t *testing.T) {
	table := newBasketTable([]storedBasket{
		{set("a", "b"), 2},      // the customer and one other
		{set("a", "b", "x"), 3}, // shares 2: x weighs 3 × 2 = 6
		{set("a", "y"), 2},      // shares 1: y weighs 2
		{set("b", "y"), 2},      // shares 1: y weighs 2 + 2 = 4, bought by 4
		{set("a", "w"), 4},      // shares 1: w weighs 4, bought by 4
		{set("z"), 5},           // shares nothing: not a look-alike
	})
	// Look-alikes: 2 + 3 + 2 + 2 + 4 − the customer = 12.
	want := []CrossSell{{"x", 3, 3.0 / 12}, {"w", 4, 4.0 / 12}, {"y", 4, 4.0 / 12}}
	for i := 0; i < 2; i++ { // the second answer comes from the memo
		got := table.crossSell(set("a", "b"))
		if len(got) != len(want) {
			t.Fatalf("cross-sell = %v; want %v", got, want)
		}
		for i, w := range want {
			if got[i].Category != w.Category || got[i].Customers != w.Customers || math.Abs(got[i].Share-w.Share) > 1e-12 {
				t.Errorf("suggestion %d = %+v; want %+v", i, got[i], w)
			}
		}
	}
	// A basket nobody has (the table predates the customer's last
	// purchase): nobody to take away, and unknown categories count nothing.
	got := table.crossSell(set("new", "z"))
	if fmt.Sprint(got) != "[]" {
		t.Errorf("cross-sell of {new, z} = %v; want none (z's buyers buy nothing else)", got)
	}
	got = table.crossSell(set("w", "new"))
	if len(got) != 1 || got[0].Category != "a" || got[0].Customers != 4 || got[0].Share != 1 {
		t.Errorf("cross-sell of {new, w} = %v; want a bought by all 4 look-alikes", got)
	}

	// Affinities: 18 customers; buyers a 11, b 7, x 3, y 4, w 4, z 5.
	// Pairs: a-b 5, a-x 3, b-x 3, a-y 2, b-y 2, a-w 4. Lift of a-w is
	// 4 × 18 / (11 × 4) = 18/11, the same as a-x's 3 × 18 / (11 × 3): more
	// customers first. A pair and its mirror share their lift: by name.
	type aff struct {
		cat, other          string
		n                   int
		support, conf, lift float64
	}
	for _, c := range []struct {
		min, limit int
		want       []aff
	}{
		{4, 100, []aff{
			{"a", "w", 4, 4.0 / 18, 4.0 / 11, 18.0 / 11},
			{"w", "a", 4, 4.0 / 18, 1, 18.0 / 11},
			{"a", "b", 5, 5.0 / 18, 5.0 / 11, 90.0 / 77},
			{"b", "a", 5, 5.0 / 18, 5.0 / 7, 90.0 / 77},
		}},
		{1, 5, []aff{
			{"b", "x", 3, 3.0 / 18, 3.0 / 7, 18.0 / 7},
			{"x", "b", 3, 3.0 / 18, 1, 18.0 / 7},
			{"a", "w", 4, 4.0 / 18, 4.0 / 11, 18.0 / 11},
			{"w", "a", 4, 4.0 / 18, 1, 18.0 / 11},
			{"a", "x", 3, 3.0 / 18, 3.0 / 11, 18.0 / 11},
		}},
	} {
		got := table.affinities(c.min, c.limit)
		if len(got) != len(c.want) {
			t.Fatalf("affinities(%d, %d) = %d pairs; want %d", c.min, c.limit, len(got), len(c.want))
		}
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
		for i, w := range c.want {
			g := got[i]
			if g.Category != w.cat || g.Other != w.other || g.Customers != w.n || !near(g.Support, w.support) ||
				!near(g.Confidence, w.conf) || !near(g.Lift, w.lift) {
				t.Errorf("affinities(%d, %d)[%d] = %+v; want %+v", c.min, c.limit, i, *g, w)
			}
		}
	}
}

func TestStoredBasketJSON(t *testing.T) {
	in := []storedBasket{{set("cakes", "tea"), 3}}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `[["cakes\u001ftea",3]]` {
		t.Fatalf("json = %s, %v", b, err)
	}
	var out []storedBasket
	if err := json.Unmarshal(b, &out); err != nil || len(out) != 1 || out[0] != in[0] {
		t.Fatalf("round trip = %v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`[["a"]]`), &out); err == nil {
		t.Fatal("a basket without customers was read")
	}
}
