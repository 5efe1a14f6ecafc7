package community_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/board"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/ent/reaction"
	"github.com/kith-crm/kith/ent/report"
	"github.com/kith-crm/kith/ent/user"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// actor is a signed-in user with a community profile.
type actor struct {
	ctx    context.Context
	v      viewer.Viewer
	handle string
}

func (a actor) member() int { return a.v.MemberID }

// board is the fixture of the board tests: members and staff, and boards of
// every read level.
type boardWorld struct {
	t                       *testing.T
	db                      *store.DB
	svc                     *community.Service
	bus                     *pubsub.Bus
	sys                     context.Context
	anon                    context.Context
	alice, bob, carol       actor
	marketer, admin         actor
	public, members, staffB *ent.Board
	clock                   time.Time
}

func newBoardWorld(t *testing.T, db *store.DB) *boardWorld {
	t.Helper()
	sys := auth.System(context.Background())
	bus := pubsub.NewMemoryBus()
	t.Cleanup(func() { bus.Close() })
	w := &boardWorld{t: t, db: db, bus: bus, sys: sys, anon: context.Background()}
	w.svc = &community.Service{Client: db.Client, Bus: bus}
	mk := func(handle string, role viewer.Role) actor {
		u := db.Client.User.Create().SetEmail(handle + "@example.com").SetPasswordHash("x").SetRole(user.Role(role)).SaveX(sys)
		m := db.Client.Member.Create().SetUserID(u.ID).SetDisplayName(strings.ToUpper(handle[:1]) + handle[1:]).SetHandle(handle).SaveX(sys)
		v := viewer.Viewer{UserID: u.ID, MemberID: m.ID, Role: role}
		return actor{ctx: viewer.NewContext(context.Background(), v), v: v, handle: handle}
	}
	w.alice = mk("alice", viewer.RoleMember)
	w.bob = mk("bob", viewer.RoleMember)
	w.carol = mk("carol", viewer.RoleMember)
	w.marketer = mk("marketer", viewer.RoleMarketer)
	w.admin = mk("admin", viewer.RoleAdmin)
	w.public = db.Client.Board.Create().SetName("Talk").SetSlug("talk").SaveX(sys)
	w.members = db.Client.Board.Create().SetName("Members").SetSlug("members").SetReadAccess(board.ReadAccessMEMBERS).SaveX(sys)
	w.staffB = db.Client.Board.Create().SetName("Staff").SetSlug("staff").SetReadAccess(board.ReadAccessSTAFF).SetPostAccess(board.PostAccessSTAFF).SaveX(sys)
	return w
}

func (w *boardWorld) post(a actor, b *ent.Board, title, body string) *ent.Post {
	w.t.Helper()
	p, err := w.svc.CreatePost(a.ctx, community.PostInput{BoardID: b.ID, Title: title, Body: body})
	if err != nil {
		w.t.Fatalf("CreatePost(%s): %v", a.handle, err)
	}
	return p
}

func (w *boardWorld) comment(a actor, p *ent.Post, body string) *ent.Comment {
	w.t.Helper()
	c, err := w.svc.CreateComment(a.ctx, community.CommentInput{PostID: p.ID, Body: body})
	if err != nil {
		w.t.Fatalf("CreateComment(%s): %v", a.handle, err)
	}
	return c
}

