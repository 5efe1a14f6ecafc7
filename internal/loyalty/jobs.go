package loyalty

import (
	"context"
	"time"

	"entgo.io/ent"
	"github.com/riverqueue/river"

	entc "github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/hook"
)

// AccrueKind is the job that credits what is not yet in the ledger. It
// runs every AccrueInterval (and once on start), and after order writes
// through the API; it is idempotent, so any number of runs is harmless.
const (
	AccrueKind     = "loyalty.accrue"
	AccrueInterval = time.Minute
)

// AccrueArgs runs the accrual.
type AccrueArgs struct{}

func (AccrueArgs) Kind() string { return AccrueKind }
func (AccrueArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: "maintenance", MaxAttempts: 5}
}

type accrueWorker struct {
	river.WorkerDefaults[AccrueArgs]
	s *Service
}

func (w *accrueWorker) Work(ctx context.Context, _ *river.Job[AccrueArgs]) error {
	n, err := w.s.Accrue(ctx)
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, n)
}

// AddWorkers registers the accrual worker.
func (s *Service) AddWorkers(w *river.Workers) error {
	return river.AddWorkerSafely(w, &accrueWorker{s: s})
}

// PeriodicJobs is the accrual's schedule.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(AccrueInterval),
		func() (river.JobArgs, *river.InsertOpts) { return AccrueArgs{}, nil },
		&river.PeriodicJobOpts{ID: AccrueKind, RunOnStart: true})}
}

// kickDelay gathers the order writes of a burst (a bulk insert, a busy
// minute) into one accrual job.
const kickDelay = 200 * time.Millisecond

// kick enqueues an accrual job kickDelay from now unless one is already
// due. It is called after a commit and the job is inserted later still, so
// the job always sees the order that asked for it.
func (s *Service) kick() {
	if !s.kickPending.CompareAndSwap(false, true) {
		return
	}
	time.AfterFunc(kickDelay, func() {
		s.kickPending.Store(false)
		_, _ = s.Jobs.River().Insert(context.Background(), AccrueArgs{}, nil)
	})
}

// OrderHook asks for an accrual once an order write has committed, so a
// member sees the points of a purchase (or their reversal) within seconds
// rather than at the next periodic run. Inside a transaction it waits for
// the commit; the job would otherwise look before the order exists.
func (s *Service) OrderHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil || s.Jobs == nil {
				return v, err
			}
			kick := s.kick
			if om, ok := m.(*entc.OrderMutation); ok {
				if tx, terr := om.Tx(); terr == nil {
					tx.OnCommit(func(c entc.Committer) entc.Committer {
						return entc.CommitFunc(func(ctx context.Context, tx *entc.Tx) error {
							if err := c.Commit(ctx, tx); err != nil {
								return err
							}
							kick()
							return nil
						})
					})
					return v, nil
				}
			}
			kick()
			return v, nil
		})
	}, ent.OpCreate)
}
