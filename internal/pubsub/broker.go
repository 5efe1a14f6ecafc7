package pubsub

import "sync"

// Broker fans events out to in-process subscribers grouped by topic. Delivery
// never blocks: each subscription has a bounded buffer, and a subscription
// whose buffer is full is ended with ErrSlowConsumer rather than allowed to
// hold up the publisher or other subscribers. A Broker starts no goroutines.
//
// The zero Broker is ready to use. All methods are safe for concurrent use.
type Broker struct {
	// One mutex guards everything. Deliver holds it for the whole fan-out,
	// which lets it send to each subscriber's channel directly without
	// copying the subscriber list; every send is non-blocking, so the lock
	// is held only for as long as the loop takes.
	mu     sync.Mutex
	topics map[string][]*Subscription
	closed bool
}

// Subscription receives the events of one topic from a Broker. Its channel is
// closed when the subscription ends; Err then says why.
type Subscription struct {
	b     *Broker
	topic string
	ch    chan Event

	// Guarded by b.mu.
	idx  int    // position in b.topics[topic], or -1 once ended
	err  error  // why the subscription ended; nil while active
	slow func() // see NotifySlow
}

// NewBroker returns an empty Broker.
func NewBroker() *Broker {
	return &Broker{}
}

// Subscribe returns a subscription to topic whose channel buffers up to
// buffer events; a buffer smaller than 1 is treated as 1. Subscribing to a
// closed Broker returns a subscription that has already ended with ErrClosed.
func (b *Broker) Subscribe(topic string, buffer int) *Subscription {
	// An unbuffered channel would only accept an event while its reader is
	// blocked in a receive, so it would be dropped almost at once.
	buffer = max(buffer, 1)
	s := &Subscription{b: b, topic: topic, ch: make(chan Event, buffer), idx: -1}

	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		s.err = ErrClosed
		close(s.ch)
		return s
	}
	if b.topics == nil {
		b.topics = make(map[string][]*Subscription)
	}
	subs := b.topics[topic]
	s.idx = len(subs)
	b.topics[topic] = append(subs, s)
	return s
}

// Deliver sends ev to every current subscriber of ev.Topic without blocking.
// Subscribers whose buffer is full are ended with ErrSlowConsumer. Deliver on
// a closed Broker does nothing.
func (b *Broker) Deliver(ev Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.deliverLocked(b.topics[ev.Topic], ev)
}

// ResyncAll sends every subscriber an event of type TypeResync for its topic,
// telling it that it may have missed events. Subscribers whose buffer is full
// are ended with ErrSlowConsumer, which tells them the same thing.
func (b *Broker) ResyncAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	// Ending a subscription may delete its topic from the map; deleting
	// entries while ranging over a map is well defined in Go.
	for topic, subs := range b.topics {
		b.deliverLocked(subs, Event{Topic: topic, Type: TypeResync})
	}
}

// deliverLocked sends ev to each of subs. The caller holds b.mu.
func (b *Broker) deliverLocked(subs []*Subscription, ev Event) {
	// Walk backwards: ending subs[i] moves the last subscriber into slot i,
	// and walking backwards that one has already been visited, so nobody is
	// skipped or served twice.
	for i := len(subs) - 1; i >= 0; i-- {
		s := subs[i]
		select {
		case s.ch <- ev:
		default:
			b.endLocked(s, ErrSlowConsumer)
		}
	}
}

// Subscribers reports how many active subscriptions topic has.
func (b *Broker) Subscribers(topic string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.topics[topic])
}

// Close ends every subscription with ErrClosed and makes later Subscribe
// calls return ended subscriptions. Closing a closed Broker does nothing.
func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, subs := range b.topics {
		for i := len(subs) - 1; i >= 0; i-- {
			b.endLocked(subs[i], ErrClosed)
		}
	}
	b.topics = nil
	b.closed = true
}

// endLocked removes s from its topic in O(1), records why it ended and closes
// its channel. The caller holds b.mu and s must be active.
func (b *Broker) endLocked(s *Subscription, err error) {
	subs := b.topics[s.topic]
	last := len(subs) - 1
	moved := subs[last]
	subs[s.idx] = moved
	moved.idx = s.idx
	subs[last] = nil // let the ended subscription be collected
	if last == 0 {
		// Drop empty topics so that short-lived topics do not accumulate.
		delete(b.topics, s.topic)
	} else {
		b.topics[s.topic] = subs[:last]
	}
	s.idx = -1
	s.err = err
	close(s.ch)
	if err == ErrSlowConsumer && s.slow != nil {
		s.slow()
	}
}

// C returns the channel on which the subscription's events arrive. It is
// closed when the subscription ends, after any events still buffered.
func (s *Subscription) C() <-chan Event {
	return s.ch
}

// Topic returns the topic the subscription was made for.
func (s *Subscription) Topic() string {
	return s.topic
}

// Close ends the subscription with ErrUnsubscribed and closes its channel,
// unless it has already ended. It is safe to call more than once.
func (s *Subscription) Close() {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	if s.idx >= 0 {
		s.b.endLocked(s, ErrUnsubscribed)
	}
}

// NotifySlow makes the broker call drop when it ends the subscription for
// falling behind (ErrSlowConsumer), or at once if it already has. A reader
// blocked elsewhere (handing the previous event on) learns of it only when
// it reads again; drop is for the transport, which can act at once (see
// WithSlowConsumer). drop runs under the broker's lock, so it must not block
// or call the broker.
func (s *Subscription) NotifySlow(drop func()) {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	s.slow = drop
	if s.err == ErrSlowConsumer && drop != nil {
		drop()
	}
}

// Err returns nil while the subscription is active, and afterwards why it
// ended: ErrSlowConsumer, ErrUnsubscribed or ErrClosed.
func (s *Subscription) Err() error {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	return s.err
}
