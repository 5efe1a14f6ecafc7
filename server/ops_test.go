package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// TestOperationalEndpoints: liveness, readiness (and unreadiness once the
// database is gone), Prometheus metrics, and the playground only in
// development.
func TestOperationalEndpoints(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		prod := startProduction(t, db)
		// One GraphQL request, so the request counter has a sample.
		env.MustDo("", `{ __typename }`, nil)

		tests := []struct {
			name       string
			base       string
			path       string
			wantStatus int
			wantMedia  string
			wantBody   []string
		}{
			{name: "healthz", base: env.URL, path: "/healthz", wantStatus: 200},
			{name: "readyz", base: env.URL, path: "/readyz", wantStatus: 200},
			{
				name: "metrics", base: env.URL, path: "/metrics", wantStatus: 200, wantMedia: "text/plain",
				wantBody: []string{
					"# TYPE kith_http_requests_total counter",
					`kith_http_requests_total{code="200",route="query"}`,
					"kith_http_request_duration_seconds_bucket",
				},
			},
			{name: "playground in development", base: env.URL, path: "/playground", wantStatus: 200},
			{name: "no playground in production", base: prod, path: "/playground", wantStatus: 404},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := send(t, tt.base, request{Method: http.MethodGet, Path: tt.path})
				if r.Status != tt.wantStatus {
					t.Fatalf("GET %s: %d, want %d: %.300s", tt.path, r.Status, tt.wantStatus, r.Body)
				}
				if tt.wantMedia != "" && r.MediaType() != tt.wantMedia {
					t.Errorf("Content-Type %q, want %s", r.Header.Get("Content-Type"), tt.wantMedia)
				}
				for _, want := range tt.wantBody {
					if !strings.Contains(string(r.Body), want) {
						t.Errorf("body lacks %q", want)
					}
				}
			})
		}

		t.Run("readyz is 503 once the database is closed", func(t *testing.T) {
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			r := send(t, env.URL, request{Method: http.MethodGet, Path: "/readyz"})
			if r.Status != http.StatusServiceUnavailable {
				t.Fatalf("readyz: %d, want 503: %s", r.Status, r.Body)
			}
			assertNoLeak(t, r.Body)
			// Liveness does not depend on the database.
			if r := send(t, env.URL, request{Method: http.MethodGet, Path: "/healthz"}); r.Status != 200 {
				t.Fatalf("healthz: %d", r.Status)
			}
		})
	})
}
