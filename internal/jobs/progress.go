package jobs

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/job"
	"github.com/kith-crm/kith/internal/pubsub"
)

// EventProgress is the type of the event published on Topic(id) each time a
// job's row changes.
const EventProgress = "job.progress"

// Topic is the pubsub topic of one job's changes.
func Topic(id int) string { return "job:" + strconv.Itoa(id) }

// maxText is the longest message or error a Job row holds (bytes).
const maxText = 2000

// writeTimeout bounds one write of a Job row. On SQLite a write waits for
// the database's single writer (busy_timeout), so this is generous.
const writeTimeout = 30 * time.Second

// Progress is how a worker reports on its Job row. Get it with ProgressFrom.
// Its methods only record in memory and never block on the database: the
// runner writes the latest state at most once per Options.ProgressInterval,
// and once more when the job ends, so a worker may call Add for every one of
// 100,000 rows. That also means a worker may report while it holds a
// transaction of its own, even on SQLite, where a write of the Job row would
// otherwise wait for that transaction.
//
// Status is not the worker's business: the runner sets RUNNING before the
// worker starts and SUCCEEDED or FAILED (with the error) from what it
// returns. The zero Progress, for a job without a row, ignores everything.
//
// A Progress is safe for concurrent use.
type Progress struct {
	r  *Runner
	id int

	mu      sync.Mutex
	start   func(*ent.JobUpdateOne) // RUNNING and started_at, until written
	done    int
	total   int
	message *string
	result  map[string]any
	dirty   bool

	writeMu sync.Mutex // one write at a time, in order
}

type progressKey struct{}

// ProgressFrom returns the Progress of the job being worked in ctx; never
// nil.
func ProgressFrom(ctx context.Context) *Progress {
	if p, ok := ctx.Value(progressKey{}).(*Progress); ok {
		return p
	}
	return &Progress{}
}

// JobID returns the id of the Job row, 0 when there is none.
func (p *Progress) JobID() int { return p.id }

// SetTotal sets how many units of work there are.
func (p *Progress) SetTotal(n int) { p.change(func() { p.total = n }) }

// Set sets how many units are done.
func (p *Progress) Set(done int) { p.change(func() { p.done = done }) }

// Add adds n units done.
func (p *Progress) Add(n int) { p.change(func() { p.done += n }) }

// SetMessage sets the line a person sees beside the progress.
func (p *Progress) SetMessage(msg string) {
	msg = truncate(msg)
	p.change(func() { p.message = &msg })
}

// SetResult sets what the job produced, kept when it succeeds (counts, the id
// of a file made). It must encode as JSON.
func (p *Progress) SetResult(result map[string]any) { p.change(func() { p.result = result }) }

func (p *Progress) change(f func()) {
	if p.r == nil {
		return
	}
	p.mu.Lock()
	f()
	p.dirty = true
	p.mu.Unlock()
}

// Flush writes the recorded state now if it changed. Workers rarely need it;
// on SQLite, never call it while holding a transaction of your own.
func (p *Progress) Flush(ctx context.Context) error {
	if p.r == nil {
		return nil
	}
	return p.write(ctx, nil)
}

// write stores the recorded progress, the pending start and final's changes
// if any, in one update of the row. What fails to be written stays pending.
func (p *Progress) write(ctx context.Context, final func(*ent.JobUpdateOne)) error {
	p.writeMu.Lock()
	defer p.writeMu.Unlock()
	p.mu.Lock()
	start, dirty, done, total, msg, result := p.start, p.dirty, p.done, p.total, p.message, p.result
	p.start, p.dirty = nil, false
	p.mu.Unlock()
	if start == nil && !dirty && final == nil {
		return nil
	}
	err := p.r.update(ctx, p.id, func(u *ent.JobUpdateOne) {
		if start != nil {
			start(u)
		}
		if dirty {
			u.SetProgressDone(done).SetProgressTotal(total)
			if msg != nil {
				u.SetMessage(*msg)
			}
		}
		if final != nil {
			final(u)
			if result != nil {
				u.SetResult(result)
			}
		}
	})
	if err != nil {
		p.mu.Lock()
		if p.start == nil {
			p.start = start
		}
		p.dirty = p.dirty || dirty
		p.mu.Unlock()
	}
	return err
}

// loop writes changes every interval until stop is closed.
func (p *Progress) loop(ctx context.Context, interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if err := p.write(ctx, nil); err != nil {
				p.r.log.Warn("jobs: writing progress", "job", p.id, "err", err)
			}
		}
	}
}

