package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kith-crm/kith/internal/errs"
)

// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/).
//
// gqlgen's GET and POST transports do the work; graphqlHTTP and
// httpOperationRules fill the gaps where they fall short of the
// specification or leak internals:
//
//   - A request that is not a well-formed GraphQL-over-HTTP request (body not
//     a JSON object, no query, a parameter of the wrong type) is 400 with a
//     clean message; gqlgen would echo the body and Go type names.
//   - POST needs Content-Type application/json (else 415); methods other than
//     GET, POST and OPTIONS are 405 with Allow.
//   - The response media type honours the Accept header's q-values (gqlgen
//     takes the first type listed); an Accept with no media type we serve is
//     406. Without Accept the response is application/json.
//   - GET runs only queries: anything else is 405 with Allow: POST (gqlgen
//     says 406). Subscriptions are websocket-only; over HTTP gqlgen would hold
//     the request open until the first event.
//   - Request errors (parse, validation, complexity) are 400 with
//     application/graphql-response+json, and 200 with application/json as the
//     specification recommends (gqlgen says 422), and carry no "data" entry.
//   - Content-Type names the charset.

const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

func init() {
	// gqlgen answers request errors whose code it knows as "protocol" errors
	// with a 4xx under application/graphql-response+json, as the
	// specification requires of any response without data. These two codes
	// are raised before execution too but are unknown to it.
	errcode.RegisterErrorType("COMPLEXITY_LIMIT_EXCEEDED", errcode.KindProtocol)
	errcode.RegisterErrorType("PERSISTED_QUERY_NOT_FOUND", errcode.KindProtocol)
}

// httpRequest marks the context of a GraphQL request over plain HTTP (not a
// websocket) for httpOperationRules.
type httpRequest struct {
	method string
	// methodNotAllowed is set by httpOperationRules when GET asks for an
	// operation other than a query.
	methodNotAllowed bool
}

type httpRequestKey struct{}

// graphqlHTTP checks a GraphQL-over-HTTP request before gqlgen sees it and
// adjusts gqlgen's answer; see the comment at the top of this file. It runs
// after limitBody, so a POST body is already in memory.
func (s *Server) graphqlHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if websocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		media, ok := negotiate(r.Header.Values("Accept"))
		if !ok {
			writeGraphQLErrorAs(w, mediaJSON, http.StatusNotAcceptable, errs.Invalid, "",
				"the Accept header allows neither application/graphql-response+json nor application/json")
			return
		}
		// gqlgen picks the first type listed; tell it the one we chose.
		r.Header.Set("Accept", media)

		var params requestParams
		switch r.Method {
		case http.MethodOptions:
			next.ServeHTTP(w, r) // gqlgen answers with Allow
			return
		case http.MethodGet:
			q, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil {
				writeGraphQLError(w, r, http.StatusBadRequest, errs.Invalid, "", "the URL query string is malformed")
				return
			}
			params = paramsFromURL(q)
		case http.MethodPost:
			if isMultipart(r) {
				// The import mutations' uploads: uploadTransport checks them.
				break
			}
			if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != mediaJSON {
				writeGraphQLError(w, r, http.StatusUnsupportedMediaType, errs.Invalid, "",
					"send GraphQL requests as Content-Type: application/json")
				return
			}
			body, err := io.ReadAll(r.Body)
			if err != nil {
				writeGraphQLError(w, r, http.StatusBadRequest, errs.Invalid, "", "could not read request body")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			if err := json.Unmarshal(body, &params); err != nil {
				msg := "the request body is not valid JSON"
				if _, isType := err.(*json.UnmarshalTypeError); isType {
					msg = "the request body must be a JSON object"
				}
				writeGraphQLError(w, r, http.StatusBadRequest, errs.Invalid, "", msg)
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeGraphQLError(w, r, http.StatusMethodNotAllowed, errs.Invalid, "",
				"use POST, or GET for queries")
			return
		}
		if field, msg := params.problem(); field != "" && !isMultipart(r) {
			writeGraphQLError(w, r, http.StatusBadRequest, errs.Invalid, field, msg)
			return
		}

		req := &httpRequest{method: r.Method}
		rw := &graphqlResponseWriter{ResponseWriter: w, req: req}
		next.ServeHTTP(rw, r.WithContext(context.WithValue(r.Context(), httpRequestKey{}, req)))
		rw.finish()
	})
}

