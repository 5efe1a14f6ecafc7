package community_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/intercept"
	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/ent/reaction"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/fanout"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

const liveWait = 5 * time.Second

// announce publishes events the way the service's writes do, without the
// write's own queries.
func (w *boardWorld) announce(evs ...pubsub.Event) {
	w.t.Helper()
	tx, err := w.db.Client.Tx(w.sys)
	if err != nil {
		w.t.Fatal(err)
	}
	deliver, err := w.bus.Stage(w.sys, tx, evs...)
	if err != nil {
		w.t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		w.t.Fatal(err)
	}
	deliver()
}

func next[T any](t *testing.T, ch <-chan T) (T, bool) {
	t.Helper()
	select {
	case v, ok := <-ch:
		return v, ok
	case <-time.After(liveWait):
		t.Fatal("no event within the timeout")
		var zero T
		return zero, false
	}
}

// TestLive_OneLoadPerEventWhateverTheSubscribers subscribes many viewers to
// one board and checks that an event costs this process one load of its
// post, with every viewer served in memory.
func TestLive_OneLoadPerEventWhateverTheSubscribers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		var postLoads atomic.Int64
		db.Client.Post.Intercept(intercept.TraversePost(func(context.Context, *ent.PostQuery) error {
			postLoads.Add(1)
			return nil
		}))
		viewers := []actor{w.alice, w.bob, w.carol, w.marketer, w.admin}
		var subs []<-chan *community.BoardEvent
		for i := 0; i < 40; i++ {
			a := viewers[i%len(viewers)]
			ch, err := w.svc.SubscribeBoard(a.ctx, w.public.ID)
			if err != nil {
				t.Fatal(err)
			}
			subs = append(subs, ch)
		}
		p := db.Client.Post.Create().SetBoardID(w.public.ID).SetAuthorID(w.bob.member()).SetTitle("t").SetBody("b").SaveX(w.sys)
		db.Client.Reaction.Create().SetSubjectID(p.ID).SetMemberID(w.alice.member()).SetKind(reaction.KindLOVE).ExecX(w.sys)

		postLoads.Store(0)
		w.announce(pubsub.Event{Topic: community.BoardTopic(w.public.ID), Type: community.EventPostCreated, ID: p.ID})
		for i, ch := range subs {
			be, _ := next(t, ch)
			if be == nil || be.Type != community.BoardEventPostAdded || be.Post.ID != p.ID {
				t.Fatalf("subscriber %d got %+v", i, be)
			}
		}
		if n := postLoads.Load(); n != 1 {
			t.Fatalf("%d post loads for one event and %d subscribers; want 1", n, len(subs))
		}

		postLoads.Store(0)
		w.announce(pubsub.Event{Topic: community.BoardTopic(w.public.ID), Type: community.EventReactionsChanged, ID: p.ID})
		for i, ch := range subs {
			be, _ := next(t, ch)
			if be == nil || be.Type != community.BoardEventReactionsChanged || be.Reactions == nil {
				t.Fatalf("subscriber %d got %+v", i, be)
			}
			// Everyone sees the count; only alice sees it as hers.
			mine := len(be.Reactions.ViewerReactions) == 1
			if len(be.Reactions.Counts) != 1 || be.Reactions.Counts[0].Count != 1 || mine != (viewers[i%len(viewers)].handle == "alice") {
				t.Fatalf("subscriber %d (%s): %+v", i, viewers[i%len(viewers)].handle, be.Reactions)
			}
		}
		if n := postLoads.Load(); n != 1 {
			t.Fatalf("%d post loads for one reactions event; want 1", n)
		}
	})
}

// TestLive_UpdatesAreNeverStale sends two updates of one post in a row: each
// event shows the state after its own write.
func TestLive_UpdatesAreNeverStale(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "v1", "b")
		ch, err := w.svc.SubscribeBoard(w.bob.ctx, w.public.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, title := range []string{"v2", "v3"} {
			if _, err := w.svc.UpdatePost(w.alice.ctx, p.ID, community.PostPatch{Title: &title}); err != nil {
				t.Fatal(err)
			}
			be, _ := next(t, ch)
			if be.Type != community.BoardEventPostUpdated || be.Post.Title != title {
				t.Fatalf("got %s %q; want POST_UPDATED %q", be.Type, be.Post.Title, title)
			}
		}
	})
}

