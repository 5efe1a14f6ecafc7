package graphtest

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent/apikey"
	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

const partnerOrderQ = `mutation($c: ID!, $s: String!, $e: String!) { createOrder(input: {customerID: $c, source: $s, externalID: $e, amount: 990, currency: "CNY"}) { id source } }`

func issueKey(t *testing.T, env *kithtest.Env, adm string, scopes, sources []string, expires *time.Time) (id, secret string) {
	t.Helper()
	vars := map[string]any{"s": scopes, "src": sources, "x": nil}
	if expires != nil {
		vars["x"] = expires.Format(time.RFC3339)
	}
	r := env.MustDo(adm, `mutation($s: [String!]!, $src: [String!]!, $x: Time) { issueApiKey(input: {name: "Shop", scopes: $s, sources: $src, expiresAt: $x}) { secret key { id prefix scopes sources active } } }`, vars)
	var d struct {
		IssueApiKey struct {
			Secret string
			Key    struct {
				ID, Prefix string
				Active     bool
			}
		}
	}
	r.Decode(t, &d)
	k := d.IssueApiKey
	if !strings.HasPrefix(k.Secret, auth.APIKeyPrefix) || !strings.HasPrefix(k.Secret, k.Key.Prefix) || !k.Key.Active || len(k.Secret) < 40 {
		t.Fatalf("issued key %+v", k)
	}
	return k.Key.ID, k.Secret
}

