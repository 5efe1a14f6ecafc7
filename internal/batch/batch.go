// Package batch gathers the keys that concurrent GraphQL field resolvers ask
// for in one burst and fetches them with one call (a dataloader without a
// cache), so a page of items costs one query per field, not one per item.
package batch

import (
	"context"
	"sync"
	"time"
)

// Loader gathers the keys that concurrent callers ask for in one burst and
// fetches them with one call. GraphQL resolves the fields of a
// list's items concurrently, so a page of 50 posts asking for their reaction
// counts costs one grouped query, not 50. It is shared by the whole process:
// concurrent requests (and the subscribers of one live event) share batches
// too. It caches nothing, so an answer is never older than its batch.
type Loader[K comparable, V any] struct {
	Wait    time.Duration // a batch closes when no key came for this long…
	MaxWait time.Duration // …or when it has been open this long
	Max     int           // a batch this big is fetched at once
	Fetch   func(ctx context.Context, keys []K) (map[K]V, error)

	mu  sync.Mutex
	cur *pending[K, V]
}

type pending[K comparable, V any] struct {
	ctx  context.Context
	open time.Time // when the first key came
	last time.Time // when the latest key came
	keys []K
	seen map[K]bool
	once sync.Once
	done chan struct{}
	res  map[K]V
	err  error
}

// batchTimeout bounds a batch's fetch, which runs on behalf of several
// callers and so outlives the cancellation of the first one.
const batchTimeout = 10 * time.Second

// Load returns the value for key, fetched together with the keys other
// callers asked for in the same window. A key the fetch did not return gets
// V's zero value.
func (b *Loader[K, V]) Load(ctx context.Context, key K) (V, error) {
	b.mu.Lock()
	bt := b.cur
	if bt == nil {
		// The fetch runs with the first caller's values (the request it
		// belongs to) but not its cancellation: others wait for it too.
		now := time.Now()
		bt = &pending[K, V]{ctx: context.WithoutCancel(ctx), open: now, last: now, seen: map[K]bool{}, done: make(chan struct{})}
		b.cur = bt
		time.AfterFunc(b.Wait, func() { b.tick(bt) })
	}
	if !bt.seen[key] {
		bt.seen[key] = true
		bt.keys = append(bt.keys, key)
		bt.last = time.Now()
	}
	full := len(bt.keys) >= b.Max
	if full {
		b.cur = nil
	}
	b.mu.Unlock()
	if full {
		go b.run(bt)
	}
	select {
	case <-bt.done:
		return bt.res[key], bt.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

// tick closes bt once keys have stopped coming (the resolvers of a page start
// in a burst; a quiet gap means the burst is over) or it has waited long
// enough, and otherwise checks again when the gap would be over.
func (b *Loader[K, V]) tick(bt *pending[K, V]) {
	b.mu.Lock()
	now := time.Now()
	next := bt.last.Add(b.Wait)
	if limit := bt.open.Add(b.MaxWait); next.After(limit) {
		next = limit
	}
	open := b.cur == bt
	b.mu.Unlock()
	if open && now.Before(next) {
		time.AfterFunc(next.Sub(now), func() { b.tick(bt) })
		return
	}
	b.run(bt)
}

func (b *Loader[K, V]) run(bt *pending[K, V]) {
	bt.once.Do(func() {
		b.mu.Lock()
		if b.cur == bt {
			b.cur = nil
		}
		keys := bt.keys
		b.mu.Unlock()
		ctx, cancel := context.WithTimeout(bt.ctx, batchTimeout)
		defer cancel()
		bt.res, bt.err = b.Fetch(ctx, keys)
		close(bt.done)
	})
}
