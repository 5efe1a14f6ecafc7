package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/internal/fanout"
	"github.com/kith-crm/kith/internal/viewer"
)

// liveRenderTimeout bounds one shared render (a selection that reads the
// database may wait for it).
const liveRenderTimeout = 10 * time.Second

// sharedLive is the gqlgen extension that lets websocket subscriptions which
// would receive the same bytes share one execution of each event (see
// internal/fanout). Subscriptions are grouped by operation, variables and
// visibility class:
//
//   - a selection whose every field resolves from the event's item
//     (graph.LiveSharedPerRole) is shared by the subscribers of one role
//     (anonymous, MEMBER, MARKETER, MANAGER, ADMIN) — what each receives was
//     already decided per subscriber by the hub, and the role in the key
//     keeps classes apart even so;
//   - a selection with viewer-dependent fields (graph.LiveSharedPerViewer) is
//     shared only by the anonymous subscribers; a signed-in viewer's class
//     would be theirs alone, so they are served the ordinary way;
//   - everything else is served the ordinary way.
//
// A group renders through an execution of its own, started from the context
// of its first subscriber with cancellation removed, and lives as long as it
// has subscribers.
type sharedLive struct {
	mu     sync.Mutex
	groups map[liveKey]*liveGroup
	// subscriptions counts those served by shared frames, and written
	// those of them whose frames the adapter writes itself.
	subscriptions, written atomic.Int64
}

// LiveFanoutStats describes shared rendering of live events at one moment.
type LiveFanoutStats struct {
	// Groups is how many groups of subscriptions share renders.
	Groups int
	// Subscriptions is how many subscriptions receive shared frames, and
	// Written how many of them have the frames written by the websocket
	// adapter rather than encoded again by gqlgen.
	Subscriptions, Written int
}

func (l *sharedLive) stats() LiveFanoutStats {
	l.mu.Lock()
	defer l.mu.Unlock()
	return LiveFanoutStats{Groups: len(l.groups), Subscriptions: int(l.subscriptions.Load()), Written: int(l.written.Load())}
}

type liveGroup struct {
	group  *fanout.Group
	refs   int
	cancel context.CancelFunc
}

var (
	_ graphql.HandlerExtension        = (*sharedLive)(nil)
	_ graphql.OperationContextMutator = (*sharedLive)(nil)
	_ graphql.OperationInterceptor    = (*sharedLive)(nil)
)

func (*sharedLive) ExtensionName() string                          { return "SharedLive" }
func (*sharedLive) Validate(schema graphql.ExecutableSchema) error { return nil }

// MutateOperationContext binds a websocket subscription to the id of its
// subscribe frame (see gorillaConn.bindOperation). It is registered after
// every other extension, so that no later mutator can refuse the operation
// and leave the binding unused.
func (*sharedLive) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if c := connFromContext(ctx); c != nil {
		c.bindOperation(oc)
	}
	return nil
}

func (l *sharedLive) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	conn := connFromContext(ctx)
	oc := graphql.GetOperationContext(ctx)
	if conn == nil || oc.Operation == nil || oc.Operation.Operation != ast.Subscription {
		return next(ctx)
	}
	id, haveID := conn.operationID(oc)
	key, ok := liveGroupKey(oc, viewer.FromContext(ctx))
	if !ok {
		return next(ctx)
	}
	// The subscription's goroutine lives as long as the subscription; the
	// execution and resolver (and, for a new group, its render execution)
	// are deep, and would grow its stack for good.
	var (
		sink    *fanout.Sink
		h       graphql.ResponseHandler
		release func()
	)
	aside(func() {
		g, rel, err := l.join(ctx, key, next)
		if err != nil {
			h = next(ctx)
			return
		}
		sink, release = fanout.NewSink(g), rel
		h = next(fanout.NewContext(ctx, sink))
	})
	if sink == nil {
		return h
	}
	if !sink.Attached() {
		release() // an error, such as NOT_FOUND: h reports it
		return h
	}
	direct := haveID && conn.Subprotocol() == subprotocolGraphQLTransportWS
	l.subscriptions.Add(1)
	if direct {
		l.written.Add(1)
	}
	// gqlgen calls the handler on one goroutine until it returns nil, which
	// it does exactly when the subscription ends: the sink is closed then.
	ended := false
	end := func() *graphql.Response {
		if !ended {
			ended = true
			release()
			l.subscriptions.Add(-1)
			if direct {
				l.written.Add(-1)
			}
		}
		return nil
	}
	if !direct {
		// gqlgen encodes the shared response again and writes it.
		return func(context.Context) *graphql.Response {
			f, ok := sink.Next()
			if !ok {
				return end()
			}
			resp, _, err := f.Render()
			if err != nil {
				return end() // as if the hub had ended the subscription
			}
			return resp
		}
	}
	// Frames are written here, on the goroutine gqlgen runs the
	// subscription on, so they precede its complete; gqlgen only sees the
	// stream end.
	return func(context.Context) *graphql.Response {
		for {
			f, ok := sink.Next()
			if !ok {
				return end()
			}
			_, payload, err := f.Render()
			if err != nil || conn.writeNext(id, payload) != nil {
				return end()
			}
		}
	}
}

