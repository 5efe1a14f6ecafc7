package crm

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/schema"
	"github.com/kith-crm/kith/ent/setting"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// Cross-selling reads baskets, not orders. A customer's basket is the set of
// categories of their uncancelled sales (an order holds one category, so
// customers, not orders, are the baskets). The recompute stores each
// customer's basket on their row (category_set: the categories sorted and
// joined with schema.CategorySeparator) and the basket table — every
// distinct basket with how many customers have it — in the settings row
// basketsKey. The table has as many rows as there are distinct baskets (a
// few hundred for a catalogue of a dozen categories), so affinities and
// cross-sell are computed from it in memory: a read costs at most one
// statement, the table's, when the cache below is cold.

// basketsKey is the settings row holding the basket table of the last
// recompute (not an admin setting: the recompute writes it).
const basketsKey = "crm_baskets"

// basketsFor is how long a process keeps the basket table. A recompute in
// this process drops it at once; other replicas see the new one after this.
const basketsFor = 30 * time.Second

// storedBasket is one row of the basket table as stored: [set, customers].
type storedBasket struct {
	Set       string
	Customers int
}

func (b storedBasket) MarshalJSON() ([]byte, error) { return json.Marshal([]any{b.Set, b.Customers}) }

func (b *storedBasket) UnmarshalJSON(p []byte) error {
	var v []json.RawMessage
	if err := json.Unmarshal(p, &v); err != nil {
		return err
	}
	if len(v) != 2 {
		return fmt.Errorf("crm: basket %s: want [set, customers]", p)
	}
	if err := json.Unmarshal(v[0], &b.Set); err != nil {
		return err
	}
	return json.Unmarshal(v[1], &b.Customers)
}

// Categories splits a stored category set into its categories (sorted); an
// empty slice for nil.
func Categories(set *string) []string {
	if set == nil || *set == "" {
		return []string{}
	}
	return strings.Split(*set, schema.CategorySeparator)
}

// basket is one distinct basket: its categories (indices into
// basketTable.cats, ascending) and how many customers have it.
type basket struct {
	cats      []int
	customers int
}

// basketTable is the basket table in memory. Read-only once built, except
// for the memo of cross-sell answers.
type basketTable struct {
	cats    []string       // every category, sorted
	index   map[string]int // category → its position in cats
	baskets []basket
	bySet   map[string]int // stored set → its basket
	// holding[c] lists the baskets that hold category c.
	holding [][]int
	// customers is the number of customers with a basket.
	customers int

	mu   sync.Mutex
	memo map[string][]CrossSell // basket → its first maxCrossSell suggestions
}

func newBasketTable(rows []storedBasket) *basketTable {
	t := &basketTable{index: map[string]int{}, bySet: map[string]int{}, memo: map[string][]CrossSell{}}
	split := make([][]string, len(rows))
	for i, r := range rows {
		split[i] = Categories(&r.Set)
		for _, c := range split[i] {
			if _, ok := t.index[c]; !ok {
				t.index[c] = 0
				t.cats = append(t.cats, c)
			}
		}
	}
	slices.Sort(t.cats)
	for i, c := range t.cats {
		t.index[c] = i
	}
	t.holding = make([][]int, len(t.cats))
	for i, r := range rows {
		if r.Customers <= 0 || len(split[i]) == 0 {
			continue
		}
		b := basket{customers: r.Customers}
		for _, c := range split[i] {
			b.cats = append(b.cats, t.index[c])
		}
		slices.Sort(b.cats)
		b.cats = slices.Compact(b.cats)
		t.bySet[r.Set] = len(t.baskets)
		for _, c := range b.cats {
			t.holding[c] = append(t.holding[c], len(t.baskets))
		}
		t.baskets = append(t.baskets, b)
		t.customers += r.Customers
	}
	return t
}

// basketCache keeps the basket table for basketsFor. gen counts the
// recomputes this process finished; a table loaded under an older gen is
// stale at once.
type basketCache struct {
	mu        sync.Mutex
	gen       atomic.Uint64
	loadedGen uint64
	at        time.Time
	val       *basketTable
}

// forgetBaskets drops the cached basket table (a recompute just wrote a new one).
func (s *Service) forgetBaskets() { s.basketCache.gen.Add(1) }

