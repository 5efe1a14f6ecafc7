// Package viewer carries who is asking through a context.
//
// It imports nothing of Kith's so that the privacy rules in ent/schema, the
// services in internal/ and the transport in server/ can all share it without
// an import cycle through the generated ent client.
package viewer

import "context"

// Role is what a signed-in user may do. The values are the GraphQL enum names.
type Role string

const (
	RoleMember   Role = "MEMBER"
	RoleMarketer Role = "MARKETER"
	RoleManager  Role = "MANAGER"
	RoleAdmin    Role = "ADMIN"
)

// IsStaff reports whether the role belongs to the company rather than a customer.
func (r Role) IsStaff() bool {
	return r == RoleMarketer || r == RoleManager || r == RoleAdmin
}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	switch r {
	case RoleMember, RoleMarketer, RoleManager, RoleAdmin:
		return true
	}
	return false
}

// Viewer is the signed-in user behind a request. The zero value is anonymous.
type Viewer struct {
	UserID     int
	Role       Role
	MemberID   int // the user's public profile, 0 when none
	CustomerID int // the customer record linked to the user, 0 when none
	SessionID  int // the session the request authenticated with, 0 for none
}

// Authenticated reports whether a user is signed in.
func (v Viewer) Authenticated() bool { return v.UserID != 0 }

// IsStaff reports whether the viewer is a signed-in staff user.
func (v Viewer) IsStaff() bool { return v.Authenticated() && v.Role.IsStaff() }

// IsAdmin reports whether the viewer is a signed-in admin.
func (v Viewer) IsAdmin() bool { return v.Authenticated() && v.Role == RoleAdmin }

type ctxKey struct{}

// NewContext returns a context carrying v.
func NewContext(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer in ctx; anonymous when there is none.
func FromContext(ctx context.Context) Viewer {
	v, _ := ctx.Value(ctxKey{}).(Viewer)
	return v
}
