package graphtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/graph/generated"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/history"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/server"
)

// Shared rendering of live events (internal/fanout) must be invisible: each
// subscriber receives the bytes the per-subscriber execution would have sent
// it. These tests run two servers over one database and one event bus, one
// sharing executions and one executing per subscriber, subscribe the same
// viewers with the same selections to both, and compare every payload byte
// for byte.

// fanoutPair starts a server that shares executions (shared) and one that
// executes per subscriber (single) over db, with one event bus between them,
// and the world both see.
func fanoutPair(t *testing.T, db *store.DB) (shared, single *kithtest.Env, w *world) {
	t.Helper()
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
		busA = pubsub.NewMemoryBus()
		busB = busA
		t.Cleanup(func() { busA.Close() })
	}
	shared = kithtest.Start(t, db, kithtest.Options{Bus: busA})
	single = kithtest.Start(t, dbB, kithtest.Options{Bus: busB, ExecuteLivePerSubscriber: true})
	return shared, single, newWorld(t, shared)
}

// liveStream is one subscription on a socket: its messages, in order.
type liveStream struct {
	label string // selection, viewer and socket, for messages
	msgs  chan wsMsg
}

// liveSocket routes the messages of one socket to its subscriptions by id.
type liveSocket struct {
	sub     *wsSub
	streams map[string]*liveStream
}

func openLiveSocket(t *testing.T, env *kithtest.Env, tok string) *liveSocket {
	t.Helper()
	return &liveSocket{sub: dialWS(t, env, tok), streams: map[string]*liveStream{}}
}

// start subscribes id; call route once every subscription is started.
func (s *liveSocket) start(id, label, query string, vars map[string]any) *liveStream {
	st := &liveStream{label: label, msgs: make(chan wsMsg, 256)}
	s.streams[id] = st
	s.sub.start(id, query, vars)
	return st
}

func (s *liveSocket) route() {
	go func() {
		for m := range s.sub.msgs {
			if st := s.streams[m.ID]; st != nil {
				st.msgs <- m
			}
		}
		for _, st := range s.streams {
			close(st.msgs)
		}
	}()
}

// next returns the stream's next message that is not about one of skip's
// posts (the warm-up), or fails the test.
func (st *liveStream) next(t *testing.T, skip map[string]bool) wsMsg {
	t.Helper()
	deadline := time.After(kithtest.Timeout)
	for {
		select {
		case m, ok := <-st.msgs:
			if !ok {
				t.Fatalf("%s: the socket closed", st.label)
			}
			if m.Type == "next" && skip[eventPostID(m.Payload)] {
				continue
			}
			return m
		case <-deadline:
			t.Fatalf("%s: no message within %s", st.label, kithtest.Timeout)
			return wsMsg{}
		}
	}
}

// eventPostID returns the post a payload is about: the postId of a board
// event, or the id of a post (postAdded), whatever the root field's alias.
func eventPostID(payload json.RawMessage) string {
	var p struct{ Data map[string]json.RawMessage }
	if json.Unmarshal(payload, &p) != nil {
		return ""
	}
	for _, v := range p.Data {
		var e struct {
			PostID string
			ID     string
		}
		if json.Unmarshal(v, &e) == nil {
			if e.PostID != "" {
				return e.PostID
			}
			return e.ID
		}
	}
	return ""
}

// liveCase is one selection subscribed by every viewer on both servers.
type liveCase struct {
	name, query string
	vars        map[string]any
	// perViewer: the selection has viewer-dependent fields, so only the
	// anonymous subscribers share an execution.
	perViewer bool
}

// liveViewers subscribe to the shared server: two sockets for the anonymous
// viewers and for alice, so that they share, one for the others.
var liveViewers = []struct {
	r       role
	sockets int
}{{anon, 2}, {member, 2}, {other, 1}, {marketer, 1}, {admin, 1}}

