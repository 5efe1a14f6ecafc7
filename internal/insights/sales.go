package insights

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/kith-crm/kith/internal/errs"
)

// Dimension is what sales are broken down by.
type Dimension string

const (
	ByCategory Dimension = "CATEGORY" // the order's product category
	ByChannel  Dimension = "CHANNEL"  // the order's channel
	ByRegion   Dimension = "REGION"   // the customer's region
)

// column is the SQL expression of the dimension over orders o (and customers
// c when joined), and whether customers must be joined.
func (d Dimension) column() (string, bool, error) {
	switch d {
	case ByCategory:
		return "o.product_category", false, nil
	case ByChannel:
		return "o.channel", false, nil
	case ByRegion:
		return "c.region", true, nil
	}
	return "", false, errs.Field("by", "by must be CATEGORY, CHANNEL or REGION")
}

// Figures are sales in minor units of the reporting currency, cancellations
// netted: a cancellation counts in the period it was recorded, with its
// amounts negated.
type Figures struct {
	Revenue int64
	Cost    int64
	// Orders counts sales less cancellations.
	Orders int
	// Customers counts distinct customers with a sale that stands (is not
	// cancelled); nil for a folded "other" series, whose customers cannot be
	// summed.
	Customers *int
}

// Contribution is revenue − cost to serve.
func (f *Figures) Contribution() int64 { return f.Revenue - f.Cost }

func (f *Figures) add(o *Figures) {
	f.Revenue += o.Revenue
	f.Cost += o.Cost
	f.Orders += o.Orders
}

// Group is the sales of one value of a dimension; Key is nil for orders
// (customers) where the dimension is not recorded.
type Group struct {
	Key     *string
	Figures *Figures
}

// Breakdown is sales of [From, To) by one dimension, largest revenue first.
type Breakdown struct {
	Currency string
	By       Dimension
	Total    *Figures
	Groups   []*Group
}

// SalesPeriod is the sales of one period.
type SalesPeriod struct {
	Start   time.Time
	End     time.Time
	Figures *Figures
}

// Series is one dimension value's sales per period. Other marks the series
// that folds every value beyond the top ones.
type Series struct {
	Key     *string
	Other   bool
	Total   *Figures
	Periods []*SalesPeriod
}

// SalesOverTime is sales per period, in total and (when asked for by a
// dimension) per value of it.
type SalesOverTime struct {
	Currency string
	Period   Period
	Periods  []*SalesPeriod
	Series   []*Series
}

// MaxSeries bounds the series of SalesOverTime beside the folded "other".
const MaxSeries = 20

type salesRow struct {
	idx int
	key *string
	f   Figures
}

// sales runs one grouped statement over the orders of [spans[0].Start, last
// End): grouped by period when byPeriod, by the dimension's value when dim is
// set.
func (s *Service) sales(ctx context.Context, spans []Span, byPeriod bool, dim Dimension) ([]salesRow, error) {
	q := s.stmt()
	idx := "0"
	if byPeriod {
		idx = q.periodIndex("o.ordered_at", spans)
	}
	key, join := "''", false
	if dim != "" {
		var err error
		if key, join, err = dim.column(); err != nil {
			return nil, err
		}
	}
	from := standingSales
	if join {
		from += " JOIN customers c ON c.id = o.customer_id"
	}
	text := fmt.Sprintf(`SELECT idx, dim, COALESCE(SUM(amount), 0), COALESCE(SUM(cost), 0), COALESCE(SUM(n), 0), COUNT(DISTINCT buyer)
FROM (SELECT %s AS idx, COALESCE(%s, '') AS dim, o.reporting_amount AS amount, o.reporting_cost AS cost,
	CASE WHEN o.kind = 'CANCELLATION' THEN -1 ELSE 1 END AS n,
	CASE WHEN %s THEN o.customer_id END AS buyer
	FROM %s WHERE o.ordered_at >= %s AND o.ordered_at < %s) s
GROUP BY idx, dim`, idx, key, standingWhere, from, q.arg(spans[0].Start), q.arg(spans[len(spans)-1].End))
	var out []salesRow
	err := s.query(ctx, q, text, func(r *sql.Rows) error {
		var row salesRow
		var k sql.NullString
		var customers int
		if err := r.Scan(&row.idx, &k, &row.f.Revenue, &row.f.Cost, &row.f.Orders, &customers); err != nil {
			return err
		}
		row.key, row.f.Customers = nullable(k), &customers
		out = append(out, row)
		return nil
	})
	return out, err
}

