package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/testserver"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"
)

const (
	testSubscription = `{"query":"subscription { name }"}`
	// testWait bounds every client read so a broken server fails the test
	// instead of hanging it.
	testWait = 5 * time.Second
)

type wsMessage struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// startWebsocketServer serves gqlgen's fake schema over the adapter and
// returns the schema (to push subscription events) and the ws:// URL.
func startWebsocketServer(t *testing.T, g *GorillaWebsocket, tw transport.Websocket) (*testserver.TestServer, string) {
	t.Helper()
	gql := testserver.New()
	tw.Implementation = g
	gql.AddTransport(tw)

	srv := httptest.NewUnstartedServer(gql)
	// gqlgen writes its own 400 after the upgrader has already answered a
	// rejected upgrade; net/http's complaint about that would only clutter
	// the test output.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	t.Cleanup(srv.Close)
	return gql, "ws" + strings.TrimPrefix(srv.URL, "http")
}

func dialWebsocket(t *testing.T, url string, header http.Header, subprotocols ...string) *websocket.Conn {
	t.Helper()
	d := websocket.Dialer{Subprotocols: subprotocols, HandshakeTimeout: testWait}
	c, resp, err := d.Dial(url, header)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial: %v (HTTP %d)", err, status)
	}
	t.Cleanup(func() { _ = c.Close() })
	if err := c.SetReadDeadline(time.Now().Add(testWait)); err != nil {
		t.Fatal(err)
	}
	return c
}

func sendMessage(t *testing.T, c *websocket.Conn, typ, id, payload string) {
	t.Helper()
	msg := wsMessage{Type: typ, ID: id}
	if payload != "" {
		msg.Payload = json.RawMessage(payload)
	}
	if err := c.WriteJSON(msg); err != nil {
		t.Fatalf("send %s: %v", typ, err)
	}
}

// expectMessage reads until a message of type typ arrives. Legacy "ka"
// keep-alives may arrive at any time, so they are skipped unless asked for.
func expectMessage(t *testing.T, c *websocket.Conn, typ string) wsMessage {
	t.Helper()
	for {
		var msg wsMessage
		if err := c.ReadJSON(&msg); err != nil {
			t.Fatalf("waiting for %q: %v", typ, err)
		}
		if msg.Type == typ {
			return msg
		}
		if msg.Type != "ka" {
			t.Fatalf("got %q (%s), want %q", msg.Type, msg.Payload, typ)
		}
	}
}

// expectClose reads until the server closes the socket and checks the close
// frame; an empty reason is not checked.
func expectClose(t *testing.T, c *websocket.Conn, code int, reason string) {
	t.Helper()
	for {
		_, data, err := c.ReadMessage()
		if err == nil {
			continue // e.g. the connection_ack preceding a close
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) {
			t.Fatalf("want close frame %d, got %v (last data %s)", code, err, data)
		}
		if ce.Code != code || (reason != "" && ce.Text != reason) {
			t.Fatalf("close = %d %q, want %d %q", ce.Code, ce.Text, code, reason)
		}
		return
	}
}

func TestGorillaWebsocketSubscribe(t *testing.T) {
	tests := []struct {
		name         string
		offer        []string
		wantProtocol string
		subscribe    string
		next         string
		stop         string
	}{
		{
			name:         "graphql-transport-ws",
			offer:        []string{"graphql-transport-ws"},
			wantProtocol: "graphql-transport-ws",
			subscribe:    "subscribe", next: "next", stop: "complete",
		},
		{
			name:         "legacy graphql-ws",
			offer:        []string{"graphql-ws"},
			wantProtocol: "graphql-ws",
			subscribe:    "start", next: "data", stop: "stop",
		},
		{
			name:         "both offered prefers graphql-transport-ws",
			offer:        []string{"graphql-ws", "graphql-transport-ws"},
			wantProtocol: "graphql-transport-ws",
			subscribe:    "subscribe", next: "next", stop: "complete",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			gql, url := startWebsocketServer(t, &GorillaWebsocket{}, transport.Websocket{})
			c := dialWebsocket(t, url, nil, tt.offer...)
			if got := c.Subprotocol(); got != tt.wantProtocol {
				t.Fatalf("subprotocol = %q, want %q", got, tt.wantProtocol)
			}

			sendMessage(t, c, "connection_init", "", "")
			expectMessage(t, c, "connection_ack")
			sendMessage(t, c, tt.subscribe, "1", testSubscription)
			gql.SendNextSubscriptionMessage()
			msg := expectMessage(t, c, tt.next)
			if msg.ID != "1" || string(msg.Payload) != `{"data":{"name":"test"}}` {
				t.Fatalf("next = id %q payload %s", msg.ID, msg.Payload)
			}

			sendMessage(t, c, tt.stop, "1", "")
			if msg := expectMessage(t, c, "complete"); msg.ID != "1" {
				t.Fatalf("complete id = %q, want 1", msg.ID)
			}
		})
	}
}

