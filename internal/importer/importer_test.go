package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/fieldchange"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

var userSeq int

// staff returns a context acting as a new user of role.
func staff(t testing.TB, db *store.DB, role viewer.Role) context.Context {
	t.Helper()
	sys := auth.System(context.Background())
	userSeq++
	u := db.Client.User.Create().SetEmail(fmt.Sprintf("staff%d@example.com", userSeq)).
		SetPasswordHash("x").SetRole(user.Role(role)).SaveX(sys)
	return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: role})
}

func customers(t *testing.T, db *store.DB) []*ent.Customer {
	t.Helper()
	return db.Client.Customer.Query().Order(ent.Asc(customer.FieldID)).AllX(auth.System(context.Background()))
}

func TestCustomers_OneBadRowWritesNothingAndEveryBadRowIsReported(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleAdmin)
		im := &importer.Importer{DB: db, Batch: 2}
		csv := "name,email,kind,phone\n" +
			"Ann,ann@example.com,PERSON,\n" +
			",nobody@example.com,,\n" + // line 3: no name
			"Bob,bob@example.com,PERSON,\n" +
			"Cid,not-an-email,PERSON,\n" + // line 5
			"Dee,dee@example.com,ROBOT,\n" + // line 6
			"Eve,eve@example.com\n" + // line 7: too few fields
			"Fay,fay@example.com,PERSON,\n" +
			"Gus \"the\" Bus,gus@example.com,PERSON,\n" // line 9: a bare quote
		res, err := im.Customers(ctx, strings.NewReader(csv), importer.ModeSkip, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []importer.RowError{
			{Line: 3, Field: "name", Code: importer.CodeRequired},
			{Line: 5, Field: "email", Code: importer.CodeInvalid},
			{Line: 6, Field: "kind", Code: importer.CodeInvalid},
			{Line: 7, Code: importer.CodeBadRow},
			{Line: 9, Code: importer.CodeBadRow},
		}
		if res.Written || res.ErrorCount != len(want) || len(res.Errors) != len(want) {
			t.Fatalf("result %+v; want %d errors and nothing written", res, len(want))
		}
		for i, w := range want {
			g := res.Errors[i]
			if g.Line != w.Line || g.Field != w.Field || g.Code != w.Code || g.Message == "" {
				t.Errorf("error %d = %+v; want %+v", i, g, w)
			}
		}
		if n := len(customers(t, db)); n != 0 {
			t.Fatalf("%d customers written; want none", n)
		}
	})
}

func TestCustomers_ImportsValidFile(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleManager)
		im := &importer.Importer{DB: db, Batch: 2}
		csv := "\uFEFFname,email,region,tags,address\n" +
			"華信貿易,Info@HuaXin.example,華東,vip; wholesale,\"Line 1\nLine 2\"\n" +
			"Bob,,,,\n" +
			"\"=cmd|' /C calc'!A0\",,,,\n"
		res, err := im.Customers(ctx, strings.NewReader(csv), importer.ModeSkip, nil)
		if err != nil || !res.Written || res.Created != 3 {
			t.Fatalf("res %+v err %v", res, err)
		}
		cs := customers(t, db)
		if cs[0].Email != "info@huaxin.example" || cs[0].Address != "Line 1\nLine 2" || strings.Join(cs[0].Tags, ",") != "vip,wholesale" {
			t.Errorf("first customer %+v", cs[0])
		}
		// Formula-like values are stored as they are; export neutralises them.
		if cs[2].Name != "=cmd|' /C calc'!A0" || cs[2].RiskLevel != customer.RiskLevelNORMAL || cs[2].CreatedAt.IsZero() || cs[2].Kind != customer.KindPERSON {
			t.Errorf("third customer %+v", cs[2])
		}
	})
}

