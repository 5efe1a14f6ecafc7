// Package crm holds value analysis (挖掘最有價值的客戶): RFM scores and
// segments, contribution, value tiers after Peppers & Rogers (MVC, MGC, BZ),
// the Pareto (80/20) standing of each customer, the expected next order
// (anticipation) and category affinities for cross-selling.
//
// The scores are computed set-based: one GROUP BY customer_id over the
// orders, window functions for the 1–5 scores and percentiles, and one
// UPDATE … FROM that writes only the customers whose scores changed. They are
// stored on the customers row, so the customers list filters and sorts by
// them with no join and no statement per row. The same GROUP BY collects each
// customer's categories (their basket), which cross-selling reads.
package crm

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/riverqueue/river"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/schema"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
)

// Service computes and reads the value scores.
type Service struct {
	DB       *store.DB
	Settings *settings.Store
	Clock    clock.Clock
	// Jobs enqueues recomputes (recomputeScores); nil until the runner exists.
	Jobs Enqueuer

	cache       scoresCache
	basketCache basketCache
}

func (s *Service) now() time.Time {
	if s.Clock == nil {
		return time.Now()
	}
	return s.Clock.Now()
}

// Result says what one recompute did.
type Result struct {
	// Customers with at least one uncancelled sale (scored or anticipated).
	Customers int `json:"customers"`
	// Scored: customers with a sale in the window (they have RFM scores).
	Scored int `json:"scored"`
	// Changed: customer rows whose scores changed and were written.
	Changed int `json:"changed"`
	// TierChanges: value-tier changes written to the history.
	TierChanges int `json:"tierChanges"`
	// Baskets: distinct sets of categories bought (the basket table's rows).
	Baskets int `json:"baskets"`
}

// sqlDialect renders the few constructs the two databases spell apart.
type sqlDialect string

func (d sqlDialect) pg() bool { return string(d) == dialect.Postgres }

// least is the two-argument minimum.
func (d sqlDialect) least(a, b string) string {
	if d.pg() {
		return "LEAST(" + a + ", " + b + ")"
	}
	return "MIN(" + a + ", " + b + ")"
}

// distinct is "a differs from b, NULLs equal to each other".
func (d sqlDialect) distinct(a, b string) string {
	if d.pg() {
		return a + " IS DISTINCT FROM " + b
	}
	return a + " IS NOT " + b
}

// ts is an order time as the aggregate compares it: the timestamp itself on
// PostgreSQL; on SQLite, where the driver stores Go's time.String() text
// ("2026-05-22 08:00:00.5 +0800 CST"), Unix seconds parsed from that text,
// so rows written in any zone compare correctly.
func (d sqlDialect) ts(col string) string {
	if d.pg() {
		return col
	}
	rest := "substr(" + col + ", 20)"
	sp := "instr(" + rest + ", ' ')"
	off := "substr(" + rest + ", " + sp + " + 1, 5)"
	return "unixepoch(substr(" + col + ", 1, 19) || substr(" + rest + ", 1, " + sp + " - 1) || substr(" + off + ", 1, 3) || ':' || substr(" + off + ", 4, 2), 'subsec')"
}

// stamp turns a ts value back into what the column stores.
func (d sqlDialect) stamp(v string) string {
	if d.pg() {
		return v
	}
	return "(strftime('%Y-%m-%d %H:%M:%S', " + v + ", 'unixepoch') || ' +0000 UTC')"
}

// at is a bound as the aggregate compares it with ts.
func (d sqlDialect) at(t time.Time) any {
	if d.pg() {
		return t
	}
	return float64(t.UnixMicro()) / 1e6
}

// nextOrder is last + (last − first) / (n − 1): the mean gap between a
// customer's orders added to the last one. The mean needs only MIN, MAX and
// COUNT of the same GROUP BY, so it costs nothing beyond the aggregate (a
// median would need every gap).
func (d sqlDialect) nextOrder(first, last, n string) string {
	if d.pg() {
		return fmt.Sprintf("%[2]s + (%[2]s - %[1]s) / (%[3]s - 1)", first, last, n)
	}
	return d.stamp(fmt.Sprintf("%[2]s + (%[2]s - %[1]s) / (%[3]s - 1.0)", first, last, n))
}

