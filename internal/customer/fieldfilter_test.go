package customer_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	cust "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// filterWorld adds customers holding custom values to a fieldsWorld: A, B
// and C typed values, D none at all, E values of the wrong JSON types
// (written before the fields were defined).
func filterWorld(t *testing.T, db *store.DB) *fieldsWorld {
	w := newFieldsWorld(t, db)
	for name, cf := range map[string]map[string]any{
		"A": {"code": "A", "tier": "gold", "budget": 100, "since": "2023-01-15", "newsletter": true, "notes": "Likes green tea"},
		"B": {"code": "B", "tier": "silver", "budget": 2500.5, "since": "2024-06-01", "newsletter": false, "notes": "綠茶 lover, 100%"},
		"C": {"code": "C", "tier": "金牌", "budget": -20},
		"E": {"code": 5, "tier": 1, "budget": "lots", "since": 20240101, "newsletter": "yes", "notes": true},
	} {
		db.Client.Customer.Create().SetName(name).SetCustomFields(cf).ExecX(w.sys)
	}
	db.Client.Customer.Create().SetName("D").ExecX(w.sys)
	return w
}

func names(t *testing.T, w *fieldsWorld, where *ent.CustomerWhereInput) string {
	t.Helper()
	q, err := where.Filter(w.db.Client.Customer.Query())
	if err != nil {
		t.Fatal(err)
	}
	got := q.Order(ent.Asc(customer.FieldName)).Select(customer.FieldName).StringsX(w.sys)
	sort.Strings(got)
	return strings.Join(got, "")
}

func TestFieldPredicates_PerType(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := filterWorld(t, db)
		fs, err := cust.LoadFieldSet(w.sys, db.Client)
		if err != nil {
			t.Fatal(err)
		}
		yes, no := true, false
		text := func(s string) *string { return &s }
		for _, c := range []struct {
			name string
			p    cust.FieldPredicate
			want string
		}{
			{"SelectEq", cust.FieldPredicate{Key: "tier", Eq: "gold"}, "A"},
			{"SelectEqChinese", cust.FieldPredicate{Key: "tier", Eq: "金牌"}, "C"},
			{"SelectNeq", cust.FieldPredicate{Key: "tier", Neq: "gold"}, "BC"},
			{"SelectIn", cust.FieldPredicate{Key: "tier", In: []any{"gold", "金牌"}}, "AC"},
			{"NumberGt", cust.FieldPredicate{Key: "budget", Gt: json.Number("100")}, "B"},
			{"NumberGte", cust.FieldPredicate{Key: "budget", Gte: int64(100)}, "AB"},
			{"NumberLt", cust.FieldPredicate{Key: "budget", Lt: 0.0}, "C"},
			{"NumberLteFraction", cust.FieldPredicate{Key: "budget", Lte: json.Number("2500.5")}, "ABC"},
			{"NumberEq", cust.FieldPredicate{Key: "budget", Eq: int64(100)}, "A"},
			{"NumberNeq", cust.FieldPredicate{Key: "budget", Neq: 100}, "BC"},
			{"NumberIn", cust.FieldPredicate{Key: "budget", In: []any{json.Number("100"), int64(-20)}}, "AC"},
			{"DateGte", cust.FieldPredicate{Key: "since", Gte: "2024-01-01"}, "B"},
			{"DateLt", cust.FieldPredicate{Key: "since", Lt: "2024-01-01"}, "A"},
			{"DateEq", cust.FieldPredicate{Key: "since", Eq: "2023-01-15"}, "A"},
			{"DateLteDateTime", cust.FieldPredicate{Key: "since", Lte: "2024-06-01T08:00:00+08:00"}, "AB"},
			{"DateIn", cust.FieldPredicate{Key: "since", In: []any{"2024-06-01", "2020-01-01"}}, "B"},
			{"BooleanTrue", cust.FieldPredicate{Key: "newsletter", Eq: true}, "A"},
			{"BooleanFalse", cust.FieldPredicate{Key: "newsletter", Eq: false}, "B"},
			{"BooleanNotTrue", cust.FieldPredicate{Key: "newsletter", Neq: true}, "B"},
			{"TextEq", cust.FieldPredicate{Key: "code", Eq: "A"}, "A"},
			{"TextContainsAnyCase", cust.FieldPredicate{Key: "notes", Contains: text("GREEN")}, "A"},
			{"TextContainsChinese", cust.FieldPredicate{Key: "notes", Contains: text("綠茶")}, "B"},
			{"TextContainsPercentLiterally", cust.FieldPredicate{Key: "notes", Contains: text("0%")}, "B"},
			{"TextContainsUnderscoreLiterally", cust.FieldPredicate{Key: "notes", Contains: text("_")}, ""},
			{"IsNil", cust.FieldPredicate{Key: "since", IsNil: &yes}, "CD"},
			{"IsNotNil", cust.FieldPredicate{Key: "since", IsNil: &no}, "ABE"},
			{"IsNilNoColumn", cust.FieldPredicate{Key: "budget", IsNil: &yes}, "D"},
			{"ArchivedField", cust.FieldPredicate{Key: "old_code", IsNil: &no}, ""},
		} {
			t.Run(c.name, func(t *testing.T) {
				p, err := fs.Predicate(c.p)
				if err != nil {
					t.Fatal(err)
				}
				w2 := &ent.CustomerWhereInput{}
				w2.AddPredicates(p)
				if got := names(t, w, w2); got != c.want {
					t.Fatalf("matched %q; want %q", got, c.want)
				}
			})
		}

		for _, c := range []struct {
			name string
			p    cust.FieldPredicate
		}{
			{"UnknownKey", cust.FieldPredicate{Key: "shoe", Eq: "x"}},
			{"NoOperator", cust.FieldPredicate{Key: "tier"}},
			{"TwoOperators", cust.FieldPredicate{Key: "budget", Gt: 1, Lt: 5}},
			{"NumberAsString", cust.FieldPredicate{Key: "budget", Eq: "100"}},
			{"OptionNotInList", cust.FieldPredicate{Key: "tier", Eq: "bronze"}},
			{"BadDate", cust.FieldPredicate{Key: "since", Gt: "2024-13-01"}},
			{"GtOnText", cust.FieldPredicate{Key: "notes", Gt: "a"}},
			{"GtOnSelect", cust.FieldPredicate{Key: "tier", Gt: "gold"}},
			{"GtOnBoolean", cust.FieldPredicate{Key: "newsletter", Gt: true}},
			{"ContainsOnNumber", cust.FieldPredicate{Key: "budget", Contains: text("1")}},
			{"EmptyContains", cust.FieldPredicate{Key: "notes", Contains: text(" ")}},
			{"InOnBoolean", cust.FieldPredicate{Key: "newsletter", In: []any{true}}},
			{"EmptyIn", cust.FieldPredicate{Key: "tier", In: []any{}}},
			{"WrongTypeInList", cust.FieldPredicate{Key: "budget", In: []any{1, "2"}}},
			{"EmptyTextEq", cust.FieldPredicate{Key: "notes", Eq: ""}},
		} {
			t.Run("Refused/"+c.name, func(t *testing.T) {
				_, err := fs.Predicate(c.p)
				wantFieldError(t, err, "customFields."+c.p.Key)
			})
		}
	})
}

