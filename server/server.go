// Package server is Kith's HTTP transport: CORS, authentication, limits, the
// GraphQL handler over HTTP and websocket, the embedded web app, health and
// metrics.
package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/graph/generated"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// Limits of the public API.
const (
	MaxJSONBody      = 1 << 20 // a JSON request body over this is 413
	ParserTokenLimit = 15_000  // tokens in one query document
	ComplexityLimit  = 20_000
	RequestTimeout   = 10 * time.Second
	// UploadTimeout bounds an import mutation, which reads its file.
	UploadTimeout = 10 * time.Minute
	// SessionCookie is the httpOnly cookie the web app authenticates with.
	SessionCookie = "kith_session"
)

// Config is what the server needs to know about its environment.
type Config struct {
	Development    bool
	AllowedOrigins []string
	// SecureCookies marks the session cookie Secure (behind HTTPS).
	SecureCookies bool
	Logger        *slog.Logger
	// Ready reports whether the server can serve (the database is reachable).
	Ready func(context.Context) error
	// WebApp serves the single-page app; nil serves nothing at /.
	WebApp http.Handler
	// ExecuteLivePerSubscriber turns shared rendering of live events off:
	// every subscriber's selection is executed for every event (tests compare
	// the two).
	ExecuteLivePerSubscriber bool
	// WebsocketWriteTimeout is how long a websocket write may wait for a
	// peer that does not read before the peer is closed as a slow consumer
	// (GorillaWebsocket.WriteTimeout; zero means 10 seconds).
	WebsocketWriteTimeout time.Duration
	// WebsocketSendBuffer, when positive, is each websocket's kernel send
	// buffer in bytes (GorillaWebsocket.SendBuffer); zero keeps the
	// system's default.
	WebsocketSendBuffer int
}

// Server is the HTTP handler of Kith.
type Server struct {
	cfg       Config
	resolver  *graph.Resolver
	ws        *GorillaWebsocket
	live      *sharedLive
	mux       *http.ServeMux
	requests  *prometheus.CounterVec
	durations *prometheus.HistogramVec
}

// New builds the handler. It wires logout to close the session's sockets.
func New(cfg Config, r *graph.Resolver) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, resolver: r, ws: NewGorillaWebsocket(cfg.AllowedOrigins), live: &sharedLive{}, mux: http.NewServeMux()}
	s.ws.WriteTimeout = cfg.WebsocketWriteTimeout
	s.ws.SendBuffer = cfg.WebsocketSendBuffer
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	s.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kith_http_requests_total", Help: "HTTP requests by route and status."}, []string{"route", "code"})
	s.durations = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "kith_http_request_duration_seconds", Help: "HTTP request latency by route.", Buckets: prometheus.DefBuckets}, []string{"route"})
	reg.MustRegister(s.requests, s.durations)
	reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "kith_live_shared_groups", Help: "Groups of live subscriptions that share one execution per event."},
			func() float64 { return float64(s.live.stats().Groups) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "kith_live_shared_subscriptions", Help: "Live subscriptions served by shared executions."},
			func() float64 { return float64(s.live.stats().Subscriptions) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "kith_live_slow_consumer_closes_total", Help: "Websockets closed with 4013 because the client fell too far behind."},
			func() float64 { return float64(s.ws.SlowConsumerCloses()) }),
	)

	prev := r.Auth.OnLogout
	r.Auth.OnLogout = func(id int) {
		s.ws.CloseKey(sessionKey(id), 4401, "Logged out")
		if prev != nil {
			prev(id)
		}
	}

	gql := s.graphqlHandler()
	corsMW := cors.New(cors.Options{
		AllowOriginFunc:  func(origin string) bool { return originListed(origin, cfg.AllowedOrigins) },
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"Authorization", "Content-Type", "Accept"},
		AllowCredentials: true,
		MaxAge:           600,
	})
	s.mux.Handle("/query", s.instrument("query", corsMW.Handler(s.originGuard(s.limitBody(s.graphqlHTTP(s.detachWebsocket(s.authenticate(gql))))))))
	s.mux.Handle("/export/customers.csv", s.instrument("export", corsMW.Handler(s.originGuard(s.authenticate(http.HandlerFunc(s.exportCustomers))))))
	if cfg.Development {
		s.mux.Handle("/playground", playground.Handler("Kith GraphQL", "/query"))
	}
	s.mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n") //nolint:errcheck
	})
	s.mux.HandleFunc("/readyz", func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		if cfg.Ready != nil {
			if err := cfg.Ready(ctx); err != nil {
				cfg.Logger.Warn("not ready", "err", err)
				http.Error(w, "database unreachable", http.StatusServiceUnavailable)
				return
			}
		}
		io.WriteString(w, "ready\n") //nolint:errcheck
	})
	s.mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	if cfg.WebApp != nil {
		s.mux.Handle("/", cfg.WebApp)
	}
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// LiveFanout reports how live events are being shared (see sharedLive).
func (s *Server) LiveFanout() LiveFanoutStats { return s.live.stats() }

