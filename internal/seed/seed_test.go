package seed_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/kith-crm/kith/internal/store"
	mrand "math/rand/v2"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"
	_ "github.com/lib/pq"
	_ "modernc.org/sqlite"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/board"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/member"
	_ "github.com/kith-crm/kith/ent/runtime"
	"github.com/kith-crm/kith/ent/user"
	kcustomer "github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/seed"
)

// now is the injected clock of every test run.
var now = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

var sqliteSeq atomic.Int64

// openSQLite returns a client on a fresh in-memory SQLite database.
func openSQLite(t *testing.T) *ent.Client {
	t.Helper()
	name := fmt.Sprintf("seedtest%d", sqliteSeq.Add(1))
	db, err := sql.Open("sqlite", "file:"+name+"?mode=memory&cache=shared&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	// One connection: the in-memory database lives as long as it does, and
	// shared-cache table locks never get in the way.
	db.SetMaxOpenConns(1)
	return newClient(t, dialect.SQLite, db)
}

// openPostgres creates a database of its own on the server at base and drops
// it when the test ends.
func openPostgres(t *testing.T, base string) *ent.Client {
	t.Helper()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "seedtest_" + hex.EncodeToString(suffix)
	if _, err := admin.ExecContext(t.Context(), "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("creating test database: %v", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Runs after the client's cleanup (cleanups run last-in first-out),
		// so no connection holds the database open any more.
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
		admin.Close()
	})
	return newClient(t, dialect.Postgres, db)
}

func newClient(t *testing.T, dialectName string, db *sql.DB) *ent.Client {
	t.Helper()
	client := store.NewClient(ent.Driver(entsql.OpenDB(dialectName, db)))
	t.Cleanup(func() { client.Close() })
	if err := client.Schema.Create(t.Context()); err != nil {
		t.Fatalf("creating schema: %v", err)
	}
	return client
}

// backends are the databases the tests run on: SQLite always, PostgreSQL
// when TEST_DATABASE_URL names a server (a postgres:// URL whose user may
// create databases).
func backends() []struct {
	name string
	open func(*testing.T) *ent.Client
} {
	bs := []struct {
		name string
		open func(*testing.T) *ent.Client
	}{{"sqlite", openSQLite}}
	if dsn := os.Getenv("TEST_DATABASE_URL"); dsn != "" {
		bs = append(bs, struct {
			name string
			open func(*testing.T) *ent.Client
		}{"postgres", func(t *testing.T) *ent.Client { return openPostgres(t, dsn) }})
	}
	return bs
}

// fakeHasher stands in for the slow password hash and counts its calls.
type fakeHasher struct{ calls atomic.Int64 }

func (h *fakeHasher) hash(plain string) (string, error) {
	h.calls.Add(1)
	sum := sha256.Sum256([]byte(plain))
	return "test$" + hex.EncodeToString(sum[:]), nil
}

func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

var handlePattern = regexp.MustCompile(`^[a-z0-9._]{2,32}$`)

func TestRun(t *testing.T) {
	prints := map[string]string{}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			ctx := system(t.Context())
			client := b.open(t)
			h := &fakeHasher{}
			start := time.Now()
			res, err := seed.Run(t.Context(), client, seed.Options{
				Rand: mrand.New(mrand.NewPCG(7, 11)), Now: now, HashPassword: h.hash,
			})
			took := time.Since(start)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			runCalls := h.calls.Load()
			t.Logf("%s: Run took %v: %s", b.name, took.Round(time.Millisecond), countsOf(res))

			checkCounts(t, ctx, client, res)
			checkStaff(t, ctx, client, res, h, runCalls)
			checkNames(t, ctx, client)
			checkOrders(t, ctx, client)
			checkCommunity(t, ctx, client)
			checkAccounts(t, ctx, client)
			checkCustomFields(t, ctx, client)

			before := fingerprint(t, ctx, client)
			prints[b.name] = before
			calls := h.calls.Load()
			if _, err := seed.Run(t.Context(), client, seed.Options{Now: now, HashPassword: h.hash}); !errors.Is(err, seed.ErrNotEmpty) {
				t.Fatalf("second Run: got %v, want ErrNotEmpty", err)
			}
			if h.calls.Load() != calls {
				t.Error("second Run hashed passwords before refusing")
			}
			if after := fingerprint(t, ctx, client); after != before {
				t.Error("second Run changed the database")
			}
		})
	}
	// The same seed gives the same data on every database.
	if s, p := prints["sqlite"], prints["postgres"]; s != "" && p != "" && s != p {
		t.Error("SQLite and PostgreSQL got different data from the same seed")
	}
}