func TestCustomers_RefusesBadFiles(t *testing.T) {
	long := "name\n\"" + strings.Repeat("x", 10<<20) + "\"\n"
	cases := []struct {
		name, csv, code string
	}{
		{"GBK", "name,region\n\xbb\xaa\xd0\xc5,\xbb\xaa\xb6\xab\n", "NOT_UTF8"},
		{"Latin1Header", "n\xe9me\nBob\n", "NOT_UTF8"},
		{"MissingHeader", "Bob,bob@example.com\n", "MISSING_HEADER"},
		{"UnknownColumn", "name,shoe_size\nBob,44\n", "BAD_HEADER"},
		{"Empty", "", "MISSING_HEADER"},
		{"TenMegabyteLine", long, "ROW_TOO_LONG"},
		{"TenMegabyteUnquoted", "name\n" + strings.Repeat("y", 10<<20) + "\n", "ROW_TOO_LONG"},
	}
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleAdmin)
		im := &importer.Importer{DB: db}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := im.Customers(ctx, strings.NewReader(c.csv), importer.ModeSkip, nil)
				var fe *importer.FileError
				if !errors.As(err, &fe) || fe.Code != c.code || fe.Message == "" {
					t.Fatalf("err %v; want a file error %s", err, c.code)
				}
				if c.code == "NOT_UTF8" && fe.Message != "file is not UTF-8 (save as UTF-8)" {
					t.Errorf("message %q", fe.Message)
				}
			})
		}
		if n := len(customers(t, db)); n != 0 {
			t.Fatalf("%d customers written", n)
		}
	})
}

func TestCustomers_MembersAndMarketersMayNotImport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		im := &importer.Importer{DB: db}
		for _, role := range []viewer.Role{viewer.RoleMember, viewer.RoleMarketer} {
			_, err := im.Customers(staff(t, db, role), strings.NewReader("name\nBob\n"), importer.ModeSkip, nil)
			if errs.CodeOf(err) != errs.Forbidden {
				t.Errorf("%s: err %v; want FORBIDDEN", role, err)
			}
		}
		_, err := im.Customers(context.Background(), strings.NewReader("name\nBob\n"), importer.ModeSkip, nil)
		if errs.CodeOf(err) != errs.Unauthenticated {
			t.Errorf("anonymous: %v", err)
		}
	})
}

func TestCustomers_Duplicates(t *testing.T) {
	// The database holds one customer; each case's file has one row that
	// duplicates it by one rule, or two rows duplicating each other.
	existing := "name,email,phone,region,kind\nAnn,ann@example.com,+86 21 5555 0101,East,ORGANISATION\n"
	cases := []struct {
		name, rows string
		inFile     bool
		field      string
	}{
		{"EmailInDB", "Someone,ANN@example.com,,\n", false, "email"},
		{"PhoneInDB", "Someone,,(86) 21-5555-0101,\n", false, "phone"},
		{"NameRegionInDB", " ann ,,,east\n", false, "name"},
		{"EmailInFile", "X,x@example.com,,\nY,X@Example.com,,\n", true, "email"},
		{"PhoneInFile", "X,,139 0000 1111,\nY,,13900001111,\n", true, "phone"},
		{"NameRegionInFile", "Zed,,,North\nzed,,,north\n", true, "name"},
	}
	modes := []importer.Mode{importer.ModeSkip, importer.ModeUpdate, importer.ModeStop}
	for _, c := range cases {
		for _, mode := range modes {
			t.Run(c.name+"/"+string(mode), func(t *testing.T) {
				testdb.Each(t, func(t *testing.T, db *store.DB) {
					ctx := staff(t, db, viewer.RoleAdmin)
					im := &importer.Importer{DB: db}
					if _, err := im.Customers(ctx, strings.NewReader(existing), importer.ModeStop, nil); err != nil {
						t.Fatal(err)
					}
					res, err := im.Customers(ctx, strings.NewReader("name,email,phone,region\n"+c.rows), mode, nil)
					if err != nil {
						t.Fatal(err)
					}
					if res.Duplicates != 1 {
						t.Fatalf("duplicates %d; want 1 (%+v)", res.Duplicates, res)
					}
					lines := strings.Count(c.rows, "\n")
					all := customers(t, db)
					switch {
					case mode == importer.ModeStop:
						if res.Written || res.ErrorCount != 1 || res.Errors[0].Code != importer.CodeDuplicate ||
							res.Errors[0].Field != c.field || res.Errors[0].Line != lines+1 {
							t.Fatalf("stop: %+v", res)
						}
						if len(all) != 1 {
							t.Fatalf("stop wrote %d customers", len(all)-1)
						}
					case c.inFile:
						// The first row wins in SKIP and UPDATE.
						if !res.Written || res.Created != 1 || res.Skipped != 1 || len(all) != 2 {
							t.Fatalf("%+v, %d customers", res, len(all))
						}
					case mode == importer.ModeSkip:
						if !res.Written || res.Skipped != 1 || res.Created != 0 || len(all) != 1 || all[0].Name != "Ann" {
							t.Fatalf("%+v, %+v", res, all)
						}
					case mode == importer.ModeUpdate:
						if !res.Written || res.Updated != 1 || len(all) != 1 {
							t.Fatalf("%+v, %d customers", res, len(all))
						}
						// The row's non-empty values were written and kept in the history.
						h := db.Client.FieldChange.Query().Where(fieldchange.EntityID(all[0].ID)).AllX(auth.System(ctx))
						if len(h) == 0 {
							t.Fatal("no history for the update")
						}
						for _, ch := range h {
							if ch.ActorID == nil || ch.EntityType != "Customer" || ch.OldValue == ch.NewValue {
								t.Errorf("change %+v", ch)
							}
						}
						if c.name == "EmailInDB" && all[0].Name != "Someone" {
							t.Errorf("name not updated: %q", all[0].Name)
						}
						if all[0].Kind != customer.KindORGANISATION {
							t.Errorf("kind changed to %s though the file has no kind column", all[0].Kind)
						}
					}
				})
			})
		}
	}
}

