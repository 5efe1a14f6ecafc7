package customer

import (
	"context"
	"regexp"
	"strings"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/accountteammember"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/privacy"
	"github.com/kith-crm/kith/ent/schema"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// requireVisible returns NOT_FOUND unless the viewer may see customer id.
func (s *Service) requireVisible(ctx context.Context, id int, field string) error {
	ok, err := s.Client.Customer.Query().Where(customerID(id)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return &errs.Error{Code: errs.NotFound, Field: field, Message: "customer not found"}
	}
	return nil
}

// requireWritable returns FORBIDDEN unless the viewer may write to the
// account of customer id: admins any account, account managers the accounts
// they own or serve on the team of, and the pool (no owner); nobody else.
// Call it after requireVisible, so an account the viewer may not see stays
// NOT_FOUND.
func (s *Service) requireWritable(ctx context.Context, id int) error {
	v := viewer.FromContext(ctx)
	switch {
	case v.IsAdmin():
		return nil
	case v.Authenticated() && v.Role == viewer.RoleManager:
		ok, err := s.Client.Customer.Query().Where(customerID(id), customer.Or(
			customer.OwnerID(v.UserID),
			customer.OwnerIDIsNil(),
			customer.HasTeamWith(accountteammember.UserID(v.UserID)),
		)).Exist(ctx)
		if err != nil || ok {
			return err
		}
	}
	return errs.E(errs.Forbidden, "you may not change this customer's account")
}

// RequireWritable is requireWritable for other capabilities (loyalty
// redemptions follow the same rule as the account's other writes).
func (s *Service) RequireWritable(ctx context.Context, id int) error {
	return s.requireWritable(ctx, id)
}

// CreateOrder records an order. Orders are append-only and unique per
// (source, external id): a replay is CONFLICT and changes nothing.
func (s *Service) CreateOrder(ctx context.Context, in ent.CreateOrderInput) (*ent.Order, error) {
	in.Source = strings.TrimSpace(in.Source)
	in.ExternalID = strings.TrimSpace(in.ExternalID)
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	switch {
	case in.Source == "":
		return nil, errs.Field("source", "source is required")
	case in.ExternalID == "":
		return nil, errs.Field("externalID", "externalID is required")
	case in.Amount < 0:
		return nil, errs.Field("amount", "amount must not be negative; record a cancellation instead")
	case in.CostToServe != nil && *in.CostToServe < 0:
		return nil, errs.Field("costToServe", "costToServe must not be negative")
	case !currencyCode.MatchString(in.Currency):
		return nil, errs.Field("currency", "currency must be an ISO 4217 code such as CNY")
	case in.ProductCategory != nil && strings.Contains(*in.ProductCategory, schema.CategorySeparator):
		return nil, errs.Field("productCategory", "productCategory may not contain the unit separator (U+001F)")
	}
	if p := viewer.FromContext(ctx).Partner; p != nil {
		// A partner key writes orders of its own sources, for any customer
		// (it names them by id whether or not it may read them).
		if !p.Writes(in.Source) {
			return nil, &errs.Error{Code: errs.Forbidden, Field: "source", Message: "this API key may not write orders of this source"}
		}
		if err := s.requireVisible(privacy.DecisionContext(ctx, privacy.Allow), in.CustomerID, "customerID"); err != nil {
			return nil, err
		}
	} else {
		if err := s.requireVisible(ctx, in.CustomerID, "customerID"); err != nil {
			return nil, err
		}
		if err := s.requireWritable(ctx, in.CustomerID); err != nil {
			return nil, err
		}
	}
	o, err := s.Client.Order.Create().SetInput(in).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "externalID", Message: "an order with this source and external id exists"}
	}
	return o, err
}

// CreateCareRecord logs a contact with a customer, authored by the viewer:
// admins, and account managers on the accounts they may write.
func (s *Service) CreateCareRecord(ctx context.Context, in ent.CreateCareRecordInput) (*ent.CareRecord, error) {
	v := viewer.FromContext(ctx)
	if !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "only staff log care records")
	}
	if err := s.requireVisible(ctx, in.CustomerID, "customerID"); err != nil {
		return nil, err
	}
	if err := s.requireWritable(ctx, in.CustomerID); err != nil {
		return nil, err
	}
	return s.Client.CareRecord.Create().SetInput(in).SetAuthorID(v.UserID).Save(ctx)
}