// requestParams are the GraphQL-over-HTTP request parameters, undecoded.
// encoding/json matches the names as gqlgen does (ignoring case), so what
// passes problem also decodes in gqlgen.
type requestParams struct {
	Query         json.RawMessage `json:"query"`
	OperationName json.RawMessage `json:"operationName"`
	Variables     json.RawMessage `json:"variables"`
	Extensions    json.RawMessage `json:"extensions"`
}

func paramsFromURL(q url.Values) requestParams {
	var p requestParams
	if q.Has("query") {
		p.Query, _ = json.Marshal(q.Get("query"))
	}
	if q.Has("operationName") {
		p.OperationName, _ = json.Marshal(q.Get("operationName"))
	}
	// In a URL these two are JSON text.
	if q.Has("variables") {
		p.Variables = json.RawMessage(q.Get("variables"))
	}
	if q.Has("extensions") {
		p.Extensions = json.RawMessage(q.Get("extensions"))
	}
	return p
}

// problem names the parameter that makes the request malformed, and why.
// Null stands for an absent parameter.
func (p requestParams) problem() (field, msg string) {
	isNull := func(raw json.RawMessage) bool {
		raw = bytes.TrimSpace(raw)
		return len(raw) == 0 || string(raw) == "null"
	}
	isObject := func(raw json.RawMessage) bool {
		raw = bytes.TrimSpace(raw)
		return len(raw) > 0 && raw[0] == '{' && json.Valid(raw)
	}
	isString := func(raw json.RawMessage) bool {
		raw = bytes.TrimSpace(raw)
		return len(raw) > 0 && raw[0] == '"'
	}
	switch {
	case !isNull(p.Variables) && !isObject(p.Variables):
		return "variables", "variables must be a JSON object"
	case !isNull(p.Extensions) && !isObject(p.Extensions):
		return "extensions", "extensions must be a JSON object"
	case !isNull(p.OperationName) && !isString(p.OperationName):
		return "operationName", "operationName must be a string"
	case !isNull(p.Query) && !isString(p.Query):
		return "query", "query must be a string"
	case isNull(p.Query) && !p.persistedQuery():
		return "query", "the request has no query"
	}
	return "", ""
}

// persistedQuery reports whether the request names an automatic persisted
// query, which stands in for the query.
func (p requestParams) persistedQuery() bool {
	var ext struct {
		PersistedQuery json.RawMessage `json:"persistedQuery"`
	}
	return json.Unmarshal(p.Extensions, &ext) == nil && len(ext.PersistedQuery) > 0 && string(ext.PersistedQuery) != "null"
}

// negotiate picks the response media type from Accept headers: the
// acceptable one with the highest q-value; on a tie the more specific range
// wins, then the one listed first, and a bare wildcard means
// application/json. ok is false when Accept allows neither type.
func negotiate(accept []string) (media string, ok bool) {
	if len(accept) == 0 {
		return mediaJSON, true
	}
	type score struct {
		q           float64
		specificity int // 2 exact, 1 application/*, 0 */*
		pos         int
		set         bool
	}
	better := func(a, b score) bool {
		if a.q != b.q {
			return a.q > b.q
		}
		if a.specificity != b.specificity {
			return a.specificity > b.specificity
		}
		return a.pos < b.pos
	}
	scores := map[string]*score{mediaJSON: {}, mediaGraphQLResponse: {}}
	pos := 0
	for _, header := range accept {
		for part := range strings.SplitSeq(header, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			pos++
			if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
				continue
			}
			q := 1.0
			if v, ok := params["q"]; ok {
				if q, err = strconv.ParseFloat(v, 64); err != nil {
					continue
				}
			}
			for name, sc := range scores {
				spec := -1
				switch mt {
				case name:
					spec = 2
				case "application/*":
					spec = 1
				case "*/*":
					spec = 0
				}
				// The most specific range that matches decides a type's q.
				if spec >= 0 && (!sc.set || spec > sc.specificity) {
					*sc = score{q: q, specificity: spec, pos: pos, set: true}
				}
			}
		}
	}
	j, g := *scores[mediaJSON], *scores[mediaGraphQLResponse]
	switch {
	case g.set && g.q > 0 && (!j.set || j.q <= 0 || better(g, j)):
		return mediaGraphQLResponse, true
	case j.set && j.q > 0:
		return mediaJSON, true
	}
	return "", false
}

