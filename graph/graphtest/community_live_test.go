package graphtest

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/kith-crm/kith/internal/history"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

const boardEventsQ = `subscription($b: ID!) { boardEvents(boardId: $b) {
	type postId commentId
	post { id title hidden bodyHTML author { handle } }
	comment { id body }
	reactions { subjectId counts { kind count } viewerReactions }
} }`

// boardEventMsg is one boardEvents payload.
type boardEventMsg struct {
	Type      string
	PostID    string
	CommentID *string
	Post      *struct {
		ID     string
		Hidden bool
	}
	Comment   *struct{ ID string }
	Reactions *struct {
		SubjectID string
		Counts    []struct {
			Kind  string
			Count int
		}
		ViewerReactions []string
	}
}

// ids lists every object id the event names, to check nobody hears of
// what they may not see.
func (e boardEventMsg) ids() []string {
	out := []string{e.PostID}
	if e.CommentID != nil {
		out = append(out, *e.CommentID)
	}
	if e.Post != nil {
		out = append(out, e.Post.ID)
	}
	if e.Comment != nil {
		out = append(out, e.Comment.ID)
	}
	if e.Reactions != nil {
		out = append(out, e.Reactions.SubjectID)
	}
	return out
}

// label is "TYPE subject", the subject being the comment for comment
// events and the reacted-to subject for reaction events.
func (e boardEventMsg) label() string {
	id := e.PostID
	switch {
	case e.Reactions != nil:
		id = e.Reactions.SubjectID
	case e.CommentID != nil:
		id = *e.CommentID
	}
	return e.Type + " " + id
}

func (s *wsSub) nextBoardEvent(t *testing.T) boardEventMsg {
	t.Helper()
	m, ok := s.next(kithtest.Timeout)
	if !ok {
		t.Fatal("boardEvents: stream ended or stalled")
	}
	data, isData := m.data()
	if !isData {
		t.Fatalf("boardEvents: got %s %s", m.Type, m.Payload)
	}
	var d struct{ BoardEvents boardEventMsg }
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d.BoardEvents
}

func label(typ string, id int) string { return typ + " " + gid(id) }