func (w *boardWorld) hide(p *ent.Post) {
	w.t.Helper()
	if _, err := w.svc.ModeratePost(w.admin.ctx, p.ID, community.PostFlags{Hidden: ptr(true)}); err != nil {
		w.t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// wantCode fails unless err is a domain error with code (and field, if given).
func wantCode(t *testing.T, err error, code errs.Code, field ...string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != code {
		t.Fatalf("got %v; want %s", err, code)
	}
	if len(field) > 0 && e.Field != field[0] {
		t.Fatalf("got field %q; want %q (%v)", e.Field, field[0], err)
	}
}

func (w *boardWorld) interactions(kind interaction.Kind) []*ent.Interaction {
	return w.db.Client.Interaction.Query().Where(interaction.KindEQ(kind)).AllX(w.sys)
}

func (w *boardWorld) notifications(to actor, kind notification.Kind) []*ent.Notification {
	return w.db.Client.Notification.Query().Where(notification.RecipientID(to.member()), notification.KindEQ(kind)).AllX(w.sys)
}

func TestReact_IdempotentCountedAndOnlyOnVisibleSubjects(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "hello", "world")
		c := w.comment(w.bob, p, "nice")
		hidden := w.post(w.bob, w.public, "later hidden", "x")
		w.hide(hidden)
		staffPost := w.post(w.admin, w.staffB, "staff", "x")
		sub := w.bus.Subscribe(community.BoardTopic(w.public.ID), 16)
		defer sub.Close()

		for i := 0; i < 2; i++ { // twice: idempotent
			s, err := w.svc.React(w.bob.ctx, p.ID, reaction.KindLIKE)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Counts) != 1 || s.Counts[0] != (community.ReactionCount{Kind: reaction.KindLIKE, Count: 1}) ||
				!slices.Equal(s.ViewerReactions, []reaction.Kind{reaction.KindLIKE}) {
				t.Fatalf("after react #%d: %+v", i+1, s)
			}
		}
		if _, err := w.svc.React(w.carol.ctx, p.ID, reaction.KindLIKE); err != nil {
			t.Fatal(err)
		}
		s, err := w.svc.React(w.carol.ctx, p.ID, reaction.KindFUNNY)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(s.Counts); got != "[{LIKE 2} {FUNNY 1}]" || len(s.ViewerReactions) != 2 {
			t.Fatalf("summary %+v", s)
		}
		if _, err := w.svc.React(w.alice.ctx, c.ID, reaction.KindLOVE); err != nil {
			t.Fatal(err)
		}
		// One interaction per new reaction, aimed at the subject's author.
		got := w.interactions(interaction.KindREACTION)
		if len(got) != 4 {
			t.Fatalf("%d REACTION interactions; want 4", len(got))
		}
		for _, in := range got {
			wantTarget := w.alice.member()
			if *in.SubjectID == c.ID {
				wantTarget = w.bob.member()
			}
			if in.TargetID == nil || *in.TargetID != wantTarget {
				t.Fatalf("interaction %+v: target %v; want %d", in, in.TargetID, wantTarget)
			}
		}
		// Each change is announced once; repeating one is not a change.
		events := 0
		for len(sub.C()) > 0 {
			if ev := <-sub.C(); ev.Type == community.EventReactionsChanged {
				events++
			}
		}
		if events != 4 {
			t.Fatalf("%d reactions.changed events; want 4", events)
		}

		for i := 0; i < 2; i++ {
			s, err := w.svc.Unreact(w.bob.ctx, p.ID, reaction.KindLIKE)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(s.Counts) != "[{LIKE 1} {FUNNY 1}]" || len(s.ViewerReactions) != 0 {
				t.Fatalf("after unreact: %+v", s)
			}
		}

		before := db.Client.Reaction.Query().CountX(w.sys)
		for _, c := range []struct {
			name    string
			ctx     context.Context
			subject int
			kind    reaction.Kind
			code    errs.Code
			field   string
		}{
			{"Anonymous", w.anon, p.ID, reaction.KindLIKE, errs.Unauthenticated, ""},
			{"UnknownKind", w.bob.ctx, p.ID, "ANGRY", errs.Invalid, "kind"},
			{"MissingSubject", w.bob.ctx, p.ID + 1_000_000, reaction.KindLIKE, errs.NotFound, "subjectId"},
			{"NotAPostOrComment", w.bob.ctx, w.public.ID, reaction.KindLIKE, errs.NotFound, "subjectId"},
			{"HiddenPost", w.alice.ctx, hidden.ID, reaction.KindLIKE, errs.NotFound, "subjectId"},
			{"HiddenPostsAuthor", w.bob.ctx, hidden.ID, reaction.KindLIKE, errs.NotFound, "subjectId"},
			{"StaffBoardPost", w.alice.ctx, staffPost.ID, reaction.KindLIKE, errs.NotFound, "subjectId"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := w.svc.React(c.ctx, c.subject, c.kind)
				wantCode(t, err, c.code, c.field)
				_, err = w.svc.Unreact(c.ctx, c.subject, c.kind)
				wantCode(t, err, c.code, c.field)
			})
		}
		if after := db.Client.Reaction.Query().CountX(w.sys); after != before {
			t.Fatalf("refused reactions stored rows: %d → %d", before, after)
		}
		// Moderators see hidden posts, so they may react to them.
		if _, err := w.svc.React(w.marketer.ctx, hidden.ID, reaction.KindINSIGHTFUL); err != nil {
			t.Fatalf("staff reacting to a hidden post: %v", err)
		}
	})
}