// TestGorillaWebsocketKeepAlive checks that gqlgen's keep-alive ticker writes
// through the adapter while subscription events are being written.
func TestGorillaWebsocketKeepAlive(t *testing.T) {
	gql, url := startWebsocketServer(t, &GorillaWebsocket{}, transport.Websocket{
		KeepAlivePingInterval: 10 * time.Millisecond,
	})
	c := dialWebsocket(t, url, nil, "graphql-ws")
	sendMessage(t, c, "connection_init", "", "")
	expectMessage(t, c, "connection_ack")
	sendMessage(t, c, "start", "1", testSubscription)

	const events = 10
	go func() {
		for range events {
			gql.SendNextSubscriptionMessage()
		}
	}()

	// The first "ka" follows the ack; the rest come from the ticker.
	var data, keepAlives int
	for data < events || keepAlives < 3 {
		var msg wsMessage
		if err := c.ReadJSON(&msg); err != nil {
			t.Fatalf("after %d data and %d ka: %v", data, keepAlives, err)
		}
		switch msg.Type {
		case "data":
			data++
		case "ka":
			keepAlives++
		default:
			t.Fatalf("unexpected %q (%s)", msg.Type, msg.Payload)
		}
	}
}

// TestGorillaConnConcurrentWrites writes from several goroutines at once, as
// gqlgen's responses, keep-alives and the adapter's own closes may. gqlgen
// happens to serialise its writes today, so the conn is driven directly:
// without the write lock gorilla panics and the race detector reports.
func TestGorillaConnConcurrentWrites(t *testing.T) {
	const writers, perWriter = 4, 50
	g := &GorillaWebsocket{}
	done := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := g.Accept(w, r, transport.WebsocketAcceptOptions{})
		if err != nil {
			done <- err
			return
		}
		defer func() { _ = conn.Close() }()
		errs := make(chan error, writers*perWriter)
		var wg sync.WaitGroup
		for range writers {
			wg.Go(func() {
				for range perWriter {
					errs <- conn.WriteJSON(wsMessage{Type: "ka"})
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				done <- err
				return
			}
		}
		done <- nil
		// Stay open until the client has read everything.
		_, _, _ = conn.NextReader()
	}))
	t.Cleanup(srv.Close)

	c := dialWebsocket(t, "ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	for i := range writers * perWriter {
		if _, _, err := c.ReadMessage(); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestGorillaWebsocketCloseCodes(t *testing.T) {
	rejectInit := func(ctx context.Context, _ transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		ctx = transport.WithWebsocketCloseCode(ctx, WebsocketCloseForbidden)
		// gqlgen reads the close code from the returned context, so it must
		// be returned along with the error.
		return transport.AppendCloseReason(ctx, "Forbidden"), nil, errors.New("invalid token")
	}
	oversized := `{"query":"subscription { name }","variables":{"pad":"` + strings.Repeat("x", 1024) + `"}}`

	tests := []struct {
		name             string
		adapterTimeout   time.Duration
		transportTimeout time.Duration
		readLimit        int64
		initFunc         transport.WebsocketInitFunc
		send             []wsMessage
		wantCode         int
		wantReason       string
	}{
		{
			name:           "no connection_init",
			adapterTimeout: 100 * time.Millisecond,
			wantCode:       WebsocketCloseInitTimeout,
			wantReason:     "Connection initialisation timeout",
		},
		{
			name:             "gqlgen init timeout fires first",
			adapterTimeout:   time.Minute,
			transportTimeout: 100 * time.Millisecond,
			wantCode:         WebsocketCloseInitTimeout,
			wantReason:       "Connection initialisation timeout",
		},
		{
			name:       "second connection_init",
			send:       []wsMessage{{Type: "connection_init"}, {Type: "connection_init"}},
			wantCode:   WebsocketCloseTooManyInitRequests,
			wantReason: "Too many initialisation requests",
		},
		{
			name:       "InitFunc rejects",
			initFunc:   rejectInit,
			send:       []wsMessage{{Type: "connection_init"}},
			wantCode:   WebsocketCloseForbidden,
			wantReason: "Forbidden",
		},
		{
			name:      "oversized message",
			readLimit: 512,
			send: []wsMessage{
				{Type: "connection_init"},
				{Type: "subscribe", ID: "1", Payload: json.RawMessage(oversized)},
			},
			wantCode: websocket.CloseMessageTooBig,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tw := transport.Websocket{InitFunc: tt.initFunc, InitTimeout: tt.transportTimeout}
			if tt.readLimit != 0 {
				tw.PayloadReadLimit = &tt.readLimit
			}
			_, url := startWebsocketServer(t, &GorillaWebsocket{InitTimeout: tt.adapterTimeout}, tw)
			c := dialWebsocket(t, url, nil, "graphql-transport-ws")
			for _, msg := range tt.send {
				if err := c.WriteJSON(msg); err != nil {
					t.Fatal(err)
				}
			}
			expectClose(t, c, tt.wantCode, tt.wantReason)
		})
	}
}