// param is the n-th (1-based) placeholder.
func (d sqlDialect) param(n int) string {
	if d.pg() {
		return fmt.Sprintf("$%d", n)
	}
	return fmt.Sprintf("?%d", n)
}

// score turns RANK() r among n rows into 1–5: 1 + ⌊5·(r−1)/(n−1)⌋, capped
// at 5, in integers so both databases cut at exactly the same place. It is
// PERCENT_RANK in fifths: equal values share a rank and so a score, the
// lowest value always scores 1 and the highest 5. A lone customer scores 3:
// there is nobody to compare with.
func (d sqlDialect) score(r, n string) string {
	return fmt.Sprintf("CASE WHEN %[2]s = 1 THEN 3 ELSE %[3]s END", r, n, d.least("5", fmt.Sprintf("1 + (5 * (%s - 1)) / (%s - 1)", r, n)))
}

// segment maps R, F and M to the named RFM segments; the first rule that
// holds wins (README: "RFM segments").
const segmentCase = `CASE
  WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'CHAMPIONS'
  WHEN r <= 2 AND f >= 4 AND m >= 4 THEN 'CANT_LOSE'
  WHEN r <= 2 AND f >= 3 THEN 'AT_RISK'
  WHEN r >= 3 AND f >= 4 THEN 'LOYAL'
  WHEN r >= 4 AND f <= 1 THEN 'NEW'
  WHEN r >= 3 THEN 'POTENTIAL'
  WHEN r = 2 THEN 'HIBERNATING'
  ELSE 'LOST' END`

// Bounds are the instants a recompute compares order times with.
type bounds struct {
	now, window, growth, growthBefore time.Time
}

func boundsAt(now time.Time, sc settings.Scores) bounds {
	day := 24 * time.Hour
	return bounds{
		now:          now,
		window:       now.Add(-time.Duration(sc.WindowDays) * day),
		growth:       now.Add(-time.Duration(sc.GrowthDays) * day),
		growthBefore: now.Add(-2 * time.Duration(sc.GrowthDays) * day),
	}
}

