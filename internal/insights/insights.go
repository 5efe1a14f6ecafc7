// Package insights computes the aggregates behind the Insights pages (SPEC
// §7, the seeds' 7P customer analysis): sales by category, channel and region
// and over time, customer counts and acquisition, retention and churn,
// customer profiles, community activity and the satisfaction trend.
//
// Every aggregate is a fixed number of set-based statements (GROUP BY over a
// period index computed in SQL), whatever the amount of data, and runs the
// same on SQLite and PostgreSQL. Periods are calendar months, quarters or
// years in the settings' time zone; the first and last are cut to [from, to).
// Money is always the reporting-currency columns of orders, so cancellations
// (negated rows) net out by plain sums.
//
// Staff (marketers, managers, admins) read every aggregate: they read every
// customer and order anyway. Members get FORBIDDEN, anonymous callers
// UNAUTHENTICATED.
package insights

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/viewer"
)

// Service computes insights over one database.
type Service struct {
	Client *ent.Client
	// Dialect is dialect.SQLite or dialect.Postgres (placeholders differ).
	Dialect  string
	Settings *settings.Store
	// Now tells the time (retention of a period whose next period is not
	// over yet is unknown); nil is time.Now.
	Now func() time.Time
}

// Period is how a time range is split.
type Period string

const (
	Month   Period = "MONTH"
	Quarter Period = "QUARTER"
	Year    Period = "YEAR"
)

// MaxPeriods bounds every series (ten years of months).
const MaxPeriods = 120

// Span is one period: [Start, End).
type Span struct {
	Start time.Time
	End   time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// staffOnly returns UNAUTHENTICATED for anonymous callers and FORBIDDEN for
// members.
func staffOnly(ctx context.Context) error {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return errs.E(errs.Forbidden, "insights are for staff")
	}
	return nil
}

func checkRange(from, to time.Time) error {
	if from.IsZero() {
		return errs.Field("from", "from is required")
	}
	if !to.After(from) {
		return errs.Field("to", "to must be after from")
	}
	return nil
}

// location is the settings' time zone (UTC when it cannot be loaded).
func (s *Service) location(ctx context.Context) (*time.Location, settings.Settings, error) {
	st, err := s.Settings.Get(ctx)
	if err != nil {
		return nil, st, err
	}
	loc, err := time.LoadLocation(st.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return loc, st, nil
}

// spans checks the caller and the input and cuts [from, to) into periods in
// the settings' time zone.
func (s *Service) spans(ctx context.Context, period Period, from, to time.Time) ([]Span, settings.Settings, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, settings.Settings{}, err
	}
	switch period {
	case Month, Quarter, Year:
	default:
		return nil, settings.Settings{}, errs.Field("period", "period must be MONTH, QUARTER or YEAR")
	}
	if err := checkRange(from, to); err != nil {
		return nil, settings.Settings{}, err
	}
	loc, st, err := s.location(ctx)
	if err != nil {
		return nil, st, err
	}
	sp := cut(from, to, period, loc)
	if len(sp) > MaxPeriods {
		return nil, st, errs.Field("from", "a series holds at most %d periods", MaxPeriods)
	}
	return sp, st, nil
}

// next returns the calendar boundary of unit after t's period start in loc.
func next(t time.Time, unit Period, loc *time.Location) time.Time {
	l := t.In(loc)
	switch unit {
	case Month:
		return time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, loc).AddDate(0, 1, 0)
	case Quarter:
		return time.Date(l.Year(), l.Month()-(l.Month()-1)%3, 1, 0, 0, 0, 0, loc).AddDate(0, 3, 0)
	default:
		return time.Date(l.Year(), 1, 1, 0, 0, 0, 0, loc).AddDate(1, 0, 0)
	}
}

// cut returns the periods of [from, to): calendar periods of unit in loc, the
// first starting at from and the last ending at to. It stops after
// MaxPeriods+1 periods, so a caller sees a range that is too long without
// the cut running away.
func cut(from, to time.Time, unit Period, loc *time.Location) []Span {
	var out []Span
	start := from
	for start.Before(to) && len(out) <= MaxPeriods {
		end := next(start, unit, loc)
		if end.After(to) {
			end = to
		}
		out = append(out, Span{Start: start, End: end})
		start = end
	}
	return out
}

// stmt builds one SQL statement with the dialect's placeholders.
type stmt struct {
	pg   bool
	args []any
}

func (s *Service) stmt() *stmt { return &stmt{pg: s.Dialect == dialect.Postgres} }

// arg binds v and returns its placeholder. Times are bound in UTC: SQLite
// compares the stored text, which every writer stores in UTC.
func (q *stmt) arg(v any) string {
	if t, ok := v.(time.Time); ok {
		v = t.UTC()
	}
	q.args = append(q.args, v)
	if q.pg {
		return "$" + strconv.Itoa(len(q.args))
	}
	return "?"
}

// periodIndex is an SQL expression giving the index in spans of the period
// col falls in; callers restrict col to [spans[0].Start, last End).
func (q *stmt) periodIndex(col string, spans []Span) string {
	if len(spans) == 1 {
		return "0"
	}
	var b strings.Builder
	b.WriteString("CASE")
	for i := 0; i < len(spans)-1; i++ {
		fmt.Fprintf(&b, " WHEN %s < %s THEN %d", col, q.arg(spans[i].End), i)
	}
	fmt.Fprintf(&b, " ELSE %d END", len(spans)-1)
	return b.String()
}

// query runs the statement through the ent client (so the statement-counting
// tests see it) and calls scan for every row.
func (s *Service) query(ctx context.Context, q *stmt, text string, scan func(*sql.Rows) error) error {
	rows, err := s.Client.QueryContext(ctx, text, q.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// standingSales is the FROM clause of the sales that stand: kind SALE and not
// cancelled (by a cancellation at any time), as o.
const standingSales = `orders o LEFT JOIN orders x ON x.cancels_id = o.id`
const standingWhere = `o.kind = 'SALE' AND x.id IS NULL`

// nullable turns the empty string (a dimension not recorded) into nil.
func nullable(s sql.NullString) *string {
	if !s.Valid || s.String == "" {
		return nil
	}
	v := s.String
	return &v
}

// Basis is what a client needs to ask for and label insights: the time zone
// periods are cut in and the currency money is reported in.
type Basis struct {
	TimeZone          string
	ReportingCurrency string
}

// Basis returns the settings' time zone and reporting currency. Staff only
// (the settings themselves are the admins').
func (s *Service) Basis(ctx context.Context) (*Basis, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	loc, st, err := s.location(ctx)
	if err != nil {
		return nil, err
	}
	return &Basis{TimeZone: loc.String(), ReportingCurrency: st.ReportingCurrency}, nil
}