func TestGorillaWebsocketOrigin(t *testing.T) {
	const listed = "https://app.kith.example"
	_, url := startWebsocketServer(t, NewGorillaWebsocket([]string{listed}), transport.Websocket{})
	sameOrigin := "http" + strings.TrimPrefix(url, "ws")

	tests := []struct {
		name       string
		origin     string
		wantStatus int
	}{
		{name: "no Origin", origin: "", wantStatus: http.StatusSwitchingProtocols},
		{name: "same origin", origin: sameOrigin, wantStatus: http.StatusSwitchingProtocols},
		{name: "listed origin", origin: listed, wantStatus: http.StatusSwitchingProtocols},
		{name: "foreign origin", origin: "https://evil.example", wantStatus: http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := http.Header{}
			if tt.origin != "" {
				header.Set("Origin", tt.origin)
			}
			d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: testWait}
			c, resp, err := d.Dial(url, header)
			if c != nil {
				_ = c.Close()
			}
			if resp == nil {
				t.Fatalf("no HTTP response: %v", err)
			}
			_ = resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d (err %v)", resp.StatusCode, tt.wantStatus, err)
			}
		})
	}
}

func TestOriginAllowed(t *testing.T) {
	allowed := []string{"https://app.kith.example/", "null"}
	tests := []struct {
		name   string
		host   string
		origin string
		want   bool
	}{
		{"no Origin", "api.kith.example", "", true},
		{"same origin", "api.kith.example", "https://api.kith.example", true},
		{"same origin any case", "API.kith.example", "https://api.KITH.example", true},
		{"same host other port", "api.kith.example", "https://api.kith.example:8443", false},
		{"listed origin", "api.kith.example", "https://app.kith.example", true},
		{"listed origin any case", "api.kith.example", "HTTPS://APP.kith.example", true},
		{"listed origin other scheme", "api.kith.example", "http://app.kith.example", false},
		{"unlisted subdomain", "api.kith.example", "https://evil.kith.example", false},
		{"foreign origin", "api.kith.example", "https://evil.example", false},
		{"listed opaque origin", "api.kith.example", "null", true},
		{"malformed origin", "api.kith.example", "https://%zz", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "http://"+tt.host+"/graphql", nil)
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			if got := OriginAllowed(r, allowed); got != tt.want {
				t.Fatalf("OriginAllowed(host %q, origin %q) = %v, want %v", tt.host, tt.origin, got, tt.want)
			}
		})
	}
	r := httptest.NewRequest(http.MethodGet, "http://api.kith.example/graphql", nil)
	r.Header.Set("Origin", "null")
	if OriginAllowed(r, nil) {
		t.Fatal("opaque origin allowed without being listed")
	}
}

