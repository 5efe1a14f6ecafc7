package graphtest

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

const mergeQ = `mutation($k: ID!, $m: ID!) { mergeCustomers(keepId: $k, mergeId: $m) { id } }`

// mergeVars makes two fresh customers for each call, the kept one owned by
// owner (nil: both in the pool), so every role merges its own pair.
func mergeVars(owner func(w *world) int) func(w *world, r role, _ int) map[string]any {
	return func(w *world, r role, _ int) map[string]any {
		sys := auth.System(context.Background())
		k := w.env.DB.Client.Customer.Create().SetName(uniq(r, "keep"))
		if owner != nil {
			k.SetOwnerID(owner(w))
		}
		keep := k.SaveX(sys)
		gone := w.env.DB.Client.Customer.Create().SetName(uniq(r, "gone")).SaveX(sys)
		return map[string]any{"k": gid(keep.ID), "m": gid(gone.ID)}
	}
}

func (w *world) doUpload(tok, query string, vars map[string]any, file string) rawResponse {
	w.t.Helper()
	return postUpload(w.t, w.env.URL, tok, query, vars, file)
}

// postUpload sends a GraphQL multipart request with file as variable "file".
func postUpload(t testing.TB, baseURL, tok, query string, vars map[string]any, file string) rawResponse {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	vars["file"] = nil
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	var body strings.Builder
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.file"]}`)
	fw, _ := mw.CreateFormFile("0", "file.csv")
	_, _ = io.WriteString(fw, file)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, baseURL+"/query", strings.NewReader(body.String()))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /query: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := rawResponse{Status: resp.StatusCode, Body: raw}
	var top struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatalf("POST /query: status %d, body %q: %v", resp.StatusCode, raw, err)
	}
	out.Data = top.Data
	_ = json.Unmarshal(raw, &out.parsed)
	return out
}

type importJob struct {
	ID           string
	Status       string
	ProgressDone int
	Error        string
	ImportResult *struct {
		Rows, Created, Skipped, Duplicates, AlreadyPresent, ErrorCount int
		Written                                                        bool
		Errors                                                         []struct {
			Line        int
			Field, Code string
		}
	}
}

const jobQ = `query($id: ID!) { node(id: $id) { ... on Job { id status progressDone error importResult {
  rows created skipped duplicates alreadyPresent written errorCount errors { line field code } } } } }`

