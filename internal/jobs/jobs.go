// Package jobs runs Kith's background work on River, a durable queue that
// lives in the same database as everything else (riverdatabasesql on
// PostgreSQL, riversqlite on SQLite, both on the *sql.DB under ent).
//
// Work a person starts or waits for (an import, a recompute) gets a Job row:
// Enqueue writes it in the caller's transaction together with the River job,
// so the work exists exactly when the write that asked for it commits. While
// the job runs, the runner keeps the row's status and progress current and
// publishes "job:<id>" events, which jobProgress subscriptions follow.
// Maintenance work (session cleanup) runs on River without a Job row.
//
// River delivers at least once: a job may run again after a crash, a lost
// connection or a timeout, even after it finished its work. Every worker must
// therefore be idempotent — write with upserts or unique keys, and skip what
// is already done. The runner helps a little: a job whose row already says
// SUCCEEDED or CANCELLED is not run again.
package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/privacy"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/job"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/viewer"
)

// Queues. User-visible work runs on QueueDefault; maintenance has its own
// queue so that a long import never delays it, nor it an import.
const (
	QueueDefault     = river.QueueDefault
	QueueMaintenance = "maintenance"
)

// Defaults of Options, sized for a small machine (two cores).
const (
	DefaultWorkers                = 2
	DefaultFetchPollInterval      = time.Second
	DefaultProgressInterval       = time.Second
	DefaultJobTimeout             = 30 * time.Minute
	DefaultMaxAttempts            = 5
	DefaultSessionCleanupInterval = time.Hour
)

// metadataKey names the Job row's id in a River job's metadata.
const metadataKey = "kith_job_id"

