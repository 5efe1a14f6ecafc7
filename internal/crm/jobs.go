package crm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"entgo.io/ent/privacy"
	"github.com/riverqueue/river"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/setting"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/viewer"
)

// The recompute runs as River jobs: RecomputeKind when someone asks for it
// (with a Job row and live progress), TickKind on the maintenance queue every
// TickInterval, which recomputes when the settings' RecomputeMinutes have
// passed since the last run. Both are idempotent: a recompute writes what the
// orders say now, and the second of two runs changes nothing.
const (
	RecomputeKind = "crm.recompute"
	TickKind      = "crm.tick"
	TickInterval  = 5 * time.Minute
	// lastRunKey is the settings row holding when the scores were last
	// recomputed (not an admin setting: the runs write it).
	lastRunKey = "scores_last_run"
)

// RecomputeArgs asks for a recompute now.
type RecomputeArgs struct{}

func (RecomputeArgs) Kind() string { return RecomputeKind }

// TickArgs checks whether the scheduled recompute is due.
type TickArgs struct{}

func (TickArgs) Kind() string { return TickKind }
func (TickArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.QueueMaintenance, MaxAttempts: 3}
}

// RequestRecompute enqueues a recompute for admins and marketers and returns
// its Job, which jobProgress follows.
func (s *Service) RequestRecompute(ctx context.Context) (*ent.Job, error) {
	v := viewer.FromContext(ctx)
	switch {
	case !v.Authenticated():
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	case !v.IsAdmin() && v.Role != viewer.RoleMarketer:
		return nil, errs.E(errs.Forbidden, "only admins and marketers recompute the scores")
	case s.Jobs == nil:
		return nil, errors.New("crm: no job runner")
	}
	tx, err := s.DB.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	j, err := s.Jobs.Enqueue(ctx, tx, RecomputeKind, RecomputeArgs{})
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return j, nil
}

// run recomputes and records the time of the run.
func (s *Service) run(ctx context.Context, p *jobs.Progress) (Result, error) {
	p.SetTotal(4)
	p.SetMessage("computing scores")
	res, err := s.Recompute(ctx, func(step int, what string) {
		p.Set(step)
		p.SetMessage(what)
	})
	if err != nil {
		return res, err
	}
	b, _ := json.Marshal(s.now().UTC())
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	err = s.DB.Client.Setting.Create().SetKey(lastRunKey).SetValue(string(b)).
		OnConflictColumns(setting.FieldKey).UpdateValue().UpdateUpdatedAt().Exec(sys)
	return res, err
}

// LastRun says when the scores were last recomputed (zero when never).
func (s *Service) LastRun(ctx context.Context) (time.Time, error) {
	row, err := s.DB.Client.Setting.Query().Where(setting.Key(lastRunKey)).Only(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		if ent.IsNotFound(err) {
			return time.Time{}, nil
		}
		return time.Time{}, err
	}
	var t time.Time
	if err := json.Unmarshal([]byte(row.Value), &t); err != nil {
		return time.Time{}, fmt.Errorf("crm: last run: %w", err)
	}
	return t, nil
}

type recomputeWorker struct {
	river.WorkerDefaults[RecomputeArgs]
	s *Service
}

func (w *recomputeWorker) Work(ctx context.Context, _ *river.Job[RecomputeArgs]) error {
	p := jobs.ProgressFrom(ctx)
	res, err := w.s.run(ctx, p)
	if err != nil {
		return err
	}
	p.SetResult(map[string]any{"customers": res.Customers, "scored": res.Scored, "changed": res.Changed, "tierChanges": res.TierChanges})
	return nil
}

type tickWorker struct {
	river.WorkerDefaults[TickArgs]
	s *Service
}

func (w *tickWorker) Work(ctx context.Context, _ *river.Job[TickArgs]) error {
	ran, res, err := w.s.RecomputeIfDue(ctx)
	if err != nil {
		return err
	}
	if !ran {
		return river.RecordOutput(ctx, map[string]bool{"due": false})
	}
	return river.RecordOutput(ctx, res)
}

// RecomputeIfDue recomputes when the settings' RecomputeMinutes have passed
// since the last run (or there was none); ran says whether it did.
func (s *Service) RecomputeIfDue(ctx context.Context) (ran bool, res Result, err error) {
	sc, err := s.Settings.GetScores(ctx)
	if err != nil {
		return false, res, err
	}
	last, err := s.LastRun(ctx)
	if err != nil {
		return false, res, err
	}
	if !last.IsZero() && s.now().Sub(last) < time.Duration(sc.RecomputeMinutes)*time.Minute {
		return false, res, nil
	}
	res, err = s.run(ctx, jobs.ProgressFrom(ctx))
	return err == nil, res, err
}

// AddWorkers registers the recompute workers.
func (s *Service) AddWorkers(w *river.Workers) error {
	if err := river.AddWorkerSafely(w, &recomputeWorker{s: s}); err != nil {
		return err
	}
	return river.AddWorkerSafely(w, &tickWorker{s: s})
}

// PeriodicJobs is the schedule of the recompute check.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(TickInterval),
		func() (river.JobArgs, *river.InsertOpts) { return TickArgs{}, nil },
		&river.PeriodicJobOpts{ID: TickKind, RunOnStart: true})}
}
