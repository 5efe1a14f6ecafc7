package customer

import (
	"context"
	"strconv"
	"strings"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// CancelOrder records the cancellation of sale id: a new CANCELLATION order
// of the same customer and currency carrying the sale's amounts negated, so
// every sum over orders nets it out, and the sale itself stays untouched.
// Admins, and account managers on accounts they may write, cancel. A missing
// or hidden sale is NOT_FOUND; a cancellation, or a sale cancelled before,
// is CONFLICT.
func (s *Service) CancelOrder(ctx context.Context, id int, note *string) (*ent.Order, error) {
	var n string
	if note != nil {
		n = strings.TrimSpace(*note)
		if len([]rune(n)) > 500 {
			return nil, errs.Field("note", "a note holds at most 500 characters")
		}
	}
	sale, err := s.Client.Order.Query().Where(order.ID(id)).WithCancellation().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, &errs.Error{Code: errs.NotFound, Field: "id", Message: "order not found"}
	}
	if err != nil {
		return nil, err
	}
	if p := viewer.FromContext(ctx).Partner; p != nil {
		if !p.Writes(sale.Source) {
			return nil, errs.E(errs.Forbidden, "this API key may not cancel orders of this source")
		}
	} else if err := s.requireWritable(ctx, sale.CustomerID); err != nil {
		return nil, err
	}
	switch {
	case sale.Kind == order.KindCANCELLATION:
		return nil, &errs.Error{Code: errs.Conflict, Field: "id", Message: "this order is a cancellation"}
	case sale.Edges.Cancellation != nil:
		return nil, &errs.Error{Code: errs.Conflict, Field: "id", Message: "this order is already cancelled"}
	}
	c, err := s.Client.Order.Create().
		SetCustomerID(sale.CustomerID).
		SetKind(order.KindCANCELLATION).
		SetCancelsID(sale.ID).
		SetSource(sale.Source).
		SetExternalID("cancel:" + strconv.Itoa(sale.ID)).
		SetAmount(-sale.Amount).
		SetCostToServe(-sale.CostToServe).
		SetReportingAmount(-sale.ReportingAmount).
		SetReportingCost(-sale.ReportingCost).
		SetCurrency(sale.Currency).
		SetNillableChannel(nonEmpty(sale.Channel)).
		SetNillableProductCategory(nonEmpty(sale.ProductCategory)).
		SetOrderedAt(s.now()).
		SetNote(n).
		Save(ctx)
	if ent.IsConstraintError(err) {
		// Two cancellations raced; the unique cancels_id let one through.
		return nil, &errs.Error{Code: errs.Conflict, Field: "id", Message: "this order is already cancelled"}
	}
	return c, err
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