// liveKey names a group: the query text and operation name decide the
// selection, the variables the rest. (The parsed operation's address would
// not do: subscribers arriving together may each parse the query before
// gqlgen's cache holds it.)
type liveKey struct {
	class, query, operation, vars string
}

// liveGroupKey returns the key of the group a subscription may share
// executions with, and false when it is served the ordinary way.
func liveGroupKey(oc *graphql.OperationContext, v viewer.Viewer) (liveKey, bool) {
	if oc == nil {
		return liveKey{}, false
	}
	anonymous := v == (viewer.Viewer{})
	var class string
	switch graph.ClassifyLive(oc.Operation) {
	case graph.LiveSharedPerRole:
		switch {
		case anonymous:
			class = "anonymous"
		case v.Authenticated():
			class = string(v.Role)
		default:
			return liveKey{}, false // a viewer that is neither: no class to share
		}
	case graph.LiveSharedPerViewer:
		if !anonymous {
			return liveKey{}, false
		}
		class = "anonymous"
	default:
		return liveKey{}, false
	}
	vars, ok := appendCanonical(nil, oc.Variables)
	if !ok {
		return liveKey{}, false
	}
	return liveKey{class: class, query: oc.RawQuery, operation: oc.OperationName, vars: string(vars)}, true
}

// appendCanonical appends an encoding of v, a value decoded from JSON, that
// is equal for equal values (maps in key order), and false for a value of
// any other kind.
func appendCanonical(buf []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		return append(buf, 'n'), true
	case bool:
		return strconv.AppendBool(append(buf, 'b'), v), true
	case string:
		return strconv.AppendQuote(append(buf, 's'), v), true
	case json.Number:
		return strconv.AppendQuote(append(buf, 'd'), string(v)), true
	case int:
		return strconv.AppendInt(append(buf, 'i'), int64(v), 10), true
	case int64:
		return strconv.AppendInt(append(buf, 'i'), v, 10), true
	case float64:
		return strconv.AppendFloat(append(buf, 'f'), v, 'g', -1, 64), true
	case []any:
		buf = append(buf, '[')
		for _, e := range v {
			var ok bool
			if buf, ok = appendCanonical(buf, e); !ok {
				return buf, false
			}
			buf = append(buf, ',')
		}
		return append(buf, ']'), true
	case map[string]any:
		buf = append(buf, '{')
		for _, k := range slices.Sorted(maps.Keys(v)) {
			buf = strconv.AppendQuote(buf, k)
			var ok bool
			if buf, ok = appendCanonical(append(buf, ':'), v[k]); !ok {
				return buf, false
			}
			buf = append(buf, ',')
		}
		return append(buf, '}'), true
	}
	return buf, false
}

// join returns the group of key, creating it (and its render execution
// through next) for the first subscriber, and the function that leaves it.
func (l *sharedLive) join(ctx context.Context, key liveKey, next graphql.OperationHandler) (*fanout.Group, func(), error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	lg := l.groups[key]
	if lg == nil {
		base, cancel := context.WithCancel(context.WithoutCancel(ctx))
		g, err := newRenderGroup(base, next)
		if err != nil {
			cancel()
			return nil, nil, err
		}
		lg = &liveGroup{group: g, cancel: cancel}
		if l.groups == nil {
			l.groups = map[liveKey]*liveGroup{}
		}
		l.groups[key] = lg
	}
	lg.refs++
	var once sync.Once
	release := func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			if lg.refs--; lg.refs == 0 {
				delete(l.groups, key)
				lg.cancel()
			}
		})
	}
	return lg.group, release, nil
}

var errNotRendered = errors.New("fanout: the render execution produced nothing")

// newRenderGroup starts the render execution of a group: the operation
// executed through next, as gqlgen would for a subscriber, with a resolver
// fed by the group (fanout.Feed).
func newRenderGroup(base context.Context, next graphql.OperationHandler) (*fanout.Group, error) {
	feed := fanout.NewFeedPoint()
	rctx := fanout.WithFeed(base, feed)
	responses := next(rctx)
	if !feed.Bound() {
		return nil, errors.New("fanout: the subscription did not bind a feed")
	}
	return fanout.NewGroup(func(item any) (*graphql.Response, error) {
		if !feed.Push(item) {
			return nil, errors.New("fanout: the render execution did not take the item")
		}
		ctx, cancel := context.WithTimeout(rctx, liveRenderTimeout)
		defer cancel()
		resp := renderAside(ctx, responses)
		if resp == nil {
			return nil, errNotRendered
		}
		// The generated executor reuses its buffer for the next response.
		shared := *resp
		shared.Data = bytes.Clone(resp.Data)
		return &shared, nil
	}), nil
}

// renderAside runs responses on a goroutine of its own. Renders run on
// whichever subscriber's goroutine needs a frame first; an execution there
// (the SQLite driver is deep) would grow that goroutine's stack for as long
// as the subscription lives.
func renderAside(ctx context.Context, responses graphql.ResponseHandler) (resp *graphql.Response) {
	aside(func() { resp = responses(ctx) })
	return resp
}

// aside runs f on a short-lived goroutine and waits for it, re-raising its
// panic, so that the depth f reaches does not stay in the caller's stack.
func aside(f func()) {
	type result struct {
		panicked bool
		p        any
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panicked, r.p = true, p
			}
			done <- r
		}()
		f()
	}()
	if r := <-done; r.panicked {
		panic(r.p)
	}
}
