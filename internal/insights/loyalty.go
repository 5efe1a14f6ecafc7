package insights

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// LoyaltyPeriod is the points programme (銷售累計獎勵) in one period: the
// ledger entries written in it, by the kinds the ledger records, and the
// points all customers held at its end. Points are positive numbers whatever
// the sign of their entries.
type LoyaltyPeriod struct {
	Start time.Time
	End   time.Time
	// EarnedOrders is the points of EARN_ORDER entries (sales credited).
	EarnedOrders int64
	// EarnedActivities is the points of EARN_ACTIVITY entries (community
	// interactions credited, after the daily caps).
	EarnedActivities int64
	// AdjustedUp and AdjustedDown are the admins' ADJUST entries, credits
	// and debits apart.
	AdjustedUp   int64
	AdjustedDown int64
	// Redeemed is the points of REDEEM entries.
	Redeemed int64
	// Reversed is the points REVERSAL entries took back when orders were
	// cancelled; Shortfall what they could not take back (already redeemed).
	Reversed  int64
	Shortfall int64
	// Earners is the distinct customers credited points by an order or an
	// activity in the period; Redeemers those who redeemed.
	Earners   int
	Redeemers int
	// Outstanding is the points all customers held at the period's end.
	Outstanding int64
}

// Issued is the points credited in the period: earned and adjusted up.
func (p *LoyaltyPeriod) Issued() int64 { return p.EarnedOrders + p.EarnedActivities + p.AdjustedUp }

// Net is the change of the outstanding points over the period.
func (p *LoyaltyPeriod) Net() int64 {
	return p.Issued() - p.AdjustedDown - p.Redeemed - p.Reversed
}

// LoyaltyOverTime is the points programme per period and as it stands.
type LoyaltyOverTime struct {
	Period  Period
	Periods []*LoyaltyPeriod
	// Outstanding is the points all customers hold now; Holders the
	// customers holding any.
	Outstanding int64
	Holders     int
}

// LoyaltyOverTime returns, per period of [from, to), the points issued (by
// orders, activities and adjustments), redeemed and reversed, the customers
// earning and redeeming, and the points outstanding at each period's end;
// and the points outstanding now. Staff only; one statement.
//
// Entries count in the period they were written (an order's points are
// credited within a minute of the order, an imported order's when the
// periodic accrual sees it). The outstanding points at a bound are the
// balances now less every entry written from that bound on: the ledger sums
// to the balances (every change of a balance is an entry in the same
// transaction, and a merge moves both), so this reads the balances and the
// entries since from, in one statement and so one snapshot, instead of the
// whole ledger before to.
func (s *Service) LoyaltyOverTime(ctx context.Context, period Period, from, to time.Time) (*LoyaltyOverTime, error) {
	spans, _, err := s.spans(ctx, period, from, to)
	if err != nil {
		return nil, err
	}
	n := len(spans)
	end := spans[n-1].End
	out := &LoyaltyOverTime{Period: period, Periods: make([]*LoyaltyPeriod, n)}
	for i, sp := range spans {
		out.Periods[i] = &LoyaltyPeriod{Start: sp.Start, End: sp.End}
	}
	q := s.stmt()
	// Index n is everything written at or after to; -1 the balances row.
	// Arguments are bound in the order of the text (SQLite's placeholders
	// are positional).
	afterEnd := q.arg(end)
	idx := fmt.Sprintf("CASE WHEN created_at >= %s THEN %d ELSE %s END", afterEnd, n, q.periodIndex("created_at", spans))
	text := fmt.Sprintf(`SELECT idx,
	COALESCE(SUM(CASE WHEN kind = 'EARN_ORDER' THEN points ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN kind = 'EARN_ACTIVITY' THEN points ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN kind = 'ADJUST' AND points > 0 THEN points ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN kind = 'ADJUST' AND points < 0 THEN -points ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN kind = 'REDEEM' THEN -points ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN kind = 'REVERSAL' THEN -points ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN kind = 'REVERSAL' THEN shortfall ELSE 0 END), 0),
	COALESCE(SUM(points), 0),
	COUNT(DISTINCT CASE WHEN kind IN ('EARN_ORDER', 'EARN_ACTIVITY') AND points > 0 THEN customer_id END),
	COUNT(DISTINCT CASE WHEN kind = 'REDEEM' THEN customer_id END)
FROM (SELECT %s AS idx, kind, points, shortfall, customer_id FROM points_entries WHERE created_at >= %s) s
GROUP BY idx
UNION ALL
SELECT -1, 0, 0, 0, 0, 0, 0, 0, COALESCE(SUM(balance), 0), COUNT(CASE WHEN balance > 0 THEN 1 END), 0 FROM points_balances`,
		idx, q.arg(from))
	nets := make([]int64, n+1) // per period, and at n everything at or after to
	err = s.query(ctx, q, text, func(r *sql.Rows) error {
		var i int
		var p LoyaltyPeriod
		var net int64
		if err := r.Scan(&i, &p.EarnedOrders, &p.EarnedActivities, &p.AdjustedUp, &p.AdjustedDown,
			&p.Redeemed, &p.Reversed, &p.Shortfall, &net, &p.Earners, &p.Redeemers); err != nil {
			return err
		}
		switch {
		case i < 0:
			out.Outstanding, out.Holders = net, p.Earners
		case i >= n:
			nets[n] = net
		default:
			o := out.Periods[i]
			p.Start, p.End = o.Start, o.End
			*o = p
			nets[i] = net
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Walk back from now: the end of the last period holds what is held now
	// less what was written after it.
	held := out.Outstanding - nets[n]
	for i := n - 1; i >= 0; i-- {
		out.Periods[i].Outstanding = held
		held -= nets[i]
	}
	return out, nil
}
