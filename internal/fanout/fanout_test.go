package fanout_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kith-crm/kith/internal/fanout"
)

// TestFrame_RendersOnceForAllItsReaders: however many subscriptions read a
// frame at once, the group renders it once, and all of them get the same
// response and its encoding.
func TestFrame_RendersOnceForAllItsReaders(t *testing.T) {
	var renders atomic.Int64
	g := fanout.NewGroup(func(item any) (*graphql.Response, error) {
		renders.Add(1)
		return &graphql.Response{Data: json.RawMessage(`{"n":` + item.(string) + `}`)}, nil
	})
	f := g.Frame("1")
	var wg sync.WaitGroup
	payloads := make([][]byte, 50)
	for i := range payloads {
		wg.Go(func() {
			_, p, err := f.Render()
			if err != nil {
				t.Error(err)
			}
			payloads[i] = p
		})
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Fatalf("%d renders for one frame", n)
	}
	want, _ := json.Marshal(&graphql.Response{Data: json.RawMessage(`{"n":1}`)})
	for i, p := range payloads {
		if string(p) != string(want) {
			t.Fatalf("reader %d got %s; want %s", i, p, want)
		}
	}
	if _, _, err := fanout.NewGroup(func(any) (*graphql.Response, error) { return nil, errors.New("boom") }).Frame(1).Render(); err == nil {
		t.Fatal("a failed render gave no error")
	}
}

// TestSink_BuffersThenCloses: frames offered beyond the buffer are refused
// (the hub then drops the subscriber), and a closed sink hands out what it
// buffered before it says it is done.
func TestSink_BuffersThenCloses(t *testing.T) {
	g := fanout.NewGroup(func(any) (*graphql.Response, error) { return &graphql.Response{}, nil })
	s := fanout.NewSink(g)
	if s.Attached() || fanout.FromContext(fanout.NewContext(context.Background(), s)) != s {
		t.Fatal("sink attached before Attach, or not found in its context")
	}
	s.Attach(2)
	a, b := g.Frame(1), g.Frame(2)
	if !s.Offer(a) || !s.Offer(b) || s.Offer(g.Frame(3)) {
		t.Fatal("a sink of two took other than two frames")
	}
	s.Close()
	s.Close()
	for _, want := range []*fanout.Frame{a, b} {
		if f, ok := s.Next(); !ok || f != want {
			t.Fatalf("Next = %p, %v; want %p", f, ok, want)
		}
	}
	if _, ok := s.Next(); ok {
		t.Fatal("a closed, drained sink gave a frame")
	}
}

// TestFeed_OnlyInARenderExecution: a resolver's context offers a feed only
// in a render execution; the feed takes items of its type and replaces one
// a failed render left behind.
func TestFeed_OnlyInARenderExecution(t *testing.T) {
	if _, ok := fanout.Feed[*int](context.Background()); ok {
		t.Fatal("a feed outside a render execution")
	}
	p := fanout.NewFeedPoint()
	if p.Bound() || p.Push(new(int)) {
		t.Fatal("an unbound point took an item")
	}
	ch, ok := fanout.Feed[*int](fanout.WithFeed(context.Background(), p))
	if !ok || !p.Bound() {
		t.Fatal("no feed in a render execution")
	}
	if p.Push("not an *int") {
		t.Fatal("the feed took an item of another type")
	}
	one, two := new(int), new(int)
	if !p.Push(one) || !p.Push(two) {
		t.Fatal("the feed refused an item")
	}
	if got := <-ch; got != two {
		t.Fatal("the feed kept the stale item instead of the new one")
	}
}

// TestSink_InOrderUnderConcurrency: frames offered while the reader runs
// arrive once each, in order, and the close after them.
func TestSink_InOrderUnderConcurrency(t *testing.T) {
	g := fanout.NewGroup(func(any) (*graphql.Response, error) { return &graphql.Response{}, nil })
	s := fanout.NewSink(g)
	s.Attach(4)
	const n = 20_000
	frames := make([]*fanout.Frame, n)
	for i := range frames {
		frames[i] = g.Frame(i)
	}
	go func() {
		for i := 0; i < n; {
			if s.Offer(frames[i]) {
				i++
			}
		}
		s.Close()
	}()
	for i := range n {
		f, ok := s.Next()
		if !ok || f != frames[i] {
			t.Fatalf("frame %d: got %p, %v", i, f, ok)
		}
	}
	if _, ok := s.Next(); ok {
		t.Fatal("a frame after the last")
	}
}