// The predicates hold inside and/or/not of the where input, as GraphQL and
// the export's JSON give them.
func TestFieldPredicates_NestedAndFromJSON(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := filterWorld(t, db)
		add := func(in *ent.CustomerWhereInput, ps ...*cust.FieldPredicate) *ent.CustomerWhereInput {
			if err := w.s.AddFieldPredicates(w.manager, in, ps); err != nil {
				t.Fatal(err)
			}
			return in
		}
		or := &ent.CustomerWhereInput{Or: []*ent.CustomerWhereInput{
			add(&ent.CustomerWhereInput{}, &cust.FieldPredicate{Key: "tier", Eq: "gold"}),
			add(&ent.CustomerWhereInput{}, &cust.FieldPredicate{Key: "budget", Lt: int64(0)}),
		}}
		if got := names(t, w, or); got != "AC" {
			t.Fatalf("or: %q", got)
		}
		not := &ent.CustomerWhereInput{Not: add(&ent.CustomerWhereInput{}, &cust.FieldPredicate{Key: "newsletter", Eq: true})}
		if got := names(t, w, not); got != "BCDE" {
			t.Fatalf("not: %q", got)
		}
		both := add(&ent.CustomerWhereInput{NameIn: []string{"A", "B", "C"}},
			&cust.FieldPredicate{Key: "budget", Gte: int64(0)}, &cust.FieldPredicate{Key: "since", Lt: "2024-01-01"})
		if got := names(t, w, both); got != "A" {
			t.Fatalf("and: %q", got)
		}

		for _, c := range []struct{ json, want, field string }{
			{`{"or":[{"customFields":[{"key":"tier","eq":"gold"}]},{"customFields":[{"key":"budget","lt":0}]}]}`, "AC", ""},
			{`{"not":{"customFields":[{"key":"newsletter","eq":true}]},"nameNEQ":"E"}`, "BCD", ""},
			{`{"customFields":[{"key":"budget","gt":99.5},{"key":"since","isNil":false}]}`, "AB", ""},
			{`{"and":[{"name":"B"}],"customFields":[{"key":"tier","in":["silver"]}]}`, "B", ""},
			{`{"region":"x","shoe":1}`, "", "where"},
			{`{"customFields":[{"key":"budget","gt":"99"}]}`, "", "customFields.budget"},
			{`{"or":[{"customFields":[{"key":"shoe","eq":1}]}]}`, "", "customFields.shoe"},
			{`{"customFields":[{"key":"budget","over":1}]}`, "", "where"},
			{`[1]`, "", "where"},
		} {
			where, err := w.s.ParseWhere(w.manager, []byte(c.json))
			if c.field != "" {
				wantFieldError(t, err, c.field)
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", c.json, err)
			}
			if got := names(t, w, where); got != c.want {
				t.Errorf("%s matched %q; want %q", c.json, got, c.want)
			}
		}
	})
}
