package crm_test

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect/sql/schema"
	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/migrate"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/internal/crm"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// TestGenerateData writes two data sets, one after the other, on both
// databases: each is well formed, the first survives the second, the
// schema (which PostgreSQL drops and rebuilds for the bulk insert) is the
// same as before and the migration finds nothing to do, and the recompute
// scores the rows.
func TestGenerateData(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		schemaBefore, planBefore := schemaOf(t, db), migrationPlan(t, db)
		runs := []crm.GenSpec{
			{Customers: 200, Orders: 2000, Now: now, Tag: "a"},
			// The second run finds the first's rows in the tables and
			// their indexes.
			{Customers: 300, Orders: 3500, Now: now.Add(-24 * time.Hour), Tag: "b"},
		}
		for _, spec := range runs {
			st, err := crm.GenerateData(ctx, db, spec)
			if err != nil {
				t.Fatalf("run %s: %v", spec.Tag, err)
			}
			if st.Customers != spec.Customers || st.Sales != spec.Orders || st.Cancellations != spec.Orders/50 {
				t.Fatalf("run %s: stats = %+v; want %d customers, %d sales, %d cancellations", spec.Tag, st, spec.Customers, spec.Orders, spec.Orders/50)
			}
		}
		for _, spec := range runs {
			checkGenerated(t, db, spec)
		}
		if got := schemaOf(t, db); got != schemaBefore {
			t.Fatalf("schema changed:\nbefore:\n%s\nafter:\n%s", schemaBefore, got)
		}
		if got := migrationPlan(t, db); got != planBefore || strings.Contains(got, "CREATE") || strings.Contains(got, "ALTER") {
			t.Fatalf("migration plan after gen-data:\n%s\nbefore:\n%s", got, planBefore)
		}

		// A customer whose only sale was cancelled has nothing to score.
		var owners int
		if err := db.SQL.QueryRowContext(ctx, `SELECT COUNT(DISTINCT customer_id) FROM orders o WHERE kind = 'SALE'
  AND NOT EXISTS (SELECT 1 FROM orders c WHERE c.cancels_id = o.id)`).Scan(&owners); err != nil {
			t.Fatal(err)
		}
		s := newService(t, db)
		res, err := s.Recompute(ctx, nil)
		if err != nil || res.Customers != owners || res.Scored < owners/3 {
			t.Fatalf("recompute = %+v, %v (customers with uncancelled sales %d)", res, err, owners)
		}
	})
}

// A run that fails part way leaves the database as it was: the rows, and on
// PostgreSQL the indexes and constraints it had dropped. Reusing a tag fails
// (on PostgreSQL only when the unique (source, external_id) index is
// rebuilt at the end).
func TestGenerateData_FailureChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		spec := crm.GenSpec{Customers: 50, Orders: 500, Now: now, Tag: "x"}
		if _, err := crm.GenerateData(ctx, db, spec); err != nil {
			t.Fatal(err)
		}
		schemaBefore, countsBefore := schemaOf(t, db), counts(t, db)
		if _, err := crm.GenerateData(ctx, db, spec); err == nil {
			t.Fatal("a second run with the same tag succeeded")
		}
		if got := counts(t, db); got != countsBefore {
			t.Fatalf("rows after the failed run = %v; want %v", got, countsBefore)
		}
		if got := schemaOf(t, db); got != schemaBefore {
			t.Fatalf("schema changed by the failed run:\nbefore:\n%s\nafter:\n%s", schemaBefore, got)
		}
		checkGenerated(t, db, spec)
	})
}

