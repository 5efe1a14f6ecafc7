package graphtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kith-crm/kith/graph/generated"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// An outcome is what one role gets from one operation.
type outcome struct {
	kind  kind
	code  string               // deny
	exact func(w *world) []int // ok on a list: exactly these objects
	incl  func(w *world) []int // ok on a list: at least these objects
	check func(w *world) []int // ok on a list: see firstOf
	total int                  // with check: the expected totalCount
}

type kind int

const (
	kOK     kind = iota // data returned, no errors
	kDeny               // the error code, the field null
	kEmpty              // no error; null object or empty list
	kHidden             // NOT_FOUND and null, byte for byte what a missing id of the same type gets
)

func (o outcome) String() string {
	switch o.kind {
	case kOK:
		return "ok"
	case kDeny:
		return o.code
	case kEmpty:
		return "empty"
	default:
		return "hidden(NOT_FOUND)"
	}
}

var (
	OK = outcome{kind: kOK}
	E  = outcome{kind: kEmpty}
	H  = outcome{kind: kHidden}
	U  = outcome{kind: kDeny, code: "UNAUTHENTICATED"}
	F  = outcome{kind: kDeny, code: "FORBIDDEN"}
	NF = outcome{kind: kDeny, code: "NOT_FOUND"}
)

// only: a list holding exactly these objects (the rest are filtered out).
func only(f func(w *world) []int) outcome { return outcome{kind: kOK, exact: f} }

// incl: a list holding at least these objects (staff, who see everything).
func incl(f func(w *world) []int) outcome { return outcome{kind: kOK, incl: f} }

// firstOf: first:1 of a list filtered before paging: totalCount is total and
// the one edge is one of these objects.
func firstOf(total int, f func(w *world) []int) outcome {
	return outcome{kind: kOK, check: f, total: total}
}

// expect is one matrix row: an outcome for every role, in the order of roles.
type expect struct{ Anon, Member, Other, Marketer, Manager, Admin outcome }

func (e expect) of(r role) outcome {
	switch r {
	case anon:
		return e.Anon
	case member:
		return e.Member
	case other:
		return e.Other
	case marketer:
		return e.Marketer
	case manager:
		return e.Manager
	default:
		return e.Admin
	}
}

func all(o outcome) expect { return expect{o, o, o, o, o, o} }

// op is one operation of the schema called one way.
type op struct {
	field string // Query.x, Mutation.x or Subscription.x
	name  string
	query string
	// target names the object the operation is about; vars receives it, or
	// for hidden outcomes a missing id of the same type.
	target func(w *world) int
	vars   func(w *world, r role, id int) map[string]any
	// token overrides the role's bearer token (logOut needs a fresh session).
	token func(w *world, r role) string
	// trigger, for subscriptions, causes an event the subscription delivers
	// to those who may receive it.
	trigger func(w *world)
	// upload, when set, is sent as the file in variable "file" of a
	// multipart request (the import mutations).
	upload string
	want   expect
}

func (o op) rootField() string { return o.field[strings.IndexByte(o.field, '.')+1:] }

func idVar(name string) func(*world, role, int) map[string]any {
	return func(_ *world, _ role, id int) map[string]any { return map[string]any{name: gid(id)} }
}

func ids(f ...func(w *world) int) func(w *world) []int {
	return func(w *world) []int {
		out := make([]int, len(f))
		for i, g := range f {
			out[i] = g(w)
		}
		return out
	}
}

func uniq(r role, s string) string { return fmt.Sprintf("%s-%s-%d", s, r, time.Now().UnixNano()) }