func TestGorillaWebsocketCloseKey(t *testing.T) {
	g := &GorillaWebsocket{}
	gql, url := startWebsocketServer(t, g, transport.Websocket{
		InitFunc: func(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			if !g.SetKey(ctx, p.GetString("session")) {
				return ctx, nil, errors.New("socket not registered")
			}
			return ctx, nil, nil
		},
	})
	open := func(session string) *websocket.Conn {
		c := dialWebsocket(t, url, nil, "graphql-transport-ws")
		sendMessage(t, c, "connection_init", "", `{"session":"`+session+`"}`)
		expectMessage(t, c, "connection_ack")
		return c
	}
	a1, a2, b := open("a"), open("a"), open("b")

	// A running subscription must not stand in the way of the close.
	sendMessage(t, a1, "subscribe", "1", testSubscription)
	gql.SendNextSubscriptionMessage()
	expectMessage(t, a1, "next")

	const logout = 4401
	if n := g.CloseKey("a", logout, "Logged out"); n != 2 {
		t.Fatalf("CloseKey closed %d sockets, want 2", n)
	}
	expectClose(t, a1, logout, "Logged out")
	expectClose(t, a2, logout, "Logged out")
	if n := g.CloseKey("a", logout, "Logged out"); n != 0 {
		t.Fatalf("second CloseKey closed %d sockets, want 0", n)
	}

	sendMessage(t, b, "ping", "", "")
	expectMessage(t, b, "pong")

	if g.SetKey(context.Background(), "c") {
		t.Fatal("SetKey accepted a context that belongs to no socket")
	}

	// Closed sockets must leave the registry, or every logout would leak.
	deadline := time.Now().Add(testWait)
	for {
		g.mu.Lock()
		registered := len(g.byCtx)
		g.mu.Unlock()
		if registered == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sockets registered, want 1", registered)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestTruncateCloseReason(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		want   int
	}{
		{"short", "Logged out", len("Logged out")},
		{"exactly the limit", strings.Repeat("x", maxCloseReasonLen), maxCloseReasonLen},
		{"ASCII overflow", strings.Repeat("x", 200), maxCloseReasonLen},
		// 122 ASCII bytes and a 3-byte rune: cutting at 123 would split it.
		{"rune across the limit", strings.Repeat("x", 122) + "€€", 122},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncateCloseReason(tt.reason); len(got) != tt.want {
				t.Fatalf("len = %d, want %d", len(got), tt.want)
			}
		})
	}
}

func TestEncodeProtocolMessage_MatchesEncodingJSON(t *testing.T) {
	type msgType string
	type message struct {
		Payload json.RawMessage `json:"payload,omitempty"`
		ID      string          `json:"id,omitempty"`
		Type    msgType         `json:"type"`
		noOp    bool
	}
	cases := []struct {
		name string
		msg  *message
	}{
		{"Next", &message{Payload: json.RawMessage(`{"data":{"postAdded":{"title":"你好 \u003cb\u003e"}}}`), ID: "1", Type: "next"}},
		{"NoPayload", &message{ID: "7", Type: "complete"}},
		{"NoID", &message{Type: "connection_ack"}},
		{"QuotedID", &message{ID: `a"b\c`, Type: "next", Payload: json.RawMessage(`[]`)}},
		{"HTMLInID", &message{ID: "<a&b>", Type: "next", Payload: json.RawMessage(`{}`)}},
		{"UnicodeID", &message{ID: "订阅\u2028\x01", Type: "next", Payload: json.RawMessage(`{}`)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := appendProtocolMessageOf(nil, c.msg)
			if !ok {
				t.Fatal("gqlgen-shaped message not recognised")
			}
			// Byte for byte: a pre-rendered frame must be what gqlgen's
			// own response would have been.
			if want, _ := json.Marshal(c.msg); !bytes.Equal(got, want) {
				t.Fatalf("got %s; want %s", got, want)
			}
		})
	}
	if _, ok := appendProtocolMessageOf(nil, map[string]any{"type": "x"}); ok {
		t.Fatal("a map was taken for a protocol message")
	}
}

// stallServer serves one socket of g that is written large messages until a
// write fails, while it is read as gqlgen reads it; it reports how the
// socket ended.
const stallMessage = 1 << 20

type stallResult struct {
	writes   int   // messages written in full
	writeErr error // what ended the writing
	readErr  error // what ended the reading
}

