package server_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/kith-crm/kith/internal/history"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
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
