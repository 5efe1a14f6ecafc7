package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// Migrations are repeatable and never lose data: running them again on a
// database in use changes nothing that is there.
func TestMigrate_Repeatable(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.SQL.ExecContext(ctx, "INSERT INTO boards (name, slug, read_access, post_access, position, created_at, updated_at) VALUES ('Keep', 'keep', 'PUBLIC', 'MEMBERS', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			o, err := reopen(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			err = o.Migrate(ctx)
			o.Close()
			if err != nil {
				t.Fatalf("migrate #%d: %v", i+1, err)
			}
		}
		var n int
		if err := db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM boards WHERE slug = 'keep'").Scan(&n); err != nil || n != 1 {
			t.Fatalf("rows after migrate = %d, %v; want 1", n, err)
		}
	})
}

// Replicas starting together must not migrate at once: on PostgreSQL a
// migration waits for the advisory lock another process holds. (Separate
// processes are simulated by holding the lock on a raw connection.)
func TestMigrate_WaitsForTheAdvisoryLock(t *testing.T) {
	if os.Getenv(testdb.EnvURL) == "" {
		return // the lock exists only on PostgreSQL; SQLite is one process
	}
	db := testdb.Open(t, "postgres")
	ctx := context.Background()
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", store.MigrationLockKey); err != nil {
		t.Fatal(err)
	}
	other, err := reopen(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	done := make(chan error, 1)
	go func() { done <- other.Migrate(ctx) }()
	select {
	case err := <-done:
		t.Fatalf("migration ran while another process held the lock (err %v)", err)
	case <-time.After(500 * time.Millisecond):
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", store.MigrationLockKey); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("migration after the lock was released: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("migration did not run after the lock was released")
	}
}

func reopen(ctx context.Context, db *store.DB) (*store.DB, error) {
	if db.URL != "" {
		return store.OpenPostgres(ctx, db.URL)
	}
	var file string
	if err := db.SQL.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
		return nil, err
	}
	return store.OpenSQLite(ctx, "file:"+file+"?"+store.SQLitePragmas)
}

func TestOpen_RejectsUnknownURL(t *testing.T) {
	if _, err := store.Open(context.Background(), "mysql://x", t.TempDir()); err == nil {
		t.Fatal("a mysql URL was accepted")
	}
}
