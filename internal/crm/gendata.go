package crm

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/store"
)

// GenSpec sizes generated bench data.
type GenSpec struct {
	Customers, Orders int
	// Now is the end of the two years of orders.
	Now time.Time
	// Tag keeps the generated rows of one run apart (orders' source).
	Tag string
}

// GenStats says what GenerateData wrote.
type GenStats struct {
	Customers, Sales, Cancellations int
	Took                            time.Duration
	// Steps is where the time went, in order.
	Steps []GenStep
}

// GenStep is one step of GenerateData and its time.
type GenStep struct {
	Name string
	Took time.Duration
}

// genCategories are the product categories of generated orders.
const genCategories = "'tea','cups','cakes','pots','gifts','books','wine','toys'"

// genTables are the tables GenerateData fills; on PostgreSQL their secondary
// indexes and foreign keys are rebuilt once instead of maintained per row.
var genTables = []string{"customers", "orders"}

// GenerateData writes spec.Customers customers and spec.Orders sales (and a
// cancellation for one sale in 50) for benchmarks and demos, in one
// transaction: a failure leaves the database as it was.
//
// The rows are made inside the database with one set-based INSERT … SELECT
// per table (generate_series on PostgreSQL, a recursive CTE on SQLite),
// which beats streaming them in with COPY: nothing crosses the wire. Orders
// are skewed like real customers (a few buy a lot, many rarely: the
// customer is drawn from the square of a uniform number, or on SQLite the
// product of two), in reporting currency (CNY) with a cost to serve of
// 50–110 % of the amount, so some customers lose money. They are spread
// evenly over the two years before Now and written in time order, as a real
// order table fills: ids rise with ordered_at and one customer's orders lie
// all over the table, so the recompute's GROUP BY customer_id does the work
// it would on real data. Generating the times already in order costs no
// sort.
//
// On PostgreSQL, maintaining the orders' five secondary indexes and the
// foreign-key triggers row by row was almost all of the time at ten million
// rows, so inside the transaction (DDL is transactional there) the
// secondary indexes, unique constraints and foreign keys of customers and
// orders are dropped, the rows inserted, and then they are recreated from
// their own definitions (pg_get_indexdef, pg_get_constraintdef) under the
// same names: the schema is afterwards exactly what the migration made.
// The index builds sort with a large maintenance_work_mem and parallel
// workers. The tables are locked for the whole run, which also keeps the
// new customers' ids contiguous; afterwards VACUUM (ANALYZE) sets hint bits
// and the visibility map and gathers statistics, so the first reader, or
// autovacuum in the middle of a benchmark, does not have to.
func GenerateData(ctx context.Context, db *store.DB, spec GenSpec) (GenStats, error) {
	start := time.Now()
	if spec.Customers < 1 || spec.Orders < 0 {
		return GenStats{}, fmt.Errorf("gen-data: need at least one customer")
	}
	if spec.Tag == "" {
		spec.Tag = fmt.Sprintf("gen-%d", time.Now().UnixNano())
	}
	d := sqlDialect(db.Dialect)
	now := spec.Now.UTC()
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return GenStats{}, err
	}
	defer tx.Rollback() //nolint:errcheck
	st := GenStats{Customers: spec.Customers, Sales: spec.Orders}
	mark := start
	step := func(name string) {
		t := time.Now()
		st.Steps = append(st.Steps, GenStep{name, t.Sub(mark)})
		mark = t
	}
	var restore []string
	if d.pg() {
		if restore, err = pgDropSecondary(ctx, tx, genTables); err != nil {
			return GenStats{}, fmt.Errorf("gen-data: dropping indexes: %w", err)
		}
		step("drop indexes")
	}
	q := genSQLite()
	nowArg := any(now.Unix())
	if d.pg() {
		q = genPostgres()
		nowArg = now
	}
	// The customers' id range, read back: the orders address customers
	// by offset into it.
	var first, last, n int
	if d.pg() {
		err = tx.QueryRowContext(ctx, q.customers, nowArg, spec.Customers, spec.Tag).Scan(&first, &last, &n)
	} else if _, err = tx.ExecContext(ctx, q.customers, nowArg, spec.Customers, spec.Tag); err == nil {
		err = tx.QueryRowContext(ctx, "SELECT MIN(id), MAX(id), COUNT(*) FROM customers WHERE external_ref LIKE ?", spec.Tag+"-%").Scan(&first, &last, &n)
	}
	if err != nil {
		return GenStats{}, fmt.Errorf("gen-data: customers: %w", err)
	}
	if n != spec.Customers || last-first+1 != n {
		return GenStats{}, fmt.Errorf("gen-data: customer ids are not contiguous (%d rows %d…%d for %d customers; is the tag %q already used?)", n, first, last, spec.Customers, spec.Tag)
	}
	step("customers")
	if spec.Orders > 0 {
		if _, err := tx.ExecContext(ctx, q.orders(first), nowArg, spec.Orders, spec.Tag, spec.Customers); err != nil {
			return GenStats{}, fmt.Errorf("gen-data: orders: %w", err)
		}
		step("sales")
		// One sale in 50 is cancelled, as cancelOrder would: its own row,
		// amounts negated. A sequential scan of orders is cheap next to
		// the insert, and indexes are not there to help on PostgreSQL.
		c := `INSERT INTO orders (created_at, kind, cancels_id, customer_id, source, external_id, amount, cost_to_serve, reporting_amount, reporting_cost, currency, product_category, ordered_at)
SELECT o.created_at, 'CANCELLATION', o.id, o.customer_id, o.source, 'cancel:' || o.id, -o.amount, -o.cost_to_serve, -o.reporting_amount, -o.reporting_cost, o.currency, o.product_category, o.ordered_at
FROM orders o WHERE o.source = ` + d.param(1) + ` AND o.kind = 'SALE' AND o.id % 50 = 0`
		r, err := tx.ExecContext(ctx, c, spec.Tag)
		if err != nil {
			return GenStats{}, fmt.Errorf("gen-data: cancellations: %w", err)
		}
		n, err := r.RowsAffected()
		if err != nil {
			return GenStats{}, fmt.Errorf("gen-data: cancellations: %w", err)
		}
		st.Cancellations = int(n)
		step("cancellations")
	}
	if d.pg() {
		// Statistics first, so the foreign keys' validating joins are
		// planned on real sizes.
		for _, t := range genTables {
			if _, err := tx.ExecContext(ctx, "ANALYZE "+t); err != nil {
				return GenStats{}, fmt.Errorf("gen-data: %w", err)
			}
		}
		step("analyze")
		for _, q := range restore {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return GenStats{}, fmt.Errorf("gen-data: recreating %q: %w", q, err)
			}
		}
		step("recreate indexes")
	}
	if err := tx.Commit(); err != nil {
		return GenStats{}, err
	}
	step("commit")
	if d.pg() {
		if _, err := db.SQL.ExecContext(ctx, "VACUUM (ANALYZE) "+strings.Join(genTables, ", ")); err != nil {
			return st, fmt.Errorf("gen-data: %w", err)
		}
		step("vacuum")
	}
	st.Took = time.Since(start)
	return st, nil
}

