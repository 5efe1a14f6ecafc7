package graph

import (
	"context"

	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// requireStaffViewer answers UNAUTHENTICATED or FORBIDDEN unless a staff
// user asks.
func requireStaffViewer(ctx context.Context) (viewer.Viewer, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return v, errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return v, errs.E(errs.Forbidden, "staff only")
	}
	return v, nil
}
