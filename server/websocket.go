package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kith-crm/kith/internal/pubsub"
)

// Close codes of the graphql-transport-ws protocol that Kith sends.
const (
	// WebsocketCloseForbidden is the code an InitFunc passes to
	// transport.WithWebsocketCloseCode when it rejects a connection_init.
	WebsocketCloseForbidden = 4403
	// WebsocketCloseInitTimeout is sent when no connection_init arrives within
	// the init timeout.
	WebsocketCloseInitTimeout = 4408
	// WebsocketCloseTooManyInitRequests is sent when a client sends a second
	// connection_init.
	WebsocketCloseTooManyInitRequests = 4429
	// WebsocketCloseSlowConsumer is sent when the peer fell too far behind:
	// one of the connection's live subscriptions overflowed its bounded
	// buffer, or a write waited WriteTimeout for the peer to read. Whatever
	// the connection was subscribed to may have missed events, so the client
	// should reconnect, refetch what it shows and subscribe again. The code
	// mirrors RFC 6455's 1013 "Try Again Later"; graphql-ws retries it, as it
	// retries every 4xxx code it does not reserve as fatal.
	WebsocketCloseSlowConsumer = 4013
)

// slowConsumerReason is the reason sent with WebsocketCloseSlowConsumer.
const slowConsumerReason = "Slow consumer: refetch and resubscribe"

const (
	subprotocolGraphQLTransportWS = "graphql-transport-ws"

	defaultWebsocketInitTimeout  = 3 * time.Second
	defaultWebsocketWriteTimeout = 10 * time.Second

	// websocketCloseGrace bounds how long a socket we are closing waits for the
	// peer's answering close frame before the read side gives up.
	websocketCloseGrace = time.Second

	// maxCloseReasonLen is the longest reason that fits in a close frame:
	// control frame payloads are limited to 125 bytes, two of which carry the
	// code.
	maxCloseReasonLen = 123
)

// GorillaWebsocket runs gqlgen's websocket transport on
// github.com/gorilla/websocket; plug it in as transport.Websocket's
// Implementation. It must be used by pointer, and its zero value is ready to
// use: it then admits only requests without an Origin header and same-origin
// requests.
//
// Because the adapter sees every frame, it enforces the graphql-transport-ws
// close codes that gqlgen gets wrong: 4408 when no connection_init arrives
// within InitTimeout, and 4429 on a second connection_init. Close codes chosen
// by gqlgen, such as the one an InitFunc sets with
// transport.WithWebsocketCloseCode, are passed through unchanged. Legacy
// graphql-ws clients have no such codes and get no adapter init timeout; set
// transport.Websocket.InitTimeout to bound them as well (on
// graphql-transport-ws gqlgen's own timeout is still reported as 4408).
//
// The adapter also keeps a registry of its open sockets so that a logout can
// close them: an InitFunc that has authenticated a connection calls SetKey
// with the context it received and a key such as the session ID, and
// CloseKey later closes every socket tagged with that key.
//
// A peer that falls too far behind is closed with WebsocketCloseSlowConsumer:
// when a live subscription of the connection overflows its buffer (the
// context withConn returns carries pubsub.WithSlowConsumer), or when a write
// has waited WriteTimeout for the peer to read.
type GorillaWebsocket struct {
	// CheckOrigin reports whether an upgrade request may proceed; when it
	// returns false the request is answered with 403 and never upgraded. If
	// nil, OriginAllowed with an empty allow list is used.
	CheckOrigin func(r *http.Request) bool

	// InitTimeout is how long a graphql-transport-ws client has after the
	// upgrade to send connection_init before the socket is closed with 4408.
	// Zero means 3 seconds; a negative value disables the timeout.
	InitTimeout time.Duration

	// WriteTimeout bounds how long a write may wait for the peer to read.
	// A message not written by then makes the peer a slow consumer: the
	// socket starts closing with WebsocketCloseSlowConsumer, and the peer
	// has another WriteTimeout to read the rest of the message and the close
	// frame before the connection is dropped. Zero means 10 seconds.
	WriteTimeout time.Duration

	// SendBuffer, when positive, sets the kernel's send buffer of each
	// socket (SO_SNDBUF) in bytes, bounding what a peer that does not read
	// holds in the kernel before its writes wait. Zero keeps the system's
	// default, which Linux grows up to several megabytes per socket.
	SendBuffer int

	// slowCloses counts the sockets closed for falling too far behind.
	slowCloses atomic.Int64

	mu sync.Mutex
	// byCtx finds a socket from the request context, which gqlgen hands
	// unchanged to the InitFunc; that is the only handle an InitFunc has.
	byCtx map[context.Context]*gorillaConn
	byKey map[string]map[*gorillaConn]struct{}
}

