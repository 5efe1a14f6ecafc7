package graph

import (
	"context"

	"github.com/kith-crm/kith/graph/model"
	"github.com/kith-crm/kith/internal/auth"
)

// authPayload sets the session cookie for the web app and returns the token for apps.
func authPayload(ctx context.Context, s *auth.Session, err error) (*model.AuthPayload, error) {
	if err != nil {
		return nil, err
	}
	auth.SetCookie(ctx, s.Token, s.ExpiresAt)
	return &model.AuthPayload{Token: s.Token, User: s.User}, nil
}