func countsOf(r seed.Result) string {
	return fmt.Sprintf("staff=%d customers=%d orders=%d members=%d boards=%d posts=%d",
		len(r.Staff), r.Customers, r.Orders, r.Members, r.Boards, r.Posts)
}

func checkCounts(t *testing.T, ctx context.Context, c *ent.Client, res seed.Result) {
	t.Helper()
	if res.Customers != seed.DefaultCustomers || res.Members != 120 || res.Boards != 4 {
		t.Errorf("result %s: want 300 customers, 120 members, 4 boards", countsOf(res))
	}
	if res.Posts < 140 || res.Posts > 160 {
		t.Errorf("posts = %d, want about 150", res.Posts)
	}
	if res.Orders < 1000 {
		t.Errorf("orders = %d, want two years' worth", res.Orders)
	}
	for _, x := range []struct {
		table     string
		got, want int
	}{
		{"customers", c.Customer.Query().CountX(ctx), res.Customers},
		{"orders", c.Order.Query().CountX(ctx), res.Orders},
		{"members", c.Member.Query().CountX(ctx), res.Members},
		{"boards", c.Board.Query().CountX(ctx), res.Boards},
		{"posts", c.Post.Query().CountX(ctx), res.Posts},
		{"users", c.User.Query().CountX(ctx), len(res.Staff) + res.Members},
	} {
		if x.got != x.want {
			t.Errorf("%s in database = %d, result says %d", x.table, x.got, x.want)
		}
	}
}