var _ transport.WebsocketImplementation = (*GorillaWebsocket)(nil)

// NewGorillaWebsocket returns an adapter that admits requests without an
// Origin header, same-origin requests and requests from allowedOrigins.
func NewGorillaWebsocket(allowedOrigins []string) *GorillaWebsocket {
	allowed := slices.Clone(allowedOrigins)
	return &GorillaWebsocket{
		CheckOrigin: func(r *http.Request) bool { return OriginAllowed(r, allowed) },
	}
}

// OriginAllowed reports whether a request may be served given its Origin
// header. Requests without an Origin (native apps, which are not exposed to
// cross-site request forgery) and same-origin requests are always allowed; any
// other origin must be listed in allowed. Entries are full origins such as
// "https://app.kith.example", compared case-insensitively; a trailing slash is
// ignored and wildcards are not supported.
//
// Same origin means the Origin's host and port equal the request's Host. The
// scheme is not compared because TLS usually terminates at a proxy, which
// hides the scheme the browser used; behind a proxy that rewrites Host, list
// the public origin instead.
func OriginAllowed(r *http.Request, allowed []string) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	for _, a := range allowed {
		if strings.EqualFold(strings.TrimSuffix(a, "/"), origin) {
			return true
		}
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

// Accept upgrades r to a websocket connection, negotiating one of the
// subprotocols gqlgen offers in options.
func (g *GorillaWebsocket) Accept(
	w http.ResponseWriter,
	r *http.Request,
	options transport.WebsocketAcceptOptions,
) (transport.WebsocketConn, error) {
	checkOrigin := g.CheckOrigin
	if checkOrigin == nil {
		checkOrigin = func(r *http.Request) bool { return OriginAllowed(r, nil) }
	}
	upgrader := websocket.Upgrader{
		Subprotocols: preferredSubprotocols(options.Subprotocols),
		CheckOrigin:  checkOrigin,
		// Clients send small messages; a pooled write buffer is held only
		// while writing. Per idle socket this saves net/http's two 4 KB
		// buffers, which matters with tens of thousands of subscribers.
		ReadBufferSize:  1024,
		WriteBufferSize: 4096,
		WriteBufferPool: &writeBufferPool,
	}
	// On failure the upgrader has already answered (403 for a rejected
	// origin), before anything was upgraded.
	ws, err := upgrader.Upgrade(w, r, options.ResponseHeader)
	if err != nil {
		return nil, err
	}

	if g.SendBuffer > 0 {
		if tc, ok := ws.NetConn().(interface{ SetWriteBuffer(int) error }); ok {
			_ = tc.SetWriteBuffer(g.SendBuffer)
		}
	}

	c := &gorillaConn{
		ws:           ws,
		owner:        g,
		ctx:          r.Context(),
		writeTimeout: g.WriteTimeout,
	}
	if c.writeTimeout <= 0 {
		c.writeTimeout = defaultWebsocketWriteTimeout
	}
	c.closeSlow = c.closeSlowConsumer
	// One stall timer per socket, armed around each write (writes are
	// serialised): a fan-out of one event to 10,000 sockets then allocates
	// no timer per write.
	c.stall = time.AfterFunc(time.Hour, c.closeSlow)
	c.stall.Stop()
	g.register(c)

	initTimeout := g.InitTimeout
	if initTimeout == 0 {
		initTimeout = defaultWebsocketInitTimeout
	}
	if ws.Subprotocol() == subprotocolGraphQLTransportWS && initTimeout > 0 {
		c.mu.Lock()
		c.initTimer = time.AfterFunc(initTimeout, c.initTimedOut)
		c.mu.Unlock()
	}
	return c, nil
}

// SetKey tags the socket whose upgrade request carried ctx with key, replacing
// any earlier tag; an empty key removes the tag. Call it from the InitFunc
// with the context the InitFunc received, once the connection is
// authenticated. It reports false when ctx belongs to no open socket of g.
func (g *GorillaWebsocket) SetKey(ctx context.Context, key string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	c, ok := g.byCtx[ctx]
	if !ok {
		return false
	}
	g.untagLocked(c)
	if key != "" {
		if g.byKey == nil {
			g.byKey = make(map[string]map[*gorillaConn]struct{})
		}
		if g.byKey[key] == nil {
			g.byKey[key] = make(map[*gorillaConn]struct{})
		}
		g.byKey[key][c] = struct{}{}
		c.key = key
	}
	return true
}

// CloseKey closes every socket tagged with key, sending code and reason in the
// close frame, and returns how many sockets it closed. The sockets are untagged
// at once, so a repeated call returns 0. The reason is cut to the 123 bytes a
// close frame can carry.
//
// gqlgen tears such a connection down as if the client had left, so its
// CloseFunc does not see code.
func (g *GorillaWebsocket) CloseKey(key string, code int, reason string) int {
	g.mu.Lock()
	conns := make([]*gorillaConn, 0, len(g.byKey[key]))
	for c := range g.byKey[key] {
		conns = append(conns, c)
	}
	for _, c := range conns {
		g.untagLocked(c)
	}
	g.mu.Unlock()

	for _, c := range conns {
		_ = c.closeWith(code, reason)
	}
	return len(conns)
}

// SlowConsumerCloses reports how many sockets g has closed with
// WebsocketCloseSlowConsumer.
func (g *GorillaWebsocket) SlowConsumerCloses() int64 {
	return g.slowCloses.Load()
}

func (g *GorillaWebsocket) register(c *gorillaConn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.byCtx == nil {
		g.byCtx = make(map[context.Context]*gorillaConn)
	}
	g.byCtx[c.ctx] = c
}

func (g *GorillaWebsocket) forget(c *gorillaConn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.byCtx[c.ctx] == c {
		delete(g.byCtx, c.ctx)
	}
	g.untagLocked(c)
}

func (g *GorillaWebsocket) untagLocked(c *gorillaConn) {
	if c.key == "" {
		return
	}
	delete(g.byKey[c.key], c)
	if len(g.byKey[c.key]) == 0 {
		delete(g.byKey, c.key)
	}
	c.key = ""
}

// preferredSubprotocols orders gqlgen's subprotocols for gorilla, which picks
// the first of them that the client also offers. A client offering both gets
// graphql-transport-ws, the protocol whose close codes this adapter enforces.
// The input is gqlgen's package-level slice, so it is copied, never reordered.
func preferredSubprotocols(offered []string) []string {
	out := make([]string, 0, len(offered))
	if slices.Contains(offered, subprotocolGraphQLTransportWS) {
		out = append(out, subprotocolGraphQLTransportWS)
	}
	for _, p := range offered {
		if p != subprotocolGraphQLTransportWS {
			out = append(out, p)
		}
	}
	return out
}

// gorillaConn is one accepted socket. gqlgen reads from one goroutine but
// writes from several (responses, keep-alives, close), while the adapter
// itself closes sockets from timers and CloseKey.
type gorillaConn struct {
	ws           *websocket.Conn
	owner        *GorillaWebsocket
	ctx          context.Context
	writeTimeout time.Duration
	// closeSlow is closeSlowConsumer, bound once: every write's stall timer
	// and the connection's live subscriptions (pubsub.WithSlowConsumer)
	// call it.
	closeSlow func()
	// stall fires closeSlow when a write waits writeTimeout; guarded by
	// writeMu.
	stall *time.Timer

	// key is guarded by owner.mu.
	key string

	// writeMu serialises data writes: gorilla supports only one concurrent
	// writer. Close frames go through WriteControl, which gorilla allows
	// concurrently with everything else, so a close waits at most for the
	// data write in progress.
	writeMu sync.Mutex

	mu        sync.Mutex
	initTimer *time.Timer
	initSeen  bool
	// readAny records that a read has completed, which is how WriteClose tells
	// gqlgen's own init timeout apart from its other protocol errors.
	readAny bool
	// closing is set once this side has started the close handshake; from
	// then on nothing read is handed to gqlgen and no data is written.
	closing bool
	closed  bool
	// subscribing is the subscribe frame gqlgen is handling, and operations
	// the subscription ids bound to its operations (see bindOperation).
	subscribing *frameHead
	operations  []boundOperation
}

var (
	_ transport.WebsocketConn          = (*gorillaConn)(nil)
	_ transport.WebsocketReadLimiter   = (*gorillaConn)(nil)
	_ transport.WebsocketReadDeadliner = (*gorillaConn)(nil)
)

func (c *gorillaConn) NextReader() (int, io.Reader, error) {
	var (
		messageType int
		data        []byte
		err         error
	)
	for {
		var r io.Reader
		messageType, r, err = c.ws.NextReader()
		if err == nil {
			// The whole message is read so its type can be inspected; gqlgen
			// decodes it in full anyway, and the read limit bounds its size.
			data, err = io.ReadAll(r)
		}

		c.mu.Lock()
		c.readAny = true
		closing := c.closing
		c.mu.Unlock()

		if !closing {
			break
		}
		if err == nil {
			// Our close frame may still wait behind a write the peer has not
			// read (a slow consumer); ending the read now would drop the
			// connection before it goes out. What the peer sends meanwhile
			// needs no answer.
			continue
		}
		// Whatever ends the read after we started closing (the peer's
		// answering close frame, the grace deadline, Close) is the expected
		// end of our own handshake, not an error worth reporting.
		return 0, nil, transport.ErrWebsocketClosed
	}
	if err != nil {
		// 1001 is what browsers send when a page goes away: as routine as
		// a normal closure.
		if websocket.IsCloseError(err,
			websocket.CloseNormalClosure,
			websocket.CloseGoingAway,
			websocket.CloseNoStatusReceived,
		) {
			return 0, nil, transport.ErrWebsocketClosed
		}
		return 0, nil, err
	}

	if c.ws.Subprotocol() == subprotocolGraphQLTransportWS {
		switch head := readFrameHead(data); head.Type {
		case "connection_init":
			if !c.markInit() {
				_ = c.closeWith(WebsocketCloseTooManyInitRequests, "Too many initialisation requests")
				return 0, nil, transport.ErrWebsocketClosed
			}
		case "subscribe":
			c.noteSubscribe(head)
		}
	}
	return messageType, bytes.NewReader(data), nil
}

// frameHead is what the adapter reads of a graphql-transport-ws frame.
// Malformed frames read as empty and are left for gqlgen to reject.
type frameHead struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	Payload struct {
		Query         string `json:"query"`
		OperationName string `json:"operationName"`
	} `json:"payload"`
}

