package importer_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// orphans counts, for every column pointing at a customer, the rows that
// point at id.
func orphans(t *testing.T, db *store.DB, id int) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, ref := range importer.CustomerRefs() {
		var n int
		q := fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE %q = %d`, ref.Table, ref.Column, id)
		if err := db.SQL.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			out[ref.Table+"."+ref.Column] = n
		}
	}
	return out
}

func TestMerge_MovesEverythingAndLeavesNoOrphan(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleAdmin)
		sys := auth.System(context.Background())
		c := db.Client
		if refs := importer.CustomerRefs(); len(refs) < 5 {
			t.Fatalf("customer refs %v; want orders, care records, tickets, team, referrals at least", refs)
		}
		mgr := c.User.Create().SetEmail("m@example.com").SetPasswordHash("x").SetRole(user.RoleMANAGER).SaveX(sys)
		spec := c.User.Create().SetEmail("s@example.com").SetPasswordHash("x").SetRole(user.RoleMANAGER).SaveX(sys)
		memberUser := c.User.Create().SetEmail("member@example.com").SetPasswordHash("x").SetRole(user.RoleMEMBER).SaveX(sys)
		keep := c.Customer.Create().SetName("Ann").SetTags([]string{"vip"}).SaveX(sys)
		gone := c.Customer.Create().SetName("Ann L.").SetEmail("ann@example.com").SetPhone("123456").
			SetTags([]string{"vip", "wholesale"}).SetUserID(memberUser.ID).SaveX(sys)
		referred := c.Customer.Create().SetName("Ref").SetReferredByID(gone.ID).SaveX(sys)
		c.Order.Create().SetCustomerID(gone.ID).SetSource("shop").SetExternalID("1").SetAmount(100).SetCurrency("USD").ExecX(sys)
		c.CareRecord.Create().SetCustomerID(gone.ID).SetAuthorID(mgr.ID).SetKind("CALL").ExecX(sys)
		c.Ticket.Create().SetCustomerID(gone.ID).SetTitle("Late").ExecX(sys)
		inv := c.Invoice.Create().SetCustomerID(gone.ID).SetNumber("M-1").SetAmount(100).SetCurrency("USD").
			SetReportingAmount(720).SetDueAt(time.Now()).SaveX(sys)
		c.Payment.Create().SetInvoiceID(inv.ID).SetCustomerID(gone.ID).SetAmount(50).SetReportingAmount(360).SetPaidAt(time.Now()).ExecX(sys)
		c.AccountTeamMember.Create().SetCustomerID(keep.ID).SetUserID(mgr.ID).SetRole("MANAGER").ExecX(sys)
		c.AccountTeamMember.Create().SetCustomerID(gone.ID).SetUserID(mgr.ID).SetRole("MANAGER").ExecX(sys)
		c.AccountTeamMember.Create().SetCustomerID(gone.ID).SetUserID(spec.ID).SetRole("SPECIALIST").ExecX(sys)

		got, err := (&importer.Importer{DB: db}).Merge(ctx, keep.ID, gone.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o := orphans(t, db, gone.ID); len(o) != 0 {
			t.Fatalf("rows still point at the merged customer: %v", o)
		}
		if _, err := c.Customer.Get(sys, gone.ID); !ent.IsNotFound(err) {
			t.Fatalf("merged customer still there: %v", err)
		}
		if got.Email != "ann@example.com" || got.Phone != "123456" || got.Name != "Ann" ||
			fmt.Sprint(got.Tags) != "[vip wholesale]" || got.UserID == nil || *got.UserID != memberUser.ID {
			t.Errorf("kept customer %+v", got)
		}
		want := map[string]int{"orders.customer_id": 1, "care_records.customer_id": 1, "tickets.customer_id": 1, "account_team_members.customer_id": 2,
			"invoices.customer_id": 1, "payments.customer_id": 1}
		have := orphans(t, db, keep.ID)
		for k, n := range want {
			if have[k] != n {
				t.Errorf("%s: %d rows on the kept customer; want %d", k, have[k], n)
			}
		}
		if r := c.Customer.GetX(sys, referred.ID); r.ReferredByID == nil || *r.ReferredByID != keep.ID {
			t.Errorf("referral not moved: %v", r.ReferredByID)
		}
		if n := c.AuditEvent.Query().Where(auditevent.Action("customers.merge"), auditevent.SubjectID(keep.ID)).CountX(sys); n != 1 {
			t.Errorf("%d audit events", n)
		}
	})
}

func TestMerge_Refusals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		sys := auth.System(context.Background())
		im := &importer.Importer{DB: db}
		admin := staff(t, db, viewer.RoleAdmin)
		mgr := staff(t, db, viewer.RoleManager)
		other := db.Client.User.Create().SetEmail("o@example.com").SetPasswordHash("x").SetRole(user.RoleMANAGER).SaveX(sys)
		a := db.Client.Customer.Create().SetName("A").SaveX(sys)
		b := db.Client.Customer.Create().SetName("B").SetOwnerID(other.ID).SaveX(sys)
		pool := db.Client.Customer.Create().SetName("P").SaveX(sys)
		cases := []struct {
			name       string
			ctx        context.Context
			keep, gone int
			code       errs.Code
		}{
			{"Same", admin, a.ID, a.ID, errs.Invalid},
			{"Missing", admin, a.ID, 999999, errs.NotFound},
			{"ManagerNotOnTeam", mgr, a.ID, b.ID, errs.Forbidden},
			{"Marketer", staff(t, db, viewer.RoleMarketer), a.ID, pool.ID, errs.Forbidden},
			{"MemberSeesNothing", staff(t, db, viewer.RoleMember), a.ID, pool.ID, errs.NotFound},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := im.Merge(c.ctx, c.keep, c.gone)
				if code := errs.CodeOf(err); code != c.code && !(c.code == errs.NotFound && ent.IsNotFound(err)) {
					t.Fatalf("err %v (%s); want %s", err, code, c.code)
				}
			})
		}
		if n := db.Client.Customer.Query().CountX(sys); n != 3 {
			t.Fatalf("%d customers left; want 3", n)
		}
		// A manager merges pool accounts.
		if _, err := im.Merge(mgr, a.ID, pool.ID); err != nil {
			t.Fatal(err)
		}
	})
}