// genBulkSettings hold for the generating transaction on PostgreSQL: the
// index builds sort 10 million rows with far more than the default 64 MB and
// on parallel workers (which split that memory), and the foreign keys'
// validating hash joins and the generate_series tuplestores fit in memory.
var genBulkSettings = []string{
	"SET LOCAL maintenance_work_mem = '1GB'",
	"SET LOCAL max_parallel_maintenance_workers = 2",
	"SET LOCAL work_mem = '256MB'",
}

// pgSecondary lists, for the tables in $1, what to drop (in this order) and
// how to recreate it: foreign keys, then unique and exclusion constraints,
// then the other indexes. Primary keys stay (other tables' foreign keys
// need them and the identity columns append to them cheaply), and so does
// any index another table's foreign key references, or one marked for
// CLUSTER or replica identity, or an invalid one.
const pgSecondary = `WITH t AS (SELECT unnest($1::regclass[]) AS rel),
kept AS (SELECT f.conindid FROM pg_constraint f WHERE f.contype = 'f' AND f.conrelid NOT IN (SELECT rel FROM t))
SELECT 1 AS step, format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
  format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
FROM pg_constraint c WHERE c.conrelid IN (SELECT rel FROM t) AND c.contype = 'f'
UNION ALL
SELECT 2, format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
  format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
FROM pg_constraint c JOIN pg_index i ON i.indexrelid = c.conindid
WHERE c.conrelid IN (SELECT rel FROM t) AND c.contype IN ('u', 'x')
  AND NOT i.indisclustered AND NOT i.indisreplident
  AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.conindid = c.conindid)
UNION ALL
SELECT 3, format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
FROM pg_index i WHERE i.indrelid IN (SELECT rel FROM t)
  AND NOT i.indisprimary AND NOT i.indisclustered AND NOT i.indisreplident AND i.indisvalid
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.conindid = i.indexrelid)
ORDER BY 1, 2`

