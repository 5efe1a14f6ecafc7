package customer_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/fieldchange"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// column turns an input field name into its column: LegalRepresentative →
// legal_representative, ReferredByID → referred_by_id.
func column(name string) string {
	name = strings.ReplaceAll(name, "ID", "Id")
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// TestHistory_CompleteForEveryEditableField sets, then clears, every field of
// the customer update input — found by reflection, so a field added later is
// covered without touching this test — and checks each change is in the history.
func TestHistory_CompleteForEveryEditableField(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		sys := auth.System(context.Background())
		admin := db.Client.User.Create().SetEmail("admin@example.com").SetPasswordHash("x").SetRole("ADMIN").SaveX(sys)
		ctx := viewer.NewContext(context.Background(), viewer.Viewer{UserID: admin.ID, Role: viewer.RoleAdmin})
		s := &customer.Service{Client: db.Client}
		c := db.Client.Customer.Create().SetName("Before").SaveX(sys)
		ref := db.Client.Customer.Create().SetName("Referrer").SaveX(sys)
		// fillValue sets customFields to {"changed": "yes"}; custom fields
		// are checked against their definitions, and kept per key.
		db.Client.CustomFieldDefinition.Create().SetKey("changed").SetType("TEXT").SetLabelEn("Changed").SetLabelZh("已改").ExecX(sys)

		var set ent.UpdateCustomerInput
		in := reflect.ValueOf(&set).Elem()
		var setFields, clearFields []string
		for i := range in.NumField() {
			f, v := in.Type().Field(i), in.Field(i)
			switch {
			case strings.HasPrefix(f.Name, "Clear"):
				clearFields = append(clearFields, f.Name)
				continue
			case strings.HasPrefix(f.Name, "Append"):
				continue // the same column as the field it appends to
			}
			if !fillValue(f.Name, v, ref.ID) {
				t.Fatalf("no test value for input field %s (%s): teach fillValue", f.Name, f.Type)
			}
			setFields = append(setFields, f.Name)
		}
		if _, err := s.Update(ctx, c.ID, set); err != nil {
			t.Fatalf("Update setting %v: %v", setFields, err)
		}
		changed := func() map[string]int {
			out := map[string]int{}
			for _, ch := range db.Client.FieldChange.Query().Where(fieldchange.EntityID(c.ID)).AllX(sys) {
				// A custom field's history row is "custom_fields.<key>".
				f, _, _ := strings.Cut(ch.Field, ".")
				out[f]++
			}
			return out
		}
		got := changed()
		for _, f := range setFields {
			if got[column(f)] != 1 {
				t.Errorf("setting %s left %d history rows for %s; want 1", f, got[column(f)], column(f))
			}
		}

		var clear ent.UpdateCustomerInput
		cv := reflect.ValueOf(&clear).Elem()
		for _, f := range clearFields {
			cv.FieldByName(f).SetBool(true)
		}
		if _, err := s.Update(ctx, c.ID, clear); err != nil {
			t.Fatalf("Update clearing %v: %v", clearFields, err)
		}
		got = changed()
		for _, f := range clearFields {
			col := column(strings.TrimPrefix(f, "Clear"))
			if col == "referred_by" {
				col = "referred_by_id"
			}
			if got[col] != 2 {
				t.Errorf("clearing %s: %d history rows for %s; want 2 (set and clear)", f, got[col], col)
			}
		}
	})
}

// fillValue sets v, an input field, to a value that differs from a new
// customer's; false when it does not know how.
func fillValue(name string, v reflect.Value, refID int) bool {
	t := v.Type()
	switch {
	case name == "Email":
		v.Set(reflect.ValueOf(ptr("changed@example.com")))
	case name == "ReferredByID":
		v.Set(reflect.ValueOf(&refID))
	case t == reflect.TypeOf((*string)(nil)):
		v.Set(reflect.ValueOf(ptr("changed " + name)))
	case t == reflect.TypeOf((*bool)(nil)):
		v.Set(reflect.ValueOf(ptr(true)))
	case t == reflect.TypeOf((*time.Time)(nil)):
		v.Set(reflect.ValueOf(ptr(time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC))))
	case t == reflect.TypeOf([]string(nil)):
		v.Set(reflect.ValueOf([]string{"changed"}))
	case t == reflect.TypeOf(map[string]any(nil)):
		v.Set(reflect.ValueOf(map[string]any{"changed": "yes"}))
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.String:
		// An ent enum: the first value it accepts that is not a default.
		p := reflect.New(t.Elem())
		u, ok := p.Interface().(interface{ UnmarshalGQL(any) error })
		if !ok {
			return false
		}
		for _, cand := range []string{"ORGANISATION", "NATIONAL", "PARTNER", "MATURE", "WATCH", "MGC"} {
			if u.UnmarshalGQL(cand) == nil {
				v.Set(p)
				return true
			}
		}
		return false
	default:
		return false
	}
	return true
}