func checkStaff(t *testing.T, ctx context.Context, c *ent.Client, res seed.Result, h *fakeHasher, runCalls int64) {
	t.Helper()
	roles := map[string]int{}
	passwords := map[string]bool{}
	urlSafe := regexp.MustCompile(`^[A-Za-z0-9_-]{16}$`)
	for _, s := range res.Staff {
		roles[s.Role]++
		if !urlSafe.MatchString(s.Password) || passwords[s.Password] {
			t.Errorf("staff %s: password %q is not 16 unique url-safe characters", s.Email, s.Password)
		}
		passwords[s.Password] = true
		if !strings.HasSuffix(s.Email, "@kith.example") {
			t.Errorf("staff email %s not @kith.example", s.Email)
		}
		u := c.User.Query().Where(user.Email(s.Email)).OnlyX(ctx)
		if string(u.Role) != s.Role {
			t.Errorf("staff %s: role %s, result says %s", s.Email, u.Role, s.Role)
		}
		if want, _ := h.hash(s.Password); u.PasswordHash != want {
			t.Errorf("staff %s: stored hash is not the hash of the returned password", s.Email)
		}
		if n := c.Member.Query().Where(member.UserID(u.ID)).CountX(ctx); n != 0 {
			t.Errorf("staff %s has a member profile", s.Email)
		}
	}
	if roles["ADMIN"] != 1 || roles["MARKETER"] != 2 || roles["MANAGER"] != 3 || len(res.Staff) != 6 {
		t.Errorf("staff roles = %v", roles)
	}
	if res.Staff[0].Email != "admin@kith.example" || res.Staff[0].Role != "ADMIN" {
		t.Errorf("first staff login = %+v, want the admin", res.Staff[0])
	}
	// One hash per staff password and one shared by all members.
	if runCalls != int64(len(res.Staff))+1 {
		t.Errorf("Run called HashPassword %d times, want %d", runCalls, len(res.Staff)+1)
	}
	memberHash, _ := h.hash(seed.MemberPassword)
	members := c.User.Query().Where(user.RoleEQ(user.RoleMEMBER)).WithCustomer().AllX(ctx)
	for _, u := range members {
		if u.PasswordHash != memberHash {
			t.Fatalf("member %s does not have the shared demo password hash", u.Email)
		}
		if u.Edges.Customer == nil || u.Edges.Customer.Email != u.Email {
			t.Fatalf("member user %s is not linked to a customer with the same email", u.Email)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func checkNames(t *testing.T, ctx context.Context, c *ent.Client) {
	t.Helper()
	cs := c.Customer.Query().AllX(ctx)
	var zhPeople, enPeople, zhOrgs, enOrgs int
	for _, x := range cs {
		switch {
		case x.Kind == customer.KindPERSON && hasHan(x.Name):
			zhPeople++
		case x.Kind == customer.KindPERSON:
			enPeople++
		case hasHan(x.Name) && strings.HasSuffix(x.Name, "有限公司"):
			zhOrgs++
		default:
			enOrgs++
		}
		if x.Email == "" || x.Phone == "" || x.Region == "" || x.Industry == "" {
			t.Fatalf("customer %q lacks contact data: %+v", x.Name, x)
		}
		if x.Kind == customer.KindPERSON && x.Occupation == "" {
			t.Fatalf("person %q has no occupation", x.Name)
		}
	}
	t.Logf("names: %d Chinese people, %d English-named people, %d Chinese and %d English organisations", zhPeople, enPeople, zhOrgs, enOrgs)
	if zhPeople < 60 || enPeople < 30 || zhOrgs < 10 || enOrgs < 5 {
		t.Error("want plenty of both Chinese and English names, people and organisations")
	}
	if orgs := zhOrgs + enOrgs; orgs < len(cs)/10 || orgs > len(cs)*3/10 {
		t.Errorf("%d of %d customers are organisations, want about a fifth", orgs, len(cs))
	}
}

// rates convert minor units to fen for comparing customers across currencies.
var rates = map[string]float64{"CNY": 1, "USD": 7.2, "GBP": 9.2}

func checkOrders(t *testing.T, ctx context.Context, c *ent.Client) {
	t.Helper()
	orders := c.Order.Query().AllX(ctx)
	revenue := map[int]float64{}
	cost := map[int]float64{}
	currencies := map[string]int{}
	externalIDs := map[string]bool{}
	from := now.AddDate(-2, 0, 0)
	for _, o := range orders {
		revenue[o.CustomerID] += float64(o.Amount) * rates[o.Currency]
		cost[o.CustomerID] += float64(o.CostToServe) * rates[o.Currency]
		currencies[o.Currency]++
		if o.Source != seed.Source || externalIDs[o.ExternalID] {
			t.Fatalf("order %s/%s: want source %q and a unique external id", o.Source, o.ExternalID, seed.Source)
		}
		externalIDs[o.ExternalID] = true
		if o.OrderedAt.Before(from) || o.OrderedAt.After(now) {
			t.Fatalf("order %s at %v, outside the two years before %v", o.ExternalID, o.OrderedAt, now)
		}
		if o.Channel == "" || o.ProductCategory == "" || o.Amount <= 0 {
			t.Fatalf("order %s incomplete: %+v", o.ExternalID, o)
		}
	}
	if currencies["CNY"] < len(orders)/2 || currencies["USD"] == 0 || currencies["GBP"] == 0 {
		t.Errorf("currencies = %v, want mostly CNY and some USD and GBP", currencies)
	}

	// Pareto: the top fifth of all customers (buyers or not) by revenue.
	n := c.Customer.Query().CountX(ctx)
	var all []float64
	total := 0.0
	for _, r := range revenue {
		all = append(all, r)
		total += r
	}
	slices.Sort(all)
	slices.Reverse(all)
	top := 0.0
	for _, r := range all[:min(len(all), n/5)] {
		top += r
	}
	share := top / total
	t.Logf("top 20%% of customers bring %.1f%% of revenue; %d of %d customers ordered", share*100, len(revenue), n)
	if share < 0.6 {
		t.Errorf("top 20%% of customers bring %.1f%% of revenue, want well over half", share*100)
	}

	var loss int
	for id, r := range revenue {
		if cost[id] > r {
			loss++
		}
	}
	if loss == 0 {
		t.Error("no customer costs more to serve than it brings in")
	}
}

func checkCommunity(t *testing.T, ctx context.Context, c *ent.Client) {
	t.Helper()
	handles := map[string]bool{}
	for _, m := range c.Member.Query().AllX(ctx) {
		if !handlePattern.MatchString(m.Handle) || handles[m.Handle] {
			t.Errorf("handle %q is malformed or taken twice", m.Handle)
		}
		handles[m.Handle] = true
	}
	for _, want := range []string{"announcements", "product-talk", "members-lounge", "support"} {
		if _, err := c.Board.Query().Where(board.Slug(want)).Only(ctx); err != nil {
			t.Errorf("board %s: %v", want, err)
		}
	}
	posts := c.Post.Query().CountX(ctx)
	comments := c.Comment.Query().AllX(ctx)
	replies := 0
	for _, x := range comments {
		if x.ParentID != nil {
			replies++
		}
	}
	reactions := c.Reaction.Query().CountX(ctx)
	follows := c.Follow.Query().AllX(ctx)
	for _, f := range follows {
		if f.FollowerID == f.FolloweeID {
			t.Errorf("member %d follows themself", f.FollowerID)
		}
	}
	interactions := c.Interaction.Query().CountX(ctx)
	t.Logf("community: %d posts, %d comments (%d replies), %d reactions, %d follows, %d interactions",
		posts, len(comments), replies, reactions, len(follows), interactions)
	if len(comments) < 350 || replies == 0 || reactions < 300 || len(follows) < 200 {
		t.Error("community too thin")
	}
	if want := posts + len(comments) + reactions + len(follows); interactions != want {
		t.Errorf("%d interactions, want one per post, comment, reaction and follow (%d)", interactions, want)
	}
}

func checkAccounts(t *testing.T, ctx context.Context, c *ent.Client) {
	t.Helper()
	owned := c.Customer.Query().Where(customer.OwnerIDNotNil()).CountX(ctx)
	pool := c.Customer.Query().Where(customer.OwnerIDIsNil()).CountX(ctx)
	teams := c.AccountTeamMember.Query().CountX(ctx)
	care := c.CareRecord.Query().AllX(ctx)
	followUps := 0
	for _, r := range care {
		if r.FollowUpAt != nil {
			followUps++
		}
	}
	tickets := c.Ticket.Query().AllX(ctx)
	statuses := map[string]int{}
	responded := 0
	for _, x := range tickets {
		statuses[string(x.Status)]++
		if x.FirstResponseAt != nil {
			responded++
		}
	}
	t.Logf("accounts: %d owned, %d in the pool, %d team seats, %d care records (%d with follow-up), %d tickets %v",
		owned, pool, teams, len(care), followUps, len(tickets), statuses)
	if owned == 0 || pool == 0 || teams < 3 || len(care) == 0 || followUps == 0 || len(statuses) < 3 || responded == 0 {
		t.Error("accounts, care records or tickets missing")
	}
}

func TestDeterministic(t *testing.T) {
	run := func(seed1 uint64) string {
		client := openSQLite(t)
		h := &fakeHasher{}
		if _, err := seed.Run(t.Context(), client, seed.Options{
			Customers: 80, Rand: mrand.New(mrand.NewPCG(seed1, 3)), Now: now, HashPassword: h.hash,
		}); err != nil {
			t.Fatal(err)
		}
		return fingerprint(t, system(t.Context()), client)
	}
	a, b, other := run(42), run(42), run(43)
	if a != b {
		t.Error("the same seed gave different data")
	}
	if a == other {
		t.Error("different seeds gave the same data")
	}
}

func TestRunOptions(t *testing.T) {
	client := openSQLite(t)
	if _, err := seed.Run(t.Context(), client, seed.Options{}); err == nil {
		t.Error("Run without HashPassword succeeded")
	}
	h := &fakeHasher{}
	res, err := seed.Run(t.Context(), client, seed.Options{Customers: 5, HashPassword: h.hash})
	if err != nil {
		t.Fatalf("Run with a small count, default clock and random source: %v", err)
	}
	if res.Customers != 5 || res.Members > 2 || res.Boards != 4 {
		t.Errorf("result %s", countsOf(res))
	}
}

// fingerprint hashes every seeded row, with ids replaced by their rank in
// their table, so two databases compare equal when they hold the same data
// whatever ids they handed out.
func fingerprint(t *testing.T, ctx context.Context, c *ent.Client) string {
	t.Helper()
	ref := map[int]string{}
	rank := func(table string, ids []int) {
		for i, id := range ids {
			ref[id] = fmt.Sprintf("%s#%d", table, i)
		}
	}
	r := func(id *int) string {
		if id == nil {
			return "-"
		}
		return ref[*id]
	}
	ts := func(x time.Time) string { return x.UTC().Format(time.RFC3339) }
	tp := func(x *time.Time) string {
		if x == nil {
			return "-"
		}
		return ts(*x)
	}

	users := c.User.Query().Order(ent.Asc("id")).AllX(ctx)
	customers := c.Customer.Query().Order(ent.Asc("id")).AllX(ctx)
	members := c.Member.Query().Order(ent.Asc("id")).AllX(ctx)
	boards := c.Board.Query().Order(ent.Asc("id")).AllX(ctx)
	posts := c.Post.Query().Order(ent.Asc("id")).AllX(ctx)
	comments := c.Comment.Query().Order(ent.Asc("id")).AllX(ctx)
	rank("user", ids(users, func(x *ent.User) int { return x.ID }))
	rank("customer", ids(customers, func(x *ent.Customer) int { return x.ID }))
	rank("member", ids(members, func(x *ent.Member) int { return x.ID }))
	rank("board", ids(boards, func(x *ent.Board) int { return x.ID }))
	rank("post", ids(posts, func(x *ent.Post) int { return x.ID }))
	rank("comment", ids(comments, func(x *ent.Comment) int { return x.ID }))

	sum := sha256.New()
	w := func(format string, args ...any) { fmt.Fprintf(sum, format+"\n", args...) }
	for _, x := range users {
		// Staff password hashes differ on every run by design.
		hash := x.PasswordHash
		if x.Role != user.RoleMEMBER {
			hash = "staff"
		}
		w("user %s %s %s %s %s", x.Email, x.Role, x.Locale, hash, ts(x.CreatedAt))
	}
	for _, x := range customers {
		w("customer %s %q %s %s %s %s %s %q %v %v %s %s %s %s %v", x.Kind, x.Name, x.Email, x.Phone, x.Region, x.Industry,
			x.Occupation, x.Address, x.Tags, x.Interests, x.RiskLevel, r(x.OwnerID), r(x.UserID), ts(x.CreatedAt), tp(x.FoundedOn))
	}
	for _, x := range members {
		w("member %s %s %q %q %s", ref[x.UserID], x.Handle, x.DisplayName, x.Bio, ts(x.CreatedAt))
	}
	for _, x := range boards {
		w("board %s %s %s %s %d", x.Slug, x.Name, x.ReadAccess, x.PostAccess, x.Position)
	}
	for _, x := range c.Order.Query().Order(ent.Asc("id")).AllX(ctx) {
		w("order %s %s %s %d %d %s %s %s %s", x.Source, x.ExternalID, ref[x.CustomerID], x.Amount, x.CostToServe,
			x.Currency, x.Channel, x.ProductCategory, ts(x.OrderedAt))
	}
	for _, x := range c.AccountTeamMember.Query().Order(ent.Asc("id")).AllX(ctx) {
		w("team %s %s %s", ref[x.CustomerID], ref[x.UserID], x.Role)
	}
	for _, x := range c.CareRecord.Query().Order(ent.Asc("id")).AllX(ctx) {
		w("care %s %s %s %q %s %s %s", ref[x.CustomerID], ref[x.AuthorID], x.Kind, x.Notes, ts(x.OccurredAt), tp(x.FollowUpAt), tp(x.FollowedUpAt))
	}
	for _, x := range c.Ticket.Query().Order(ent.Asc("id")).AllX(ctx) {
		w("ticket %s %q %s %s %s %s %s %s", ref[x.CustomerID], x.Title, x.Status, x.Priority, r(x.AssigneeID),
			ts(x.CreatedAt), tp(x.FirstResponseAt), tp(x.ResolvedAt))
	}
	for _, x := range posts {
		w("post %s %s %q %q %v %v %v %v %s", ref[x.BoardID], ref[x.AuthorID], x.Title, x.Body, x.Tags, x.Hidden, x.Locked, x.Pinned, ts(x.CreatedAt))
	}
	for _, x := range comments {
		w("comment %s %s %s %q %v %s", ref[x.PostID], ref[x.AuthorID], r(x.ParentID), x.Body, x.Hidden, ts(x.CreatedAt))
	}
	for _, x := range c.Reaction.Query().Order(ent.Asc("id")).AllX(ctx) {
		w("reaction %s %s %s %s", ref[x.SubjectID], ref[x.MemberID], x.Kind, ts(x.CreatedAt))
	}
	for _, x := range c.Follow.Query().Order(ent.Asc("id")).AllX(ctx) {
		w("follow %s %s %s", ref[x.FollowerID], ref[x.FolloweeID], ts(x.CreatedAt))
	}
	for _, x := range c.Interaction.Query().Order(ent.Asc("id")).AllX(ctx) {
		w("interaction %s %s %s %s %s", ref[x.ActorID], r(x.TargetID), x.Kind, r(x.SubjectID), ts(x.CreatedAt))
	}
	return hex.EncodeToString(sum.Sum(nil))
}

func ids[E any](es []E, id func(E) int) []int {
	out := make([]int, len(es))
	for i, e := range es {
		out[i] = id(e)
	}
	return out
}

// checkCustomFields: the demo defines custom fields, and every value a demo
// customer holds passes their validation unchanged.
func checkCustomFields(t *testing.T, ctx context.Context, c *ent.Client) {
	t.Helper()
	fs, err := kcustomer.LoadFieldSet(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(fs.Active()); n < 2 {
		t.Fatalf("%d custom fields defined; want a few", n)
	}
	holding := 0
	for _, cu := range c.Customer.Query().AllX(ctx) {
		if len(cu.CustomFields) == 0 {
			continue
		}
		holding++
		got, err := fs.Apply(nil, cu.CustomFields, true)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(cu.CustomFields) {
			t.Fatalf("customer %s holds %v: %v (normalised %v)", cu.Name, cu.CustomFields, err, got)
		}
	}
	if holding < 50 {
		t.Errorf("only %d customers hold custom values", holding)
	}
}
