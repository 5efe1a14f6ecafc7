package server_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/gorilla/websocket"

	"github.com/kith-crm/kith/internal/history"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
	"github.com/kith-crm/kith/server"
)

// liveWait bounds how long a live event may take to arrive once its
// subscription runs.
const liveWait = 5 * time.Second

// TestLivePipeline drives postAdded end to end: graphql-transport-ws in,
// createPost over HTTP, the event bus, the socket out.
func TestLivePipeline(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		admin := env.Staff("admin@example.com", viewer.RoleAdmin)
		public := createBoard(t, env, admin.Token, "general", "PUBLIC", "MEMBERS")
		staffOnly := createBoard(t, env, admin.Token, "staff-room", "STAFF", "STAFF")
		alice := env.SignUp("alice@example.com", "Alice")
		bob := env.SignUp("bob@example.com", "Bob")

		t.Run("another member's post arrives", func(t *testing.T) {
			ws := mustDialWS(t, env.URL)
			ws.init(alice.Token)
			ws.subscribe("1", postAddedSubscription, map[string]any{"b": public})
			ev := postUntilReceived(t, env, bob.Token, public, ws, "1")
			if p := ev.Data.PostAdded; p.Author.Handle != "bob" || p.Board.ID != public || p.ID == "" {
				t.Fatalf("unexpected post %+v", p)
			}
			// Once running, one post is one event, promptly.
			ws.drainPosts("1", 300*time.Millisecond)
			start := time.Now()
			id := createPost(t, env, bob.Token, public, "hello")
			ev, ok := ws.awaitPost("1", liveWait)
			if !ok || ev.Data.PostAdded.ID != id || ev.Data.PostAdded.Title != "hello" {
				t.Fatalf("post %s did not arrive within %v (got %+v)", id, liveWait, ev)
			}
			t.Logf("post arrived after %v", time.Since(start))
		})

		t.Run("a member never receives a post on a STAFF board", func(t *testing.T) {
			ws := mustDialWS(t, env.URL)
			ws.init(alice.Token)
			// Every board the viewer may read.
			ws.subscribe("all", postAddedSubscription, map[string]any{"b": nil})
			postUntilReceived(t, env, bob.Token, public, ws, "all")
			ws.drainPosts("all", 300*time.Millisecond)

			createPost(t, env, admin.Token, staffOnly, "staff only")
			marker := createPost(t, env, bob.Token, public, "after the staff post")
			// Events of one topic arrive in order: the public post after the
			// staff one proves the staff one was filtered out, not late.
			ev, ok := ws.awaitPost("all", liveWait)
			if !ok || ev.Data.PostAdded.ID != marker {
				t.Fatalf("want the public post %s next, got %+v (ok %v)", marker, ev.Data.PostAdded, ok)
			}

			// Asking for the STAFF board by ID finds nothing to subscribe to.
			ws.subscribe("staff", postAddedSubscription, map[string]any{"b": staffOnly})
			m, ok := ws.next(liveWait)
			if !ok {
				t.Fatal("no answer to a subscription on a STAFF board")
			}
			if m.Type == "next" {
				var ev postEvent // the payload must be an error, never a post
				if err := json.Unmarshal(m.Payload, &ev); err != nil || ev.Data.PostAdded.ID != "" || len(ev.Errors) == 0 {
					t.Fatalf("subscription on a STAFF board answered %s", m.Payload)
				}
				if code, _ := ev.Errors[0].Extensions["code"].(string); code != "NOT_FOUND" {
					t.Fatalf("code %q, want NOT_FOUND: %s", code, m.Payload)
				}
			} else if m.Type != "error" {
				t.Fatalf("subscription on a STAFF board answered %s %s", m.Type, m.Payload)
			}
			// Staff posts there still reach nobody on this socket.
			createPost(t, env, admin.Token, staffOnly, "staff only again")
			for {
				m, ok := ws.next(time.Second)
				if !ok {
					break
				}
				if m.Type == "next" && m.ID != "staff" {
					t.Fatalf("member received %s on %s", m.Payload, m.ID)
				}
				if m.Type == "next" {
					var ev postEvent
					if json.Unmarshal(m.Payload, &ev) == nil && ev.Data.PostAdded.ID != "" {
						t.Fatalf("member received a STAFF post: %s", m.Payload)
					}
				}
			}
		})

		t.Run("logging out closes that session's sockets", func(t *testing.T) {
			carol := env.SignUp("carol@example.com", "Carol")
			ws := mustDialWS(t, env.URL)
			ws.init(carol.Token)
			ws.subscribe("1", postAddedSubscription, map[string]any{"b": public})
			postUntilReceived(t, env, bob.Token, public, ws, "1")

			// Another session's socket stays open.
			other := mustDialWS(t, env.URL)
			other.init(alice.Token)

			env.MustDo(carol.Token, `mutation { logOut }`, nil)
			took := ws.expectClose(4401, liveWait)
			t.Logf("socket closed %v after logOut", took)

			other.send("ping", "", nil)
			if m, ok := other.nextAny(liveWait); !ok || m.Type != "pong" {
				t.Fatalf("other session's socket: %+v (ok %v)", m, ok)
			}
		})

		// Two server processes over one PostgreSQL database, each with its
		// own event bus: a post made through A reaches a subscriber on B
		// only by NOTIFY.
		if db.Dialect == dialect.Postgres && os.Getenv(testdb.EnvURL) != "" {
			t.Run("across two servers", func(t *testing.T) {
				dbB, err := store.OpenPostgres(context.Background(), db.URL)
				if err != nil {
					t.Fatal(err)
				}
				history.Register(dbB.Client)
				t.Cleanup(func() { dbB.Close() })
				newBus := func() *pubsub.Bus {
					bus, err := pubsub.NewPostgresBus(db.URL, nil)
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { bus.Close() })
					return bus
				}
				a := kithtest.Start(t, db, kithtest.Options{Bus: newBus()})
				b := kithtest.Start(t, dbB, kithtest.Options{Bus: newBus()})
				if a.Bus == b.Bus {
					t.Fatal("the two servers share a bus")
				}

				ws := mustDialWS(t, b.URL)
				ws.init(alice.Token) // the session lives in the shared database
				ws.subscribe("1", postAddedSubscription, map[string]any{"b": public})
				ev := postUntilReceived(t, a, bob.Token, public, ws, "1")
				if ev.Data.PostAdded.Author.Handle != "bob" {
					t.Fatalf("unexpected post %+v", ev.Data.PostAdded)
				}
				ws.drainPosts("1", 300*time.Millisecond)
				id := createPost(t, a, bob.Token, public, "from server A")
				if ev, ok := ws.awaitPost("1", liveWait); !ok || ev.Data.PostAdded.ID != id {
					t.Fatalf("post %s made on A did not reach B within %v", id, liveWait)
				}
			})
		}
	})
}

