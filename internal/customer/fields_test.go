package customer_test

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/fieldchange"
	"github.com/kith-crm/kith/internal/auth"
	cust "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// fieldsWorld is an admin, a manager and a set of custom field definitions.
type fieldsWorld struct {
	db         *store.DB
	s          *cust.Service
	sys, admin context.Context
	manager    context.Context
}

func newFieldsWorld(t *testing.T, db *store.DB) *fieldsWorld {
	t.Helper()
	sys := auth.System(context.Background())
	admin := db.Client.User.Create().SetEmail("admin@example.com").SetPasswordHash("x").SetRole("ADMIN").SaveX(sys)
	mgr := db.Client.User.Create().SetEmail("mgr@example.com").SetPasswordHash("x").SetRole("MANAGER").SaveX(sys)
	w := &fieldsWorld{
		db: db, s: &cust.Service{Client: db.Client}, sys: sys,
		admin:   viewer.NewContext(context.Background(), viewer.Viewer{UserID: admin.ID, Role: viewer.RoleAdmin}),
		manager: viewer.NewContext(context.Background(), viewer.Viewer{UserID: mgr.ID, Role: viewer.RoleManager}),
	}
	for _, d := range []ent.CreateCustomFieldDefinitionInput{
		{Key: "tier", Type: "SELECT", Options: []string{"gold", "silver", "金牌"}, LabelEn: "Tier", LabelZh: "等級"},
		{Key: "budget", Type: "NUMBER", LabelEn: "Budget", LabelZh: "預算"},
		{Key: "since", Type: "DATE", LabelEn: "Customer since", LabelZh: "客戶起始"},
		{Key: "newsletter", Type: "BOOLEAN", LabelEn: "Newsletter", LabelZh: "電子報"},
		{Key: "notes", Type: "TEXT", LabelEn: "Notes", LabelZh: "備註"},
		{Key: "code", Type: "TEXT", LabelEn: "Code", LabelZh: "代碼", Required: ptr(true)},
		{Key: "old_code", Type: "TEXT", LabelEn: "Old code", LabelZh: "舊代碼"},
	} {
		if _, err := w.s.CreateFieldDefinition(w.admin, d); err != nil {
			t.Fatalf("defining %s: %v", d.Key, err)
		}
	}
	old := db.Client.CustomFieldDefinition.Query().AllX(sys)
	for _, d := range old {
		if d.Key == "old_code" {
			if _, err := w.s.SetFieldArchived(w.admin, d.ID, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	return w
}

func wantFieldError(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid || e.Field != field {
		t.Fatalf("error = %v (%#v); want BAD_USER_INPUT on %s", err, e, field)
	}
}

func TestCustomFields_CreateValidatesAndNormalises(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newFieldsWorld(t, db)
		for _, c := range []struct {
			name   string
			fields map[string]any
			field  string // the error's field; "" when the create succeeds
			want   map[string]any
		}{
			{"UnknownKey", map[string]any{"code": "A", "shoe": 42}, "customFields.shoe", nil},
			{"NumberAsString", map[string]any{"code": "A", "budget": "12"}, "customFields.budget", nil},
			{"NumberAsBool", map[string]any{"code": "A", "budget": true}, "customFields.budget", nil},
			{"DateNotADate", map[string]any{"code": "A", "since": "yesterday"}, "customFields.since", nil},
			{"DateAsNumber", map[string]any{"code": "A", "since": 20240101}, "customFields.since", nil},
			{"DateImpossible", map[string]any{"code": "A", "since": "2024-02-30"}, "customFields.since", nil},
			{"BooleanAsString", map[string]any{"code": "A", "newsletter": "yes"}, "customFields.newsletter", nil},
			{"OptionNotInList", map[string]any{"code": "A", "tier": "bronze"}, "customFields.tier", nil},
			{"OptionWrongCase", map[string]any{"code": "A", "tier": "Gold"}, "customFields.tier", nil},
			{"TextAsNumber", map[string]any{"code": 7}, "customFields.code", nil},
			{"TextTooLong", map[string]any{"code": "A", "notes": strings.Repeat("長", cust.MaxTextValue+1)}, "customFields.notes", nil},
			{"RequiredMissing", map[string]any{"tier": "gold"}, "customFields.code", nil},
			{"RequiredMissingWhenNoFieldsGiven", nil, "customFields.code", nil},
			{"RequiredEmptyText", map[string]any{"code": "   "}, "customFields.code", nil},
			{"RequiredNull", map[string]any{"code": nil}, "customFields.code", nil},
			{"ArchivedField", map[string]any{"code": "A", "old_code": "X"}, "customFields.old_code", nil},
			{"Normalised", map[string]any{
				"code": "  A-1  ", "budget": json.Number("1200.50"), "since": "2024-03-01T23:30:00+08:00",
				"newsletter": false, "tier": "金牌", "notes": "", "old_code": nil,
			}, "", map[string]any{"code": "A-1", "budget": 1200.5, "since": "2024-03-01", "newsletter": false, "tier": "金牌"}},
			{"GraphQLLiterals", map[string]any{"code": "B", "budget": int64(3)}, "", map[string]any{"code": "B", "budget": 3.0}},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := db.Client.Customer.Query().CountX(w.sys)
				got, err := w.s.Create(w.manager, ent.CreateCustomerInput{Name: "Customer " + c.name, CustomFields: c.fields})
				if c.field != "" {
					wantFieldError(t, err, c.field)
					if n := db.Client.Customer.Query().CountX(w.sys); n != before {
						t.Fatalf("a refused create wrote a customer (%d → %d)", before, n)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				stored := db.Client.Customer.GetX(w.sys, got.ID).CustomFields
				if !reflect.DeepEqual(stored, c.want) {
					t.Fatalf("stored %#v; want %#v", stored, c.want)
				}
			})
		}
		// Who may not create hears that first, not which fields are required.
		for name, c := range map[string]struct {
			ctx  context.Context
			code errs.Code
		}{
			"Anonymous": {context.Background(), errs.Unauthenticated},
			"Marketer":  {viewer.NewContext(context.Background(), viewer.Viewer{UserID: 998, Role: viewer.RoleMarketer}), errs.Forbidden},
		} {
			if _, err := w.s.Create(c.ctx, ent.CreateCustomerInput{Name: "Nope"}); errs.CodeOf(err) != c.code {
				t.Errorf("%s: %v; want %s", name, err, c.code)
			}
		}
	})
}

func TestCustomFields_UpdateIsAPatch(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newFieldsWorld(t, db)
		// A value of the archived field, written before it was archived.
		c := db.Client.Customer.Create().SetName("Patched").
			SetCustomFields(map[string]any{"code": "A", "budget": 100, "notes": "first", "old_code": "legacy"}).SaveX(w.sys)
		history := func() int { return db.Client.FieldChange.Query().Where(fieldchange.EntityID(c.ID)).CountX(w.sys) }

		for _, bad := range []struct {
			name  string
			in    ent.UpdateCustomerInput
			field string
		}{
			{"ClearRequired", ent.UpdateCustomerInput{CustomFields: map[string]any{"code": nil}}, "customFields.code"},
			{"EmptyRequired", ent.UpdateCustomerInput{CustomFields: map[string]any{"code": ""}}, "customFields.code"},
			{"ClearAll", ent.UpdateCustomerInput{ClearCustomFields: true}, "customFields.code"},
			{"WrongType", ent.UpdateCustomerInput{Region: ptr("華南"), CustomFields: map[string]any{"budget": "lots"}}, "customFields.budget"},
			{"SetArchived", ent.UpdateCustomerInput{CustomFields: map[string]any{"old_code": "new"}}, "customFields.old_code"},
			{"Unknown", ent.UpdateCustomerInput{CustomFields: map[string]any{"shoe": 1}}, "customFields.shoe"},
		} {
			t.Run(bad.name, func(t *testing.T) {
				_, err := w.s.Update(w.manager, c.ID, bad.in)
				wantFieldError(t, err, bad.field)
				got := db.Client.Customer.GetX(w.sys, c.ID)
				if got.Region != "" || got.CustomFields["budget"] != 100.0 || got.CustomFields["code"] != "A" || history() != 0 {
					t.Fatalf("a refused update changed the customer: %+v, %d history rows", got, history())
				}
			})
		}

		got, err := w.s.Update(w.manager, c.ID, ent.UpdateCustomerInput{CustomFields: map[string]any{
			"budget": json.Number("250"), "notes": nil, "tier": "silver", "old_code": nil,
		}})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"code": "A", "budget": 250.0, "tier": "silver"}
		if !reflect.DeepEqual(got.CustomFields, want) {
			t.Fatalf("after the patch: %#v; want %#v", got.CustomFields, want)
		}
		// The history keeps each key apart, old and new as JSON.
		var rows []string
		for _, ch := range db.Client.FieldChange.Query().Where(fieldchange.EntityID(c.ID)).AllX(w.sys) {
			rows = append(rows, ch.Field+" "+ch.OldValue+" → "+ch.NewValue)
		}
		sort.Strings(rows)
		wantRows := []string{
			`custom_fields.budget 100 → 250`,
			`custom_fields.notes "first" → null`,
			`custom_fields.old_code "legacy" → null`,
			`custom_fields.tier null → "silver"`,
		}
		if !reflect.DeepEqual(rows, wantRows) {
			t.Fatalf("history:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(wantRows, "\n"))
		}
		// An unchanged value is no history.
		if _, err := w.s.Update(w.manager, c.ID, ent.UpdateCustomerInput{CustomFields: map[string]any{"budget": 250}}); err != nil {
			t.Fatal(err)
		}
		if n := history(); n != len(wantRows) {
			t.Fatalf("an unchanged value added history: %d rows", n)
		}
	})
}

