// Package testdb gives tests real databases: a fresh SQLite file always, and
// a fresh PostgreSQL database too when TEST_DATABASE_URL is set. When it is
// set but unreachable the tests fail; they never skip.
//
// On PostgreSQL the schema is migrated once into a template database and each
// test gets CREATE DATABASE … TEMPLATE, so migrations do not run per test and
// packages never collide.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	_ "github.com/lib/pq"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/history"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/store"
)

// EnvURL names the variable holding the PostgreSQL server tests use.
const EnvURL = "TEST_DATABASE_URL"

// Dialects returns the databases tests run on: "sqlite" always, "postgres"
// when TEST_DATABASE_URL is set.
func Dialects() []string {
	if os.Getenv(EnvURL) != "" {
		return []string{dialect.SQLite, dialect.Postgres}
	}
	return []string{dialect.SQLite}
}

// Each runs fn as a subtest once per database, each with a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// Open returns a fresh, migrated database of the given dialect, closed and
// removed when the test ends.
func Open(t testing.TB, dia string, opts ...ent.Option) *store.DB {
	t.Helper()
	ctx := context.Background()
	var db *store.DB
	var err error
	switch dia {
	case dialect.SQLite:
		path := filepath.Join(t.TempDir(), "kith.db")
		db, err = store.OpenSQLite(ctx, "file:"+path+"?"+store.SQLitePragmas, opts...)
		if err == nil {
			err = migrate(ctx, db)
		}
	case dialect.Postgres:
		var dsn string
		dsn, err = freshPostgres(t)
		if err == nil {
			db, err = store.OpenPostgres(ctx, dsn, opts...)
		}
	default:
		t.Fatalf("testdb: unknown dialect %q", dia)
	}
	if err != nil {
		t.Fatalf("testdb: opening %s: %v", dia, err)
	}
	history.Register(db.Client)
	t.Cleanup(func() { db.Close() })
	return db
}

// migrate brings a test database to the schema the server runs on: ent's
// tables and the job queue's.
func migrate(ctx context.Context, db *store.DB) error {
	return db.Migrate(ctx, func(ctx context.Context) error { return jobs.Migrate(ctx, db) })
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

func adminDB(base string) (*sql.DB, error) {
	db, err := sql.Open("postgres", base)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s is set but PostgreSQL is unreachable: %w", EnvURL, err)
	}
	return db, nil
}

func withDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// freshPostgres creates a database for one test from the migrated template.
func freshPostgres(t testing.TB) (string, error) {
	base := os.Getenv(EnvURL)
	templateOnce.Do(func() { templateName, templateErr = buildTemplate(base) })
	if templateErr != nil {
		return "", templateErr
	}
	admin, err := adminDB(base)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	name := "kith_test_" + randomHex(8)
	if _, err := admin.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, templateName)); err != nil {
		return "", fmt.Errorf("creating test database: %w", err)
	}
	t.Cleanup(func() {
		a, err := adminDB(base)
		if err != nil {
			return
		}
		defer a.Close()
		a.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)) //nolint:errcheck
	})
	return withDatabase(base, name)
}

// buildTemplate migrates a template database once per test process. Its name
// is unique to the process; a template left by a crashed run is harmless.
func buildTemplate(base string) (string, error) {
	admin, err := adminDB(base)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	name := "kith_tmpl_" + randomHex(6)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		return "", fmt.Errorf("creating template database: %w", err)
	}
	dsn, err := withDatabase(base, name)
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	db, err := store.OpenPostgres(ctx, dsn)
	if err != nil {
		return "", err
	}
	err = migrate(ctx, db)
	db.Close()
	if err != nil {
		return "", err
	}
	return name, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return strings.ToLower(hex.EncodeToString(b))
}

// Main runs a package's tests and then drops the PostgreSQL template database
// it built. Call it from TestMain.
func Main(m interface{ Run() int }) int {
	code := m.Run()
	if templateName != "" {
		if a, err := adminDB(os.Getenv(EnvURL)); err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + templateName + " WITH (FORCE)") //nolint:errcheck
			a.Close()
		}
	}
	return code
}
