package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/privacy"
	"github.com/riverqueue/river"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/job"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

const wait = 15 * time.Second

func sys(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

func as(id int, role viewer.Role) context.Context {
	return viewer.NewContext(context.Background(), viewer.Viewer{UserID: id, Role: role})
}

// Test-only job kinds.

// stepsArgs does Steps units of work, Delay apart.
type stepsArgs struct {
	Steps   int           `json:"steps"`
	Delay   time.Duration `json:"delay"`
	FailFor int           `json:"fail_for"` // attempts that fail before one succeeds
	// PauseAfter > 0: after that step the worker waits for the test to
	// open the worker's gate, so a busy machine cannot run the job past a
	// state the test must see.
	PauseAfter int `json:"pause_after"`
}

func (stepsArgs) Kind() string { return "test.steps" }

type stepsWorker struct {
	river.WorkerDefaults[stepsArgs]
	runs atomic.Int32
	gate chan struct{} // see stepsArgs.PauseAfter
}

func (w *stepsWorker) Work(ctx context.Context, j *river.Job[stepsArgs]) error {
	w.runs.Add(1)
	p := jobs.ProgressFrom(ctx)
	p.SetTotal(j.Args.Steps)
	p.Set(0)
	for i := 1; i <= j.Args.Steps; i++ {
		select {
		case <-time.After(j.Args.Delay):
		case <-ctx.Done():
			return ctx.Err()
		}
		p.Add(1)
		p.SetMessage(fmt.Sprintf("step %d", i))
		if i == j.Args.PauseAfter {
			select {
			case <-w.gate:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	if j.Attempt <= j.Args.FailFor {
		return fmt.Errorf("flaky %d", j.Attempt)
	}
	p.SetResult(map[string]any{"steps": j.Args.Steps})
	return nil
}

// Retry at once rather than after River's backoff.
func (w *stepsWorker) NextRetry(*river.Job[stepsArgs]) time.Time { return time.Now() }

// failArgs always fails, and is tried only once.
type failArgs struct{}

func (failArgs) Kind() string                 { return "test.fail" }
func (failArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 1} }

type failWorker struct{ river.WorkerDefaults[failArgs] }

func (failWorker) Work(ctx context.Context, _ *river.Job[failArgs]) error {
	jobs.ProgressFrom(ctx).SetMessage("trying")
	return errors.New("boom: the file is not a CSV")
}

// panicArgs panics, and is tried only once.
type panicArgs struct{}

func (panicArgs) Kind() string                 { return "test.panic" }
func (panicArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 1} }

type panicWorker struct {
	river.WorkerDefaults[panicArgs]
}

func (panicWorker) Work(ctx context.Context, _ *river.Job[panicArgs]) error {
	jobs.ProgressFrom(ctx).Add(1)
	panic("index out of range")
}

// countArgs reports N units one by one, pausing briefly every thousand, as
// an import of N rows would.
type countArgs struct {
	N int `json:"n"`
}

func (countArgs) Kind() string { return "test.count" }

type countWorker struct {
	river.WorkerDefaults[countArgs]
}

func (countWorker) Work(ctx context.Context, j *river.Job[countArgs]) error {
	p := jobs.ProgressFrom(ctx)
	p.SetTotal(j.Args.N)
	for i := range j.Args.N {
		p.Add(1)
		if i%1000 == 0 {
			time.Sleep(time.Millisecond)
		}
	}
	return nil
}

// holdTxArgs writes in its own transaction and reports progress while it
// holds it, as an import writing a batch does.
type holdTxArgs struct {
	Hold time.Duration `json:"hold"`
}

func (holdTxArgs) Kind() string { return "test.hold_tx" }

type holdTxWorker struct {
	river.WorkerDefaults[holdTxArgs]
	client *ent.Client
}

func (w holdTxWorker) Work(ctx context.Context, j *river.Job[holdTxArgs]) error {
	p := jobs.ProgressFrom(ctx)
	tx, err := w.client.Tx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck
	if err := tx.Job.Create().SetKind("worker.write").Exec(sys(ctx)); err != nil {
		return err
	}
	p.SetTotal(10)
	for range 10 {
		time.Sleep(j.Args.Hold / 10)
		p.Add(1)
	}
	return tx.Commit()
}

type fixture struct {
	db     *store.DB
	bus    *pubsub.Bus
	runner *jobs.Runner
	steps  *stepsWorker
	svc    *jobs.Service
}

func newBus(t *testing.T, db *store.DB) *pubsub.Bus {
	t.Helper()
	if db.URL == "" {
		b := pubsub.NewMemoryBus()
		t.Cleanup(func() { b.Close() })
		return b
	}
	b, err := pubsub.NewPostgresBus(db.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// testOptions poll often so that tests are quick.
func testOptions() jobs.Options {
	return jobs.Options{FetchPollInterval: 50 * time.Millisecond, ProgressInterval: 20 * time.Millisecond, TestOnly: true}
}

// setup migrates the queue into db and builds a runner (not started) with
// the test workers over db and bus.
func setup(t *testing.T, db *store.DB, bus *pubsub.Bus, opts jobs.Options) *fixture {
	t.Helper()
	if err := jobs.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	if bus == nil {
		bus = newBus(t, db)
	}
	f := &fixture{db: db, bus: bus, steps: &stepsWorker{}, svc: &jobs.Service{Client: db.Client, Bus: bus}}
	r, err := jobs.New(db, bus, nil, func(w *river.Workers) {
		river.AddWorker(w, f.steps)
		river.AddWorker(w, failWorker{})
		river.AddWorker(w, panicWorker{})
		river.AddWorker(w, countWorker{})
		river.AddWorker(w, holdTxWorker{client: db.Client})
	}, opts)
	if err != nil {
		t.Fatal(err)
	}
	f.runner = r
	return f
}

func (f *fixture) start(t *testing.T) {
	t.Helper()
	if err := f.runner.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := f.runner.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
}

// enqueue enqueues args for the viewer in ctx in a transaction of its own.
func (f *fixture) enqueue(t *testing.T, ctx context.Context, kind string, args river.JobArgs) *ent.Job {
	t.Helper()
	tx, err := f.db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	j, err := f.runner.Enqueue(ctx, tx, kind, args)
	if err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return j
}

// waitFor polls job id until ok says yes.
func (f *fixture) waitFor(t *testing.T, id int, ok func(*ent.Job) bool) *ent.Job {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		j, err := f.db.Client.Job.Get(sys(context.Background()), id)
		if err != nil {
			t.Fatal(err)
		}
		if ok(j) {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d never got there; last: %+v", id, j)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func countRiverJobs(t *testing.T, f *fixture) int {
	t.Helper()
	res, err := f.runner.River().JobList(context.Background(), river.NewJobListParams().First(1000))
	if err != nil {
		t.Fatal(err)
	}
	return len(res.Jobs)
}

// River's tables migrate with the rest, and migrating again (every start)
// changes nothing and keeps the data.
func TestMigrate_WithStoreRepeatable(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		hook := func(ctx context.Context) error { return jobs.Migrate(ctx, db) }
		if err := db.Migrate(ctx, hook); err != nil {
			t.Fatal(err)
		}
		f := setup(t, db, nil, testOptions())
		f.enqueue(t, as(7, viewer.RoleMember), "test.steps", stepsArgs{Steps: 1})
		if err := db.Migrate(ctx, hook); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		if n := countRiverJobs(t, f); n != 1 {
			t.Fatalf("river jobs after migrating again = %d, want 1", n)
		}
	})
}

// The Job row and the River job commit together or not at all.
func TestEnqueue_OnlyIfTheWriteCommits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, nil, testOptions())
		ctx := as(41, viewer.RoleMember)

		tx, err := db.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.runner.Enqueue(ctx, tx, "test.steps", stepsArgs{Steps: 1}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if n := db.Client.Job.Query().CountX(sys(ctx)); n != 0 {
			t.Fatalf("job rows after rollback = %d, want 0", n)
		}
		if n := countRiverJobs(t, f); n != 0 {
			t.Fatalf("river jobs after rollback = %d, want 0", n)
		}

		j := f.enqueue(t, ctx, "import", stepsArgs{Steps: 1})
		if j.Status != job.StatusQUEUED || j.Kind != "import" || j.CreatedByID == nil || *j.CreatedByID != 41 || j.RiverJobID == nil {
			t.Fatalf("enqueued row = %+v", j)
		}
		rj, err := f.runner.River().JobGet(context.Background(), *j.RiverJobID)
		if err != nil {
			t.Fatal(err)
		}
		if rj.Kind != "test.steps" {
			t.Fatalf("river job kind = %q", rj.Kind)
		}
		if n := countRiverJobs(t, f); n != 1 {
			t.Fatalf("river jobs after commit = %d, want 1", n)
		}
	})
}