// update changes one Job row and publishes its event in the same
// transaction.
func (r *Runner) update(ctx context.Context, id int, set func(*ent.JobUpdateOne)) error {
	ctx, cancel := context.WithTimeout(ctx, writeTimeout)
	defer cancel()
	sys := systemContext(ctx)
	tx, err := r.db.Client.Tx(sys)
	if err != nil {
		return err
	}
	u := tx.Job.UpdateOneID(id)
	set(u)
	if err := u.Exec(sys); err != nil {
		_ = tx.Rollback()
		return err
	}
	deliver := func() {}
	if r.bus != nil {
		d, err := r.bus.Stage(ctx, tx, pubsub.Event{Topic: Topic(id), Type: EventProgress, ID: id})
		switch {
		case err == nil:
			deliver = d
		case errors.Is(err, pubsub.ErrClosed):
			// Shutting down: the row still changes; nobody is listening here.
		default:
			_ = tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	deliver()
	return nil
}

// trackMiddleware keeps the Job row of every job that has one in step with
// River: RUNNING before the worker runs, then SUCCEEDED, FAILED, or QUEUED
// again when River will retry.
type trackMiddleware struct {
	river.MiddlewareDefaults
	r *Runner
}

func (m *trackMiddleware) Work(ctx context.Context, row *rivertype.JobRow, doInner func(context.Context) error) (err error) {
	id := jobIDFromMetadata(row.Metadata)
	if id == 0 {
		return doInner(ctx)
	}
	r := m.r
	// State writes must happen even when the job's context has timed out or
	// the runner is stopping.
	wctx := context.WithoutCancel(ctx)
	cur, err := r.db.Client.Job.Get(systemContext(wctx), id)
	switch {
	case ent.IsNotFound(err):
		r.log.Warn("jobs: job row missing; working it anyway", "job", id, "kind", row.Kind)
		return doInner(ctx)
	case err != nil:
		return fmt.Errorf("jobs: loading job %d: %w", id, err)
	case cur.Status == job.StatusSUCCEEDED || cur.Status == job.StatusCANCELLED:
		// Delivered again after it was done (or cancelled): nothing to do.
		r.log.Info("jobs: skipping a job already finished", "job", id, "status", cur.Status)
		return nil
	}

	now := r.opts.Now()
	p := &Progress{r: r, id: id, done: cur.ProgressDone, total: cur.ProgressTotal}
	p.start = func(u *ent.JobUpdateOne) {
		u.SetStatus(job.StatusRUNNING).ClearFinishedAt()
		if cur.StartedAt == nil {
			u.SetStartedAt(now)
		}
	}
	// Bookkeeping never holds up the work: what cannot be written now (the
	// database is busy) goes with the next write.
	if err := p.write(wctx, nil); err != nil {
		r.log.Warn("jobs: marking a job running", "job", id, "err", err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { p.loop(wctx, r.opts.ProgressInterval, stop) })
	var stopOnce sync.Once
	finish := func(workErr error) (err error) {
		stopOnce.Do(func() { close(stop) })
		wg.Wait()
		final := r.outcome(row, workErr)
		for try := range finalTries {
			if err = p.write(wctx, final); err == nil {
				return nil
			}
			if try < finalTries-1 {
				time.Sleep(time.Second)
			}
		}
		return err
	}

	defer func() {
		if v := recover(); v != nil {
			if ferr := finish(fmt.Errorf("panic: %v", v)); ferr != nil {
				r.log.Error("jobs: recording a panicked job", "job", id, "err", ferr)
			}
			panic(v) // River records the panic and retries as usual
		}
	}()
	err = doInner(context.WithValue(ctx, progressKey{}, p))
	if ferr := finish(err); ferr != nil {
		r.log.Error("jobs: recording the end of a job", "job", id, "err", ferr)
		if err == nil {
			// The row would stay RUNNING forever; let River run the
			// (idempotent) job again instead.
			return fmt.Errorf("jobs: recording success of job %d: %w", id, ferr)
		}
	}
	return err
}

// finalTries is how often the end of a job is written before giving up.
const finalTries = 3

// outcome returns the row changes for an attempt that returned err.
func (r *Runner) outcome(row *rivertype.JobRow, err error) func(*ent.JobUpdateOne) {
	now := r.opts.Now()
	var (
		snooze *rivertype.JobSnoozeError
		cancel *rivertype.JobCancelError
	)
	switch {
	case err == nil:
		return func(u *ent.JobUpdateOne) {
			u.SetStatus(job.StatusSUCCEEDED).SetFinishedAt(now).ClearError()
		}
	case errors.As(err, &snooze):
		return func(u *ent.JobUpdateOne) { u.SetStatus(job.StatusQUEUED) }
	case errors.As(err, &cancel) || row.Attempt >= row.MaxAttempts:
		msg := truncate(err.Error())
		return func(u *ent.JobUpdateOne) {
			u.SetStatus(job.StatusFAILED).SetFinishedAt(now).SetError(msg)
		}
	default:
		msg := truncate(fmt.Sprintf("attempt %d of %d failed, will retry: %v", row.Attempt, row.MaxAttempts, err))
		return func(u *ent.JobUpdateOne) { u.SetStatus(job.StatusQUEUED).SetError(msg) }
	}
}

// truncate cuts s to at most maxText bytes on a character boundary.
func truncate(s string) string {
	if len(s) <= maxText {
		return s
	}
	i := maxText
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}
