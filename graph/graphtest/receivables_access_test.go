package graphtest

import (
	"encoding/json"
	"strconv"
)

// The receivables and API-key rows of the access matrix.
func init() { matrix = append(matrix, receivablesMatrix...) }

const (
	createInvoiceQ = `mutation($c: ID!, $n: String!) { createInvoice(input: {customerID: $c, number: $n, amount: 500, currency: "CNY", dueAt: "2100-01-01T00:00:00Z"}) { id openAmount overdue } }`
	issueKeyQ      = `mutation($n: String!) { issueApiKey(input: {name: $n, scopes: ["orders:write"], sources: ["shop"]}) { secret key { id prefix } } }`
)

var receivablesMatrix = []op{
	{field: "Query.invoices", query: listQ("invoices", ""),
		want: expect{E, only(ids(iAlice)), E, incl(ids(iAlice)), incl(ids(iAlice)), incl(ids(iAlice))}},
	{field: "Query.node", name: "member's invoice", query: nodeQ, target: iAlice, vars: idVar("id"),
		want: expect{H, OK, H, OK, OK, OK}},
	{field: "Query.node", name: "member's payment", query: nodeQ, target: func(w *world) int { return w.alicePayment }, vars: idVar("id"),
		want: expect{H, OK, H, OK, OK, OK}},
	{field: "Query.node", name: "API key (admins only)", query: nodeQ, target: keyOf, vars: idVar("id"),
		want: expect{H, H, H, H, H, OK}},
	{field: "Query.apiKeys", query: listQ("apiKeys", ""),
		want: expect{U, F, F, F, F, OK}},

	{field: "Mutation.createInvoice", name: "pool account", query: createInvoiceQ, target: cPool, vars: invoiceVars,
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.createInvoice", name: "account of another manager", query: createInvoiceQ, target: cForeign, vars: invoiceVars,
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.createInvoice", name: "member's own record", query: createInvoiceQ, target: cAlice, vars: invoiceVars,
		want: expect{H, F, H, F, OK, OK}},
	{field: "Mutation.recordPayment", name: "pool account", query: `mutation($id: ID!) { recordPayment(input: {invoiceId: $id, amount: 100}) { id amount } }`,
		target: cPool, vars: freshInvoice("id"),
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.recordPayment", name: "account of another manager", query: `mutation($id: ID!) { recordPayment(input: {invoiceId: $id, amount: 100}) { id amount } }`,
		target: cForeign, vars: freshInvoice("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.voidInvoice", name: "pool account", query: `mutation($id: ID!) { voidInvoice(id: $id, reason: "duplicate") { id status } }`,
		target: cPool, vars: freshInvoice("id"),
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.issueApiKey", query: issueKeyQ, vars: func(_ *world, r role, _ int) map[string]any { return map[string]any{"n": uniq(r, "key")} },
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.revokeApiKey", query: `mutation($id: ID!) { revokeApiKey(id: $id) { id active revokedAt } }`, vars: freshKey,
		want: expect{U, F, F, F, F, OK}},
}

func iAlice(w *world) int { return w.aliceInvoice }

// keyOf issues the world's API key on first use.
func keyOf(w *world) int {
	if w.apiKey == 0 {
		res := w.do(w.token(admin), `mutation { issueApiKey(input: {name: "matrix", scopes: ["customers:read"]}) { key { id } } }`, nil)
		var d struct {
			IssueApiKey struct{ Key struct{ ID string } }
		}
		if json.Unmarshal(res.Data, &d) != nil {
			w.t.Fatalf("issueApiKey: %s", res)
		}
		id, err := strconv.Atoi(d.IssueApiKey.Key.ID)
		if err != nil {
			w.t.Fatalf("issueApiKey: %s", res)
		}
		w.apiKey = id
	}
	return w.apiKey
}

func invoiceVars(_ *world, r role, id int) map[string]any {
	return map[string]any{"c": gid(id), "n": uniq(r, "inv")}
}

// freshInvoice issues (as an admin) a new invoice to customer id for r to
// act on; for a customer that does not exist, an invoice id nobody has.
func freshInvoice(name string) func(w *world, r role, id int) map[string]any {
	return func(w *world, r role, id int) map[string]any {
		res := w.do(w.token(admin), createInvoiceQ, invoiceVars(w, r, id))
		var d struct{ CreateInvoice *struct{ ID string } }
		if len(res.parsed.Errors) > 0 || json.Unmarshal(res.Data, &d) != nil || d.CreateInvoice == nil {
			return map[string]any{name: gid(missing(w.aliceInvoice))}
		}
		return map[string]any{name: d.CreateInvoice.ID}
	}
}

func freshKey(w *world, r role, _ int) map[string]any {
	res := w.do(w.token(admin), issueKeyQ, map[string]any{"n": uniq(r, "key")})
	var d struct {
		IssueApiKey struct{ Key struct{ ID string } }
	}
	if err := json.Unmarshal(res.Data, &d); err != nil {
		w.t.Fatalf("issueApiKey: %s", res)
	}
	return map[string]any{"id": d.IssueApiKey.Key.ID}
}
