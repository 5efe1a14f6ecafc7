package crm

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"sync"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/viewer"
)

// Reads for dashboards and the customer page. They read the stored scores
// with one statement each (cross-selling reads the basket table the
// recompute stores, kept in memory: baskets.go); staff only: they describe
// other customers.

func requireStaff(ctx context.Context) error {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return errs.E(errs.Forbidden, "staff only")
	}
	return nil
}

// ParetoPoint is one point of the Pareto curve: the best Customers
// customers by contribution (CustomerShare of all scored customers) hold
// ContributionShare of the total contribution. Losses at the tail make the
// curve rise above 1 and come back down to 1 (the "whale curve").
type ParetoPoint struct {
	CustomerShare     float64 `json:"customerShare"`
	ContributionShare float64 `json:"contributionShare"`
	Customers         int     `json:"customers"`
}

// ParetoSummary is the whole of the 80/20 picture in numbers.
type ParetoSummary struct {
	Customers         int   `json:"customers"`
	TotalContribution int64 `json:"totalContribution"`
	// TopShare is the share of the total contribution held by the best 20 %
	// of customers (⌈n/5⌉ of them); 0 when the total is not positive.
	TopShare float64 `json:"topShare"`
}

// MaxParetoPoints bounds paretoCurve(points:).
const MaxParetoPoints = 1000

// cumulative returns, for each k in ks (ascending), the contribution of the
// best k scored customers, and n and the total. One ordered scan.
func (s *Service) cumulative(ctx context.Context, ks func(n int) []int) (n int, total int64, cum map[int]int64, err error) {
	if err := s.DB.SQL.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM(contribution), 0) FROM customers WHERE pareto_percentile IS NOT NULL").Scan(&n, &total); err != nil {
		return 0, 0, nil, err
	}
	want := ks(n)
	cum = map[int]int64{0: 0}
	if n == 0 || len(want) == 0 {
		return n, total, cum, nil
	}
	maxK := want[len(want)-1]
	d := sqlDialect(s.DB.Dialect)
	rows, err := s.DB.SQL.QueryContext(ctx, `SELECT contribution FROM customers WHERE pareto_percentile IS NOT NULL
ORDER BY contribution DESC, id LIMIT `+d.param(1), maxK)
	if err != nil {
		return 0, 0, nil, err
	}
	defer rows.Close()
	set := map[int]bool{}
	for _, k := range want {
		set[k] = true
	}
	var sum int64
	for i := 1; rows.Next(); i++ {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return 0, 0, nil, err
		}
		sum += c
		if set[i] {
			cum[i] = sum
		}
	}
	return n, total, cum, rows.Err()
}

// ParetoCurve returns points+1 points from no customer to all of them.
func (s *Service) ParetoCurve(ctx context.Context, points int) ([]*ParetoPoint, error) {
	if err := requireStaff(ctx); err != nil {
		return nil, err
	}
	if points < 1 || points > MaxParetoPoints {
		return nil, errs.Field("points", "must be between 1 and %d", MaxParetoPoints)
	}
	ks := func(n int) []int {
		var out []int
		for i := 0; i <= points; i++ {
			k := int(math.Round(float64(i) * float64(n) / float64(points)))
			if len(out) == 0 || out[len(out)-1] != k {
				out = append(out, k)
			}
		}
		return out
	}
	n, total, cum, err := s.cumulative(ctx, ks)
	if err != nil {
		return nil, err
	}
	out := []*ParetoPoint{}
	for _, k := range ks(n) {
		p := &ParetoPoint{Customers: k}
		if n > 0 {
			p.CustomerShare = float64(k) / float64(n)
		}
		if total > 0 {
			p.ContributionShare = float64(cum[k]) / float64(total)
		}
		out = append(out, p)
	}
	return out, nil
}

// Pareto returns the summary: how many are scored, their total, and the
// share the top 20 % hold.
func (s *Service) Pareto(ctx context.Context) (*ParetoSummary, error) {
	if err := requireStaff(ctx); err != nil {
		return nil, err
	}
	top := func(n int) int { return (n + 4) / 5 }
	n, total, cum, err := s.cumulative(ctx, func(n int) []int { return []int{top(n)} })
	if err != nil {
		return nil, err
	}
	out := &ParetoSummary{Customers: n, TotalContribution: total}
	if total > 0 {
		out.TopShare = float64(cum[top(n)]) / float64(total)
	}
	return out, nil
}