// dropCounter stands for a transport: it counts the calls of the
// pubsub.SlowConsumer of the contexts it made.
type dropCounter struct{ n atomic.Int64 }

func (d *dropCounter) ctx(ctx context.Context) context.Context {
	return pubsub.WithSlowConsumer(ctx, func() { d.n.Add(1) })
}

// TestLive_SlowSubscriberIsDropped never reads one subscription while the
// board is busy: it ends, having told its transport (which closes its
// connection, and its client refetches), the others carry on, and the hub
// goes once nobody listens.
func TestLive_SlowSubscriberIsDropped(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "busy", "b")
		var slowDrops, fastDrops dropCounter
		slowCtx, stopSlow := context.WithCancel(slowDrops.ctx(w.bob.ctx))
		defer stopSlow()
		slow, err := w.svc.SubscribeBoard(slowCtx, w.public.ID)
		if err != nil {
			t.Fatal(err)
		}
		fastCtx, stopFast := context.WithCancel(fastDrops.ctx(w.carol.ctx))
		fast, err := w.svc.SubscribeBoard(fastCtx, w.public.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The reader must keep up however slowly the machine runs, so events
		// go out in batches well under the buffer, each once the reader has
		// taken the previous batch; the slow subscriber never reads at all.
		const events, batch = 200, 16
		progress := make(chan int, events)
		go func() {
			n := 0
			for range fast {
				n++
				progress <- n
				if n == events {
					break
				}
			}
			close(progress)
		}()
		seen := 0
		for sent := 0; sent < events; {
			for i := 0; i < batch && sent < events; i++ {
				w.announce(pubsub.Event{Topic: community.BoardTopic(w.public.ID), Type: community.EventPostUpdated, ID: p.ID})
				sent++
			}
			for seen < sent {
				n, ok := <-progress
				if !ok {
					t.Fatalf("the reading subscriber was dropped after %d of %d events", seen, events)
				}
				seen = n
			}
		}
		got := 0
		for range slow {
			got++
		}
		if got >= events {
			t.Fatalf("the slow subscriber got all %d events; want it dropped", got)
		}
		t.Logf("slow subscriber ended after %d events", got)
		if n := slowDrops.n.Load(); n != 1 {
			t.Errorf("the slow subscriber told its transport %d times, want once", n)
		}
		if n := fastDrops.n.Load(); n != 0 {
			t.Errorf("the reading subscriber was reported slow %d times", n)
		}
		stopFast()
		deadline := time.Now().Add(liveWait)
		for w.svc.Hubs() != 0 {
			if time.Now().After(deadline) {
				t.Fatalf("%d hubs left after every subscriber left", w.svc.Hubs())
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// TestLive_HiddenContentVanishes hides a post and a comment: members get
// removals (and their commentAdded stream ends), staff get updates.
func TestLive_HiddenContentVanishes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "soon hidden", "b")
		c := w.comment(w.bob, p, "soon hidden too")
		memberBoard, _ := w.svc.SubscribeBoard(w.carol.ctx, w.public.ID)
		staffBoard, _ := w.svc.SubscribeBoard(w.marketer.ctx, w.public.ID)
		memberComments, err := w.svc.SubscribeComments(w.carol.ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.ModerateComment(w.admin.ctx, c.ID, true); err != nil {
			t.Fatal(err)
		}
		if be, _ := next(t, memberBoard); be.Type != community.BoardEventCommentRemoved || *be.CommentID != c.ID || be.Comment != nil {
			t.Fatalf("member got %+v; want COMMENT_REMOVED without the comment", be)
		}
		if be, _ := next(t, staffBoard); be.Type != community.BoardEventCommentUpdated || !be.Comment.Hidden {
			t.Fatalf("staff got %+v; want COMMENT_UPDATED, hidden", be)
		}
		w.hide(p)
		if be, _ := next(t, memberBoard); be.Type != community.BoardEventPostRemoved || be.PostID != p.ID || be.Post != nil {
			t.Fatalf("member got %+v; want POST_REMOVED without the post", be)
		}
		if be, _ := next(t, staffBoard); be.Type != community.BoardEventPostUpdated || !be.Post.Hidden {
			t.Fatalf("staff got %+v; want POST_UPDATED, hidden", be)
		}
		if c, ok := next(t, memberComments); ok {
			t.Fatalf("commentAdded delivered %+v after its post was hidden; want the stream to end", c)
		}
		// Staff keep talking on the hidden post; members hear nothing of it.
		w.comment(w.admin, p, "moderator note")
		if be, _ := next(t, staffBoard); be.Type != community.BoardEventCommentAdded {
			t.Fatalf("staff got %+v; want COMMENT_ADDED", be)
		}
		marker := w.post(w.bob, w.public, "marker", "b")
		if be, _ := next(t, memberBoard); be.Type != community.BoardEventPostAdded || be.PostID != marker.ID {
			t.Fatalf("member got %+v before the marker; want nothing about the hidden post", be)
		}
	})
}