func TestFollow_IdempotentNotifiesOnceAndCounts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		for i := 0; i < 2; i++ {
			m, err := w.svc.Follow(w.alice.ctx, w.bob.member())
			if err != nil || m.ID != w.bob.member() {
				t.Fatalf("Follow = %v, %v", m, err)
			}
		}
		if _, err := w.svc.Follow(w.carol.ctx, w.bob.member()); err != nil {
			t.Fatal(err)
		}
		if n := len(w.notifications(w.bob, notification.KindFOLLOW)); n != 2 {
			t.Fatalf("bob has %d FOLLOW notifications; want 2", n)
		}
		if n := len(w.interactions(interaction.KindFOLLOW)); n != 2 {
			t.Fatalf("%d FOLLOW interactions; want 2", n)
		}
		count := func(f func(context.Context, int) (int, error), ctx context.Context, id int) int {
			n, err := f(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if got := count(w.svc.FollowerCount, w.anon, w.bob.member()); got != 2 {
			t.Fatalf("bob's followers: %d", got)
		}
		if got := count(w.svc.FollowingCount, w.anon, w.alice.member()); got != 1 {
			t.Fatalf("alice follows %d", got)
		}
		for _, c := range []struct {
			who  context.Context
			want bool
		}{{w.alice.ctx, true}, {w.marketer.ctx, false}, {w.anon, false}} {
			if got, err := w.svc.ViewerFollows(c.who, w.bob.member()); err != nil || got != c.want {
				t.Fatalf("ViewerFollows = %v, %v; want %v", got, err, c.want)
			}
		}
		for i := 0; i < 2; i++ {
			if _, err := w.svc.Unfollow(w.alice.ctx, w.bob.member()); err != nil {
				t.Fatal(err)
			}
		}
		if got := count(w.svc.FollowerCount, w.anon, w.bob.member()); got != 1 {
			t.Fatalf("bob's followers after unfollow: %d", got)
		}

		for _, c := range []struct {
			name   string
			ctx    context.Context
			member int
			code   errs.Code
			field  string
		}{
			{"Self", w.alice.ctx, w.alice.member(), errs.Invalid, "memberId"},
			{"Missing", w.alice.ctx, w.alice.member() + 1_000_000, errs.NotFound, "memberId"},
			{"Anonymous", w.anon, w.bob.member(), errs.Unauthenticated, ""},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := w.svc.Follow(c.ctx, c.member)
				wantCode(t, err, c.code, c.field)
			})
		}
	})
}

func TestMentions_Parse(t *testing.T) {
	many := ""
	for i := 0; i < community.MaxMentions+3; i++ {
		many += fmt.Sprintf(" @user%02d", i)
	}
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"Plain", "hi @Mei and @bob_2", []string{"mei", "bob_2"}},
		{"SentenceEnd", "thanks @mei.", []string{"mei"}},
		{"Chinese", "謝謝@mei，還有 @li.wei。", []string{"mei", "li.wei"}},
		{"EmailIsNot", "write to mei@example.com", nil},
		{"Repeated", "@mei @MEI @mei", []string{"mei"}},
		{"TooShort", "@a", nil},
		{"Capped", many, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := community.Mentions(c.text)
			if c.name == "Capped" {
				if len(got) != community.MaxMentions {
					t.Fatalf("%d mentions; want %d", len(got), community.MaxMentions)
				}
				return
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("Mentions(%q) = %q; want %q", c.text, got, c.want)
			}
		})
	}
}

