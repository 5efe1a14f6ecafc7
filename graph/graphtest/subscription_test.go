package graphtest

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// TestPostAddedDeliversOnlyVisiblePosts subscribes every role to postAdded
// on every board and checks each receives exactly the new posts it may read:
// not those on boards above its level, and no hidden post unless staff.
func TestPostAddedDeliversOnlyVisiblePosts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		w := newWorld(t, env)
		subs := map[role]*wsSub{}
		for _, r := range roles {
			subs[r] = subscribe(t, env, w.token(r), `subscription { postAdded { id title } }`, nil)
		}

		// Warm up: the server does not acknowledge a subscribe, so post on
		// the PUBLIC board until every subscriber has received something.
		warm := map[int]bool{}
		live := map[role]bool{}
		deadline := time.Now().Add(kithtest.Timeout)
		for len(live) < len(roles) {
			if time.Now().After(deadline) {
				t.Fatalf("subscriptions not live after %s: %v", kithtest.Timeout, live)
			}
			warm[w.postOn(w.token(admin), w.boardPublic, "warm-up")] = true
			for _, r := range roles {
				if _, ok := subs[r].next(100 * time.Millisecond); ok {
					live[r] = true
				}
			}
		}

		staffPost := w.postOn(w.token(admin), w.boardStaff, "staff news")
		membersPost := w.postOn(w.token(member), w.boardMembers, "members chat")
		hiddenPost := w.hiddenPostEvent(db, env.Bus)
		last := w.postOn(w.token(other), w.boardPublic, "last")

		want := map[role][]int{
			anon:     {last},
			member:   {membersPost, last},
			other:    {membersPost, last},
			marketer: {staffPost, membersPost, hiddenPost, last},
			manager:  {staffPost, membersPost, hiddenPost, last},
			admin:    {staffPost, membersPost, hiddenPost, last},
		}
		for _, r := range roles {
			var got []int
			for {
				m, ok := subs[r].next(kithtest.Timeout)
				if !ok {
					t.Fatalf("%s: stream ended or stalled after %v; want %v", r, got, want[r])
				}
				data, isData := m.data()
				if !isData {
					t.Fatalf("%s: got %s %s", r, m.Type, m.Payload)
				}
				var d struct{ PostAdded struct{ ID string } }
				if err := json.Unmarshal(data, &d); err != nil {
					t.Fatal(err)
				}
				id, _ := strconv.Atoi(d.PostAdded.ID)
				if warm[id] {
					continue
				}
				got = append(got, id)
				if id == last {
					break
				}
			}
			if !sameSet(got, want[r]) {
				t.Errorf("%s received %v; want %v (staff %d, members %d, hidden %d, public %d)",
					r, got, want[r], staffPost, membersPost, hiddenPost, last)
			}
		}
	})
}

func (w *world) postOn(tok string, board int, title string) int {
	return w.mustID(tok, "createPost", `mutation($b: ID!, $t: String!) { createPost(input: {boardId: $b, title: $t, body: "b"}) { id } }`,
		map[string]any{"b": gid(board), "t": title})
}

// hiddenPostEvent stores a hidden post on the PUBLIC board and announces it
// as a new post, the way the community service does: moderation cannot hide
// a post before its event goes out through the API, so the test writes both.
func (w *world) hiddenPostEvent(db *store.DB, bus *pubsub.Bus) int {
	w.t.Helper()
	ctx := auth.System(context.Background())
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	p := tx.Post.Create().SetBoardID(w.boardPublic).SetAuthorID(w.users[other].MemberID).
		SetTitle("hidden at birth").SetBody("b").SetHidden(true).SaveX(ctx)
	deliver, err := bus.Stage(ctx, tx,
		pubsub.Event{Topic: community.BoardTopic(w.boardPublic), Type: community.EventPostCreated, ID: p.ID},
		pubsub.Event{Topic: community.TopicAllPosts, Type: community.EventPostCreated, ID: p.ID},
	)
	if err != nil {
		w.t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		w.t.Fatal(err)
	}
	deliver()
	return p.ID
}