// TestLive_BusClosedEndsSubscriptions: when events may be lost, every
// stream ends so its client refetches.
func TestLive_BusClosedEndsSubscriptions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		boardCh, _ := w.svc.SubscribeBoard(w.alice.ctx, w.public.ID)
		postCh, _ := w.svc.SubscribePosts(w.alice.ctx, nil)
		notes, err := w.svc.SubscribeNotifications(w.alice.ctx)
		if err != nil {
			t.Fatal(err)
		}
		w.bus.Close()
		if _, ok := next(t, boardCh); ok {
			t.Fatal("boardEvents went on")
		}
		if _, ok := next(t, postCh); ok {
			t.Fatal("postAdded went on")
		}
		if _, ok := next(t, notes); ok {
			t.Fatal("notifications went on")
		}
	})
}

// countedGroup is a fanout group whose renders the test counts; a frame's
// response says what it was rendered from.
type countedGroup struct {
	*fanout.Group
	renders atomic.Int64
}

func newCountedGroup() *countedGroup {
	g := &countedGroup{}
	g.Group = fanout.NewGroup(func(item any) (*graphql.Response, error) {
		g.renders.Add(1)
		be := item.(*community.BoardEvent)
		d := struct {
			Type     community.BoardEventType
			Post     int
			WithPost bool
			Mine     []reaction.Kind
		}{Type: be.Type, Post: be.PostID, WithPost: be.Post != nil}
		if be.Reactions != nil {
			d.Mine = be.Reactions.ViewerReactions
		}
		data, err := json.Marshal(d)
		return &graphql.Response{Data: data}, err
	})
	return g
}

// sharedSub is one subscription served through a sink.
type sharedSub struct {
	name string
	sink *fanout.Sink
}

func (s sharedSub) frame(t *testing.T) *fanout.Frame {
	t.Helper()
	f, ok, timedOut := nextFrame(s.sink, liveWait)
	if timedOut {
		t.Fatalf("%s: no frame", s.name)
	}
	if !ok {
		t.Fatalf("%s: the sink closed", s.name)
	}
	return f
}

// nextFrame waits up to wait for the sink's next frame; ok is false when
// the sink closed, and timedOut true when nothing happened in time.
func nextFrame(s *fanout.Sink, wait time.Duration) (f *fanout.Frame, ok, timedOut bool) {
	type next struct {
		f  *fanout.Frame
		ok bool
	}
	ch := make(chan next, 1)
	go func() { // ends when the sink closes, at the latest when the test ends
		f, ok := s.Next()
		ch <- next{f, ok}
	}()
	select {
	case n := <-ch:
		return n.f, n.ok, false
	case <-time.After(wait):
		return nil, false, true
	}
}

