package graphtest

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// Receivables through HTTP: a manager invoices and collects, the member sees
// their own invoices, "overdue" follows the server's clock, the customers
// list filters by it, the risk rule is an account setting, and the team
// measures count what was collected.
func TestReceivablesOverHTTP(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		clk := clock.NewFixed(time.Date(2030, 3, 1, 12, 0, 0, 0, time.UTC))
		env := kithtest.Start(t, db, kithtest.Options{Clock: clk})
		adm := env.Staff("admin@example.com", viewer.RoleAdmin).Token
		mgrUser := env.Staff("mgr@example.com", viewer.RoleManager)
		alice := env.SignUp("alice@example.com", "Alice")
		db.Client.Customer.UpdateOneID(alice.CustomerID).SetOwnerID(mgrUser.ID).ExecX(auth.System(t.Context()))
		mgr := mgrUser.Token

		var inv struct {
			CreateInvoice struct {
				ID, Status string
				OpenAmount int
				Overdue    bool
			}
		}
		env.MustDo(mgr, `mutation($c: ID!) { createInvoice(input: {customerID: $c, number: "A-1", amount: 50000, currency: "CNY", dueAt: "2030-03-10T00:00:00Z"}) { id status openAmount overdue } }`,
			map[string]any{"c": gid(alice.CustomerID)}).Decode(t, &inv)
		if inv.CreateInvoice.Status != "OPEN" || inv.CreateInvoice.OpenAmount != 50000 || inv.CreateInvoice.Overdue {
			t.Fatalf("created %+v", inv.CreateInvoice)
		}
		if r := env.Do(mgr, `mutation($i: ID!) { recordPayment(input: {invoiceId: $i, amount: 50001}) { id } }`, map[string]any{"i": inv.CreateInvoice.ID}); r.Code() != "BAD_USER_INPUT" {
			t.Fatalf("overpayment: %+v", r.Errors)
		}
		env.MustDo(mgr, `mutation($i: ID!) { recordPayment(input: {invoiceId: $i, amount: 20000, method: CASH, reference: "R-1"}) { id invoice { status openAmount } } }`,
			map[string]any{"i": inv.CreateInvoice.ID})

		const overdueQ = `{ customers(where: {hasOverdueReceivables: true}) { totalCount edges { node { id receivables { open overdue overdueInvoices currency } } } } }`
		if r := env.MustDo(adm, overdueQ, nil); !strings.Contains(string(r.Data), `"totalCount":0`) {
			t.Fatalf("nothing is overdue yet: %s", r.Data)
		}
		clk.Advance(10 * 24 * time.Hour) // past the due date
		r := env.MustDo(adm, overdueQ, nil)
		if !strings.Contains(string(r.Data), `"totalCount":1`) || !strings.Contains(string(r.Data), `"receivables":{"open":30000,"overdue":30000,"overdueInvoices":1,"currency":"CNY"}`) {
			t.Fatalf("overdue customers: %s", r.Data)
		}

		// The export takes the same filter.
		req, _ := http.NewRequest(http.MethodGet, env.URL+"/export/customers.csv?"+url.Values{"where": {`{"hasOverdueReceivables":true}`}}.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+adm)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if lines := strings.Split(strings.TrimSpace(string(body)), "\n"); resp.StatusCode != 200 || len(lines) != 2 || !strings.Contains(lines[1], "Alice") {
			t.Fatalf("export of overdue customers: %d %q", resp.StatusCode, body)
		}

		// The member reads their own invoices, and may not pay them.
		mine := env.MustDo(alice.Token, `{ me { customer { receivables { open overdue } invoices { totalCount edges { node { number status overdue openAmount payments { amount method } } } } } } }`, nil)
		if s := string(mine.Data); !strings.Contains(s, `"number":"A-1","status":"PARTIALLY_PAID","overdue":true,"openAmount":30000`) || !strings.Contains(s, `"method":"CASH"`) {
			t.Fatalf("member's invoices: %s", s)
		}
		if r := env.Do(alice.Token, `mutation($i: ID!) { recordPayment(input: {invoiceId: $i, amount: 1}) { id } }`, map[string]any{"i": inv.CreateInvoice.ID}); r.Code() != "FORBIDDEN" {
			t.Fatalf("member pays: %+v", r.Errors)
		}

		// The overdue rule is an account setting, validated.
		set := `mutation($d: Int!) { updateAccountSettings(input: {sla: [], pool: [], risk: {contributionDays: 0, contributionDropPercent: 0, contributionLevel: WATCH,
			openTicketsMax: 0, openTicketsLevel: WATCH, urgentOpenLevel: WATCH, noContactDays: 0, noContactLevel: WATCH, overdueDays: $d, overdueLevel: EXIT}}) { risk { overdueDays overdueLevel } } }`
		if r := env.Do(adm, set, map[string]any{"d": -1}); r.Code() != "BAD_USER_INPUT" {
			t.Fatalf("negative days: %+v", r.Errors)
		}
		if r := env.MustDo(adm, set, map[string]any{"d": 5}); !strings.Contains(string(r.Data), `"overdueDays":5,"overdueLevel":"EXIT"`) {
			t.Fatalf("settings: %s", r.Data)
		}
		clk.Advance(10 * 24 * time.Hour) // more than 5 days overdue
		if n, err := env.Resolver.Accounts.EvaluateRisk(t.Context()); err != nil || n != 1 {
			t.Fatalf("risk raised %d, %v", n, err)
		}
		if r := env.MustDo(mgr, `query($id: ID!) { node(id: $id) { ... on Customer { riskLevel riskReason } } }`, map[string]any{"id": gid(alice.CustomerID)}); !strings.Contains(string(r.Data), `"riskLevel":"EXIT"`) {
			t.Fatalf("after the risk job: %s", r.Data)
		}

		// What was collected counts in the team measures.
		m := env.MustDo(mgr, `{ accountTeamMeasures(from: "2030-01-01T00:00:00Z", to: "2030-04-01T00:00:00Z", by: TEAM) { receivablesCollected } }`, nil)
		if !strings.Contains(string(m.Data), `"receivablesCollected":20000`) {
			t.Fatalf("measures: %s", m.Data)
		}
	})
}