// waitJob follows the job over jobProgress until it ends.
func waitJob(t *testing.T, e *kithtest.Env, tok, id string) importJob {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var out struct{ Node importJob }
		e.MustDo(tok, jobQ, map[string]any{"id": id}).Decode(t, &out)
		switch out.Node.Status {
		case "SUCCEEDED", "FAILED", "CANCELLED":
			return out.Node
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s still %s", id, out.Node.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestImport_MultipartEndToEnd(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := kithtest.Start(t, db, kithtest.Options{Jobs: true})
		mgr := e.Staff("mgr@example.com", viewer.RoleManager)
		start := func(q string, file string, mode string) string {
			vars := map[string]any{}
			if mode != "" {
				vars["mode"] = mode
			}
			r := e.Upload(mgr.Token, q, vars, "file", "x.csv", strings.NewReader(file))
			if len(r.Errors) > 0 {
				t.Fatalf("upload: %+v", r.Errors)
			}
			var out map[string]struct{ ID string }
			r.Decode(t, &out)
			for _, j := range out {
				return j.ID
			}
			t.Fatal("no job")
			return ""
		}
		const custQ = `mutation($file: Upload!, $mode: DuplicateMode) { importCustomers(file: $file, mode: $mode) { id } }`
		const ordQ = `mutation($file: Upload!) { importOrders(file: $file) { id } }`

		// One bad row: nothing is written, the row is reported.
		j := waitJob(t, e, mgr.Token, start(custQ, "name,email\nAnn,ann@example.com\n,x@example.com\n", ""))
		if j.Status != "SUCCEEDED" || j.ImportResult == nil || j.ImportResult.Written || len(j.ImportResult.Errors) != 1 ||
			j.ImportResult.Errors[0].Line != 3 || j.ImportResult.Errors[0].Field != "name" {
			t.Fatalf("bad file: %+v %+v", j, j.ImportResult)
		}
		// A file in GBK is refused as a whole.
		j = waitJob(t, e, mgr.Token, start(custQ, "name\n\xbb\xaa\xd0\xc5\n", ""))
		if r := j.ImportResult; r == nil || r.Written || len(r.Errors) != 1 || r.Errors[0].Code != "NOT_UTF8" {
			t.Fatalf("GBK: %+v", j)
		}
		// A good file, then a duplicate in STOP mode.
		j = waitJob(t, e, mgr.Token, start(custQ, "name,email\nAnn,ann@example.com\nBob,bob@example.com\n", "STOP"))
		if r := j.ImportResult; r == nil || !r.Written || r.Created != 2 || j.ProgressDone == 0 {
			t.Fatalf("good file: %+v %+v", j, j.ImportResult)
		}
		j = waitJob(t, e, mgr.Token, start(custQ, "name,email\nAnn B,ANN@example.com\n", "STOP"))
		if r := j.ImportResult; r == nil || r.Written || r.Errors[0].Code != "DUPLICATE" {
			t.Fatalf("stop: %+v", j.ImportResult)
		}
		orders := "source,external_id,customer_email,amount,currency\nshop,1,ann@example.com,100,USD\nshop,2,bob@example.com,200,USD\n"
		for i, want := range []int{2, 0} {
			j = waitJob(t, e, mgr.Token, start(ordQ, orders, ""))
			if r := j.ImportResult; r == nil || !r.Written || r.Created != want || r.AlreadyPresent != 2-want {
				t.Fatalf("orders import %d: %+v", i, j.ImportResult)
			}
		}
		// Chunks of finished uploads are gone.
		if n := db.Client.ImportChunk.Query().CountX(auth.System(context.Background())); n != 0 {
			t.Errorf("%d upload chunks left", n)
		}
		// Only the import mutations take files.
		r := e.Upload(mgr.Token, `mutation($file: Upload!) { createCustomer(input: {name: "x"}) { id } }`, nil, "file", "x.csv", strings.NewReader("x"))
		if r.Code() == "" {
			t.Fatalf("a file sent to another mutation was accepted: %+v", r)
		}
		// A JSON body stays limited to 1 MiB.
		big := strings.Repeat("x", 2<<20)
		if r := e.Do(mgr.Token, `query { me { id } } #`+big, nil); r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("2 MiB JSON body: status %d", r.Status)
		}
	})
}