// TestLive_SharedFramesOnePerGroupAndItem subscribes viewers through sinks
// of three groups — members and the anonymous, staff, and a mixed one —
// and checks that each event is rendered once per group and distinct item
// the group's viewers receive: alice's own reaction and the moderator's
// view of a hidden post are their own frames, everything equal is one
// frame, and nobody receives what they may not see.
func TestLive_SharedFramesOnePerGroupAndItem(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		anon := actor{ctx: w.anon, handle: "anonymous"}
		members, staff, mixed := newCountedGroup(), newCountedGroup(), newCountedGroup()
		join := func(g *countedGroup, a actor, n int) []sharedSub {
			var subs []sharedSub
			for i := range n {
				sink := fanout.NewSink(g.Group)
				ctx, cancel := context.WithCancel(fanout.NewContext(a.ctx, sink))
				t.Cleanup(cancel)
				if _, err := w.svc.SubscribeBoard(ctx, w.public.ID); err != nil {
					t.Fatal(err)
				}
				if !sink.Attached() {
					t.Fatal("SubscribeBoard did not attach the sink")
				}
				subs = append(subs, sharedSub{name: fmt.Sprintf("%s #%d", a.handle, i), sink: sink})
			}
			return subs
		}
		var memberSubs []sharedSub
		for _, a := range []actor{w.alice, w.bob, w.carol, anon} {
			memberSubs = append(memberSubs, join(members, a, 3)...)
		}
		staffSubs := append(join(staff, w.marketer, 2), join(staff, w.admin, 2)...)
		mixedSubs := append(join(mixed, w.carol, 2), join(mixed, w.admin, 2)...)
		groups := []struct {
			name string
			g    *countedGroup
			subs []sharedSub
		}{{"members", members, memberSubs}, {"staff", staff, staffSubs}, {"mixed", mixed, mixedSubs}}

		type view struct {
			Type     community.BoardEventType
			Post     int
			WithPost bool
			Mine     []reaction.Kind
		}
		// receive takes every subscription's frame, renders it, and returns
		// what each received, checking that equal views share a frame.
		receive := func(step string) map[string]view {
			got := map[string]view{}
			for _, gr := range groups {
				frames := map[string]*fanout.Frame{}
				for _, s := range gr.subs {
					f := s.frame(t)
					resp, payload, err := f.Render()
					if err != nil {
						t.Fatalf("%s: %s: render: %v", step, s.name, err)
					}
					if !bytes.Contains(payload, resp.Data) {
						t.Fatalf("%s: payload %s does not carry the response %s", step, payload, resp.Data)
					}
					var v view
					if err := json.Unmarshal(resp.Data, &v); err != nil {
						t.Fatal(err)
					}
					got[gr.name+" "+s.name] = v
					if prev, ok := frames[string(resp.Data)]; ok && prev != f {
						t.Errorf("%s: %s: the %s group rendered %s twice", step, s.name, gr.name, resp.Data)
					}
					frames[string(resp.Data)] = f
				}
			}
			return got
		}
		renders := func() [3]int64 {
			return [3]int64{members.renders.Swap(0), staff.renders.Swap(0), mixed.renders.Swap(0)}
		}

		p := w.post(w.bob, w.public, "shared", "b")
		for name, v := range receive("post added") {
			if v.Type != community.BoardEventPostAdded || v.Post != p.ID || !v.WithPost {
				t.Errorf("post added: %s got %+v", name, v)
			}
		}
		if got := renders(); got != [3]int64{1, 1, 1} {
			t.Errorf("post added: renders per group %v; want one each", got)
		}

		if _, err := w.svc.React(w.alice.ctx, p.ID, reaction.KindLIKE); err != nil {
			t.Fatal(err)
		}
		for name, v := range receive("alice reacts") {
			mine := strings.HasPrefix(name, "members alice")
			if v.Type != community.BoardEventReactionsChanged || (len(v.Mine) == 1) != mine {
				t.Errorf("alice reacts: %s got %+v", name, v)
			}
		}
		if got := renders(); got != [3]int64{2, 1, 1} {
			t.Errorf("alice reacts: renders per group %v; want alice's own and everyone else's among members", got)
		}

		w.hide(p)
		for name, v := range receive("post hidden") {
			isStaff := strings.HasPrefix(name, "staff") || strings.HasPrefix(name, "mixed admin")
			switch {
			case isStaff && (v.Type != community.BoardEventPostUpdated || !v.WithPost):
				t.Errorf("post hidden: %s got %+v; want the hidden post", name, v)
			case !isStaff && (v.Type != community.BoardEventPostRemoved || v.WithPost):
				t.Errorf("post hidden: %s got %+v; want POST_REMOVED without the post", name, v)
			}
		}
		if got := renders(); got != [3]int64{1, 1, 2} {
			t.Errorf("post hidden: renders per group %v; want two views in the mixed group", got)
		}

		// A post on the STAFF board reaches the staff only: members' sinks
		// get nothing before the next public post.
		w.post(w.admin, w.staffB, "staff only", "b")
		marker := w.post(w.alice, w.public, "marker", "b")
		for name, v := range receive("staff post, then a public one") {
			if v.Post != marker.ID {
				t.Errorf("%s got %+v first; want the public marker %d (the STAFF board is another topic)", name, v, marker.ID)
			}
		}
	})
}

