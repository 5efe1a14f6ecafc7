package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/server"
)

// Media types of GraphQL over HTTP.
const (
	mediaJSON     = "application/json"
	mediaGraphQL  = "application/graphql-response+json"
	foreignOrigin = "https://evil.example"
)

// httpResult is a raw HTTP answer with its body decoded as a GraphQL
// response when it is one.
type httpResult struct {
	Status int
	Header http.Header
	Body   []byte
	// Fields holds the top-level members of a JSON body, to tell an absent
	// "data" from a null one.
	Fields map[string]json.RawMessage
	GQL    kithtest.Response
	Took   time.Duration
}

// Code is the extensions.code of the first error.
func (r httpResult) Code() string { return r.GQL.Code() }

// Field is the extensions.field of the first error.
func (r httpResult) Field() string {
	if len(r.GQL.Errors) == 0 {
		return ""
	}
	f, _ := r.GQL.Errors[0].Extensions["field"].(string)
	return f
}

// MediaType is the response's media type without parameters.
func (r httpResult) MediaType() string {
	mt, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	return strings.TrimSpace(mt)
}

// request describes one raw HTTP request to the server.
type request struct {
	Method      string
	Path        string // default /query
	Query       url.Values
	ContentType string
	Accept      string
	Origin      string
	Token       string
	Body        io.Reader
}

// send performs req against base and reads the whole answer.
func send(t testing.TB, base string, req request) httpResult {
	t.Helper()
	if req.Method == "" {
		req.Method = http.MethodPost
	}
	if req.Path == "" {
		req.Path = "/query"
	}
	u := base + req.Path
	if req.Query != nil {
		u += "?" + req.Query.Encode()
	}
	ctx, cancel := context.WithTimeout(context.Background(), kithtest.Timeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, req.Method, u, req.Body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"Content-Type": req.ContentType, "Accept": req.Accept, "Origin": req.Origin} {
		if v != "" {
			hr.Header.Set(k, v)
		}
	}
	if req.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.Token)
	}
	start := time.Now()
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.Path, err)
	}
	res := httpResult{Status: resp.StatusCode, Header: resp.Header, Body: body, Took: time.Since(start)}
	if json.Unmarshal(body, &res.Fields) == nil {
		_ = json.Unmarshal(body, &res.GQL)
	}
	res.GQL.Status = resp.StatusCode
	return res
}

// postJSON sends a GraphQL request body as application/json.
func postJSON(t testing.TB, base, accept, token string, body any) httpResult {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return send(t, base, request{ContentType: mediaJSON, Accept: accept, Token: token, Body: bytes.NewReader(b)})
}

// gql is a GraphQL-over-HTTP request body.
func gql(query string, vars map[string]any) map[string]any {
	body := map[string]any{"query": query}
	if vars != nil {
		body["variables"] = vars
	}
	return body
}

// leakMarkers are what an internal failure would put in a body: stack
// traces, file paths, SQL and driver errors, Go type names.
var leakMarkers = []string{
	"goroutine", ".go:", "SELECT", "INSERT", "sql:", "pq:", "ent:", "sqlite",
	"runtime.", "panic", "strconv", "msgpack", "interface {}", "map[string]", "RawParams", "json: ",
}

// assertNoLeak fails when body shows any internal detail.
func assertNoLeak(t testing.TB, body []byte) {
	t.Helper()
	for _, m := range leakMarkers {
		if bytes.Contains(body, []byte(m)) {
			t.Errorf("response leaks %q: %.300s", m, body)
		}
	}
}

// assertAlive checks that the server still answers a normal query.
func assertAlive(t testing.TB, base string) {
	t.Helper()
	r := postJSON(t, base, "", "", gql(`{ __typename }`, nil))
	if r.Status != http.StatusOK || string(r.GQL.Data) != `{"__typename":"Query"}` {
		t.Fatalf("server no longer answers: %d %s", r.Status, r.Body)
	}
}