func TestOrders_ReimportChangesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleAdmin)
		im := &importer.Importer{DB: db, Batch: 2}
		if _, err := im.Customers(ctx, strings.NewReader("name,email\nAnn,ann@example.com\nBob,bob@example.com\n"), importer.ModeStop, nil); err != nil {
			t.Fatal(err)
		}
		bob := customers(t, db)[1]
		orders := "source,external_id,customer_email,customer_id,amount,currency,ordered_at\n" +
			"shop,1,ANN@example.com,,1250,usd,2024-05-01\n" +
			fmt.Sprintf("shop,2,,%d,990,USD,2024-05-02T10:00:00Z\n", bob.ID) +
			"pos,1,bob@example.com,,100,CNY,\n" +
			"shop,1,ann@example.com,,1250,USD,2024-05-01\n" // the same order twice in one file
		res, err := im.Orders(ctx, strings.NewReader(orders), nil)
		if err != nil || !res.Written || res.Created != 3 || res.AlreadyPresent != 1 {
			t.Fatalf("first import: %+v %v", res, err)
		}
		res, err = im.Orders(ctx, strings.NewReader(orders), nil)
		if err != nil || !res.Written || res.Created != 0 || res.AlreadyPresent != 4 {
			t.Fatalf("second import: %+v %v", res, err)
		}
		if n := db.Client.Order.Query().CountX(auth.System(ctx)); n != 3 {
			t.Fatalf("%d orders; want 3", n)
		}
	})
}

