package graphtest

import (
	"context"
	stdsql "database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/history"
	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// countingDriver records every statement ent sends on behalf of an HTTP
// request, in or out of a transaction. Statements of background work (no
// request in their context) are not counted, so they cannot make the test flaky.
type countingDriver struct {
	dialect.Driver
	mu    sync.Mutex
	stmts []string
}

func (d *countingDriver) record(ctx context.Context, query string) {
	if ctx.Value(http.ServerContextKey) == nil {
		return
	}
	d.mu.Lock()
	d.stmts = append(d.stmts, query)
	d.mu.Unlock()
}

// take returns the statements recorded since the last call and forgets them.
func (d *countingDriver) take() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.stmts
	d.stmts = nil
	return s
}

func (d *countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.record(ctx, query)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d *countingDriver) Query(ctx context.Context, query string, args, v any) error {
	d.record(ctx, query)
	return d.Driver.Query(ctx, query, args, v)
}

func (d *countingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, d: d}, nil
}

func (d *countingDriver) BeginTx(ctx context.Context, opts *stdsql.TxOptions) (dialect.Tx, error) {
	b, ok := d.Driver.(interface {
		BeginTx(context.Context, *stdsql.TxOptions) (dialect.Tx, error)
	})
	if !ok {
		return nil, fmt.Errorf("driver %T cannot BeginTx", d.Driver)
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, d: d}, nil
}

func (d *countingDriver) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	d.record(ctx, query)
	return d.Driver.(interface {
		ExecContext(context.Context, string, ...any) (stdsql.Result, error)
	}).ExecContext(ctx, query, args...)
}

func (d *countingDriver) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	d.record(ctx, query)
	return d.Driver.(interface {
		QueryContext(context.Context, string, ...any) (*stdsql.Rows, error)
	}).QueryContext(ctx, query, args...)
}

type countingTx struct {
	dialect.Tx
	d *countingDriver
}

func (t *countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.d.record(ctx, query)
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *countingTx) Query(ctx context.Context, query string, args, v any) error {
	t.d.record(ctx, query)
	return t.Tx.Query(ctx, query, args, v)
}

func (t *countingTx) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	t.d.record(ctx, query)
	return t.Tx.(interface {
		ExecContext(context.Context, string, ...any) (stdsql.Result, error)
	}).ExecContext(ctx, query, args...)
}

func (t *countingTx) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	t.d.record(ctx, query)
	return t.Tx.(interface {
		QueryContext(context.Context, string, ...any) (*stdsql.Rows, error)
	}).QueryContext(ctx, query, args...)
}

// startCounting runs the server over db with an ent client whose driver
// counts statements; the database and its pool are db's.
func startCounting(t *testing.T, db *store.DB) (*kithtest.Env, *countingDriver) {
	t.Helper()
	drv := &countingDriver{Driver: entsql.OpenDB(db.Dialect, db.SQL)}
	client := store.NewClient(ent.Driver(drv))
	history.Register(client)
	counted := &store.DB{Client: client, SQL: db.SQL, Dialect: db.Dialect, URL: db.URL}
	return kithtest.Start(t, counted, kithtest.Options{}), drv
}

const (
	seedCustomers = 60
	seedPosts     = 60
)

// seedMany writes, as the system, 60 accounts with owners, orders and
// tickets, and 60 posts on one board with comments by several members.
func seedMany(t *testing.T, env *kithtest.Env) {
	t.Helper()
	ctx := auth.System(context.Background())
	c := env.DB.Client
	staff := []int{env.Staff("owner1@example.com", viewer.RoleManager).ID, env.Staff("owner2@example.com", viewer.RoleAdmin).ID}

	customers := make([]*ent.CustomerCreate, seedCustomers)
	for i := range customers {
		customers[i] = c.Customer.Create().SetName(fmt.Sprintf("Account %02d", i)).SetOwnerID(staff[i%len(staff)])
	}
	accounts := c.Customer.CreateBulk(customers...).SaveX(ctx)
	var orders []*ent.OrderCreate
	var tickets []*ent.TicketCreate
	for i, a := range accounts {
		for j := 0; j < 7; j++ {
			orders = append(orders, c.Order.Create().SetCustomerID(a.ID).SetSource("seed").
				SetExternalID(fmt.Sprintf("%d-%d", i, j)).SetAmount(int64(100*(j+1))).SetCurrency("CNY"))
		}
		for j := 0; j < 4; j++ {
			tickets = append(tickets, c.Ticket.Create().SetCustomerID(a.ID).SetTitle(fmt.Sprintf("ticket %d", j)))
		}
	}
	c.Order.CreateBulk(orders...).ExecX(ctx)
	c.Ticket.CreateBulk(tickets...).ExecX(ctx)

	var authors []int
	for i := 0; i < 8; i++ {
		u := c.User.Create().SetEmail(fmt.Sprintf("author%d@example.com", i)).SetPasswordHash("x").SaveX(ctx)
		authors = append(authors, c.Member.Create().SetUserID(u.ID).SetDisplayName(fmt.Sprintf("Author %d", i)).SetHandle(fmt.Sprintf("author%d", i)).SaveX(ctx).ID)
	}
	b := c.Board.Create().SetName("General").SetSlug("general").SaveX(ctx)
	posts := make([]*ent.PostCreate, seedPosts)
	for i := range posts {
		posts[i] = c.Post.Create().SetBoardID(b.ID).SetAuthorID(authors[i%len(authors)]).SetTitle(fmt.Sprintf("post %d", i)).SetBody("b")
	}
	saved := c.Post.CreateBulk(posts...).SaveX(ctx)
	var comments []*ent.CommentCreate
	for i, p := range saved {
		for j := 0; j < 4; j++ {
			comments = append(comments, c.Comment.Create().SetPostID(p.ID).SetAuthorID(authors[(i+j+1)%len(authors)]).SetBody(fmt.Sprintf("comment %d", j)))
		}
	}
	c.Comment.CreateBulk(comments...).ExecX(ctx)
}

