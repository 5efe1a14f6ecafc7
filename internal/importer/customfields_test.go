package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/fieldchange"
	"github.com/kith-crm/kith/internal/auth"
	cust "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// defineFields defines tier (SELECT), budget (NUMBER), since (DATE), vip
// (BOOLEAN), code (TEXT, required) and old (TEXT, archived).
func defineFields(t *testing.T, db *store.DB) {
	t.Helper()
	admin := staff(t, db, viewer.RoleAdmin)
	s := &cust.Service{Client: db.Client}
	for _, d := range []ent.CreateCustomFieldDefinitionInput{
		{Key: "tier", Type: "SELECT", Options: []string{"gold", "silver"}, LabelEn: "Tier", LabelZh: "等級"},
		{Key: "budget", Type: "NUMBER", LabelEn: "Budget", LabelZh: "預算"},
		{Key: "since", Type: "DATE", LabelEn: "Since", LabelZh: "起始"},
		{Key: "vip", Type: "BOOLEAN", LabelEn: "VIP", LabelZh: "貴賓"},
		{Key: "code", Type: "TEXT", Required: ptr(true), LabelEn: "Code", LabelZh: "代碼"},
		{Key: "old", Type: "TEXT", LabelEn: "Old", LabelZh: "舊"},
	} {
		d, err := s.CreateFieldDefinition(admin, d)
		if err != nil {
			t.Fatal(err)
		}
		if d.Key == "old" {
			if _, err := s.SetFieldArchived(admin, d.ID, true); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestCustomers_CustomFieldColumns(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		sys := auth.System(context.Background())
		defineFields(t, db)
		ctx := staff(t, db, viewer.RoleManager)
		im := &importer.Importer{DB: db, Batch: 2}
		x := db.Client.Customer.Create().SetName("Xu").SetEmail("xu@example.com").
			SetCustomFields(map[string]any{"code": "X1", "budget": 10}).SaveX(sys)
		state := func() string {
			var b strings.Builder
			for _, c := range customers(t, db) {
				b.WriteString(c.Name)
				for _, k := range []string{"budget", "code", "since", "tier", "vip"} {
					b.WriteString("," + cust.FormatText(c.CustomFields[k]))
				}
				b.WriteString(";")
			}
			return b.String()
		}
		before := state()

		t.Run("BadValuesWriteNothing", func(t *testing.T) {
			file := "name,email,code,budget,tier,vip,since\n" +
				"Ann,ann@example.com,A1,1200.50,gold,yes,2024-03-01\n" + // good, and written in the first batch
				"Bob,bob@example.com,B1,abc,,,\n" + // line 3
				"Cid,cid@example.com,C1,,bronze,,\n" + // line 4
				"Dee,dee@example.com,D1,,,maybe,\n" + // line 5
				"Eve,eve@example.com,E1,,,,2024-02-30\n" + // line 6
				"Fay,fay@example.com,,5,,,\n" + // line 7: a new customer without code
				"Xu,xu@example.com,,99,silver,,\n" // a duplicate (UPDATE): code may stay empty
			res, err := im.Customers(ctx, strings.NewReader(file), importer.ModeUpdate, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := []importer.RowError{
				{Line: 3, Field: "budget", Code: importer.CodeInvalid},
				{Line: 4, Field: "tier", Code: importer.CodeInvalid},
				{Line: 5, Field: "vip", Code: importer.CodeInvalid},
				{Line: 6, Field: "since", Code: importer.CodeInvalid},
				{Line: 7, Field: "code", Code: importer.CodeRequired},
			}
			if res.Written || len(res.Errors) != len(want) {
				t.Fatalf("result %+v; want %d errors and nothing written", res, len(want))
			}
			for i, w := range want {
				if g := res.Errors[i]; g.Line != w.Line || g.Field != w.Field || g.Code != w.Code || g.Message == "" {
					t.Errorf("error %d = %+v; want %+v", i, g, w)
				}
			}
			if got := state(); got != before {
				t.Fatalf("a refused import changed customers:\n%s\nwas\n%s", got, before)
			}
			if n := db.Client.FieldChange.Query().CountX(sys); n != 0 {
				t.Fatalf("a refused import left %d history rows", n)
			}
		})

		t.Run("ArchivedColumnIsUnknown", func(t *testing.T) {
			_, err := im.Customers(ctx, strings.NewReader("name,code,old\nAnn,A,x\n"), importer.ModeSkip, nil)
			var fe *importer.FileError
			if !errors.As(err, &fe) || fe.Code != "BAD_HEADER" || fe.Field != "old" {
				t.Fatalf("err = %v; want BAD_HEADER on old", err)
			}
		})

		t.Run("GoodFileStoresNormalisedValues", func(t *testing.T) {
			file := "name,email,code,budget,tier,vip,since\n" +
				"Ann,ann@example.com, A1 ,1200.50,gold,是,2024-03-01\n" +
				"Neg,neg@example.com,N1,-5,,no,\n" +
				"Xu,xu@example.com,,20,gold,,\n"
			res, err := im.Customers(ctx, strings.NewReader(file), importer.ModeUpdate, nil)
			if err != nil || !res.Written || res.Created != 2 || res.Updated != 1 {
				t.Fatalf("result %+v, %v", res, err)
			}
			got := map[string]map[string]any{}
			for _, c := range customers(t, db) {
				got[c.Name] = c.CustomFields
			}
			want := map[string]map[string]any{
				"Ann": {"code": "A1", "budget": 1200.5, "tier": "gold", "vip": true, "since": "2024-03-01"},
				"Neg": {"code": "N1", "budget": -5.0, "vip": false},
				"Xu":  {"code": "X1", "budget": 20.0, "tier": "gold"},
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("custom fields %v; want %v", got, want)
			}
			var rows []string
			for _, ch := range db.Client.FieldChange.Query().Where(fieldchange.EntityID(x.ID)).AllX(sys) {
				rows = append(rows, ch.Field+" "+ch.OldValue+" → "+ch.NewValue)
			}
			sort.Strings(rows)
			if w := []string{"custom_fields.budget 10 → 20", `custom_fields.tier null → "gold"`}; !reflect.DeepEqual(rows, w) {
				t.Fatalf("history %q; want %q", rows, w)
			}
		})

		t.Run("ExportHasAColumnPerActiveField", func(t *testing.T) {
			where, err := (&cust.Service{Client: db.Client}).ParseWhere(ctx, []byte(`{"customFields":[{"key":"budget","lt":100}]}`))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			n, err := im.ExportCustomers(ctx, &buf, where, &ent.CustomerOrder{Field: ent.CustomerOrderFieldName, Direction: "ASC"})
			if err != nil || n != 2 {
				t.Fatalf("exported %d, %v", n, err)
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			head := strings.Join(recs[0], ",")
			if !strings.Contains(head, ",external_ref,tier,budget,since,vip,code,credit_rating,") || strings.Contains(head, ",old,") {
				t.Fatalf("header %s", head)
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			got := func(i int, k string) string { return recs[i][col[k]] }
			if got(1, "name") != "Neg" || got(1, "budget") != "-5" || got(1, "vip") != "false" || got(1, "tier") != "" {
				t.Errorf("Neg exported as %v", recs[1])
			}
			if got(2, "name") != "Xu" || got(2, "budget") != "20" || got(2, "code") != "X1" || got(2, "tier") != "gold" {
				t.Errorf("Xu exported as %v", recs[2])
			}
			// The export imports again: same values, nothing changes.
			var again bytes.Buffer
			w := csv.NewWriter(&again)
			keep := []string{"name", "email", "tier", "budget", "since", "vip", "code"}
			w.Write(keep)
			for _, r := range recs[1:] {
				row := make([]string, len(keep))
				for i, k := range keep {
					row[i] = r[col[k]]
				}
				w.Write(row)
			}
			w.Flush()
			res, err := im.Customers(ctx, &again, importer.ModeUpdate, nil)
			if err != nil || !res.Written || res.Updated != 0 || len(res.Errors) != 0 {
				t.Fatalf("re-import: %+v, %v", res, err)
			}
			if n := db.Client.Customer.Query().Where(customer.Name("Neg")).OnlyX(sys).CustomFields["budget"]; n != -5.0 {
				t.Fatalf("budget after re-import: %v", n)
			}
		})
	})
}