// TestBoardEvents_NobodyHearsOfWhatTheyMayNotSee subscribes every role to
// one board over graphql-transport-ws, then causes events about content
// only staff may see, reactions, and a moderator hiding a post. Each role
// must receive exactly its own view, in order: members never an id of
// hidden content, and the hidden post vanishing (POST_REMOVED) at once.
func TestBoardEvents_NobodyHearsOfWhatTheyMayNotSee(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		w := newWorld(t, env)
		subs := map[role]*wsSub{}
		for _, r := range roles {
			subs[r] = subscribe(t, env, w.token(r), boardEventsQ, map[string]any{"b": gid(w.boardPublic)})
		}
		warm := map[string]bool{}
		live := map[role]bool{}
		deadline := time.Now().Add(kithtest.Timeout)
		for len(live) < len(roles) {
			if time.Now().After(deadline) {
				t.Fatalf("subscriptions not live: %v", live)
			}
			warm[gid(w.postOn(w.token(admin), w.boardPublic, "warm-up"))] = true
			for _, r := range roles {
				if _, ok := subs[r].next(100 * time.Millisecond); ok {
					live[r] = true
				}
			}
		}

		adm := w.token(admin)
		react := func(tok string, subject int, kind string) {
			w.env.MustDo(tok, `mutation($s: ID!, $k: ReactionKind!) { react(subjectId: $s, kind: $k) { subjectId } }`,
				map[string]any{"s": gid(subject), "k": kind})
		}
		// Content only staff may see, and what happens to it.
		bornHidden := w.hiddenPostEvent(db, env.Bus)
		staffNote := w.mustID(adm, "createComment", `mutation($p: ID!) { createComment(input: {postId: $p, body: "note"}) { id } }`,
			map[string]any{"p": gid(w.postHidden)})
		react(w.token(marketer), w.postHidden, "INSIGHTFUL")
		react(adm, w.commentHidden, "FUNNY")
		// Visible content.
		react(w.token(member), w.postPublic, "LIKE")
		target := w.postOn(w.token(other), w.boardPublic, "about to be hidden")
		// Each event shows the state its hub loads, so a hide landing before
		// the hub has loaded the new post would make it arrive hidden (for
		// members: not at all). Everyone receives it before the moderator acts.
		got := map[role][]boardEventMsg{}
		readUntil := func(r role, stop string) {
			t.Helper()
			for {
				e := subs[r].nextBoardEvent(t)
				if e.Type == "POST_ADDED" && warm[e.PostID] {
					continue
				}
				got[r] = append(got[r], e)
				if e.label() == stop {
					return
				}
			}
		}
		for _, r := range roles {
			readUntil(r, label("POST_ADDED", target))
		}
		w.env.MustDo(adm, `mutation($id: ID!) { hidePost(id: $id) { id } }`, map[string]any{"id": gid(target)})
		last := w.postOn(adm, w.boardPublic, "last")

		public := []string{
			label("REACTIONS_CHANGED", w.postPublic),
			label("POST_ADDED", target),
			label("POST_REMOVED", target),
			label("POST_ADDED", last),
		}
		staff := []string{
			label("POST_ADDED", bornHidden),
			label("COMMENT_ADDED", staffNote),
			label("REACTIONS_CHANGED", w.postHidden),
			label("REACTIONS_CHANGED", w.commentHidden),
			label("REACTIONS_CHANGED", w.postPublic),
			label("POST_ADDED", target),
			label("POST_UPDATED", target),
			label("POST_ADDED", last),
		}
		secret := []string{gid(bornHidden), gid(w.postHidden), gid(w.commentHidden), gid(staffNote)}
		for _, r := range roles {
			readUntil(r, label("POST_ADDED", last))
			got := got[r]
			var labels []string
			for _, e := range got {
				labels = append(labels, e.label())
			}
			want := public
			if r == marketer || r == manager || r == admin {
				want = staff
			} else {
				for _, e := range got {
					for _, id := range e.ids() {
						if slices.Contains(secret, id) {
							t.Errorf("%s heard of hidden content %s: %+v", r, id, e)
						}
					}
				}
			}
			if !slices.Equal(labels, want) {
				t.Errorf("%s received\n  %s\nwant\n  %s", r, strings.Join(labels, "\n  "), strings.Join(want, "\n  "))
				continue
			}
			for _, e := range got {
				switch {
				case e.Type == "REACTIONS_CHANGED" && e.Reactions.SubjectID == gid(w.postPublic):
					// The count is everyone's; "mine" only alice's.
					mine := slices.Equal(e.Reactions.ViewerReactions, []string{"LIKE"})
					if len(e.Reactions.Counts) != 1 || e.Reactions.Counts[0].Count != 1 || mine != (r == member) {
						t.Errorf("%s: reactions %+v", r, e.Reactions)
					}
				case e.Type == "POST_REMOVED" && (e.Post != nil || e.Comment != nil):
					t.Errorf("%s: a removal carries content: %+v", r, e)
				case e.Type == "POST_UPDATED" && (e.Post == nil || !e.Post.Hidden):
					t.Errorf("%s: staff should see the hidden post flagged: %+v", r, e)
				}
			}
		}
	})
}