// baskets returns the basket table, reading it (one statement) when the
// cache is cold.
func (s *Service) baskets(ctx context.Context) (*basketTable, error) {
	c := &s.basketCache
	c.mu.Lock()
	defer c.mu.Unlock()
	gen := c.gen.Load()
	if c.val != nil && c.loadedGen == gen && time.Since(c.at) < basketsFor {
		return c.val, nil
	}
	rows, err := s.loadBaskets(ctx)
	if err != nil {
		return nil, err
	}
	c.val, c.loadedGen, c.at = newBasketTable(rows), gen, time.Now()
	return c.val, nil
}

// loadBaskets reads the stored basket table (through the ent client, like
// every read a request makes); none before the first recompute.
func (s *Service) loadBaskets(ctx context.Context) ([]storedBasket, error) {
	row, err := s.DB.Client.Setting.Query().Where(setting.Key(basketsKey)).Only(privacy.DecisionContext(ctx, privacy.Allow))
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var rows []storedBasket
	if err := json.Unmarshal([]byte(row.Value), &rows); err != nil {
		return nil, fmt.Errorf("crm: basket table: %w", err)
	}
	return rows, nil
}

// storedBasketsText reads the stored basket table as stored, in the
// recompute's transaction ("" when none).
func storedBasketsText(ctx context.Context, tx *sql.Tx, d sqlDialect) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = "+d.param(1), basketsKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// CategoryAffinity says how often customers who buy category A also buy B.
// Customers, not orders, are the baskets: an order holds one category.
// Support = customers buying both / customers buying any category;
// Confidence = both / buyers of A; Lift = Confidence / (buyers of B / all).
type CategoryAffinity struct {
	Category   string  `json:"category"`
	Other      string  `json:"other"`
	Customers  int     `json:"customers"`
	Support    float64 `json:"support"`
	Confidence float64 `json:"confidence"`
	Lift       float64 `json:"lift"`
}

// CategoryAffinities returns the ordered pairs bought by at least
// minCustomers customers, best lift first, as of the last recompute.
func (s *Service) CategoryAffinities(ctx context.Context, minCustomers, limit int) ([]*CategoryAffinity, error) {
	if err := requireStaff(ctx); err != nil {
		return nil, err
	}
	if limit < 1 || limit > 500 {
		return nil, errs.Field("limit", "must be between 1 and 500")
	}
	if minCustomers < 1 {
		minCustomers = 1
	}
	t, err := s.baskets(ctx)
	if err != nil {
		return nil, err
	}
	return t.affinities(minCustomers, limit), nil
}

