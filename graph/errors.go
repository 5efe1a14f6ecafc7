package graph

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"unicode"

	"entgo.io/ent/privacy"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// notFound turns a lookup failure into the public NOT_FOUND, the same for a
// missing object and one the viewer may not see.
func notFound(err error) error {
	if ent.IsNotFound(err) {
		return errs.E(errs.NotFound, "not found")
	}
	return err
}

// domainError maps an error from the rules or the data layer to a domain
// error. ok is false for unexpected errors, which must not reach clients.
func domainError(err error) (*errs.Error, bool) {
	if e, ok := errs.As(err); ok {
		return e, true
	}
	var ve *ent.ValidationError
	var nf *ent.NotFoundError
	switch {
	case errors.As(err, &ve):
		return &errs.Error{Code: errs.Invalid, Field: lowerCamel(ve.Name), Message: "invalid value for " + lowerCamel(ve.Name)}, true
	case errors.As(err, &nf):
		return &errs.Error{Code: errs.NotFound, Message: "not found"}, true
	case ent.IsConstraintError(err):
		return &errs.Error{Code: errs.Conflict, Message: "conflicts with existing data"}, true
	case errors.Is(err, privacy.Deny):
		return &errs.Error{Code: errs.Forbidden, Message: "you may not do this"}, true
	case errors.Is(err, context.DeadlineExceeded):
		return &errs.Error{Code: errs.Internal, Message: "the request took too long"}, true
	}
	return nil, false
}

// lowerCamel turns an ent field name (display_name) into its GraphQL spelling (displayName).
func lowerCamel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] == "" {
			continue
		}
		r := []rune(parts[i])
		r[0] = unicode.ToUpper(r[0])
		parts[i] = string(r)
	}
	return strings.Join(parts, "")
}

// ErrorPresenter is the one place errors become GraphQL errors: domain errors
// keep their code and message; anything else is logged and becomes INTERNAL
// with a generic message, so no SQL or stack trace reaches a client.
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var inner *gqlerror.Error
		if errors.As(err, &inner) && inner.Err == nil && inner.Extensions != nil && inner.Extensions["code"] != nil {
			if gerr.Message == "operation  not found" {
				// gqlgen's words when a document has several operations
				// and the request names none.
				gerr.Message = "the document has several operations; choose one with operationName"
			}
			return gerr // gqlgen's own (parse, validation, complexity) errors
		}
		cause := err
		if inner != nil && inner.Err != nil {
			cause = inner.Err
		}
		if e, ok := domainError(cause); ok {
			if v := viewer.FromContext(ctx); e.Code == errs.Forbidden && !v.Authenticated() && v.Partner == nil {
				// Nobody signed in: the answer is "sign in", not "not you".
				// A partner key is signed in, with its scopes.
				e = &errs.Error{Code: errs.Unauthenticated, Message: "sign in first"}
			}
			gerr.Message = e.Message
			gerr.Extensions = map[string]any{"code": string(e.Code)}
			if e.Field != "" {
				gerr.Extensions["field"] = e.Field
			}
			return gerr
		}
		if inner != nil && inner.Err == nil {
			// Input coercion errors gqlgen raises while reading arguments.
			gerr.Extensions = map[string]any{"code": string(errs.Invalid)}
			return gerr
		}
		if field, ok := argumentError(ctx, gerr.Path); ok {
			// An argument that does not decode (an ID that is not a
			// number, a cursor that is not one of ours) is the client's
			// mistake. The parser's message (strconv, msgpack, base64) is
			// not for clients.
			gerr.Message = "invalid value for " + field
			gerr.Extensions = map[string]any{"code": string(errs.Invalid), "field": field}
			return gerr
		}
		logger.ErrorContext(ctx, "graphql: internal error", "err", err, "path", gerr.Path.String())
		gerr.Message = "internal error"
		gerr.Extensions = map[string]any{"code": string(errs.Internal)}
		return gerr
	}
}

// argumentError reports whether an error on path arose while decoding the
// arguments of the field being resolved in ctx: gqlgen puts such errors on
// the field's path followed by the argument (and input field) names. field
// is the innermost name, the input field at fault.
func argumentError(ctx context.Context, path ast.Path) (field string, ok bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return "", false
	}
	fieldPath := fc.Path()
	if len(path) <= len(fieldPath) {
		return "", false
	}
	arg, isName := path[len(fieldPath)].(ast.PathName)
	if !isName || fc.Field.Field == nil || fc.Field.Arguments.ForName(string(arg)) == nil {
		return "", false
	}
	for i := len(path) - 1; i >= len(fieldPath); i-- {
		if name, isName := path[i].(ast.PathName); isName {
			return string(name), true
		}
	}
	return "", false
}