// TestCommentAdded_EndsWhenThePostIsHidden: a member watching a post's
// comments receives new ones, and the stream completes the moment a
// moderator hides the post.
func TestCommentAdded_EndsWhenThePostIsHidden(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		w := newWorld(t, env)
		target := w.postOn(w.token(other), w.boardPublic, "thread")
		sub := subscribe(t, env, w.token(member), `subscription($p: ID!) { commentAdded(postId: $p) { id body bodyHTML author { handle } } }`,
			map[string]any{"p": gid(target)})
		deadline := time.Now().Add(kithtest.Timeout)
		for {
			if time.Now().After(deadline) {
				t.Fatal("commentAdded not live")
			}
			w.env.MustDo(w.token(other), createCommentQ, map[string]any{"p": gid(target)})
			if m, ok := sub.next(300 * time.Millisecond); ok {
				if _, isData := m.data(); !isData {
					t.Fatalf("got %s %s", m.Type, m.Payload)
				}
				break
			}
		}
		w.env.MustDo(w.token(admin), `mutation($id: ID!) { hidePost(id: $id) { id } }`, map[string]any{"id": gid(target)})
		for {
			m, ok := sub.next(kithtest.Timeout)
			if !ok {
				t.Fatal("no complete after the post was hidden")
			}
			if m.Type == "complete" {
				break
			}
			if m.Type != "next" {
				t.Fatalf("got %s %s; want complete", m.Type, m.Payload)
			}
		}
		// And the post is gone from the member's lists.
		res := w.do(w.token(member), `query($q: String!) { searchPosts(query: $q) { totalCount } posts(where: {title: "thread"}) { totalCount } }`,
			map[string]any{"q": "thread"})
		if !strings.Contains(string(res.Data), `"searchPosts":{"totalCount":0}`) || !strings.Contains(string(res.Data), `"posts":{"totalCount":0}`) {
			t.Fatalf("hidden post still listed: %s", res.Body)
		}
	})
}

// TestNotifications_LiveAndOnlyOwn: notifications reach their recipient
// live, and only them.
func TestNotifications_LiveAndOnlyOwn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		w := newWorld(t, env)
		q := `subscription { notifications { id kind subjectID actor { handle } } }`
		alice := subscribe(t, env, w.token(member), q, nil)
		bob := subscribe(t, env, w.token(other), q, nil)
		type note struct {
			Kind      string
			SubjectID int
			Actor     *struct{ Handle string }
		}
		nextNote := func(s *wsSub) note {
			t.Helper()
			m, ok := s.next(kithtest.Timeout)
			if !ok {
				t.Fatal("notifications: stream ended or stalled")
			}
			data, isData := m.data()
			if !isData {
				t.Fatalf("notifications: got %s %s", m.Type, m.Payload)
			}
			var d struct{ Notifications note }
			if err := json.Unmarshal(data, &d); err != nil {
				t.Fatal(err)
			}
			return d.Notifications
		}
		// Warm up: follows notify, so re-follow until both streams are live.
		live := map[*wsSub]bool{}
		deadline := time.Now().Add(kithtest.Timeout)
		for len(live) < 2 {
			if time.Now().After(deadline) {
				t.Fatal("notifications not live")
			}
			for _, f := range []struct {
				tok, memberID string
				sub           *wsSub
			}{{w.token(other), gid(w.users[member].MemberID), alice}, {w.token(member), gid(w.users[other].MemberID), bob}} {
				if live[f.sub] {
					continue
				}
				vars := map[string]any{"m": f.memberID}
				w.env.MustDo(f.tok, `mutation($m: ID!) { unfollow(memberId: $m) { id } }`, vars)
				w.env.MustDo(f.tok, `mutation($m: ID!) { follow(memberId: $m) { id } }`, vars)
				if m, ok := f.sub.next(300 * time.Millisecond); ok {
					if _, isData := m.data(); !isData {
						t.Fatalf("got %s %s", m.Type, m.Payload)
					}
					live[f.sub] = true
				}
			}
		}
		drain := func(s *wsSub) {
			for {
				if _, ok := s.next(300 * time.Millisecond); !ok {
					return
				}
			}
		}
		drain(alice)
		drain(bob)

		p := w.postOn(w.token(other), w.boardPublic, "hey @alice")
		if n := nextNote(alice); n.Kind != "MENTION" || n.SubjectID != p || n.Actor == nil || n.Actor.Handle != "bob" {
			t.Fatalf("alice got %+v; want MENTION of post %d by bob", n, p)
		}
		c := w.mustID(w.token(other), "createComment", createCommentQ, map[string]any{"p": gid(w.postPublic)})
		if n := nextNote(alice); n.Kind != "REPLY" || n.SubjectID != c {
			t.Fatalf("alice got %+v; want REPLY %d", n, c)
		}
		// Bob hears of none of that; his next notification is his own.
		w.mustID(w.token(member), "createComment", createCommentQ, map[string]any{"p": gid(p)})
		if n := nextNote(bob); n.Kind != "REPLY" {
			t.Fatalf("bob got %+v; want only his own REPLY", n)
		}
		// Stored too, read or unread.
		res := w.env.MustDo(w.token(member), `{ myNotifications(unreadOnly: true, first: 100) { totalCount edges { node { kind } } } }`, nil)
		var d struct {
			MyNotifications struct{ TotalCount int }
		}
		res.Decode(t, &d)
		if d.MyNotifications.TotalCount < 3 {
			t.Fatalf("alice has %d unread notifications stored; want at least 3", d.MyNotifications.TotalCount)
		}
		res = w.env.MustDo(w.token(member), `mutation { markNotificationsRead }`, nil)
		if !strings.Contains(string(res.Data), strconv.Itoa(d.MyNotifications.TotalCount)) {
			t.Fatalf("markNotificationsRead: %s; want %d", res.Data, d.MyNotifications.TotalCount)
		}
	})
}

