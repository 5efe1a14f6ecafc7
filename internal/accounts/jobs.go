package accounts

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// The account rules run as River periodic jobs on the maintenance queue.
// Each is idempotent (it only raises, marks or returns what is still due),
// so River's at-least-once delivery and several replicas are harmless.
const (
	RiskKind = "accounts.risk"
	SLAKind  = "accounts.sla"
	PoolKind = "accounts.pool"

	RiskInterval = time.Hour
	SLAInterval  = time.Minute
	PoolInterval = time.Hour
)

// RiskArgs evaluates the risk rules over all managed accounts.
type RiskArgs struct{}

func (RiskArgs) Kind() string { return RiskKind }
func (RiskArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: "maintenance", MaxAttempts: 3}
}

// SLAArgs marks tickets past their SLA.
type SLAArgs struct{}

func (SLAArgs) Kind() string { return SLAKind }
func (SLAArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: "maintenance", MaxAttempts: 3}
}

// PoolArgs returns inactive accounts to the pool.
type PoolArgs struct{}

func (PoolArgs) Kind() string { return PoolKind }
func (PoolArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: "maintenance", MaxAttempts: 3}
}

type riskWorker struct {
	river.WorkerDefaults[RiskArgs]
	s *Service
}

func (w *riskWorker) Work(ctx context.Context, _ *river.Job[RiskArgs]) error {
	n, err := w.s.EvaluateRisk(ctx)
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, map[string]int{"raised": n})
}

type slaWorker struct {
	river.WorkerDefaults[SLAArgs]
	s *Service
}

func (w *slaWorker) Work(ctx context.Context, _ *river.Job[SLAArgs]) error {
	n, err := w.s.MarkSLABreaches(ctx)
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, map[string]int{"breached": n})
}

type poolWorker struct {
	river.WorkerDefaults[PoolArgs]
	s *Service
}

func (w *poolWorker) Work(ctx context.Context, _ *river.Job[PoolArgs]) error {
	n, err := w.s.ReturnToPool(ctx)
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, map[string]int{"returned": n})
}

// AddWorkers registers the account workers.
func (s *Service) AddWorkers(w *river.Workers) error {
	if err := river.AddWorkerSafely(w, &riskWorker{s: s}); err != nil {
		return err
	}
	if err := river.AddWorkerSafely(w, &slaWorker{s: s}); err != nil {
		return err
	}
	return river.AddWorkerSafely(w, &poolWorker{s: s})
}

// PeriodicJobs are the schedules of the account workers.
func PeriodicJobs() []*river.PeriodicJob {
	job := func(every time.Duration, args river.JobArgs, id string) *river.PeriodicJob {
		return river.NewPeriodicJob(river.PeriodicInterval(every),
			func() (river.JobArgs, *river.InsertOpts) { return args, nil },
			&river.PeriodicJobOpts{ID: id, RunOnStart: true})
	}
	return []*river.PeriodicJob{
		job(RiskInterval, RiskArgs{}, RiskKind),
		job(SLAInterval, SLAArgs{}, SLAKind),
		job(PoolInterval, PoolArgs{}, PoolKind),
	}
}