func TestMentions_NotifyOnlyWhoMaySee(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		// A post mentions members, itself, staff and nobody.
		p := w.post(w.alice, w.public, "hi", "hello @bob and @carol, me @alice, @marketer and @nobody")
		for _, c := range []struct {
			who  actor
			want int
		}{{w.bob, 1}, {w.carol, 1}, {w.alice, 0}, {w.marketer, 1}} {
			if n := len(w.notifications(c.who, notification.KindMENTION)); n != c.want {
				t.Fatalf("%s: %d MENTION notifications; want %d", c.who.handle, n, c.want)
			}
		}
		if n := len(w.interactions(interaction.KindMENTION)); n != 3 {
			t.Fatalf("%d MENTION interactions; want 3", n)
		}
		// On the STAFF board only staff hear of a mention.
		w.post(w.admin, w.staffB, "internal", "ask @bob and @marketer")
		if n := len(w.notifications(w.bob, notification.KindMENTION)); n != 1 {
			t.Fatalf("bob was told of a STAFF post (%d mentions)", n)
		}
		if n := len(w.notifications(w.marketer, notification.KindMENTION)); n != 2 {
			t.Fatalf("marketer: %d mentions; want 2", n)
		}
		// An edit notifies only the newly mentioned.
		body := "hello @bob and @carol, and now @marketer too"
		if _, err := w.svc.UpdatePost(w.alice.ctx, p.ID, community.PostPatch{Body: &body}); err != nil {
			t.Fatal(err)
		}
		if n := len(w.notifications(w.bob, notification.KindMENTION)); n != 1 {
			t.Fatalf("bob re-notified by an edit: %d", n)
		}
		// A reply that also mentions its target tells them once.
		w.comment(w.bob, p, "@alice thanks, and @carol")
		if r, m := len(w.notifications(w.alice, notification.KindREPLY)), len(w.notifications(w.alice, notification.KindMENTION)); r != 1 || m != 0 {
			t.Fatalf("alice: %d replies, %d mentions; want 1, 0", r, m)
		}
		if n := len(w.notifications(w.carol, notification.KindMENTION)); n != 2 {
			t.Fatalf("carol: %d mentions; want 2", n)
		}
		// At most MaxMentions members per item.
		for i := 0; i < community.MaxMentions+2; i++ {
			u := db.Client.User.Create().SetEmail(fmt.Sprintf("m%d@example.com", i)).SetPasswordHash("x").SaveX(w.sys)
			db.Client.Member.Create().SetUserID(u.ID).SetDisplayName("M").SetHandle(fmt.Sprintf("many%02d", i)).SaveX(w.sys)
		}
		before := db.Client.Notification.Query().CountX(w.sys)
		many := ""
		for i := 0; i < community.MaxMentions+2; i++ {
			many += fmt.Sprintf("@many%02d ", i)
		}
		w.comment(w.carol, p, many)
		// +1: alice's REPLY.
		if n := db.Client.Notification.Query().CountX(w.sys) - before; n != community.MaxMentions+1 {
			t.Fatalf("%d notifications for %d mentions; want %d", n, community.MaxMentions+2, community.MaxMentions+1)
		}
	})
}

