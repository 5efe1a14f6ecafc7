package insights

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/kith-crm/kith/internal/errs"
)

// CustomerCount is prospecting's view of one period.
type CustomerCount struct {
	Start time.Time
	End   time.Time
	// NewCustomers is the customer records created in the period
	// (acquisition).
	NewCustomers int
	// FirstTimeBuyers is the customers whose first sale that stands falls in
	// the period.
	FirstTimeBuyers int
	// ActiveBuyers is the distinct customers with a sale that stands in the
	// period.
	ActiveBuyers int
	// TotalCustomers is every customer record created before the period's
	// end (cumulative).
	TotalCustomers int
}

// CustomerCounts returns, per period of [from, to), new customers, first-time
// and active buyers and the cumulative total. Staff only; three statements.
func (s *Service) CustomerCounts(ctx context.Context, period Period, from, to time.Time) ([]*CustomerCount, error) {
	spans, _, err := s.spans(ctx, period, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]*CustomerCount, len(spans))
	for i, sp := range spans {
		out[i] = &CustomerCount{Start: sp.Start, End: sp.End}
	}
	end := spans[len(spans)-1].End

	// Created per period; index -1 is everyone created before from.
	// from is bound before the period bounds: SQLite's placeholders are
	// positional, so arguments are bound in the order of the text.
	q := s.stmt()
	before := q.arg(from)
	idx := q.periodIndex("created_at", spans)
	text := fmt.Sprintf(`SELECT idx, COUNT(*) FROM (SELECT CASE WHEN created_at < %s THEN -1 ELSE %s END AS idx
	FROM customers WHERE created_at < %s) s GROUP BY idx`, before, idx, q.arg(end))
	base := 0
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i, n int
		if err := r.Scan(&i, &n); err != nil {
			return err
		}
		if i < 0 {
			base = n
		} else {
			out[i].NewCustomers = n
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range out {
		base += c.NewCustomers
		c.TotalCustomers = base
	}

	// Active buyers per period.
	q = s.stmt()
	idx = q.periodIndex("o.ordered_at", spans)
	text = fmt.Sprintf(`SELECT idx, COUNT(DISTINCT customer_id) FROM (SELECT %s AS idx, o.customer_id AS customer_id
	FROM %s WHERE %s AND o.ordered_at >= %s AND o.ordered_at < %s) s GROUP BY idx`,
		idx, standingSales, standingWhere, q.arg(from), q.arg(end))
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i, n int
		if err := r.Scan(&i, &n); err != nil {
			return err
		}
		out[i].ActiveBuyers = n
		return nil
	})
	if err != nil {
		return nil, err
	}

	// First-time buyers: each customer's first standing sale.
	q = s.stmt()
	idx = q.periodIndex("first_at", spans)
	text = fmt.Sprintf(`SELECT idx, COUNT(*) FROM (SELECT %s AS idx FROM
	(SELECT o.customer_id, MIN(o.ordered_at) AS first_at FROM %s WHERE %s GROUP BY o.customer_id) f
	WHERE first_at >= %s AND first_at < %s) s GROUP BY idx`,
		idx, standingSales, standingWhere, q.arg(from), q.arg(end))
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i, n int
		if err := r.Scan(&i, &n); err != nil {
			return err
		}
		out[i].FirstTimeBuyers = n
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Retention is persistency's view of one period: of the period's buyers,
// how many bought again in the next period.
type Retention struct {
	Start time.Time
	End   time.Time
	// Buyers is the distinct customers with a sale that stands in the period.
	Buyers int
	// Retained is those of them with a sale that stands in the next period;
	// Churned the others. Both nil while the next period is not over.
	Retained *int
	Churned  *int
}

// Rate is Retained / Buyers (0..1); nil when unknown or without buyers.
func (r *Retention) Rate() *float64 {
	if r.Retained == nil || r.Buyers == 0 {
		return nil
	}
	f := float64(*r.Retained) / float64(r.Buyers)
	return &f
}

