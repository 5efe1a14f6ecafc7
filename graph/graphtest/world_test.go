// Package graphtest holds end-to-end tests of the GraphQL API as a whole: who
// may call which operation, what member-facing inputs may carry, and how many
// SQL statements a page of nested data costs.
package graphtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/ent/fieldchange"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// role is one column of the access matrix.
type role string

const (
	anon     role = "anonymous"
	member   role = "member"       // alice: owns the member objects the matrix targets
	other    role = "other_member" // bob: another member
	marketer role = "marketer"
	manager  role = "manager"
	admin    role = "admin"
)

var roles = []role{anon, member, other, marketer, manager, admin}

const password = "correct horse battery"

// world is the fixture every access test runs against.
type world struct {
	t   testing.TB
	env *kithtest.Env

	users map[role]kithtest.User // no entry for anon
	mgr2  kithtest.User          // a second manager, owner of the "foreign" account
	spare kithtest.User          // a member whose role the admin changes

	aliceCust, bobCust     int
	aliceOrders, bobOrders []int
	aliceTicket, bobTicket int
	foreignTicket          int // on the foreign account

	custForeign int // owned by mgr2: outside the manager's team
	custPool    int // no owner: the shared pool
	custOwn     int // owned by the manager

	boardPublic, boardMembers, boardStaff int

	postPublic  int // alice, PUBLIC board
	postMembers int // bob, MEMBERS board
	postStaff   int // admin, STAFF board
	postHidden  int // bob, PUBLIC board, hidden by moderation

	commentPublic int // alice on postPublic
	commentHidden int // bob on postPublic, hidden

	careRecord   int // by the manager, on the pool account
	auditEvent   int
	fieldChange  int
	interaction  int
	notification int // to alice
	teamMember   int // mgr2 on the foreign account's team
	report       int // alice reports bob's post on the MEMBERS board
	aliceInvoice int // issued to alice's customer record
	alicePayment int // against aliceInvoice
	apiKey       int // issued by the admin
}

func (w *world) token(r role) string {
	if r == anon {
		return ""
	}
	return w.users[r].Token
}

func gid(id int) string { return strconv.Itoa(id) }

// mustID runs a mutation as tok and returns data.<field>.id.
func (w *world) mustID(tok, field, query string, vars map[string]any) int {
	w.t.Helper()
	r := w.env.MustDo(tok, query, vars)
	var d map[string]struct{ ID string }
	r.Decode(w.t, &d)
	id, err := strconv.Atoi(d[field].ID)
	if err != nil {
		w.t.Fatalf("%s: id %q: %v", field, d[field].ID, err)
	}
	return id
}