func TestFieldDefinitions_AdminRules(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newFieldsWorld(t, db)
		def := func(key string) *ent.CustomFieldDefinition {
			t.Helper()
			for _, d := range db.Client.CustomFieldDefinition.Query().AllX(w.sys) {
				if d.Key == key {
					return d
				}
			}
			t.Fatalf("no definition %s", key)
			return nil
		}
		for _, c := range []struct {
			name  string
			in    ent.CreateCustomFieldDefinitionInput
			code  errs.Code
			field string
		}{
			{"KeyNotASlug", ent.CreateCustomFieldDefinitionInput{Key: "Big Budget", Type: "TEXT", LabelEn: "x", LabelZh: "x"}, errs.Invalid, "key"},
			{"KeyStartsWithDigit", ent.CreateCustomFieldDefinitionInput{Key: "1st", Type: "TEXT", LabelEn: "x", LabelZh: "x"}, errs.Invalid, "key"},
			{"KeyTooLong", ent.CreateCustomFieldDefinitionInput{Key: strings.Repeat("k", 41), Type: "TEXT", LabelEn: "x", LabelZh: "x"}, errs.Invalid, "key"},
			{"KeyOfTheCustomer", ent.CreateCustomFieldDefinitionInput{Key: "email", Type: "TEXT", LabelEn: "x", LabelZh: "x"}, errs.Invalid, "key"},
			{"KeyTaken", ent.CreateCustomFieldDefinitionInput{Key: "budget", Type: "NUMBER", LabelEn: "x", LabelZh: "x"}, errs.Conflict, "key"},
			{"KeyTakenByArchived", ent.CreateCustomFieldDefinitionInput{Key: "old_code", Type: "TEXT", LabelEn: "x", LabelZh: "x"}, errs.Conflict, "key"},
			{"NoEnglishLabel", ent.CreateCustomFieldDefinitionInput{Key: "a", Type: "TEXT", LabelEn: " ", LabelZh: "x"}, errs.Invalid, "labelEn"},
			{"NoChineseLabel", ent.CreateCustomFieldDefinitionInput{Key: "a", Type: "TEXT", LabelEn: "x"}, errs.Invalid, "labelZh"},
			{"SelectWithoutOptions", ent.CreateCustomFieldDefinitionInput{Key: "a", Type: "SELECT", LabelEn: "x", LabelZh: "x"}, errs.Invalid, "options"},
			{"RepeatedOption", ent.CreateCustomFieldDefinitionInput{Key: "a", Type: "SELECT", Options: []string{"x", " x"}, LabelEn: "x", LabelZh: "x"}, errs.Invalid, "options"},
			{"OptionsOnNumber", ent.CreateCustomFieldDefinitionInput{Key: "a", Type: "NUMBER", Options: []string{"1"}, LabelEn: "x", LabelZh: "x"}, errs.Invalid, "options"},
			{"UnknownType", ent.CreateCustomFieldDefinitionInput{Key: "a", Type: "COLOUR", LabelEn: "x", LabelZh: "x"}, errs.Invalid, "type"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := w.s.CreateFieldDefinition(w.admin, c.in)
				e, ok := errs.As(err)
				if !ok || e.Code != c.code || e.Field != c.field {
					t.Fatalf("error = %v; want %s on %s", err, c.code, c.field)
				}
			})
		}
		if _, err := w.s.CreateFieldDefinition(w.manager, ent.CreateCustomFieldDefinitionInput{Key: "a", Type: "TEXT", LabelEn: "x", LabelZh: "x"}); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("a manager defined a field: %v", err)
		}
		if n := db.Client.CustomFieldDefinition.Query().CountX(w.sys); n != 7 {
			t.Fatalf("refused creates left %d definitions; want 7", n)
		}
		// Without a position a field goes last.
		last, err := w.s.CreateFieldDefinition(w.admin, ent.CreateCustomFieldDefinitionInput{Key: "region_code", Type: "TEXT", LabelEn: " Region code ", LabelZh: "區碼"})
		if err != nil || last.Position != 7 || last.LabelEn != "Region code" {
			t.Fatalf("created %+v, %v; want position 7 and a trimmed label", last, err)
		}

		// Lists: staff only, in order, archived fields when asked.
		list, err := w.s.FieldDefinitions(w.manager, false)
		var keys []string
		for _, d := range list {
			keys = append(keys, d.Key)
		}
		if err != nil || strings.Join(keys, ",") != "tier,budget,since,newsletter,notes,code,region_code" {
			t.Fatalf("active fields %v, %v", keys, err)
		}
		if all, _ := w.s.FieldDefinitions(w.manager, true); len(all) != 8 {
			t.Fatalf("with archived: %d fields; want 8", len(all))
		}
		member := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 999, Role: viewer.RoleMember})
		if _, err := w.s.FieldDefinitions(member, false); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("a member listed the fields: %v", err)
		}

		// Options: one in use stays; others may go.
		db.Client.Customer.Create().SetName("Gold").SetCustomFields(map[string]any{"code": "G", "tier": "gold", "budget": 5}).ExecX(w.sys)
		tier := def("tier")
		_, err = w.s.UpdateFieldDefinition(w.admin, tier.ID, ent.UpdateCustomFieldDefinitionInput{Options: []string{"silver"}})
		if e, ok := errs.As(err); !ok || e.Code != errs.Conflict || e.Field != "options" {
			t.Fatalf("removing an option in use: %v", err)
		}
		got, err := w.s.UpdateFieldDefinition(w.admin, tier.ID, ent.UpdateCustomFieldDefinitionInput{
			Options: []string{"gold", "silver"}, AppendOptions: []string{"platinum"}, LabelZh: ptr("客戶等級"), Required: ptr(true),
		})
		if err != nil || strings.Join(got.Options, ",") != "gold,silver,platinum" || got.LabelZh != "客戶等級" || !got.Required {
			t.Fatalf("update: %+v, %v", got, err)
		}
		if _, err := w.s.UpdateFieldDefinition(w.admin, def("budget").ID, ent.UpdateCustomFieldDefinitionInput{AppendOptions: []string{"1"}}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("options on a NUMBER field: %v", err)
		}

		// Delete: not while a customer holds a value; archive instead.
		if _, err := w.s.DeleteFieldDefinition(w.admin, def("budget").ID); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("deleting a field in use: %v", err)
		}
		if ok, err := w.s.DeleteFieldDefinition(w.admin, def("region_code").ID); !ok || err != nil {
			t.Fatalf("deleting an unused field: %v", err)
		}
		if _, err := w.s.SetFieldArchived(w.admin, def("budget").ID, true); err != nil {
			t.Fatal(err)
		}
		if v := db.Client.Customer.Query().Where(customer.Name("Gold")).OnlyX(w.sys).CustomFields["budget"]; v != 5.0 {
			t.Fatalf("archiving lost the values: budget = %v", v)
		}
		if _, err := w.s.SetFieldArchived(w.admin, def("budget").ID, false); err != nil {
			t.Fatal(err)
		}

		// Every change is audited.
		count := map[string]int{}
		for _, a := range db.Client.AuditEvent.Query().Where(auditevent.SubjectType("CustomFieldDefinition")).AllX(w.sys) {
			count[a.Action]++
		}
		want := map[string]int{"custom_field.create": 8, "custom_field.update": 1, "custom_field.delete": 1, "custom_field.archive": 2, "custom_field.restore": 1}
		if !reflect.DeepEqual(count, want) {
			t.Fatalf("audit %v; want %v", count, want)
		}
	})
}
