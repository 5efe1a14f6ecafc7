package customer_test

import (
	"context"
	"os"
	"testing"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/fieldchange"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

func ptr[T any](v T) *T { return &v }

func TestUpdate_RecordsHistoryOfEveryChangedField(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		sys := auth.System(context.Background())
		admin := db.Client.User.Create().SetEmail("admin@example.com").SetPasswordHash("x").SetRole("ADMIN").SaveX(sys)
		ctx := viewer.NewContext(context.Background(), viewer.Viewer{UserID: admin.ID, Role: viewer.RoleAdmin})
		s := &customer.Service{Client: db.Client}

		c, err := s.Create(ctx, ent.CreateCustomerInput{Name: "華信貿易", Email: ptr("Info@HuaXin.example"), Region: ptr("華東")})
		if err != nil {
			t.Fatal(err)
		}
		if c.Email != "info@huaxin.example" {
			t.Fatalf("email not normalised: %q", c.Email)
		}
		_, err = s.Update(ctx, c.ID, ent.UpdateCustomerInput{
			Name: ptr("華信貿易有限公司"), Region: ptr("華南"), ClearEmail: true, Tags: []string{"vip", "vip", " wholesale "},
			Industry: ptr("Trade"),
		})
		if err != nil {
			t.Fatal(err)
		}
		changes := db.Client.FieldChange.Query().Where(fieldchange.EntityID(c.ID)).Order(ent.Asc(fieldchange.FieldField)).AllX(ctx)
		want := map[string][2]string{
			"email":    {`"info@huaxin.example"`, "null"},
			"industry": {`""`, `"Trade"`},
			"name":     {`"華信貿易"`, `"華信貿易有限公司"`},
			"region":   {`"華東"`, `"華南"`},
			"tags":     {"[]", `["vip","wholesale"]`},
		}
		if len(changes) != len(want) {
			t.Fatalf("got %d changes %+v; want %d", len(changes), changes, len(want))
		}
		for _, ch := range changes {
			w, ok := want[ch.Field]
			if !ok || ch.OldValue != w[0] || ch.NewValue != w[1] || ch.ActorID == nil || *ch.ActorID != admin.ID || ch.EntityType != "Customer" {
				t.Errorf("change %s: %s → %s by %v; want %s → %s by %d", ch.Field, ch.OldValue, ch.NewValue, ch.ActorID, w[0], w[1], admin.ID)
			}
		}
	})
}

func TestUpdate_ManagerWritesOnlyTeamAndPool(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		sys := auth.System(context.Background())
		mgr := db.Client.User.Create().SetEmail("m1@example.com").SetPasswordHash("x").SetRole("MANAGER").SaveX(sys)
		other := db.Client.User.Create().SetEmail("m2@example.com").SetPasswordHash("x").SetRole("MANAGER").SaveX(sys)
		own := db.Client.Customer.Create().SetName("Own").SetOwnerID(mgr.ID).SaveX(sys)
		team := db.Client.Customer.Create().SetName("Team").SetOwnerID(other.ID).SaveX(sys)
		db.Client.AccountTeamMember.Create().SetCustomerID(team.ID).SetUserID(mgr.ID).SetRole("SPECIALIST").ExecX(sys)
		pool := db.Client.Customer.Create().SetName("Pool").SaveX(sys)
		foreign := db.Client.Customer.Create().SetName("Foreign").SetOwnerID(other.ID).SaveX(sys)

		ctx := viewer.NewContext(context.Background(), viewer.Viewer{UserID: mgr.ID, Role: viewer.RoleManager})
		s := &customer.Service{Client: db.Client}
		for _, c := range []struct {
			name string
			id   int
			code errs.Code
		}{
			{"Owned", own.ID, ""},
			{"OnTeam", team.ID, ""},
			{"InPool", pool.ID, ""},
			{"SomeoneElses", foreign.ID, errs.Forbidden},
			{"Missing", foreign.ID + 1000, errs.NotFound},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.Update(ctx, c.id, ent.UpdateCustomerInput{Region: ptr("西南")})
				if c.code == "" && err != nil {
					t.Fatalf("Update: %v", err)
				}
				if c.code != "" {
					if got := codeOf(err); got != c.code {
						t.Fatalf("Update = %v (%s); want %s", err, got, c.code)
					}
				}
			})
		}
		if got := db.Client.Customer.GetX(sys, foreign.ID); got.Region != "" {
			t.Fatalf("forbidden update changed the customer: %q", got.Region)
		}
		if n := db.Client.FieldChange.Query().Where(fieldchange.EntityID(foreign.ID)).CountX(sys); n != 0 {
			t.Fatalf("forbidden update left %d history rows", n)
		}
	})
}

func codeOf(err error) errs.Code {
	if ent.IsNotFound(err) {
		return errs.NotFound
	}
	return errs.CodeOf(err)
}
