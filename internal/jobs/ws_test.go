package jobs_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

type wsMsg struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// subscribeWS opens a graphql-transport-ws socket as tok, and starts one
// subscription; the returned channel carries every message but pings and
// closes with the socket.
func subscribeWS(t *testing.T, env *kithtest.Env, tok, query string, vars map[string]any) <-chan wsMsg {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: kithtest.Timeout}
	conn, _, err := d.Dial("ws"+strings.TrimPrefix(env.URL, "http")+"/query", nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	send := func(m wsMsg) {
		if err := conn.WriteJSON(m); err != nil {
			t.Fatalf("send %s: %v", m.Type, err)
		}
	}
	raw := func(v any) json.RawMessage { b, _ := json.Marshal(v); return b }
	send(wsMsg{Type: "connection_init", Payload: raw(map[string]any{"authorization": "Bearer " + tok})})
	conn.SetReadDeadline(time.Now().Add(kithtest.Timeout))
	var ack wsMsg
	if err := conn.ReadJSON(&ack); err != nil || ack.Type != "connection_ack" {
		t.Fatalf("connection_init: %+v, %v", ack, err)
	}
	out := make(chan wsMsg, 64)
	go func() {
		defer close(out)
		for {
			var m wsMsg
			if err := conn.ReadJSON(&m); err != nil {
				return
			}
			if m.Type != "ping" {
				out <- m
			}
		}
	}()
	send(wsMsg{Type: "subscribe", ID: "1", Payload: raw(map[string]any{"query": query, "variables": vars})})
	return out
}

func nextMsg(t *testing.T, ch <-chan wsMsg) wsMsg {
	t.Helper()
	select {
	case m, ok := <-ch:
		if !ok {
			t.Fatal("socket closed")
		}
		return m
	case <-time.After(kithtest.Timeout):
		t.Fatal("no message")
	}
	return wsMsg{}
}

type wsJob struct {
	ID            string
	Status        string
	ProgressDone  int
	ProgressTotal int
	Message       *string
}

const jobProgressQuery = `subscription($id: ID!) { jobProgress(id: $id) { id status progressDone progressTotal message } }`

// jobProgress over a real websocket: the creator gets the current state,
// growing progress and SUCCEEDED, then the subscription completes; another
// member gets NOT_FOUND.
func TestJobProgress_Websocket(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		f := setup(t, db, env.Bus, testOptions())
		owner := env.SignUp("owner@example.com", "Owner")
		other := env.SignUp("other@example.com", "Other")
		f.steps.gate = make(chan struct{})
		j := f.enqueue(t, as(owner.ID, viewer.RoleMember), "test.steps", stepsArgs{Steps: 4, Delay: 60 * time.Millisecond, PauseAfter: 2})
		vars := map[string]any{"id": strconv.Itoa(j.ID)}

		// gqlgen reports a resolver's error as a "next" carrying only errors
		// (then "complete"); the protocol's "error" message would do too.
		denied := nextMsg(t, subscribeWS(t, env, other.Token, jobProgressQuery, vars))
		var p struct {
			Data   json.RawMessage
			Errors []struct {
				Extensions map[string]any `json:"extensions"`
			}
		}
		if denied.Type == "error" {
			_ = json.Unmarshal(denied.Payload, &p.Errors)
		} else {
			_ = json.Unmarshal(denied.Payload, &p)
		}
		if len(p.Errors) == 0 || p.Errors[0].Extensions["code"] != "NOT_FOUND" || (len(p.Data) > 0 && string(p.Data) != "null") {
			t.Fatalf("another member got %s %s; want NOT_FOUND and no data", denied.Type, denied.Payload)
		}

		ch := subscribeWS(t, env, owner.Token, jobProgressQuery, vars)
		var seen []wsJob
		read := func() (wsJob, bool) {
			m := nextMsg(t, ch)
			if m.Type == "complete" {
				return wsJob{}, false
			}
			var p struct {
				Data   struct{ JobProgress wsJob }
				Errors []any
			}
			if m.Type != "next" || json.Unmarshal(m.Payload, &p) != nil || len(p.Errors) > 0 {
				t.Fatalf("got %s %s", m.Type, m.Payload)
			}
			return p.Data.JobProgress, true
		}
		first, _ := read()
		if first.Status != "QUEUED" || first.ID != strconv.Itoa(j.ID) {
			t.Fatalf("first = %+v, want the current state QUEUED", first)
		}
		f.start(t)
		gateOpen := false
		for {
			got, ok := read()
			if !ok {
				break
			}
			if n := len(seen); n > 0 && got.ProgressDone < seen[n-1].ProgressDone {
				t.Fatalf("progress went back: %+v after %+v", got, seen[n-1])
			}
			seen = append(seen, got)
			// The job waits after step 2 until that state has arrived here.
			if got.Status == "RUNNING" && got.ProgressDone == 2 && !gateOpen {
				close(f.steps.gate)
				gateOpen = true
			}
		}
		if len(seen) == 0 {
			t.Fatal("no updates after the first")
		}
		last := seen[len(seen)-1]
		if last.Status != "SUCCEEDED" || last.ProgressDone != 4 || last.ProgressTotal != 4 || last.Message == nil || *last.Message != "step 4" {
			t.Fatalf("last = %+v", last)
		}
		partial := false
		for _, s := range seen {
			partial = partial || (s.Status == "RUNNING" && s.ProgressDone > 0 && s.ProgressDone < 4)
		}
		if !partial {
			t.Fatalf("no partial progress among %+v", seen)
		}
	})
}