// affinities counts, for every ordered pair of categories, the customers
// whose basket holds both: each basket adds its customers to each of its
// pairs.
func (t *basketTable) affinities(minCustomers, limit int) []*CategoryAffinity {
	buyers := make([]int, len(t.cats))
	both := map[[2]int]int{}
	for _, b := range t.baskets {
		for _, x := range b.cats {
			buyers[x] += b.customers
			for _, y := range b.cats {
				if x != y {
					both[[2]int{x, y}] += b.customers
				}
			}
		}
	}
	type pair struct {
		a *CategoryAffinity
		// Lift is both × all / (buyers of A × buyers of B): rank by the
		// exact fraction both / (buyers × buyers), so a pair and its mirror
		// (equal lift) tie whatever the rounding of their float lifts.
		num, den uint64
	}
	var pairs []pair
	n := float64(t.customers)
	for p, k := range both {
		if k < minCustomers {
			continue
		}
		a := &CategoryAffinity{Category: t.cats[p[0]], Other: t.cats[p[1]], Customers: k}
		a.Support = float64(k) / n
		a.Confidence = float64(k) / float64(buyers[p[0]])
		a.Lift = a.Confidence / (float64(buyers[p[1]]) / n)
		pairs = append(pairs, pair{a, uint64(k), uint64(buyers[p[0]]) * uint64(buyers[p[1]])})
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if c := cmpFractions(x.num, x.den, y.num, y.den); c != 0 {
			return -c
		}
		if x.a.Customers != y.a.Customers {
			return -cmp.Compare(x.a.Customers, y.a.Customers)
		}
		if c := strings.Compare(x.a.Category, y.a.Category); c != 0 {
			return c
		}
		return strings.Compare(x.a.Other, y.a.Other)
	})
	out := make([]*CategoryAffinity, 0, min(len(pairs), limit))
	for _, p := range pairs {
		out = append(out, p.a)
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// cmpFractions compares a/b with c/d (b, d > 0) exactly.
func cmpFractions(a, b, c, d uint64) int {
	h1, l1 := bits.Mul64(a, d)
	h2, l2 := bits.Mul64(c, b)
	if h1 != h2 {
		return cmp.Compare(h1, h2)
	}
	return cmp.Compare(l1, l2)
}

// CrossSell is a category a customer's look-alikes buy and they do not.
// Look-alikes are the customers who share at least one category with them;
// Share is the part of them who buy Category, Customers how many.
type CrossSell struct {
	Category  string  `json:"category"`
	Customers int     `json:"customers"`
	Share     float64 `json:"share"`
}

// maxCrossSell bounds crossSell(limit:).
const maxCrossSell = 50

// CrossSellFor returns up to limit suggestions for customer c (as loaded:
// their basket is c.CategorySet), the most widely bought among look-alikes
// first, weighted by how many categories each look-alike shares with the
// customer; as of the last recompute. Staff only (empty for others). It
// costs no statement but the basket table's when the cache is cold, so a
// list page asking it for every row costs at most one.
func (s *Service) CrossSellFor(ctx context.Context, c *ent.Customer, limit int) ([]*CrossSell, error) {
	if !viewer.FromContext(ctx).IsStaff() {
		return []*CrossSell{}, nil
	}
	if limit < 1 || limit > maxCrossSell {
		return nil, errs.Field("limit", "must be between 1 and %d", maxCrossSell)
	}
	out := []*CrossSell{}
	if c.CategorySet == nil || *c.CategorySet == "" {
		return out, nil
	}
	t, err := s.baskets(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range t.crossSell(*c.CategorySet) {
		if len(out) == limit {
			break
		}
		out = append(out, &x)
	}
	return out, nil
}

// crossSell ranks the categories outside basket set for its customers,
// memoised per basket: a page of customers has few distinct baskets.
func (t *basketTable) crossSell(set string) []CrossSell {
	t.mu.Lock()
	got, ok := t.memo[set]
	t.mu.Unlock()
	if ok {
		return got
	}
	got = t.rankCrossSell(set)
	t.mu.Lock()
	t.memo[set] = got
	t.mu.Unlock()
	return got
}

// rankCrossSell: the look-alikes of a customer with basket M are the
// customers of every basket S sharing a category with M, less the customer.
// Each category X outside M is bought by the customers of the look-alike
// baskets holding it, and weighs Σ customers(S) × |S ∩ M| over those
// baskets. Heaviest first, then most bought, then by name.
func (t *basketTable) rankCrossSell(set string) []CrossSell {
	mine := make([]bool, len(t.cats))
	overlap := map[int]int{} // basket → categories shared with M
	for _, c := range Categories(&set) {
		x, ok := t.index[c]
		if !ok || mine[x] {
			continue
		}
		mine[x] = true
		for _, b := range t.holding[x] {
			overlap[b]++
		}
	}
	alike := 0
	customers := make([]int, len(t.cats))
	weight := make([]int64, len(t.cats))
	for b, ov := range overlap {
		bk := t.baskets[b]
		alike += bk.customers
		for _, x := range bk.cats {
			if !mine[x] {
				customers[x] += bk.customers
				weight[x] += int64(bk.customers) * int64(ov)
			}
		}
	}
	// The customer is one of their basket's customers, not a look-alike.
	if b, ok := t.bySet[set]; ok && t.baskets[b].customers > 0 {
		alike--
	}
	var idx []int
	for x, n := range customers {
		if n > 0 {
			idx = append(idx, x)
		}
	}
	slices.SortFunc(idx, func(x, y int) int {
		if weight[x] != weight[y] {
			return -cmp.Compare(weight[x], weight[y])
		}
		if customers[x] != customers[y] {
			return -cmp.Compare(customers[x], customers[y])
		}
		return strings.Compare(t.cats[x], t.cats[y])
	})
	if len(idx) > maxCrossSell {
		idx = idx[:maxCrossSell]
	}
	out := make([]CrossSell, 0, len(idx))
	for _, x := range idx {
		out = append(out, CrossSell{Category: t.cats[x], Customers: customers[x], Share: float64(customers[x]) / float64(alike)})
	}
	return out
}