// checkGenerated checks one run's rows: its customers, its sales in time
// order over the two years before spec.Now, skewed toward the first
// customers, with amounts and costs in range and all eight categories, and
// one sale in 50 cancelled by a mirror row.
func checkGenerated(t *testing.T, db *store.DB, spec crm.GenSpec) {
	t.Helper()
	ctx := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 1, Role: viewer.RoleAdmin})
	ids, err := db.Client.Customer.Query().Where(customer.ExternalRefHasPrefix(spec.Tag + "-")).Order(ent.Asc(customer.FieldID)).IDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != spec.Customers || ids[len(ids)-1]-ids[0]+1 != spec.Customers {
		t.Fatalf("run %s: %d customers, ids %d…%d; want %d contiguous", spec.Tag, len(ids), ids[0], ids[len(ids)-1], spec.Customers)
	}
	first, last := ids[0], ids[len(ids)-1]
	sales, err := db.Client.Order.Query().Where(order.Source(spec.Tag), order.KindEQ(order.KindSALE)).Order(ent.Asc(order.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sales) != spec.Orders {
		t.Fatalf("run %s: %d sales; want %d", spec.Tag, len(sales), spec.Orders)
	}
	from, to := spec.Now.Add(-2*365*24*time.Hour-time.Second), spec.Now.Add(time.Second)
	cats := map[string]bool{}
	firstQuarter := 0
	byID := map[int]*ent.Order{}
	for i, o := range sales {
		byID[o.ID] = o
		if o.CustomerID < first || o.CustomerID > last {
			t.Fatalf("run %s: sale %d for customer %d, not one of %d…%d", spec.Tag, o.ID, o.CustomerID, first, last)
		}
		if o.CustomerID < first+spec.Customers/4 {
			firstQuarter++
		}
		if o.OrderedAt.Before(from) || o.OrderedAt.After(to) {
			t.Fatalf("run %s: sale %d at %s, outside %s…%s", spec.Tag, o.ID, o.OrderedAt, from, to)
		}
		if i > 0 && (o.ID != sales[i-1].ID+1 || o.OrderedAt.Before(sales[i-1].OrderedAt)) {
			t.Fatalf("run %s: sale %d at %s follows sale %d at %s: want consecutive ids in time order", spec.Tag, o.ID, o.OrderedAt, sales[i-1].ID, sales[i-1].OrderedAt)
		}
		if o.Amount < 1000 || o.Amount > 51000 || o.CostToServe < o.Amount/2-1 || o.CostToServe > o.Amount*11/10+1 ||
			o.ReportingAmount != o.Amount || o.ReportingCost != o.CostToServe || o.Currency != "CNY" {
			t.Fatalf("run %s: sale %+v out of range", spec.Tag, o)
		}
		cats[o.ProductCategory] = true
	}
	// The orders span the two years evenly.
	if d := sales[0].OrderedAt.Sub(from); d > 30*24*time.Hour {
		t.Fatalf("run %s: first sale at %s, %s after the start", spec.Tag, sales[0].OrderedAt, d)
	}
	if d := to.Sub(sales[len(sales)-1].OrderedAt); d > 30*24*time.Hour {
		t.Fatalf("run %s: last sale at %s, %s before the end", spec.Tag, sales[len(sales)-1].OrderedAt, d)
	}
	if len(cats) != 8 {
		t.Fatalf("run %s: categories %v; want 8", spec.Tag, cats)
	}
	// Skew: the first quarter of the customers have about half the sales
	// on PostgreSQL (u² < 1/4), 60 % on SQLite (u·v < 1/4); uniform would
	// be a quarter.
	if share := float64(firstQuarter) / float64(len(sales)); share < 0.4 || share > 0.7 {
		t.Fatalf("run %s: first quarter of the customers has %.2f of the sales; want about half", spec.Tag, share)
	}
	cancels, err := db.Client.Order.Query().Where(order.Source(spec.Tag), order.KindEQ(order.KindCANCELLATION)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cancels) != spec.Orders/50 {
		t.Fatalf("run %s: %d cancellations; want %d", spec.Tag, len(cancels), spec.Orders/50)
	}
	seen := map[int]bool{}
	for _, c := range cancels {
		s := byID[derefInt(c.CancelsID)]
		if s == nil || seen[s.ID] || s.ID%50 != 0 || c.CustomerID != s.CustomerID || c.Amount != -s.Amount || c.CostToServe != -s.CostToServe ||
			c.ReportingAmount != -s.Amount || c.ReportingCost != -s.CostToServe || !c.OrderedAt.Equal(s.OrderedAt) {
			t.Fatalf("run %s: cancellation %+v does not mirror a sale of the run (%+v)", spec.Tag, c, s)
		}
		seen[s.ID] = true
	}
}

func derefInt(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// counts is the number of customers and orders.
func counts(t *testing.T, db *store.DB) [2]int {
	t.Helper()
	var c [2]int
	if err := db.SQL.QueryRowContext(context.Background(), "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM orders)").Scan(&c[0], &c[1]); err != nil {
		t.Fatal(err)
	}
	return c
}

// schemaOf lists the definitions of the indexes and constraints of
// customers and orders, and of the foreign keys that reference them.
func schemaOf(t *testing.T, db *store.DB) string {
	t.Helper()
	q := `SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE tbl_name IN ('customers', 'orders') ORDER BY 1`
	if db.Dialect == "postgres" {
		q = `SELECT tablename || ' ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('customers', 'orders')
UNION ALL
SELECT conrelid::regclass || ' ' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid IN ('customers'::regclass, 'orders'::regclass) OR confrelid IN ('customers'::regclass, 'orders'::regclass)
ORDER BY 1`
	}
	rows, err := db.SQL.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	n := 0
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		b.WriteString(s.String + "\n")
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// The orders' indexes at least: a query that found nothing would
	// compare equal to itself.
	if n < 6 || !strings.Contains(b.String(), "order_source_external_id") || !strings.Contains(b.String(), "customer_external_ref") {
		t.Fatalf("schema query found too little:\n%s", b.String())
	}
	return b.String()
}

// migrationPlan is what the store's migration would run now.
func migrationPlan(t *testing.T, db *store.DB) string {
	t.Helper()
	var b bytes.Buffer
	if err := db.Client.Schema.WriteTo(context.Background(), &b,
		migrate.WithDropColumn(false), migrate.WithDropIndex(false), schema.WithForeignKeys(true)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
