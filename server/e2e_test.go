package server_test

import (
	"os"
	"testing"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

func TestSignUpPostAndRead(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		admin := env.Staff("admin@example.com", "ADMIN")
		r := env.MustDo(admin.Token, `mutation { createBoard(input: {name: "General 综合", slug: "general"}) { id } }`, nil)
		var b struct{ CreateBoard struct{ ID string } }
		r.Decode(t, &b)

		alice := env.SignUp("alice@example.com", "Alice 王")
		r = env.MustDo(alice.Token, `mutation($b: ID!) { createPost(input: {boardId: $b, title: "你好", body: "first post", tags: ["Intro"]}) { id title tags author { handle displayName } board { id } } }`,
			map[string]any{"b": b.CreateBoard.ID})
		var p struct {
			CreatePost struct {
				ID, Title string
				Tags      []string
				Author    struct{ Handle, DisplayName string }
			}
		}
		r.Decode(t, &p)
		if p.CreatePost.Title != "你好" || p.CreatePost.Author.Handle != "alice" || len(p.CreatePost.Tags) != 1 || p.CreatePost.Tags[0] != "intro" {
			t.Fatalf("unexpected post %+v", p)
		}
		r = env.MustDo("", `query($b: ID!) { posts(where: {hasBoardWith: [{id: $b}]}) { totalCount edges { node { title } } } }`, map[string]any{"b": b.CreateBoard.ID})
		var l struct{ Posts struct{ TotalCount int } }
		r.Decode(t, &l)
		if l.Posts.TotalCount != 1 {
			t.Fatalf("anonymous sees %d posts on a public board, want 1", l.Posts.TotalCount)
		}
		r = env.MustDo(alice.Token, `{ me { email role member { handle } customer { name } } }`, nil)
		var me struct {
			Me struct {
				Email, Role string
				Customer    struct{ Name string }
			}
		}
		r.Decode(t, &me)
		if me.Me.Email != "alice@example.com" || me.Me.Role != "MEMBER" || me.Me.Customer.Name != "Alice 王" {
			t.Fatalf("unexpected me %+v", me)
		}
	})
}