// Websocket is the websocket implementation, exposed for tests and shutdown.
func (s *Server) Websocket() *GorillaWebsocket { return s.ws }

func sessionKey(id int) string { return "session:" + strconv.Itoa(id) }

func (s *Server) graphqlHandler() http.Handler {
	h := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: s.resolver}))
	h.AddTransport(transport.Websocket{
		Implementation:        s.ws,
		KeepAlivePingInterval: 15 * time.Second,
		InitFunc:              s.websocketInit,
		ErrorFunc: func(ctx context.Context, err error) {
			s.cfg.Logger.Debug("websocket error", "err", err)
		},
	})
	h.AddTransport(transport.Options{})
	h.AddTransport(transport.GET{})
	h.AddTransport(transport.POST{})
	h.AddTransport(uploadTransport{})
	h.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	h.SetParserTokenLimit(ParserTokenLimit)
	h.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	if s.cfg.Development {
		h.Use(extension.Introspection{})
	} else {
		h.Use(noIntrospection{})
	}
	h.Use(httpOperationRules{})
	h.Use(graph.PartnerScopes{})
	h.Use(complexityLimit{Max: ComplexityLimit})
	h.SetErrorPresenter(graph.ErrorPresenter(s.cfg.Logger))
	h.SetRecoverFunc(func(ctx context.Context, v any) error {
		s.cfg.Logger.ErrorContext(ctx, "graphql: panic", "panic", v)
		return errs.E(errs.Internal, "internal error")
	})
	h.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		if oc.Operation != nil && oc.Operation.Operation == ast.Subscription {
			return next(ctx)
		}
		// Queries and mutations get the request timeout; subscriptions live on.
		// An upload may take minutes to arrive.
		timeout := RequestTimeout
		if onlyUploadFields(oc.Operation) {
			timeout = UploadTimeout
		}
		ctx, cancel := context.WithTimeout(ctx, timeout)
		resp := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			defer cancel()
			return resp(ctx)
		}
	})
	if !s.cfg.ExecuteLivePerSubscriber {
		h.Use(s.live)
	}
	return h
}

// websocketInit authenticates a websocket in connection_init: a bearer token
// in the payload, else the session cookie of the upgrade request, else
// anonymous. A bad token closes the socket with 4403.
func (s *Server) websocketInit(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	token := bearer(payload.Authorization())
	if token == "" {
		if v, ok := payload["Authorization"].(string); ok {
			token = bearer(v)
		}
	}
	if token == "" {
		token, _ = ctx.Value(cookieTokenKey{}).(string)
	}
	if token == "" {
		return viewer.NewContext(s.ws.withConn(ctx), viewer.Viewer{}), nil, nil
	}
	v, err := s.authenticateAside(ctx, token)
	if err == nil && v.Partner != nil {
		// Partner keys push and read over HTTP; they subscribe to nothing.
		err = errors.New("API keys may not open a websocket")
	}
	if err != nil {
		return transport.WithWebsocketCloseCode(ctx, WebsocketCloseForbidden), nil, errors.New("Forbidden")
	}
	s.ws.SetKey(ctx, sessionKey(v.SessionID))
	return viewer.NewContext(s.ws.withConn(ctx), v), nil, nil
}

type cookieTokenKey struct{}

// authenticateAside authenticates on a goroutine of its own. A websocket's
// goroutines live as long as the socket, and a database call (the SQLite
// driver is deep) would grow their stacks for good, which with tens of
// thousands of sockets costs more memory than anything else they hold.
func (s *Server) authenticateAside(ctx context.Context, token string) (viewer.Viewer, error) {
	type result struct {
		v        viewer.Viewer
		err      error
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
		r.v, r.err = s.resolver.Auth.Authenticate(ctx, token)
	}()
	r := <-done
	if r.panicked {
		panic(r.p)
	}
	return r.v, r.err
}

// detachWebsocket serves a websocket upgrade on a goroutine of its own and
// returns as soon as the connection is hijacked. gqlgen reads the socket
// inside the handler for as long as it is open; left on net/http's
// connection goroutine, that would pin the goroutine's stack and net/http's
// 4 KB read and write buffers of the connection, which a hijacked connection
// never uses again. The socket outlives the request, so its context is not
// cancelled when the handler returns (net/http cancels nothing on a hijacked
// connection before that anyway).
func (s *Server) detachWebsocket(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !websocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		dw := &detachedWriter{rw: w, hijacked: make(chan struct{})}
		r = r.WithContext(context.WithoutCancel(r.Context()))
		done := make(chan any, 1)
		go func() {
			defer func() {
				p := recover()
				if p != nil && dw.rw == nil {
					// Hijacked: net/http no longer serves this connection.
					s.cfg.Logger.Error("websocket: panic", "panic", p)
					p = nil
				}
				done <- p
			}()
			next.ServeHTTP(dw, r)
		}()
		select {
		case p := <-done:
			if p != nil {
				panic(p) // not upgraded: net/http handles it as before
			}
		case <-dw.hijacked:
		}
	})
}

