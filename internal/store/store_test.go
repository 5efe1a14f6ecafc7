package store_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// Replicas starting together migrate the same database at once; the advisory
// lock (PostgreSQL) and idempotent migrations mean all succeed and no data is lost.
func TestMigrate_ConcurrentAndRepeatable(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.SQL.ExecContext(ctx, "INSERT INTO boards (name, slug, read_access, post_access, position, created_at, updated_at) VALUES ('Keep', 'keep', 'PUBLIC', 'MEMBERS', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"); err != nil {
			t.Fatal(err)
		}
		others := make([]*store.DB, 3)
		for i := range others {
			o, err := reopen(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer o.Close()
			others[i] = o
		}
		var wg sync.WaitGroup
		errc := make(chan error, len(others))
		for _, o := range others {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errc <- o.Migrate(ctx)
			}()
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				t.Fatalf("concurrent migrate: %v", err)
			}
		}
		var n int
		if err := db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM boards WHERE slug = 'keep'").Scan(&n); err != nil || n != 1 {
			t.Fatalf("rows after migrate = %d, %v; want 1", n, err)
		}
	})
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