// startProduction runs the server as `serve` does in production
// (Development false) over db.
func startProduction(t testing.TB, db *store.DB) string {
	t.Helper()
	bus := pubsub.NewMemoryBus()
	t.Cleanup(func() { bus.Close() })
	r := app.Services(db, bus, auth.NewHasher(auth.TestParams), clock.System{})
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	hs := httptest.NewServer(server.New(server.Config{Development: false, Logger: logger, Ready: db.SQL.PingContext}, r))
	t.Cleanup(hs.Close)
	return hs.URL
}

// createBoard creates a board as an admin and returns its ID.
func createBoard(t testing.TB, env *kithtest.Env, adminToken, slug, readAccess, postAccess string) string {
	t.Helper()
	r := env.MustDo(adminToken, `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
		map[string]any{"i": map[string]any{"name": slug, "slug": slug, "readAccess": readAccess, "postAccess": postAccess}})
	var d struct{ CreateBoard struct{ ID string } }
	r.Decode(t, &d)
	return d.CreateBoard.ID
}

// createPost posts on a board and returns the post's ID.
func createPost(t testing.TB, env *kithtest.Env, token, boardID, title string) string {
	t.Helper()
	r := env.MustDo(token, `mutation($b: ID!, $t: String!) { createPost(input: {boardId: $b, title: $t, body: "body"}) { id } }`,
		map[string]any{"b": boardID, "t": title})
	var d struct{ CreatePost struct{ ID string } }
	r.Decode(t, &d)
	return d.CreatePost.ID
}

// wsMsg is a graphql-transport-ws message.
type wsMsg struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// wsClient speaks graphql-transport-ws by hand over gorilla/websocket. Its
// reader goroutine hands messages to a channel, so waits can be bounded
// without disturbing the connection.
type wsClient struct {
	t      testing.TB
	conn   *websocket.Conn
	msgs   chan wsMsg
	closed chan error // the error that ended the reader: a *websocket.CloseError when the server closed
}

// wsURL is the websocket address of env's /query.
func wsURL(base string) string { return "ws" + strings.TrimPrefix(base, "http") + "/query" }

// dialWS opens a graphql-transport-ws socket to base, returning the HTTP
// answer when the upgrade is refused.
func dialWS(t testing.TB, base string, header http.Header) (*wsClient, *http.Response, error) {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: kithtest.Timeout}
	conn, resp, err := d.Dial(wsURL(base), header)
	if err != nil {
		return nil, resp, err
	}
	c := &wsClient{t: t, conn: conn, msgs: make(chan wsMsg, 64), closed: make(chan error, 1)}
	t.Cleanup(func() { _ = conn.Close() })
	go func() {
		for {
			var m wsMsg
			_, data, err := conn.ReadMessage()
			if err != nil {
				c.closed <- err
				close(c.msgs)
				return
			}
			if json.Unmarshal(data, &m) != nil {
				continue
			}
			c.msgs <- m
		}
	}()
	return c, resp, nil
}

// mustDialWS is dialWS that fails the test when the upgrade fails.
func mustDialWS(t testing.TB, base string) *wsClient {
	t.Helper()
	c, resp, err := dialWS(t, base, nil)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("websocket dial: %v (HTTP %d)", err, status)
	}
	return c
}

func (c *wsClient) send(typ, id string, payload any) {
	c.t.Helper()
	m := map[string]any{"type": typ}
	if id != "" {
		m["id"] = id
	}
	if payload != nil {
		m["payload"] = payload
	}
	if err := c.conn.WriteJSON(m); err != nil {
		c.t.Fatalf("websocket send %s: %v", typ, err)
	}
}

// init sends connection_init with the token, if any, and waits for the ack.
func (c *wsClient) init(token string) {
	c.t.Helper()
	payload := map[string]any{}
	if token != "" {
		payload["authorization"] = "Bearer " + token
	}
	c.send("connection_init", "", payload)
	if m, ok := c.next(kithtest.Timeout); !ok || m.Type != "connection_ack" {
		c.t.Fatalf("want connection_ack, got %+v (ok %v)", m, ok)
	}
}

func (c *wsClient) subscribe(id, query string, vars map[string]any) {
	c.t.Helper()
	c.send("subscribe", id, map[string]any{"query": query, "variables": vars})
}

// next returns the next message other than ping/pong, or false when none
// arrives within wait or the socket closed.
func (c *wsClient) next(wait time.Duration) (wsMsg, bool) {
	return c.read(wait, true)
}

// nextAny is next including ping and pong.
func (c *wsClient) nextAny(wait time.Duration) (wsMsg, bool) {
	return c.read(wait, false)
}

func (c *wsClient) read(wait time.Duration, skipPing bool) (wsMsg, bool) {
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				return wsMsg{}, false
			}
			if skipPing && (m.Type == "ping" || m.Type == "pong") {
				continue
			}
			return m, true
		case <-timer.C:
			return wsMsg{}, false
		}
	}
}

// expectClose waits up to wait for the server to close the socket with code
// and returns how long that took.
func (c *wsClient) expectClose(code int, wait time.Duration) time.Duration {
	c.t.Helper()
	start := time.Now()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case <-c.msgs:
			// messages before the close (an ack, keep-alives) do not matter
		case err := <-c.closed:
			var ce *websocket.CloseError
			if !errors.As(err, &ce) {
				c.t.Fatalf("socket ended without a close frame: %v", err)
			}
			if ce.Code != code {
				c.t.Fatalf("close code %d (%q), want %d", ce.Code, ce.Text, code)
			}
			return time.Since(start)
		case <-timer.C:
			c.t.Fatalf("socket not closed with %d within %v", code, wait)
		}
	}
}

// postEvent is the payload of a postAdded "next" message.
type postEvent struct {
	Data struct {
		PostAdded struct {
			ID     string
			Title  string
			Author struct{ Handle string }
			Board  struct{ ID string }
		}
	}
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

const postAddedSubscription = `subscription($b: ID) { postAdded(boardId: $b) { id title author { handle } board { id } } }`

// awaitPost reads postAdded events on subscription id until one arrives,
// failing on anything else within wait.
func (c *wsClient) awaitPost(id string, wait time.Duration) (postEvent, bool) {
	c.t.Helper()
	m, ok := c.next(wait)
	if !ok {
		return postEvent{}, false
	}
	if m.Type != "next" || m.ID != id {
		c.t.Fatalf("want next for %s, got %s %s", id, m.Type, m.Payload)
	}
	var ev postEvent
	if err := json.Unmarshal(m.Payload, &ev); err != nil {
		c.t.Fatal(err)
	}
	if len(ev.Errors) > 0 {
		c.t.Fatalf("subscription error: %+v", ev.Errors)
	}
	return ev, true
}

// postUntilReceived posts through poster until the subscriber sees one of
// the posts: a subscription starts asynchronously after "subscribe", so a
// post made at once may precede it. It returns the event received.
func postUntilReceived(t testing.TB, poster *kithtest.Env, token, boardID string, sub *wsClient, id string) postEvent {
	t.Helper()
	deadline := time.Now().Add(kithtest.Timeout)
	for i := 0; time.Now().Before(deadline); i++ {
		createPost(t, poster, token, boardID, "warm-up "+time.Now().Format(time.RFC3339Nano))
		if ev, ok := sub.awaitPost(id, 500*time.Millisecond); ok {
			return ev
		}
	}
	t.Fatalf("no post arrived within %v", kithtest.Timeout)
	return postEvent{}
}

// drainPosts discards events already on their way (further warm-up posts).
func (c *wsClient) drainPosts(id string, quiet time.Duration) {
	c.t.Helper()
	for {
		if _, ok := c.awaitPost(id, quiet); !ok {
			return
		}
	}
}