// A partner key pushes orders over HTTP within its scopes and sources only;
// a replay is CONFLICT and counts once; revocation and expiry end it at once.
func TestPartnerAPIKeys(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		clk := clock.NewFixed(time.Now().UTC())
		env := kithtest.Start(t, db, kithtest.Options{Clock: clk})
		adm := env.Staff("admin@example.com", viewer.RoleAdmin).Token
		mgr := env.Staff("mgr@example.com", viewer.RoleManager).Token
		alice := env.SignUp("alice@example.com", "Alice")
		cust := env.MustDo(adm, `mutation { createCustomer(input: {name: "Acme", externalRef: "ERP-1"}) { id } }`, nil)
		var cd struct{ CreateCustomer struct{ ID string } }
		cust.Decode(t, &cd)
		c := cd.CreateCustomer.ID

		// Only admins issue keys; the secret is stored hashed.
		if r := env.Do(mgr, `mutation { issueApiKey(input: {name: "x", scopes: ["orders:write"], sources: ["shop"]}) { secret } }`, nil); r.Code() != "FORBIDDEN" {
			t.Fatalf("manager issues a key: %+v", r.Errors)
		}
		for name, q := range map[string]string{
			"unknown scope":     `mutation { issueApiKey(input: {name: "x", scopes: ["everything"], sources: ["shop"]}) { secret } }`,
			"writer, no source": `mutation { issueApiKey(input: {name: "x", scopes: ["orders:write"]}) { secret } }`,
			"no name":           `mutation { issueApiKey(input: {name: " ", scopes: ["customers:read"]}) { secret } }`,
		} {
			if r := env.Do(adm, q, nil); r.Code() != "BAD_USER_INPUT" {
				t.Errorf("%s: %+v", name, r.Errors)
			}
		}
		writerID, writer := issueKey(t, env, adm, []string{"orders:write"}, []string{"shop"}, nil)
		ctx := auth.System(context.Background())
		k := db.Client.ApiKey.Query().Where(apikey.Prefix(writer[:16])).OnlyX(ctx)
		if string(k.SecretHash) == writer || len(k.SecretHash) != 32 {
			t.Fatal("the secret must be stored as its SHA-256 only")
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("apikey.issue")).CountX(ctx); n != 1 {
			t.Fatalf("%d issue audit events", n)
		}

		// Within its source: written; a replay is CONFLICT and counts once.
		vars := map[string]any{"c": c, "s": "shop", "e": "S-1"}
		r := env.Do(writer, partnerOrderQ, vars)
		if len(r.Errors) > 0 {
			t.Fatalf("partner order: %+v", r.Errors)
		}
		if r := env.Do(writer, partnerOrderQ, vars); r.Code() != "CONFLICT" {
			t.Fatalf("replay: %+v", r.Errors)
		}
		if n := db.Client.Order.Query().Where(order.Source("shop"), order.ExternalID("S-1")).CountX(ctx); n != 1 {
			t.Fatalf("%d orders S-1; want 1", n)
		}
		// Another source, or anything outside its scope: FORBIDDEN.
		if r := env.Do(writer, partnerOrderQ, map[string]any{"c": c, "s": "pos", "e": "S-2"}); r.Code() != "FORBIDDEN" {
			t.Fatalf("other source: %+v", r.Errors)
		}
		for name, q := range map[string]string{
			"customers without customers:read": `{ customers { totalCount } }`,
			"me":                               `{ me { id } }`,
			"settings":                         `{ settings { reportingCurrency } }`,
			"createCustomer":                   `mutation { createCustomer(input: {name: "Evil"}) { id } }`,
			"invoices":                         `{ invoices { totalCount } }`,
			"apiKeys":                          `{ apiKeys { totalCount } }`,
		} {
			if r := env.Do(writer, q, nil); r.Code() != "FORBIDDEN" {
				t.Errorf("%s: %+v", name, r.Errors)
			}
		}
		if n := db.Client.Customer.Query().CountX(ctx); n != 2 {
			t.Fatalf("%d customers; the key must not have created one", n)
		}
		// A sale of another source cannot be cancelled by the key; its own can.
		other := env.MustDo(adm, partnerOrderQ, map[string]any{"c": c, "s": "pos", "e": "P-1"})
		var od struct{ CreateOrder struct{ ID string } }
		other.Decode(t, &od)
		if r := env.Do(writer, `mutation($id: ID!) { cancelOrder(id: $id) { id } }`, map[string]any{"id": od.CreateOrder.ID}); r.Code() != "NOT_FOUND" {
			t.Fatalf("cancelling another source's order: %+v", r.Errors)
		}
		var sd struct{ CreateOrder struct{ ID string } }
		r.Decode(t, &sd)
		if r := env.Do(writer, `mutation($id: ID!) { cancelOrder(id: $id, note: "returned") { id kind amount } }`, map[string]any{"id": sd.CreateOrder.ID}); len(r.Errors) > 0 {
			t.Fatalf("cancelling its own order: %+v", r.Errors)
		}

		// A reader key reads customers and orders, never receivables, never through edges.
		_, reader := issueKey(t, env, adm, []string{"customers:read"}, []string{}, nil)
		rr := env.Do(reader, `{ customers(where: {externalRef: "ERP-1"}) { totalCount edges { node { id name receivables { open } } } } }`, nil)
		if len(rr.Errors) > 0 || !strings.Contains(string(rr.Data), `"totalCount":1`) || !strings.Contains(string(rr.Data), `"receivables":null`) {
			t.Fatalf("reader customers: %s %+v", rr.Data, rr.Errors)
		}
		if r := env.Do(reader, `{ customers(where: {hasOrdersWith: {amountGT: 100}}) { totalCount } }`, nil); r.Code() != "FORBIDDEN" {
			t.Fatalf("reader filters through an edge: %+v", r.Errors)
		}
		if r := env.Do(reader, `{ customers(where: {or: [{hasTickets: true}]}) { totalCount } }`, nil); r.Code() != "FORBIDDEN" {
			t.Fatalf("reader filters through an edge inside or: %+v", r.Errors)
		}
		if r := env.Do(reader, partnerOrderQ, map[string]any{"c": c, "s": "shop", "e": "R-1"}); r.Code() != "FORBIDDEN" {
			t.Fatalf("reader writes: %+v", r.Errors)
		}
		// The reader sees alice's record (customers:read is every customer)
		// but not her tickets.
		env.MustDo(alice.Token, `mutation { createMyTicket(input: {title: "broken", description: "it broke"}) { id } }`, nil)
		if r := env.Do(reader, `query($id: ID!) { node(id: $id) { ... on Customer { id tickets { totalCount } } } }`, map[string]any{"id": gid(alice.CustomerID)}); len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"totalCount":0`) {
			t.Fatalf("reader reads a member's tickets: %s %+v", r.Data, r.Errors)
		}

		// Last used is stamped.
		k = db.Client.ApiKey.GetX(ctx, k.ID)
		if k.LastUsedAt == nil {
			t.Fatal("lastUsedAt not stamped")
		}

		// Revoked: UNAUTHENTICATED (401) at once, audited.
		env.MustDo(adm, `mutation($id: ID!) { revokeApiKey(id: $id) { id active } }`, map[string]any{"id": writerID})
		r = env.Do(writer, partnerOrderQ, map[string]any{"c": c, "s": "shop", "e": "S-3"})
		if r.Status != http.StatusUnauthorized || r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("revoked key: %d %+v", r.Status, r.Errors)
		}
		if r := env.Do(adm, `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, map[string]any{"id": writerID}); r.Code() != "CONFLICT" {
			t.Fatalf("second revoke: %+v", r.Errors)
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("apikey.revoke")).CountX(ctx); n != 1 {
			t.Fatalf("%d revoke audit events", n)
		}

		// Expired: UNAUTHENTICATED once the clock passes the expiry.
		exp := clk.Now().Add(time.Hour)
		_, short := issueKey(t, env, adm, []string{"orders:write"}, []string{"shop"}, &exp)
		if r := env.Do(short, partnerOrderQ, map[string]any{"c": c, "s": "shop", "e": "E-1"}); len(r.Errors) > 0 {
			t.Fatalf("fresh key: %+v", r.Errors)
		}
		clk.Advance(2 * time.Hour)
		if r := env.Do(short, partnerOrderQ, map[string]any{"c": c, "s": "shop", "e": "E-2"}); r.Status != http.StatusUnauthorized {
			t.Fatalf("expired key: %d %+v", r.Status, r.Errors)
		}
		// Unknown keys too.
		if r := env.Do(auth.APIKeyPrefix+"nonsense", `{ me { id } }`, nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("unknown key: %d", r.Status)
		}
		// The admin's list shows prefixes, never secrets.
		list := env.MustDo(adm, `{ apiKeys { totalCount edges { node { name prefix scopes sources active lastUsedAt revokedAt } } } }`, nil)
		if strings.Contains(string(list.Data), writer) || !strings.Contains(string(list.Data), `"totalCount":3`) {
			t.Fatalf("apiKeys: %s", list.Data)
		}
	})
}
