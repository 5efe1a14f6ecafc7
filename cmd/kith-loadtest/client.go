package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// subscribeQuery is the web app's PostAdded subscription with the post's own
// fields of its PostFields (not the comment count and reactions, which read
// the database for each signed-in subscriber). Such a selection is executed
// once per event and role and its bytes shared (see docs/design.md).
const subscribeQuery = `subscription PostAdded($boardId: ID) {
  postAdded(boardId: $boardId) { id title body tags createdAt author { id handle displayName } board { id name } }
}`

const subprotocol = "graphql-transport-ws"

// newDialer returns the websocket dialer of every client: small buffers (the
// messages are small) and a shared write buffer pool keep the clients' own
// memory down, since they share the machine with the server.
func newDialer() *websocket.Dialer {
	return &websocket.Dialer{
		NetDialContext:   (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		HandshakeTimeout: 10 * time.Second,
		Subprotocols:     []string{subprotocol},
		ReadBufferSize:   2048,
		WriteBufferSize:  1024,
		WriteBufferPool:  &sync.Pool{},
	}
}

// wsURL turns the server's base URL into its GraphQL websocket URL.
func wsURL(base string) string {
	if s, ok := strings.CutPrefix(base, "https://"); ok {
		return "wss://" + s + "/query"
	}
	return "ws://" + strings.TrimPrefix(base, "http://") + "/query"
}

type wsMessage struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// subscribe dials the server, initialises the connection (with a bearer
// token unless token is empty), waits for connection_ack and sends the
// postAdded subscription. The server says nothing more until a post arrives.
func subscribe(ctx context.Context, d *websocket.Dialer, url, token, boardID string) (*websocket.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	c, _, err := d.DialContext(ctx, url, nil)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*websocket.Conn, error) {
		c.Close()
		return nil, err
	}
	if c.Subprotocol() != subprotocol {
		return fail(fmt.Errorf("server chose subprotocol %q", c.Subprotocol()))
	}
	deadline, _ := ctx.Deadline()
	_ = c.SetWriteDeadline(deadline)
	_ = c.SetReadDeadline(deadline)

	init := wsMessage{Type: "connection_init"}
	if token != "" {
		init.Payload = json.RawMessage(fmt.Sprintf(`{"Authorization":%q}`, "Bearer "+token))
	}
	if err := c.WriteJSON(init); err != nil {
		return fail(err)
	}
	for acked := false; !acked; {
		var m wsMessage
		if err := c.ReadJSON(&m); err != nil {
			return fail(fmt.Errorf("waiting for connection_ack: %w", err))
		}
		switch m.Type {
		case "connection_ack":
			acked = true
		case "ping":
			if err := c.WriteJSON(wsMessage{Type: "pong"}); err != nil {
				return fail(err)
			}
		case "pong":
		default:
			return fail(fmt.Errorf("expected connection_ack, got %s %s", m.Type, m.Payload))
		}
	}
	sub, _ := json.Marshal(map[string]any{
		"id": "1", "type": "subscribe",
		"payload": map[string]any{"query": subscribeQuery, "variables": map[string]any{"boardId": boardID}},
	})
	if err := c.WriteMessage(websocket.TextMessage, sub); err != nil {
		return fail(err)
	}
	_ = c.SetWriteDeadline(time.Time{})
	_ = c.SetReadDeadline(time.Time{})
	return c, nil
}

// abruptClose drops a connection without a close frame: with rst the kernel
// resets it (SO_LINGER 0), otherwise it ends with an ordinary FIN, as when a
// client process dies.
func abruptClose(c *websocket.Conn, rst bool) {
	if tc, ok := c.NetConn().(*net.TCPConn); ok && rst {
		_ = tc.SetLinger(0)
	}
	_ = c.NetConn().Close()
}

// fleet is the subscribed clients and what they received. Post number r
// (0 is the warm-up) reaching client i is recorded in recv[r*n+i], in
// nanoseconds since epoch.
type fleet struct {
	n      int
	rounds int
	marker string
	epoch  time.Time

	recv []atomic.Int64
	got  []atomic.Int64 // deliveries per round

	conns   []*websocket.Conn
	closing atomic.Bool
	readers sync.WaitGroup

	dupes     atomic.Int64 // a post delivered twice to one client
	ended     atomic.Int64 // subscriptions the server ended (complete, error, closed socket)
	endedOnce sync.Once
	endedWhy  atomic.Value // string: the first reason
}

func newFleet(n, rounds int, marker string, epoch time.Time) *fleet {
	return &fleet{
		n: n, rounds: rounds, marker: marker, epoch: epoch,
		recv:  make([]atomic.Int64, n*rounds),
		got:   make([]atomic.Int64, rounds),
		conns: make([]*websocket.Conn, n),
	}
}

// read runs client i's reader until its connection closes. It takes the
// time first and parses as little as possible, because on a small machine
// the clients compete with the server for the CPU.
func (f *fleet) read(i int, c *websocket.Conn) {
	defer f.readers.Done()
	for {
		_, msg, err := c.ReadMessage()
		now := int64(time.Since(f.epoch))
		if err != nil {
			if !f.closing.Load() {
				f.end(fmt.Sprintf("connection lost: %v", err))
			}
			return
		}
		if r, ok := roundFromTitle(msg, f.marker); ok && r < f.rounds {
			if f.recv[r*f.n+i].CompareAndSwap(0, now) {
				f.got[r].Add(1)
			} else {
				f.dupes.Add(1)
			}
			continue
		}
		var m wsMessage
		if json.Unmarshal(msg, &m) != nil {
			continue
		}
		switch m.Type {
		case "ping":
			_ = c.SetWriteDeadline(time.Now().Add(5 * time.Second))
			_ = c.WriteJSON(wsMessage{Type: "pong"})
		case "complete":
			f.end("subscription completed by the server")
		case "error":
			f.end("subscription error: " + string(m.Payload))
		}
	}
}

func (f *fleet) end(why string) {
	f.ended.Add(1)
	f.endedOnce.Do(func() { f.endedWhy.Store(why) })
}

// latencies returns round r's delivery latencies, measured from sent, and
// how many clients have not received it.
func (f *fleet) latencies(r int, sent time.Duration) (lat []time.Duration, missing int) {
	lat = make([]time.Duration, 0, f.n)
	for i := range f.n {
		if f.conns[i] == nil {
			continue
		}
		at := f.recv[r*f.n+i].Load()
		if at == 0 {
			missing++
			continue
		}
		lat = append(lat, time.Duration(at)-sent)
	}
	return lat, missing
}

// connected counts the subscribed clients.
func (f *fleet) connected() int {
	n := 0
	for _, c := range f.conns {
		if c != nil {
			n++
		}
	}
	return n
}

// closeAll drops every connection abruptly, alternating resets and FINs,
// and waits (bounded) for the readers to finish.
func (f *fleet) closeAll(wait time.Duration) error {
	f.closing.Store(true)
	for i, c := range f.conns {
		if c != nil {
			abruptClose(c, i%2 == 0)
		}
	}
	done := make(chan struct{})
	go func() { f.readers.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-time.After(wait):
		return errors.New("client readers did not stop")
	}
}
