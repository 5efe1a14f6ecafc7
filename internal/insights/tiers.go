package insights

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kith-crm/kith/ent/customer"
)

// Tiers are the value tiers in the order the pages show them.
var Tiers = []customer.ValueTier{customer.ValueTierMVC, customer.ValueTierMGC, customer.ValueTierORDINARY, customer.ValueTierBZ}

// TierFigures is one value tier in one period.
type TierFigures struct {
	Tier customer.ValueTier
	// Customers is the customers in the tier at the period's end.
	Customers int
	// Entered is the distinct customers who moved into the tier during the
	// period, Left those who moved out of it (from the tier history). A
	// customer who moves in and out again within the period counts in both.
	Entered int
	Left    int
}

// TierPeriod is the value tiers of one period, in the order of Tiers.
type TierPeriod struct {
	Start time.Time
	End   time.Time
	Tiers []*TierFigures
}

// tierHistory is the recompute's tier changes (field_changes rows, values
// as JSON strings).
const tierHistory = `field_changes f WHERE f.entity_type = 'Customer' AND f.field = 'value_tier'`

// unquote turns a history value ("\"MVC\"") into the tier.
func unquote(s string) customer.ValueTier {
	return customer.ValueTier(strings.Trim(s, `"`))
}

// ValueTiersOverTime returns, per period of [from, to), the customers in
// each value tier at the period's end and those who entered and left each
// tier during it. Staff only; two statements.
//
// The tiers at a bound are rebuilt from the tier history that the recompute
// writes (internal/crm): a customer is in the tier their last change before
// the bound moved them to; before their first change, in the tier that
// change moved them from; with no change at all, in their tier now. That is
// exact as long as the history holds every change of the tier, which it
// does: only the recompute changes tiers, and it writes the history in the
// same transaction (a customer imported with a tier starts in it). Only
// today's customer records count, from their creation on: a customer merged
// into another is not counted in the past either, and neither are their
// moves.
//
// The count is set-based and linear: each customer's history becomes
// intervals in one tier ([created, first change), [change, next change), …),
// each interval +1 to its tier in the period it starts and −1 in the period
// it ends, and the counts at each end are running sums of those. Intervals
// never overlap, so a history with gaps or repeats still counts every
// customer exactly once at every bound.
func (s *Service) ValueTiersOverTime(ctx context.Context, period Period, from, to time.Time) ([]*TierPeriod, error) {
	spans, _, err := s.spans(ctx, period, from, to)
	if err != nil {
		return nil, err
	}
	n := len(spans)
	end := spans[n-1].End
	out := make([]*TierPeriod, n)
	at := make([]map[customer.ValueTier]*TierFigures, n)
	for i, sp := range spans {
		out[i] = &TierPeriod{Start: sp.Start, End: sp.End}
		at[i] = map[customer.ValueTier]*TierFigures{}
		for _, t := range Tiers {
			f := &TierFigures{Tier: t}
			out[i].Tiers = append(out[i].Tiers, f)
			at[i][t] = f
		}
	}

	// Counts at each period's end: +1/−1 per interval bound, by period
	// (-1: before from), summed below. A change recorded before its
	// customer's creation (an import of older rows) is moved to the
	// creation, so an interval never starts before the customer exists.
	q := s.stmt()
	created := q.arg(end)
	clamp := func(col string) string { return fmt.Sprintf("CASE WHEN %s < born THEN born ELSE %s END", col, col) }
	head := fmt.Sprintf(`WITH h AS (
	SELECT f.entity_id AS cid, f.created_at AS changed, f.old_value AS old_v, f.new_value AS new_v,
		ROW_NUMBER() OVER (PARTITION BY f.entity_id ORDER BY f.created_at, f.id) AS rn,
		LEAD(f.created_at) OVER (PARTITION BY f.entity_id ORDER BY f.created_at, f.id) AS nxt
	FROM %s),
j AS (
	SELECT c.created_at AS born, '"' || c.value_tier || '"' AS cur, h.changed, h.nxt, h.rn, h.old_v, h.new_v
	FROM customers c LEFT JOIN h ON h.cid = c.id WHERE c.created_at < %s),
e AS (
	SELECT born AS t, cur AS tier, 1 AS d FROM j WHERE changed IS NULL
	UNION ALL SELECT born, old_v, 1 FROM j WHERE rn = 1
	UNION ALL SELECT %s, old_v, -1 FROM j WHERE rn = 1
	UNION ALL SELECT %s, new_v, 1 FROM j WHERE changed IS NOT NULL
	UNION ALL SELECT %s, new_v, -1 FROM j WHERE nxt IS NOT NULL)
`, tierHistory, created, clamp("changed"), clamp("changed"), clamp("nxt"))
	before := q.arg(from)
	idx := q.periodIndex("t", spans)
	text := head + fmt.Sprintf(`SELECT idx, tier, SUM(d) FROM
	(SELECT CASE WHEN t < %s THEN -1 ELSE %s END AS idx, tier, d FROM e WHERE t < %s) s
GROUP BY idx, tier`, before, idx, q.arg(end))
	deltas := make([]map[customer.ValueTier]int, n+1) // index i+1 is period i; 0 is before from
	for i := range deltas {
		deltas[i] = map[customer.ValueTier]int{}
	}
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i, d int
		var tier string
		if err := r.Scan(&i, &tier, &d); err != nil {
			return err
		}
		deltas[i+1][unquote(tier)] += d
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range Tiers {
		run := deltas[0][t]
		for i := 0; i < n; i++ {
			run += deltas[i+1][t]
			at[i][t].Customers = run
		}
	}

	// Entered and left: the tier changes recorded in each period, by the
	// tier moved into (d = 1) and out of (d = -1).
	q = s.stmt()
	idx = q.periodIndex("f.created_at", spans)
	text = fmt.Sprintf(`WITH m AS (
	SELECT %s AS idx, f.entity_id AS cid, f.old_value AS old_v, f.new_value AS new_v FROM %s
	AND f.created_at >= %s AND f.created_at < %s AND EXISTS (SELECT 1 FROM customers c WHERE c.id = f.entity_id))
SELECT idx, tier, COUNT(DISTINCT CASE WHEN d = 1 THEN cid END), COUNT(DISTINCT CASE WHEN d = -1 THEN cid END) FROM
	(SELECT idx, cid, new_v AS tier, 1 AS d FROM m UNION ALL SELECT idx, cid, old_v, -1 FROM m) s
GROUP BY idx, tier`, idx, tierHistory, q.arg(from), q.arg(end))
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i, entered, left int
		var tier string
		if err := r.Scan(&i, &tier, &entered, &left); err != nil {
			return err
		}
		if f := at[i][unquote(tier)]; f != nil {
			f.Entered += entered
			f.Left += left
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