// scoresSQL builds the statement that fills the temporary table crm_scores
// with one row per customer who has an uncancelled sale: the aggregate, the
// 1–5 scores, the segment, the Pareto percentile, the tier, the expected
// next order and the basket (cats: the distinct categories of all their
// sales, sorted bytewise and joined with parameter 7). Parameters: now,
// window start, growth period start, the start of the period before it, the
// MVC percentile, the MGC growth percent, schema.CategorySeparator.
func scoresSQL(d sqlDialect) string {
	p := d.param
	temp := "CREATE TEMP TABLE crm_scores AS\n"
	// SQLite would inline sales into each SUM and parse every order time
	// once per use; materialised it parses each once. PostgreSQL keeps
	// streaming it.
	mat := ""
	if !d.pg() {
		mat = "MATERIALIZED "
	}
	// The basket. PostgreSQL aggregates it in the same GROUP BY (a DISTINCT
	// aggregate sorts each customer's few rows); SQLite allows DISTINCT
	// only with one argument, so it groups the materialised sales a second
	// time (no second pass over orders).
	cat, cats, catsFrom, catsCol := `NULLIF(o.product_category, '') COLLATE "C" AS cat`, `,
    string_agg(DISTINCT cat, `+p(7)+` ORDER BY cat) AS cats`, "", "a.cats"
	if !d.pg() {
		cat, cats, catsCol = `NULLIF(o.product_category, '') AS cat`, "", "k.cats"
		catsFrom = `
  LEFT JOIN (SELECT customer_id, group_concat(cat, ` + p(7) + ` ORDER BY cat) AS cats
    FROM (SELECT DISTINCT customer_id, cat FROM sales WHERE cat IS NOT NULL) x GROUP BY customer_id) k ON k.customer_id = a.customer_id`
	}
	return temp + `WITH sales AS ` + mat + `(
  SELECT o.customer_id, ` + d.ts("o.ordered_at") + ` AS ordered_at, o.reporting_amount AS amount, o.reporting_amount - o.reporting_cost AS margin,
    ` + cat + `
  FROM orders o
  WHERE o.kind = 'SALE' AND ` + d.ts("o.ordered_at") + ` <= ` + p(1) + `
    AND NOT EXISTS (SELECT 1 FROM orders c WHERE c.cancels_id = o.id)
), agg AS (
  SELECT customer_id,
    SUM(CASE WHEN ordered_at >= ` + p(2) + ` THEN 1 ELSE 0 END) AS frequency,
    SUM(CASE WHEN ordered_at >= ` + p(2) + ` THEN amount ELSE 0 END) AS monetary,
    SUM(CASE WHEN ordered_at >= ` + p(2) + ` THEN margin ELSE 0 END) AS contribution,
    SUM(CASE WHEN ordered_at >= ` + p(3) + ` THEN margin ELSE 0 END) AS recent,
    SUM(CASE WHEN ordered_at >= ` + p(4) + ` AND ordered_at < ` + p(3) + ` THEN margin ELSE 0 END) AS previous,
    MIN(ordered_at) AS first_at, MAX(ordered_at) AS last_at, COUNT(*) AS sales` + cats + `
  FROM sales GROUP BY customer_id
), ranked AS (
  SELECT a.*, COUNT(*) OVER () AS n,
    RANK() OVER (ORDER BY last_at) AS rr,
    RANK() OVER (ORDER BY frequency) AS rf,
    RANK() OVER (ORDER BY monetary) AS rm,
    RANK() OVER (ORDER BY contribution) AS rc
  FROM agg a WHERE frequency > 0
), scored AS (
  SELECT customer_id, ` + d.score("rr", "n") + ` AS r, ` + d.score("rf", "n") + ` AS f, ` + d.score("rm", "n") + ` AS m,
    CASE WHEN n = 1 THEN 100.0 ELSE 100.0 * (rc - 1) / (n - 1) END AS pareto
  FROM ranked
)
SELECT a.customer_id, a.frequency, a.monetary, a.contribution, ` + d.stamp("a.last_at") + ` AS last_at,
  CASE WHEN a.sales >= 2 THEN ` + d.nextOrder("a.first_at", "a.last_at", "a.sales") + ` END AS next_at,
  s.r, s.f, s.m, CASE WHEN s.customer_id IS NULL THEN NULL ELSE ` + strings.ReplaceAll(segmentCase, "\n", " ") + ` END AS segment,
  s.pareto,
  CASE WHEN s.customer_id IS NULL THEN 'ORDINARY'
    WHEN a.contribution < 0 THEN 'BZ'
    WHEN s.pareto >= ` + p(5) + ` THEN 'MVC'
    WHEN a.first_at < ` + p(3) + ` AND a.recent > 0
      AND (a.previous <= 0 OR a.recent * 100.0 > a.previous * (100.0 + ` + p(6) + `)) THEN 'MGC'
    ELSE 'ORDINARY' END AS tier,
  ` + catsCol + ` AS cats
FROM agg a LEFT JOIN scored s ON s.customer_id = a.customer_id` + catsFrom
}

// scoreColumns pairs each customers column with its value from crm_scores.
var scoreColumns = [][2]string{
	{"order_count", "t.frequency"},
	{"monetary", "t.monetary"},
	{"contribution", "t.contribution"},
	{"last_order_at", "t.last_at"},
	{"expected_next_order_at", "t.next_at"},
	{"rfm_recency", "t.r"},
	{"rfm_frequency", "t.f"},
	{"rfm_monetary", "t.m"},
	{"rfm_segment", "t.segment"},
	{"pareto_percentile", "t.pareto"},
	{"value_tier", "t.tier"},
	{"category_set", "t.cats"},
}

