// Package pubsub is the live event pipeline: writes stage small events inside
// their transaction, and after commit the events reach every subscriber of
// their topic, in this process and (with PostgreSQL) in every other replica.
//
// Events carry ids only. A subscriber that receives one refetches what it
// needs through the normal, permission-checked read path, so nothing secret
// travels through the pipeline and payloads stay tiny.
package pubsub

import (
	"encoding/json"
	"errors"
	"fmt"
)

// TypeResync is the Type of the event a subscriber receives when it may have
// missed events (for example after the database connection was lost). Its
// receiver should refetch everything it shows for the topic.
const TypeResync = "resync"

// MaxPayload is the largest encoded event, in bytes, that Stage accepts. It is
// PostgreSQL's NOTIFY limit (payloads must be shorter than 8000 bytes); the
// in-memory transport enforces it too so that development on SQLite catches
// events that would fail in production.
const MaxPayload = 7999

// Errors reported by this package. Compare with errors.Is.
var (
	// ErrSlowConsumer is the Err of a subscription whose buffer was full when
	// an event arrived; it was dropped so that it could not delay others.
	ErrSlowConsumer = errors.New("pubsub: subscriber too slow, dropped")
	// ErrUnsubscribed is the Err of a subscription ended by its own Close.
	ErrUnsubscribed = errors.New("pubsub: subscription closed")
	// ErrClosed is returned by a closed Bus and is the Err of subscriptions
	// ended because their Broker or Bus was closed.
	ErrClosed = errors.New("pubsub: closed")
	// ErrPayloadTooLarge is returned by Stage for an event whose encoding
	// exceeds MaxPayload bytes.
	ErrPayloadTooLarge = errors.New("pubsub: event payload too large")
	// ErrInvalidEvent is returned by Stage for an event that lacks a topic or
	// type, or that uses the reserved TypeResync.
	ErrInvalidEvent = errors.New("pubsub: invalid event")
)

// Event says that something identified by ID changed. Topic selects the
// subscribers (e.g. "board:42"), Type says what happened (e.g.
// "post.created").
type Event struct {
	Topic string `json:"topic"`
	Type  string `json:"type"`
	ID    int    `json:"id"`
}

// Validate returns nil if ev can be staged: it has a topic and a type, the
// type is not TypeResync, and its encoding fits in MaxPayload bytes.
func (ev Event) Validate() error {
	_, err := ev.encode()
	return err
}

// encode returns the NOTIFY payload for ev, or why ev cannot be sent.
func (ev Event) encode() (string, error) {
	switch {
	case ev.Topic == "":
		return "", fmt.Errorf("%w: empty topic", ErrInvalidEvent)
	case ev.Type == "":
		return "", fmt.Errorf("%w: empty type", ErrInvalidEvent)
	case ev.Type == TypeResync:
		// Only the broker may say "you missed events"; a staged resync would
		// be indistinguishable from a real one.
		return "", fmt.Errorf("%w: type %q is reserved", ErrInvalidEvent, TypeResync)
	}
	b, err := json.Marshal(ev)
	if err != nil {
		return "", fmt.Errorf("pubsub: encode event: %w", err)
	}
	if len(b) > MaxPayload {
		return "", fmt.Errorf("%w: %d bytes, limit %d (topic %.40q)", ErrPayloadTooLarge, len(b), MaxPayload, ev.Topic)
	}
	return string(b), nil
}

// decodeEvent parses a payload written by encode. Unknown fields are ignored
// so that replicas running different versions can share the channel.
func decodeEvent(payload string) (Event, error) {
	var ev Event
	if err := json.Unmarshal([]byte(payload), &ev); err != nil {
		return Event{}, fmt.Errorf("pubsub: decode event: %w", err)
	}
	if ev.Topic == "" || ev.Type == "" {
		return Event{}, fmt.Errorf("%w: payload %.80q lacks topic or type", ErrInvalidEvent, payload)
	}
	return ev, nil
}