// Options tune a Runner. The zero value means every default.
type Options struct {
	// Workers is how many jobs of QueueDefault run at once in this process.
	Workers int
	// FetchPollInterval is how often the runner looks for new jobs. River's
	// LISTEN/NOTIFY wake-up is not used (riverdatabasesql has no listener,
	// and River's SQLite "listener" is itself a 50 ms poll), so a job starts
	// within about this long after its transaction commits.
	FetchPollInterval time.Duration
	// ProgressInterval is the least time between two progress writes of one
	// job; updates in between are merged.
	ProgressInterval time.Duration
	// JobTimeout cancels a job's context after this long; a worker may set
	// its own with Timeout. -1 means never.
	JobTimeout time.Duration
	// MaxAttempts is the default number of attempts before a job fails;
	// a kind may set its own in InsertOpts.
	MaxAttempts int
	// SessionCleanupInterval is how often expired sessions are deleted.
	SessionCleanupInterval time.Duration
	// Now tells the time for started_at, finished_at and session expiry.
	Now func() time.Time
	// TestOnly skips River's start-up jitter; for tests.
	TestOnly bool
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.FetchPollInterval <= 0 {
		o.FetchPollInterval = DefaultFetchPollInterval
	}
	if o.ProgressInterval <= 0 {
		o.ProgressInterval = DefaultProgressInterval
	}
	if o.JobTimeout == 0 {
		o.JobTimeout = DefaultJobTimeout
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.SessionCleanupInterval <= 0 {
		o.SessionCleanupInterval = DefaultSessionCleanupInterval
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Runner owns the River client of this process: it enqueues jobs and, once
// started, works them.
type Runner struct {
	db     *store.DB
	bus    *pubsub.Bus
	log    *slog.Logger
	opts   Options
	client *river.Client[*sql.Tx]
}

// driver returns River's driver for db's dialect, on db's own pool.
func driver(db *store.DB) (riverdriver.Driver[*sql.Tx], error) {
	switch db.Dialect {
	case dialect.Postgres:
		return riverdatabasesql.New(db.SQL), nil
	case dialect.SQLite:
		return riversqlite.New(db.SQL), nil
	}
	return nil, fmt.Errorf("jobs: unsupported dialect %q", db.Dialect)
}

// Migrate creates or updates River's tables. Run it inside store.DB.Migrate
// so that, on PostgreSQL, it holds the same advisory lock:
//
//	db.Migrate(ctx, func(ctx context.Context) error { return jobs.Migrate(ctx, db) })
func Migrate(ctx context.Context, db *store.DB) error {
	drv, err := driver(db)
	if err != nil {
		return err
	}
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("jobs: migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrating the queue: %w", err)
	}
	return nil
}

// New builds the runner over db. register adds the workers of Kith's
// services; the runner adds its own maintenance workers. New starts nothing;
// Enqueue works before Start. A nil logger discards the log.
func New(db *store.DB, bus *pubsub.Bus, logger *slog.Logger, register func(*river.Workers), opts ...Options) (*Runner, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	o = o.withDefaults()
	r := &Runner{db: db, bus: bus, log: logger, opts: o}

	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &sessionCleanupWorker{client: db.Client, now: o.Now}); err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if register != nil {
		register(workers)
	}
	drv, err := driver(db)
	if err != nil {
		return nil, err
	}
	cooldown := min(100*time.Millisecond, o.FetchPollInterval)
	client, err := river.NewClient(drv, &river.Config{
		// River's debug log is a running commentary; keep info and up.
		Logger:            slog.New(minLevel{logger.Handler(), slog.LevelInfo}),
		Workers:           workers,
		FetchPollInterval: o.FetchPollInterval,
		FetchCooldown:     cooldown,
		PollOnly:          true,
		JobTimeout:        o.JobTimeout,
		MaxAttempts:       o.MaxAttempts,
		Queues: map[string]river.QueueConfig{
			QueueDefault:     {MaxWorkers: o.Workers},
			QueueMaintenance: {MaxWorkers: 1},
		},
		Middleware: []rivertype.Middleware{&trackMiddleware{r: r}},
		PeriodicJobs: []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(o.SessionCleanupInterval),
				func() (river.JobArgs, *river.InsertOpts) { return SessionCleanupArgs{}, nil },
				&river.PeriodicJobOpts{ID: SessionCleanupKind, RunOnStart: true}),
		},
		TestOnly: o.TestOnly,
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	r.client = client
	return r, nil
}

// minLevel passes on records of at least level min.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(as), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}

// River returns the River client, for what this package does not wrap
// (listing jobs, cancelling one).
func (r *Runner) River() *river.Client[*sql.Tx] { return r.client }

// Start starts working jobs. Cancelling ctx stops the runner as Stop does,
// so pass a context that lives as long as the process.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop stops fetching jobs and waits for the running ones to finish until ctx
// ends; then it cancels them (they will be retried). Stopping a runner that
// was never started does nothing.
func (r *Runner) Stop(ctx context.Context) error {
	err := r.client.Stop(ctx)
	if err == nil {
		return nil
	}
	if ctx.Err() == nil {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	r.log.Warn("jobs: running jobs did not finish in time; cancelling them")
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := r.client.StopAndCancel(cctx); err != nil {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

// Enqueue records a job of kind for the viewer in ctx and inserts its River
// job, both in tx: neither exists unless tx commits. The Job row starts
// QUEUED with created_by_id the viewer (none for system work). kind is what
// people see (usually args.Kind()); args decide the worker. A kind whose
// InsertOpts declare it unique and that is already queued returns the
// existing job's row instead of a new one.
//
// tx must come from the Client of a store.DB (see store.SQLTx).
func (r *Runner) Enqueue(ctx context.Context, tx *ent.Tx, kind string, args river.JobArgs) (*ent.Job, error) {
	if kind == "" {
		return nil, errors.New("jobs: Enqueue needs a kind")
	}
	stx, err := store.SQLTx(tx)
	if err != nil {
		return nil, err
	}
	sys := systemContext(ctx)
	c := tx.Job.Create().SetKind(kind)
	if v := viewer.FromContext(ctx); v.Authenticated() {
		c.SetCreatedByID(v.UserID)
	}
	row, err := c.Save(sys)
	if err != nil {
		return nil, fmt.Errorf("jobs: recording %s: %w", kind, err)
	}
	meta, _ := json.Marshal(map[string]any{metadataKey: row.ID})
	res, err := r.client.InsertTx(ctx, stx, args, &river.InsertOpts{Metadata: meta})
	if err != nil {
		return nil, fmt.Errorf("jobs: enqueuing %s: %w", kind, err)
	}
	if res.UniqueSkippedAsDuplicate {
		// The queued duplicate keeps its own row; this one was never needed.
		if err := tx.Job.DeleteOneID(row.ID).Exec(sys); err != nil {
			return nil, err
		}
		if id := jobIDFromMetadata(res.Job.Metadata); id != 0 {
			return tx.Job.Get(sys, id)
		}
		return nil, fmt.Errorf("jobs: %s is already queued", kind)
	}
	return tx.Job.UpdateOneID(row.ID).SetRiverJobID(res.Job.ID).Save(sys)
}

// jobIDFromMetadata returns the Job row id a River job carries, 0 if none.
func jobIDFromMetadata(meta []byte) int {
	var m map[string]json.RawMessage
	if json.Unmarshal(meta, &m) != nil {
		return 0
	}
	var id int
	if json.Unmarshal(m[metadataKey], &id) != nil {
		return 0
	}
	return id
}

// systemContext lets the runner write Job rows (only the system may).
func systemContext(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// terminal reports whether a job in status s will not change again.
func terminal(s job.Status) bool {
	return s == job.StatusSUCCEEDED || s == job.StatusFAILED || s == job.StatusCANCELLED
}