func TestRateLimit_FloodsAreRefusedAndStoreNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		now := time.Now()
		w.svc.Limits = community.Limits{PostsPerWindow: 3, CommentsPerWindow: 4, Window: time.Minute}
		w.svc.Now = func() time.Time { return now }
		var first *ent.Post
		for i := 0; i < 3; i++ {
			first = w.post(w.alice, w.public, fmt.Sprint("post ", i), "b")
		}
		_, err := w.svc.CreatePost(w.alice.ctx, community.PostInput{BoardID: w.public.ID, Title: "one too many", Body: "b"})
		wantCode(t, err, errs.RateLimited)
		// Deleting does not give the slot back.
		if _, err := w.svc.DeletePost(w.alice.ctx, first.ID); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.CreatePost(w.alice.ctx, community.PostInput{BoardID: w.public.ID, Title: "one too many", Body: "b"})
		wantCode(t, err, errs.RateLimited)
		if n := db.Client.Post.Query().CountX(w.sys); n != 3 {
			t.Fatalf("%d posts stored; want 3", n)
		}
		// Others are not limited by alice's flood; admins never.
		w.post(w.bob, w.public, "bob", "b")
		for i := 0; i < 5; i++ {
			w.post(w.admin, w.public, "announcement", "b")
		}
		target := w.post(w.bob, w.public, "target", "b")
		for i := 0; i < 4; i++ {
			w.comment(w.alice, target, "c")
		}
		_, err = w.svc.CreateComment(w.alice.ctx, community.CommentInput{PostID: target.ID, Body: "flood"})
		wantCode(t, err, errs.RateLimited)
		if n := db.Client.Comment.Query().CountX(w.sys); n != 4 {
			t.Fatalf("%d comments stored; want 4", n)
		}
		// A window later the member may write again.
		now = now.Add(time.Minute + time.Second)
		w.post(w.alice, w.public, "later", "b")
		w.comment(w.alice, target, "later")
	})
}

func TestEditAndDelete_AuthorOrAdminAndLocks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "mine", "body")
		c := w.comment(w.bob, p, "a comment")
		sub := w.bus.Subscribe(community.BoardTopic(w.public.ID), 16)
		defer sub.Close()

		edited := "edited comment"
		for _, e := range []struct {
			name string
			ctx  context.Context
			code errs.Code
		}{
			{"OtherMember", w.alice.ctx, errs.Forbidden},
			{"Marketer", w.marketer.ctx, errs.Forbidden},
			{"Anonymous", w.anon, errs.Forbidden},
		} {
			t.Run("UpdateComment/"+e.name, func(t *testing.T) {
				_, err := w.svc.UpdateComment(e.ctx, c.ID, edited)
				wantCode(t, err, e.code)
			})
		}
		_, err := w.svc.UpdateComment(w.bob.ctx, c.ID, "  ")
		wantCode(t, err, errs.Invalid, "body")
		_, err = w.svc.UpdateComment(w.bob.ctx, c.ID, strings.Repeat("x", 20_001))
		wantCode(t, err, errs.Invalid, "body")
		if got, err := w.svc.UpdateComment(w.bob.ctx, c.ID, edited); err != nil || got.Body != edited {
			t.Fatalf("author's edit: %v, %v", got, err)
		}

		// Locked: members neither edit nor comment; admins still do.
		if _, err := w.svc.ModeratePost(w.admin.ctx, p.ID, community.PostFlags{Locked: ptr(true)}); err != nil {
			t.Fatal(err)
		}
		title := "changed"
		_, err = w.svc.UpdatePost(w.alice.ctx, p.ID, community.PostPatch{Title: &title})
		wantCode(t, err, errs.Forbidden)
		_, err = w.svc.CreateComment(w.bob.ctx, community.CommentInput{PostID: p.ID, Body: "more"})
		wantCode(t, err, errs.Forbidden)
		_, err = w.svc.UpdateComment(w.bob.ctx, c.ID, "again")
		wantCode(t, err, errs.Forbidden)
		if _, err := w.svc.UpdatePost(w.admin.ctx, p.ID, community.PostPatch{Title: &title}); err != nil {
			t.Fatalf("admin editing a locked post: %v", err)
		}
		w.comment(w.admin, p, "closing this thread")

		// Deleting: not others, the author yes; then it is gone from every view.
		_, err = w.svc.DeleteComment(w.alice.ctx, c.ID)
		wantCode(t, err, errs.Forbidden)
		if _, err := w.svc.DeleteComment(w.bob.ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.DeletePost(w.bob.ctx, p.ID)
		wantCode(t, err, errs.Forbidden)
		rep, err := w.svc.ReportContent(w.carol.ctx, p.ID, "spam")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.DeletePost(w.alice.ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if got := db.Client.Report.GetX(w.sys, rep.ID); got.Status != report.StatusRESOLVED {
			t.Fatalf("report of a deleted post: %s; want RESOLVED (nothing left to moderate)", got.Status)
		}
		for _, a := range []actor{w.alice, w.bob, w.marketer, w.admin} {
			if n := db.Client.Post.Query().CountX(a.ctx); n != 0 {
				t.Fatalf("%s still sees %d posts", a.handle, n)
			}
			if n := db.Client.Comment.Query().CountX(a.ctx); n != 0 {
				t.Fatalf("%s still sees %d comments", a.handle, n)
			}
			_, err := w.svc.DeletePost(a.ctx, p.ID)
			wantCode(t, err, errs.NotFound)
		}
		var types []string
		for len(sub.C()) > 0 {
			types = append(types, (<-sub.C()).Type)
		}
		for _, want := range []string{community.EventCommentUpdated, community.EventPostUpdated, community.EventCommentRemoved, community.EventPostRemoved} {
			if !slices.Contains(types, want) {
				t.Fatalf("events %v lack %s", types, want)
			}
		}
	})
}

