// Package kithtest starts the whole Kith server for end-to-end tests: real
// database, real HTTP on a loopback port, real websocket.
package kithtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/mail"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/viewer"
	"github.com/kith-crm/kith/server"
)

// Env is a running server.
type Env struct {
	T        testing.TB
	DB       *store.DB
	Bus      *pubsub.Bus
	Resolver *graph.Resolver
	Server   *server.Server
	HTTP     *httptest.Server
	URL      string // base URL, no trailing slash
}

// Options tune Start.
type Options struct {
	AllowedOrigins []string
	// Bus defaults to a memory bus, or a PostgreSQL bus on PostgreSQL.
	Bus *pubsub.Bus
	// Mailer delivers verification and reset mail; nil drops it. Tests of
	// mail pass an SMTP sender to a mailtest server.
	Mailer mail.Sender
	// Clock defaults to the system clock.
	Clock clock.Clock
	// Jobs starts a job runner (imports run); without it jobs are only
	// enqueued.
	Jobs bool
	// ExecuteLivePerSubscriber turns shared rendering of live events off
	// (server.Config.ExecuteLivePerSubscriber).
	ExecuteLivePerSubscriber bool
	// WebsocketWriteTimeout and WebsocketSendBuffer are the server's
	// (server.Config); zero keeps the defaults.
	WebsocketWriteTimeout time.Duration
	WebsocketSendBuffer   int
}

// PublicURL is the web app's address in links the test server mails.
const PublicURL = "https://kith.example"

// Start runs a server over db on 127.0.0.1:0, stopped when the test ends.
func Start(t testing.TB, db *store.DB, opts Options) *Env {
	t.Helper()
	bus := opts.Bus
	if bus == nil {
		var err error
		if db.URL != "" {
			bus, err = pubsub.NewPostgresBus(db.URL, nil)
			if err != nil {
				t.Fatalf("kithtest: bus: %v", err)
			}
		} else {
			bus = pubsub.NewMemoryBus()
		}
		t.Cleanup(func() { bus.Close() })
	}
	clk := opts.Clock
	if clk == nil {
		clk = clock.System{}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := app.Services(db, bus, auth.NewHasher(auth.TestParams), clk, app.Options{
		Mailer: opts.Mailer, PublicURL: PublicURL, Logger: logger,
	})
	// Mail still being sent finishes before the server (and its mail server) stops.
	t.Cleanup(r.Auth.WaitMail)
	runner, err := app.Jobs(db, bus, logger, jobs.Options{TestOnly: true, FetchPollInterval: 50 * time.Millisecond, ProgressInterval: 50 * time.Millisecond, Now: clk.Now})
	if err != nil {
		t.Fatalf("kithtest: jobs: %v", err)
	}
	r.Imports.Jobs = runner
	r.Scores.Jobs = runner
	if opts.Jobs {
		// Orders ask for an accrual only where jobs run: elsewhere the
		// job would never run, and its insert is one more writer.
		r.Loyalty.Jobs = runner
		if err := runner.Start(context.Background()); err != nil {
			t.Fatalf("kithtest: starting jobs: %v", err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = runner.Stop(ctx)
		})
	}
	srv := server.New(server.Config{Development: true, AllowedOrigins: opts.AllowedOrigins, Logger: logger, Ready: db.SQL.PingContext,
		ExecuteLivePerSubscriber: opts.ExecuteLivePerSubscriber,
		WebsocketWriteTimeout:    opts.WebsocketWriteTimeout, WebsocketSendBuffer: opts.WebsocketSendBuffer}, r)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &Env{T: t, DB: db, Bus: bus, Resolver: r, Server: srv, HTTP: hs, URL: hs.URL}
}

// Response is a GraphQL response.
type Response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// Code returns the extensions.code of the first error, or "".
func (r Response) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// Decode unmarshals data into v, failing the test on error.
func (r Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decoding %s: %v", r.Data, err)
	}
}

// Do posts a GraphQL operation with an optional bearer token.
func (e *Env) Do(token, query string, vars map[string]any) Response {
	e.T.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.T.Fatalf("POST /query: %v", err)
	}
	defer resp.Body.Close()
	var out Response
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		e.T.Fatalf("POST /query: status %d, body %q: %v", resp.StatusCode, raw, err)
	}
	out.Status = resp.StatusCode
	return out
}

// MustDo is Do that fails the test on any GraphQL error.
func (e *Env) MustDo(token, query string, vars map[string]any) Response {
	e.T.Helper()
	r := e.Do(token, query, vars)
	if len(r.Errors) > 0 {
		e.T.Fatalf("unexpected errors: %+v", r.Errors)
	}
	return r
}

// User is a signed-in test user.
type User struct {
	ID, MemberID, CustomerID int
	Email, Token             string
	Role                     viewer.Role
}

// SignUp signs a member up through the API.
func (e *Env) SignUp(email, name string) User {
	e.T.Helper()
	r := e.MustDo("", `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
		map[string]any{"i": map[string]any{"email": email, "password": "correct horse battery", "name": name}})
	var d struct {
		SignUp struct {
			Token string
			User  struct{ ID string }
		}
	}
	r.Decode(e.T, &d)
	v, err := e.Resolver.Auth.Authenticate(context.Background(), d.SignUp.Token)
	if err != nil {
		e.T.Fatal(err)
	}
	return User{ID: v.UserID, MemberID: v.MemberID, CustomerID: v.CustomerID, Email: email, Token: d.SignUp.Token, Role: viewer.RoleMember}
}

// Staff creates a staff user of role directly and signs them in through the API.
func (e *Env) Staff(email string, role viewer.Role) User {
	e.T.Helper()
	ctx := auth.System(context.Background())
	if _, err := e.Resolver.Auth.CreateUser(ctx, email, "correct horse battery", role, ""); err != nil {
		e.T.Fatal(err)
	}
	r := e.MustDo("", `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`,
		map[string]any{"e": email, "p": "correct horse battery"})
	var d struct{ LogIn struct{ Token string } }
	r.Decode(e.T, &d)
	v, err := e.Resolver.Auth.Authenticate(ctx, d.LogIn.Token)
	if err != nil {
		e.T.Fatal(err)
	}
	return User{ID: v.UserID, MemberID: v.MemberID, CustomerID: v.CustomerID, Email: email, Token: d.LogIn.Token, Role: role}
}

// Timeout bounds waits in end-to-end tests.
const Timeout = 10 * time.Second

// Upload sends query as a GraphQL multipart request (the import mutations)
// with content as the file in variable fileVar.
func (e *Env) Upload(token, query string, vars map[string]any, fileVar, filename string, content io.Reader) Response {
	e.T.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	vars[fileVar] = nil
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("operations", string(ops))
		_ = mw.WriteField("map", `{"0": ["variables.`+fileVar+`"]}`)
		fw, err := mw.CreateFormFile("0", filename)
		if err == nil {
			_, err = io.Copy(fw, content)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/query", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.T.Fatalf("POST /query (multipart): %v", err)
	}
	defer resp.Body.Close()
	var out Response
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		e.T.Fatalf("POST /query (multipart): status %d, body %q: %v", resp.StatusCode, raw, err)
	}
	out.Status = resp.StatusCode
	return out
}
