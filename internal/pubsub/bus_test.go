package pubsub

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// testTx is a transaction as the tests drive it.
type testTx interface {
	Execer
	Commit() error
	Rollback() error
}

// busEnv is one transport set up for a test. Events are staged on pub and
// expected at subscribers of sub. For PostgreSQL these are two separate
// buses, each with its own broker and listener, so an event can only get from
// one to the other through NOTIFY.
type busEnv struct {
	pub, sub *Bus
	begin    func() testTx
}

type transport struct {
	name  string
	setup func(t *testing.T) busEnv
}

// postgresDSNs lists the databases the PostgreSQL tests run against: the one
// named by TEST_DATABASE_URL, or none. Tests loop over it instead of
// skipping, so an unset variable runs no PostgreSQL subtests while a set but
// unreachable one fails them.
func postgresDSNs() []string {
	if dsn := os.Getenv("TEST_DATABASE_URL"); dsn != "" {
		return []string{dsn}
	}
	return nil
}

// transports lists every transport available to this test run.
func transports() []transport {
	ts := []transport{{name: "memory", setup: setupMemory}}
	for _, dsn := range postgresDSNs() {
		ts = append(ts, transport{name: "postgres", setup: func(t *testing.T) busEnv { return setupPostgres(t, dsn) }})
	}
	return ts
}

func setupMemory(t *testing.T) busEnv {
	b := NewMemoryBus()
	t.Cleanup(func() { _ = b.Close() })
	return busEnv{pub: b, sub: b, begin: func() testTx { return &memTx{t: t} }}
}

// memTx stands in for a transaction of a database without NOTIFY. The memory
// bus must never run SQL on it.
type memTx struct{ t *testing.T }

func (tx *memTx) ExecContext(_ context.Context, query string, _ ...any) (sql.Result, error) {
	tx.t.Errorf("memory bus executed %q", query)
	return nil, errors.New("memory bus must not execute SQL")
}
func (tx *memTx) Commit() error   { return nil }
func (tx *memTx) Rollback() error { return nil }

func openDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatalf("open TEST_DATABASE_URL: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("TEST_DATABASE_URL is set but unreachable: %v", err)
	}
	return db
}