func TestRenderMarkdown_NoScriptEverRuns(t *testing.T) {
	attacks := []string{
		`<script>alert(1)</script>`,
		"```\nok\n```\n<script>alert(1)</script>",
		`[click](javascript:alert(1))`,
		`[click](JaVaScRiPt:alert(1))`,
		`[click](javascript&#58;alert(1))`,
		"[click](\tjavascript:alert(1))",
		`[click](vbscript:msgbox(1))`,
		`[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
		`![x](javascript:alert(1))`,
		`<img src=x onerror=alert(1)>`,
		`<a href="https://example.com" onclick="alert(1)">x</a>`,
		"<div onmouseover=\"alert(1)\">\nraw block\n</div>",
		`<iframe src="https://evil.example"></iframe>`,
		`<svg onload=alert(1)>`,
		`<style>body{display:none}</style>`,
		`<object data="x"></object><embed src="x">`,
		`<form action="https://evil.example"><input name=p></form>`,
		"[x]: javascript:alert(1)\n\n[ref][x]",
		`<https://example.com/" onmouseover="alert(1)>`,
	}
	for i, src := range attacks {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			out := community.RenderMarkdown(src)
			if problem := unsafeHTML(out); problem != "" {
				t.Fatalf("RenderMarkdown(%q) = %q: %s", src, out, problem)
			}
		})
	}
	for _, c := range []struct{ src, want string }{
		{"**粗體** and _em_", "<strong>粗體</strong>"},
		{"[Kith](https://example.com/a?b=1)", `<a href="https://example.com/a?b=1" rel="nofollow noreferrer noopener" target="_blank">Kith</a>`},
		{"line one\nline two", "line one<br>"},
		{"- a\n- b", "<li>a</li>"},
		{"a < b & c", "a &lt; b &amp; c"},
	} {
		if out := community.RenderMarkdown(c.src); !strings.Contains(out, c.want) {
			t.Errorf("RenderMarkdown(%q) = %q; want it to contain %q", c.src, out, c.want)
		}
	}
}

