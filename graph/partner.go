package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// partnerFields are the root fields a partner API key may call, per scope.
// Everything else is FORBIDDEN for a key, whatever the privacy rules would
// let an anonymous caller see.
var partnerFields = map[string]string{
	"Mutation.createOrder": viewer.ScopeOrdersWrite,
	"Mutation.cancelOrder": viewer.ScopeOrdersWrite,
	"Query.customers":      viewer.ScopeCustomersRead,
	"Query.orders":         viewer.ScopeCustomersRead,
	"Query.node":           viewer.ScopeCustomersRead,
	"Query.nodes":          viewer.ScopeCustomersRead,
}

// PartnerScopes is the gqlgen extension that holds partner API keys to
// their scopes: a key runs only the root fields its scopes name, and its
// where filters may not go through edges (privacy filters the rows a query
// returns, not a has…With subquery, and a key reads customers and orders
// but nothing hung off them).
type PartnerScopes struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.RootFieldInterceptor
} = PartnerScopes{}

func (PartnerScopes) ExtensionName() string                   { return "PartnerScopes" }
func (PartnerScopes) Validate(graphql.ExecutableSchema) error { return nil }

func (PartnerScopes) InterceptRootField(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	v := viewer.FromContext(ctx)
	if v.Partner == nil {
		return next(ctx)
	}
	fc := graphql.GetRootFieldContext(ctx)
	if fc == nil || fc.Field.Name == "__typename" {
		return next(ctx)
	}
	oc := graphql.GetOperationContext(ctx)
	root := "Query"
	switch oc.Operation.Operation {
	case ast.Mutation:
		root = "Mutation"
	case ast.Subscription:
		root = "Subscription"
	}
	scope, ok := partnerFields[root+"."+fc.Field.Name]
	if !ok || !v.Partner.Can(scope) {
		graphql.AddError(ctx, errs.E(errs.Forbidden, "this API key may not call %s", fc.Field.Name))
		return graphql.Null
	}
	args := fc.Field.ArgumentMap(oc.Variables)
	if throughEdge(args["where"]) {
		graphql.AddError(ctx, errs.E(errs.Forbidden, "an API key filters on fields, not through edges"))
		return graphql.Null
	}
	return next(ctx)
}

// throughEdge reports whether a where input (as decoded JSON) uses a
// has… filter anywhere, including inside and/or/not.
func throughEdge(w any) bool {
	switch w := w.(type) {
	case map[string]any:
		for k, v := range w {
			if strings.HasPrefix(k, "has") && v != nil {
				return true
			}
			if throughEdge(v) {
				return true
			}
		}
	case []any:
		for _, v := range w {
			if throughEdge(v) {
				return true
			}
		}
	}
	return false
}