func newPostgresBus(t *testing.T, dsn string) *Bus {
	t.Helper()
	b, err := NewPostgresBus(dsn, nil)
	if err != nil {
		t.Fatalf("NewPostgresBus: %v", err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return b
}

func setupPostgres(t *testing.T, dsn string) busEnv {
	db := openDB(t, dsn)
	return busEnv{
		pub: newPostgresBus(t, dsn),
		sub: newPostgresBus(t, dsn),
		begin: func() testTx {
			tx, err := db.BeginTx(context.Background(), nil)
			if err != nil {
				t.Fatalf("begin: %v", err)
			}
			t.Cleanup(func() { _ = tx.Rollback() })
			return tx
		},
	}
}

// uniqueTopic returns a topic no other test (or concurrent test run on the
// same database) uses, so stray events cannot confuse assertions.
func uniqueTopic(name string) string {
	return "test:" + name + ":" + rand.Text()
}

// commit stages evs on e.pub in a new transaction, commits it and runs the
// afterCommit func, as a caller of Stage does.
func (e busEnv) commit(t *testing.T, evs ...Event) {
	t.Helper()
	tx := e.begin()
	after, err := e.pub.Stage(context.Background(), tx, evs...)
	if err != nil {
		t.Fatalf("Stage: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("commit: %v", err)
	}
	after()
}

// recv returns the next event of s, failing the test if none arrives soon.
func recv(t *testing.T, s *Subscription) Event {
	t.Helper()
	select {
	case ev, ok := <-s.C():
		if !ok {
			t.Fatalf("subscription to %s ended: %v", s.Topic(), s.Err())
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatalf("no event for %s within 10s", s.Topic())
	}
	panic("unreachable")
}

// recvIDs receives n events from s and returns their IDs.
func recvIDs(t *testing.T, s *Subscription, n int) []int {
	t.Helper()
	ids := make([]int, n)
	for i := range ids {
		ids[i] = recv(t, s).ID
	}
	return ids
}

func TestBus(t *testing.T) {
	ctx := context.Background()
	scenarios := []struct {
		name string
		run  func(t *testing.T, e busEnv)
	}{
		{"committed events reach subscribers of their topic only", func(t *testing.T, e busEnv) {
			a, b := uniqueTopic("a"), uniqueTopic("b")
			subA := e.sub.Subscribe(a, 10)
			subB := e.sub.Subscribe(b, 10)
			e.commit(t, Event{Topic: a, Type: "post.created", ID: 1}, Event{Topic: a, Type: "post.updated", ID: 2})
			e.commit(t, Event{Topic: b, Type: "post.created", ID: 3})

			if got := recv(t, subA); got != (Event{Topic: a, Type: "post.created", ID: 1}) {
				t.Errorf("first event = %+v", got)
			}
			if got := recv(t, subA); got != (Event{Topic: a, Type: "post.updated", ID: 2}) {
				t.Errorf("second event = %+v", got)
			}
			if got := recvIDs(t, subB, 1); !slices.Equal(got, []int{3}) {
				t.Errorf("topic b got %v, want [3]", got)
			}
			// Events arrive in commit order, so b's event arriving means
			// nothing else is on its way to a.
			if extra := drain(subA); len(extra) != 0 {
				t.Errorf("topic a got extra events %v", extra)
			}
		}},
		{"rolled back transaction delivers nothing", func(t *testing.T, e busEnv) {
			topic := uniqueTopic("rollback")
			s := e.sub.Subscribe(topic, 10)
			tx := e.begin()
			if _, err := e.pub.Stage(ctx, tx, Event{Topic: topic, Type: "post.created", ID: 1}); err != nil {
				t.Fatalf("Stage: %v", err)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatalf("rollback: %v", err)
			}
			// A later committed event is a marker: had the rolled back one
			// been sent, it would have arrived first.
			e.commit(t, Event{Topic: topic, Type: "post.created", ID: 2})
			if got := recvIDs(t, s, 1); !slices.Equal(got, []int{2}) {
				t.Errorf("got %v, want only the committed event [2]", got)
			}
		}},
		{"publisher's own subscribers get each event exactly once", func(t *testing.T, e busEnv) {
			topic := uniqueTopic("once")
			local := e.pub.Subscribe(topic, 10)
			remote := e.sub.Subscribe(topic, 10)
			e.commit(t, Event{Topic: topic, Type: "post.created", ID: 1})
			e.commit(t, Event{Topic: topic, Type: "post.created", ID: 2})
			for name, s := range map[string]*Subscription{"local": local, "remote": remote} {
				if got := recvIDs(t, s, 2); !slices.Equal(got, []int{1, 2}) {
					t.Errorf("%s subscriber got %v, want [1 2]", name, got)
				}
			}
		}},
		{"oversized event is refused and nothing of its batch is staged", func(t *testing.T, e busEnv) {
			topic := uniqueTopic("big")
			s := e.sub.Subscribe(topic, 10)
			tx := e.begin()
			_, err := e.pub.Stage(ctx, tx, Event{Topic: topic, Type: "post.created", ID: 1}, eventOfSize(t, topic, MaxPayload+1))
			if !errors.Is(err, ErrPayloadTooLarge) {
				t.Fatalf("Stage = %v, want ErrPayloadTooLarge", err)
			}
			// The refusal must leave the transaction usable.
			after, err := e.pub.Stage(ctx, tx, Event{Topic: topic, Type: "post.created", ID: 2})
			if err != nil {
				t.Fatalf("Stage after refusal: %v", err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatalf("commit: %v", err)
			}
			after()
			if got := recvIDs(t, s, 1); !slices.Equal(got, []int{2}) {
				t.Errorf("got %v, want [2]", got)
			}
		}},
		{"largest allowed payload is delivered", func(t *testing.T, e busEnv) {
			topic := uniqueTopic("max")
			ev := eventOfSize(t, topic, MaxPayload)
			s := e.sub.Subscribe(ev.Topic, 1)
			e.commit(t, ev)
			if got := recv(t, s); got != ev {
				t.Errorf("got event with %d-byte topic, want the %d-byte one", len(got.Topic), len(ev.Topic))
			}
		}},
		{"closed bus refuses to stage and ends subscriptions", func(t *testing.T, e busEnv) {
			s := e.pub.Subscribe(uniqueTopic("closed"), 1)
			if err := e.pub.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if err := e.pub.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if _, ok := <-s.C(); ok {
				t.Error("subscription open after Close")
			}
			if err := s.Err(); !errors.Is(err, ErrClosed) {
				t.Errorf("Err() = %v, want ErrClosed", err)
			}
			if _, err := e.pub.Stage(ctx, e.begin(), Event{Topic: "board:1", Type: "post.created"}); !errors.Is(err, ErrClosed) {
				t.Errorf("Stage on closed bus = %v, want ErrClosed", err)
			}
		}},
	}
	for _, tr := range transports() {
		t.Run(tr.name, func(t *testing.T) {
			for _, sc := range scenarios {
				t.Run(sc.name, func(t *testing.T) { sc.run(t, tr.setup(t)) })
			}
		})
	}
}

func TestMemoryBusDeliversOnlyAfterCommit(t *testing.T) {
	b := NewMemoryBus()
	defer b.Close()
	s := b.Subscribe("board:1", 10)
	evs := []Event{{Topic: "board:1", Type: "post.created", ID: 1}, {Topic: "board:1", Type: "post.created", ID: 2}}
	after, err := b.Stage(context.Background(), nil, evs...)
	if err != nil {
		t.Fatalf("Stage: %v", err)
	}
	evs[0].ID = 99 // the caller reusing its slice must not change what is sent
	if got := drain(s); len(got) != 0 {
		t.Fatalf("delivered %v before afterCommit ran", got)
	}
	after()
	if got := drain(s); !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("after afterCommit got %v, want [1 2]", got)
	}
	after()
	if got := drain(s); len(got) != 0 {
		t.Fatalf("second afterCommit call delivered %v again", got)
	}
}

func TestMemoryBusNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	b := NewMemoryBus()
	ctx := context.Background()
	for i := range 10_000 {
		s := b.Subscribe("board:1", 1)
		after, err := b.Stage(ctx, nil, Event{Topic: "board:1", Type: "post.created", ID: i})
		if err != nil {
			t.Fatal(err)
		}
		after()
		if got := recv(t, s); got.ID != i {
			t.Fatalf("cycle %d got event %d", i, got.ID)
		}
		s.Close()
	}
	if n := b.broker.Subscribers("board:1"); n != 0 {
		t.Errorf("%d subscribers left", n)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	waitGoroutines(t, before)
}

func TestNewPostgresBusUnreachable(t *testing.T) {
	// Nothing listens on port 1, so the first connection attempt fails at once.
	b, err := NewPostgresBus("postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=5", nil)
	if err == nil {
		_ = b.Close()
		t.Fatal("NewPostgresBus succeeded without a database")
	}
}

// withApplicationName returns dsn with its application_name set, so that the
// test can find the connection in pg_stat_activity.
func withApplicationName(t *testing.T, dsn, name string) string {
	t.Helper()
	if !strings.Contains(dsn, "://") {
		return dsn + " application_name=" + name
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("parse TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("application_name", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestPostgresBusResyncsAfterReconnect(t *testing.T) {
	for _, dsn := range postgresDSNs() {
		t.Run("postgres", func(t *testing.T) {
			db := openDB(t, dsn)
			app := "pubsub-test-" + strings.ToLower(rand.Text())
			e := busEnv{
				pub: newPostgresBus(t, dsn),
				sub: newPostgresBus(t, withApplicationName(t, dsn, app)),
				begin: func() testTx {
					tx, err := db.Begin()
					if err != nil {
						t.Fatal(err)
					}
					return tx
				},
			}
			topic := uniqueTopic("reconnect")
			s := e.sub.Subscribe(topic, 10)

			var killed int
			err := db.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&killed)
			if err != nil {
				t.Fatalf("terminate listener connection: %v", err)
			}
			if killed != 1 {
				t.Fatalf("terminated %d connections, want the listener's 1", killed)
			}
			if got, want := recv(t, s), (Event{Topic: topic, Type: TypeResync}); got != want {
				t.Fatalf("after reconnect got %+v, want %+v", got, want)
			}
			// The listener is listening again by the time it reports the
			// reconnect, so new events arrive.
			e.commit(t, Event{Topic: topic, Type: "post.created", ID: 1})
			if got := recvIDs(t, s, 1); !slices.Equal(got, []int{1}) {
				t.Fatalf("after reconnect got %v, want [1]", got)
			}
		})
	}
}

func TestPostgresBusIgnoresMalformedNotifications(t *testing.T) {
	for _, dsn := range postgresDSNs() {
		t.Run("postgres", func(t *testing.T) {
			e := setupPostgres(t, dsn)
			topic := uniqueTopic("malformed")
			s := e.sub.Subscribe(topic, 10)
			tx := e.begin()
			if _, err := tx.ExecContext(context.Background(), notifyQuery, "not an event"); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			e.commit(t, Event{Topic: topic, Type: "post.created", ID: 1})
			if got := recvIDs(t, s, 1); !slices.Equal(got, []int{1}) {
				t.Fatalf("got %v, want [1]", got)
			}
		})
	}
}

func TestPostgresBusCloseLeavesNoGoroutines(t *testing.T) {
	for _, dsn := range postgresDSNs() {
		t.Run("postgres", func(t *testing.T) {
			before := runtime.NumGoroutine()
			for range 3 {
				b, err := NewPostgresBus(dsn, nil)
				if err != nil {
					t.Fatalf("NewPostgresBus: %v", err)
				}
				s := b.Subscribe("board:1", 1)
				if err := b.Close(); err != nil {
					t.Fatalf("Close: %v", err)
				}
				if err := s.Err(); !errors.Is(err, ErrClosed) {
					t.Fatalf("Err() = %v, want ErrClosed", err)
				}
			}
			waitGoroutines(t, before)
		})
	}
}