// RetentionByPeriod returns, per period of [from, to), its buyers and how
// many of them bought again in the period after it (for the last period: the
// period after to, [to, the next calendar boundary)). Staff only; one
// statement.
func (s *Service) RetentionByPeriod(ctx context.Context, period Period, from, to time.Time) ([]*Retention, error) {
	spans, st, err := s.spans(ctx, period, from, to)
	if err != nil {
		return nil, err
	}
	loc, _ := time.LoadLocation(st.TimeZone)
	if loc == nil {
		loc = time.UTC
	}
	last := spans[len(spans)-1].End
	ext := append(spans[:len(spans):len(spans)], Span{Start: last, End: next(last, period, loc)})
	q := s.stmt()
	idx := q.periodIndex("o.ordered_at", ext)
	// Each customer's periods in order; a period is retained when the
	// customer's next period with a purchase is the one right after it. A
	// window over the distinct (customer, period) pairs is one sort, where a
	// self-join of them made PostgreSQL's planner pick a nested loop.
	text := fmt.Sprintf(`SELECT idx, COUNT(*), COALESCE(SUM(CASE WHEN nxt = idx + 1 THEN 1 ELSE 0 END), 0) FROM
	(SELECT idx, LEAD(idx) OVER (PARTITION BY customer_id ORDER BY idx) AS nxt FROM
		(SELECT DISTINCT o.customer_id AS customer_id, %s AS idx FROM %s
		WHERE %s AND o.ordered_at >= %s AND o.ordered_at < %s) b) w
GROUP BY idx`, idx, standingSales, standingWhere, q.arg(from), q.arg(ext[len(ext)-1].End))
	out := make([]*Retention, len(spans))
	now := s.now()
	for i, sp := range spans {
		out[i] = &Retention{Start: sp.Start, End: sp.End}
		if !now.Before(ext[i+1].End) {
			zero, zero2 := 0, 0
			out[i].Retained, out[i].Churned = &zero, &zero2
		}
	}
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i, buyers, retained int
		if err := r.Scan(&i, &buyers, &retained); err != nil {
			return err
		}
		if i >= len(out) {
			return nil // the period after to only answers the last one
		}
		o := out[i]
		o.Buyers = buyers
		if o.Retained != nil {
			*o.Retained, *o.Churned = retained, buyers-retained
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ProfileDimension is what customers are counted by.
type ProfileDimension string

const (
	ProfileRegion         ProfileDimension = "REGION"
	ProfileIndustry       ProfileDimension = "INDUSTRY"
	ProfileKind           ProfileDimension = "KIND"
	ProfileCompanySize    ProfileDimension = "COMPANY_SIZE"
	ProfileLifecycleStage ProfileDimension = "LIFECYCLE_STAGE"
)

var profileColumns = map[ProfileDimension]string{
	ProfileRegion:         "region",
	ProfileIndustry:       "industry",
	ProfileKind:           "kind",
	ProfileCompanySize:    "company_size",
	ProfileLifecycleStage: "lifecycle_stage",
}

// ProfileGroup is the customers with one value of a dimension; Key nil when
// not recorded; Other folds the values beyond the top ones.
type ProfileGroup struct {
	Key       *string
	Other     bool
	Customers int
	// KeyAccounts counts the group's key accounts (大客戶).
	KeyAccounts int
}

// MaxProfileGroups bounds a profile beside the folded "other".
const MaxProfileGroups = 100

// CustomerProfile counts every customer by dimension, largest group first;
// groups beyond top (1..MaxProfileGroups) are folded into one "other" group.
// Staff only; one statement.
func (s *Service) CustomerProfile(ctx context.Context, by ProfileDimension, top int) ([]*ProfileGroup, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	col, ok := profileColumns[by]
	if !ok {
		return nil, errs.Field("by", "by must be REGION, INDUSTRY, KIND, COMPANY_SIZE or LIFECYCLE_STAGE")
	}
	if top < 1 || top > MaxProfileGroups {
		return nil, errs.Field("top", "top must be between 1 and %d", MaxProfileGroups)
	}
	q := s.stmt()
	text := fmt.Sprintf(`SELECT COALESCE(%s, ''), COUNT(*), COALESCE(SUM(CASE WHEN key_account THEN 1 ELSE 0 END), 0)
FROM customers GROUP BY COALESCE(%s, '')`, col, col)
	// Empty and missing values are one group: not recorded.
	merged := map[string]*ProfileGroup{}
	var all []*ProfileGroup
	err := s.query(ctx, q, text, func(r *sql.Rows) error {
		var k sql.NullString
		var n, keyAccounts int
		if err := r.Scan(&k, &n, &keyAccounts); err != nil {
			return err
		}
		key := nullable(k)
		g := merged[keyOf(key)]
		if g == nil {
			g = &ProfileGroup{Key: key}
			merged[keyOf(key)] = g
			all = append(all, g)
		}
		g.Customers += n
		g.KeyAccounts += keyAccounts
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Customers != all[j].Customers {
			return all[i].Customers > all[j].Customers
		}
		return keyOf(all[i].Key) < keyOf(all[j].Key)
	})
	if len(all) <= top {
		return all, nil
	}
	other := &ProfileGroup{Other: true}
	for _, g := range all[top:] {
		other.Customers += g.Customers
		other.KeyAccounts += g.KeyAccounts
	}
	return append(all[:top:top], other), nil
}
