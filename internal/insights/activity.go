package insights

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Activity is the community's activity in one period. Deleted posts and
// comments do not count (no read path shows them); hidden ones do, they
// were activity all the same.
type Activity struct {
	Start     time.Time
	End       time.Time
	Posts     int
	Comments  int
	Reactions int
	// ActiveMembers is the distinct members who posted, commented or
	// reacted in the period.
	ActiveMembers int
	// NewMembers is the community profiles created in the period.
	NewMembers int
}

// CommunityActivity returns the community's activity per period of [from,
// to). Staff only; one statement.
func (s *Service) CommunityActivity(ctx context.Context, period Period, from, to time.Time) ([]*Activity, error) {
	spans, _, err := s.spans(ctx, period, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]*Activity, len(spans))
	for i, sp := range spans {
		out[i] = &Activity{Start: sp.Start, End: sp.End}
	}
	end := spans[len(spans)-1].End
	q := s.stmt()
	idx := q.periodIndex("at", spans)
	// One UNION ALL of (what, who, when) rows, then one grouping; the
	// range is repeated per table so each uses its own index.
	part := func(what, who, table, extra string) string {
		return fmt.Sprintf("SELECT '%s' AS what, %s AS who, created_at AS at FROM %s WHERE created_at >= %s AND created_at < %s%s",
			what, who, table, q.arg(from), q.arg(end), extra)
	}
	text := fmt.Sprintf(`SELECT idx,
	COALESCE(SUM(CASE WHEN what = 'p' THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN what = 'c' THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN what = 'r' THEN 1 ELSE 0 END), 0),
	COUNT(DISTINCT CASE WHEN what <> 'm' THEN who END),
	COALESCE(SUM(CASE WHEN what = 'm' THEN 1 ELSE 0 END), 0)
FROM (SELECT what, who, %s AS idx FROM (%s UNION ALL %s UNION ALL %s UNION ALL %s) u) s
GROUP BY idx`, idx,
		part("p", "author_id", "posts", " AND deleted_at IS NULL"),
		part("c", "author_id", "comments", " AND deleted_at IS NULL"),
		part("r", "member_id", "reactions", ""),
		part("m", "id", "members", ""))
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i int
		var a Activity
		if err := r.Scan(&i, &a.Posts, &a.Comments, &a.Reactions, &a.ActiveMembers, &a.NewMembers); err != nil {
			return err
		}
		o := out[i]
		o.Posts, o.Comments, o.Reactions, o.ActiveMembers, o.NewMembers = a.Posts, a.Comments, a.Reactions, a.ActiveMembers, a.NewMembers
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Satisfaction is, until surveys exist, how tickets resolved in one period
// kept their SLA.
type Satisfaction struct {
	Start time.Time
	End   time.Time
	// TicketsResolved is the tickets resolved in the period;
	// ResolvedWithinSLA those of them whose SLA was not breached.
	TicketsResolved   int
	ResolvedWithinSLA int
}

// Share is ResolvedWithinSLA / TicketsResolved (0..1); nil without tickets.
func (s *Satisfaction) Share() *float64 {
	if s.TicketsResolved == 0 {
		return nil
	}
	f := float64(s.ResolvedWithinSLA) / float64(s.TicketsResolved)
	return &f
}

// SatisfactionTrend returns, per period of [from, to), the tickets resolved
// in it and the share resolved within their SLA. Staff only; one statement.
func (s *Service) SatisfactionTrend(ctx context.Context, period Period, from, to time.Time) ([]*Satisfaction, error) {
	spans, _, err := s.spans(ctx, period, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]*Satisfaction, len(spans))
	for i, sp := range spans {
		out[i] = &Satisfaction{Start: sp.Start, End: sp.End}
	}
	q := s.stmt()
	idx := q.periodIndex("resolved_at", spans)
	text := fmt.Sprintf(`SELECT idx, COUNT(*), COALESCE(SUM(within), 0) FROM
	(SELECT %s AS idx, CASE WHEN sla_breached THEN 0 ELSE 1 END AS within FROM tickets
	WHERE resolved_at >= %s AND resolved_at < %s) s GROUP BY idx`, idx, q.arg(from), q.arg(spans[len(spans)-1].End))
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i int
		var n, within int
		if err := r.Scan(&i, &n, &within); err != nil {
			return err
		}
		out[i].TicketsResolved, out[i].ResolvedWithinSLA = n, within
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