func TestOrders_BadRowsWriteNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleAdmin)
		im := &importer.Importer{DB: db, Batch: 2}
		if _, err := im.Customers(ctx, strings.NewReader("name,email\nAnn,ann@example.com\n"), importer.ModeStop, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := im.Orders(ctx, strings.NewReader("source,external_id,customer_email,amount,currency\nshop,9,ann@example.com,5,USD\n"), nil); err != nil {
			t.Fatal(err)
		}
		orders := "source,external_id,customer_email,amount,currency,ordered_at\n" +
			"shop,1,ann@example.com,1250,USD,\n" +
			"shop,2,ghost@example.com,1,USD,\n" + // line 3: no such customer
			"shop,3,ann@example.com,12.50,USD,\n" + // line 4: not minor units
			"shop,4,ann@example.com,1,DOLLARS,\n" + // line 5
			",5,ann@example.com,1,USD,\n" + // line 6
			"shop,9,ann@example.com,6,USD,\n" + // line 7: conflicts with the stored order
			"shop,6,ann@example.com,1,USD,yesterday\n" // line 8
		res, err := im.Orders(ctx, strings.NewReader(orders), nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			line        int
			field, code string
		}{{3, "customer_email", importer.CodeNotFound}, {4, "amount", importer.CodeInvalid}, {5, "currency", importer.CodeInvalid},
			{6, "source", importer.CodeRequired}, {7, "external_id", importer.CodeConflict}, {8, "ordered_at", importer.CodeInvalid}}
		if res.Written || len(res.Errors) != len(want) {
			t.Fatalf("%+v", res)
		}
		for i, w := range want {
			if e := res.Errors[i]; e.Line != w.line || e.Field != w.field || e.Code != w.code {
				t.Errorf("error %d = %+v; want %+v", i, e, w)
			}
		}
		if n := db.Client.Order.Query().CountX(auth.System(ctx)); n != 1 {
			t.Fatalf("%d orders; want the 1 from before", n)
		}
	})
}

// TestOrders_CategoryMayNotHoldTheSeparator: the recompute joins a
// customer's categories with the unit separator, so no category holds one.
func TestOrders_CategoryMayNotHoldTheSeparator(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleAdmin)
		im := &importer.Importer{DB: db, Batch: 2}
		if _, err := im.Customers(ctx, strings.NewReader("name,email\nAnn,ann@example.com\n"), importer.ModeStop, nil); err != nil {
			t.Fatal(err)
		}
		orders := "source,external_id,customer_email,amount,currency,product_category\n" +
			"shop,1,ann@example.com,1250,USD,tea\n" +
			"shop,2,ann@example.com,1250,USD,tea\x1fcups\n" // line 3
		res, err := im.Orders(ctx, strings.NewReader(orders), nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Written || len(res.Errors) != 1 || res.Errors[0].Line != 3 || res.Errors[0].Field != "product_category" || res.Errors[0].Code != importer.CodeInvalid {
			t.Fatalf("%+v", res)
		}
		if n := db.Client.Order.Query().CountX(auth.System(ctx)); n != 0 {
			t.Fatalf("%d orders written", n)
		}
	})
}

func TestCustomers_ErrorReportIsCapped(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleAdmin)
		var b bytes.Buffer
		b.WriteString("name,email\n")
		for i := range 1500 {
			fmt.Fprintf(&b, "P%d,bad%d\n", i, i)
		}
		res, err := (&importer.Importer{DB: db}).Customers(ctx, &b, importer.ModeSkip, nil)
		if err != nil || res.ErrorCount != 1500 || len(res.Errors) != importer.MaxErrors || res.Written {
			t.Fatalf("%d errors listed of %d, %v", len(res.Errors), res.ErrorCount, err)
		}
	})
}

// counting counts the bytes read from it.
type counting struct {
	r io.Reader
	n int
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestCustomers_TenMegabyteLineIsRefusedAfterReadingLittle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleAdmin)
		for _, quoted := range []bool{false, true} {
			line := strings.Repeat("y", 10<<20)
			if quoted {
				line = `"` + strings.Repeat("y\n", 5<<20) + `"`
			}
			in := &counting{r: strings.NewReader("name\nAnn\n" + line + "\nBob\n")}
			_, err := (&importer.Importer{DB: db}).Customers(ctx, in, importer.ModeSkip, nil)
			var fe *importer.FileError
			if !errors.As(err, &fe) || fe.Code != "ROW_TOO_LONG" || fe.Line != 3 {
				t.Fatalf("quoted %v: %v", quoted, err)
			}
			// The reader stopped soon after the limit: memory stays bounded.
			if in.n > importer.MaxRecordBytes+64<<10 {
				t.Errorf("quoted %v: read %d bytes of a 10 MB line", quoted, in.n)
			}
		}
	})
}
