// Package store opens Kith's database — embedded SQLite by default, PostgreSQL
// when a URL is given — and migrates it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/lib/pq"  // PostgreSQL driver "postgres"
	_ "modernc.org/sqlite" // SQLite driver "sqlite", pure Go

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/migrate"
	_ "github.com/kith-crm/kith/ent/runtime" // registers hooks and privacy policies
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/settings"
)

// DB is an open database: the ent client for CRUD and the *sql.DB underneath
// it for the job queue, LISTEN/NOTIFY and set-based aggregates.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string // dialect.SQLite or dialect.Postgres
	URL     string // the PostgreSQL URL, empty for SQLite
}

// Close closes the client and the pool.
func (db *DB) Close() error { return db.Client.Close() }

// SQLitePragmas are set on every SQLite connection: WAL so readers do not block
// the writer, a busy timeout so the job queue and the API wait for each other
// instead of failing, foreign keys on, and immediate transactions so a
// read-then-write transaction cannot deadlock on lock upgrade.
const SQLitePragmas = "_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"

// Open connects to databaseURL (postgres://…) or, when it is empty, to the
// SQLite file kith.db in dataDir (created if missing). It does not migrate.
func Open(ctx context.Context, databaseURL, dataDir string, opts ...ent.Option) (*DB, error) {
	if databaseURL == "" {
		if dataDir == "" {
			dataDir = "data"
		}
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, fmt.Errorf("store: creating data dir: %w", err)
		}
		return OpenSQLite(ctx, "file:"+filepath.Join(dataDir, "kith.db")+"?"+SQLitePragmas, opts...)
	}
	if !strings.HasPrefix(databaseURL, "postgres://") && !strings.HasPrefix(databaseURL, "postgresql://") {
		return nil, fmt.Errorf("store: DATABASE_URL must start with postgres://")
	}
	return OpenPostgres(ctx, databaseURL, opts...)
}

// OpenSQLite opens a SQLite database from a modernc DSN.
func OpenSQLite(ctx context.Context, dsn string, opts ...ent.Option) (*DB, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: opening sqlite: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: opening sqlite: %w", err)
	}
	return wrap(db, dialect.SQLite, "", opts), nil
}

// OpenPostgres opens a PostgreSQL database.
func OpenPostgres(ctx context.Context, dsn string, opts ...ent.Option) (*DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: opening postgres: %w", err)
	}
	db.SetMaxOpenConns(40)
	db.SetMaxIdleConns(20)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connecting to postgres at %s: %w", redact(dsn), err)
	}
	return wrap(db, dialect.Postgres, dsn, opts), nil
}

func wrap(db *sql.DB, dia, dsn string, opts []ent.Option) *DB {
	drv := txDriver{entsql.OpenDB(dia, db)}
	opts = append([]ent.Option{ent.Driver(drv)}, opts...)
	return &DB{Client: NewClient(opts...), SQL: db, Dialect: dia, URL: dsn}
}

// NewClient returns an ent client with the hooks every client of Kith's
// needs, whoever opens it: every order, however written, carries its
// reporting-currency amounts.
func NewClient(opts ...ent.Option) *ent.Client {
	c := ent.NewClient(opts...)
	c.Order.Use(settings.OrderHook())
	return c
}

// SQLTx returns the *sql.Tx under tx, for libraries that take database/sql
// (the job queue inserts its jobs in the transaction of the write that causes
// them). tx must come from the Client of a DB this package opened. Use the
// *sql.Tx only for statements; commit or roll back through tx.
func SQLTx(tx *ent.Tx) (*sql.Tx, error) {
	var st *sql.Tx
	ctx := context.WithValue(context.Background(), sqlTxKey{}, &st)
	// ent's Tx hides its driver; ExecContext is the one call that reaches it.
	if _, err := tx.ExecContext(ctx, "SELECT 1"); err != nil {
		return nil, err
	}
	if st == nil {
		return nil, errors.New("store: transaction not begun by a client from store.Open")
	}
	return st, nil
}

// txDriver is ent's SQL driver whose transactions answer SQLTx.
type txDriver struct{ *entsql.Driver }

func (d txDriver) Tx(ctx context.Context) (dialect.Tx, error) { return d.BeginTx(ctx, nil) }

func (d txDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	tx, err := d.Driver.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return sqlTx{tx.(*entsql.Tx)}, nil
}

type sqlTxKey struct{}

type sqlTx struct{ *entsql.Tx }

func (t sqlTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if p, ok := ctx.Value(sqlTxKey{}).(**sql.Tx); ok {
		*p, _ = t.Tx.Tx.(*sql.Tx)
		return nil, nil
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

// MigrationLockKey is the PostgreSQL advisory lock replicas take while
// migrating, so several starting together do not race.
const MigrationLockKey = 7_411_640_001

// Migrate brings the schema up to date. It only adds tables, columns and
// indexes: it never drops a column, an index or a row. On PostgreSQL it runs
// under an advisory lock; extra, run under the same lock, migrates other
// parts (the job queue).
func (db *DB) Migrate(ctx context.Context, extra ...func(context.Context) error) error {
	run := func(ctx context.Context) error {
		if err := db.Client.Schema.Create(ctx,
			migrate.WithDropColumn(false),
			migrate.WithDropIndex(false),
			schema.WithForeignKeys(true),
		); err != nil {
			return fmt.Errorf("store: migrating: %w", err)
		}
		// What ent cannot express: the posts' full-text search indexes.
		if err := community.Migrate(ctx, db.SQL, db.Dialect); err != nil {
			return err
		}
		for _, f := range extra {
			if err := f(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	if db.Dialect != dialect.Postgres {
		return run(ctx)
	}
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migration lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", MigrationLockKey); err != nil {
		return fmt.Errorf("store: migration lock: %w", err)
	}
	// Unlock on the same connection even if ctx is cancelled.
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", MigrationLockKey) //nolint:errcheck
	return run(ctx)
}

// redact hides a password in a URL for logs and errors.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