// liveRun is every stream of a comparison: on the shared server, and the
// reference stream of the same case and viewer on the single server.
type liveRun struct {
	t      *testing.T
	shared []*liveStream
	refOf  map[*liveStream]*liveStream
	all    []*liveStream
	warm   map[string]bool
	// multi is the anonymous socket with two subscriptions, if any.
	multi *liveSocket
}

// drop forgets st: later steps expect nothing of it.
func (run *liveRun) drop(st *liveStream) {
	run.all = slices.DeleteFunc(run.all, func(s *liveStream) bool { return s == st })
	run.shared = slices.DeleteFunc(run.shared, func(s *liveStream) bool { return s == st })
}

func (run *liveRun) add(shared, ref *liveStream) {
	run.shared = append(run.shared, shared)
	run.refOf[shared] = ref
}

// subscribeAll starts every case for every viewer on both servers, plus one
// anonymous socket on the shared server carrying the first two cases at
// once (so frames written for one id must not reach the other).
func subscribeAll(t *testing.T, shared, single *kithtest.Env, w *world, cases []liveCase) *liveRun {
	run := &liveRun{t: t, refOf: map[*liveStream]*liveStream{}, warm: map[string]bool{}}
	refs := map[string]*liveStream{}
	var sockets []*liveSocket
	for _, v := range liveViewers {
		ref := openLiveSocket(t, single, w.token(v.r))
		for i, c := range cases {
			refs[c.name+"/"+string(v.r)] = ref.start(fmt.Sprint("c", i), fmt.Sprintf("%s as %s (per subscriber)", c.name, v.r), c.query, c.vars)
		}
		sockets = append(sockets, ref)
	}
	for _, v := range liveViewers {
		for n := range v.sockets {
			s := openLiveSocket(t, shared, w.token(v.r))
			for i, c := range cases {
				st := s.start(fmt.Sprint("c", i), fmt.Sprintf("%s as %s, socket %d (shared)", c.name, v.r, n+1), c.query, c.vars)
				run.add(st, refs[c.name+"/"+string(v.r)])
			}
			sockets = append(sockets, s)
		}
	}
	if len(cases) > 1 {
		s := openLiveSocket(t, shared, "")
		run.add(s.start("first", cases[0].name+" as anonymous, id first (shared)", cases[0].query, cases[0].vars), refs[cases[0].name+"/"+string(anon)])
		run.add(s.start("second", cases[1].name+" as anonymous, id second (shared)", cases[1].query, cases[1].vars), refs[cases[1].name+"/"+string(anon)])
		sockets = append(sockets, s)
		run.multi = s
	}
	for _, s := range sockets {
		s.route()
		for _, st := range s.streams {
			run.all = append(run.all, st)
		}
	}
	return run
}

// warmUp causes events with cause (which returns the id of the post, or
// comment, each is about) until every stream has received something (the
// server does not acknowledge a subscribe), then reads every stream up to
// the last one; later steps skip any warm-up event.
func (run *liveRun) warmUp(cause func() string) {
	t := run.t
	t.Helper()
	seen := map[*liveStream]string{} // the last warm-up event each has received
	deadline := time.Now().Add(kithtest.Timeout)
	var last string
	for len(seen) < len(run.all) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d streams live after %s", len(seen), len(run.all), kithtest.Timeout)
		}
		last = cause()
		run.warm[last] = true
		time.Sleep(50 * time.Millisecond)
		for _, st := range run.all {
		drain:
			for {
				select {
				case m := <-st.msgs:
					if m.Type != "next" {
						t.Fatalf("%s: warm-up got %s %s", st.label, m.Type, m.Payload)
					}
					seen[st] = eventPostID(m.Payload)
				default:
					break drain
				}
			}
		}
	}
	for _, st := range run.all {
		for seen[st] != last {
			seen[st] = eventPostID(st.next(t, nil).Payload)
		}
	}
}