const (
	customersPageQ = `query($n: Int) { customers(first: $n) { edges { node { id name owner { email } orders(first: 5) { edges { node { amount } } } tickets(first: 3) { totalCount } } } } }`
	postsPageQ     = `query($n: Int) { posts(first: $n) { edges { node { title author { handle } board { name } comments(first: 3) { edges { node { body author { handle } } } } } } } }`
)

// TestNoNPlusOne checks that a page of nested data costs the same number of
// SQL statements for 5 rows as for 50, the sign of eager loading rather than
// a query per row.
func TestNoNPlusOne(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env, drv := startCounting(t, db)
		seedMany(t, env)
		tokens := map[string]string{
			"member":   env.SignUp("counted-member@example.com", "Counted").Token,
			"marketer": env.Staff("counted-marketer@example.com", viewer.RoleMarketer).Token,
			"manager":  env.Staff("counted-manager@example.com", viewer.RoleManager).Token,
			"admin":    env.Staff("counted-admin@example.com", viewer.RoleAdmin).Token,
		}

		// Authentication costs the same for everyone, and nothing without a token.
		authCost := map[string]int{}
		for who, tok := range map[string]string{"anonymous": "", "member": tokens["member"], "manager": tokens["manager"]} {
			drv.take()
			env.MustDo(tok, `{ __typename }`, nil)
			authCost[who] = len(drv.take())
		}
		if authCost["anonymous"] != 0 || authCost["member"] == 0 || authCost["member"] != authCost["manager"] || authCost["member"] > 4 {
			t.Fatalf("statements to authenticate a request: %v; want 0 without a token and the same few (≤ 4) for everyone", authCost)
		}
		t.Logf("authentication: %d statements", authCost["member"])

		for _, c := range []struct {
			name, query string
			as          []string
			verify      func(t *testing.T, data json.RawMessage, n int)
		}{
			{"customers", customersPageQ, []string{"marketer", "manager", "admin"}, verifyCustomers},
			{"posts", postsPageQ, []string{"anonymous", "member", "manager", "admin"}, verifyPosts},
		} {
			for _, who := range c.as {
				t.Run(c.name+"/"+who, func(t *testing.T) {
					counts := map[int]int{}
					for _, n := range []int{5, 50} {
						drv.take()
						r := env.MustDo(tokens[who], c.query, map[string]any{"n": n})
						stmts := drv.take()
						c.verify(t, r.Data, n)
						counts[n] = len(stmts)
						// Authentication, the page, and one statement per
						// nested edge: nothing proportional to n.
						if max := authCost["member"] + 6; len(stmts) > max {
							t.Errorf("first: %d cost %d statements, more than %d:\n%s", n, len(stmts), max, strings.Join(stmts, "\n"))
						}
					}
					t.Logf("first: 5 → %d statements, first: 50 → %d", counts[5], counts[50])
					if counts[5] != counts[50] {
						t.Errorf("statements grow with the page: %d for 5 rows, %d for 50", counts[5], counts[50])
					}
				})
			}
		}
	})
}

func verifyCustomers(t *testing.T, data json.RawMessage, n int) {
	t.Helper()
	var d struct {
		Customers struct {
			Edges []struct {
				Node struct {
					Name   string
					Owner  *struct{ Email string }
					Orders struct {
						Edges []struct{ Node struct{ Amount int } }
					}
					Tickets struct{ TotalCount int }
				}
			}
		}
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Customers.Edges) != n {
		t.Fatalf("got %d customers, want %d", len(d.Customers.Edges), n)
	}
	for _, e := range d.Customers.Edges {
		c := e.Node
		if c.Owner == nil || c.Owner.Email == "" || len(c.Orders.Edges) != 5 || c.Tickets.TotalCount != 4 {
			t.Fatalf("%s: owner %v, %d orders (want 5), %d tickets (want 4)", c.Name, c.Owner, len(c.Orders.Edges), c.Tickets.TotalCount)
		}
	}
}

func verifyPosts(t *testing.T, data json.RawMessage, n int) {
	t.Helper()
	var d struct {
		Posts struct {
			Edges []struct {
				Node struct {
					Title    string
					Author   struct{ Handle string }
					Board    struct{ Name string }
					Comments struct {
						Edges []struct {
							Node struct {
								Body   string
								Author struct{ Handle string }
							}
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Posts.Edges) != n {
		t.Fatalf("got %d posts, want %d", len(d.Posts.Edges), n)
	}
	for _, e := range d.Posts.Edges {
		p := e.Node
		if p.Author.Handle == "" || p.Board.Name == "" || len(p.Comments.Edges) != 3 {
			t.Fatalf("%s: author %q, board %q, %d comments (want 3)", p.Title, p.Author.Handle, p.Board.Name, len(p.Comments.Edges))
		}
		for _, c := range p.Comments.Edges {
			if c.Node.Author.Handle == "" {
				t.Fatalf("%s: a comment without its author", p.Title)
			}
		}
	}
}
