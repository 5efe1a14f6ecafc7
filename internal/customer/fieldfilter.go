package customer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/customfielddefinition"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/ent/schema"
	"github.com/kith-crm/kith/internal/errs"
)

// FieldPredicate is one condition on a custom field, the GraphQL
// CustomFieldPredicate of CustomerWhereInput.customFields: the field's key
// and exactly one operator, whose value has the field's type (a number for
// NUMBER, "YYYY-MM-DD" for DATE, true/false for BOOLEAN, one of the options
// for SELECT).
//
//	eq, neq, in      every type but BOOLEAN takes in; BOOLEAN takes eq and neq
//	gt, gte, lt, lte NUMBER and DATE
//	contains         TEXT: the value contains the text (case-insensitive)
//	isNil            true: the customer holds no value; false: they do
//
// Like the generated predicates of optional fields, neq and the comparisons
// match only customers that hold a value.
type FieldPredicate struct {
	Key      string  `json:"key"`
	Eq       any     `json:"eq,omitempty"`
	Neq      any     `json:"neq,omitempty"`
	Gt       any     `json:"gt,omitempty"`
	Gte      any     `json:"gte,omitempty"`
	Lt       any     `json:"lt,omitempty"`
	Lte      any     `json:"lte,omitempty"`
	Contains *string `json:"contains,omitempty"`
	In       []any   `json:"in,omitempty"`
	IsNil    *bool   `json:"isNil,omitempty"`
}

