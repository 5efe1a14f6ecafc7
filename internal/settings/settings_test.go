package settings_test

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"testing"

	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

func ptr(s string) *string { return &s }

func TestSettings_UpdateValidatesAndAudits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := &settings.Store{Client: db.Client}
		admin := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 1, Role: viewer.RoleAdmin})
		marketer := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 2, Role: viewer.RoleMarketer})

		got, err := s.Get(admin)
		if err != nil || !reflect.DeepEqual(got, settings.Defaults) {
			t.Fatalf("Get on empty store = %+v, %v; want defaults", got, err)
		}
		cases := []struct {
			name  string
			ctx   context.Context
			patch settings.Patch
			code  errs.Code
			field string
		}{
			{"NotAdmin", marketer, settings.Patch{TimeZone: ptr("Europe/London")}, errs.Forbidden, ""},
			{"BadCurrency", admin, settings.Patch{ReportingCurrency: ptr("yuan")}, errs.Invalid, "reportingCurrency"},
			{"BadZone", admin, settings.Patch{TimeZone: ptr("Mars/Olympus")}, errs.Invalid, "timeZone"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.Update(c.ctx, c.patch)
				e, ok := errs.As(err)
				if !ok || e.Code != c.code || e.Field != c.field {
					t.Fatalf("Update = %v; want code %s field %q", err, c.code, c.field)
				}
			})
		}
		if got, _ := s.Get(admin); !reflect.DeepEqual(got, settings.Defaults) {
			t.Fatalf("failed updates changed settings: %+v", got)
		}
		got, err = s.Update(admin, settings.Patch{ReportingCurrency: ptr("USD"), TimeZone: ptr("Europe/London")})
		if err != nil || got.ReportingCurrency != "USD" || got.TimeZone != "Europe/London" {
			t.Fatalf("Update = %+v, %v", got, err)
		}
		n, err := db.Client.AuditEvent.Query().Count(admin)
		if err != nil || n != 1 {
			t.Fatalf("audit events = %d, %v; want 1", n, err)
		}
	})
}

func TestSettings_SecretIsGeneratedOnceAndShared(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := &settings.Store{Client: db.Client}
		b := &settings.Store{Client: db.Client} // a second replica
		s1, err := a.Secret(ctx, "")
		if err != nil || len(s1) != 32 {
			t.Fatalf("Secret = %x, %v", s1, err)
		}
		s2, err := b.Secret(ctx, "")
		if err != nil || !bytes.Equal(s1, s2) {
			t.Fatalf("replicas disagree: %x vs %x (%v)", s1, s2, err)
		}
		if _, err := a.Secret(ctx, "short"); err == nil {
			t.Fatal("a short configured secret was accepted")
		}
		conf := "0123456789abcdef0123456789abcdef"
		if s, _ := a.Secret(ctx, conf); string(s) != conf {
			t.Fatal("configured secret not used")
		}
	})
}