// A job runs, its row moves QUEUED → RUNNING → SUCCEEDED, and a subscriber
// (its creator) sees the progress grow; another member sees nothing.
func TestRun_ProgressToSuccess(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, nil, testOptions())
		owner := as(5, viewer.RoleMember)
		f.steps.gate = make(chan struct{})
		j := f.enqueue(t, owner, "test.steps", stepsArgs{Steps: 5, Delay: 40 * time.Millisecond, PauseAfter: 2})

		if _, err := f.svc.Subscribe(as(6, viewer.RoleMember), j.ID); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("another member subscribing: %v, want NOT_FOUND", err)
		}
		if _, err := f.svc.Subscribe(context.Background(), j.ID); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("anonymous subscribing: %v, want NOT_FOUND", err)
		}
		ctx, cancel := context.WithTimeout(owner, wait)
		defer cancel()
		ch, err := f.svc.Subscribe(ctx, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		admin, err := f.svc.Subscribe(as(1, viewer.RoleAdmin), j.ID)
		if err != nil {
			t.Fatalf("admin subscribing: %v", err)
		}
		if first := <-admin; first.ID != j.ID {
			t.Fatalf("admin got %+v", first)
		}

		f.start(t)
		var seen []*ent.Job
		gateOpen := false
		for got := range ch {
			seen = append(seen, got)
			// The job waits after step 2 until the running state with partial
			// progress has arrived here.
			if !gateOpen && got.Status == job.StatusRUNNING && got.ProgressDone == 2 {
				close(f.steps.gate)
				gateOpen = true
			}
		}
		if ctx.Err() != nil {
			t.Fatalf("subscription did not end after success; saw %d updates", len(seen))
		}
		if seen[0].Status != job.StatusQUEUED {
			t.Fatalf("first update = %s, want the current state QUEUED", seen[0].Status)
		}
		last := seen[len(seen)-1]
		if last.Status != job.StatusSUCCEEDED || last.ProgressDone != 5 || last.ProgressTotal != 5 ||
			last.StartedAt == nil || last.FinishedAt == nil || last.Result["steps"] != float64(5) || last.Message != "step 5" {
			t.Fatalf("final = %+v", last)
		}
		var running, partial bool
		for i, s := range seen {
			if i > 0 && s.ProgressDone < seen[i-1].ProgressDone {
				t.Fatalf("progress went back: %d after %d", s.ProgressDone, seen[i-1].ProgressDone)
			}
			running = running || s.Status == job.StatusRUNNING
			partial = partial || (s.ProgressDone > 0 && s.ProgressDone < 5)
		}
		if !running || !partial {
			t.Fatalf("saw no running state with partial progress: %d updates", len(seen))
		}
		// A subscription to a finished job gives its state and ends.
		done, err := f.svc.Subscribe(owner, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := <-done; got.Status != job.StatusSUCCEEDED {
			t.Fatalf("late subscriber got %s", got.Status)
		}
		if _, open := <-done; open {
			t.Fatal("late subscription stays open after a terminal state")
		}
	})
}