// pgDropSecondary locks tables, raises the bulk settings, drops their
// secondary indexes and constraints and returns the statements that
// recreate them, in the order to run them.
func pgDropSecondary(ctx context.Context, tx *sql.Tx, tables []string) ([]string, error) {
	for _, q := range genBulkSettings {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, err
		}
	}
	// Taken up front so the DROPs do not upgrade a weaker lock; nobody
	// else can write customers meanwhile, so their new ids are contiguous.
	if _, err := tx.ExecContext(ctx, "LOCK TABLE "+strings.Join(tables, ", ")+" IN ACCESS EXCLUSIVE MODE"); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, pgSecondary, "{"+strings.Join(tables, ",")+"}")
	if err != nil {
		return nil, err
	}
	var drops, creates []string
	for rows.Next() {
		var step int
		var drop, create string
		if err := rows.Scan(&step, &drop, &create); err != nil {
			rows.Close()
			return nil, err
		}
		drops, creates = append(drops, drop), append(creates, create)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, q := range drops {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	// Indexes before the constraints that may rest on them.
	for i, j := 0, len(creates)-1; i < j; i, j = i+1, j-1 {
		creates[i], creates[j] = creates[j], creates[i]
	}
	return creates, nil
}

// genQueries are one dialect's generating statements. customers takes
// (now, count, tag); orders(first) takes (now, count, tag, customers) and
// addresses the customers first … first+customers-1.
type genQueries struct {
	customers string
	orders    func(first int) string
}

// genPostgres: customers returns the new rows' MIN(id), MAX(id), COUNT(*).
func genPostgres() genQueries {
	customers := `WITH c AS (INSERT INTO customers (created_at, updated_at, kind, name, region, risk_level, value_tier, blacklisted, key_account, order_count, monetary, contribution, external_ref)
SELECT $1, $1, 'PERSON', 'Customer ' || i, 'Region ' || (i % 30), 'NORMAL', 'ORDINARY', false, false, 0, 0, 0, $3 || '-' || i
FROM generate_series(1, $2::bigint) AS i RETURNING id)
SELECT MIN(id), MAX(id), COUNT(*) FROM c`
	// One random number squared gives the skew toward the first
	// customers. Sale i of n falls in the i-th of n equal slices of the
	// two years, so the rows come out in time order with no sort.
	orders := func(first int) string {
		return fmt.Sprintf(`INSERT INTO orders (created_at, kind, customer_id, source, external_id, amount, cost_to_serve, reporting_amount, reporting_cost, currency, product_category, ordered_at)
SELECT x.at, 'SALE', x.c, $3, lpad(x.i::text, 12, '0'), x.amount, x.cost, x.amount, x.cost, 'CNY', x.cat, x.at FROM (
  SELECT i, %d + FLOOR($4::bigint * power(random(), 2))::bigint AS c,
    $1::timestamptz - make_interval(secs => 63072000 * (1 - (i - random()) / $2::bigint)) AS at,
    a.amount, (a.amount * (0.5 + 0.6 * random()))::bigint AS cost,
    (ARRAY[%s])[1 + FLOOR(random() * 8)::int] AS cat
  FROM generate_series(1, $2::bigint) AS i CROSS JOIN LATERAL (SELECT (1000 + 50000 * random() + i * 0)::bigint AS amount) a
) x`, first, genCategories)
	}
	return genQueries{customers, orders}
}

// genSQLite: ?1 is now in Unix seconds. The orders' random columns are
// materialised first: SQLite would otherwise flatten the subquery and draw
// a fresh random() for every reference, so a sale's reporting amount, cost
// or ordered_at would not match its own amount or created_at.
func genSQLite() genQueries {
	const series = "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?2) SELECT i FROM s)"
	const rnd = "(random() / 18446744073709551616.0 + 0.5)"
	stamp := func(v string) string {
		return "(strftime('%Y-%m-%d %H:%M:%S', " + v + ", 'unixepoch') || ' +0000 UTC')"
	}
	customers := `INSERT INTO customers (created_at, updated_at, kind, name, region, risk_level, value_tier, blacklisted, key_account, order_count, monetary, contribution, external_ref)
SELECT ` + stamp("?1") + `, ` + stamp("?1") + `, 'PERSON', 'Customer ' || i, 'Region ' || (i % 30), 'NORMAL', 'ORDINARY', 0, 0, 0, 0, 0, ?3 || '-' || i FROM ` + series
	orders := func(first int) string {
		return `WITH x AS MATERIALIZED (
  SELECT i, ` + strconv.Itoa(first) + ` + CAST(?4 * ` + rnd + ` * ` + rnd + ` AS INTEGER) AS c,
    ` + stamp("?1 - 63072000 + CAST((i - "+rnd+") * 63072000.0 / ?2 AS INTEGER)") + ` AS at,
    CAST(1000 + 50000 * ` + rnd + ` AS INTEGER) AS amount, 0.5 + 0.6 * ` + rnd + ` AS share,
    json_extract('[` + strings.ReplaceAll(genCategories, "'", `"`) + `]', '$[' || (abs(random()) % 8) || ']') AS cat
  FROM ` + series + `
)
INSERT INTO orders (created_at, kind, customer_id, source, external_id, amount, cost_to_serve, reporting_amount, reporting_cost, currency, product_category, ordered_at)
SELECT x.at, 'SALE', x.c, ?3, CAST(x.i AS TEXT), x.amount, CAST(x.amount * x.share AS INTEGER), x.amount, CAST(x.amount * x.share AS INTEGER), 'CNY', x.cat, x.at FROM x`
	}
	return genQueries{customers, orders}
}