func newWorld(t testing.TB, env *kithtest.Env) *world {
	t.Helper()
	w := &world{t: t, env: env, users: map[role]kithtest.User{}}
	w.users[admin] = env.Staff("admin@example.com", viewer.RoleAdmin)
	w.users[marketer] = env.Staff("marketer@example.com", viewer.RoleMarketer)
	w.users[manager] = env.Staff("manager@example.com", viewer.RoleManager)
	w.mgr2 = env.Staff("manager2@example.com", viewer.RoleManager)
	w.users[member] = env.SignUp("alice@example.com", "Alice 王")
	w.users[other] = env.SignUp("bob@example.com", "Bob 李")
	w.spare = env.SignUp("spare@example.com", "Spare")
	w.aliceCust, w.bobCust = w.users[member].CustomerID, w.users[other].CustomerID
	adm := w.token(admin)

	// Boards of each read level.
	board := func(slug, read, post string) int {
		return w.mustID(adm, "createBoard", `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
			map[string]any{"i": map[string]any{"name": slug, "slug": slug, "readAccess": read, "postAccess": post}})
	}
	w.boardPublic = board("public", "PUBLIC", "MEMBERS")
	w.boardMembers = board("members", "MEMBERS", "MEMBERS")
	w.boardStaff = board("staff", "STAFF", "STAFF")

	post := func(tok string, boardID int, title string) int {
		return w.mustID(tok, "createPost", `mutation($b: ID!, $t: String!) { createPost(input: {boardId: $b, title: $t, body: "body"}) { id } }`,
			map[string]any{"b": gid(boardID), "t": title})
	}
	w.postPublic = post(w.token(member), w.boardPublic, "alice on public")
	w.postMembers = post(w.token(other), w.boardMembers, "bob on members")
	w.postStaff = post(adm, w.boardStaff, "staff only")
	w.postHidden = post(w.token(other), w.boardPublic, "bob hidden")

	comment := func(tok string, postID int, body string) int {
		return w.mustID(tok, "createComment", `mutation($p: ID!, $b: String!) { createComment(input: {postId: $p, body: $b}) { id } }`,
			map[string]any{"p": gid(postID), "b": body})
	}
	w.commentPublic = comment(w.token(member), w.postPublic, "alice comments")
	w.commentHidden = comment(w.token(other), w.postPublic, "bob comments, hidden")
	w.report = w.mustID(w.token(member), "reportContent", `mutation($s: ID!) { reportContent(subjectId: $s, reason: "spam") { id } }`,
		map[string]any{"s": gid(w.postMembers)})

	// Orders and tickets of both members.
	order := func(cust int, ext string) int {
		return w.mustID(adm, "createOrder", `mutation($c: ID!, $e: String!) { createOrder(input: {customerID: $c, source: "web", externalID: $e, amount: 1250, currency: "CNY"}) { id } }`,
			map[string]any{"c": gid(cust), "e": ext})
	}
	w.aliceOrders = []int{order(w.aliceCust, "a1"), order(w.aliceCust, "a2")}
	w.bobOrders = []int{order(w.bobCust, "b1"), order(w.bobCust, "b2")}
	myTicket := func(tok string) int {
		return w.mustID(tok, "createMyTicket", `mutation { createMyTicket(input: {title: "broken", description: "it broke"}) { id } }`, nil)
	}
	w.aliceTicket = myTicket(w.token(member))
	w.bobTicket = myTicket(w.token(other))
	w.aliceInvoice = w.mustID(adm, "createInvoice", `mutation($c: ID!) { createInvoice(input: {customerID: $c, number: "W-1", amount: 1250, currency: "CNY", dueAt: "2100-01-01T00:00:00Z"}) { id } }`,
		map[string]any{"c": gid(w.aliceCust)})
	w.alicePayment = w.mustID(adm, "recordPayment", `mutation($i: ID!) { recordPayment(input: {invoiceId: $i, amount: 250}) { id } }`,
		map[string]any{"i": gid(w.aliceInvoice)})

	// Company accounts: one per ownership situation.
	cust := func(name string) int {
		return w.mustID(adm, "createCustomer", `mutation($n: String!) { createCustomer(input: {name: $n, kind: ORGANISATION}) { id } }`,
			map[string]any{"n": name})
	}
	w.custForeign, w.custPool, w.custOwn = cust("Foreign Ltd"), cust("Pool Ltd"), cust("Own Ltd")
	// An admin edit leaves a field change on the pool account.
	w.env.MustDo(adm, `mutation($id: ID!) { updateCustomer(id: $id, input: {region: "華東"}) { id } }`, map[string]any{"id": gid(w.custPool)})
	w.foreignTicket = w.mustID(adm, "createTicket", `mutation($c: ID!) { createTicket(input: {customerID: $c, title: "late delivery"}) { id } }`,
		map[string]any{"c": gid(w.custForeign)})
	w.careRecord = w.mustID(w.token(manager), "createCareRecord", `mutation($c: ID!) { createCareRecord(input: {customerID: $c, kind: CALL, notes: "called"}) { id } }`,
		map[string]any{"c": gid(w.custPool)})
	// The admin changes a role: an audit event.
	w.env.MustDo(adm, `mutation($id: ID!) { setUserRole(id: $id, role: MEMBER) { id } }`, map[string]any{"id": gid(w.spare.ID)})

	// What the API cannot (yet) do: ownership, teams, moderation.
	ctx := auth.System(context.Background())
	c := env.DB.Client
	c.Customer.UpdateOneID(w.custForeign).SetOwnerID(w.mgr2.ID).ExecX(ctx)
	c.Customer.UpdateOneID(w.custOwn).SetOwnerID(w.users[manager].ID).ExecX(ctx)
	w.teamMember = c.AccountTeamMember.Create().SetCustomerID(w.custForeign).SetUserID(w.mgr2.ID).SetRole("MANAGER").SaveX(ctx).ID
	c.Post.UpdateOneID(w.postHidden).SetHidden(true).ExecX(ctx)
	c.Comment.UpdateOneID(w.commentHidden).SetHidden(true).ExecX(ctx)

	w.auditEvent = c.AuditEvent.Query().Where(auditevent.Action("user.role")).FirstIDX(ctx)
	w.fieldChange = c.FieldChange.Query().Where(fieldchange.EntityID(w.custPool)).FirstIDX(ctx)
	w.interaction = c.Interaction.Query().Where(interaction.KindEQ(interaction.KindPOST), interaction.SubjectID(w.postPublic)).FirstIDX(ctx)
	w.notification = c.Notification.Query().Where(notification.RecipientID(w.users[member].MemberID)).FirstIDX(ctx)
	return w
}

// missing returns an id of the same type as id that names no object.
func missing(id int) int { return id + 1_000_000 }

// rawResponse is a GraphQL response with its body kept byte for byte, for
// exact comparisons.
type rawResponse struct {
	Status int
	Body   []byte
	Data   json.RawMessage
	parsed struct {
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
}

func (r rawResponse) String() string { return string(r.Body) }

// do posts a GraphQL operation over HTTP with an optional bearer token.
func (w *world) do(tok, query string, vars map[string]any) rawResponse {
	w.t.Helper()
	return post(w.t, w.env.URL, tok, query, vars)
}

func post(t testing.TB, baseURL, tok, query string, vars map[string]any) rawResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, baseURL+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
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

// codes lists the extensions.code of every error.
func (r rawResponse) codes() []string {
	var out []string
	for _, e := range r.parsed.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// root returns data.<field>, or nil when data or the field is null.
func (r rawResponse) root(field string) json.RawMessage {
	var m map[string]json.RawMessage
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return nil
	}
	if err := json.Unmarshal(r.Data, &m); err != nil {
		return nil
	}
	v := m[field]
	if string(v) == "null" {
		return nil
	}
	return v
}

// connection is the part of a Relay connection the tests read.
type connection struct {
	TotalCount int `json:"totalCount"`
	Edges      []struct {
		Node struct {
			ID string `json:"id"`
		} `json:"node"`
	} `json:"edges"`
}

func (c connection) ids() []int {
	out := make([]int, 0, len(c.Edges))
	for _, e := range c.Edges {
		id, _ := strconv.Atoi(e.Node.ID)
		out = append(out, id)
	}
	return out
}

func sameSet(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[int]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
		if m[x] < 0 {
			return false
		}
	}
	return true
}

func contains(set []int, want ...int) bool {
	m := map[int]bool{}
	for _, x := range set {
		m[x] = true
	}
	for _, x := range want {
		if !m[x] {
			return false
		}
	}
	return true
}

func fmtIDs(ids []int) string { return fmt.Sprint(ids) }