// step does one thing and checks that every stream receives want messages
// for it, and that every shared stream's are byte for byte its reference's.
// It returns what each stream received.
func (run *liveRun) step(name string, want int, do func()) map[*liveStream][]wsMsg {
	t := run.t
	t.Helper()
	do()
	got := map[*liveStream][]wsMsg{}
	for _, st := range run.all {
		for range want {
			got[st] = append(got[st], st.next(t, run.warm))
		}
	}
	for _, st := range run.shared {
		ref := run.refOf[st]
		for i, m := range got[st] {
			r := got[ref][i]
			if m.Type != r.Type || !bytes.Equal(m.Payload, r.Payload) {
				t.Errorf("%s: %s\n  got  %s %s\n  want %s %s (%s)", name, st.label, m.Type, m.Payload, r.Type, r.Payload, ref.label)
			}
		}
	}
	return got
}

// webBoardEventsQ is the web app's BoardEvents subscription with its
// fragments: comment counts, reactions with viewerReactions, and (added
// here) whether the viewer follows the author.
const webBoardEventsQ = `subscription BoardEvents($b: ID!) {
  boardEvents(boardId: $b) {
    type postId commentId
    post { ...PostFields bodyHTML hidden updatedAt author { viewerFollows followerCount } }
    comment { ...CommentFields }
    reactions { ...ReactionFields }
  }
}
fragment ReactionFields on ReactionSummary { subjectId counts { kind count } viewerReactions }
fragment PostFields on Post {
  id title body tags createdAt pinned locked
  comments(first: 0) { totalCount }
  author { id handle displayName }
  board { id name }
  reactions { ...ReactionFields }
}
fragment CommentFields on Comment {
  id postID parentID body bodyHTML hidden createdAt updatedAt
  author { id handle displayName }
  reactions { ...ReactionFields }
}`

// fragmentsQ selects only fields of the event's item, through named and
// inline fragments, aliases, __typename, and fields kept or dropped by
// variables.
const fragmentsQ = `subscription Events($b: ID!, $body: Boolean!, $noAuthor: Boolean!) {
  ev: boardEvents(boardId: $b) {
    __typename
    kind: type
    ... on BoardEvent { postId commentId }
    post { ...P ... on Node { nodeId: id } }
    comment { ...C }
    reactions { __typename subjectId mine: viewerReactions counts { n: count kind } }
  }
}
fragment P on Post {
  __typename id t: title body @include(if: $body) bodyHTML hidden locked pinned tags createdAt updatedAt boardID authorID
  author @skip(if: $noAuthor) { __typename handle displayName avatarURL bio }
  board { name slug description readAccess postAccess position }
}
fragment C on Comment {
  id body bodyHTML hidden parentID postID
  post { id title board { id } author { handle } }
  author { handle }
}`