func readFrameHead(data []byte) frameHead {
	var h frameHead
	if json.Unmarshal(data, &h) != nil {
		return frameHead{}
	}
	return h
}

// Subscription ids for pre-rendered frames.
//
// gqlgen keeps a subscription's id to itself, yet a frame rendered once for
// many subscriptions (server/fanout.go) can only be written with it. The
// adapter reads every frame before gqlgen does, and gqlgen's read loop
// creates the operation of a subscribe frame (running the operation context
// mutators) before it reads the next frame. So the adapter notes the
// subscribe frame it hands over (noteSubscribe), a mutator binds the note to
// the operation being created (bindOperation) after checking that the two
// agree, and the subscription takes its id from the binding (operationID).
// When anything does not match, the subscription has no id and its frames
// go through gqlgen like any other response.

type boundOperation struct {
	op *graphql.OperationContext
	id string
}

type connKey struct{}

// withConn returns ctx carrying the socket whose upgrade request carried
// ctx (see SetKey), and telling live subscriptions that fall too far behind
// to close it with WebsocketCloseSlowConsumer (pubsub.WithSlowConsumer);
// ctx unchanged when there is none.
func (g *GorillaWebsocket) withConn(ctx context.Context) context.Context {
	g.mu.Lock()
	c := g.byCtx[ctx]
	g.mu.Unlock()
	if c == nil {
		return ctx
	}
	return pubsub.WithSlowConsumer(context.WithValue(ctx, connKey{}, c), c.closeSlow)
}