func TestModeration_ReportsHideLockPin(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "questionable", "body")
		c := w.comment(w.alice, p, "also questionable")

		r1, err := w.svc.ReportContent(w.bob.ctx, p.ID, " spam ")
		if err != nil || r1.Reason != "spam" || r1.PostID != p.ID || r1.CommentID != nil {
			t.Fatalf("report = %+v, %v", r1, err)
		}
		again, err := w.svc.ReportContent(w.bob.ctx, p.ID, "different words")
		if err != nil || again.ID != r1.ID {
			t.Fatalf("a second report of the same post: %+v, %v; want the first", again, err)
		}
		rc, err := w.svc.ReportContent(w.carol.ctx, c.ID, "rude")
		if err != nil || rc.CommentID == nil || *rc.CommentID != c.ID || rc.PostID != p.ID {
			t.Fatalf("comment report = %+v, %v", rc, err)
		}
		for _, bad := range []struct {
			name    string
			ctx     context.Context
			subject int
			reason  string
			code    errs.Code
		}{
			{"EmptyReason", w.bob.ctx, p.ID, "  ", errs.Invalid},
			{"LongReason", w.bob.ctx, p.ID, strings.Repeat("長", 1001), errs.Invalid},
			{"Missing", w.bob.ctx, p.ID + 1_000_000, "spam", errs.NotFound},
			{"Anonymous", w.anon, p.ID, "spam", errs.Unauthenticated},
		} {
			t.Run(bad.name, func(t *testing.T) {
				_, err := w.svc.ReportContent(bad.ctx, bad.subject, bad.reason)
				wantCode(t, err, bad.code)
			})
		}

		// The queue: staff read it, members do not.
		if _, err := w.svc.ModerationQueue(w.bob.ctx, nil); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("member reading the queue: %v", err)
		}
		open := report.StatusOPEN
		q, err := w.svc.ModerationQueue(w.marketer.ctx, &open)
		if err != nil || q.CountX(w.marketer.ctx) != 2 {
			t.Fatalf("queue for a marketer: %v", err)
		}

		// Only admins moderate.
		for _, a := range []actor{w.alice, w.bob, w.marketer} {
			_, err := w.svc.ModeratePost(a.ctx, p.ID, community.PostFlags{Hidden: ptr(true)})
			wantCode(t, err, errs.Forbidden)
			_, err = w.svc.ModerateComment(a.ctx, c.ID, true)
			wantCode(t, err, errs.Forbidden)
		}
		w.hide(p)
		if n := db.Client.Post.Query().CountX(w.bob.ctx); n != 0 {
			t.Fatalf("a member still sees the hidden post")
		}
		if n := db.Client.Post.Query().CountX(w.marketer.ctx); n != 1 {
			t.Fatalf("staff no longer see the hidden post")
		}
		if got := db.Client.Report.GetX(w.sys, r1.ID); got.Status != report.StatusRESOLVED || got.ResolvedByID == nil || *got.ResolvedByID != w.admin.v.UserID {
			t.Fatalf("post report after hiding: %+v", got)
		}
		if got := db.Client.Report.GetX(w.sys, rc.ID); got.Status != report.StatusOPEN {
			t.Fatalf("hiding the post resolved the comment's report: %+v", got)
		}
		if _, err := w.svc.ModerateComment(w.admin.ctx, c.ID, true); err != nil {
			t.Fatal(err)
		}
		if got := db.Client.Report.GetX(w.sys, rc.ID); got.Status != report.StatusRESOLVED {
			t.Fatalf("comment report after hiding the comment: %+v", got)
		}
		// Unhide, lock, pin.
		got, err := w.svc.ModeratePost(w.admin.ctx, p.ID, community.PostFlags{Hidden: ptr(false), Locked: ptr(true), Pinned: ptr(true)})
		if err != nil || got.Hidden || !got.Locked || !got.Pinned {
			t.Fatalf("flags: %+v, %v", got, err)
		}
		// Dismissing: admins only; a member reading their own report is
		// told no, not "not found".
		r2, err := w.svc.ReportContent(w.carol.ctx, p.ID, "still bad")
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.DismissReport(w.carol.ctx, r2.ID)
		wantCode(t, err, errs.Forbidden)
		_, err = w.svc.DismissReport(w.bob.ctx, r2.ID)
		wantCode(t, err, errs.NotFound)
		if d, err := w.svc.DismissReport(w.admin.ctx, r2.ID); err != nil || d.Status != report.StatusDISMISSED {
			t.Fatalf("dismiss = %+v, %v", d, err)
		}
	})
}