func zero() *Figures {
	n := 0
	return &Figures{Customers: &n}
}

func keyOf(k *string) string {
	if k == nil {
		return ""
	}
	return *k
}

// SalesBreakdown returns the sales of [from, to) by dimension: one group per
// value (largest revenue first) and the total. Staff only; two statements.
func (s *Service) SalesBreakdown(ctx context.Context, by Dimension, from, to time.Time) (*Breakdown, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	if _, _, err := by.column(); err != nil {
		return nil, err
	}
	if err := checkRange(from, to); err != nil {
		return nil, err
	}
	st, err := s.Settings.Get(ctx)
	if err != nil {
		return nil, err
	}
	span := []Span{{Start: from, End: to}}
	total, err := s.sales(ctx, span, false, "")
	if err != nil {
		return nil, err
	}
	groups, err := s.sales(ctx, span, false, by)
	if err != nil {
		return nil, err
	}
	out := &Breakdown{Currency: st.ReportingCurrency, By: by, Total: zero()}
	if len(total) > 0 {
		out.Total = &total[0].f
	}
	for i := range groups {
		out.Groups = append(out.Groups, &Group{Key: groups[i].key, Figures: &groups[i].f})
	}
	sort.SliceStable(out.Groups, func(i, j int) bool {
		a, b := out.Groups[i], out.Groups[j]
		if a.Figures.Revenue != b.Figures.Revenue {
			return a.Figures.Revenue > b.Figures.Revenue
		}
		return keyOf(a.Key) < keyOf(b.Key)
	})
	return out, nil
}

// SalesOverTime returns the sales of [from, to) per period and, when by is
// set, per value of the dimension: the top values by revenue (at most top,
// 1..MaxSeries) and the rest folded into one "other" series. Every period is
// present, empty ones with zeros. Staff only; one statement, three with by.
func (s *Service) SalesOverTime(ctx context.Context, period Period, from, to time.Time, by *Dimension, top int) (*SalesOverTime, error) {
	spans, st, err := s.spans(ctx, period, from, to)
	if err != nil {
		return nil, err
	}
	if by != nil {
		if _, _, err := by.column(); err != nil {
			return nil, err
		}
		if top < 1 || top > MaxSeries {
			return nil, errs.Field("top", "top must be between 1 and %d", MaxSeries)
		}
	}
	out := &SalesOverTime{Currency: st.ReportingCurrency, Period: period, Periods: periodsOf(spans)}
	rows, err := s.sales(ctx, spans, true, "")
	if err != nil {
		return nil, err
	}
	for i := range rows {
		out.Periods[rows[i].idx].Figures = &rows[i].f
	}
	if by == nil {
		return out, nil
	}
	totals, err := s.sales(ctx, []Span{{Start: from, End: to}}, false, *by)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(totals, func(i, j int) bool {
		if totals[i].f.Revenue != totals[j].f.Revenue {
			return totals[i].f.Revenue > totals[j].f.Revenue
		}
		return keyOf(totals[i].key) < keyOf(totals[j].key)
	})
	series := map[string]*Series{}
	var other *Series
	for i := range totals {
		t := &totals[i]
		if i < top {
			sr := &Series{Key: t.key, Total: &t.f, Periods: periodsOf(spans)}
			series[keyOf(t.key)] = sr
			out.Series = append(out.Series, sr)
			continue
		}
		if other == nil {
			other = &Series{Other: true, Total: &Figures{}, Periods: periodsOf(spans)}
			for _, p := range other.Periods {
				p.Figures.Customers = nil
			}
		}
		other.Total.add(&t.f)
	}
	if other != nil {
		out.Series = append(out.Series, other)
	}
	cells, err := s.sales(ctx, spans, true, *by)
	if err != nil {
		return nil, err
	}
	for i := range cells {
		c := &cells[i]
		if sr, ok := series[keyOf(c.key)]; ok {
			sr.Periods[c.idx].Figures = &c.f
		} else if other != nil {
			other.Periods[c.idx].Figures.add(&c.f)
		}
	}
	return out, nil
}

func periodsOf(spans []Span) []*SalesPeriod {
	out := make([]*SalesPeriod, len(spans))
	for i, sp := range spans {
		out[i] = &SalesPeriod{Start: sp.Start, End: sp.End, Figures: zero()}
	}
	return out
}
