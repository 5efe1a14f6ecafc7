package server

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kith-crm/kith/internal/errs"
)

// MaxUploadBody bounds a multipart request: the 100 MiB file and the
// operations and map parts around it.
const MaxUploadBody = 100<<20 + 2*MaxJSONBody

// uploadFields are the only operations that take a file.
var uploadFields = map[string]bool{"importCustomers": true, "importOrders": true}

func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// uploadTransport speaks the GraphQL multipart request specification
// (operations, map, then the file) for the import mutations, streaming: the
// file part is handed to the resolver as the request body arrives, never
// buffered in memory or spilled to a temporary file as
// transport.MultipartForm (ParseMultipartForm) would. One file per request.
type uploadTransport struct{}

func (uploadTransport) Supports(r *http.Request) bool {
	return r.Method == http.MethodPost && isMultipart(r)
}

func (uploadTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	bad := func(field, msg string) {
		writeGraphQLError(w, r, http.StatusBadRequest, errs.Invalid, field, msg)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		bad("", "the multipart body is malformed")
		return
	}
	var params graphql.RawParams
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "operations" {
		bad("operations", `the first part must be "operations"`)
		return
	}
	dec := json.NewDecoder(io.LimitReader(part, MaxJSONBody))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		bad("operations", "operations must be a JSON object with the query (a batch of operations is not supported)")
		return
	}
	part, err = mr.NextPart()
	if err != nil || part.FormName() != "map" {
		bad("map", `the second part must be "map"`)
		return
	}
	var files map[string][]string
	if err := json.NewDecoder(io.LimitReader(part, MaxJSONBody)).Decode(&files); err != nil || len(files) != 1 {
		bad("map", "map must be a JSON object naming exactly one file")
		return
	}
	var key string
	var paths []string
	for k, v := range files {
		key, paths = k, v
	}
	part, err = mr.NextPart()
	if err != nil || part.FormName() != key {
		bad("map", "the file part named in map must follow it")
		return
	}
	if params.Variables == nil {
		params.Variables = map[string]any{}
	}
	up := graphql.Upload{File: streamFile{part}, Filename: part.FileName(), ContentType: part.Header.Get("Content-Type"), Size: -1}
	for _, p := range paths {
		name, ok := strings.CutPrefix(p, "variables.")
		if !ok || name == "" || strings.Contains(name, ".") {
			bad("map", "map may only name top-level variables (variables.file)")
			return
		}
		params.Variables[name] = up
	}
	params.Headers = r.Header
	start := graphql.Now()
	params.ReadTime = graphql.TraceTiming{Start: start, End: start}

	media := r.Header.Get("Accept")
	w.Header().Set("Content-Type", media)
	rc, opErr := exec.CreateOperationContext(ctx, &params)
	if opErr != nil {
		w.WriteHeader(http.StatusUnprocessableEntity)
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	if !onlyUploadFields(rc.Operation) {
		bad("operations", "a file may only be sent to importCustomers or importOrders")
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

// onlyUploadFields: a mutation whose every root field takes an upload.
func onlyUploadFields(op *ast.OperationDefinition) bool {
	if op == nil || op.Operation != ast.Mutation || len(op.SelectionSet) == 0 {
		return false
	}
	for _, sel := range op.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok || !uploadFields[f.Name] {
			return false
		}
	}
	return true
}

func writeResponse(w io.Writer, resp *graphql.Response) {
	b, err := json.Marshal(resp)
	if err != nil {
		b, _ = json.Marshal(map[string]any{"errors": gqlerror.List{{Message: "internal error", Extensions: map[string]any{"code": "INTERNAL"}}}})
	}
	_, _ = w.Write(b)
}

// streamFile is a file part read as it arrives; it cannot seek.
type streamFile struct{ r io.Reader }

func (f streamFile) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = errs.Field("file", "the file is larger than 100 MiB")
	}
	return n, err
}

func (streamFile) Seek(int64, int) (int64, error) {
	return 0, errors.New("an uploaded file is a stream and cannot seek")
}