// UpdateCareRecord edits a care record; its author or an admin may.
func (s *Service) UpdateCareRecord(ctx context.Context, id int, in ent.UpdateCareRecordInput) (*ent.CareRecord, error) {
	if _, err := s.Client.CareRecord.Get(ctx, id); err != nil {
		return nil, err
	}
	return updateOne(ctx, s.Client, func(tx *ent.Tx) (*ent.CareRecord, error) {
		return tx.CareRecord.UpdateOneID(id).SetInput(in).Save(ctx)
	})
}

// CreateTicket opens a ticket for a customer: admins, and account managers
// on the accounts they may write.
func (s *Service) CreateTicket(ctx context.Context, in ent.CreateTicketInput) (*ent.Ticket, error) {
	if !viewer.FromContext(ctx).IsStaff() {
		return nil, errs.E(errs.Forbidden, "members use createMyTicket")
	}
	if strings.TrimSpace(in.Title) == "" {
		return nil, errs.Field("title", "title is required")
	}
	if err := s.requireVisible(ctx, in.CustomerID, "customerID"); err != nil {
		return nil, err
	}
	if err := s.requireWritable(ctx, in.CustomerID); err != nil {
		return nil, err
	}
	return s.Client.Ticket.Create().SetInput(in).Save(ctx)
}

// CreateMyTicket files a complaint about the viewer's own account.
func (s *Service) CreateMyTicket(ctx context.Context, title, description string) (*ent.Ticket, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in to file a ticket")
	}
	if v.CustomerID == 0 {
		return nil, errs.E(errs.Forbidden, "this account has no customer record")
	}
	title = strings.TrimSpace(title)
	if title == "" {
		return nil, errs.Field("title", "title is required")
	}
	return s.Client.Ticket.Create().SetCustomerID(v.CustomerID).SetTitle(title).SetDescription(description).Save(ctx)
}

// UpdateTicket changes a ticket: admins, and account managers on the
// accounts they may write (other staff get FORBIDDEN). Moving it out of OPEN
// stamps the first response; resolving it stamps the resolution time.
func (s *Service) UpdateTicket(ctx context.Context, id int, in ent.UpdateTicketInput) (*ent.Ticket, error) {
	if !viewer.FromContext(ctx).IsStaff() {
		if _, err := s.Client.Ticket.Get(ctx, id); err != nil {
			return nil, err
		}
		return nil, errs.E(errs.Forbidden, "only staff change tickets")
	}
	t, err := s.Client.Ticket.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.requireWritable(ctx, t.CustomerID); err != nil {
		return nil, err
	}
	return updateOne(ctx, s.Client, func(tx *ent.Tx) (*ent.Ticket, error) {
		u := tx.Ticket.UpdateOneID(id).SetInput(in)
		now := s.now()
		if in.Status != nil && *in.Status != ticket.StatusOPEN && t.FirstResponseAt == nil {
			u.SetFirstResponseAt(now)
		}
		if in.Status != nil && (*in.Status == ticket.StatusRESOLVED || *in.Status == ticket.StatusCLOSED) && t.ResolvedAt == nil {
			u.SetResolvedAt(now)
		}
		return u.Save(ctx)
	})
}

// updateOne runs a single-row update in its own transaction (the history
// hook writes in it too). A row the viewer may see but the policy filters
// out of the update is FORBIDDEN.
func updateOne[T interface{ Unwrap() T }](ctx context.Context, c *ent.Client, fn func(tx *ent.Tx) (T, error)) (T, error) {
	var zero T
	tx, err := c.Tx(ctx)
	if err != nil {
		return zero, err
	}
	defer tx.Rollback() //nolint:errcheck
	v, err := fn(tx)
	if ent.IsNotFound(err) {
		return zero, errs.E(errs.Forbidden, "you may not change this")
	}
	if err != nil {
		return zero, err
	}
	if err := tx.Commit(); err != nil {
		return zero, err
	}
	return v.Unwrap(), nil
}