// graphqlResponseWriter adjusts gqlgen's answer to a plain-HTTP request:
// the charset, the status of request errors, and no "data" entry in them.
type graphqlResponseWriter struct {
	http.ResponseWriter
	req         *httpRequest
	wroteHeader bool
	status      int
	// requestError holds back the body of a request error to drop its
	// "data": null, which gqlgen always writes.
	requestError bool
	body         bytes.Buffer
}

func (w *graphqlResponseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *graphqlResponseWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	h := w.Header()
	media, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if media == mediaJSON || media == mediaGraphQLResponse {
		h.Set("Content-Type", media+"; charset=utf-8")
	}
	switch {
	case w.req.methodNotAllowed:
		h.Set("Allow", "POST")
		code = http.StatusMethodNotAllowed
		w.requestError = true
	case code == http.StatusBadRequest || code == http.StatusUnprocessableEntity:
		// gqlgen's request errors: parse, validation, variables, operation
		// rules. 422 is its legacy code for application/json, where the
		// specification asks for 200.
		if code == http.StatusUnprocessableEntity {
			code = http.StatusOK
			if media == mediaGraphQLResponse {
				code = http.StatusBadRequest
			}
		}
		w.requestError = true
	}
	w.status = code
	if !w.requestError {
		w.ResponseWriter.WriteHeader(code)
	}
}

func (w *graphqlResponseWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.requestError {
		return w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// finish sends a held-back request error.
func (w *graphqlResponseWriter) finish() {
	if !w.requestError {
		return
	}
	body := w.body.Bytes()
	var resp map[string]json.RawMessage
	if json.Unmarshal(body, &resp) == nil && string(resp["data"]) == "null" {
		delete(resp, "data")
		if b, err := json.Marshal(resp); err == nil {
			body = b
		}
	}
	w.Header().Del("Content-Length")
	w.ResponseWriter.WriteHeader(w.status)
	w.ResponseWriter.Write(body) //nolint:errcheck
}

// httpOperationRules rejects, before execution, operations that plain HTTP
// does not carry: GET runs only queries (the specification's 405), and
// subscriptions need the websocket.
type httpOperationRules struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = httpOperationRules{}

func (httpOperationRules) ExtensionName() string                   { return "KithHTTPOperationRules" }
func (httpOperationRules) Validate(graphql.ExecutableSchema) error { return nil }

func (httpOperationRules) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	req, ok := ctx.Value(httpRequestKey{}).(*httpRequest)
	if !ok || oc.Operation == nil {
		return nil
	}
	var err *gqlerror.Error
	switch {
	case req.method == http.MethodGet && oc.Operation.Operation != ast.Query:
		req.methodNotAllowed = true
		err = gqlerror.Errorf("GET runs only queries; send %s operations with POST", oc.Operation.Operation)
	case oc.Operation.Operation == ast.Subscription:
		err = gqlerror.Errorf("subscriptions are served over websocket (graphql-transport-ws) at /query, not over plain HTTP")
	default:
		return nil
	}
	errcode.Set(err, errcode.ValidationFailed)
	return err
}

// writeGraphQLError answers with a GraphQL response holding one error, in
// the media type the request's Accept asks for. field is for BAD_USER_INPUT.
func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, code errs.Code, field, msg string) {
	media, ok := negotiate(r.Header.Values("Accept"))
	if !ok {
		media = mediaJSON
	}
	writeGraphQLErrorAs(w, media, status, code, field, msg)
}

func writeGraphQLErrorAs(w http.ResponseWriter, media string, status int, code errs.Code, field, msg string) {
	ext := map[string]any{"code": string(code)}
	if field != "" {
		ext["field"] = field
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{ //nolint:errcheck
		"errors": []*gqlerror.Error{{Message: msg, Extensions: ext}},
	})
}