// connFromContext returns the socket of a connection's context, or nil.
func connFromContext(ctx context.Context) *gorillaConn {
	c, _ := ctx.Value(connKey{}).(*gorillaConn)
	return c
}

func (c *gorillaConn) noteSubscribe(h frameHead) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.subscribing = &h
}

// bindOperation binds the subscribe frame being handled to op, which gqlgen
// is creating for it, if op is a subscription and the frame's query (absent
// with a persisted query) and operation name are op's.
func (c *gorillaConn) bindOperation(op *graphql.OperationContext) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.subscribing
	c.subscribing = nil
	if h == nil || h.ID == "" || op.Operation == nil || op.Operation.Operation != ast.Subscription ||
		(h.Payload.Query != "" && h.Payload.Query != op.RawQuery) || h.Payload.OperationName != op.OperationName {
		return
	}
	c.operations = append(c.operations, boundOperation{op: op, id: h.ID})
}

// operationID returns the subscription id bound to op, once.
func (c *gorillaConn) operationID(op *graphql.OperationContext) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, b := range c.operations {
		if b.op == op {
			last := len(c.operations) - 1
			c.operations[i] = c.operations[last]
			c.operations[last] = boundOperation{}
			c.operations = c.operations[:last]
			return b.id, true
		}
	}
	return "", false
}

