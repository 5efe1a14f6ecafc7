package graphtest

import (
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// TestCustomFields_EndToEnd: an admin defines fields, a manager sets them on
// customers, bad values name the field and change nothing, the list, pool,
// saved views and export filter by them, and the history reads per key.
func TestCustomFields_EndToEnd(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := kithtest.Start(t, db, kithtest.Options{})
		sys := auth.System(context.Background())
		adm := e.Staff("admin@example.com", viewer.RoleAdmin)
		mgr := e.Staff("mgr@example.com", viewer.RoleManager)

		define := `mutation($i: CreateCustomFieldDefinitionInput!) { createCustomFieldDefinition(input: $i) { id key position } }`
		for _, in := range []map[string]any{
			{"key": "tier", "type": "SELECT", "options": []string{"gold", "silver"}, "labelEn": "Tier", "labelZh": "等級"},
			{"key": "budget", "type": "NUMBER", "labelEn": "Budget", "labelZh": "預算", "required": true},
			{"key": "since", "type": "DATE", "labelEn": "Since", "labelZh": "起始"},
			{"key": "vip", "type": "BOOLEAN", "labelEn": "VIP", "labelZh": "貴賓"},
		} {
			e.MustDo(adm.Token, define, map[string]any{"i": in})
		}
		if r := e.Do(mgr.Token, define, map[string]any{"i": map[string]any{"key": "x", "type": "TEXT", "labelEn": "x", "labelZh": "x"}}); r.Code() != "FORBIDDEN" {
			t.Fatalf("a manager defined a field: %+v", r.Errors)
		}
		var defs struct {
			CustomFieldDefinitions []struct{ Key, LabelZh string }
		}
		e.MustDo(mgr.Token, `{ customFieldDefinitions { key labelZh } }`, nil).Decode(t, &defs)
		if len(defs.CustomFieldDefinitions) != 4 || defs.CustomFieldDefinitions[1].LabelZh != "預算" {
			t.Fatalf("definitions %+v", defs)
		}

		create := `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id customFields } }`
		for _, c := range []struct {
			name   string
			fields map[string]any
			field  string
		}{
			{"RequiredMissing", map[string]any{"tier": "gold"}, "customFields.budget"},
			{"WrongType", map[string]any{"budget": "a lot"}, "customFields.budget"},
			{"NotAnOption", map[string]any{"budget": 1, "tier": "bronze"}, "customFields.tier"},
			{"Unknown", map[string]any{"budget": 1, "colour": "red"}, "customFields.colour"},
		} {
			r := e.Do(mgr.Token, create, map[string]any{"i": map[string]any{"name": "Bad " + c.name, "customFields": c.fields}})
			if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != c.field {
				t.Errorf("%s: %+v; want BAD_USER_INPUT on %s", c.name, r.Errors, c.field)
			}
		}
		if n := db.Client.Customer.Query().Where(customer.NameHasPrefix("Bad ")).CountX(sys); n != 0 {
			t.Fatalf("refused creates wrote %d customers", n)
		}

		ids := map[string]string{}
		for name, cf := range map[string]map[string]any{
			"Gold Co":   {"tier": "gold", "budget": 5000, "since": "2021-05-01", "vip": true},
			"Silver Co": {"tier": "silver", "budget": 800.5, "since": "2024-02-10"},
			"Small Co":  {"budget": 10},
		} {
			var out struct{ CreateCustomer struct{ ID string } }
			e.MustDo(mgr.Token, create, map[string]any{"i": map[string]any{"name": name, "customFields": cf}}).Decode(t, &out)
			ids[name] = out.CreateCustomer.ID
		}

		// Update is a patch: tier changes, the rest stays; a bad value changes nothing.
		update := `mutation($id: ID!, $cf: Map) { updateCustomer(id: $id, input: {customFields: $cf}) { customFields } }`
		if r := e.Do(mgr.Token, update, map[string]any{"id": ids["Small Co"], "cf": map[string]any{"budget": nil}}); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "customFields.budget" {
			t.Fatalf("clearing a required field: %+v", r.Errors)
		}
		var upd struct {
			UpdateCustomer struct{ CustomFields map[string]any }
		}
		e.MustDo(mgr.Token, update, map[string]any{"id": ids["Small Co"], "cf": map[string]any{"tier": "silver", "since": "2019-12-31"}}).Decode(t, &upd)
		if cf := upd.UpdateCustomer.CustomFields; cf["budget"] != 10.0 || cf["tier"] != "silver" || cf["since"] != "2019-12-31" {
			t.Fatalf("after the patch: %v", cf)
		}

		names := func(query string, vars map[string]any) string {
			t.Helper()
			r := e.MustDo(mgr.Token, query, vars)
			var out map[string]struct {
				Edges []struct{ Node struct{ Name string } }
			}
			r.Decode(t, &out)
			var got []string
			for _, conn := range out {
				for _, ed := range conn.Edges {
					got = append(got, ed.Node.Name)
				}
			}
			sort.Strings(got)
			return strings.Join(got, ", ")
		}
		list := `query($w: CustomerWhereInput) { customers(first: 50, where: $w) { edges { node { name } } } }`
		for _, c := range []struct {
			name  string
			where map[string]any
			want  string
		}{
			{"Select", map[string]any{"customFields": []any{map[string]any{"key": "tier", "eq": "silver"}}}, "Silver Co, Small Co"},
			{"NumberAndDate", map[string]any{"customFields": []any{
				map[string]any{"key": "budget", "gte": 800.5}, map[string]any{"key": "since", "lt": "2024-01-01"}}}, "Gold Co"},
			{"Boolean", map[string]any{"customFields": []any{map[string]any{"key": "vip", "eq": true}}}, "Gold Co"},
			{"IsNil", map[string]any{"nameHasSuffix": "Co", "customFields": []any{map[string]any{"key": "vip", "isNil": true}}}, "Silver Co, Small Co"},
			{"InsideOr", map[string]any{"or": []any{
				map[string]any{"customFields": []any{map[string]any{"key": "budget", "lt": 100}}},
				map[string]any{"customFields": []any{map[string]any{"key": "tier", "in": []string{"gold"}}}},
			}}, "Gold Co, Small Co"},
		} {
			if got := names(list, map[string]any{"w": c.where}); got != c.want {
				t.Errorf("%s: %q; want %q", c.name, got, c.want)
			}
		}
		// Literals in the document (not variables) work the same.
		if got := names(`{ customers(where: {customFields: [{key: "budget", gt: 1000}]}) { edges { node { name } } } }`, nil); got != "Gold Co" {
			t.Errorf("inline literal: %q", got)
		}
		// The pool takes the same where (these customers have no owner).
		if got := names(`{ customerPool(where: {customFields: [{key: "budget", lte: 10}]}) { edges { node { name } } } }`, nil); got != "Small Co" {
			t.Errorf("pool: %q", got)
		}
		for _, c := range []struct{ name, pred, field string }{
			{"WrongType", `{key: "budget", gt: "1000"}`, "customFields.budget"},
			{"UnknownKey", `{key: "colour", eq: "red"}`, "customFields.colour"},
			{"TwoOperators", `{key: "budget", gt: 1, lt: 9}`, "customFields.budget"},
			{"ContainsOnSelect", `{key: "tier", contains: "go"}`, "customFields.tier"},
		} {
			r := e.Do(mgr.Token, `{ customers(where: {or: [{customFields: [`+c.pred+`]}]}) { totalCount } }`, nil)
			if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != c.field {
				t.Errorf("%s: %+v; want BAD_USER_INPUT on %s", c.name, r.Errors, c.field)
			}
		}

		// Saved views keep the custom field filter; customers takes it back.
		var sv struct {
			CreateSavedView struct {
				ID    string
				Where map[string]any
			}
		}
		e.MustDo(mgr.Token, `mutation($w: Map) { createSavedView(input: {name: "Gold", where: $w}) { id where } }`,
			map[string]any{"w": map[string]any{"customFields": []any{map[string]any{"key": "tier", "eq": "gold"}}}}).Decode(t, &sv)
		if got := names(list, map[string]any{"w": sv.CreateSavedView.Where}); got != "Gold Co" {
			t.Errorf("saved view's where: %q", got)
		}

		// History: one row per key, in the field's words.
		var hist struct {
			Node struct {
				History struct {
					Edges []struct {
						Node struct{ Field, OldValue, NewValue string }
					}
				}
			}
		}
		e.MustDo(mgr.Token, `query($id: ID!) { node(id: $id) { ... on Customer { history { edges { node { field oldValue newValue } } } } } }`,
			map[string]any{"id": ids["Small Co"]}).Decode(t, &hist)
		var rows []string
		for _, ed := range hist.Node.History.Edges {
			rows = append(rows, ed.Node.Field+" "+ed.Node.OldValue+" → "+ed.Node.NewValue)
		}
		sort.Strings(rows)
		if got := strings.Join(rows, "; "); got != `custom_fields.since null → "2019-12-31"; custom_fields.tier null → "silver"` {
			t.Errorf("history: %s", got)
		}

		// Export: one column per active field, the filter applied.
		q := url.Values{"where": {`{"customFields":[{"key":"budget","gt":100}]}`}, "orderBy": {`{"field":"NAME","direction":"ASC"}`}}
		req, _ := http.NewRequest(http.MethodGet, e.URL+"/export/customers.csv?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+mgr.Token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\uFEFF"))).ReadAll()
		if resp.StatusCode != 200 || err != nil || len(recs) != 3 {
			t.Fatalf("export: %d %v\n%s", resp.StatusCode, err, body)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		if r := recs[1]; r[col["name"]] != "Gold Co" || r[col["tier"]] != "gold" || r[col["budget"]] != "5000" || r[col["vip"]] != "true" || r[col["since"]] != "2021-05-01" {
			t.Errorf("exported %v (columns %v)", r, recs[0])
		}
		// A bad custom filter is a 400 naming the field, before any row.
		q.Set("where", `{"customFields":[{"key":"budget","gt":"x"}]}`)
		req, _ = http.NewRequest(http.MethodGet, e.URL+"/export/customers.csv?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+mgr.Token)
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || !strings.Contains(string(body), `"customFields.budget"`) {
			t.Errorf("bad export filter: %d %s", resp.StatusCode, body)
		}
		// Anonymous callers learn nothing about the fields: 401 either way.
		req, _ = http.NewRequest(http.MethodGet, e.URL+"/export/customers.csv?"+q.Encode(), nil)
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Errorf("anonymous export with a custom filter: %d", resp.StatusCode)
		}
	})
}
