package importer

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/migrate"
	"github.com/kith-crm/kith/ent/pointsbalance"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/viewer"
)

// CustomerRef is one column that points at a customer.
type CustomerRef struct{ Table, Column string }

// CustomerRefs lists every column of the schema that holds a customer's id:
// each foreign key into customers, and each column named customer_id. Merge
// moves them all, so a table added later (a points ledger, invoices) is
// moved without changes here; a table whose rows cannot simply move (a
// unique customer_id) needs an entry in mergeSpecial.
func CustomerRefs() []CustomerRef {
	seen := map[CustomerRef]bool{}
	var out []CustomerRef
	add := func(t *schema.Table, c *schema.Column) {
		r := CustomerRef{t.Name, c.Name}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, t := range migrate.Tables {
		for _, fk := range t.ForeignKeys {
			if fk.RefTable != nil && fk.RefTable.Name == migrate.CustomersTable.Name && len(fk.Columns) == 1 {
				add(t, fk.Columns[0])
			}
		}
		for _, c := range t.Columns {
			if c.Name == "customer_id" {
				add(t, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Table+out[i].Column < out[j].Table+out[j].Column })
	return out
}

// mergeSpecial moves the rows of the columns that a plain UPDATE cannot.
// Each runs before the plain moves and returns how many rows it moved.
var mergeSpecial = map[CustomerRef]func(ctx context.Context, tx *ent.Tx, keep, gone *ent.Customer) (int, error){
	// A user is on a team once: the merged customer's team members who are
	// already on the kept customer's team are dropped, the others move.
	{"account_team_members", "customer_id"}: func(ctx context.Context, tx *ent.Tx, keep, gone *ent.Customer) (int, error) {
		on, err := tx.AccountTeamMember.Query().Where(accountteammember.CustomerID(keep.ID)).
			Select(accountteammember.FieldUserID).Ints(ctx)
		if err != nil {
			return 0, err
		}
		if _, err := tx.AccountTeamMember.Delete().Where(accountteammember.CustomerID(gone.ID), accountteammember.UserIDIn(on...)).Exec(ctx); err != nil {
			return 0, err
		}
		return tx.AccountTeamMember.Update().Where(accountteammember.CustomerID(gone.ID)).SetCustomerID(keep.ID).Save(ctx)
	},
	{"customers", "referred_by_id"}:    moveReferrals,
	{"points_balances", "customer_id"}: movePoints,
}

// movePoints adds the merged customer's points to the kept customer's
// balance (one balance row per customer); their ledger entries move as
// plain rows, so the ledger still sums to the balance.
func movePoints(ctx context.Context, tx *ent.Tx, keep, gone *ent.Customer) (int, error) {
	b, err := tx.PointsBalance.Query().Where(pointsbalance.CustomerID(gone.ID)).Only(ctx)
	if ent.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	err = tx.PointsBalance.Create().SetCustomerID(keep.ID).SetBalance(b.Balance).
		OnConflictColumns(pointsbalance.FieldCustomerID).AddBalance(b.Balance).UpdateUpdatedAt().Exec(ctx)
	if err != nil {
		return 0, err
	}
	return 1, tx.PointsBalance.DeleteOne(b).Exec(ctx)
}

// moveReferrals points the merged customer's referrals at the kept one; the
// kept customer never refers itself.
func moveReferrals(ctx context.Context, tx *ent.Tx, keep, gone *ent.Customer) (int, error) {
	stx, err := store.SQLTx(tx)
	if err != nil {
		return 0, err
	}
	res, err := stx.ExecContext(ctx, "UPDATE customers SET referred_by_id = NULL WHERE id = $1 AND referred_by_id = $2", keep.ID, gone.ID)
	if err != nil {
		return 0, err
	}
	res, err = stx.ExecContext(ctx, "UPDATE customers SET referred_by_id = $1 WHERE referred_by_id = $2", keep.ID, gone.ID)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Merge moves everything of customer mergeID to keepID and deletes mergeID,
// in one transaction: every row pointing at it (orders, care records,
// tickets, team members without repeats, referrals, and whatever CustomerRefs
// finds), the union of the tags, the kept customer's empty fields filled from
// the merged one (recorded in its history), and the member account when the
// kept customer has none. Audited as customers.merge.
//
// NOT_FOUND when the viewer may not see either customer, BAD_USER_INPUT when
// they are the same, FORBIDDEN for someone who may not write both (admins
// may; account managers on accounts of their team and the pool).
func (im *Importer) Merge(ctx context.Context, keepID, mergeID int) (*ent.Customer, error) {
	v := viewer.FromContext(ctx)
	if keepID == mergeID {
		return nil, errs.Field("mergeId", "a customer cannot be merged into itself")
	}
	c := im.DB.Client
	keep, err := c.Customer.Get(ctx, keepID)
	if err != nil {
		return nil, err
	}
	gone, err := c.Customer.Get(ctx, mergeID)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() && v.Role != viewer.RoleManager {
		return nil, errs.E(errs.Forbidden, "only admins and account managers merge customers")
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	if !v.IsAdmin() {
		for _, cu := range []*ent.Customer{keep, gone} {
			ok, err := mayWrite(sys, c, v, cu)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, errs.E(errs.Forbidden, "you may not change customer %d", cu.ID)
			}
		}
	}

	tx, err := c.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stx, err := store.SQLTx(tx)
	if err != nil {
		return nil, err
	}
	moved := map[string]any{}
	for _, ref := range CustomerRefs() {
		if f, ok := mergeSpecial[ref]; ok {
			n, err := f(sys, tx, keep, gone)
			if err != nil {
				return nil, fmt.Errorf("merge: moving %s: %w", ref.Table, err)
			}
			moved[ref.Table] = n
			continue
		}
		q := fmt.Sprintf("UPDATE %s SET %s = $1 WHERE %s = $2", quoteIdent(ref.Table), quoteIdent(ref.Column), quoteIdent(ref.Column))
		res, err := stx.ExecContext(ctx, q, keep.ID, gone.ID)
		if err != nil {
			return nil, fmt.Errorf("merge: moving %s.%s: %w", ref.Table, ref.Column, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			moved[ref.Table] = n
		}
	}
	// The member account is unique: free it before the kept customer takes it.
	takeUser := keep.UserID == nil && gone.UserID != nil
	if takeUser {
		if _, err := stx.ExecContext(ctx, "UPDATE customers SET user_id = NULL WHERE id = $1", gone.ID); err != nil {
			return nil, err
		}
	}
	u := tx.Customer.UpdateOneID(keep.ID)
	if fillFrom(u, keep, gone, takeUser) {
		if _, err := u.Save(sys); err != nil {
			return nil, fmt.Errorf("merge: filling fields: %w", err)
		}
	}
	if err := tx.Customer.DeleteOneID(gone.ID).Exec(sys); err != nil {
		return nil, fmt.Errorf("merge: deleting customer %d: %w", gone.ID, err)
	}
	if err := audit.Record(ctx, tx.Client(), "customers.merge", "Customer", keep.ID, map[string]any{
		"mergedId": gone.ID, "mergedName": gone.Name, "moved": moved,
	}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return c.Customer.Get(ctx, keep.ID)
}

// fillFrom sets on u the kept customer's empty fields from gone and the
// union of the tags; false when nothing changes.
func fillFrom(u *ent.CustomerUpdateOne, keep, gone *ent.Customer, takeUser bool) bool {
	changed := false
	str := func(k, g string, set func(string) *ent.CustomerUpdateOne) {
		if k == "" && g != "" {
			set(g)
			changed = true
		}
	}
	str(keep.Email, gone.Email, u.SetEmail)
	str(keep.Phone, gone.Phone, u.SetPhone)
	str(keep.Address, gone.Address, u.SetAddress)
	str(keep.Region, gone.Region, u.SetRegion)
	str(keep.LegalRepresentative, gone.LegalRepresentative, u.SetLegalRepresentative)
	str(keep.Occupation, gone.Occupation, u.SetOccupation)
	str(keep.Industry, gone.Industry, u.SetIndustry)
	str(keep.CompanySize, gone.CompanySize, u.SetCompanySize)
	str(keep.ServiceArea, gone.ServiceArea, u.SetServiceArea)
	str(keep.SalesCapacity, gone.SalesCapacity, u.SetSalesCapacity)
	str(keep.GrowthPotential, gone.GrowthPotential, u.SetGrowthPotential)
	str(keep.BusinessStatus, gone.BusinessStatus, u.SetBusinessStatus)
	str(keep.PaymentBehaviour, gone.PaymentBehaviour, u.SetPaymentBehaviour)
	str(keep.OpenIssues, gone.OpenIssues, u.SetOpenIssues)
	str(keep.CreditRating, gone.CreditRating, u.SetCreditRating)
	str(keep.ExternalRef, gone.ExternalRef, u.SetExternalRef)
	if keep.FoundedOn == nil && gone.FoundedOn != nil {
		u.SetFoundedOn(*gone.FoundedOn)
		changed = true
	}
	if keep.OwnerID == nil && gone.OwnerID != nil {
		u.SetOwnerID(*gone.OwnerID)
		changed = true
	}
	if keep.ReferredByID == nil && gone.ReferredByID != nil && *gone.ReferredByID != keep.ID {
		u.SetReferredByID(*gone.ReferredByID)
		changed = true
	}
	if takeUser {
		u.SetUserID(*gone.UserID)
		changed = true
	}
	if tags, ok := union(keep.Tags, gone.Tags); ok {
		u.SetTags(tags)
		changed = true
	}
	if ints, ok := union(keep.Interests, gone.Interests); ok {
		u.SetInterests(ints)
		changed = true
	}
	if len(gone.CustomFields) > 0 {
		m := map[string]any{}
		for k, v := range gone.CustomFields {
			m[k] = v
		}
		for k, v := range keep.CustomFields {
			m[k] = v
		}
		if len(m) != len(keep.CustomFields) {
			u.SetCustomFields(m)
			changed = true
		}
	}
	return changed
}

// union returns a followed by b's values a lacks; ok when b added any.
func union(a, b []string) ([]string, bool) {
	seen := map[string]bool{}
	out := append([]string{}, a...)
	for _, s := range a {
		seen[s] = true
	}
	for _, s := range b {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, len(out) > len(a)
}

// mayWrite repeats the Customer write rule for an account manager: accounts
// they own or serve on the team of, and the pool (no owner).
func mayWrite(ctx context.Context, c *ent.Client, v viewer.Viewer, cu *ent.Customer) (bool, error) {
	if cu.OwnerID == nil || *cu.OwnerID == v.UserID {
		return true, nil
	}
	return c.AccountTeamMember.Query().Where(accountteammember.CustomerID(cu.ID), accountteammember.UserID(v.UserID)).Exist(ctx)
}

// quoteIdent quotes a table or column name from the schema (never user input).
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
