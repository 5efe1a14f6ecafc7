package graphtest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/kith-crm/kith/internal/kithtest"
)

// wsMsg is one graphql-transport-ws message.
type wsMsg struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// wsSub is one subscription on its own socket, authenticated in
// connection_init as the API describes.
type wsSub struct {
	t    testing.TB
	conn *websocket.Conn
	msgs chan wsMsg
}

// subscribe opens a graphql-transport-ws socket as tok (anonymous when
// empty), waits for connection_ack and starts one subscription.
func subscribe(t testing.TB, env *kithtest.Env, tok, query string, vars map[string]any) *wsSub {
	t.Helper()
	s := dialWS(t, env, tok)
	s.start("1", query, vars)
	return s
}

// start starts a subscription with id on the socket.
func (s *wsSub) start(id, query string, vars map[string]any) {
	s.t.Helper()
	s.send(wsMsg{Type: "subscribe", ID: id, Payload: mustJSON(map[string]any{"query": query, "variables": vars})})
}

// dialWS opens a graphql-transport-ws socket as tok (anonymous when empty)
// and waits for connection_ack.
func dialWS(t testing.TB, env *kithtest.Env, tok string) *wsSub {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: kithtest.Timeout}
	conn, resp, err := d.Dial("ws"+strings.TrimPrefix(env.URL, "http")+"/query", nil)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial: %v (HTTP %d)", err, status)
	}
	s := &wsSub{t: t, conn: conn, msgs: make(chan wsMsg, 64)}
	t.Cleanup(func() { conn.Close() })
	init := map[string]any{}
	if tok != "" {
		init["authorization"] = "Bearer " + tok
	}
	s.send(wsMsg{Type: "connection_init", Payload: mustJSON(init)})
	conn.SetReadDeadline(time.Now().Add(kithtest.Timeout))
	var ack wsMsg
	if err := conn.ReadJSON(&ack); err != nil || ack.Type != "connection_ack" {
		t.Fatalf("connection_init: got %+v, %v; want connection_ack", ack, err)
	}
	conn.SetReadDeadline(time.Time{})
	go func() {
		defer close(s.msgs)
		for {
			var m wsMsg
			if err := conn.ReadJSON(&m); err != nil {
				return
			}
			if m.Type == "ping" {
				continue
			}
			s.msgs <- m
		}
	}()
	return s
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func (s *wsSub) send(m wsMsg) {
	s.t.Helper()
	if err := s.conn.WriteJSON(m); err != nil {
		s.t.Fatalf("websocket send %s: %v", m.Type, err)
	}
}

// next returns the next message, or ok=false when none arrives within wait.
func (s *wsSub) next(wait time.Duration) (wsMsg, bool) {
	select {
	case m, ok := <-s.msgs:
		return m, ok
	case <-time.After(wait):
		return wsMsg{}, false
	}
}

// errorCode returns the extensions.code of an error ending the
// subscription: an "error" message, or a "next" carrying only errors.
func (m wsMsg) errorCode() (string, bool) {
	type gqlErr struct {
		Extensions map[string]any `json:"extensions"`
	}
	var errs []gqlErr
	switch m.Type {
	case "error":
		if json.Unmarshal(m.Payload, &errs) != nil {
			return "", false
		}
	case "next":
		var p struct {
			Data   json.RawMessage `json:"data"`
			Errors []gqlErr        `json:"errors"`
		}
		if json.Unmarshal(m.Payload, &p) != nil || len(p.Errors) == 0 {
			return "", false
		}
		errs = p.Errors
	default:
		return "", false
	}
	if len(errs) == 0 {
		return "", false
	}
	c, _ := errs[0].Extensions["code"].(string)
	return c, true
}

// data returns the payload's data of a "next" message without errors.
func (m wsMsg) data() (json.RawMessage, bool) {
	if m.Type != "next" {
		return nil, false
	}
	var p struct {
		Data   json.RawMessage   `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(m.Payload, &p) != nil || len(p.Errors) > 0 || len(p.Data) == 0 || string(p.Data) == "null" {
		return nil, false
	}
	return p.Data, true
}
