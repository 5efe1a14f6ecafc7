package graph_test

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/graph/generated"
)

func liveSchema() *ast.Schema {
	return generated.NewExecutableSchema(generated.Config{}).Schema()
}

// TestClassifyLive: a subscription is shared per role only when every field
// it selects, through fragments and aliases, resolves from the event's item;
// one field that depends on the viewer or the database makes it per viewer;
// anything the community hub does not serve, or that carries an unknown
// directive, is not shared.
func TestClassifyLive(t *testing.T) {
	cases := []struct {
		name, query string
		want        graph.LiveSharing
	}{
		{"post fields", `subscription($b: ID) { postAdded(boardId: $b) { id title body tags createdAt author { id handle displayName } board { id name } } }`, graph.LiveSharedPerRole},
		{"typename and aliases", `subscription { p: postAdded { __typename t: title a: author { __typename h: handle } } }`, graph.LiveSharedPerRole},
		{"board event with reactions", `subscription($b: ID!) { boardEvents(boardId: $b) { type post { id } comment { id post { title } } reactions { subjectId counts { kind count } viewerReactions } } }`, graph.LiveSharedPerRole},
		{"named and inline fragments", `subscription($b: ID!) { boardEvents(boardId: $b) { ...E } } fragment E on BoardEvent { type post { ... on Node { id } ...P } } fragment P on Post { title }`, graph.LiveSharedPerRole},
		{"root field through a fragment", `subscription($p: ID!) { ...S } fragment S on Subscription { commentAdded(postId: $p) { id body } }`, graph.LiveSharedPerRole},
		{"skip and include", `subscription($x: Boolean!) { postAdded { id body @include(if: $x) author @skip(if: $x) { handle } } }`, graph.LiveSharedPerRole},
		{"post reactions read the database", `subscription { postAdded { id reactions { viewerReactions } } }`, graph.LiveSharedPerViewer},
		{"a connection", `subscription { postAdded { id comments(first: 0) { totalCount } } }`, graph.LiveSharedPerViewer},
		{"viewerFollows deep in a fragment", `subscription($b: ID!) { boardEvents(boardId: $b) { comment { ...C } } } fragment C on Comment { author { ... on Member { viewerFollows } } }`, graph.LiveSharedPerViewer},
		{"a comment's replies", `subscription($p: ID!) { commentAdded(postId: $p) { id replies { id } } }`, graph.LiveSharedPerViewer},
		{"notifications are per member", `subscription { notifications { id } }`, graph.LiveNotShared},
		{"job progress", `subscription($id: ID!) { jobProgress(id: $id) { id } }`, graph.LiveNotShared},
		{"a query", `query { __typename }`, graph.LiveNotShared},
	}
	schema := liveSchema()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := gqlparser.LoadQuery(schema, c.query)
			if err != nil {
				t.Fatalf("%s: %v", c.query, err)
			}
			if got := graph.ClassifyLive(doc.Operations[0]); got != c.want {
				t.Fatalf("ClassifyLive = %d; want %d", got, c.want)
			}
		})
	}
	// An operation-level directive the classifier does not know.
	doc, err := gqlparser.LoadQuery(schema, `subscription { postAdded { id } }`)
	if err != nil {
		t.Fatal(err)
	}
	doc.Operations[0].Directives = ast.DirectiveList{{Name: "defer"}}
	if got := graph.ClassifyLive(doc.Operations[0]); got != graph.LiveNotShared {
		t.Fatalf("with @defer: %d; want not shared", got)
	}
}

// TestLiveItemFields_ExistWithoutArguments: every field listed as resolving
// from the event's item names a field of the schema, and none takes
// arguments (an argument would mean the field computes something).
func TestLiveItemFields_ExistWithoutArguments(t *testing.T) {
	schema := liveSchema()
	for _, name := range graph.LiveItemFields() {
		typ, field, ok := strings.Cut(name, ".")
		def := schema.Types[typ]
		if !ok || def == nil {
			t.Errorf("%s: no type %q", name, typ)
			continue
		}
		f := def.Fields.ForName(field)
		if f == nil {
			t.Errorf("%s: %s has no field %q", name, typ, field)
			continue
		}
		if len(f.Arguments) > 0 {
			t.Errorf("%s takes arguments", name)
		}
	}
}