// TestLiveFanout_SharedBytesAreThePerSubscriberBytes subscribes anonymous
// viewers, two members, a marketer and an admin to boardEvents with four
// selections on both servers, then posts, comments, reacts (alice's own
// reactions show only to her), edits, and hides a comment and the post
// (members: removals; staff: updates). Every shared stream must receive
// exactly its reference's bytes, and the shared server must have grouped
// the subscriptions by selection and visibility class: one group per
// selection and role, and for the viewer-dependent selection one for the
// anonymous viewers only.
func TestLiveFanout_SharedBytesAreThePerSubscriberBytes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		shared, single, w := fanoutPair(t, db)
		b := gid(w.boardPublic)
		cases := []liveCase{
			{name: "plain", query: boardEventsQ, vars: map[string]any{"b": b}},
			{name: "fragments with body", query: fragmentsQ, vars: map[string]any{"b": b, "body": true, "noAuthor": false}},
			{name: "fragments without body or author", query: fragmentsQ, vars: map[string]any{"b": b, "body": false, "noAuthor": true}},
			{name: "web app", query: webBoardEventsQ, vars: map[string]any{"b": b}, perViewer: true},
		}
		run := subscribeAll(t, shared, single, w, cases)
		run.warmUp(func() string { return gid(w.postOn(w.token(admin), w.boardPublic, "warm-up")) })

		// Four roles (anonymous, MEMBER, MARKETER, ADMIN) per item-only
		// selection; the anonymous viewers alone for the web app's.
		var groups, subs int
		for _, c := range cases {
			if c.perViewer {
				groups++
				subs += liveViewers[0].sockets
				continue
			}
			groups += 4
			for _, v := range liveViewers {
				subs += v.sockets
			}
		}
		subs += 2 // the anonymous socket with two subscriptions
		if got := shared.Server.LiveFanout(); got != (server.LiveFanoutStats{Groups: groups, Subscriptions: subs, Written: subs}) {
			t.Errorf("shared server: %+v; want %d groups, %d subscriptions all written by the adapter", got, groups, subs)
		}
		if got := single.Server.LiveFanout(); got != (server.LiveFanoutStats{}) {
			t.Fatalf("per-subscriber server shares: %+v", got)
		}

		var post, comment int
		run.step("bob posts", 1, func() { post = w.postOn(w.token(other), w.boardPublic, "shared <b>bytes</b> & more") })
		run.step("alice comments", 1, func() {
			comment = w.mustID(w.token(member), "createComment", createCommentQ, map[string]any{"p": gid(post)})
		})
		run.step("alice reacts to the post", 1, func() {
			w.env.MustDo(w.token(member), reactQ("react"), map[string]any{"s": gid(post), "k": "LIKE"})
		})
		run.step("bob reacts to the comment", 1, func() {
			w.env.MustDo(w.token(other), reactQ("react"), map[string]any{"s": gid(comment), "k": "LOVE"})
		})
		run.step("alice follows bob", 0, func() {
			w.env.MustDo(w.token(member), followQ("follow"), map[string]any{"m": gid(w.users[other].MemberID)})
		})
		run.step("bob edits the post", 1, func() {
			w.env.MustDo(w.token(other), `mutation($id: ID!) { updatePost(id: $id, input: {title: "edited"}) { id } }`, map[string]any{"id": gid(post)})
		})
		run.step("the admin hides the comment", 1, func() {
			w.env.MustDo(w.token(admin), `mutation($id: ID!) { hideComment(id: $id) { id } }`, map[string]any{"id": gid(comment)})
		})
		run.step("the admin hides the post", 1, func() {
			w.env.MustDo(w.token(admin), `mutation($id: ID!) { hidePost(id: $id) { id } }`, map[string]any{"id": gid(post)})
		})
		run.step("alice posts", 1, func() { w.postOn(w.token(member), w.boardPublic, "last") })

		// A client completing one of its two shared subscriptions ends just
		// that one: the server completes it and stops counting it.
		first := run.multi.streams["first"]
		run.multi.sub.send(wsMsg{Type: "complete", ID: "first"})
		if m := first.next(t, nil); m.Type != "complete" {
			t.Fatalf("after the client's complete: %s %s", m.Type, m.Payload)
		}
		run.drop(first)
		deadline := time.Now().Add(kithtest.Timeout)
		for shared.Server.LiveFanout().Subscriptions != subs-1 {
			if time.Now().After(deadline) {
				t.Fatalf("shared server after one complete: %+v; want %d subscriptions", shared.Server.LiveFanout(), subs-1)
			}
			time.Sleep(10 * time.Millisecond)
		}
		run.step("bob posts again", 1, func() { w.postOn(w.token(other), w.boardPublic, "after a complete") })
		select {
		case m := <-first.msgs:
			t.Fatalf("the completed subscription received %s %s", m.Type, m.Payload)
		default:
		}
	})
}

