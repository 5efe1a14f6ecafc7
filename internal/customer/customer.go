// Package customer holds the rules of the customer file (客戶資料卡).
package customer

import (
	"github.com/kith-crm/kith/internal/batch"
	"github.com/kith-crm/kith/internal/settings"
	"sync"

	"context"
	"encoding/json"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// Service creates and edits customers. Field changes are recorded by the
// history hook in the same transaction.
type Service struct {
	Client *ent.Client
	Now    func() time.Time
	// Settings give the time zone periods are cut in; nil reads them
	// through Client.
	Settings *settings.Store

	once          sync.Once
	contributions *batch.Loader[contributionKey, []orderRow]
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func customerID(id int) predicate.Customer { return customer.ID(id) }

func validEmail(field string, email *string) error {
	if email == nil || *email == "" {
		return nil
	}
	a, err := mail.ParseAddress(*email)
	if err != nil || a.Address != *email {
		return errs.Field(field, "not a valid e-mail address")
	}
	*email = strings.ToLower(*email)
	return nil
}

func cleanTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// Create adds a customer; admins and account managers may.
func (s *Service) Create(ctx context.Context, in ent.CreateCustomerInput) (*ent.Customer, error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return nil, errs.Field("name", "name is required")
	}
	if err := validEmail("email", in.Email); err != nil {
		return nil, err
	}
	in.Tags = cleanTags(in.Tags)
	// Who may create is checked before the custom fields, so a caller who
	// may not learns nothing of which fields are required.
	if err := mayCreate(ctx); err != nil {
		return nil, err
	}
	fs, err := LoadFieldSet(ctx, s.Client)
	if err != nil {
		return nil, err
	}
	cf, err := fs.Apply(nil, in.CustomFields, true)
	if err != nil {
		return nil, err
	}
	in.CustomFields = nil
	if len(cf) > 0 {
		in.CustomFields = cf
	}
	return s.Client.Customer.Create().SetInput(in).Save(ctx)
}

// mayCreate repeats the Customer create rule: admins and account managers
// (and Kith itself).
func mayCreate(ctx context.Context) error {
	if d, ok := privacy.DecisionFromContext(ctx); ok && d == nil { // Allow reads back as nil
		return nil
	}
	v := viewer.FromContext(ctx)
	switch {
	case !v.Authenticated():
		return errs.E(errs.Unauthenticated, "sign in first")
	case !v.IsAdmin() && v.Role != viewer.RoleManager:
		return errs.E(errs.Forbidden, "only admins and account managers add customers")
	}
	return nil
}

// Update edits a customer. NOT_FOUND when the viewer may not see it;
// FORBIDDEN when they may see but not change it (a manager and an account
// outside their team and the pool).
func (s *Service) Update(ctx context.Context, id int, in ent.UpdateCustomerInput) (*ent.Customer, error) {
	if in.Name != nil {
		*in.Name = strings.TrimSpace(*in.Name)
		if *in.Name == "" {
			return nil, errs.Field("name", "name must not be empty")
		}
	}
	if err := validEmail("email", in.Email); err != nil {
		return nil, err
	}
	if in.Tags != nil {
		in.Tags = cleanTags(in.Tags)
	}
	if _, err := s.Client.Customer.Get(ctx, id); err != nil {
		return nil, err
	}
	if !viewer.FromContext(ctx).IsStaff() {
		return nil, errs.E(errs.Forbidden, "you may not change this customer")
	}
	var fs *FieldSet
	if in.CustomFields != nil || in.ClearCustomFields {
		var err error
		if fs, err = LoadFieldSet(ctx, s.Client); err != nil {
			return nil, err
		}
	}
	return updateOne(ctx, s.Client, func(tx *ent.Tx) (*ent.Customer, error) {
		if fs != nil {
			if err := patchCustomFields(ctx, tx, fs, id, &in); err != nil {
				return nil, err
			}
		}
		return tx.Customer.UpdateOneID(id).SetInput(in).Save(ctx)
	})
}

// patchCustomFields turns the input's customFields, a patch (keys given are
// set, null removes one, others are kept), and clearCustomFields (remove
// every value) into the whole new value, checked against fs. It reads the
// customer's values in tx, locking the row on PostgreSQL, so two edits of
// different fields at once both survive. (SQLite's write transactions hold
// the database lock from their start.)
func patchCustomFields(ctx context.Context, tx *ent.Tx, fs *FieldSet, id int, in *ent.UpdateCustomerInput) error {
	rows, err := tx.Customer.Query().Where(customer.ID(id)).Unique(false).Modify(func(s *sql.Selector) {
		s.Select(fmt.Sprintf("COALESCE(CAST(%s AS TEXT), '')", s.C(customer.FieldCustomFields)))
		if s.Dialect() == dialect.Postgres {
			s.For(sql.LockNoKeyUpdate)
		}
	}).Strings(ctx)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return &ent.NotFoundError{}
	}
	var old map[string]any
	if rows[0] != "" {
		if err := json.Unmarshal([]byte(rows[0]), &old); err != nil {
			return fmt.Errorf("customer %d: reading custom fields: %w", id, err)
		}
	}
	patch := map[string]any{}
	if in.ClearCustomFields {
		for k := range old {
			patch[k] = nil
		}
	}
	for k, v := range in.CustomFields {
		patch[k] = v
	}
	cf, err := fs.Apply(old, patch, false)
	if err != nil {
		return err
	}
	in.CustomFields, in.ClearCustomFields = cf, len(cf) == 0
	if len(cf) == 0 {
		in.CustomFields = nil
	}
	return nil
}