// The matrix. Queries come first, then mutations (which change the world),
// then subscriptions. Every root field of the schema has at least one row
// (TestAccessMatrixCoversSchema). Columns: anonymous, member (alice, whose
// objects the rows target), other member (bob), marketer, manager, admin.
// OK data; E empty list or null; H null + NOT_FOUND, identical to a missing id
// of the same type; U/F/NF the error code.
var matrix = []op{
	// ---- Query ----
	{field: "Query.me", query: `{ me { id } }`,
		want: expect{E, OK, OK, OK, OK, OK}},
	{field: "Query.settings", query: `{ settings { timeZone reportingCurrency } }`,
		want: expect{U, F, F, F, F, OK}},

	{field: "Query.node", name: "member's order", query: nodeQ, target: func(w *world) int { return w.aliceOrders[0] }, vars: idVar("id"),
		want: expect{H, OK, H, OK, OK, OK}},
	{field: "Query.node", name: "member's customer record", query: nodeQ, target: func(w *world) int { return w.aliceCust }, vars: idVar("id"),
		want: expect{H, OK, H, OK, OK, OK}},
	{field: "Query.node", name: "member's ticket", query: nodeQ, target: func(w *world) int { return w.aliceTicket }, vars: idVar("id"),
		want: expect{H, OK, H, OK, OK, OK}},
	{field: "Query.node", name: "pool account", query: nodeQ, target: func(w *world) int { return w.custPool }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "account of another manager", query: nodeQ, target: func(w *world) int { return w.custForeign }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "post on PUBLIC board", query: nodeQ, target: func(w *world) int { return w.postPublic }, vars: idVar("id"),
		want: all(OK)},
	{field: "Query.node", name: "post on MEMBERS board", query: nodeQ, target: func(w *world) int { return w.postMembers }, vars: idVar("id"),
		want: expect{H, OK, OK, OK, OK, OK}},
	{field: "Query.node", name: "post on STAFF board", query: nodeQ, target: func(w *world) int { return w.postStaff }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "hidden post (other member is its author)", query: nodeQ, target: func(w *world) int { return w.postHidden }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "visible comment", query: nodeQ, target: func(w *world) int { return w.commentPublic }, vars: idVar("id"),
		want: all(OK)},
	{field: "Query.node", name: "hidden comment", query: nodeQ, target: func(w *world) int { return w.commentHidden }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "STAFF board", query: nodeQ, target: func(w *world) int { return w.boardStaff }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "MEMBERS board", query: nodeQ, target: func(w *world) int { return w.boardMembers }, vars: idVar("id"),
		want: expect{H, OK, OK, OK, OK, OK}},
	{field: "Query.node", name: "member's user", query: nodeQ, target: func(w *world) int { return w.users[member].ID }, vars: idVar("id"),
		want: expect{H, OK, H, H, H, OK}},
	{field: "Query.node", name: "staff user", query: nodeQ, target: func(w *world) int { return w.users[manager].ID }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "public member profile", query: nodeQ, target: func(w *world) int { return w.users[member].MemberID }, vars: idVar("id"),
		want: all(OK)},
	{field: "Query.node", name: "care record", query: nodeQ, target: func(w *world) int { return w.careRecord }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "account team member", query: nodeQ, target: func(w *world) int { return w.teamMember }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "field change", query: nodeQ, target: func(w *world) int { return w.fieldChange }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "interaction", query: nodeQ, target: func(w *world) int { return w.interaction }, vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.node", name: "audit event", query: nodeQ, target: func(w *world) int { return w.auditEvent }, vars: idVar("id"),
		want: expect{H, H, H, H, H, OK}},
	{field: "Query.node", name: "member's notification (recipient only)", query: nodeQ, target: func(w *world) int { return w.notification }, vars: idVar("id"),
		want: expect{H, OK, H, H, H, H}},
	{field: "Query.node", name: "report (reporter and staff)", query: nodeQ, target: rAlice, vars: idVar("id"),
		want: expect{H, OK, H, OK, OK, OK}},
	{field: "Query.nodes", name: "member's order", query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
		target: func(w *world) int { return w.aliceOrders[1] },
		vars:   func(_ *world, _ role, id int) map[string]any { return map[string]any{"ids": []string{gid(id)}} },
		want:   expect{H, OK, H, OK, OK, OK}},
	{field: "Query.nodes", name: "hidden post", query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
		target: func(w *world) int { return w.postHidden },
		vars:   func(_ *world, _ role, id int) map[string]any { return map[string]any{"ids": []string{gid(id)}} },
		want:   expect{H, H, H, OK, OK, OK}},

	{field: "Query.auditEvents", query: listQ("auditEvents", ""),
		want: expect{E, E, E, E, E, incl(ids(func(w *world) int { return w.auditEvent }))}},
	{field: "Query.boards", query: listQ("boards", ""),
		want: expect{
			only(ids(bPublic)), only(ids(bPublic, bMembers)), only(ids(bPublic, bMembers)),
			only(ids(bPublic, bMembers, bStaff)), only(ids(bPublic, bMembers, bStaff)), only(ids(bPublic, bMembers, bStaff))}},
	{field: "Query.customers", query: listQ("customers", ""),
		want: expect{E, only(ids(cAlice)), only(ids(cBob)), incl(allCustomers), incl(allCustomers), incl(allCustomers)}},
	{field: "Query.customers", name: "where cannot widen", query: listQ("customers", `where: {email: "bob@example.com"}`),
		want: expect{E, E, only(ids(cBob)), only(ids(cBob)), only(ids(cBob)), only(ids(cBob))}},
	{field: "Query.orders", query: listQ("orders", ""),
		want: expect{E, only(aliceOrders), only(bobOrders), incl(allOrders), incl(allOrders), incl(allOrders)}},
	{field: "Query.orders", name: "filtered before paging", query: `{ orders(first: 1, orderBy: {field: ORDERED_AT, direction: ASC}) { totalCount edges { node { id } } } }`,
		want: expect{E, firstOf(2, aliceOrders), firstOf(2, bobOrders), firstOf(4, allOrders), firstOf(4, allOrders), firstOf(4, allOrders)}},
	{field: "Query.posts", query: listQ("posts", ""),
		want: expect{only(ids(pPublic)), only(ids(pPublic, pMembers)), only(ids(pPublic, pMembers)),
			only(allPosts), only(allPosts), only(allPosts)}},
	{field: "Query.searchPosts", name: "every world post's body", query: listQ("searchPosts", `query: "body"`),
		want: expect{only(ids(pPublic)), only(ids(pPublic, pMembers)), only(ids(pPublic, pMembers)),
			only(allPosts), only(allPosts), only(allPosts)}},
	{field: "Query.searchPosts", name: "hidden post's title", query: listQ("searchPosts", `query: "BOB HIDDEN"`),
		want: expect{E, E, E, only(ids(pHidden)), only(ids(pHidden)), only(ids(pHidden))}},
	{field: "Query.searchPosts", name: "two letters", query: listQ("searchPosts", `query: "BO"`),
		want: expect{only(ids(pPublic)), only(ids(pPublic, pMembers)), only(ids(pPublic, pMembers)),
			only(allPosts), only(allPosts), only(allPosts)}},
	{field: "Query.searchPosts", name: "query too short", query: listQ("searchPosts", `query: "b"`),
		want: all(BUI)},
	{field: "Query.moderationQueue", query: listQ("moderationQueue", ""),
		want: expect{U, F, F, only(ids(rAlice)), only(ids(rAlice)), only(ids(rAlice))}},
	{field: "Query.myNotifications", query: listQ("myNotifications", ""),
		want: expect{U, only(notesOf(member)), only(notesOf(other)), only(notesOf(marketer)), only(notesOf(manager)), only(notesOf(admin))}},
	{field: "Query.tickets", query: listQ("tickets", ""),
		want: expect{E, only(ids(tAlice)), only(ids(tBob)), incl(ids(tAlice, tBob)), incl(ids(tAlice, tBob)), incl(ids(tAlice, tBob))}},
	{field: "Query.users", query: listQ("users", ""),
		want: expect{E, only(ids(uSelf(member))), only(ids(uSelf(other))), only(ids(uSelf(marketer))), only(ids(uSelf(manager))),
			incl(ids(uSelf(member), uSelf(other), uSelf(marketer), uSelf(manager), uSelf(admin)))}},

	// ---- Mutation ----
	{field: "Mutation.signUp", query: `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
		vars: func(_ *world, r role, _ int) map[string]any {
			return map[string]any{"i": map[string]any{"email": uniq(r, "new") + "@example.com", "password": password, "name": "New"}}
		},
		want: all(OK)},
	{field: "Mutation.logIn", query: `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`,
		vars: func(w *world, r role, _ int) map[string]any {
			if r == anon {
				r = member
			}
			return map[string]any{"e": w.users[r].Email, "p": password}
		},
		want: all(OK)},
	{field: "Mutation.logOut", query: `mutation { logOut }`, token: freshToken,
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.requestEmailVerification", query: `mutation { requestEmailVerification }`,
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.verifyEmail", name: "forged token", query: `mutation($t: String!) { verifyEmail(token: $t) { id } }`,
		vars: func(*world, role, int) map[string]any { return map[string]any{"t": "eyJwIjoidmVyaWZ5IiwidSI6MX0.AAAA"} },
		want: all(BUI)},
	{field: "Mutation.requestPasswordReset", name: "own or unknown address: always true", query: `mutation($e: String!) { requestPasswordReset(email: $e) }`,
		vars: func(w *world, r role, _ int) map[string]any {
			if r == anon {
				return map[string]any{"e": "nobody@example.com"}
			}
			return map[string]any{"e": w.users[r].Email}
		},
		want: all(OK)},
	{field: "Mutation.resetPassword", name: "forged token", query: `mutation($t: String!) { resetPassword(token: $t, newPassword: "another long password") { token } }`,
		vars: func(*world, role, int) map[string]any { return map[string]any{"t": "eyJwIjoicmVzZXQiLCJ1IjoxfQ.AAAA"} },
		want: all(BUI)},
	{field: "Mutation.updateMyProfile", query: `mutation { updateMyProfile(input: {bio: "hello"}) { id } }`,
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.createUser", query: `mutation($e: String!) { createUser(input: {email: $e, password: "correct horse battery", role: MARKETER}) { id } }`,
		vars: func(_ *world, r role, _ int) map[string]any {
			return map[string]any{"e": uniq(r, "staff") + "@example.com"}
		},
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.setUserRole", query: `mutation($id: ID!) { setUserRole(id: $id, role: MEMBER) { id } }`,
		target: func(w *world) int { return w.spare.ID }, vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.updateSettings", query: `mutation { updateSettings(input: {timeZone: "Asia/Shanghai"}) { timeZone } }`,
		want: expect{U, F, F, F, F, OK}},

	{field: "Mutation.createCustomer", query: `mutation { createCustomer(input: {name: "New Co"}) { id } }`,
		want: expect{U, F, F, F, OK, OK}},
	{field: "Mutation.updateCustomer", name: "account of another manager", query: updateCustomerQ, target: cForeign, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.updateCustomer", name: "pool account", query: updateCustomerQ, target: cPool, vars: idVar("id"),
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.updateCustomer", name: "manager's own account", query: updateCustomerQ, target: cOwn, vars: idVar("id"),
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.updateCustomer", name: "member's own record (in the pool)", query: updateCustomerQ, target: cAlice, vars: idVar("id"),
		want: expect{H, F, H, F, OK, OK}},

	{field: "Mutation.createOrder", name: "pool account", query: createOrderQ, target: cPool, vars: orderVars,
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.createOrder", name: "account of another manager", query: createOrderQ, target: cForeign, vars: orderVars,
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.createOrder", name: "member's own record", query: createOrderQ, target: cAlice, vars: orderVars,
		want: expect{H, F, H, F, OK, OK}},

	{field: "Mutation.cancelOrder", name: "pool account", query: cancelOrderQ, target: cPool, vars: saleVars,
		want: expect{H, H, H, F, OK, OK}},
	{field: "Mutation.cancelOrder", name: "account of another manager", query: cancelOrderQ, target: cForeign, vars: saleVars,
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.cancelOrder", name: "member's own record", query: cancelOrderQ, target: cAlice, vars: saleVars,
		want: expect{H, F, H, F, OK, OK}},

	{field: "Mutation.createCareRecord", name: "pool account", query: createCareQ, target: cPool, vars: idVar("c"),
		want: expect{U, F, F, F, OK, OK}},
	{field: "Mutation.createCareRecord", name: "account of another manager", query: createCareQ, target: cForeign, vars: idVar("c"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.updateCareRecord", name: "manager's record", query: `mutation($id: ID!) { updateCareRecord(id: $id, input: {notes: "again"}) { id } }`,
		target: func(w *world) int { return w.careRecord }, vars: idVar("id"),
		want: expect{H, H, H, F, OK, OK}},

	{field: "Mutation.createTicket", name: "pool account", query: createTicketQ, target: cPool, vars: idVar("c"),
		want: expect{U, F, F, F, OK, OK}},
	{field: "Mutation.createTicket", name: "account of another manager", query: createTicketQ, target: cForeign, vars: idVar("c"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.createMyTicket", query: `mutation { createMyTicket(input: {title: "help"}) { id } }`,
		want: expect{U, OK, OK, F, F, F}},
	{field: "Mutation.updateTicket", name: "member's ticket (record in the pool)", query: updateTicketQ, target: tAlice, vars: idVar("id"),
		want: expect{H, F, H, F, OK, OK}},
	{field: "Mutation.updateTicket", name: "ticket of another manager's account", query: updateTicketQ, target: func(w *world) int { return w.foreignTicket }, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},

	{field: "Mutation.importCustomers", query: `mutation($file: Upload!) { importCustomers(file: $file, mode: SKIP) { id status } }`,
		upload: "name,email\nImported,imported@example.com\n", want: expect{U, F, F, F, OK, OK}},
	{field: "Mutation.importOrders", query: `mutation($file: Upload!) { importOrders(file: $file) { id status } }`,
		upload: "source,external_id,customer_email,amount,currency\nshop,1,imported@example.com,100,USD\n", want: expect{U, F, F, F, OK, OK}},
	{field: "Mutation.mergeCustomers", name: "two pool accounts", query: mergeQ, vars: mergeVars(nil),
		want: expect{NF, NF, NF, F, OK, OK}},
	{field: "Mutation.mergeCustomers", name: "into another manager's account", query: mergeQ, vars: mergeVars(func(w *world) int { return w.mgr2.ID }),
		want: expect{NF, NF, NF, F, F, OK}},

	{field: "Mutation.createBoard", query: `mutation($s: String!) { createBoard(input: {name: "New", slug: $s}) { id } }`,
		vars: func(_ *world, r role, _ int) map[string]any {
			return map[string]any{"s": strings.ReplaceAll(uniq(r, "b"), "_", "-")}
		},
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.updateBoard", name: "PUBLIC board", query: updateBoardQ, target: bPublic, vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.updateBoard", name: "STAFF board", query: updateBoardQ, target: bStaff, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.createPost", name: "PUBLIC board", query: createPostQ, target: bPublic, vars: idVar("b"),
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.createPost", name: "STAFF board", query: createPostQ, target: bStaff, vars: idVar("b"),
		want: expect{U, H, H, OK, OK, OK}},
	{field: "Mutation.updatePost", name: "member's post", query: updatePostQ, target: pPublic, vars: idVar("id"),
		want: expect{U, OK, F, F, F, OK}},
	{field: "Mutation.updatePost", name: "hidden post of the other member", query: updatePostQ, target: pHidden, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.createComment", name: "post on PUBLIC board", query: createCommentQ, target: pPublic, vars: idVar("p"),
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.createComment", name: "hidden post", query: createCommentQ, target: pHidden, vars: idVar("p"),
		want: expect{U, H, H, OK, OK, OK}},
	{field: "Mutation.createComment", name: "post on STAFF board", query: createCommentQ, target: pStaff, vars: idVar("p"),
		want: expect{U, H, H, OK, OK, OK}},

	{field: "Mutation.updateComment", name: "member's comment", query: updateCommentQ, target: func(w *world) int { return w.commentPublic }, vars: idVar("id"),
		want: expect{U, OK, F, F, F, OK}},
	{field: "Mutation.updateComment", name: "hidden comment of the other member", query: updateCommentQ, target: func(w *world) int { return w.commentHidden }, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.deletePost", name: "member's post", query: `mutation($id: ID!) { deletePost(id: $id) }`,
		target: func(w *world) int { return w.sysPost(member, w.boardPublic, false) }, vars: idVar("id"),
		want: expect{U, OK, F, F, F, OK}},
	{field: "Mutation.deletePost", name: "hidden post of the other member", query: `mutation($id: ID!) { deletePost(id: $id) }`,
		target: func(w *world) int { return w.sysPost(other, w.boardPublic, true) }, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.deleteComment", name: "member's comment", query: `mutation($id: ID!) { deleteComment(id: $id) }`,
		target: func(w *world) int { return w.sysComment(member, w.postPublic, false) }, vars: idVar("id"),
		want: expect{U, OK, F, F, F, OK}},
	{field: "Mutation.react", name: "post on PUBLIC board", query: reactQ("react"), target: pPublic, vars: idVar("s"),
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.react", name: "hidden post", query: reactQ("react"), target: pHidden, vars: idVar("s"),
		want: expect{U, H, H, OK, OK, OK}},
	{field: "Mutation.react", name: "post on STAFF board", query: reactQ("react"), target: pStaff, vars: idVar("s"),
		want: expect{U, H, H, OK, OK, OK}},
	{field: "Mutation.react", name: "hidden comment", query: reactQ("react"), target: func(w *world) int { return w.commentHidden }, vars: idVar("s"),
		want: expect{U, H, H, OK, OK, OK}},
	{field: "Mutation.unreact", name: "post on PUBLIC board", query: reactQ("unreact"), target: pPublic, vars: idVar("s"),
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.unreact", name: "hidden post", query: reactQ("unreact"), target: pHidden, vars: idVar("s"),
		want: expect{U, H, H, OK, OK, OK}},
	{field: "Mutation.follow", name: "another member", query: followQ("follow"), target: func(w *world) int { return w.spare.MemberID }, vars: idVar("m"),
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.follow", name: "oneself", query: followQ("follow"),
		vars: func(w *world, r role, _ int) map[string]any { return map[string]any{"m": gid(w.users[r].MemberID)} },
		want: expect{U, BUI, BUI, BUI, BUI, BUI}},
	{field: "Mutation.unfollow", name: "another member", query: followQ("unfollow"), target: func(w *world) int { return w.spare.MemberID }, vars: idVar("m"),
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.reportContent", name: "post on PUBLIC board", query: reportQ, target: pPublic, vars: idVar("s"),
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.reportContent", name: "hidden post", query: reportQ, target: pHidden, vars: idVar("s"),
		want: expect{U, H, H, OK, OK, OK}},
	{field: "Mutation.hidePost", name: "member's post", query: `mutation($id: ID!) { hidePost(id: $id) { id hidden } }`,
		target: func(w *world) int { return w.sysPost(member, w.boardPublic, false) }, vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.hidePost", name: "post on STAFF board", query: `mutation($id: ID!) { hidePost(id: $id) { id hidden } }`,
		target: func(w *world) int { return w.sysPost(admin, w.boardStaff, false) }, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.unhidePost", name: "hidden post", query: `mutation($id: ID!) { unhidePost(id: $id) { id hidden } }`,
		target: func(w *world) int { return w.sysPost(other, w.boardPublic, true) }, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.lockPost", name: "member's post", query: `mutation($id: ID!) { lockPost(id: $id) { id locked } }`,
		target: func(w *world) int { return w.sysPost(member, w.boardPublic, false) }, vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.pinPost", name: "member's post", query: `mutation($id: ID!) { pinPost(id: $id) { id pinned } }`,
		target: func(w *world) int { return w.sysPost(member, w.boardPublic, false) }, vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.hideComment", name: "member's comment", query: `mutation($id: ID!) { hideComment(id: $id) { id hidden } }`,
		target: func(w *world) int { return w.sysComment(member, w.postPublic, false) }, vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.unhideComment", name: "hidden comment", query: `mutation($id: ID!) { unhideComment(id: $id) { id hidden } }`,
		target: func(w *world) int { return w.sysComment(other, w.postPublic, true) }, vars: idVar("id"),
		want: expect{H, H, H, F, F, OK}},
	{field: "Mutation.dismissReport", name: "member's report", query: `mutation($id: ID!) { dismissReport(id: $id) { id status } }`,
		target: func(w *world) int { return w.sysReport(member, w.sysPost(other, w.boardPublic, false)) }, vars: idVar("id"),
		want: expect{H, F, H, F, F, OK}},
	{field: "Mutation.markNotificationsRead", name: "all of one's own", query: `mutation { markNotificationsRead }`,
		want: expect{U, OK, OK, OK, OK, OK}},

	// ---- Subscription (over graphql-transport-ws) ----
	// Which posts each viewer receives is TestPostAddedDeliversOnlyVisiblePosts.
	{field: "Subscription.postAdded", name: "every board", query: `subscription { postAdded { id } }`,
		trigger: func(w *world) { w.adminPost(w.boardPublic) },
		want:    all(OK)},
	{field: "Subscription.postAdded", name: "STAFF board", query: `subscription($b: ID) { postAdded(boardId: $b) { id } }`,
		target: bStaff, vars: idVar("b"),
		trigger: func(w *world) { w.adminPost(w.boardStaff) },
		want:    expect{NF, NF, NF, OK, OK, OK}},
	{field: "Subscription.boardEvents", name: "PUBLIC board", query: `subscription($b: ID!) { boardEvents(boardId: $b) { type postId post { id } } }`,
		target: bPublic, vars: idVar("b"),
		trigger: func(w *world) { w.adminPost(w.boardPublic) },
		want:    all(OK)},
	{field: "Subscription.boardEvents", name: "STAFF board", query: `subscription($b: ID!) { boardEvents(boardId: $b) { type postId } }`,
		target: bStaff, vars: idVar("b"),
		trigger: func(w *world) { w.adminPost(w.boardStaff) },
		want:    expect{NF, NF, NF, OK, OK, OK}},
	{field: "Subscription.commentAdded", name: "post on PUBLIC board", query: `subscription($p: ID!) { commentAdded(postId: $p) { id body } }`,
		target: pPublic, vars: idVar("p"),
		trigger: func(w *world) { w.adminComment(w.postPublic) },
		want:    all(OK)},
	{field: "Subscription.commentAdded", name: "hidden post", query: `subscription($p: ID!) { commentAdded(postId: $p) { id } }`,
		target: pHidden, vars: idVar("p"),
		trigger: func(w *world) { w.adminComment(w.postHidden) },
		want:    expect{NF, NF, NF, OK, OK, OK}},
	{field: "Subscription.notifications", name: "one's own", query: `subscription { notifications { id kind } }`,
		trigger: func(w *world) { w.spareFollowsEveryone() },
		want:    expect{U, OK, OK, OK, OK, OK}},
	{field: "Subscription.jobProgress", name: "unknown job", query: `subscription($id: ID!) { jobProgress(id: $id) { id } }`,
		target: func(w *world) int { return w.auditEvent }, vars: idVar("id"),
		want: all(NF)},
}

const nodeQ = `query($id: ID!) { node(id: $id) { id } }`

const (
	updateCustomerQ = `mutation($id: ID!) { updateCustomer(id: $id, input: {region: "華南"}) { id } }`
	createOrderQ    = `mutation($c: ID!, $e: String!) { createOrder(input: {customerID: $c, source: "test", externalID: $e, amount: 100, currency: "CNY"}) { id } }`
	cancelOrderQ    = `mutation($id: ID!) { cancelOrder(id: $id, note: "returned") { id kind } }`
	createCareQ     = `mutation($c: ID!) { createCareRecord(input: {customerID: $c, kind: VISIT}) { id } }`
	createTicketQ   = `mutation($c: ID!) { createTicket(input: {customerID: $c, title: "from staff"}) { id } }`
	updateTicketQ   = `mutation($id: ID!) { updateTicket(id: $id, input: {status: IN_PROGRESS}) { id } }`
	updateBoardQ    = `mutation($id: ID!) { updateBoard(id: $id, input: {description: "changed"}) { id } }`
	createPostQ     = `mutation($b: ID!) { createPost(input: {boardId: $b, title: "t", body: "b"}) { id } }`
	updatePostQ     = `mutation($id: ID!) { updatePost(id: $id, input: {body: "edited"}) { id } }`
	createCommentQ  = `mutation($p: ID!) { createComment(input: {postId: $p, body: "c"}) { id } }`
)

func listQ(field, args string) string {
	if args != "" {
		args = ", " + args
	}
	return fmt.Sprintf(`{ %s(first: 100%s) { totalCount edges { node { id } } } }`, field, args)
}

func orderVars(_ *world, r role, id int) map[string]any {
	return map[string]any{"c": gid(id), "e": uniq(r, "o")}
}

// saleVars records a fresh sale of customer id (as an admin) for r to cancel.
// The matrix also calls it with the id of a customer that does not exist (to
// compare "hidden" with "missing"); then the sale is an order id nobody has.
func saleVars(w *world, r role, id int) map[string]any {
	res := w.do(w.token(admin), createOrderQ, map[string]any{"c": gid(id), "e": uniq(r, "sale")})
	var d struct{ CreateOrder *struct{ ID string } }
	if len(res.parsed.Errors) > 0 || json.Unmarshal(res.Data, &d) != nil || d.CreateOrder == nil {
		return map[string]any{"id": gid(w.aliceOrders[0] + 1_000_000)}
	}
	return map[string]any{"id": d.CreateOrder.ID}
}

func freshToken(w *world, r role) string {
	if r == anon {
		return ""
	}
	res := w.env.MustDo("", `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`,
		map[string]any{"e": w.users[r].Email, "p": password})
	var d struct{ LogIn struct{ Token string } }
	res.Decode(w.t, &d)
	return d.LogIn.Token
}

func (w *world) adminPost(board int) {
	w.env.MustDo(w.token(admin), createPostQ, map[string]any{"b": gid(board)})
}

// Fixture accessors, to keep the rows short.
func bPublic(w *world) int  { return w.boardPublic }
func bMembers(w *world) int { return w.boardMembers }
func bStaff(w *world) int   { return w.boardStaff }
func pPublic(w *world) int  { return w.postPublic }
func pMembers(w *world) int { return w.postMembers }
func pHidden(w *world) int  { return w.postHidden }
func pStaff(w *world) int   { return w.postStaff }
func cAlice(w *world) int   { return w.aliceCust }
func cBob(w *world) int     { return w.bobCust }
func cPool(w *world) int    { return w.custPool }
func cForeign(w *world) int { return w.custForeign }
func cOwn(w *world) int     { return w.custOwn }
func tAlice(w *world) int   { return w.aliceTicket }
func tBob(w *world) int     { return w.bobTicket }
func uSelf(r role) func(w *world) int {
	return func(w *world) int { return w.users[r].ID }
}
func aliceOrders(w *world) []int { return w.aliceOrders }
func bobOrders(w *world) []int   { return w.bobOrders }
func allOrders(w *world) []int   { return slices.Concat(w.aliceOrders, w.bobOrders) }
func allPosts(w *world) []int {
	return []int{w.postPublic, w.postMembers, w.postStaff, w.postHidden}
}
func allCustomers(w *world) []int {
	return []int{w.aliceCust, w.bobCust, w.spare.CustomerID, w.custForeign, w.custPool, w.custOwn}
}

// rootFields lists the schema's root operations as Type.field.
func rootFields(t testing.TB) []string {
	t.Helper()
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	var out []string
	for name, typ := range map[string]*ast.Definition{"Query": s.Query, "Mutation": s.Mutation, "Subscription": s.Subscription} {
		if typ == nil {
			continue
		}
		for _, f := range typ.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			out = append(out, name+"."+f.Name)
		}
	}
	sort.Strings(out)
	return out
}

// TestAccessMatrixCoversSchema fails when an operation is added to (or
// removed from) the schema without its row in the matrix.
func TestAccessMatrixCoversSchema(t *testing.T) {
	inSchema := rootFields(t)
	if len(inSchema) < 20 {
		t.Fatalf("only %d root fields found: %v", len(inSchema), inSchema)
	}
	inTable := map[string]bool{}
	for _, o := range matrix {
		inTable[o.field] = true
	}
	for _, f := range inSchema {
		if !inTable[f] {
			t.Errorf("%s is in the schema but has no row in the access matrix", f)
		}
		delete(inTable, f)
	}
	for f := range inTable {
		t.Errorf("the access matrix has a row for %s, which is not in the schema", f)
	}
}

// TestAccessMatrix runs every operation as every role over HTTP (and the
// subscriptions over websocket) and checks the outcome of each cell.
func TestAccessMatrix(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		w := newWorld(t, env)
		for _, o := range matrix {
			name := o.field
			if o.name != "" {
				name += "/" + o.name
			}
			t.Run(name, func(t *testing.T) {
				for _, r := range roles {
					t.Run(string(r), func(t *testing.T) {
						w.t = t
						defer func() { w.t = nil }()
						if strings.HasPrefix(o.field, "Subscription.") {
							runSubscription(t, w, o, r)
							return
						}
						runHTTP(t, w, o, r)
					})
				}
			})
		}
	})
}

func (o op) varsFor(w *world, r role, id int) map[string]any {
	if o.vars == nil {
		return nil
	}
	return o.vars(w, r, id)
}

func (o op) targetID(w *world) int {
	if o.target == nil {
		return 0
	}
	return o.target(w)
}

func runHTTP(t *testing.T, w *world, o op, r role) {
	want := o.want.of(r)
	tok := w.token(r)
	if o.token != nil {
		tok = o.token(w, r)
	}
	id := o.targetID(w)
	var res rawResponse
	if o.upload != "" {
		res = w.doUpload(tok, o.query, o.varsFor(w, r, id), o.upload)
	} else {
		res = w.do(tok, o.query, o.varsFor(w, r, id))
	}
	field := o.rootField()
	switch want.kind {
	case kOK:
		if len(res.parsed.Errors) > 0 || res.root(field) == nil {
			t.Fatalf("want data, got %s", res)
		}
		if nullish(res.root(field)) {
			t.Fatalf("want data, got null entries: %s", res)
		}
		checkList(t, w, want, res.root(field), res)
	case kDeny:
		if c := res.codes(); len(c) == 0 || c[0] != want.code {
			t.Fatalf("want %s, got %s", want.code, res)
		}
		if !nullish(res.root(field)) {
			t.Fatalf("an error must come without data, got %s", res)
		}
	case kEmpty:
		if len(res.parsed.Errors) > 0 {
			t.Fatalf("want an empty answer without errors, got %s", res)
		}
		if v := res.root(field); v != nil {
			var c connection
			if err := json.Unmarshal(v, &c); err != nil || c.TotalCount != 0 || len(c.Edges) != 0 {
				t.Fatalf("want null or an empty list, got %s", res)
			}
		}
	case kHidden:
		if o.target == nil {
			t.Fatal("a hidden outcome needs a target to compare with a missing one")
		}
		codes := res.codes()
		if len(codes) == 0 || !nullish(res.root(field)) {
			t.Fatalf("want null and NOT_FOUND, got %s", res)
		}
		for _, c := range codes {
			if c != "NOT_FOUND" {
				t.Fatalf("want only NOT_FOUND, got %s", res)
			}
		}
		// Exactly what a missing object of the same type gets.
		miss := w.do(tok, o.query, o.varsFor(w, r, missing(id)))
		a := strings.ReplaceAll(string(res.Body), `'`+gid(id)+`'`, "'ID'")
		b := strings.ReplaceAll(string(miss.Body), `'`+gid(missing(id))+`'`, "'ID'")
		if a != b || res.Status != miss.Status {
			t.Fatalf("an object the caller may not see must look missing:\n  hidden:  %d %s\n  missing: %d %s", res.Status, res.Body, miss.Status, miss.Body)
		}
	}
}

// nullish reports whether v is absent, null, or a list of nulls.
func nullish(v json.RawMessage) bool {
	if v == nil || string(v) == "null" {
		return true
	}
	var list []json.RawMessage
	if json.Unmarshal(v, &list) != nil || len(list) == 0 {
		return false
	}
	for _, e := range list {
		if string(e) != "null" {
			return false
		}
	}
	return true
}

func checkList(t *testing.T, w *world, want outcome, v json.RawMessage, res rawResponse) {
	t.Helper()
	if want.exact == nil && want.incl == nil && want.check == nil {
		return
	}
	var c connection
	if err := json.Unmarshal(v, &c); err != nil {
		t.Fatalf("not a connection: %s", res)
	}
	got := c.ids()
	switch {
	case want.exact != nil:
		if exp := want.exact(w); !sameSet(got, exp) || c.TotalCount != len(exp) {
			t.Fatalf("want exactly %s (totalCount %d), got %s (totalCount %d)", fmtIDs(exp), len(exp), fmtIDs(got), c.TotalCount)
		}
	case want.incl != nil:
		if exp := want.incl(w); !contains(got, exp...) || c.TotalCount != len(got) {
			t.Fatalf("want at least %s, got %s (totalCount %d)", fmtIDs(exp), fmtIDs(got), c.TotalCount)
		}
	case want.check != nil:
		if len(got) != 1 || !contains(want.check(w), got[0]) || c.TotalCount != want.total {
			t.Fatalf("want one of %s with totalCount %d, got %s (totalCount %d)", fmtIDs(want.check(w)), want.total, fmtIDs(got), c.TotalCount)
		}
	}
}

func runSubscription(t *testing.T, w *world, o op, r role) {
	want := o.want.of(r)
	sub := subscribe(t, w.env, w.token(r), o.query, o.varsFor(w, r, o.targetID(w)))
	defer sub.conn.Close()
	switch want.kind {
	case kOK:
		// The subscription is live once it delivers; keep causing events
		// until one arrives, since the server does not acknowledge subscribe.
		deadline := time.Now().Add(kithtest.Timeout)
		for time.Now().Before(deadline) {
			o.trigger(w)
			m, ok := sub.next(300 * time.Millisecond)
			if !ok {
				continue
			}
			if _, isData := m.data(); !isData {
				t.Fatalf("want an event, got %s %s", m.Type, m.Payload)
			}
			return
		}
		t.Fatal("no event within the timeout")
	case kDeny:
		m, ok := sub.next(kithtest.Timeout)
		if !ok {
			t.Fatalf("want %s, got nothing", want.code)
		}
		if c, isErr := m.errorCode(); !isErr || c != want.code {
			t.Fatalf("want %s, got %s %s", want.code, m.Type, m.Payload)
		}
	default:
		t.Fatalf("outcome %s is not defined for subscriptions", want)
	}
}
