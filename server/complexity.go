package server

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// complexityLimit rejects operations that would cost too much before they
// run. A field costs 1; a list field with first/last (a connection) costs its
// children times the page size asked for (20 when neither is given), so
// `customers(first: 100) { edges { node { orders(first: 100) … } } }`
// is priced as the 10,000 rows it could load.
type complexityLimit struct{ Max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = complexityLimit{}

func (complexityLimit) ExtensionName() string                   { return "KithComplexityLimit" }
func (complexityLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (c complexityLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := costWalker{frags: oc.Doc.Fragments, vars: oc.Variables, memo: map[string]int{}}
	cost := w.selections(oc.Operation.SelectionSet, 0)
	if cost > c.Max {
		err := gqlerror.Errorf("operation has complexity %d, more than the limit of %d; ask for smaller pages or fewer fields", cost, c.Max)
		err.Extensions = map[string]any{"code": "COMPLEXITY_LIMIT_EXCEEDED"}
		return err
	}
	return nil
}

// maxFragmentDepth stops runaway nesting; the validator already rejects
// fragment cycles, this only bounds work.
const maxFragmentDepth = 50

// costWalker prices a selection set. Each fragment is priced once and
// remembered: without that, fragments that each spread the next one twice
// (`fragment F1 on Query { ...F2 ...F2 }` …) make the walk exponential in
// the number of fragments, and a few hundred bytes of query would pin a CPU.
type costWalker struct {
	frags ast.FragmentDefinitionList
	vars  map[string]any
	memo  map[string]int
}

func (w *costWalker) selections(set ast.SelectionSet, depth int) int {
	if depth > maxFragmentDepth {
		return costCap
	}
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			child := w.selections(s.SelectionSet, depth+1)
			total = saturatingAdd(total, saturatingMul(1+child, multiplier(s, w.vars)))
		case *ast.InlineFragment:
			total = saturatingAdd(total, w.selections(s.SelectionSet, depth+1))
		case *ast.FragmentSpread:
			total = saturatingAdd(total, w.fragment(s.Name, depth+1))
		}
	}
	return total
}

func (w *costWalker) fragment(name string, depth int) int {
	if c, ok := w.memo[name]; ok {
		return c
	}
	f := w.frags.ForName(name)
	if f == nil {
		return 0
	}
	c := w.selections(f.SelectionSet, depth)
	w.memo[name] = c
	return c
}

// multiplier is the page size a connection field asks for, 1 for other fields.
func multiplier(f *ast.Field, vars map[string]any) int {
	isPage := false
	n := 0
	for _, name := range []string{"first", "last"} {
		a := f.Arguments.ForName(name)
		if a == nil {
			continue
		}
		isPage = true
		v, err := a.Value.Value(vars)
		if err != nil || v == nil {
			continue
		}
		var k int
		switch x := v.(type) {
		case int64:
			k = int(x)
		case int:
			k = x
		case float64:
			k = int(x)
		default:
			fmt.Sscan(fmt.Sprint(x), &k) //nolint:errcheck
		}
		if k > n {
			n = k
		}
	}
	if def := f.Definition; def != nil && isConnection(def) {
		isPage = true
	}
	if !isPage {
		return 1
	}
	if n <= 0 {
		n = 20
	}
	return n
}

func isConnection(def *ast.FieldDefinition) bool {
	t := def.Type
	return t != nil && len(t.Name()) > len("Connection") && t.Name()[len(t.Name())-len("Connection"):] == "Connection"
}

const costCap = 1 << 30

func saturatingAdd(a, b int) int {
	if a+b > costCap {
		return costCap
	}
	return a + b
}

func saturatingMul(a, b int) int {
	if a != 0 && b > costCap/a {
		return costCap
	}
	return a * b
}

// noIntrospection refuses, in production, operations that ask for the schema
// (__schema, __type) before they run, as a validation error. Without it
// gqlgen fails such fields during execution with an error that the error
// presenter can only report as INTERNAL.
type noIntrospection struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = noIntrospection{}

func (noIntrospection) ExtensionName() string                   { return "KithNoIntrospection" }
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

func (noIntrospection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || !selectsIntrospection(oc.Operation.SelectionSet, oc.Doc.Fragments, map[string]bool{}) {
		return nil
	}
	err := gqlerror.Errorf("introspection is disabled on this server")
	errcode.Set(err, errcode.ValidationFailed)
	return err
}

// selectsIntrospection reports whether set selects __schema or __type,
// visiting each fragment once.
func selectsIntrospection(set ast.SelectionSet, frags ast.FragmentDefinitionList, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" || selectsIntrospection(s.SelectionSet, frags, seen) {
				return true
			}
		case *ast.InlineFragment:
			if selectsIntrospection(s.SelectionSet, frags, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if f := frags.ForName(s.Name); f != nil && selectsIntrospection(f.SelectionSet, frags, seen) {
				return true
			}
		}
	}
	return false
}
