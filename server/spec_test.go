package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// TestGraphQLOverHTTP checks /query against the GraphQL-over-HTTP
// specification (https://graphql.github.io/graphql-over-http/draft/).
func TestGraphQLOverHTTP(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		body := func(s string) *bytes.Reader { return bytes.NewReader([]byte(s)) }
		post := func(accept, s string) request {
			return request{ContentType: mediaJSON, Accept: accept, Body: body(s)}
		}
		get := func(accept string, params url.Values) request {
			return request{Method: http.MethodGet, Accept: accept, Query: params}
		}
		const twoOps = `query A($n: Int) { posts(first: $n) { totalCount } } query B { __typename }`
		signUp := func(email string) string {
			return `mutation { signUp(input: {email: "` + email + `", password: "correct horse battery", name: "Get"}) { token } }`
		}

		tests := []struct {
			name       string
			req        request
			wantStatus int
			wantMedia  string
			wantData   string // exact "data"; "" = not checked
			wantNoData bool   // a request error has no "data" entry
			wantCode   string
			wantField  string
			wantAllow  string
			wantMsg    string             // in the first error's message
			after      func(t *testing.T) // checks made after the request
		}{
			// POST with application/json; response media types.
			{
				name: "POST application/json without Accept answers application/json",
				req:  post("", `{"query": "{ __typename }"}`), wantStatus: 200, wantMedia: mediaJSON, wantData: `{"__typename":"Query"}`,
			},
			{
				name:       "POST with a charset in Content-Type",
				req:        request{ContentType: "application/json; charset=utf-8", Body: body(`{"query": "{ __typename }"}`)},
				wantStatus: 200, wantMedia: mediaJSON, wantData: `{"__typename":"Query"}`,
			},
			{
				name: "Accept application/graphql-response+json",
				req:  post(mediaGraphQL, `{"query": "{ __typename }"}`), wantStatus: 200, wantMedia: mediaGraphQL, wantData: `{"__typename":"Query"}`,
			},
			{
				name: "Accept application/json",
				req:  post(mediaJSON, `{"query": "{ __typename }"}`), wantStatus: 200, wantMedia: mediaJSON, wantData: `{"__typename":"Query"}`,
			},
			{
				name: "Accept */* answers application/json",
				req:  post("*/*", `{"query": "{ __typename }"}`), wantStatus: 200, wantMedia: mediaJSON,
			},
			{
				name:       "Accept recommended by the specification",
				req:        post("application/graphql-response+json; charset=utf-8, application/json; charset=utf-8", `{"query": "{ __typename }"}`),
				wantStatus: 200, wantMedia: mediaGraphQL,
			},
			{
				name:       "Accept q-values outrank order",
				req:        post("application/json;q=0.5, application/graphql-response+json", `{"query": "{ __typename }"}`),
				wantStatus: 200, wantMedia: mediaGraphQL,
			},
			{
				name: "Accept with no supported media type is 406",
				req:  post("text/html", `{"query": "{ __typename }"}`), wantStatus: 406, wantCode: "BAD_USER_INPUT",
			},
			{
				name:       "null optional parameters",
				req:        post(mediaGraphQL, `{"query": "{ __typename }", "operationName": null, "variables": null, "extensions": null}`),
				wantStatus: 200, wantMedia: mediaGraphQL, wantData: `{"__typename":"Query"}`,
			},

			// GET.
			{
				name: "GET query with variables and operationName in the URL",
				req: get(mediaGraphQL, url.Values{
					"query": {twoOps}, "operationName": {"A"}, "variables": {`{"n": 1}`},
				}),
				wantStatus: 200, wantMedia: mediaGraphQL, wantData: `{"posts":{"totalCount":0}}`,
			},
			{
				name:       "GET with an empty operationName",
				req:        get("", url.Values{"query": {"{ __typename }"}, "operationName": {""}}),
				wantStatus: 200, wantMedia: mediaJSON, wantData: `{"__typename":"Query"}`,
			},
			{
				name:       "GET of a mutation is 405 and does not run",
				req:        get(mediaGraphQL, url.Values{"query": {signUp("get@example.com")}}),
				wantStatus: 405, wantMedia: mediaGraphQL, wantNoData: true, wantCode: "GRAPHQL_VALIDATION_FAILED", wantAllow: "POST",
				after: func(t *testing.T) {
					// Had it run, this would be a CONFLICT.
					env.MustDo("", signUp("get@example.com"), nil)
				},
			},
			{
				name: "GET of a mutation chosen by operationName",
				req: get("", url.Values{
					"query": {`query Q { __typename } mutation M { logOut }`}, "operationName": {"M"},
				}),
				wantStatus: 405, wantMedia: mediaJSON, wantNoData: true, wantCode: "GRAPHQL_VALIDATION_FAILED", wantAllow: "POST",
			},
			{
				name: "GET without a query",
				req:  get(mediaGraphQL, url.Values{}), wantStatus: 400, wantMedia: mediaGraphQL, wantNoData: true,
				wantCode: "BAD_USER_INPUT", wantField: "query",
			},
			{
				name:       "GET with variables that are not JSON",
				req:        get(mediaGraphQL, url.Values{"query": {"{ __typename }"}, "variables": {"n=1"}}),
				wantStatus: 400, wantNoData: true, wantCode: "BAD_USER_INPUT", wantField: "variables",
			},

			// Malformed requests are 400 whatever the Accept.
			{
				name: "POST without a query", req: post("", `{"variables": {}}`),
				wantStatus: 400, wantMedia: mediaJSON, wantNoData: true, wantCode: "BAD_USER_INPUT", wantField: "query",
			},
			{
				name: "POST with a misspelled query", req: post(mediaGraphQL, `{"qeury": "{ __typename }"}`),
				wantStatus: 400, wantMedia: mediaGraphQL, wantNoData: true, wantCode: "BAD_USER_INPUT", wantField: "query",
			},
			{
				name: "POST with variables that are not an object", req: post(mediaGraphQL, `{"query": "{ __typename }", "variables": [7]}`),
				wantStatus: 400, wantNoData: true, wantCode: "BAD_USER_INPUT", wantField: "variables",
			},
			{
				name: "POST with an operationName that is not a string", req: post(mediaGraphQL, `{"query": "{ __typename }", "operationName": 1}`),
				wantStatus: 400, wantNoData: true, wantCode: "BAD_USER_INPUT", wantField: "operationName",
			},
			{
				name: "POST with malformed JSON", req: post("", `NONSENSE`),
				wantStatus: 400, wantMedia: mediaJSON, wantNoData: true, wantCode: "BAD_USER_INPUT",
			},
			{
				name: "POST as text/plain is 415", req: request{ContentType: "text/plain", Body: body(`{"query": "{ __typename }"}`)},
				wantStatus: 415, wantNoData: true, wantCode: "BAD_USER_INPUT",
			},
			{
				name: "POST as a form is 415", req: request{ContentType: "application/x-www-form-urlencoded", Body: body(`query=%7B__typename%7D`)},
				wantStatus: 415, wantNoData: true, wantCode: "BAD_USER_INPUT",
			},
			{
				name: "POST without Content-Type is 415", req: request{Body: body(`{"query": "{ __typename }"}`)},
				wantStatus: 415, wantNoData: true, wantCode: "BAD_USER_INPUT",
			},
			{
				name: "PUT is 405", req: request{Method: http.MethodPut, ContentType: mediaJSON, Body: body(`{"query": "{ __typename }"}`)},
				wantStatus: 405, wantNoData: true, wantCode: "BAD_USER_INPUT", wantAllow: "GET, POST, OPTIONS",
			},

			// operationName.
			{
				name: "operationName selects the operation", req: post(mediaGraphQL, `{"query": "`+twoOps+`", "operationName": "B"}`),
				wantStatus: 200, wantMedia: mediaGraphQL, wantData: `{"__typename":"Query"}`,
			},
			{
				name: "several operations without operationName", req: post(mediaGraphQL, `{"query": "`+twoOps+`"}`),
				wantStatus: 400, wantMedia: mediaGraphQL, wantNoData: true, wantCode: "GRAPHQL_VALIDATION_FAILED",
				wantMsg: "operationName",
			},
			{
				name: "operationName not in the document", req: post(mediaGraphQL, `{"query": "`+twoOps+`", "operationName": "C"}`),
				wantStatus: 400, wantMedia: mediaGraphQL, wantNoData: true, wantCode: "GRAPHQL_VALIDATION_FAILED",
			},

			// Request errors: 4xx under application/graphql-response+json,
			// 200 (recommended) under application/json; never "data".
			{
				name: "parse error, graphql-response+json", req: post(mediaGraphQL, `{"query": "{"}`),
				wantStatus: 400, wantMedia: mediaGraphQL, wantNoData: true, wantCode: "GRAPHQL_PARSE_FAILED",
			},
			{
				name: "validation error, graphql-response+json", req: post(mediaGraphQL, `{"query": "{ nope }"}`),
				wantStatus: 400, wantMedia: mediaGraphQL, wantNoData: true, wantCode: "GRAPHQL_VALIDATION_FAILED",
			},
			{
				name:       "variable coercion error, graphql-response+json",
				req:        post(mediaGraphQL, `{"query": "query($n: Int!) { posts(first: $n) { totalCount } }", "variables": {"n": "x"}}`),
				wantStatus: 400, wantMedia: mediaGraphQL, wantNoData: true, wantCode: "GRAPHQL_VALIDATION_FAILED",
			},
			{
				name:       "complexity limit, graphql-response+json",
				req:        post(mediaGraphQL, `{"query": "{ customers(first: 100) { edges { node { orders(first: 100) { edges { node { customer { orders(first: 100) { totalCount } } } } } } } } }"}`),
				wantStatus: 400, wantMedia: mediaGraphQL, wantNoData: true, wantCode: "COMPLEXITY_LIMIT_EXCEEDED",
			},
			{
				name: "parse error, application/json", req: post(mediaJSON, `{"query": "{"}`),
				wantStatus: 200, wantMedia: mediaJSON, wantNoData: true, wantCode: "GRAPHQL_PARSE_FAILED",
			},
			{
				name: "validation error, application/json", req: post("", `{"query": "{ nope }"}`),
				wantStatus: 200, wantMedia: mediaJSON, wantNoData: true, wantCode: "GRAPHQL_VALIDATION_FAILED",
			},

			// Field errors in execution keep 200 and partial data.
			{
				name: "field error, graphql-response+json", req: post(mediaGraphQL, `{"query": "{ __typename node(id: \"abc\") { id } }"}`),
				wantStatus: 200, wantMedia: mediaGraphQL, wantData: `{"__typename":"Query","node":null}`, wantCode: "BAD_USER_INPUT", wantField: "id",
			},
			{
				name: "field error, application/json", req: post(mediaJSON, `{"query": "{ __typename node(id: \"abc\") { id } }"}`),
				wantStatus: 200, wantMedia: mediaJSON, wantData: `{"__typename":"Query","node":null}`, wantCode: "BAD_USER_INPUT", wantField: "id",
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := send(t, env.URL, tt.req)
				if r.Status != tt.wantStatus {
					t.Errorf("status %d, want %d: %.300s", r.Status, tt.wantStatus, r.Body)
				}
				if tt.wantMedia != "" && r.MediaType() != tt.wantMedia {
					t.Errorf("Content-Type %q, want %s", r.Header.Get("Content-Type"), tt.wantMedia)
				}
				if ct := r.Header.Get("Content-Type"); !strings.Contains(ct, "charset=utf-8") {
					t.Errorf("Content-Type %q names no charset", ct)
				}
				if r.Fields == nil {
					t.Fatalf("body is not a JSON object: %.300s", r.Body)
				}
				if _, ok := r.Fields["errors"]; tt.wantCode != "" && !ok {
					t.Errorf("no errors: %.300s", r.Body)
				}
				if tt.wantData != "" && string(r.GQL.Data) != tt.wantData {
					t.Errorf("data %s, want %s", r.GQL.Data, tt.wantData)
				}
				if _, has := r.Fields["data"]; tt.wantNoData && has {
					t.Errorf("a request error carries data: %.300s", r.Body)
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
				if tt.wantMsg != "" && (len(r.GQL.Errors) == 0 || !strings.Contains(r.GQL.Errors[0].Message, tt.wantMsg)) {
					t.Errorf("message does not mention %q: %.300s", tt.wantMsg, r.Body)
				}
				for _, e := range r.GQL.Errors {
					if e.Message == "" || e.Extensions["code"] == nil {
						t.Errorf("error without message or code: %+v", e)
					}
				}
				assertNoLeak(t, r.Body)
				if tt.after != nil {
					tt.after(t)
				}
			})
		}

		t.Run("OPTIONS lists the methods", func(t *testing.T) {
			r := send(t, env.URL, request{Method: http.MethodOptions})
			if r.Status != 200 || !strings.Contains(r.Header.Get("Allow"), "POST") {
				t.Fatalf("OPTIONS: %d, Allow %q", r.Status, r.Header.Get("Allow"))
			}
		})
		t.Run("every error response is a GraphQL response", func(t *testing.T) {
			// The body of a refused request still decodes as one.
			r := send(t, env.URL, request{ContentType: mediaJSON, Accept: mediaGraphQL, Body: body(`{}`)})
			var resp struct {
				Errors []json.RawMessage `json:"errors"`
			}
			if err := json.Unmarshal(r.Body, &resp); err != nil || len(resp.Errors) != 1 {
				t.Fatalf("not a GraphQL response: %s", r.Body)
			}
		})
	})
}