// RFMCell counts the scored customers with one recency and frequency score.
type RFMCell struct {
	Recency   int `json:"recency"`
	Frequency int `json:"frequency"`
	Customers int `json:"customers"`
	// Monetary is their total monetary value (reporting minor units).
	Monetary int64 `json:"monetary"`
}

// RFMGrid returns the 25 cells of recency × frequency (empty cells too).
func (s *Service) RFMGrid(ctx context.Context) ([]*RFMCell, error) {
	if err := requireStaff(ctx); err != nil {
		return nil, err
	}
	cells := make([]*RFMCell, 0, 25)
	for r := 1; r <= 5; r++ {
		for f := 1; f <= 5; f++ {
			cells = append(cells, &RFMCell{Recency: r, Frequency: f})
		}
	}
	rows, err := s.DB.SQL.QueryContext(ctx, `SELECT rfm_recency, rfm_frequency, COUNT(*), COALESCE(SUM(monetary), 0) FROM customers
WHERE rfm_recency IS NOT NULL GROUP BY rfm_recency, rfm_frequency`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r, f, n int
		var m int64
		if err := rows.Scan(&r, &f, &n, &m); err != nil {
			return nil, err
		}
		if r >= 1 && r <= 5 && f >= 1 && f <= 5 {
			c := cells[(r-1)*5+f-1]
			c.Customers, c.Monetary = n, m
		}
	}
	return cells, rows.Err()
}

// TierCount counts the customers of one value tier.
type TierCount struct {
	Tier         customer.ValueTier `json:"tier"`
	Customers    int                `json:"customers"`
	Contribution int64              `json:"contribution"`
}

// TierCounts returns every tier, in the order MVC, MGC, ORDINARY, BZ.
func (s *Service) TierCounts(ctx context.Context) ([]*TierCount, error) {
	if err := requireStaff(ctx); err != nil {
		return nil, err
	}
	order := []customer.ValueTier{customer.ValueTierMVC, customer.ValueTierMGC, customer.ValueTierORDINARY, customer.ValueTierBZ}
	by := map[customer.ValueTier]*TierCount{}
	out := make([]*TierCount, len(order))
	for i, t := range order {
		out[i] = &TierCount{Tier: t}
		by[t] = out[i]
	}
	rows, err := s.DB.SQL.QueryContext(ctx, "SELECT value_tier, COUNT(*), COALESCE(SUM(contribution), 0) FROM customers GROUP BY value_tier")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var n int
		var c int64
		if err := rows.Scan(&t, &n, &c); err != nil {
			return nil, err
		}
		if tc := by[customer.ValueTier(t)]; tc != nil {
			tc.Customers, tc.Contribution = n, c
		}
	}
	return out, rows.Err()
}

// TierMovement counts the tier changes from one tier to another in a period
// (from the customers' history).
type TierMovement struct {
	From      customer.ValueTier `json:"from"`
	To        customer.ValueTier `json:"to"`
	Customers int                `json:"customers"`
}

// TierMovements returns the tier changes recorded in [from, to).
func (s *Service) TierMovements(ctx context.Context, from, to time.Time) ([]*TierMovement, error) {
	if err := requireStaff(ctx); err != nil {
		return nil, err
	}
	if !to.After(from) {
		return nil, errs.Field("to", "must be after from")
	}
	d := sqlDialect(s.DB.Dialect)
	rows, err := s.DB.SQL.QueryContext(ctx, `SELECT old_value, new_value, COUNT(*) FROM field_changes
WHERE entity_type = 'Customer' AND field = 'value_tier' AND created_at >= `+d.param(1)+` AND created_at < `+d.param(2)+`
GROUP BY old_value, new_value ORDER BY COUNT(*) DESC`, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*TierMovement{}
	unq := func(s string) customer.ValueTier {
		if len(s) >= 2 && s[0] == '"' {
			s = s[1 : len(s)-1]
		}
		return customer.ValueTier(s)
	}
	for rows.Next() {
		var o, n string
		var c int
		if err := rows.Scan(&o, &n, &c); err != nil {
			return nil, err
		}
		out = append(out, &TierMovement{From: unq(o), To: unq(n), Customers: c})
	}
	return out, rows.Err()
}

// Bought filters customers with an uncancelled sale in category; NotBought
// those without one. Together: "bought X but not Y".
func Bought(category string, bought bool) predicate.Customer {
	return func(s *sql.Selector) {
		o := sql.Table("orders").As("bought_o")
		c := sql.Table("orders").As("bought_c")
		q := sql.Select(o.C("customer_id")).From(o).Where(sql.And(
			sql.EQ(o.C("kind"), "SALE"),
			sql.EQ(o.C("product_category"), category),
			sql.ColumnsEQ(o.C("customer_id"), s.C(customer.FieldID)),
			sql.NotExists(sql.Select(c.C("id")).From(c).Where(sql.ColumnsEQ(c.C("cancels_id"), o.C("id")))),
		))
		if bought {
			s.Where(sql.Exists(q))
		} else {
			s.Where(sql.NotExists(q))
		}
	}
}

// DueStatus is where a customer's expected next order stands.
type DueStatus string

const (
	DueSoon DueStatus = "DUE_SOON"
	Overdue DueStatus = "OVERDUE"
)

// scoresCache keeps the score settings for a few seconds: dueStatus is asked
// for every row of a list page, and a settings read per row would make the
// page cost a statement per customer. A change made here clears it.
type scoresCache struct {
	mu  sync.Mutex
	at  time.Time
	val settings.Scores
}

const cacheFor = 10 * time.Second

func (s *Service) scores(ctx context.Context) (settings.Scores, error) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if !s.cache.at.IsZero() && time.Since(s.cache.at) < cacheFor {
		return s.cache.val, nil
	}
	sc, err := s.Settings.GetScores(ctx)
	if err != nil {
		return sc, err
	}
	s.cache.at, s.cache.val = time.Now(), sc
	return sc, nil
}

