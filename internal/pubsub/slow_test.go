package pubsub

import (
	"context"
	"errors"
	"testing"
)

func TestSlowConsumer(t *testing.T) {
	t.Run("WithoutTransport", func(t *testing.T) {
		drop := SlowConsumer(context.Background())
		if drop == nil {
			t.Fatal("SlowConsumer returned nil")
		}
		drop() // does nothing, and must not panic
	})
	t.Run("TransportsDrop", func(t *testing.T) {
		calls := 0
		type other struct{}
		ctx := context.WithValue(WithSlowConsumer(context.Background(), func() { calls++ }), other{}, 1)
		drop := SlowConsumer(ctx)
		drop()
		drop()
		if calls != 2 {
			t.Fatalf("the transport's drop ran %d times, want 2", calls)
		}
	})
}

// TestSubscription_NotifySlow: the broker tells the transport of a dropped
// subscription at once, even while its reader is busy elsewhere, and only
// when it was dropped for falling behind.
func TestSubscription_NotifySlow(t *testing.T) {
	ev := Event{Topic: "member:1", Type: "notification.created", ID: 1}
	t.Run("DroppedWhileTheReaderIsBusy", func(t *testing.T) {
		b := NewBroker()
		s := b.Subscribe(ev.Topic, 2)
		drops := 0
		s.NotifySlow(func() { drops++ })
		for range 2 {
			b.Deliver(ev)
		}
		if drops != 0 {
			t.Fatalf("drop ran %d times while the buffer had room", drops)
		}
		b.Deliver(ev) // nobody read: one too many
		if drops != 1 {
			t.Fatalf("drop ran %d times once the buffer overflowed, want 1", drops)
		}
		b.Deliver(ev) // an ended subscription gets nothing more
		if drops != 1 || !errors.Is(s.Err(), ErrSlowConsumer) {
			t.Fatalf("drops %d, Err %v", drops, s.Err())
		}
	})
	t.Run("AlreadyDropped", func(t *testing.T) {
		b := NewBroker()
		s := b.Subscribe(ev.Topic, 1)
		b.Deliver(ev)
		b.Deliver(ev)
		drops := 0
		s.NotifySlow(func() { drops++ })
		if drops != 1 {
			t.Fatalf("drop ran %d times for a subscription dropped before, want 1", drops)
		}
	})
	for name, end := range map[string]func(*Broker, *Subscription){
		"Unsubscribed":   func(_ *Broker, s *Subscription) { s.Close() },
		"BrokerClosed":   func(b *Broker, _ *Subscription) { b.Close() },
		"Resynced":       func(b *Broker, _ *Subscription) { b.ResyncAll() },
		"ReadInTime":     func(b *Broker, s *Subscription) { b.Deliver(ev); <-s.C(); b.Deliver(ev) },
		"OtherTopicBusy": func(b *Broker, _ *Subscription) { b.Deliver(Event{Topic: "member:2", Type: ev.Type}) },
	} {
		t.Run(name, func(t *testing.T) {
			b := NewBroker()
			s := b.Subscribe(ev.Topic, 1)
			drops := 0
			s.NotifySlow(func() { drops++ })
			end(b, s)
			if drops != 0 {
				t.Fatalf("drop ran %d times; the subscription did not fall behind (Err %v)", drops, s.Err())
			}
		})
	}
}