// TestLiveFanout_PostAndCommentStreams compares postAdded (the load test's
// selection, and the web app's) and commentAdded, whose stream ends for
// members when the post is hidden, on both servers.
func TestLiveFanout_PostAndCommentStreams(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		shared, single, w := fanoutPair(t, db)
		b := gid(w.boardPublic)
		thread := w.postOn(w.token(other), w.boardPublic, "thread")
		cases := []liveCase{
			{name: "postAdded", query: `subscription PostAdded($boardId: ID) {
  postAdded(boardId: $boardId) { id title body tags createdAt author { id handle displayName } board { id name } }
}`, vars: map[string]any{"boardId": b}},
			{name: "postAdded, every board", query: `subscription { postAdded { __typename id title hidden board { slug } } }`},
			{name: "postAdded, web app", query: `subscription PostAdded($boardId: ID) { postAdded(boardId: $boardId) { ...PostFields } }
fragment PostFields on Post {
  id title body tags createdAt pinned locked
  comments(first: 0) { totalCount }
  author { id handle displayName }
  board { id name }
  reactions { subjectId counts { kind count } viewerReactions }
}`, vars: map[string]any{"boardId": b}, perViewer: true},
		}
		run := subscribeAll(t, shared, single, w, cases)
		run.warmUp(func() string { return gid(w.postOn(w.token(admin), w.boardPublic, "warm-up")) })
		comments := `subscription($p: ID!) { commentAdded(postId: $p) { id body bodyHTML hidden author { handle } post { id title } } }`
		crun := subscribeAll(t, shared, single, w, []liveCase{{name: "commentAdded", query: comments, vars: map[string]any{"p": gid(thread)}}})
		crun.warmUp(func() string {
			return gid(w.mustID(w.token(admin), "createComment", createCommentQ, map[string]any{"p": gid(thread)}))
		})
		if got := shared.Server.LiveFanout(); got.Groups == 0 || got.Written != got.Subscriptions {
			t.Fatalf("shared server: %+v", got)
		}

		run.step("bob posts", 1, func() { w.postOn(w.token(other), w.boardPublic, "a <post> & a reaction") })
		run.step("alice posts", 1, func() { w.postOn(w.token(member), w.boardPublic, "another") })
		crun.step("alice comments", 1, func() {
			w.mustID(w.token(member), "createComment", createCommentQ, map[string]any{"p": gid(thread)})
		})
		// Members' streams end (complete); staff hear of the next comment.
		got := crun.step("the admin hides the post and comments", 1, func() {
			w.env.MustDo(w.token(admin), `mutation($id: ID!) { hidePost(id: $id) { id } }`, map[string]any{"id": gid(thread)})
			w.mustID(w.token(admin), "createComment", createCommentQ, map[string]any{"p": gid(thread)})
		})
		for _, st := range crun.all {
			staff := strings.Contains(st.label, string(marketer)) || strings.Contains(st.label, string(admin))
			if m := got[st][0]; staff != (m.Type == "next") {
				t.Errorf("%s after the post was hidden: got %s %s; staff go on, the others complete", st.label, m.Type, m.Payload)
			}
		}
	})
}

// itemSelection selects every field graph.LiveItemFields lists that is
// reachable from typ, down to depth levels.
func itemSelection(t *testing.T, fields map[string][]string, typ string, depth int) string {
	t.Helper()
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var sel []string
	for _, name := range fields[typ] {
		f := schema.Types[typ].Fields.ForName(name)
		if inner := f.Type.Name(); schema.Types[inner].Kind == ast.Object {
			if depth == 0 {
				continue
			}
			sel = append(sel, name+" "+itemSelection(t, fields, inner, depth-1))
			continue
		}
		sel = append(sel, name)
	}
	if typ == "Post" || typ == "Comment" || typ == "Board" || typ == "Member" {
		sel = append(sel, "... on Node { nodeID: "+strings.Join(fields["Node"], " ")+" }")
	}
	return "{ __typename " + strings.Join(sel, " ") + " }"
}

