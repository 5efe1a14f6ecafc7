// Package customer holds the rules of the customer file (客戶資料卡).
package customer

import (
	"github.com/kith-crm/kith/internal/batch"
	"github.com/kith-crm/kith/internal/settings"
	"sync"

	"context"
	"net/mail"
	"strings"
	"time"

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
	return s.Client.Customer.Create().SetInput(in).Save(ctx)
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
	return updateOne(ctx, s.Client, func(tx *ent.Tx) (*ent.Customer, error) {
		return tx.Customer.UpdateOneID(id).SetInput(in).Save(ctx)
	})
}
