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
	// Partner is set when a partner system calls with an API key. Such a
	// viewer is no user (Authenticated is false): it may do only what its
	// scopes allow, and the privacy rules say so explicitly.
	Partner *Partner
}

// API key scopes.
const (
	ScopeOrdersWrite   = "orders:write"   // createOrder and cancelOrder within the key's sources
	ScopeCustomersRead = "customers:read" // read customers and their orders
)

// Partner is what an API key lets a partner system do.
type Partner struct {
	KeyID   int
	Scopes  []string
	Sources []string // the order sources the key may write
}

// Can reports whether the key has scope.
func (p *Partner) Can(scope string) bool {
	if p == nil {
		return false
	}
	for _, s := range p.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// Writes reports whether the key may write orders of source.
func (p *Partner) Writes(source string) bool {
	if !p.Can(ScopeOrdersWrite) {
		return false
	}
	for _, s := range p.Sources {
		if s == source {
			return true
		}
	}
	return false
}

// PartnerCan reports whether the viewer is a partner key with scope.
func (v Viewer) PartnerCan(scope string) bool { return v.Partner.Can(scope) }

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
