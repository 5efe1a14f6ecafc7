package server_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
	"github.com/kith-crm/kith/server"
)

// slowConsumerSubscription selects the post's body, so that a few events
// fill the small socket buffers of TestLive_SlowConsumerIsClosed.
const slowConsumerSubscription = `subscription($b: ID) { postAdded(boardId: $b) { id title body } }`

// slowBody is the body of every post in TestLive_SlowConsumerIsClosed:
// large, so that a subscriber's socket holds only a few events.
var slowBody = strings.Repeat("A slow reader must not hold up the others. ", 200) // 8.6 KB

// pullClient is a graphql-transport-ws client that reads from its socket only
// when asked to: between reads, the socket is not read at all, so the
// server's writes to it back up as they would to a stalled browser.
type pullClient struct {
	t       testing.TB
	conn    *websocket.Conn
	want    chan struct{}
	got     chan pullResult
	pending bool // a read was asked for and has not been returned yet
}

type pullResult struct {
	msg wsMsg
	err error
}

// dialPull opens a socket whose receive buffer is small (recvBuffer bytes),
// sends connection_init with token and waits for the ack.
func dialPull(t testing.TB, base, token string, recvBuffer int) *pullClient {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: kithtest.Timeout}
	conn, _, err := d.Dial(wsURL(base), nil)
	if err != nil {
		t.Fatalf("websocket dial: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	if err := conn.NetConn().(*net.TCPConn).SetReadBuffer(recvBuffer); err != nil {
		t.Fatal(err)
	}
	c := &pullClient{t: t, conn: conn, want: make(chan struct{}), got: make(chan pullResult, 1)}
	go func() {
		for range c.want {
			var r pullResult
			var data []byte
			if _, data, r.err = conn.ReadMessage(); r.err == nil {
				r.err = json.Unmarshal(data, &r.msg)
			}
			c.got <- r
			if r.err != nil {
				return
			}
		}
	}()
	payload := map[string]any{"authorization": "Bearer " + token}
	if err := conn.WriteJSON(map[string]any{"type": "connection_init", "payload": payload}); err != nil {
		t.Fatal(err)
	}
	if r, ok := c.read(kithtest.Timeout); !ok || r.err != nil || r.msg.Type != "connection_ack" {
		t.Fatalf("want connection_ack, got %+v (ok %v)", r, ok)
	}
	return c
}

// read reads one message, waiting at most wait. When none arrives in time
// the read stays pending, and the next read returns what it reads.
func (c *pullClient) read(wait time.Duration) (pullResult, bool) {
	if !c.pending {
		c.want <- struct{}{}
		c.pending = true
	}
	select {
	case r := <-c.got:
		c.pending = false
		return r, true
	case <-time.After(wait):
		return pullResult{}, false
	}
}

// postTitle returns the title of a postAdded event, or "".
func postTitle(m wsMsg) string {
	var ev struct {
		Data struct{ PostAdded struct{ Title string } }
	}
	if m.Type != "next" || json.Unmarshal(m.Payload, &ev) != nil {
		return ""
	}
	return ev.Data.PostAdded.Title
}

