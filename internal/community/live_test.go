package community_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/intercept"
	"github.com/kith-crm/kith/ent/reaction"
	"github.com/kith-crm/kith/internal/community"
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

// TestLive_SlowSubscriberIsDropped never reads one subscription while the
// board is busy: it ends (its client refetches), the others carry on, and
// the hub goes once nobody listens.
func TestLive_SlowSubscriberIsDropped(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "busy", "b")
		slowCtx, stopSlow := context.WithCancel(w.bob.ctx)
		defer stopSlow()
		slow, err := w.svc.SubscribeBoard(slowCtx, w.public.ID)
		if err != nil {
			t.Fatal(err)
		}
		fastCtx, stopFast := context.WithCancel(w.carol.ctx)
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