// writeNext writes a graphql-transport-ws next message with payload, the
// bytes gqlgen would write for a response that encodes to payload.
func (c *gorillaConn) writeNext(id string, payload []byte) error {
	buf := messagePool.Get().(*[]byte)
	defer messagePool.Put(buf)
	*buf = appendProtocolMessage((*buf)[:0], payload, id, "next")
	return c.writeText(*buf)
}

// markInit records a connection_init and reports whether it was the first.
func (c *gorillaConn) markInit() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.initTimer != nil {
		c.initTimer.Stop()
	}
	first := !c.initSeen
	c.initSeen = true
	return first
}

func (c *gorillaConn) initTimedOut() {
	c.mu.Lock()
	if c.initSeen || c.closing {
		c.mu.Unlock()
		return
	}
	c.closing = true
	c.mu.Unlock()
	_ = c.sendClose(WebsocketCloseInitTimeout, "Connection initialisation timeout")
}

func (c *gorillaConn) WriteJSON(v any) error {
	buf := messagePool.Get().(*[]byte)
	defer messagePool.Put(buf)
	data, ok := appendProtocolMessageOf((*buf)[:0], v)
	if ok {
		*buf = data
	} else {
		var err error
		if data, err = json.Marshal(v); err != nil {
			return err
		}
	}
	return c.writeText(data)
}

// writeText writes one text message; data may be reused once it returns.
// Once the socket is closing it writes nothing and returns
// websocket.ErrCloseSent.
func (c *gorillaConn) writeText(data []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if c.isClosing() {
		return websocket.ErrCloseSent
	}
	// A message the peer has not let through within the write timeout makes
	// it a slow consumer. The write itself may go on for another write
	// timeout, the close frame's own bound: a message cut off halfway could
	// not be followed by a close frame, so a peer that reads again in time
	// receives the rest of it and then the close code.
	if err := c.ws.SetWriteDeadline(time.Now().Add(2 * c.writeTimeout)); err != nil {
		return err
	}
	c.stall.Reset(c.writeTimeout)
	err := c.ws.WriteMessage(websocket.TextMessage, data)
	c.stall.Stop()
	if err != nil {
		c.writeFailed()
	}
	return err
}

func (c *gorillaConn) isClosing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closing
}

// startClosing marks the socket closing; false when it already was.
func (c *gorillaConn) startClosing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return false
	}
	c.closing = true
	return true
}

// closeSlowConsumer starts closing the socket with WebsocketCloseSlowConsumer
// unless it is already closing. It never blocks (the hub calls it while it
// fans an event out): data writes stop at once, so the close frame follows
// at most the write in progress, and it is sent on a goroutine of its own.
func (c *gorillaConn) closeSlowConsumer() {
	if !c.startClosing() {
		return
	}
	c.owner.slowCloses.Add(1)
	go func() { _ = c.sendClose(WebsocketCloseSlowConsumer, slowConsumerReason) }()
}

// writeFailed handles a data write that failed while the socket was open:
// the peer is gone, and gorilla writes nothing more on the socket. The read
// is ended at once, so gqlgen tears the connection and all its
// subscriptions down now rather than whenever the peer's side notices. A
// socket that was already closing ends through its own close.
func (c *gorillaConn) writeFailed() {
	if !c.startClosing() {
		return
	}
	c.stopInitTimer()
	_ = c.ws.NetConn().SetReadDeadline(time.Now())
}

// messagePool holds the buffers messages are encoded into before they are
// written (gorilla copies them into its own write buffer).
var messagePool = sync.Pool{New: func() any { return new([]byte) }}

func (c *gorillaConn) WriteClose(closeCode int, message string) error {
	c.mu.Lock()
	// gqlgen's own InitTimeout, if configured, closes with 1002 while no read
	// has completed; on graphql-transport-ws the protocol demands 4408.
	if closeCode == transport.WebsocketCloseProtocolError && !c.readAny &&
		c.ws.Subprotocol() == subprotocolGraphQLTransportWS {
		closeCode, message = WebsocketCloseInitTimeout, "Connection initialisation timeout"
	}
	c.mu.Unlock()
	return c.closeWith(closeCode, message)
}

