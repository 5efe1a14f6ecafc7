package pubsub

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// eventOfSize returns an event of type "post.created" whose encoding is
// exactly size bytes, padding topic with 'x'.
func eventOfSize(t testing.TB, topic string, size int) Event {
	t.Helper()
	ev := Event{Topic: topic, Type: "post.created", ID: 1}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > size {
		t.Fatalf("event is already %d bytes, more than %d", len(b), size)
	}
	ev.Topic += strings.Repeat("x", size-len(b))
	return ev
}

func TestEventValidate(t *testing.T) {
	tests := []struct {
		name string
		ev   Event
		want error // nil, or what the error must wrap
	}{
		{"typical", Event{Topic: "board:42", Type: "post.created", ID: 7}, nil},
		{"zero id is allowed", Event{Topic: "board:42", Type: "board.updated"}, nil},
		{"largest payload", eventOfSize(t, "board:1", MaxPayload), nil},
		{"one byte too large", eventOfSize(t, "board:1", MaxPayload+1), ErrPayloadTooLarge},
		{"PostgreSQL's limit itself", eventOfSize(t, "board:1", 8000), ErrPayloadTooLarge},
		{"far too large", eventOfSize(t, "board:1", 100_000), ErrPayloadTooLarge},
		{"empty topic", Event{Type: "post.created", ID: 1}, ErrInvalidEvent},
		{"empty type", Event{Topic: "board:1", ID: 1}, ErrInvalidEvent},
		{"resync is reserved", Event{Topic: "board:1", Type: TypeResync}, ErrInvalidEvent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.ev.Validate()
			if tt.want == nil && err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Validate() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestEventRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		payload string
		want    Event
		wantErr bool
	}{
		{"own encoding", `{"topic":"board:42","type":"post.created","id":7}`, Event{Topic: "board:42", Type: "post.created", ID: 7}, false},
		{"unknown fields from a newer replica", `{"topic":"board:1","type":"x","id":2,"extra":true}`, Event{Topic: "board:1", Type: "x", ID: 2}, false},
		{"not JSON", `hello`, Event{}, true},
		{"no topic", `{"type":"x","id":1}`, Event{}, true},
		{"empty", ``, Event{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeEvent(tt.payload)
			if (err != nil) != tt.wantErr {
				t.Fatalf("decodeEvent error = %v, wantErr %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Fatalf("decodeEvent = %+v, want %+v", got, tt.want)
			}
		})
	}
	ev := Event{Topic: "board:42", Type: "post.created", ID: 7}
	p, err := ev.encode()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := decodeEvent(p); err != nil || got != ev {
		t.Fatalf("decodeEvent(encode(%+v)) = %+v, %v", ev, got, err)
	}
}