// TestLive_SlowConsumerIsClosed: a subscriber that stops reading while a
// board is busy is closed with 4013 once its subscription's buffer
// overflows, having received the events before in order and no complete;
// another subscriber of the same selection on another socket receives every
// post and stays open, and a subscriber that falls behind only within its
// buffer is not closed. Both the shared execution of live events and the
// per-subscriber one.
//
// The server's send buffers and the slow client's receive buffer are small,
// so that a few large events fill them and the rest wait in the
// subscription's buffer. The write timeout is long: only the overflow, not
// a stalled write, may close the socket here.
func TestLive_SlowConsumerIsClosed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		for _, path := range []struct {
			name          string
			perSubscriber bool
		}{{"shared", false}, {"per-subscriber", true}} {
			t.Run(path.name, func(t *testing.T) {
				env := kithtest.Start(t, db, kithtest.Options{
					ExecuteLivePerSubscriber: path.perSubscriber,
					WebsocketSendBuffer:      4096,
					WebsocketWriteTimeout:    time.Minute,
				})
				admin := env.Staff("admin-"+path.name+"@example.com", viewer.RoleAdmin)
				board := createBoard(t, env, admin.Token, "busy-"+path.name, "PUBLIC", "MEMBERS")
				alice := env.SignUp("alice-"+path.name+"@example.com", "Alice")
				bob := env.SignUp("bob-"+path.name+"@example.com", "Bob")
				vars := map[string]any{"b": board}
				posted := 0
				post := func() string {
					posted++
					title := fmt.Sprintf("post %d", posted)
					env.MustDo(admin.Token, `mutation($b: ID!, $t: String!, $body: String!) { createPost(input: {boardId: $b, title: $t, body: $body}) { id } }`,
						map[string]any{"b": board, "t": title, "body": slowBody})
					return title
				}

				// Two members with the same selection: one group on the
				// shared path. The reader takes every event as it comes.
				reader := mustDialWS(t, env.URL)
				reader.init(alice.Token)
				reader.subscribe("r", slowConsumerSubscription, vars)
				// readerGets posts one post and checks it is the reader's
				// next event: every post arrives, in order.
				readerGets := func() string {
					t.Helper()
					title := post()
					m, ok := reader.next(kithtest.Timeout)
					if !ok || m.Type != "next" || m.ID != "r" || postTitle(m) != title {
						t.Fatalf("the reader got %s %s %.80s (ok %v), want %q", m.Type, m.ID, m.Payload, ok, title)
					}
					return title
				}
				postUntilReceived(t, env, admin.Token, board, reader, "r")
				reader.drainPosts("r", 300*time.Millisecond)

				// The other reads only when the test says so. A subscription
				// starts asynchronously: post until it has received one,
				// and then every post since.
				slow := dialPull(t, env.URL, bob.Token, 4096)
				if err := slow.conn.WriteJSON(map[string]any{"type": "subscribe", "id": "s",
					"payload": map[string]any{"query": slowConsumerSubscription, "variables": vars}}); err != nil {
					t.Fatal(err)
				}
				readPost := func(want string) {
					t.Helper()
					r, ok := slow.read(kithtest.Timeout)
					if !ok || r.err != nil || r.msg.ID != "s" || postTitle(r.msg) != want {
						t.Fatalf("the slow subscriber got %+v (ok %v), want %q", r, ok, want)
					}
				}
				var last string
				for deadline := time.Now().Add(kithtest.Timeout); ; {
					if time.Now().After(deadline) {
						t.Fatal("the slow subscriber never received a post")
					}
					last = readerGets()
					if r, ok := slow.read(time.Second); ok {
						if r.err != nil || postTitle(r.msg) == "" {
							t.Fatalf("want a post, got %+v", r)
						}
						if title := postTitle(r.msg); title != last {
							// It started before an earlier post: the ones
							// since are on their way.
							for title != last {
								r, ok := slow.read(kithtest.Timeout)
								if !ok || r.err != nil {
									break
								}
								title = postTitle(r.msg)
							}
						}
						break
					}
				}

				// Briefly slow: it does not read while far more arrives than
				// the sockets hold, yet well within the 64 events its
				// subscription buffers. It then catches up: nothing lost,
				// nothing closed.
				var titles []string
				for range 20 {
					titles = append(titles, readerGets())
				}
				for _, want := range titles {
					readPost(want)
				}
				if err := slow.conn.WriteJSON(map[string]any{"type": "ping"}); err != nil {
					t.Fatal(err)
				}
				if r, ok := slow.read(kithtest.Timeout); !ok || r.err != nil || r.msg.Type != "pong" {
					t.Fatalf("the briefly slow subscriber's socket: %+v (ok %v), want a pong", r, ok)
				}
				if n := env.Server.Websocket().SlowConsumerCloses(); n != 0 {
					t.Fatalf("%d sockets closed as slow consumers after falling behind within the buffer", n)
				}

				// Too slow: it stops reading for good while the posts go on.
				titles = titles[:0]
				for env.Server.Websocket().SlowConsumerCloses() == 0 {
					if len(titles) == 1000 {
						t.Fatalf("the stalled subscriber was not closed after %d posts", len(titles))
					}
					titles = append(titles, readerGets())
				}
				t.Logf("closed after %d posts", len(titles))
				// Its group, or its hub, goes on for the others.
				for range 3 {
					readerGets()
				}

				// Reading again, it finds the events that were on their way,
				// in order and none missing, and no complete: the close frame.
				got := 0
				for {
					r, ok := slow.read(kithtest.Timeout)
					if !ok {
						t.Fatalf("no close frame after %d events", got)
					}
					if r.err != nil {
						var ce *websocket.CloseError
						if !errors.As(r.err, &ce) || ce.Code != server.WebsocketCloseSlowConsumer || !strings.Contains(ce.Text, "refetch") {
							t.Fatalf("after %d events the socket ended with %v, want close %d", got, r.err, server.WebsocketCloseSlowConsumer)
						}
						break
					}
					if r.msg.Type != "next" || r.msg.ID != "s" {
						t.Fatalf("after %d events: %s %s %.80s, want only events and then the close", got, r.msg.Type, r.msg.ID, r.msg.Payload)
					}
					if got >= len(titles) || postTitle(r.msg) != titles[got] {
						t.Fatalf("event %d is %q, want %q of %v", got, postTitle(r.msg), titles[min(got, len(titles)-1)], titles)
					}
					got++
				}
				if got == len(titles) {
					t.Fatalf("the closed subscriber received all %d events", got)
				}
				t.Logf("the closed subscriber had received %d of %d events", got, len(titles))

				reader.send("ping", "", nil)
				if m, ok := reader.nextAny(kithtest.Timeout); !ok || m.Type != "pong" {
					t.Fatalf("the reader's socket: %+v (ok %v), want a pong", m, ok)
				}
				readerGets()
				if n := env.Server.Websocket().SlowConsumerCloses(); n != 1 {
					t.Fatalf("%d sockets closed as slow consumers, want 1", n)
				}
			})
		}
	})
}
