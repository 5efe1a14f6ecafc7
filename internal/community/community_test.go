package community_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/board"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

type fixture struct {
	svc            *community.Service
	bus            *pubsub.Bus
	member, staff  context.Context
	public, staffB *ent.Board
	announcements  *ent.Board
}

func setup(t *testing.T, db *store.DB) fixture {
	sys := auth.System(context.Background())
	bus := pubsub.NewMemoryBus()
	t.Cleanup(func() { bus.Close() })
	u := db.Client.User.Create().SetEmail("m@example.com").SetPasswordHash("x").SaveX(sys)
	m := db.Client.Member.Create().SetUserID(u.ID).SetDisplayName("Mei").SetHandle("mei").SaveX(sys)
	s := db.Client.User.Create().SetEmail("s@example.com").SetPasswordHash("x").SetRole("MARKETER").SaveX(sys)
	sm := db.Client.Member.Create().SetUserID(s.ID).SetDisplayName("Staff").SetHandle("staff").SaveX(sys)
	return fixture{
		svc:           &community.Service{Client: db.Client, Bus: bus},
		bus:           bus,
		member:        viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, MemberID: m.ID, Role: viewer.RoleMember}),
		staff:         viewer.NewContext(context.Background(), viewer.Viewer{UserID: s.ID, MemberID: sm.ID, Role: viewer.RoleMarketer}),
		public:        db.Client.Board.Create().SetName("Talk").SetSlug("talk").SaveX(sys),
		staffB:        db.Client.Board.Create().SetName("Staff").SetSlug("staff").SetReadAccess(board.ReadAccessSTAFF).SaveX(sys),
		announcements: db.Client.Board.Create().SetName("News").SetSlug("news").SetPostAccess(board.PostAccessSTAFF).SaveX(sys),
	}
}

func TestCreatePost_ValidatesAndPublishesOnCommit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		sub := f.bus.Subscribe(community.BoardTopic(f.public.ID), 4)
		defer sub.Close()
		cases := []struct {
			name  string
			ctx   context.Context
			in    community.PostInput
			code  errs.Code
			field string
		}{
			{"Anonymous", context.Background(), community.PostInput{BoardID: f.public.ID, Title: "t", Body: "b"}, errs.Unauthenticated, ""},
			{"EmptyTitle", f.member, community.PostInput{BoardID: f.public.ID, Title: " ", Body: "b"}, errs.Invalid, "title"},
			{"LongTitle", f.member, community.PostInput{BoardID: f.public.ID, Title: strings.Repeat("長", 201), Body: "b"}, errs.Invalid, "title"},
			{"EmptyBody", f.member, community.PostInput{BoardID: f.public.ID, Title: "t", Body: ""}, errs.Invalid, "body"},
			{"HugeBody", f.member, community.PostInput{BoardID: f.public.ID, Title: "t", Body: strings.Repeat("x", 40_001)}, errs.Invalid, "body"},
			{"TooManyTags", f.member, community.PostInput{BoardID: f.public.ID, Title: "t", Body: "b", Tags: strings.Split("a b c d e f g h i j k", " ")}, errs.Invalid, "tags"},
			{"HiddenBoard", f.member, community.PostInput{BoardID: f.staffB.ID, Title: "t", Body: "b"}, errs.NotFound, ""},
			{"StaffOnlyBoard", f.member, community.PostInput{BoardID: f.announcements.ID, Title: "t", Body: "b"}, errs.Forbidden, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := f.svc.CreatePost(c.ctx, c.in)
				e, ok := errs.As(err)
				if !ok || e.Code != c.code || e.Field != c.field {
					t.Fatalf("CreatePost = %v; want %s on %q", err, c.code, c.field)
				}
			})
		}
		sys := auth.System(context.Background())
		if n := db.Client.Post.Query().CountX(sys); n != 0 {
			t.Fatalf("%d posts stored by invalid requests", n)
		}
		p, err := f.svc.CreatePost(f.member, community.PostInput{BoardID: f.public.ID, Title: "你好 hello", Body: "**hi**", Tags: []string{"#Tea", "tea", " 茶 "}})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(p.Tags, ",") != "tea,茶" {
			t.Fatalf("tags = %v", p.Tags)
		}
		select {
		case ev := <-sub.C():
			if ev.ID != p.ID || ev.Type != community.EventPostCreated {
				t.Fatalf("event %+v", ev)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no post.created event")
		}
		if n := db.Client.Interaction.Query().CountX(sys); n != 1 {
			t.Fatalf("%d interactions; want 1", n)
		}
		if _, err := f.svc.CreatePost(f.staff, community.PostInput{BoardID: f.announcements.ID, Title: "News", Body: "b"}); err != nil {
			t.Fatalf("staff posting an announcement: %v", err)
		}
	})
}

func TestCanSee(t *testing.T) {
	member := viewer.Viewer{UserID: 1, MemberID: 1, Role: viewer.RoleMember}
	staff := viewer.Viewer{UserID: 2, Role: viewer.RoleManager}
	anon := viewer.Viewer{}
	post := func(access board.ReadAccess, hidden bool) *ent.Post {
		return &ent.Post{Hidden: hidden, Edges: ent.PostEdges{Board: &ent.Board{ReadAccess: access}}}
	}
	cases := []struct {
		name string
		v    viewer.Viewer
		p    *ent.Post
		want bool
	}{
		{"AnonPublic", anon, post(board.ReadAccessPUBLIC, false), true},
		{"AnonMembers", anon, post(board.ReadAccessMEMBERS, false), false},
		{"MemberMembers", member, post(board.ReadAccessMEMBERS, false), true},
		{"MemberStaff", member, post(board.ReadAccessSTAFF, false), false},
		{"MemberHidden", member, post(board.ReadAccessPUBLIC, true), false},
		{"StaffHidden", staff, post(board.ReadAccessSTAFF, true), true},
		{"Deleted", staff, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := community.CanSee(c.v, c.p); got != c.want {
				t.Fatalf("CanSee = %v; want %v", got, c.want)
			}
		})
	}
}
