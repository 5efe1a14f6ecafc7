package graphtest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"

	entpost "github.com/kith-crm/kith/ent/post"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// TestCommunityBadInput sends what a hostile or careless member might:
// script in Markdown, oversize fields, a flood of posts. Each gets a clear
// error and stores nothing, or is stored and served harmless.
func TestCommunityBadInput(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		w := newWorld(t, env)
		alice := w.token(member)

		t.Run("ScriptInMarkdown", func(t *testing.T) {
			body := "hi <script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n" +
				"<div onmouseover=\"alert(1)\">raw block</div>\n\n![p](javascript:alert(2))"
			id := w.mustID(alice, "createPost", `mutation($b: ID!, $body: String!) { createPost(input: {boardId: $b, title: "<b>t</b>", body: $body}) { id } }`,
				map[string]any{"b": gid(w.boardPublic), "body": body})
			c := w.mustID(alice, "createComment", `mutation($p: ID!, $body: String!) { createComment(input: {postId: $p, body: $body}) { id } }`,
				map[string]any{"p": gid(id), "body": body})
			res := w.env.MustDo(w.token(other), `query($id: ID!, $c: ID!) { p: node(id: $id) { ... on Post { bodyHTML } } c: node(id: $c) { ... on Comment { bodyHTML } } }`,
				map[string]any{"id": gid(id), "c": gid(c)})
			var d struct {
				P, C struct{ BodyHTML string }
			}
			res.Decode(t, &d)
			for _, out := range []string{d.P.BodyHTML, d.C.BodyHTML} {
				if out == "" {
					t.Fatalf("no bodyHTML: %s", res.Data)
				}
				if problem := scriptable(out); problem != "" {
					t.Fatalf("bodyHTML %q: %s", out, problem)
				}
			}
		})

		for _, c := range []struct {
			name, query string
			vars        map[string]any
			field       string
		}{
			{"OversizePost", `mutation($b: ID!, $body: String!) { createPost(input: {boardId: $b, title: "t", body: $body}) { id } }`,
				map[string]any{"b": gid(w.boardPublic), "body": strings.Repeat("長", 13_334)}, "body"},
			{"OversizeComment", `mutation($p: ID!, $body: String!) { createComment(input: {postId: $p, body: $body}) { id } }`,
				map[string]any{"p": gid(w.postPublic), "body": strings.Repeat("x", 20_001)}, "body"},
			{"OversizeCommentEdit", `mutation($id: ID!, $body: String!) { updateComment(id: $id, input: {body: $body}) { id } }`,
				map[string]any{"id": gid(w.commentPublic), "body": strings.Repeat("x", 20_001)}, "body"},
			{"EmptyCommentEdit", `mutation($id: ID!) { updateComment(id: $id, input: {body: " \n "}) { id } }`,
				map[string]any{"id": gid(w.commentPublic)}, "body"},
			{"OversizeReason", `mutation($s: ID!, $r: String!) { reportContent(subjectId: $s, reason: $r) { id } }`,
				map[string]any{"s": gid(w.postMembers), "r": strings.Repeat("r", 1001)}, "reason"},
			{"OversizeSearch", `query($q: String!) { searchPosts(query: $q) { totalCount } }`,
				map[string]any{"q": strings.Repeat("搜", 201)}, "query"},
			{"UnknownReaction", `mutation($s: ID!) { react(subjectId: $s, kind: ANGRY) { subjectId } }`,
				map[string]any{"s": gid(w.postPublic)}, ""},
			{"TooManyIds", `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`,
				map[string]any{"ids": manyIDs(101)}, "ids"},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := counts(t, w)
				res := w.do(alice, c.query, c.vars)
				if codes := res.codes(); len(codes) == 0 {
					t.Fatalf("want an error, got %s", res)
				} else if !strings.HasPrefix(codes[0], "BAD_USER_INPUT") && codes[0] != "GRAPHQL_VALIDATION_FAILED" {
					t.Fatalf("want BAD_USER_INPUT, got %s", res)
				}
				if c.field != "" && !strings.Contains(string(res.Body), `"field":"`+c.field+`"`) {
					t.Fatalf("want the error on field %s, got %s", c.field, res)
				}
				if after := counts(t, w); after != before {
					t.Fatalf("a refused request changed the data: %v → %v", before, after)
				}
			})
		}

		t.Run("Flood", func(t *testing.T) {
			carol := env.SignUp("carol@example.com", "Carol")
			var limited int
			for i := 0; i <= community.DefaultPostsPerWindow; i++ {
				res := w.do(carol.Token, createPostQ, map[string]any{"b": gid(w.boardPublic)})
				if codes := res.codes(); len(codes) > 0 {
					if codes[0] != "RATE_LIMITED" || i < community.DefaultPostsPerWindow {
						t.Fatalf("post %d: %s", i+1, res)
					}
					limited++
				}
			}
			if limited != 1 {
				t.Fatalf("%d posts refused; want the one over the limit", limited)
			}
			ctx := auth.System(context.Background())
			if n := db.Client.Post.Query().Where(entpost.AuthorID(carol.MemberID)).CountX(ctx); n != community.DefaultPostsPerWindow {
				t.Fatalf("%d posts stored; want %d", n, community.DefaultPostsPerWindow)
			}
		})
	})
}

func manyIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = gid(i + 1)
	}
	return out
}

// counts is the number of rows a bad request could have touched.
func counts(t *testing.T, w *world) [5]int {
	t.Helper()
	ctx := auth.System(context.Background())
	c := w.env.DB.Client
	edited, err := c.Comment.Get(ctx, w.commentPublic)
	if err != nil {
		t.Fatal(err)
	}
	return [5]int{c.Post.Query().CountX(ctx), c.Comment.Query().CountX(ctx), c.Report.Query().CountX(ctx),
		c.Reaction.Query().CountX(ctx), len(edited.Body)}
}

// scriptable names what in out could run a script in a browser, or "".
func scriptable(out string) string {
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "div", "base", "meta", "link":
				return "element <" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") {
					b, _ := json.Marshal(a)
					return "attribute " + string(b)
				}
			}
		}
	}
}

// TestSearchPosts_ShortTermsAndTags searches over HTTP the way a Chinese
// community does: two-character words, single characters and #tags, and
// `posts(where: {tag})` for apps that filter by tag.
func TestSearchPosts_ShortTermsAndTags(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		w := newWorld(t, env)
		alice := w.token(member)
		create := `mutation($b: ID!, $title: String!, $body: String!, $tags: [String!]) {
			createPost(input: {boardId: $b, title: $title, body: $body, tags: $tags}) { id } }`
		tea := w.mustID(alice, "createPost", create, map[string]any{"b": gid(w.boardPublic), "title": "龍井新茶",
			"body": "我們的社區品茶會", "tags": []string{"#Tea", "春天"}})
		other := w.mustID(alice, "createPost", create, map[string]any{"b": gid(w.boardPublic), "title": "週末聚會",
			"body": "社區公告", "tags": []string{"events"}})

		ids := func(field string, res rawResponse) []string {
			t.Helper()
			var conn struct {
				Edges []struct{ Node struct{ ID string } }
			}
			if err := json.Unmarshal(res.root(field), &conn); err != nil {
				t.Fatalf("%s: %v (%s)", field, err, res)
			}
			var out []string
			for _, e := range conn.Edges {
				out = append(out, e.Node.ID)
			}
			return out
		}
		for _, c := range []struct {
			query string
			want  []int
		}{
			{"社區", []int{other, tea}},
			{"茶", []int{tea}},
			{"#tea", []int{tea}},
			{"#春天 社區", []int{tea}},
			{"公告 社區", []int{other}},
		} {
			res := w.do(alice, `query($q: String!) { searchPosts(query: $q, orderBy: {field: CREATED_AT, direction: DESC}) { edges { node { id } } } }`,
				map[string]any{"q": c.query})
			got := ids("searchPosts", res)
			var want []string
			for _, id := range c.want {
				want = append(want, gid(id))
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("searchPosts(%q) = %v; want %v", c.query, got, want)
			}
		}

		res := w.do(alice, `{ posts(where: {tag: "#TEA"}) { edges { node { id } } } }`, nil)
		if got := ids("posts", res); len(got) != 1 || got[0] != gid(tea) {
			t.Fatalf("posts(where: {tag}) = %v; want [%s]", got, gid(tea))
		}
		res = w.do(alice, `{ posts(where: {tag: " # "}) { totalCount } }`, nil)
		if codes := res.codes(); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" {
			t.Fatalf("an empty tag: %s", res)
		}
	})
}
