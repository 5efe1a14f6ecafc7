package pubsub

import "context"

// Slow consumers.
//
// Every live subscription has a bounded buffer, and one that falls further
// behind is dropped (ErrSlowConsumer one level down). Dropping a single
// subscription quietly would leave its client waiting for events that never
// come, so the transport that owns the subscriber's connection says how to
// end it: the websocket transport closes the whole connection with a
// dedicated close code, and the client reconnects, refetches what it shows
// and subscribes again.

type slowConsumerKey struct{}

// WithSlowConsumer returns ctx carrying drop, which a live subscription made
// with ctx calls (see SlowConsumer; a bus subscription through NotifySlow)
// when it falls too far behind its bounded buffer, as it ends. drop must not block, since it may run while
// events are being fanned out to other subscribers, and it may be called
// more than once.
func WithSlowConsumer(ctx context.Context, drop func()) context.Context {
	return context.WithValue(ctx, slowConsumerKey{}, drop)
}

// SlowConsumer returns what a live subscription made with ctx calls when it
// is dropped for falling too far behind: the function WithSlowConsumer put
// into ctx, or one that does nothing. It never returns nil.
func SlowConsumer(ctx context.Context) func() {
	if drop, _ := ctx.Value(slowConsumerKey{}).(func()); drop != nil {
		return drop
	}
	return func() {}
}
