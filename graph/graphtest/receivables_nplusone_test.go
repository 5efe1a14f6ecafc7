package graphtest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// A page of customers with their receivables and invoices costs the same
// number of statements for 5 rows as for 50: Customer.receivables is batched.
func TestReceivablesNoNPlusOne(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env, drv := startCounting(t, db)
		seedMany(t, env)
		ctx := auth.System(t.Context())
		c := env.DB.Client
		var invs []*ent.InvoiceCreate
		for i, id := range c.Customer.Query().IDsX(ctx) {
			// Due yesterday, today or tomorrow: some overdue, some not.
			invs = append(invs, c.Invoice.Create().SetCustomerID(id).SetNumber(fmt.Sprintf("N-%d", i)).
				SetAmount(1000).SetCurrency("CNY").SetReportingAmount(1000).SetDueAt(time.Now().Add(time.Duration(i%3-1)*24*time.Hour)))
		}
		c.Invoice.CreateBulk(invs...).ExecX(ctx)
		tok := env.Staff("counted-admin@example.com", viewer.RoleAdmin).Token
		const q = `query($n: Int) { customers(first: $n) { edges { node { id receivables { open overdue openInvoices } invoices(first: 3) { edges { node { number openAmount overdue } } } } } } }`
		counts := map[int]int{}
		for _, n := range []int{5, 50} {
			drv.take()
			r := env.MustDo(tok, q, map[string]any{"n": n})
			stmts := drv.take()
			if !strings.Contains(string(r.Data), `"openInvoices":1`) {
				t.Fatalf("no receivables in %s", r.Data)
			}
			counts[n] = len(stmts)
			if len(stmts) > 8 {
				t.Errorf("first: %d cost %d statements:\n%s", n, len(stmts), strings.Join(stmts, "\n"))
			}
		}
		t.Logf("first: 5 → %d statements, first: 50 → %d", counts[5], counts[50])
		if counts[5] != counts[50] {
			t.Errorf("statements grow with the page: %d for 5 rows, %d for 50", counts[5], counts[50])
		}
	})
}
