package crm

import (
	"context"
	"time"

	"github.com/kith-crm/kith/internal/store"
)

// The bench's yardsticks (cmd/kith-scorebench): the least SQL that does the
// recompute's core work, to see what the recompute costs beyond it.

// bareAggregate is the GROUP BY customer_id over the uncancelled sales of the
// window; parameter 1 is the window's start.
func bareAggregate(d sqlDialect) string {
	return `SELECT customer_id, COUNT(*) AS f, SUM(reporting_amount) AS m, MAX(ordered_at) AS last_at
FROM orders o WHERE o.kind = 'SALE' AND ` + d.ts("o.ordered_at") + ` >= ` + d.param(1) + `
  AND NOT EXISTS (SELECT 1 FROM orders c WHERE c.cancels_id = o.id)
GROUP BY customer_id`
}

// BareAggregate runs the aggregate alone and returns the number of groups.
func BareAggregate(ctx context.Context, db *store.DB, window time.Time) (int, error) {
	d := sqlDialect(db.Dialect)
	var n int
	err := db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM ("+bareAggregate(d)+") a", d.at(window)).Scan(&n)
	return n, err
}

// BareScript computes the aggregate and the three 1–5 scores and writes them
// into the customers columns the recompute writes, in one statement.
func BareScript(ctx context.Context, db *store.DB, window time.Time) (int64, error) {
	d := sqlDialect(db.Dialect)
	q := `UPDATE customers SET order_count = b.f, monetary = b.m, last_order_at = b.last_at,
  rfm_recency = b.r, rfm_frequency = b.fs, rfm_monetary = b.ms
FROM (
  SELECT customer_id, f, m, last_at, ` + d.score("rr", "n") + ` AS r, ` + d.score("rf", "n") + ` AS fs, ` + d.score("rm", "n") + ` AS ms FROM (
    SELECT a.*, COUNT(*) OVER () AS n, RANK() OVER (ORDER BY last_at) AS rr, RANK() OVER (ORDER BY f) AS rf, RANK() OVER (ORDER BY m) AS rm
    FROM (` + bareAggregate(d) + `) a
  ) x
) b WHERE customers.id = b.customer_id`
	r, err := db.SQL.ExecContext(ctx, q, d.at(window))
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// ResetScores clears every score, tier and basket and the tier history, and on
// PostgreSQL vacuums, so each measured run starts from the same state.
func ResetScores(ctx context.Context, db *store.DB) error {
	if _, err := db.SQL.ExecContext(ctx, `UPDATE customers SET order_count = 0, monetary = 0, contribution = 0, last_order_at = NULL,
  expected_next_order_at = NULL, rfm_recency = NULL, rfm_frequency = NULL, rfm_monetary = NULL, rfm_segment = NULL,
  pareto_percentile = NULL, value_tier = 'ORDINARY', category_set = NULL, scored_at = NULL
WHERE scored_at IS NOT NULL OR order_count <> 0 OR value_tier <> 'ORDINARY' OR last_order_at IS NOT NULL OR category_set IS NOT NULL`); err != nil {
		return err
	}
	if _, err := db.SQL.ExecContext(ctx, "DELETE FROM field_changes WHERE field = 'value_tier'"); err != nil {
		return err
	}
	if _, err := db.SQL.ExecContext(ctx, "DELETE FROM settings WHERE key = '"+basketsKey+"'"); err != nil {
		return err
	}
	if sqlDialect(db.Dialect).pg() {
		_, err := db.SQL.ExecContext(ctx, "VACUUM ANALYZE customers")
		return err
	}
	return nil
}