// TestLiveItemFields_CostNoStatement subscribes to boardEvents with every
// field the shared path counts as resolving from the event's item, on the
// shared and the per-subscriber server, and announces events the way the
// community service does: delivering them must not cost a single statement
// (the hub's own loads are the system's and not counted).
func TestLiveItemFields_CostNoStatement(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		fields := map[string][]string{}
		for _, name := range graph.LiveItemFields() {
			typ, field, _ := strings.Cut(name, ".")
			fields[typ] = append(fields[typ], field)
		}
		q := `subscription($b: ID!) { boardEvents(boardId: $b) ` + itemSelection(t, fields, "BoardEvent", 3) + ` }`
		if doc, err := gqlparser.LoadQuery(generated.NewExecutableSchema(generated.Config{}).Schema(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		} else if got := graph.ClassifyLive(doc.Operations[0]); got != graph.LiveSharedPerRole {
			t.Fatalf("every item field together is not shared per role (%d): %s", got, q)
		}

		drv := &countingDriver{Driver: entsql.OpenDB(db.Dialect, db.SQL)}
		client := store.NewClient(ent.Driver(drv))
		history.Register(client)
		counted := &store.DB{Client: client, SQL: db.SQL, Dialect: db.Dialect, URL: db.URL}
		bus := pubsub.NewMemoryBus()
		t.Cleanup(func() { bus.Close() })
		shared := kithtest.Start(t, counted, kithtest.Options{Bus: bus})
		single := kithtest.Start(t, counted, kithtest.Options{Bus: bus, ExecuteLivePerSubscriber: true})
		w := newWorld(t, shared)

		ctx := auth.System(context.Background())
		topic := community.BoardTopic(w.boardPublic)
		announce := func(typ string, id int) {
			t.Helper()
			tx, err := counted.Client.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			deliver, err := bus.Stage(ctx, tx, pubsub.Event{Topic: topic, Type: typ, ID: id})
			if err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			deliver()
		}
		newPost := func(title string) int {
			return counted.Client.Post.Create().SetBoardID(w.boardPublic).SetAuthorID(w.users[other].MemberID).
				SetTitle(title).SetBody("*b*").SaveX(ctx).ID
		}

		var subs []*wsSub
		for _, env := range []*kithtest.Env{shared, single} {
			for _, r := range []role{anon, member, admin} {
				subs = append(subs, subscribe(t, env, w.token(r), q, map[string]any{"b": gid(w.boardPublic)}))
			}
		}
		// Warm up until every subscription is live.
		seen := map[*wsSub]string{}
		deadline := time.Now().Add(kithtest.Timeout)
		var last string
		for len(seen) < len(subs) {
			if time.Now().After(deadline) {
				t.Fatalf("%d of %d subscriptions live", len(seen), len(subs))
			}
			id := newPost("warm-up")
			last = gid(id)
			announce(community.EventPostCreated, id)
			for _, s := range subs {
				if m, ok := s.next(50 * time.Millisecond); ok {
					seen[s] = eventPostID(m.Payload)
				}
			}
		}
		awaitAll := func(about string) {
			t.Helper()
			for _, s := range subs {
				for seen[s] != about {
					m, ok := s.next(kithtest.Timeout)
					if !ok {
						t.Fatalf("no event about %s", about)
					}
					if m.Type != "next" {
						t.Fatalf("got %s %s", m.Type, m.Payload)
					}
					seen[s] = eventPostID(m.Payload)
				}
				seen[s] = ""
			}
		}
		awaitAll(last)
		drv.take()

		p := newPost("counted")
		c := counted.Client.Comment.Create().SetPostID(p).SetAuthorID(w.users[member].MemberID).SetBody("c").SaveX(ctx).ID
		counted.Client.Reaction.Create().SetSubjectID(p).SetMemberID(w.users[member].MemberID).SetKind("LIKE").ExecX(ctx)
		for _, ev := range []struct {
			typ string
			id  int
		}{
			{community.EventPostCreated, p},
			{community.EventCommentCreated, c},
			{community.EventReactionsChanged, p},
			{community.EventPostUpdated, p},
		} {
			announce(ev.typ, ev.id)
			awaitAll(gid(p))
			if stmts := drv.take(); len(stmts) > 0 {
				t.Errorf("%s cost %d statements delivering item fields:\n  %s", ev.typ, len(stmts), strings.Join(stmts, "\n  "))
			}
		}
	})
}