func TestNotifications_ListAndMarkRead(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "hi", "hello @bob")
		w.comment(w.bob, p, "hi back")
		if _, err := w.svc.Follow(w.bob.ctx, w.alice.member()); err != nil {
			t.Fatal(err)
		}
		q, err := w.svc.MyNotifications(w.alice.ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		mine := q.AllX(w.alice.ctx)
		if len(mine) != 2 {
			t.Fatalf("alice has %d unread notifications; want 2 (reply, follow)", len(mine))
		}
		bobs := w.notifications(w.bob, notification.KindMENTION)
		// Someone else's ids change nothing.
		if n, err := w.svc.MarkNotificationsRead(w.alice.ctx, []int{bobs[0].ID}); err != nil || n != 0 {
			t.Fatalf("marking bob's notification as alice: %d, %v", n, err)
		}
		if n, err := w.svc.MarkNotificationsRead(w.alice.ctx, []int{mine[0].ID}); err != nil || n != 1 {
			t.Fatalf("mark one: %d, %v", n, err)
		}
		if n, err := w.svc.MarkNotificationsRead(w.alice.ctx, nil); err != nil || n != 1 {
			t.Fatalf("mark all: %d, %v", n, err)
		}
		if q, _ := w.svc.MyNotifications(w.alice.ctx, true); q.CountX(w.alice.ctx) != 0 {
			t.Fatal("unread notifications left")
		}
		if q, _ := w.svc.MyNotifications(w.alice.ctx, false); q.CountX(w.alice.ctx) != 2 {
			t.Fatal("read notifications are no longer listed")
		}
		if db.Client.Notification.GetX(w.sys, bobs[0].ID).ReadAt != nil {
			t.Fatal("bob's notification was marked read")
		}
		_, err = w.svc.MyNotifications(w.anon, false)
		wantCode(t, err, errs.Unauthenticated)
	})
}

// unsafeHTML parses out as a browser would and names what could run a
// script: an element outside the user-content allowlist, an event-handler
// attribute, or a URL attribute whose scheme is not http, https or mailto.
// Text that merely mentions such things is harmless and allowed.
func unsafeHTML(out string) string {
	allowed := map[string]bool{"p": true, "a": true, "strong": true, "em": true, "del": true, "code": true, "pre": true,
		"br": true, "ul": true, "ol": true, "li": true, "blockquote": true, "h1": true, "h2": true, "h3": true, "h4": true,
		"h5": true, "h6": true, "hr": true, "img": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			if !allowed[tok.Data] {
				return "element <" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
					return "attribute " + key
				}
				if key == "href" || key == "src" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if i := strings.IndexAny(v, ":/?#"); i >= 0 && v[i] == ':' {
						if scheme := v[:i]; scheme != "http" && scheme != "https" && scheme != "mailto" {
							return "URL scheme " + scheme
						}
					}
				}
			}
		}
	}
}

// TestConcurrentWrites_LimitHoldsAndNoDeadlock races one member's posts
// against the flood limit, and two members following each other back and
// forth: the limit admits exactly its number, and nothing deadlocks.
func TestConcurrentWrites_LimitHoldsAndNoDeadlock(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		w.svc.Limits = community.Limits{PostsPerWindow: 5}
		const racers = 12
		errc := make(chan error, racers)
		for i := 0; i < racers; i++ {
			go func() {
				_, err := w.svc.CreatePost(w.alice.ctx, community.PostInput{BoardID: w.public.ID, Title: "race", Body: "b"})
				errc <- err
			}()
		}
		limited := 0
		for i := 0; i < racers; i++ {
			if err := <-errc; err != nil {
				wantCode(t, err, errs.RateLimited)
				limited++
			}
		}
		if n := db.Client.Post.Query().CountX(w.sys); n != 5 || limited != racers-5 {
			t.Fatalf("%d posts stored, %d refused; want 5 and %d", n, limited, racers-5)
		}

		const rounds = 10
		done := make(chan error, 2)
		for _, pair := range [][2]actor{{w.alice, w.bob}, {w.bob, w.alice}} {
			go func() {
				for i := 0; i < rounds; i++ {
					if _, err := w.svc.Follow(pair[0].ctx, pair[1].member()); err != nil {
						done <- err
						return
					}
					if _, err := w.svc.Unfollow(pair[0].ctx, pair[1].member()); err != nil {
						done <- err
						return
					}
				}
				done <- nil
			}()
		}
		for i := 0; i < 2; i++ {
			if err := <-done; err != nil {
				t.Fatalf("following each other: %v", err)
			}
		}
	})
}