// A failing worker tried once leaves FAILED with its error, and so does a
// panicking one; a flaky one is QUEUED with the error between attempts and
// SUCCEEDED (error cleared) after.
func TestRun_FailureAndRetry(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, nil, testOptions())
		owner := as(5, viewer.RoleMember)
		failed := f.enqueue(t, owner, "test.fail", failArgs{})
		flaky := f.enqueue(t, owner, "test.steps", stepsArgs{Steps: 2, FailFor: 1})
		panicked := f.enqueue(t, owner, "test.panic", panicArgs{})
		f.start(t)

		got := f.waitFor(t, failed.ID, func(j *ent.Job) bool { return j.Status == job.StatusFAILED })
		if got.Error != "boom: the file is not a CSV" || got.FinishedAt == nil || got.Message != "trying" {
			t.Fatalf("failed job = %+v", got)
		}
		got = f.waitFor(t, panicked.ID, func(j *ent.Job) bool { return terminal(j.Status) })
		if got.Status != job.StatusFAILED || got.Error != "panic: index out of range" || got.ProgressDone != 1 {
			t.Fatalf("panicked job = %+v", got)
		}
		got = f.waitFor(t, flaky.ID, func(j *ent.Job) bool { return terminal(j.Status) })
		if got.Status != job.StatusSUCCEEDED || got.Error != "" || got.ProgressDone != 2 {
			t.Fatalf("flaky job = %+v", got)
		}
		rj, err := f.runner.River().JobGet(context.Background(), *got.RiverJobID)
		if err != nil {
			t.Fatal(err)
		}
		if rj.Attempt != 2 || len(rj.Errors) != 1 {
			t.Fatalf("river attempts = %d, errors %v; want 2 attempts, 1 error", rj.Attempt, rj.Errors)
		}
	})
}

