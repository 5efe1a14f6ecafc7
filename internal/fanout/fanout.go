// Package fanout lets the subscriptions that would receive the same bytes for
// a live event share one execution of their selection.
//
// Without it, every subscriber of a board executes its selection for every
// event: ten thousand subscribers of one query cost ten thousand executions
// and marshallings of the same post. With it, the transport (server/) gives
// each subscription it can serve this way a Sink whose Group stands for every
// subscription with the same operation, variables and visibility class; the
// hub that fans the event out (internal/community) still decides per
// subscriber what its viewer may see, then offers the same Frame to every
// sink of a group that receives the same item. The first subscription to
// need the frame renders it (Frame.Render); the transport writes its payload
// as the subscription's next message (or hands its response to gqlgen, which
// encodes it again).
//
// A Group renders through a GraphQL execution of its own, the render
// execution, whose resolver is told by the context (Feed) to return a channel
// the group feeds instead of subscribing; the bytes are therefore exactly
// those the ordinary per-subscriber execution would produce for the same
// item.
package fanout

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// RenderFunc executes a group's selection for item.
type RenderFunc func(item any) (*graphql.Response, error)

// Group stands for the subscriptions whose viewers receive equal bytes for
// equal items. Its methods are safe for concurrent use.
type Group struct {
	mu     sync.Mutex // one render at a time: the render execution is not reentrant
	render RenderFunc
}

// NewGroup returns a group that renders with render.
func NewGroup(render RenderFunc) *Group {
	return &Group{render: render}
}

// Frame returns an unrendered frame of item for the group's subscriptions.
func (g *Group) Frame(item any) *Frame {
	return &Frame{group: g, item: item}
}

// Frame is one event as the subscriptions of a group receive it. It is
// rendered once, by whichever of them needs it first (so the hub that hands
// it out never waits for a render), and shared by all of them.
type Frame struct {
	group *Group
	item  any

	once     sync.Once
	response *graphql.Response
	payload  []byte
	err      error
}

// Render returns the frame's response and its encoding as gqlgen's
// transports encode a response (encoding/json), ready to be written as a
// next message's payload; neither may be modified. The first call renders;
// concurrent calls wait for it, and later ones return the same.
func (f *Frame) Render() (response *graphql.Response, payload []byte, err error) {
	f.once.Do(func() {
		f.group.mu.Lock()
		defer f.group.mu.Unlock()
		f.response, f.err = f.group.render(f.item)
		switch {
		case f.err != nil:
		case f.response == nil:
			f.err = errors.New("fanout: the render execution ended")
		default:
			f.payload, f.err = json.Marshal(f.response)
		}
		f.item = nil // rendered: the item need not stay reachable
	})
	return f.response, f.payload, f.err
}

// Sink is one subscription of a group. The transport creates it and puts it
// into the subscription's context; the resolver that serves the
// subscription attaches it (Attach) and from then on delivers frames to it
// instead of items to its own channel.
//
// Its buffer is a queue that grows as frames wait, up to the limit Attach
// sets: a subscriber nearly always has at most one frame waiting, so ten
// thousand sinks hold a few bytes each rather than a full buffer each.
type Sink struct {
	group *Group
	limit int
	ready chan struct{} // holds a token while frames or the close wait for Next

	mu     sync.Mutex
	queue  []*Frame // queue[head:] wait
	head   int
	closed bool
}

// NewSink returns a sink of g, not yet attached.
func NewSink(g *Group) *Sink {
	return &Sink{group: g}
}

// Group returns the sink's group.
func (s *Sink) Group() *Group { return s.group }

// Attach readies the sink to buffer up to buffer frames. The resolver calls
// it, on the goroutine that resolves the subscription, before anything can
// offer it a frame.
func (s *Sink) Attach(buffer int) {
	s.limit = max(buffer, 1)
	s.ready = make(chan struct{}, 1)
}

// Attached reports whether a resolver attached the sink. The transport asks
// on the goroutine that resolved the subscription; a subscription whose
// resolver did not attach it (another kind of subscription, or an error) is
// served the ordinary way.
func (s *Sink) Attached() bool { return s.ready != nil }

// Offer queues f without blocking and reports false when the sink's buffer
// is full. It must not be called after Close.
func (s *Sink) Offer(f *Frame) bool {
	s.mu.Lock()
	if len(s.queue)-s.head >= s.limit {
		s.mu.Unlock()
		return false
	}
	s.queue = append(s.queue, f)
	s.mu.Unlock()
	s.wake()
	return true
}

// Close says that no more frames will come; Next returns the buffered ones
// first. It is safe to call more than once.
func (s *Sink) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.wake()
}

func (s *Sink) wake() {
	select {
	case s.ready <- struct{}{}:
	default: // a token is already waiting
	}
}

// Next waits for the next frame; ok is false once the sink is closed and
// drained. The hub closes a sink when it ends the subscription and when the
// subscription's context ends, so Next needs no context of its own. Only
// one goroutine may call Next.
func (s *Sink) Next() (f *Frame, ok bool) {
	for {
		s.mu.Lock()
		if s.head < len(s.queue) {
			f = s.queue[s.head]
			s.queue[s.head] = nil
			if s.head++; s.head == len(s.queue) {
				s.queue, s.head = s.queue[:0], 0 // keep the array for the next frame
			}
			s.mu.Unlock()
			return f, true
		}
		closed := s.closed
		s.mu.Unlock()
		if closed {
			return nil, false
		}
		<-s.ready
	}
}

type sinkKey struct{}

// NewContext returns ctx carrying s, for the subscription's resolver.
func NewContext(ctx context.Context, s *Sink) context.Context {
	return context.WithValue(ctx, sinkKey{}, s)
}

// FromContext returns the sink of the subscription ctx belongs to, or nil
// when the subscription is served the ordinary way.
func FromContext(ctx context.Context) *Sink {
	s, _ := ctx.Value(sinkKey{}).(*Sink)
	return s
}

// FeedPoint is the render execution's end of a group: the resolver binds a
// channel to it (Feed), and the group pushes each item to render into that
// channel just before it executes the selection.
type FeedPoint struct {
	push func(item any) bool
}

// NewFeedPoint returns a point no resolver has bound yet.
func NewFeedPoint() *FeedPoint { return &FeedPoint{} }

// Bound reports whether a resolver bound a channel to p.
func (p *FeedPoint) Bound() bool { return p.push != nil }

// Push hands item to the bound channel, replacing an item no render took;
// false when nothing is bound or the item has the wrong type. The group
// pushes only while it holds its render lock.
func (p *FeedPoint) Push(item any) bool {
	return p.push != nil && p.push(item)
}

type feedKey struct{}

// WithFeed returns ctx for a render execution fed through p.
func WithFeed(ctx context.Context, p *FeedPoint) context.Context {
	return context.WithValue(ctx, feedKey{}, p)
}

// Feed returns, when ctx is that of a render execution, the channel its
// subscription resolver must return, and true; the resolver then returns it
// at once, without checks or subscribing, since the group's subscriptions
// have each been checked and subscribed on their own. Otherwise it returns
// false.
func Feed[T any](ctx context.Context) (<-chan T, bool) {
	p, _ := ctx.Value(feedKey{}).(*FeedPoint)
	if p == nil {
		return nil, false
	}
	ch := make(chan T, 1)
	p.push = func(item any) bool {
		v, ok := item.(T)
		if !ok {
			return false
		}
		// Renders are one at a time and read their item before returning;
		// an item a failed render left behind must not block every later one.
		select {
		case <-ch:
		default:
		}
		ch <- v
		return true
	}
	return ch, true
}
