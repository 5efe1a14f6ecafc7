package pubsub

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// drain returns the IDs of the events buffered in s without blocking.
func drain(s *Subscription) []int {
	var ids []int
	for {
		select {
		case ev, ok := <-s.C():
			if !ok {
				return ids
			}
			ids = append(ids, ev.ID)
		default:
			return ids
		}
	}
}

func TestBrokerFanOutAndIsolation(t *testing.T) {
	ev := func(topic string, id int) Event { return Event{Topic: topic, Type: "post.created", ID: id} }
	tests := []struct {
		name    string
		subs    []string // the topic of each subscriber
		deliver []Event
		want    [][]int // IDs each subscriber receives, in order
	}{
		{
			name:    "single subscriber",
			subs:    []string{"board:1"},
			deliver: []Event{ev("board:1", 1), ev("board:1", 2)},
			want:    [][]int{{1, 2}},
		},
		{
			name:    "every subscriber of a topic gets every event",
			subs:    []string{"board:1", "board:1", "board:1"},
			deliver: []Event{ev("board:1", 1), ev("board:1", 2)},
			want:    [][]int{{1, 2}, {1, 2}, {1, 2}},
		},
		{
			name:    "topics are isolated",
			subs:    []string{"board:1", "board:2", "board:1"},
			deliver: []Event{ev("board:1", 1), ev("board:2", 2), ev("board:1", 3)},
			want:    [][]int{{1, 3}, {2}, {1, 3}},
		},
		{
			name:    "topics match exactly, not by prefix",
			subs:    []string{"board:4", "board:42"},
			deliver: []Event{ev("board:42", 7)},
			want:    [][]int{nil, {7}},
		},
		{
			name:    "events for a topic nobody follows go nowhere",
			subs:    []string{"board:1"},
			deliver: []Event{ev("board:9", 1)},
			want:    [][]int{nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBroker()
			subs := make([]*Subscription, len(tt.subs))
			for i, topic := range tt.subs {
				subs[i] = b.Subscribe(topic, 10)
			}
			for _, ev := range tt.deliver {
				b.Deliver(ev)
			}
			for i, s := range subs {
				if got := drain(s); !slices.Equal(got, tt.want[i]) {
					t.Errorf("subscriber %d (%s) got %v, want %v", i, s.Topic(), got, tt.want[i])
				}
				if err := s.Err(); err != nil {
					t.Errorf("subscriber %d ended: %v", i, err)
				}
			}
		})
	}
}

func TestBrokerDropsSlowConsumerWithoutBlockingOthers(t *testing.T) {
	const n = 100
	b := NewBroker()
	slow := b.Subscribe("board:1", 2) // never read
	fast := b.Subscribe("board:1", n)
	other := b.Subscribe("board:2", 1)

	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range n {
			b.Deliver(Event{Topic: "board:1", Type: "post.created", ID: i})
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Deliver blocked on a subscriber that does not read")
	}

	// The slow subscriber keeps what fitted in its buffer, then its channel
	// is closed and Err says why.
	if got, want := drain(slow), []int{0, 1}; !slices.Equal(got, want) {
		t.Errorf("slow subscriber got %v, want %v", got, want)
	}
	if _, ok := <-slow.C(); ok {
		t.Error("slow subscriber's channel is still open")
	}
	if err := slow.Err(); !errors.Is(err, ErrSlowConsumer) {
		t.Errorf("slow.Err() = %v, want ErrSlowConsumer", err)
	}
	if got := len(drain(fast)); got != n {
		t.Errorf("fast subscriber got %d events, want %d", got, n)
	}
	if err := fast.Err(); err != nil {
		t.Errorf("fast.Err() = %v, want nil", err)
	}
	if err := other.Err(); err != nil {
		t.Errorf("subscriber of another topic ended: %v", err)
	}
	if got := b.Subscribers("board:1"); got != 1 {
		t.Errorf("Subscribers(board:1) = %d, want 1", got)
	}
	slow.Close() // closing a dropped subscription changes nothing
	if err := slow.Err(); !errors.Is(err, ErrSlowConsumer) {
		t.Errorf("after Close, slow.Err() = %v, want ErrSlowConsumer", err)
	}
}

func TestBrokerResyncAll(t *testing.T) {
	b := NewBroker()
	a := b.Subscribe("board:1", 1)
	c := b.Subscribe("board:2", 1)
	full := b.Subscribe("board:2", 1)
	b.Deliver(Event{Topic: "board:2", Type: "post.created", ID: 1})
	<-c.C() // make room in c, leave full full

	b.ResyncAll()

	for _, s := range []*Subscription{a, c} {
		select {
		case ev := <-s.C():
			if want := (Event{Topic: s.Topic(), Type: TypeResync}); ev != want {
				t.Errorf("%s got %+v, want %+v", s.Topic(), ev, want)
			}
		default:
			t.Errorf("%s got no resync event", s.Topic())
		}
	}
	// A subscriber with no room for the resync is dropped, which tells it
	// the same thing.
	if err := full.Err(); !errors.Is(err, ErrSlowConsumer) {
		t.Errorf("full.Err() = %v, want ErrSlowConsumer", err)
	}
}