// closeWith starts the close handshake unless it has already started.
func (c *gorillaConn) closeWith(code int, reason string) error {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return nil
	}
	c.closing = true
	c.mu.Unlock()
	return c.sendClose(code, reason)
}

func (c *gorillaConn) sendClose(code int, reason string) error {
	c.stopInitTimer()
	err := c.ws.WriteControl(
		websocket.CloseMessage,
		websocket.FormatCloseMessage(code, truncateCloseReason(reason)),
		time.Now().Add(c.writeTimeout),
	)
	// A reader is usually blocked in NextReader: the peer's answering close
	// frame ends that read cleanly, and the deadline ends it if the peer
	// never answers. The net.Conn deadline is used because, unlike gorilla's,
	// it may be set while another goroutine reads.
	_ = c.ws.NetConn().SetReadDeadline(time.Now().Add(websocketCloseGrace))
	return err
}

func (c *gorillaConn) stopInitTimer() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.initTimer != nil {
		c.initTimer.Stop()
	}
}

func (c *gorillaConn) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	c.closing = true
	if c.initTimer != nil {
		c.initTimer.Stop()
	}
	c.mu.Unlock()

	c.owner.forget(c)
	return c.ws.Close()
}

func (c *gorillaConn) Subprotocol() string {
	return c.ws.Subprotocol()
}

// SetReadLimit makes gorilla answer an oversized message with close code 1009.
func (c *gorillaConn) SetReadLimit(limit int64) {
	c.ws.SetReadLimit(limit)
}

// SetReadDeadline lets gqlgen's ping/pong enforce missing pongs. gqlgen calls
// it from its ping goroutine while another goroutine reads, hence the
// net.Conn. Once closing, the close grace deadline must not be moved.
func (c *gorillaConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return nil
	}
	return c.ws.NetConn().SetReadDeadline(t)
}

// truncateCloseReason cuts reason to what a close frame can carry without
// splitting a UTF-8 sequence, since gorilla refuses oversized control frames
// and the socket would then close without any code.
func truncateCloseReason(reason string) string {
	if len(reason) <= maxCloseReasonLen {
		return reason
	}
	cut := 0
	for i := range reason {
		if i > maxCloseReasonLen {
			break
		}
		cut = i
	}
	return reason[:cut]
}

// writeBufferPool shares write buffers between all sockets.
var writeBufferPool sync.Pool

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// appendProtocolMessageOf appends gqlgen's protocol message v ({payload, id,
// type}) to buf, without passing the payload through encoding/json again:
// gqlgen has just encoded it, and re-validating it was the costliest step of
// a fan-out to 10,000 subscribers. ok is false for any other value.
func appendProtocolMessageOf(buf []byte, v any) (data []byte, ok bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return buf, false
	}
	payload, id, typ := rv.FieldByName("Payload"), rv.FieldByName("ID"), rv.FieldByName("Type")
	if !payload.IsValid() || payload.Type() != rawMessageType || !id.IsValid() || id.Kind() != reflect.String ||
		!typ.IsValid() || typ.Kind() != reflect.String {
		return buf, false
	}
	return appendProtocolMessage(buf, payload.Bytes(), id.String(), typ.String()), true
}

// appendProtocolMessage appends the message encoding/json makes of gqlgen's
// protocol message struct: payload (a JSON value, left out when empty), id
// (left out when empty) and type, in that order.
func appendProtocolMessage(buf, payload []byte, id, typ string) []byte {
	buf = append(buf, '{')
	if len(payload) > 0 {
		buf = append(buf, `"payload":`...)
		buf = append(buf, payload...)
		buf = append(buf, ',')
	}
	if id != "" {
		buf = append(buf, `"id":`...)
		buf = appendJSONString(buf, id)
		buf = append(buf, ',')
	}
	buf = append(buf, `"type":`...)
	buf = appendJSONString(buf, typ)
	return append(buf, '}')
}

// appendJSONString appends s as encoding/json writes it.
func appendJSONString(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		// encoding/json escapes quotes, backslashes, control characters and
		// <, > and &; everything else of ASCII is written as it is.
		if b := s[i]; b < 0x20 || b > 0x7e || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&' {
			e, _ := json.Marshal(s) // a string always encodes
			return append(buf, e...)
		}
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}
