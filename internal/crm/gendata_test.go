package crm_test

import (
	"context"
	"testing"

	"github.com/kith-crm/kith/internal/crm"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// TestGenerateData writes a small data set on both databases and scores it:
// the generated rows are valid orders the recompute reads.
func TestGenerateData(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		st, err := crm.GenerateData(ctx, db, crm.GenSpec{Customers: 200, Orders: 2000, Now: now, Tag: "t"})
		if err != nil {
			t.Fatal(err)
		}
		if st.Cancellations < 20 || st.Cancellations > 60 {
			t.Fatalf("stats = %+v; want about 40 cancellations", st)
		}
		var orders, cats, owners int
		if err := db.SQL.QueryRowContext(ctx, "SELECT COUNT(*), COUNT(DISTINCT product_category), COUNT(DISTINCT customer_id) FROM orders WHERE kind = 'SALE'").Scan(&orders, &cats, &owners); err != nil {
			t.Fatal(err)
		}
		if orders != 2000 || cats != 8 || owners < 50 || owners > 200 {
			t.Fatalf("orders %d, categories %d, customers with orders %d", orders, cats, owners)
		}
		// A customer whose only sale was cancelled has nothing to score.
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