func terminal(s job.Status) bool {
	return s == job.StatusSUCCEEDED || s == job.StatusFAILED || s == job.StatusCANCELLED
}

// A job that reports 100,000 units writes its row about once per
// ProgressInterval, not 100,000 times.
func TestProgress_Throttled(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		opts := testOptions()
		f := setup(t, db, nil, opts)
		j := f.enqueue(t, as(5, viewer.RoleMember), "test.count", countArgs{N: 100_000})
		sub := f.bus.Subscribe(jobs.Topic(j.ID), 1024)
		defer sub.Close()
		f.start(t)
		got := f.waitFor(t, j.ID, func(j *ent.Job) bool { return terminal(j.Status) })
		if got.Status != job.StatusSUCCEEDED || got.ProgressDone != 100_000 || got.ProgressTotal != 100_000 {
			t.Fatalf("final = %+v", got)
		}
		time.Sleep(100 * time.Millisecond) // PostgreSQL events arrive through the listener
		events := len(sub.C())
		ran := got.FinishedAt.Sub(*got.StartedAt)
		// RUNNING, SUCCEEDED, and one write per interval in between.
		if most := int(ran/opts.ProgressInterval) + 3; events < 3 || events > most {
			t.Fatalf("%d row writes for 100,000 updates in %v; want 3..%d", events, ran, most)
		}
		t.Logf("%d row writes for 100,000 updates in %v", events, ran.Round(time.Millisecond))
	})
}

