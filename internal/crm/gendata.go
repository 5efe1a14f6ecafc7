package crm

import (
	"context"
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
}

// genCategories are the product categories of generated orders.
const genCategories = "'tea','cups','cakes','pots','gifts','books','wine','toys'"

// GenerateData writes spec.Customers customers and spec.Orders sales (and a
// cancellation for one sale in 50) for benchmarks and demos. The rows are
// made inside the database with one set-based INSERT … SELECT per table
// (generate_series on PostgreSQL, a recursive CTE on SQLite), which beats
// streaming them in with COPY: nothing crosses the wire. Orders are skewed
// like real customers (a few buy a lot, many rarely: the customer is drawn
// from the square of a uniform number, or on SQLite the product of two),
// spread over the two years before Now, in reporting currency
// (CNY) with a cost to serve of 50–110 % of the amount, so some customers
// lose money. Customer ids are read back as a contiguous range: nothing else
// may write customers meanwhile.
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
	custQ, orderQ := genSQLite(0)
	nowArg := any(now.Unix())
	if d.pg() {
		custQ, orderQ = genPostgres(0)
		nowArg = now
	}
	if _, err := tx.ExecContext(ctx, custQ, nowArg, spec.Customers, spec.Tag); err != nil {
		return GenStats{}, fmt.Errorf("gen-data: customers: %w", err)
	}
	var first, last int
	if err := tx.QueryRowContext(ctx, "SELECT MIN(id), MAX(id) FROM customers WHERE external_ref LIKE "+d.param(1), spec.Tag+"-%").Scan(&first, &last); err != nil {
		return GenStats{}, err
	}
	if last-first+1 != spec.Customers {
		return GenStats{}, fmt.Errorf("gen-data: customer ids are not contiguous (%d…%d for %d)", first, last, spec.Customers)
	}
	if spec.Orders > 0 {
		_, orderQ = genSQLite(first)
		if d.pg() {
			_, orderQ = genPostgres(first)
		}
		if _, err := tx.ExecContext(ctx, orderQ, nowArg, spec.Orders, spec.Tag, spec.Customers); err != nil {
			return GenStats{}, fmt.Errorf("gen-data: orders: %w", err)
		}
		// One sale in 50 is cancelled, as cancelOrder would: its own row,
		// amounts negated.
		c := `INSERT INTO orders (created_at, kind, cancels_id, customer_id, source, external_id, amount, cost_to_serve, reporting_amount, reporting_cost, currency, product_category, ordered_at)
SELECT o.created_at, 'CANCELLATION', o.id, o.customer_id, o.source, 'cancel:' || o.id, -o.amount, -o.cost_to_serve, -o.reporting_amount, -o.reporting_cost, o.currency, o.product_category, o.ordered_at
FROM orders o WHERE o.source = ` + d.param(1) + ` AND o.kind = 'SALE' AND o.id % 50 = 0`
		if _, err := tx.ExecContext(ctx, c, spec.Tag); err != nil {
			return GenStats{}, fmt.Errorf("gen-data: cancellations: %w", err)
		}
	}
	st := GenStats{Customers: spec.Customers, Sales: spec.Orders}
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM orders WHERE source = "+d.param(1)+" AND kind = 'CANCELLATION'", spec.Tag).Scan(&st.Cancellations); err != nil {
		return GenStats{}, err
	}
	if err := tx.Commit(); err != nil {
		return GenStats{}, err
	}
	if d.pg() {
		if _, err := db.SQL.ExecContext(ctx, "ANALYZE customers"); err != nil {
			return st, err
		}
		if _, err := db.SQL.ExecContext(ctx, "ANALYZE orders"); err != nil {
			return st, err
		}
	}
	st.Took = time.Since(start)
	return st, nil
}

// genPostgres: parameters $1 now, $2 count, $3 tag, $4 customers.
func genPostgres(first int) (customers, orders string) {
	customers = `INSERT INTO customers (created_at, updated_at, kind, name, region, risk_level, value_tier, blacklisted, key_account, order_count, monetary, contribution, external_ref)
SELECT $1, $1, 'PERSON', 'Customer ' || i, 'Region ' || (i % 30), 'NORMAL', 'ORDINARY', false, false, 0, 0, 0, $3 || '-' || i
FROM generate_series(1, $2::bigint) AS i`
	// One random number squared gives the skew toward the first customers.
	// Sorted by customer and time (and external ids zero-padded), the rows
	// arrive in the order of the (customer_id, …) and (source, external_id)
	// indexes, so at 10 million rows the index pages are appended to rather
	// than read and written at random; one sort is far cheaper.
	orders = fmt.Sprintf(`INSERT INTO orders (created_at, kind, customer_id, source, external_id, amount, cost_to_serve, reporting_amount, reporting_cost, currency, product_category, ordered_at)
SELECT x.at, 'SALE', x.c, $3, lpad(x.i::text, 12, '0'), x.amount, x.cost, x.amount, x.cost, 'CNY', x.cat, x.at FROM (
  SELECT i, %d + FLOOR($4::bigint * power(random(), 2))::bigint AS c,
    $1::timestamptz - make_interval(secs => random() * 63072000) AS at,
    a.amount, (a.amount * (0.5 + 0.6 * random()))::bigint AS cost,
    (ARRAY[%s])[1 + FLOOR(random() * 8)::int] AS cat
  FROM generate_series(1, $2::bigint) AS i CROSS JOIN LATERAL (SELECT (1000 + 50000 * random() + i * 0)::bigint AS amount) a
) x ORDER BY x.c, x.at`, first, genCategories)
	return customers, orders
}

// genSQLite: parameters ?1 now (Unix seconds), ?2 count, ?3 tag, ?4 customers.
func genSQLite(first int) (customers, orders string) {
	const series = "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?2) SELECT i FROM s)"
	const rnd = "(random() / 18446744073709551616.0 + 0.5)"
	stamp := func(v string) string {
		return "(strftime('%Y-%m-%d %H:%M:%S', " + v + ", 'unixepoch') || ' +0000 UTC')"
	}
	customers = `INSERT INTO customers (created_at, updated_at, kind, name, region, risk_level, value_tier, blacklisted, key_account, order_count, monetary, contribution, external_ref)
SELECT ` + stamp("?1") + `, ` + stamp("?1") + `, 'PERSON', 'Customer ' || i, 'Region ' || (i % 30), 'NORMAL', 'ORDINARY', 0, 0, 0, 0, 0, ?3 || '-' || i FROM ` + series
	orders = `INSERT INTO orders (created_at, kind, customer_id, source, external_id, amount, cost_to_serve, reporting_amount, reporting_cost, currency, product_category, ordered_at)
SELECT x.at, 'SALE', x.c, ?3, CAST(x.i AS TEXT), x.amount, CAST(x.amount * x.share AS INTEGER), x.amount, CAST(x.amount * x.share AS INTEGER), 'CNY', x.cat, x.at FROM (
  SELECT i, ` + strconv.Itoa(first) + ` + CAST(?4 * ` + rnd + ` * ` + rnd + ` AS INTEGER) AS c, ` + stamp("?1 - CAST("+rnd+" * 63072000 AS INTEGER)") + ` AS at,
    CAST(1000 + 50000 * ` + rnd + ` AS INTEGER) AS amount, 0.5 + 0.6 * ` + rnd + ` AS share,
    json_extract('[` + strings.ReplaceAll(genCategories, "'", `"`) + `]', '$[' || (abs(random()) % 8) || ']') AS cat
  FROM ` + series + `
) x`
	return customers, orders
}