func TestSubscriptionClose(t *testing.T) {
	b := NewBroker()
	s := b.Subscribe("board:1", 1)
	if err := s.Err(); err != nil {
		t.Fatalf("new subscription Err() = %v", err)
	}
	s.Close()
	s.Close() // second Close is harmless
	if _, ok := <-s.C(); ok {
		t.Error("channel still open after Close")
	}
	if err := s.Err(); !errors.Is(err, ErrUnsubscribed) {
		t.Errorf("Err() = %v, want ErrUnsubscribed", err)
	}
	b.Deliver(Event{Topic: "board:1", Type: "post.created", ID: 1}) // must not panic on the closed channel
	if got := b.Subscribers("board:1"); got != 0 {
		t.Errorf("Subscribers = %d after Close, want 0", got)
	}
}

func TestBrokerClose(t *testing.T) {
	var b Broker // the zero Broker is usable
	subs := []*Subscription{b.Subscribe("board:1", 1), b.Subscribe("board:1", 1), b.Subscribe("board:2", 1)}
	b.Close()
	b.Close()
	for i, s := range subs {
		if _, ok := <-s.C(); ok {
			t.Errorf("subscriber %d: channel open after broker Close", i)
		}
		if err := s.Err(); !errors.Is(err, ErrClosed) {
			t.Errorf("subscriber %d: Err() = %v, want ErrClosed", i, err)
		}
	}
	late := b.Subscribe("board:1", 1)
	if _, ok := <-late.C(); ok {
		t.Error("subscription made after Close is open")
	}
	if err := late.Err(); !errors.Is(err, ErrClosed) {
		t.Errorf("late.Err() = %v, want ErrClosed", err)
	}
	b.Deliver(Event{Topic: "board:1", Type: "post.created"})
	b.ResyncAll()
}

func TestBrokerMinimumBuffer(t *testing.T) {
	b := NewBroker()
	s := b.Subscribe("board:1", 0)
	b.Deliver(Event{Topic: "board:1", Type: "post.created", ID: 1})
	if got := drain(s); !slices.Equal(got, []int{1}) {
		t.Errorf("buffer 0 subscriber got %v, want [1]", got)
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
}

// waitGoroutines waits until no more goroutines run than want and fails the
// test if that does not happen. Goroutines of earlier tests may still be
// finishing, so it polls instead of comparing once.
func waitGoroutines(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := runtime.NumGoroutine()
		if got <= want {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines running, want at most %d:\n%s", got, want, buf)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBrokerNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	b := NewBroker()
	const cycles = 10_000
	for i := range cycles {
		topic := fmt.Sprintf("board:%d", i%100)
		s := b.Subscribe(topic, 1)
		b.Deliver(Event{Topic: topic, Type: "post.created", ID: i})
		if i%2 == 0 {
			<-s.C()
		}
		s.Close()
	}
	b.mu.Lock()
	topics := len(b.topics)
	b.mu.Unlock()
	if topics != 0 {
		t.Errorf("%d topics left after every subscription closed, want 0", topics)
	}
	waitGoroutines(t, before)
}

// TestBrokerConcurrent exercises every operation at once; run with -race.
func TestBrokerConcurrent(t *testing.T) {
	b := NewBroker()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				s := b.Subscribe(fmt.Sprintf("board:%d", (w+i)%3), 1+i%4)
				drain(s)
				if i%3 == 0 {
					s.Close()
				}
				_ = s.Err()
			}
		})
	}
	for p := range 2 {
		wg.Go(func() {
			for i := range 2000 {
				b.Deliver(Event{Topic: fmt.Sprintf("board:%d", i%3), Type: "post.created", ID: i})
				if p == 0 && i%100 == 0 {
					b.ResyncAll()
				}
			}
		})
	}
	time.Sleep(200 * time.Millisecond)
	close(stop)
	wg.Wait()
	b.Close()
	if n := b.Subscribers("board:0"); n != 0 {
		t.Errorf("Subscribers after Close = %d", n)
	}
}

// TestBrokerDeliverDoesNotAllocate guards the copy-free fan-out.
func TestBrokerDeliverDoesNotAllocate(t *testing.T) {
	b := NewBroker()
	subs := make([]*Subscription, 1000)
	for i := range subs {
		subs[i] = b.Subscribe("board:1", 1)
	}
	ev := Event{Topic: "board:1", Type: "post.created", ID: 1}
	allocs := testing.AllocsPerRun(100, func() {
		b.Deliver(ev)
		for _, s := range subs {
			<-s.ch
		}
	})
	if allocs != 0 {
		t.Errorf("Deliver to 1000 subscribers allocates %v times, want 0", allocs)
	}
}

func BenchmarkBrokerDeliver(b *testing.B) {
	for _, n := range []int{1, 100, 10_000} {
		b.Run(fmt.Sprintf("subscribers=%d", n), func(b *testing.B) {
			const batch = 16 // a realistic buffer; drained, untimed, whenever full
			br := NewBroker()
			subs := make([]*Subscription, n)
			for i := range subs {
				subs[i] = br.Subscribe("board:1", batch)
			}
			ev := Event{Topic: "board:1", Type: "post.created", ID: 1}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				br.Deliver(ev)
				if i++; i == batch {
					b.StopTimer()
					for _, s := range subs {
						for range batch {
							<-s.ch
						}
					}
					i = 0
					b.StartTimer()
				}
			}
			if got := br.Subscribers("board:1"); got != n {
				b.Fatalf("%d subscribers left, want %d: the benchmark dropped some", got, n)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/subscriber")
		})
	}
}
