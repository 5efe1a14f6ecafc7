package accounts

import (
	"context"
	"strings"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// Saved views of the customer list: staff keep named filters; a shared view
// is visible to every staff user, and only its owner changes or deletes it.

func requireStaff(ctx context.Context) (viewer.Viewer, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return v, errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return v, errs.E(errs.Forbidden, "staff only")
	}
	return v, nil
}

func cleanViewName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 100 {
		return "", errs.Field("name", "a name of 1 to 100 characters is required")
	}
	return name, nil
}

// CreateSavedView stores a view owned by the viewer.
func (s *Service) CreateSavedView(ctx context.Context, in ent.CreateSavedViewInput) (*ent.SavedView, error) {
	v, err := requireStaff(ctx)
	if err != nil {
		return nil, err
	}
	if in.Name, err = cleanViewName(in.Name); err != nil {
		return nil, err
	}
	return s.Client.SavedView.Create().SetInput(in).SetOwnerID(v.UserID).Save(ctx)
}

// UpdateSavedView changes one of the viewer's views; another staff user's
// shared view is FORBIDDEN, a view the viewer cannot see NOT_FOUND.
func (s *Service) UpdateSavedView(ctx context.Context, id int, in ent.UpdateSavedViewInput) (*ent.SavedView, error) {
	v, err := requireStaff(ctx)
	if err != nil {
		return nil, err
	}
	if in.Name != nil {
		n, err := cleanViewName(*in.Name)
		if err != nil {
			return nil, err
		}
		in.Name = &n
	}
	sv, err := s.Client.SavedView.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if sv.OwnerID != v.UserID {
		return nil, errs.E(errs.Forbidden, "only the view's owner changes it")
	}
	return s.Client.SavedView.UpdateOneID(id).SetInput(in).Save(ctx)
}

// DeleteSavedView deletes one of the viewer's views.
func (s *Service) DeleteSavedView(ctx context.Context, id int) (bool, error) {
	v, err := requireStaff(ctx)
	if err != nil {
		return false, err
	}
	sv, err := s.Client.SavedView.Get(ctx, id)
	if err != nil {
		return false, err
	}
	if sv.OwnerID != v.UserID {
		return false, errs.E(errs.Forbidden, "only the view's owner deletes it")
	}
	return true, s.Client.SavedView.DeleteOneID(id).Exec(ctx)
}
