package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// onlyReader hides a reader's length, so the client streams it chunked and
// the server cannot refuse it by Content-Length alone.
type onlyReader struct{ io.Reader }

// jsonQuery wraps a query document (needing no escaping) in a JSON body.
func jsonQuery(doc string) []byte {
	return []byte(`{"query":"` + doc + `"}`)
}

// nestedSelections is `{a{a{a…}}}` of about n bytes.
func nestedSelections(n int) string {
	depth := n / 3
	return strings.Repeat("{a", depth) + strings.Repeat("}", depth)
}

// nestedFragments is a chain of fragments, each selecting the next one
// inside a field, of about n bytes.
func nestedFragments(n int) string {
	var b strings.Builder
	b.WriteString("query{...F0}")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, " fragment F%d on Query{customers{edges{node{id}}} ...F%d}", i, i+1)
	}
	return b.String()
}

// nestedLists is `{a(b:[[[…]]])}` of about n bytes.
func nestedLists(n int) string {
	depth := n / 2
	return "{a(b:" + strings.Repeat("[", depth) + strings.Repeat("]", depth) + ")}"
}

// fragmentFanOut is a few hundred bytes whose fragments each spread the next
// twice: 2^levels selections if expanded naively.
func fragmentFanOut(levels int) string {
	var b strings.Builder
	b.WriteString("query{...F0}")
	for i := range levels {
		fmt.Fprintf(&b, " fragment F%d on Query{...F%d ...F%d}", i, i+1, i+1)
	}
	fmt.Fprintf(&b, " fragment F%d on Query{__typename}", levels)
	return b.String()
}

