package schema

import (
	"context"
	"reflect"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/internal/viewer"
)

// The privacy rules below never import the generated client (that would be an
// import cycle); they speak SQL column names through WhereP instead. Reads are
// always filtered in the query, never denied, so an object the viewer may not
// see looks exactly like a missing one and lists are filtered before paging.

// wherer is implemented by every generated query and mutation.
type wherer interface {
	WhereP(...func(*sql.Selector))
}

// scope says which rows a viewer may touch: all of them, none, or those
// matching a predicate.
type scope struct {
	all  bool
	pred func(*sql.Selector)
}

var (
	allRows = scope{all: true}
	noRows  = scope{pred: func(s *sql.Selector) { s.Where(sql.False()) }}
)

func rows(pred func(*sql.Selector)) scope { return scope{pred: pred} }

func (sc scope) apply(w any) error {
	if sc.all {
		return privacy.Allow
	}
	if !addPredicate(w, sc.pred) {
		return privacy.Denyf("privacy: %T cannot be filtered", w)
	}
	return privacy.Allow
}

// addPredicate adds pred to a generated query or mutation. Mutations have
// WhereP; queries only have Where(...predicate.X), whose element type is a
// named func(*sql.Selector), so it is called through reflection — the schema
// package cannot name the generated predicate types without an import cycle.
func addPredicate(q any, pred func(*sql.Selector)) bool {
	if w, ok := q.(wherer); ok {
		w.WhereP(pred)
		return true
	}
	m := reflect.ValueOf(q).MethodByName("Where")
	if !m.IsValid() || m.Type().NumIn() != 1 || !m.Type().IsVariadic() {
		return false
	}
	elem := m.Type().In(0).Elem()
	pv := reflect.ValueOf(pred)
	if !pv.Type().ConvertibleTo(elem) {
		return false
	}
	m.Call([]reflect.Value{pv.Convert(elem)})
	return true
}

// readScope builds a query rule that filters every read by the viewer's scope.
type readScope func(v viewer.Viewer) scope

func (f readScope) EvalQuery(ctx context.Context, q ent.Query) error {
	return f(viewer.FromContext(ctx)).apply(q)
}

// writeScope builds a mutation rule. A nil scope with ok=false means the
// viewer may not perform the operation at all.
type writeScope func(v viewer.Viewer, op ent.Op) (scope, bool)

func (f writeScope) EvalMutation(ctx context.Context, m ent.Mutation) error {
	sc, ok := f(viewer.FromContext(ctx), m.Op())
	if !ok {
		return privacy.Denyf("privacy: %s on %s not allowed", m.Op(), m.Type())
	}
	if m.Op().Is(ent.OpCreate) {
		// Creates have no rows to filter; the scope only says yes or no.
		if sc.all || sc.pred != nil {
			return privacy.Allow
		}
	}
	return sc.apply(m)
}

// policy combines a read rule and a write rule. Code that runs on behalf of
// the system (migrations, sign-up, jobs) bypasses both with
// privacy.DecisionContext(ctx, privacy.Allow).
type policy struct {
	read  readScope
	write writeScope
}

func (p policy) EvalQuery(ctx context.Context, q ent.Query) error {
	if d, ok := privacy.DecisionFromContext(ctx); ok {
		return d
	}
	return p.read.EvalQuery(ctx, q)
}

func (p policy) EvalMutation(ctx context.Context, m ent.Mutation) error {
	if d, ok := privacy.DecisionFromContext(ctx); ok {
		return d
	}
	return p.write.EvalMutation(ctx, m)
}

// column returns a predicate "column = value".
func column(name string, value any) func(*sql.Selector) {
	return func(s *sql.Selector) { s.Where(sql.EQ(s.C(name), value)) }
}

// inSubquery returns a predicate "column IN (SELECT id FROM table WHERE where)".
func inSubquery(col, table string, where func(t *sql.SelectTable) *sql.Predicate) func(*sql.Selector) {
	return func(s *sql.Selector) {
		t := sql.Table(table)
		sub := sql.Dialect(s.Dialect()).Select(t.C("id")).From(t).Where(where(t))
		s.Where(sql.In(s.C(col), sub))
	}
}

// readableBoardAccess lists the board read levels a viewer may see.
func readableBoardAccess(v viewer.Viewer) []any {
	switch {
	case v.IsStaff():
		return []any{"PUBLIC", "MEMBERS", "STAFF"}
	case v.Authenticated():
		return []any{"PUBLIC", "MEMBERS"}
	default:
		return []any{"PUBLIC"}
	}
}

// Common scopes.

func staffOnlyRead(v viewer.Viewer) scope {
	if v.IsStaff() {
		return allRows
	}
	return noRows
}

func adminOnlyRead(v viewer.Viewer) scope {
	if v.IsAdmin() {
		return allRows
	}
	return noRows
}

func publicRead(viewer.Viewer) scope { return allRows }

// systemOnlyWrite lets only system code write: nothing a viewer does passes.
func systemOnlyWrite(viewer.Viewer, ent.Op) (scope, bool) { return scope{}, false }

func adminOnlyWrite(v viewer.Viewer, _ ent.Op) (scope, bool) {
	return allRows, v.IsAdmin()
}

// appendOnly lets the given roles create rows and nobody change or delete them.
func appendOnly(allowed func(viewer.Viewer) bool) writeScope {
	return func(v viewer.Viewer, op ent.Op) (scope, bool) {
		if op.Is(ent.OpCreate) && allowed(v) {
			return allRows, true
		}
		return scope{}, false
	}
}

// customerOwnerScope is the rows a member may read through their own customer record.
func ownCustomerRows(v viewer.Viewer, col string) scope {
	if v.CustomerID == 0 {
		return noRows
	}
	return rows(column(col, v.CustomerID))
}
