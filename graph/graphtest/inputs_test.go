package graphtest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// Fields only staff or the system set. No input a member may send carries
// them, and neither do the generic customer inputs (those values have their
// own, narrower mutations).
var staffOnlyStems = []string{"risklevel", "valuetier", "creditrating", "owner", "loyaltypoints", "score", "blacklist", "userid"}

// A member's own inputs also never name whose data it is, a role, or moderation.
var memberOnlyStems = []string{"role", "customerid", "authorid", "memberid", "hidden", "locked", "pinned", "tier", "risk", "points"}

var memberInputs = []string{"SignUpInput", "UpdateProfileInput", "CreatePostInput", "UpdatePostInput", "CreateCommentInput", "UpdateCommentInput", "CreateMyTicketInput"}
var customerInputs = []string{"CreateCustomerInput", "UpdateCustomerInput"}

type introType struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	InputFields []struct {
		Name string       `json:"name"`
		Type introTypeRef `json:"type"`
	} `json:"inputFields"`
}

type introTypeRef struct {
	Kind   string        `json:"kind"`
	Name   string        `json:"name"`
	OfType *introTypeRef `json:"ofType"`
}

func (r introTypeRef) named() introTypeRef {
	for r.OfType != nil {
		r = *r.OfType
	}
	return r
}

func normalize(name string) string { return strings.ToLower(strings.ReplaceAll(name, "_", "")) }

// TestMemberInputsCarryNoStaffFields introspects the running server.
func TestMemberInputsCarryNoStaffFields(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		lookup := func(name string) introType {
			t.Helper()
			r := post(t, env.URL, "", `query($n: String!) { __type(name: $n) { name kind inputFields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
				map[string]any{"n": name})
			var d struct {
				Type *introType `json:"__type"`
			}
			if err := json.Unmarshal(r.Data, &d); err != nil || d.Type == nil {
				t.Fatalf("introspecting %s: %s", name, r)
			}
			if d.Type.Kind != "INPUT_OBJECT" {
				t.Fatalf("%s is a %s, not an input", name, d.Type.Kind)
			}
			return *d.Type
		}
		// check walks an input and every input type nested in it.
		var check func(name string, stems []string, seen map[string]bool, path string)
		check = func(name string, stems []string, seen map[string]bool, path string) {
			if seen[name] {
				return
			}
			seen[name] = true
			typ := lookup(name)
			if len(typ.InputFields) == 0 {
				t.Errorf("%s has no fields: is it still the input the API takes?", name)
			}
			for _, f := range typ.InputFields {
				n := normalize(f.Name)
				for _, s := range stems {
					if strings.Contains(n, s) {
						t.Errorf("%s%s.%s: a %q field must not be settable here", path, name, f.Name, s)
					}
				}
				if nt := f.Type.named(); nt.Kind == "INPUT_OBJECT" {
					check(nt.Name, stems, seen, path+name+"."+f.Name+" → ")
				}
			}
		}
		for _, in := range memberInputs {
			check(in, append(append([]string{}, staffOnlyStems...), memberOnlyStems...), map[string]bool{}, "")
		}
		for _, in := range customerInputs {
			check(in, staffOnlyStems, map[string]bool{}, "")
		}

		// The mutations that take the member inputs are the ones we checked.
		r := post(t, env.URL, "", `{ __schema { mutationType { fields { name args { name type { kind name ofType { kind name ofType { kind name } } } } type { kind name ofType { kind name ofType { kind name } } } } } } }`, nil)
		var s struct {
			Schema struct {
				MutationType struct {
					Fields []struct {
						Name string `json:"name"`
						Args []struct {
							Name string       `json:"name"`
							Type introTypeRef `json:"type"`
						} `json:"args"`
						Type introTypeRef `json:"type"`
					} `json:"fields"`
				} `json:"mutationType"`
			} `json:"__schema"`
		}
		if err := json.Unmarshal(r.Data, &s); err != nil || len(s.Schema.MutationType.Fields) == 0 {
			t.Fatalf("introspecting mutations: %s", r)
		}
		memberMutations := map[string]string{
			"signUp": "SignUpInput", "updateMyProfile": "UpdateProfileInput", "createPost": "CreatePostInput",
			"updatePost": "UpdatePostInput", "createComment": "CreateCommentInput", "createMyTicket": "CreateMyTicketInput",
		}
		// Append-only and system-written records: no mutation touches them.
		systemTypes := map[string]bool{"AuditEvent": true, "FieldChange": true, "Interaction": true}
		for _, f := range s.Schema.MutationType.Fields {
			n := normalize(f.Name)
			// importOrders only appends too: an order already stored is
			// counted, never changed; cancelOrder appends a cancellation.
			if f.Name != "createOrder" && f.Name != "importOrders" && f.Name != "cancelOrder" && strings.Contains(n, "order") {
				t.Errorf("mutation %s: orders are append-only; only createOrder may exist", f.Name)
			}
			for _, bad := range []string{"audit", "fieldchange", "history", "interaction"} {
				if strings.Contains(n, bad) {
					t.Errorf("mutation %s writes %s records, which only the system writes", f.Name, bad)
				}
			}
			ret := f.Type.named().Name
			if systemTypes[strings.TrimSuffix(ret, "Connection")] {
				t.Errorf("mutation %s returns %s, which only the system writes", f.Name, ret)
			}
			if in, ok := memberMutations[f.Name]; ok {
				var inputs []string
				for _, a := range f.Args {
					if a.Type.named().Kind == "INPUT_OBJECT" {
						inputs = append(inputs, a.Type.named().Name)
					}
				}
				if len(inputs) != 1 || inputs[0] != in {
					t.Errorf("mutation %s takes inputs %v; want only %s", f.Name, inputs, in)
				}
			}
		}
		for _, want := range []string{"updateOrder", "deleteOrder"} {
			for _, f := range s.Schema.MutationType.Fields {
				if f.Name == want {
					t.Errorf("mutation %s must not exist", want)
				}
			}
		}
	})
}