// detachedWriter forwards to the connection's ResponseWriter until the
// connection is hijacked, and then lets go of it. It is used by one
// goroutine only.
type detachedWriter struct {
	rw       http.ResponseWriter // nil once hijacked
	header   http.Header
	hijacked chan struct{}
}

func (w *detachedWriter) Header() http.Header {
	if w.rw == nil {
		if w.header == nil {
			w.header = http.Header{}
		}
		return w.header
	}
	return w.rw.Header()
}

func (w *detachedWriter) Write(b []byte) (int, error) {
	if w.rw == nil {
		return 0, http.ErrHijacked
	}
	return w.rw.Write(b)
}

func (w *detachedWriter) WriteHeader(code int) {
	if w.rw != nil {
		w.rw.WriteHeader(code)
	}
}

// Unwrap lets http.ResponseController reach the underlying writer before
// the hijack.
func (w *detachedWriter) Unwrap() http.ResponseWriter { return w.rw }

func (w *detachedWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if w.rw == nil {
		return nil, nil, http.ErrHijacked
	}
	conn, brw, err := http.NewResponseController(w.rw).Hijack()
	if err == nil {
		w.rw = nil
		close(w.hijacked)
	}
	return conn, brw, err
}

func bearer(h string) string {
	const p = "bearer "
	if len(h) > len(p) && strings.EqualFold(h[:len(p)], p) {
		return strings.TrimSpace(h[len(p):])
	}
	return ""
}

// authenticate puts the viewer into the request context. A bad bearer token
// is 401: an app must know its token is dead. A bad cookie is dropped
// quietly (and cleared), so a stale browser can still sign in again.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := auth.WithCredentialBudget(r.Context())
		secure := s.cfg.SecureCookies || r.TLS != nil
		ctx = auth.WithCookieWriter(ctx, func(token string, expires time.Time) {
			c := &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode}
			if token == "" {
				c.MaxAge = -1
			} else {
				c.Expires = expires
			}
			http.SetCookie(w, c)
		})
		authenticate := s.resolver.Auth.Authenticate
		if websocketUpgrade(r) {
			authenticate = s.authenticateAside
		}
		v := viewer.Viewer{}
		if h := r.Header.Get("Authorization"); h != "" {
			token := bearer(h)
			var err error
			if token != "" {
				v, err = authenticate(ctx, token)
			}
			if token == "" || err != nil {
				writeGraphQLError(w, r, http.StatusUnauthorized, errs.Unauthenticated, "", "invalid or expired token; sign in again")
				return
			}
		} else if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
			ctx = context.WithValue(ctx, cookieTokenKey{}, c.Value)
			if cv, err := authenticate(ctx, c.Value); err == nil {
				v = cv
			} else if !websocketUpgrade(r) {
				http.SetCookie(w, &http.Cookie{Name: SessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
			}
		}
		next.ServeHTTP(w, r.WithContext(viewer.NewContext(ctx, v)))
	})
}

func websocketUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// originGuard refuses requests from foreign origins with 403; requests with
// no Origin (native apps) pass and still need a token for private data.
func (s *Server) originGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !OriginAllowed(r, s.cfg.AllowedOrigins) {
			writeGraphQLError(w, r, http.StatusForbidden, errs.Forbidden, "", "origin not allowed")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody turns a JSON body over MaxJSONBody into 413 before anything parses it.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || websocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		if isMultipart(r) {
			// An upload streams through to the import mutation; only its
			// size is bounded here.
			if r.ContentLength > MaxUploadBody {
				writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, errs.Invalid, "file", "the upload is larger than 100 MiB")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, MaxUploadBody)
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > MaxJSONBody {
			writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, errs.Invalid, "", "request body is larger than 1 MiB")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxJSONBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, errs.Invalid, "", "request body is larger than 1 MiB")
				return
			}
			writeGraphQLError(w, r, http.StatusBadRequest, errs.Invalid, "", "could not read request body")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// instrument counts requests and their latency for /metrics.
func (s *Server) instrument(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Inc()
		s.durations.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) { w.code = code; w.ResponseWriter.WriteHeader(code) }

// Unwrap lets http.ResponseController and the websocket upgrader reach the
// underlying writer (Hijack, Flush).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// originListed reports whether origin is one of the configured allowed origins.
func originListed(origin string, allowed []string) bool {
	for _, a := range allowed {
		if strings.EqualFold(strings.TrimSuffix(a, "/"), origin) {
			return true
		}
	}
	return false
}

// Hijack hands the connection to the websocket upgrader, which asks for
// http.Hijacker directly rather than through Unwrap.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(w.ResponseWriter).Hijack()
}