func stallServer(t *testing.T, g *GorillaWebsocket) (url string, done <-chan stallResult) {
	t.Helper()
	results := make(chan stallResult, 1)
	// Far more than the small socket buffers of either side hold.
	big := wsMessage{Type: "next", ID: "1", Payload: json.RawMessage(`"` + strings.Repeat("x", stallMessage) + `"`)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := g.Accept(w, r, transport.WebsocketAcceptOptions{Subprotocols: []string{subprotocolGraphQLTransportWS}})
		if err != nil {
			return
		}
		read := make(chan error, 1)
		go func() {
			for {
				if _, _, err := conn.NextReader(); err != nil {
					read <- err
					return
				}
			}
		}()
		var res stallResult
		for res.writeErr == nil {
			if res.writeErr = conn.WriteJSON(big); res.writeErr == nil {
				res.writes++
			}
		}
		res.readErr = <-read
		_ = conn.Close()
		results <- res
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http"), results
}

// awaitSlowClose waits until g has closed n sockets as slow consumers.
func awaitSlowClose(t *testing.T, g *GorillaWebsocket, n int64) {
	t.Helper()
	deadline := time.Now().Add(testWait)
	for g.SlowConsumerCloses() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d sockets closed as slow consumers within %v, want %d", g.SlowConsumerCloses(), testWait, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestGorillaWebsocketStalledWrite: a write the peer does not let through
// within WriteTimeout closes the socket with 4013. A peer that reads again
// receives the message in progress, nothing after it, and the close frame
// (what it sends meanwhile goes unanswered, and does not end the socket
// early); a peer that never reads again is dropped.
func TestGorillaWebsocketStalledWrite(t *testing.T) {
	t.Run("ReadsAgain", func(t *testing.T) {
		g := &GorillaWebsocket{WriteTimeout: 2 * time.Second, SendBuffer: 4096}
		url, done := stallServer(t, g)
		c := dialWebsocket(t, url, nil, subprotocolGraphQLTransportWS)
		awaitSlowClose(t, g, 1)
		sendMessage(t, c, "ping", "", "")
		if err := c.SetReadDeadline(time.Now().Add(testWait)); err != nil {
			t.Fatal(err)
		}
		// Whatever the buffers held, and the message in progress, arrives
		// whole; then the close frame.
		received := 0
		for {
			_, data, err := c.ReadMessage()
			if err != nil {
				var ce *websocket.CloseError
				if !errors.As(err, &ce) || ce.Code != WebsocketCloseSlowConsumer || ce.Text != slowConsumerReason {
					t.Fatalf("after %d messages: %v, want close %d %q", received, err, WebsocketCloseSlowConsumer, slowConsumerReason)
				}
				break
			}
			if len(data) < stallMessage {
				t.Fatalf("message %d arrived with %d bytes", received, len(data))
			}
			received++
		}
		res := <-done
		if res.writes != received || !errors.Is(res.writeErr, websocket.ErrCloseSent) || !errors.Is(res.readErr, transport.ErrWebsocketClosed) {
			t.Fatalf("server side: %d writes (%d received), write ended with %v, read with %v; want %v, %v",
				res.writes, received, res.writeErr, res.readErr, websocket.ErrCloseSent, transport.ErrWebsocketClosed)
		}
		if n := g.SlowConsumerCloses(); n != 1 {
			t.Fatalf("%d slow consumer closes, want 1", n)
		}
	})
	t.Run("NeverReadsAgain", func(t *testing.T) {
		g := &GorillaWebsocket{WriteTimeout: 200 * time.Millisecond, SendBuffer: 4096}
		url, done := stallServer(t, g)
		dialWebsocket(t, url, nil, subprotocolGraphQLTransportWS)
		var res stallResult
		select {
		case res = <-done:
		case <-time.After(testWait):
			t.Fatal("the socket of a peer that never reads was not dropped")
		}
		var ne net.Error
		if !errors.As(res.writeErr, &ne) || !ne.Timeout() || !errors.Is(res.readErr, transport.ErrWebsocketClosed) {
			t.Fatalf("server side: write ended with %v, read with %v; want a timeout and %v", res.writeErr, res.readErr, transport.ErrWebsocketClosed)
		}
		if n := g.SlowConsumerCloses(); n != 1 {
			t.Fatalf("%d slow consumer closes, want 1", n)
		}
	})
}