// Recompute computes every customer's scores and basket at the clock's time
// and writes the changed ones, with the history of tier changes and the
// basket table, in one transaction. progress, when not nil, is told the step
// done out of 4.
func (s *Service) Recompute(ctx context.Context, progress func(step int, what string)) (Result, error) {
	if progress == nil {
		progress = func(int, string) {}
	}
	sc, err := s.Settings.GetScores(ctx)
	if err != nil {
		return Result{}, err
	}
	b := boundsAt(s.now().UTC(), sc)
	d := sqlDialect(s.DB.Dialect)
	// Temporary tables belong to a connection: keep one for the whole run.
	conn, err := s.DB.SQL.Conn(ctx)
	if err != nil {
		return Result{}, err
	}
	defer conn.Close()
	var res Result
	// On SQLite the scores are computed into the connection's temporary
	// database before the write transaction begins: a temporary table needs
	// no lock on the main database, so the API and the job queue wait for
	// the writes only, not for the aggregate. PostgreSQL computes inside the
	// transaction, whose advisory lock keeps recomputes one at a time.
	var pre sqlRunner = conn
	if d.pg() {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return Result{}, err
		}
		defer tx.Rollback() //nolint:errcheck
		pre = tx
		// One recompute at a time across replicas (the periodic one and one
		// asked for); the second waits and then recomputes on fresh data.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7142001)"); err != nil {
			return Result{}, err
		}
		// The planner overestimates the final join of the scores statement
		// by two orders of magnitude, which turns on JIT with inlining and
		// optimisation: compiling took longer than the query itself (about
		// 3 s of 6 at 100k customers / 1M orders). Nothing here runs long
		// enough per row to repay it.
		if _, err := tx.ExecContext(ctx, "SET LOCAL jit = off"); err != nil {
			return Result{}, err
		}
	} else {
		defer conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp.crm_scores") //nolint:errcheck
	}
	if _, err := pre.ExecContext(ctx, "DROP TABLE IF EXISTS crm_scores"); err != nil {
		return Result{}, err
	}
	q := scoresSQL(d)
	if d.pg() {
		q = strings.Replace(q, "CREATE TEMP TABLE crm_scores AS", "CREATE TEMP TABLE crm_scores ON COMMIT DROP AS", 1)
	}
	if _, err := pre.ExecContext(ctx, q, d.at(b.now), d.at(b.window), d.at(b.growth), d.at(b.growthBefore), sc.MVCPercentile, sc.MGCGrowthPercent, schema.CategorySeparator); err != nil {
		return Result{}, fmt.Errorf("crm: computing scores: %w", err)
	}
	if _, err := pre.ExecContext(ctx, "CREATE UNIQUE INDEX crm_scores_customer ON crm_scores (customer_id)"); err != nil {
		return Result{}, err
	}
	if d.pg() {
		if _, err := pre.ExecContext(ctx, "ANALYZE crm_scores"); err != nil {
			return Result{}, err
		}
	}
	if err := pre.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN r IS NOT NULL THEN 1 ELSE 0 END), 0) FROM crm_scores").Scan(&res.Customers, &res.Scored); err != nil {
		return Result{}, err
	}
	tx, ok := pre.(*sql.Tx)
	if !ok {
		tx, err = conn.BeginTx(ctx, nil)
		if err != nil {
			return Result{}, err
		}
		defer tx.Rollback() //nolint:errcheck
	}
	progress(1, "scores computed")

	// History first, while customers still hold the old tiers. The history
	// hook sees single-row updates only; this is its set-based twin.
	hist := `INSERT INTO field_changes (created_at, entity_type, entity_id, field, old_value, new_value)
SELECT ` + d.param(1) + `, 'Customer', c.id, 'value_tier', '"' || c.value_tier || '"', '"' || COALESCE(t.tier, 'ORDINARY') || '"'
FROM customers c LEFT JOIN crm_scores t ON t.customer_id = c.id
WHERE c.value_tier <> COALESCE(t.tier, 'ORDINARY')`
	r, err := tx.ExecContext(ctx, hist, b.now)
	if err != nil {
		return Result{}, fmt.Errorf("crm: recording tier history: %w", err)
	}
	n, _ := r.RowsAffected()
	res.TierChanges = int(n)
	progress(2, "tier history written")

	set := make([]string, 0, len(scoreColumns)+1)
	diff := make([]string, 0, len(scoreColumns))
	for _, c := range scoreColumns {
		set = append(set, c[0]+" = "+c[1])
		diff = append(diff, d.distinct("customers."+c[0], c[1]))
	}
	set = append(set, "scored_at = "+d.param(1))
	upd := "UPDATE customers SET " + strings.Join(set, ", ") + " FROM crm_scores t WHERE customers.id = t.customer_id AND (" + strings.Join(diff, " OR ") + ")"
	r, err = tx.ExecContext(ctx, upd, b.now)
	if err != nil {
		return Result{}, fmt.Errorf("crm: writing scores: %w", err)
	}
	n, _ = r.RowsAffected()
	res.Changed = int(n)
	progress(3, "scores written")

	// Customers without any uncancelled sale any more lose their scores
	// and their basket.
	clear := `UPDATE customers SET order_count = 0, monetary = 0, contribution = 0, last_order_at = NULL,
  expected_next_order_at = NULL, rfm_recency = NULL, rfm_frequency = NULL, rfm_monetary = NULL, rfm_segment = NULL,
  pareto_percentile = NULL, value_tier = 'ORDINARY', category_set = NULL, scored_at = ` + d.param(1) + `
WHERE (last_order_at IS NOT NULL OR value_tier <> 'ORDINARY' OR order_count <> 0 OR monetary <> 0 OR contribution <> 0
    OR category_set IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM crm_scores t WHERE t.customer_id = customers.id)`
	r, err = tx.ExecContext(ctx, clear, b.now)
	if err != nil {
		return Result{}, fmt.Errorf("crm: clearing scores: %w", err)
	}
	n, _ = r.RowsAffected()
	res.Changed += int(n)
	if res.Baskets, err = writeBaskets(ctx, tx, d, b.now); err != nil {
		return Result{}, fmt.Errorf("crm: writing the basket table: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Result{}, err
	}
	s.forgetBaskets()
	progress(4, "done")
	return res, nil
}