// TestLive_SlowSinkIsDropped: a sink nobody reads is ended once its buffer
// is full, while a sink of the same group that keeps up receives everything.
func TestLive_SlowSinkIsDropped(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "busy", "b")
		g := newCountedGroup()
		slow, fast := fanout.NewSink(g.Group), fanout.NewSink(g.Group)
		var slowDrops, fastDrops dropCounter
		ctx, cancel := context.WithCancel(w.bob.ctx)
		defer cancel()
		for s, drops := range map[*fanout.Sink]*dropCounter{slow: &slowDrops, fast: &fastDrops} {
			if _, err := w.svc.SubscribeBoard(fanout.NewContext(drops.ctx(ctx), s), w.public.ID); err != nil {
				t.Fatal(err)
			}
		}
		const events, batch = 200, 16
		for sent := 0; sent < events; {
			n := min(batch, events-sent)
			for range n {
				w.announce(pubsub.Event{Topic: community.BoardTopic(w.public.ID), Type: community.EventPostUpdated, ID: p.ID})
			}
			sent += n
			for range n {
				if _, ok, _ := nextFrame(fast, liveWait); !ok {
					t.Fatalf("the reading sink was dropped (or stalled) after about %d events", sent)
				}
			}
		}
		got := 0
		for {
			_, ok, timedOut := nextFrame(slow, liveWait)
			if timedOut {
				t.Fatalf("the slow sink was never closed (%d frames)", got)
			}
			if !ok {
				break
			}
			got++
		}
		if got >= events {
			t.Fatalf("the slow sink got all %d events; want it dropped", got)
		}
		t.Logf("slow sink ended after %d events", got)
		if n := slowDrops.n.Load(); n != 1 {
			t.Errorf("the slow sink's subscription told its transport %d times, want once", n)
		}
		if n := fastDrops.n.Load(); n != 0 {
			t.Errorf("the reading sink's subscription was reported slow %d times", n)
		}
	})
}

// TestLive_SlowNotificationsSubscriber: a notifications subscriber whose
// reader stopped is reported to its transport as soon as the bus drops it,
// although the subscription's goroutine is still waiting to hand on a
// notification; one that reads is not.
func TestLive_SlowNotificationsSubscriber(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		n := db.Client.Notification.Create().SetRecipientID(w.alice.member()).SetActorID(w.bob.member()).
			SetKind(notification.KindFOLLOW).SaveX(w.sys)
		var slowDrops, fastDrops dropCounter
		ctx, cancel := context.WithCancel(w.alice.ctx)
		defer cancel()
		slow, err := w.svc.SubscribeNotifications(slowDrops.ctx(ctx))
		if err != nil {
			t.Fatal(err)
		}
		fast, err := w.svc.SubscribeNotifications(fastDrops.ctx(ctx))
		if err != nil {
			t.Fatal(err)
		}
		ev := pubsub.Event{Topic: community.MemberTopic(w.alice.member()), Type: community.EventNotification, ID: n.ID}
		// The reader takes each event before the next is announced; the
		// slow one reads none, and its buffer holds far fewer than this.
		for i := range 200 {
			w.announce(ev)
			if got, ok := next(t, fast); !ok || got.ID != n.ID {
				t.Fatalf("the reading subscriber got %+v (open %v) for event %d", got, ok, i)
			}
		}
		if got := slowDrops.n.Load(); got != 1 {
			t.Fatalf("the stalled subscriber told its transport %d times, want once", got)
		}
		if got := fastDrops.n.Load(); got != 0 {
			t.Fatalf("the reading subscriber was reported slow %d times", got)
		}
		got := 0
		for {
			if _, ok := next(t, slow); !ok {
				break
			}
			got++
		}
		if got >= 200 {
			t.Fatalf("the stalled subscriber got all %d notifications; want it dropped", got)
		}
	})
}