func TestExport_NeutralisesFormulasAndRespectsVisibility(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := kithtest.Start(t, db, kithtest.Options{})
		sys := auth.System(context.Background())
		mgr := e.Staff("mgr@example.com", viewer.RoleManager)
		member := e.SignUp("member@example.com", "Member")
		db.Client.Customer.Create().SetName("=cmd|' /C calc'!A0").SetRegion("East").SetPhone("+86 21 5555").ExecX(sys)
		db.Client.Customer.Create().SetName("Plain").SetRegion("West").ExecX(sys)

		get := func(tok, query string) (*http.Response, string) {
			req, _ := http.NewRequest(http.MethodGet, e.URL+"/export/customers.csv?"+query, nil)
			if tok != "" {
				req.Header.Set("Authorization", "Bearer "+tok)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp, string(b)
		}
		where := url.Values{"where": {`{"region":"East"}`}, "orderBy": {`{"field":"NAME","direction":"ASC"}`}}.Encode()
		resp, body := get(mgr.Token, where)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("status %d %s", resp.StatusCode, body)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("%d records, %v:\n%s", len(recs), err, body)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		if got := recs[1][col["name"]]; got != "'=cmd|' /C calc'!A0" {
			t.Errorf("name exported as %q", got)
		}
		if got := recs[1][col["phone"]]; got != "'+86 21 5555" {
			t.Errorf("phone exported as %q", got)
		}
		// All, unfiltered: both customers, plus the member's own record.
		if _, body := get(mgr.Token, ""); strings.Count(body, "\n") != 4 {
			t.Errorf("unfiltered export:\n%s", body)
		}
		for _, c := range []struct {
			name, tok, query string
			status           int
		}{
			{"Member", member.Token, "", 403},
			{"Anonymous", "", "", 401},
			{"BadWhere", mgr.Token, "where=" + url.QueryEscape(`{"shoe":1}`), 400},
			{"BadOrder", mgr.Token, "orderBy=" + url.QueryEscape(`{"field":"SHOE"}`), 400},
		} {
			if resp, body := get(c.tok, c.query); resp.StatusCode != c.status || strings.Contains(body, "Plain") {
				t.Errorf("%s: status %d; want %d: %s", c.name, resp.StatusCode, c.status, body)
			}
		}
		if n := strings.Count(fmt.Sprint(db.Client.AuditEvent.Query().AllX(sys)), "customers.export"); n != 2 {
			t.Errorf("%d export audit events; want 2", n)
		}
	})
}

// zeros is an endless body.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestImport_MalformedUploadsAreRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := kithtest.Start(t, db, kithtest.Options{})
		mgr := e.Staff("mgr@example.com", viewer.RoleManager)
		send := func(body io.Reader, contentType string, length int64) (int, string) {
			req, _ := http.NewRequest(http.MethodPost, e.URL+"/query", body)
			req.Header.Set("Content-Type", contentType)
			req.Header.Set("Authorization", "Bearer "+mgr.Token)
			if length > 0 {
				req.ContentLength = length
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		form := func(parts ...[2]string) (io.Reader, string) {
			var b strings.Builder
			mw := multipart.NewWriter(&b)
			for _, p := range parts {
				_ = mw.WriteField(p[0], p[1])
			}
			_ = mw.Close()
			return strings.NewReader(b.String()), mw.FormDataContentType()
		}
		ops := `{"query":"mutation($file: Upload!) { importOrders(file: $file) { id } }","variables":{"file":null}}`
		cases := []struct {
			name  string
			parts [][2]string
		}{
			{"NoOperations", [][2]string{{"map", `{"0":["variables.file"]}`}}},
			{"NoMap", [][2]string{{"operations", ops}, {"0", "x"}}},
			{"TwoFiles", [][2]string{{"operations", ops}, {"map", `{"0":["variables.file"],"1":["variables.other"]}`}, {"0", "x"}}},
			{"DeepPath", [][2]string{{"operations", ops}, {"map", `{"0":["variables.input.file"]}`}, {"0", "x"}}},
			{"FileMissing", [][2]string{{"operations", ops}, {"map", `{"0":["variables.file"]}`}}},
			{"BatchedOperations", [][2]string{{"operations", "[" + ops + "]"}, {"map", `{"0":["0.variables.file"]}`}, {"0", "x"}}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				body, ct := form(c.parts...)
				status, out := send(body, ct, 0)
				if status != http.StatusBadRequest || !strings.Contains(out, "BAD_USER_INPUT") {
					t.Fatalf("status %d: %s", status, out)
				}
			})
		}
		t.Run("Over100MiB", func(t *testing.T) {
			status, out := send(io.LimitReader(zeros{}, 103<<20), "multipart/form-data; boundary=x", 103<<20)
			if status != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d: %s", status, out)
			}
		})
		if n := db.Client.Job.Query().CountX(auth.System(context.Background())); n != 0 {
			t.Errorf("%d jobs queued by malformed uploads", n)
		}
	})
}