// TestBoardEvents_AcrossReplicas runs two servers over one database, each
// with its own community service (and on PostgreSQL its own NOTIFY
// listener): what happens through server A reaches a subscriber of server
// B, filtered for B's viewer.
func TestBoardEvents_AcrossReplicas(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		var busA, busB *pubsub.Bus
		dbB := db
		if db.Dialect == dialect.Postgres {
			var err error
			if dbB, err = store.OpenPostgres(context.Background(), db.URL); err != nil {
				t.Fatal(err)
			}
			history.Register(dbB.Client)
			t.Cleanup(func() { dbB.Close() })
			for _, b := range []**pubsub.Bus{&busA, &busB} {
				if *b, err = pubsub.NewPostgresBus(db.URL, nil); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { (*b).Close() })
			}
		} else {
			// One process: the replicas share the in-memory bus.
			busA = pubsub.NewMemoryBus()
			busB = busA
			t.Cleanup(func() { busA.Close() })
		}
		a := kithtest.Start(t, db, kithtest.Options{Bus: busA})
		b := kithtest.Start(t, dbB, kithtest.Options{Bus: busB})
		if a.Resolver.Community == b.Resolver.Community {
			t.Fatal("the two servers share a community service")
		}
		w := newWorld(t, a)
		sub := subscribe(t, b, w.token(other), boardEventsQ, map[string]any{"b": gid(w.boardPublic)})
		deadline := time.Now().Add(kithtest.Timeout)
		for {
			if time.Now().After(deadline) {
				t.Fatal("boardEvents on B not live")
			}
			w.postOn(w.token(admin), w.boardPublic, "warm-up")
			if _, ok := sub.next(300 * time.Millisecond); ok {
				break
			}
		}
		for {
			if _, ok := sub.next(300 * time.Millisecond); !ok {
				break
			}
		}
		w.env.MustDo(w.token(member), `mutation($s: ID!) { react(subjectId: $s, kind: CELEBRATE) { subjectId } }`, map[string]any{"s": gid(w.postPublic)})
		w.env.MustDo(w.token(admin), `mutation($id: ID!) { hidePost(id: $id) { id } }`, map[string]any{"id": gid(w.postPublic)})
		if e := sub.nextBoardEvent(t); e.label() != label("REACTIONS_CHANGED", w.postPublic) || len(e.Reactions.ViewerReactions) != 0 {
			t.Fatalf("B's subscriber got %+v; want REACTIONS_CHANGED, not as theirs", e)
		}
		if e := sub.nextBoardEvent(t); e.label() != label("POST_REMOVED", w.postPublic) {
			t.Fatalf("B's subscriber got %+v; want POST_REMOVED", e)
		}
	})
}