// Jobs that report progress while holding their own write transaction run
// beside an API writing as fast as it can, with River polling; on SQLite
// (one writer at a time) nothing deadlocks or times out.
func TestRun_BesideAPIWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, nil, testOptions())
		owner := as(5, viewer.RoleMember)
		var ids []int
		for range 4 {
			ids = append(ids, f.enqueue(t, owner, "test.hold_tx", holdTxArgs{Hold: 200 * time.Millisecond}).ID)
		}
		f.start(t)
		start := time.Now()
		var wg sync.WaitGroup
		errc := make(chan error, 4)
		for w := range 4 {
			wg.Go(func() {
				for i := range 40 {
					ctx := sys(context.Background())
					tx, err := db.Client.Tx(ctx)
					if err != nil {
						errc <- err
						return
					}
					if err := tx.Job.Create().SetKind(fmt.Sprintf("api.%d.%d", w, i)).Exec(ctx); err != nil {
						tx.Rollback()
						errc <- err
						return
					}
					if w == 0 && i%10 == 0 {
						// The API enqueues too, beside the running jobs.
						if _, err := f.runner.Enqueue(owner, tx, "test.steps", stepsArgs{Steps: 1}); err != nil {
							tx.Rollback()
							errc <- err
							return
						}
					}
					if err := tx.Commit(); err != nil {
						errc <- err
						return
					}
					time.Sleep(5 * time.Millisecond)
				}
			})
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			t.Fatalf("API write beside jobs: %v", err)
		}
		for _, id := range ids {
			got := f.waitFor(t, id, func(j *ent.Job) bool { return terminal(j.Status) })
			if got.Status != job.StatusSUCCEEDED || got.ProgressDone != 10 {
				t.Fatalf("job %d = %+v", id, got)
			}
		}
		t.Logf("160 API writes and 8 jobs in %v", time.Since(start).Round(time.Millisecond))
	})
}

// A job delivered again after it succeeded (River is at-least-once) is not
// worked again.
func TestRun_RedeliveryAfterSuccessSkipped(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, nil, testOptions())
		j := f.enqueue(t, as(5, viewer.RoleMember), "test.steps", stepsArgs{Steps: 1})
		f.start(t)
		got := f.waitFor(t, j.ID, func(j *ent.Job) bool { return j.Status == job.StatusSUCCEEDED })
		// Wait until River has recorded completion too, then run it again.
		deadline := time.Now().Add(wait)
		for {
			rj, err := f.runner.River().JobGet(context.Background(), *got.RiverJobID)
			if err != nil {
				t.Fatal(err)
			}
			if rj.State == "completed" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("river job state %s", rj.State)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if _, err := f.runner.River().JobRetry(context.Background(), *got.RiverJobID); err != nil {
			t.Fatal(err)
		}
		deadline = time.Now().Add(wait)
		for {
			rj, err := f.runner.River().JobGet(context.Background(), *got.RiverJobID)
			if err != nil {
				t.Fatal(err)
			}
			if rj.State == "completed" && rj.Attempt == 2 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("river job state %s attempt %d", rj.State, rj.Attempt)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if n := f.steps.runs.Load(); n != 1 {
			t.Fatalf("worker ran %d times, want 1", n)
		}
	})
}

// With the production settings (one poll a second, no test shortcuts) a job
// committed beside API writes starts within about one poll interval.
func TestDefaults_JobStartsWithinPollInterval(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db, nil, jobs.Options{})
		f.start(t)
		time.Sleep(200 * time.Millisecond) // past the first, immediate fetch
		start := time.Now()
		j := f.enqueue(t, as(5, viewer.RoleMember), "test.steps", stepsArgs{Steps: 1})
		for i := range 20 {
			if err := db.Client.Job.Create().SetKind(fmt.Sprintf("api.%d", i)).Exec(sys(context.Background())); err != nil {
				t.Fatal(err)
			}
		}
		got := f.waitFor(t, j.ID, func(j *ent.Job) bool { return terminal(j.Status) })
		took := time.Since(start)
		if got.Status != job.StatusSUCCEEDED || took > jobs.DefaultFetchPollInterval+time.Second {
			t.Fatalf("job %s after %v; want SUCCEEDED within about %v", got.Status, took, jobs.DefaultFetchPollInterval)
		}
		t.Logf("enqueue to success: %v", took.Round(time.Millisecond))
	})
}