// TestBadInput sends hostile and broken requests: each gets its clear status
// and error code, nothing internal reaches the client, the server keeps
// answering and its memory stays bounded.
func TestBadInput(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		const mb = 1 << 20
		tests := []struct {
			name       string
			req        func() request
			wantStatus int
			wantCode   string
			wantField  string
			wantAllow  string
			maxTime    time.Duration // 0: kithtest.Timeout
		}{
			{
				name:       "3 MB deeply nested query",
				req:        func() request { return request{Body: bytes.NewReader(jsonQuery(nestedSelections(3 * mb)))} },
				wantStatus: http.StatusRequestEntityTooLarge, wantCode: "BAD_USER_INPUT",
			},
			{
				name:       "3 MB of nested fragments",
				req:        func() request { return request{Body: bytes.NewReader(jsonQuery(nestedFragments(3 * mb)))} },
				wantStatus: http.StatusRequestEntityTooLarge, wantCode: "BAD_USER_INPUT",
			},
			{
				name:       "3 MB nested query sent chunked",
				req:        func() request { return request{Body: onlyReader{bytes.NewReader(jsonQuery(nestedSelections(3 * mb)))}} },
				wantStatus: http.StatusRequestEntityTooLarge, wantCode: "BAD_USER_INPUT",
			},
			{
				name:       "10 MB body",
				req:        func() request { return request{Body: bytes.NewReader(bytes.Repeat([]byte(" "), 10*mb))} },
				wantStatus: http.StatusRequestEntityTooLarge, wantCode: "BAD_USER_INPUT",
			},
			{
				name:       "900 KB deeply nested query under the size limit",
				req:        func() request { return request{Body: bytes.NewReader(jsonQuery(nestedSelections(900 << 10)))} },
				wantStatus: http.StatusBadRequest, wantCode: "GRAPHQL_PARSE_FAILED",
			},
			{
				name:       "900 KB of nested fragments under the size limit",
				req:        func() request { return request{Body: bytes.NewReader(jsonQuery(nestedFragments(900 << 10)))} },
				wantStatus: http.StatusBadRequest, wantCode: "GRAPHQL_PARSE_FAILED",
			},
			{
				name:       "900 KB deeply nested list argument",
				req:        func() request { return request{Body: bytes.NewReader(jsonQuery(nestedLists(900 << 10)))} },
				wantStatus: http.StatusBadRequest, wantCode: "GRAPHQL_PARSE_FAILED",
			},
			{
				name:       "fragment fan-out bomb",
				req:        func() request { return request{Body: bytes.NewReader(jsonQuery(fragmentFanOut(60)))} },
				wantStatus: http.StatusBadRequest, wantCode: "COMPLEXITY_LIMIT_EXCEEDED",
				maxTime: 2 * time.Second,
			},
			{
				name:       "malformed JSON",
				req:        func() request { return request{Body: strings.NewReader(`{"query": "{ me { id } }"`)} },
				wantStatus: http.StatusBadRequest, wantCode: "BAD_USER_INPUT",
			},
			{
				name:       "JSON that is not an object",
				req:        func() request { return request{Body: strings.NewReader(`["{ me { id } }"]`)} },
				wantStatus: http.StatusBadRequest, wantCode: "BAD_USER_INPUT",
			},
			{
				name:       "query of the wrong JSON type",
				req:        func() request { return request{Body: strings.NewReader(`{"query": {"me": 1}}`)} },
				wantStatus: http.StatusBadRequest, wantCode: "BAD_USER_INPUT", wantField: "query",
			},
			{
				name:       "unknown field",
				req:        func() request { return request{Body: strings.NewReader(`{"query": "{ me { id passwordHash } }"}`)} },
				wantStatus: http.StatusBadRequest, wantCode: "GRAPHQL_VALIDATION_FAILED",
			},
			{
				name: "wrong variable type",
				req: func() request {
					return request{Body: strings.NewReader(`{"query": "query($n: Int) { customers(first: $n) { totalCount } }", "variables": {"n": "ten"}}`)}
				},
				wantStatus: http.StatusBadRequest, wantCode: "GRAPHQL_VALIDATION_FAILED",
			},
			{
				name: "ID that is not one",
				req: func() request {
					return request{Body: strings.NewReader(`{"query": "{ node(id: \"1 OR 1=1\") { id } }"}`)}
				},
				wantStatus: http.StatusOK, wantCode: "BAD_USER_INPUT", wantField: "id",
			},
			{
				name: "cursor that is not ours",
				req: func() request {
					return request{Body: strings.NewReader(`{"query": "{ posts(after: \"bm90IGEgY3Vyc29y\") { totalCount } }"}`)}
				},
				wantStatus: http.StatusOK, wantCode: "BAD_USER_INPUT", wantField: "after",
			},
			{
				name: "first over 100",
				req: func() request {
					return request{Body: strings.NewReader(`{"query": "{ customers(first: 101) { totalCount } }"}`)}
				},
				wantStatus: http.StatusOK, wantCode: "BAD_USER_INPUT", wantField: "first",
			},
			{
				name: "complexity bomb",
				req: func() request {
					return request{Body: strings.NewReader(`{"query": "{ customers(first: 100) { edges { node { orders(first: 100) { edges { node { customer { orders(first: 100) { totalCount } } } } } } } } }"}`)}
				},
				wantStatus: http.StatusBadRequest, wantCode: "COMPLEXITY_LIMIT_EXCEEDED",
			},
			{
				name: "mutation via GET",
				req: func() request {
					return request{Method: http.MethodGet, Query: url.Values{"query": {`mutation { logOut }`}}}
				},
				wantStatus: http.StatusMethodNotAllowed, wantCode: "GRAPHQL_VALIDATION_FAILED", wantAllow: "POST",
			},
			{
				name: "subscription over plain HTTP",
				req: func() request {
					return request{Body: strings.NewReader(`{"query": "subscription { postAdded { id } }"}`)}
				},
				wantStatus: http.StatusBadRequest, wantCode: "GRAPHQL_VALIDATION_FAILED",
				maxTime: 2 * time.Second,
			},
			{
				name: "foreign Origin",
				req: func() request {
					return request{Origin: foreignOrigin, Body: strings.NewReader(`{"query": "{ me { id } }"}`)}
				},
				wantStatus: http.StatusForbidden, wantCode: "FORBIDDEN",
			},
			{
				name: "bad bearer token",
				req: func() request {
					return request{Token: "not-a-token", Body: strings.NewReader(`{"query": "{ me { id } }"}`)}
				},
				wantStatus: http.StatusUnauthorized, wantCode: "UNAUTHENTICATED",
			},
		}

		heapBefore := heapInuse()
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := tt.req()
				if req.Method == "" {
					req.ContentType = mediaJSON
				}
				req.Accept = mediaGraphQL
				r := send(t, env.URL, req)
				if r.Status != tt.wantStatus {
					t.Errorf("status %d, want %d: %.300s", r.Status, tt.wantStatus, r.Body)
				}
				if r.Code() != tt.wantCode {
					t.Errorf("code %q, want %q: %.300s", r.Code(), tt.wantCode, r.Body)
				}
				if r.Field() != tt.wantField {
					t.Errorf("field %q, want %q", r.Field(), tt.wantField)
				}
				if got := r.Header.Get("Allow"); got != tt.wantAllow {
					t.Errorf("Allow %q, want %q", got, tt.wantAllow)
				}
				if tt.maxTime > 0 && r.Took > tt.maxTime {
					t.Errorf("took %v, want at most %v", r.Took, tt.maxTime)
				}
				assertNoLeak(t, r.Body)
				assertAlive(t, env.URL)
			})
		}
		// Bodies of several MB went in; what stays must not scale with them.
		if grew := int64(heapInuse()) - int64(heapBefore); grew > 64*mb {
			t.Errorf("heap in use grew by %d MB over the bad requests", grew/mb)
		}
	})
}