// writeBaskets stores the basket table — every distinct basket of
// crm_scores with its number of customers — in the settings row basketsKey
// when it differs from the stored one, and returns its length.
func writeBaskets(ctx context.Context, tx *sql.Tx, d sqlDialect, now time.Time) (int, error) {
	rows, err := tx.QueryContext(ctx, "SELECT cats, COUNT(*) FROM crm_scores WHERE cats IS NOT NULL GROUP BY cats")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	table := []storedBasket{}
	for rows.Next() {
		var b storedBasket
		if err := rows.Scan(&b.Set, &b.Customers); err != nil {
			return 0, err
		}
		table = append(table, b)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	// Bytewise, as the sets themselves, so an unchanged table is the same text.
	slices.SortFunc(table, func(a, b storedBasket) int { return strings.Compare(a.Set, b.Set) })
	v, err := json.Marshal(table)
	if err != nil {
		return 0, err
	}
	old, err := storedBasketsText(ctx, tx, d)
	if err != nil || old == string(v) {
		return len(table), err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO settings (created_at, updated_at, key, value) VALUES (`+d.param(1)+`, `+d.param(1)+`, `+d.param(2)+`, `+d.param(3)+`)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, now, basketsKey, string(v))
	return len(table), err
}

// SegmentOf names the segment of scores r, f and m with the very CASE the
// recompute runs (for tests and explanations).
func SegmentOf(ctx context.Context, db *store.DB, r, f, m int) (string, error) {
	d := sqlDialect(db.Dialect)
	var s string
	err := db.SQL.QueryRowContext(ctx, "SELECT "+segmentCase+" FROM (SELECT CAST("+d.param(1)+" AS INTEGER) AS r, CAST("+d.param(2)+" AS INTEGER) AS f, CAST("+d.param(3)+" AS INTEGER) AS m) x", r, f, m).Scan(&s)
	return s, err
}

// sqlRunner is what *sql.Conn and *sql.Tx both offer.
type sqlRunner interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// Enqueuer inserts a job in a transaction; *jobs.Runner is one.
type Enqueuer interface {
	Enqueue(ctx context.Context, tx *ent.Tx, kind string, args river.JobArgs) (*ent.Job, error)
}