// TestLiveFanout_LegacyProtocol: a subscriber speaking the legacy graphql-ws
// protocol shares the execution with graphql-transport-ws subscribers of
// the same selection, but its frames go through gqlgen (the adapter writes
// only graphql-transport-ws messages itself): it receives the same payload.
func TestLiveFanout_LegacyProtocol(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		admin := env.Staff("admin@example.com", viewer.RoleAdmin)
		public := createBoard(t, env, admin.Token, "general", "PUBLIC", "MEMBERS")
		bob := env.SignUp("bob@example.com", "Bob")

		modern := mustDialWS(t, env.URL)
		modern.init("")
		modern.subscribe("m", postAddedSubscription, map[string]any{"b": public})

		d := websocket.Dialer{Subprotocols: []string{"graphql-ws"}, HandshakeTimeout: kithtest.Timeout}
		legacy, _, err := d.Dial(wsURL(env.URL), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { legacy.Close() })
		if legacy.Subprotocol() != "graphql-ws" {
			t.Fatalf("subprotocol %q", legacy.Subprotocol())
		}
		legacyMsgs := make(chan wsMsg, 64)
		go func() {
			defer close(legacyMsgs)
			for {
				var m wsMsg
				if err := legacy.ReadJSON(&m); err != nil {
					return
				}
				if m.Type != "ka" && m.Type != "connection_ack" {
					legacyMsgs <- m
				}
			}
		}()
		for _, m := range []map[string]any{
			{"type": "connection_init", "payload": map[string]any{}},
			{"type": "start", "id": "l", "payload": map[string]any{"query": postAddedSubscription, "variables": map[string]any{"b": public}}},
		} {
			if err := legacy.WriteJSON(m); err != nil {
				t.Fatal(err)
			}
		}

		// Both live: post until each has received a post, then compare the
		// next one.
		deadline := time.Now().Add(kithtest.Timeout)
		for modernLive, legacyLive := false, false; !modernLive || !legacyLive; {
			if time.Now().After(deadline) {
				t.Fatalf("not live: graphql-transport-ws %v, graphql-ws %v", modernLive, legacyLive)
			}
			createPost(t, env, bob.Token, public, "warm-up")
			time.Sleep(100 * time.Millisecond)
			for len(modern.msgs) > 0 {
				<-modern.msgs
				modernLive = true
			}
			for len(legacyMsgs) > 0 {
				<-legacyMsgs
				legacyLive = true
			}
		}
		if got := env.Server.LiveFanout(); got != (server.LiveFanoutStats{Groups: 1, Subscriptions: 2, Written: 1}) {
			t.Fatalf("fan-out: %+v; want one group of two, one written by the adapter", got)
		}
		id := createPost(t, env, bob.Token, public, "both <protocols>")
		for {
			m, ok := modern.next(liveWait)
			if !ok {
				t.Fatal("no post on graphql-transport-ws")
			}
			var ev postEvent
			if json.Unmarshal(m.Payload, &ev) != nil || ev.Data.PostAdded.ID != id {
				continue // a late warm-up post
			}
			for {
				var l wsMsg
				select {
				case l = <-legacyMsgs:
				case <-time.After(liveWait):
					t.Fatal("no post on graphql-ws")
				}
				var lev postEvent
				if json.Unmarshal(l.Payload, &lev) != nil || lev.Data.PostAdded.ID != id {
					continue
				}
				if l.Type != "data" || l.ID != "l" || string(l.Payload) != string(m.Payload) {
					t.Fatalf("graphql-ws got %s %s %s; graphql-transport-ws got %s", l.Type, l.ID, l.Payload, m.Payload)
				}
				return
			}
		}
	})
}