// UpdateSettings changes the score rules (admins) and forgets the s.cache.
func (s *Service) UpdateSettings(ctx context.Context, sc settings.Scores) (settings.Scores, error) {
	out, err := s.Settings.UpdateScores(ctx, sc)
	if err == nil {
		s.cache.mu.Lock()
		s.cache.at = time.Time{}
		s.cache.mu.Unlock()
	}
	return out, err
}

// StatusOf says whether an expected next order at next is due soon or
// overdue at the clock's time; nil when neither (or unknown).
func (s *Service) StatusOf(ctx context.Context, next *time.Time) (*DueStatus, error) {
	if next == nil {
		return nil, nil
	}
	sc, err := s.scores(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var st DueStatus
	switch {
	case next.Before(now):
		st = Overdue
	case !next.After(now.Add(time.Duration(sc.DueSoonDays) * 24 * time.Hour)):
		st = DueSoon
	default:
		return nil, nil
	}
	return &st, nil
}

// DuePredicate filters customers by due status at the clock's time.
func (s *Service) DuePredicate(ctx context.Context, st DueStatus) (predicate.Customer, error) {
	sc, err := s.scores(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	switch st {
	case Overdue:
		return customer.ExpectedNextOrderAtLT(now), nil
	case DueSoon:
		return customer.And(customer.ExpectedNextOrderAtGTE(now),
			customer.ExpectedNextOrderAtLTE(now.Add(time.Duration(sc.DueSoonDays)*24*time.Hour))), nil
	}
	return nil, errs.Field("dueStatus", "unknown status %q", st)
}

// MarshalGQL writes the status as its GraphQL enum value.
func (d DueStatus) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(d))) }

// UnmarshalGQL reads a GraphQL enum value.
func (d *DueStatus) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || (DueStatus(s) != DueSoon && DueStatus(s) != Overdue) {
		return fmt.Errorf("%v is not a valid DueStatus", v)
	}
	*d = DueStatus(s)
	return nil
}

// InTop20 says whether a Pareto percentile is in the top 20 % (≥ 80).
func InTop20(p *float64) bool { return p != nil && *p >= 80 }

// ScoreSettings returns the score rules; staff only.
func (s *Service) ScoreSettings(ctx context.Context) (settings.Scores, error) {
	if err := requireStaff(ctx); err != nil {
		return settings.Scores{}, err
	}
	return s.Settings.GetScores(ctx)
}

// WhereDue adds the dueStatus filter to a customers where input.
func (s *Service) WhereDue(ctx context.Context, w *ent.CustomerWhereInput, st *DueStatus) error {
	if st == nil {
		return nil
	}
	p, err := s.DuePredicate(ctx, *st)
	if err != nil {
		return err
	}
	w.AddPredicates(p)
	return nil
}

// WhereBought adds a boughtCategory (bought) or notBoughtCategory filter.
func WhereBought(w *ent.CustomerWhereInput, category *string, bought bool) error {
	if category == nil {
		return nil
	}
	w.AddPredicates(Bought(*category, bought))
	return nil
}
