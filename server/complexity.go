package server

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
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
	cost := selectionCost(oc.Operation.SelectionSet, oc.Doc.Fragments, oc.Variables, 0)
	if cost > c.Max {
		err := gqlerror.Errorf("operation has complexity %d, more than the limit of %d; ask for smaller pages or fewer fields", cost, c.Max)
		err.Extensions = map[string]any{"code": "COMPLEXITY_LIMIT_EXCEEDED"}
		return err
	}
	return nil
}

// maxFragmentDepth stops runaway fragment nesting; the validator already
// rejects cycles, this only bounds work.
const maxFragmentDepth = 50

func selectionCost(set ast.SelectionSet, frags ast.FragmentDefinitionList, vars map[string]any, depth int) int {
	if depth > maxFragmentDepth {
		return 1 << 30
	}
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			child := selectionCost(s.SelectionSet, frags, vars, depth+1)
			total = saturatingAdd(total, saturatingMul(1+child, multiplier(s, vars)))
		case *ast.InlineFragment:
			total = saturatingAdd(total, selectionCost(s.SelectionSet, frags, vars, depth+1))
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				total = saturatingAdd(total, selectionCost(f.SelectionSet, frags, vars, depth+1))
			}
		}
	}
	return total
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