func heapInuse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestAliasedLogIn sends 1,000 aliased logIn calls in one request: only one
// password check runs, the rest are RATE_LIMITED, and the answer is quick.
func TestAliasedLogIn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		alice := env.SignUp("alice@example.com", "Alice")
		ctx := auth.System(context.Background())
		sessions := func() int {
			n, err := db.Client.Session.Query().Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		tests := []struct {
			name         string
			password     string
			wantFirst    string // code of the one call that ran; "" for success
			wantSessions int    // sessions opened
		}{
			{name: "right password", password: "correct horse battery", wantSessions: 1},
			{name: "wrong password", password: "wrong horse battery", wantFirst: "UNAUTHENTICATED"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				const n = 1000
				var q strings.Builder
				q.WriteString("mutation {")
				for i := range n {
					fmt.Fprintf(&q, ` a%d: logIn(email: %q, password: %q) { token }`, i, alice.Email, tt.password)
				}
				q.WriteString(" }")
				before := sessions()
				r := postJSON(t, env.URL, mediaGraphQL, "", gql(q.String(), nil))
				if r.Took > 5*time.Second {
					t.Errorf("took %v", r.Took)
				}
				if r.Status != http.StatusOK {
					t.Fatalf("status %d: %.300s", r.Status, r.Body)
				}
				codes := map[string]int{}
				for _, e := range r.GQL.Errors {
					c, _ := e.Extensions["code"].(string)
					codes[c]++
				}
				wantCodes := map[string]int{"RATE_LIMITED": n - 1}
				if tt.wantFirst != "" {
					wantCodes[tt.wantFirst] = 1
				}
				if fmt.Sprint(codes) != fmt.Sprint(wantCodes) {
					t.Errorf("error codes %v, want %v", codes, wantCodes)
				}
				// One successful check opens one session; a second hash
				// would have opened a second.
				if got := sessions() - before; got != tt.wantSessions {
					t.Errorf("%d sessions opened, want %d", got, tt.wantSessions)
				}
				assertNoLeak(t, r.Body)
				assertAlive(t, env.URL)
			})
		}
	})
}

// TestWebsocketRejections covers the websocket's refusals: a foreign Origin
// before the upgrade, and the graphql-transport-ws close codes.
func TestWebsocketRejections(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		tests := []struct {
			name       string
			origin     string
			send       []map[string]any
			wantStatus int // refused upgrade
			wantClose  int
		}{
			{name: "foreign Origin", origin: foreignOrigin, wantStatus: http.StatusForbidden},
			{
				name:      "bad token in connection_init",
				send:      []map[string]any{{"type": "connection_init", "payload": map[string]any{"authorization": "Bearer not-a-token"}}},
				wantClose: 4403,
			},
			{name: "no connection_init", wantClose: 4408},
			{
				name:      "second connection_init",
				send:      []map[string]any{{"type": "connection_init"}, {"type": "connection_init"}},
				wantClose: 4429,
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				header := http.Header{}
				if tt.origin != "" {
					header.Set("Origin", tt.origin)
				}
				c, resp, err := dialWS(t, env.URL, header)
				if tt.wantStatus != 0 {
					if err == nil || resp == nil || resp.StatusCode != tt.wantStatus {
						status := 0
						if resp != nil {
							status = resp.StatusCode
						}
						t.Fatalf("upgrade: status %d (err %v), want %d", status, err, tt.wantStatus)
					}
					body, _ := io.ReadAll(resp.Body)
					assertNoLeak(t, body)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range tt.send {
					if err := c.conn.WriteJSON(m); err != nil {
						t.Fatal(err)
					}
				}
				c.expectClose(tt.wantClose, kithtest.Timeout)
			})
		}
		t.Cleanup(func() { assertAlive(t, env.URL) })
	})
}

// TestIntrospection: on in development, off in production.
func TestIntrospection(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		dev := kithtest.Start(t, db, kithtest.Options{}).URL
		prod := startProduction(t, db)
		const query = `{ __schema { queryType { name } } }`
		tests := []struct {
			name     string
			base     string
			wantData string
		}{
			{name: "development", base: dev, wantData: `{"__schema":{"queryType":{"name":"Query"}}}`},
			{name: "production", base: prod},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := postJSON(t, tt.base, mediaGraphQL, "", gql(query, nil))
				if tt.wantData != "" {
					if r.Status != http.StatusOK || string(r.GQL.Data) != tt.wantData || len(r.GQL.Errors) > 0 {
						t.Fatalf("introspection: %d %s", r.Status, r.Body)
					}
					return
				}
				if r.Status != http.StatusBadRequest || r.Code() != "GRAPHQL_VALIDATION_FAILED" || r.Fields["data"] != nil {
					t.Fatalf("introspection not refused as a request error: %d %s", r.Status, r.Body)
				}
				assertNoLeak(t, r.Body)
				// __typename is not introspection and keeps working.
				assertAlive(t, tt.base)
			})
		}
	})
}