// Predicate compiles p into a customer predicate, checked against its
// definition (archived fields may be filtered by: their values are kept).
// BAD_USER_INPUT on customFields.<key> for an unknown key, not exactly one
// operator, an operator the type does not have or a value of the wrong type.
func (fs *FieldSet) Predicate(p FieldPredicate) (predicate.Customer, error) {
	def, ok := fs.byKey[p.Key]
	if !ok {
		return nil, badValue(p.Key, "there is no custom field %q", p.Key)
	}
	type operator struct {
		name string
		set  bool
	}
	ops := []operator{
		{"eq", p.Eq != nil}, {"neq", p.Neq != nil}, {"gt", p.Gt != nil}, {"gte", p.Gte != nil},
		{"lt", p.Lt != nil}, {"lte", p.Lte != nil}, {"contains", p.Contains != nil}, {"in", p.In != nil},
		{"isNil", p.IsNil != nil},
	}
	var op string
	for _, o := range ops {
		if !o.set {
			continue
		}
		if op != "" {
			return nil, badValue(p.Key, "give one operator per predicate, not %s and %s", op, o.name)
		}
		op = o.name
	}
	if op == "" {
		return nil, badValue(p.Key, "give an operator: eq, neq, gt, gte, lt, lte, contains, in or isNil")
	}
	t := def.Type
	value := func(v any) (any, error) {
		n, err := Normalise(def, v)
		if err == nil && n == nil {
			err = badValue(p.Key, "%s needs a value", op)
		}
		return n, err
	}
	ordered := t == customfielddefinition.TypeNUMBER || t == customfielddefinition.TypeDATE
	switch op {
	case "isNil":
		if *p.IsNil {
			return typeIs(p.Key, "=", "null"), nil
		}
		return FieldHasValue(p.Key), nil
	case "contains":
		if t != customfielddefinition.TypeTEXT {
			return nil, badValue(p.Key, "contains is for TEXT fields; %s is %s", p.Key, t)
		}
		s := strings.TrimSpace(*p.Contains)
		if s == "" {
			return nil, badValue(p.Key, "contains needs some text")
		}
		return compare(p.Key, t, "LIKE", "%"+likeEscaper.Replace(s)+"%"), nil
	case "in":
		if t == customfielddefinition.TypeBOOLEAN {
			return nil, badValue(p.Key, "in is not for BOOLEAN fields; use eq")
		}
		if len(p.In) == 0 || len(p.In) > 100 {
			return nil, badValue(p.Key, "in needs 1 to 100 values")
		}
		vals := make([]any, len(p.In))
		for i, v := range p.In {
			n, err := value(v)
			if err != nil {
				return nil, err
			}
			vals[i] = n
		}
		return compare(p.Key, t, "IN", vals...), nil
	case "eq", "neq":
		raw := p.Eq
		sqlOp := "="
		if op == "neq" {
			raw, sqlOp = p.Neq, "<>"
		}
		v, err := value(raw)
		if err != nil {
			return nil, err
		}
		if b, ok := v.(bool); ok {
			// A boolean is its JSON type; "not true" is "holds false".
			if op == "neq" {
				b = !b
			}
			return boolIs(p.Key, b), nil
		}
		return compare(p.Key, t, sqlOp, v), nil
	}
	if !ordered {
		return nil, badValue(p.Key, "%s is for NUMBER and DATE fields; %s is %s", op, p.Key, t)
	}
	raw, sqlOp := map[string]any{"gt": p.Gt, "gte": p.Gte, "lt": p.Lt, "lte": p.Lte}[op],
		map[string]string{"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[op]
	v, err := value(raw)
	if err != nil {
		return nil, err
	}
	return compare(p.Key, t, sqlOp, v), nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// FieldHasValue matches customers holding a value of the field key.
func FieldHasValue(key string) predicate.Customer { return typeIs(key, "<>", "null") }

// FieldEquals matches customers whose TEXT, DATE or SELECT field key holds s.
func FieldEquals(key, s string) predicate.Customer {
	return compare(key, customfielddefinition.TypeTEXT, "=", s)
}

// The SQL. A key is a slug (schema.CustomFieldKey), so it is written into the
// statement as a literal: a JSON path or ->> operand given as a parameter
// would make PostgreSQL guess its type. Every value is read through a CASE
// that yields NULL unless the stored JSON has the field's type, so a value
// of another type (written before the field was defined) never matches and
// never breaks a cast.

// jsonType is the JSON type of the value under key, 'null' when there is none,
// in the dialect's words: SQLite's json_type (text, integer, real, true,
// false, null, …) or PostgreSQL's jsonb_typeof (string, number, boolean, …).
func jsonType(dia, col, key string) string {
	if dia == dialect.Postgres {
		return fmt.Sprintf("COALESCE(jsonb_typeof(%s -> '%s'), 'null')", col, key)
	}
	return fmt.Sprintf("COALESCE(json_type(%s, '$.%s'), 'null')", col, key)
}

// valueOf is the value under key when it has the JSON type t stores, else NULL.
func valueOf(dia, col, key string, t customfielddefinition.Type) string {
	typ := jsonType(dia, col, key)
	if dia == dialect.Postgres {
		text := fmt.Sprintf("(%s ->> '%s')", col, key)
		if t == customfielddefinition.TypeNUMBER {
			return fmt.Sprintf("(CASE WHEN %s = 'number' THEN %s::numeric END)", typ, text)
		}
		// COLLATE "C": dates compare as the strings they are, whatever the
		// database's collation does with their hyphens.
		return fmt.Sprintf(`(CASE WHEN %s = 'string' THEN %s END) COLLATE "C"`, typ, text)
	}
	val := fmt.Sprintf("json_extract(%s, '$.%s')", col, key)
	if t == customfielddefinition.TypeNUMBER {
		return fmt.Sprintf("(CASE WHEN %s IN ('integer', 'real') THEN %s END)", typ, val)
	}
	return fmt.Sprintf("(CASE WHEN %s = 'text' THEN %s END)", typ, val)
}

// keyed runs build with the custom_fields column, or matches nothing when key
// is not a slug (only ever a bug: definitions are checked on create).
func keyed(key string, build func(s *sql.Selector, col string) *sql.Predicate) predicate.Customer {
	return func(s *sql.Selector) {
		if !schema.CustomFieldKey.MatchString(key) {
			s.Where(sql.False())
			return
		}
		s.Where(build(s, s.C(customer.FieldCustomFields)))
	}
}

func typeIs(key, op, typ string) predicate.Customer {
	return keyed(key, func(s *sql.Selector, col string) *sql.Predicate {
		return sql.P(func(b *sql.Builder) {
			b.WriteString(jsonType(s.Dialect(), col, key)).WriteString(" " + op + " ").Arg(typ)
		})
	})
}

func boolIs(key string, v bool) predicate.Customer {
	return keyed(key, func(s *sql.Selector, col string) *sql.Predicate {
		return sql.P(func(b *sql.Builder) {
			if s.Dialect() == dialect.Postgres {
				// jsonb_typeof says boolean; the text says which.
				b.WriteString(jsonType(s.Dialect(), col, key)).WriteString(" = 'boolean' AND ").
					WriteString(fmt.Sprintf("(%s ->> '%s')", col, key)).WriteString(" = ").Arg(fmt.Sprint(v))
				return
			}
			b.WriteString(jsonType(s.Dialect(), col, key)).WriteString(" = ").Arg(fmt.Sprint(v))
		})
	})
}

func compare(key string, t customfielddefinition.Type, op string, args ...any) predicate.Customer {
	return keyed(key, func(s *sql.Selector, col string) *sql.Predicate {
		pg := s.Dialect() == dialect.Postgres
		return sql.P(func(b *sql.Builder) {
			b.WriteString(valueOf(s.Dialect(), col, key, t))
			switch op {
			case "IN":
				b.WriteString(" IN (")
				for i, a := range args {
					if i > 0 {
						b.Comma()
					}
					b.Arg(a)
				}
				b.WriteString(")")
			case "LIKE":
				if pg {
					b.WriteString(" ILIKE ")
				} else {
					b.WriteString(" LIKE ")
				}
				b.Arg(args[0]).WriteString(` ESCAPE '\'`)
			default:
				b.WriteString(" " + op + " ").Arg(args[0])
			}
		})
	})
}

// AddFieldPredicates compiles preds and adds them to w, where they hold
// together (and) with w's other conditions. It is how
// CustomerWhereInput.customFields works, at any depth of and/or/not.
func (s *Service) AddFieldPredicates(ctx context.Context, w *ent.CustomerWhereInput, preds []*FieldPredicate) error {
	if len(preds) == 0 {
		return nil
	}
	fs, err := LoadFieldSet(ctx, s.Client)
	if err != nil {
		return err
	}
	return fs.addTo(w, preds)
}

func (fs *FieldSet) addTo(w *ent.CustomerWhereInput, preds []*FieldPredicate) error {
	for _, p := range preds {
		if p == nil {
			continue
		}
		pred, err := fs.Predicate(*p)
		if err != nil {
			return err
		}
		w.AddPredicates(pred)
	}
	return nil
}

// ParseWhere reads a CustomerWhereInput written as JSON, customFields
// included at any depth (as the export URL and saved views carry it).
// BAD_USER_INPUT on "where" for JSON that is not one, and as Predicate says
// for a bad custom field predicate.
func (s *Service) ParseWhere(ctx context.Context, raw []byte) (*ent.CustomerWhereInput, error) {
	var fs *FieldSet
	if bytes.Contains(raw, []byte(`"customFields"`)) {
		var err error
		if fs, err = LoadFieldSet(ctx, s.Client); err != nil {
			return nil, err
		}
	} else {
		fs = NewFieldSet(nil)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, errs.Field("where", "where must be a CustomerWhereInput as JSON")
	}
	return fs.parseWhere(m, 0)
}

func (fs *FieldSet) parseWhere(m map[string]json.RawMessage, depth int) (*ent.CustomerWhereInput, error) {
	bad := errs.Field("where", "where must be a CustomerWhereInput as JSON")
	if depth > 20 {
		return nil, errs.Field("where", "where is nested too deeply")
	}
	sub := func(raw json.RawMessage) (*ent.CustomerWhereInput, error) {
		var c map[string]json.RawMessage
		if err := json.Unmarshal(raw, &c); err != nil || c == nil {
			return nil, bad
		}
		return fs.parseWhere(c, depth+1)
	}
	subs := func(raw json.RawMessage) ([]*ent.CustomerWhereInput, error) {
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, bad
		}
		out := make([]*ent.CustomerWhereInput, len(list))
		for i, r := range list {
			w, err := sub(r)
			if err != nil {
				return nil, err
			}
			out[i] = w
		}
		return out, nil
	}
	rest := map[string]json.RawMessage{}
	for k, v := range m {
		switch k {
		case "customFields", "and", "or", "not":
		default:
			rest[k] = v
		}
	}
	plain, _ := json.Marshal(rest)
	dec := json.NewDecoder(bytes.NewReader(plain))
	dec.DisallowUnknownFields()
	w := &ent.CustomerWhereInput{}
	if err := dec.Decode(w); err != nil {
		return nil, bad
	}
	var err error
	if raw, ok := m["not"]; ok && string(raw) != "null" {
		if w.Not, err = sub(raw); err != nil {
			return nil, err
		}
	}
	if raw, ok := m["and"]; ok && string(raw) != "null" {
		if w.And, err = subs(raw); err != nil {
			return nil, err
		}
	}
	if raw, ok := m["or"]; ok && string(raw) != "null" {
		if w.Or, err = subs(raw); err != nil {
			return nil, err
		}
	}
	if raw, ok := m["customFields"]; ok && string(raw) != "null" {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		dec.UseNumber()
		var preds []*FieldPredicate
		if err := dec.Decode(&preds); err != nil {
			return nil, errs.Field("where", "customFields must be a list of {key, operator: value}")
		}
		if err := fs.addTo(w, preds); err != nil {
			return nil, err
		}
	}
	return w, nil
}
