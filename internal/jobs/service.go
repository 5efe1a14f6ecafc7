package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/pubsub"
)

// Service shows jobs to the people who may see them: their creator and
// admins, as the Job privacy policy says. It needs no Runner, so any replica
// serves jobProgress whichever one works the job.
type Service struct {
	Client *ent.Client
	Bus    *pubsub.Bus
}

// refreshEvery rereads a followed job even without an event, in case one was
// lost; events normally arrive well before.
const refreshEvery = 15 * time.Second

// Subscribe follows job id for the viewer in ctx: the channel first carries
// the job as it is, then the job each time it changes, and closes after a
// terminal status (SUCCEEDED, FAILED, CANCELLED) or when ctx ends. A job the
// viewer may not see is NOT_FOUND, exactly like a missing one.
func (s *Service) Subscribe(ctx context.Context, id int) (<-chan *ent.Job, error) {
	// Subscribe before reading, so no change between the two is missed.
	sub := s.Bus.Subscribe(Topic(id), 8)
	j, err := s.Client.Job.Get(ctx, id)
	if err != nil {
		sub.Close()
		if ent.IsNotFound(err) {
			return nil, errs.E(errs.NotFound, "job not found")
		}
		return nil, err
	}
	out := make(chan *ent.Job, 1)
	go s.follow(ctx, id, sub, j, out)
	return out, nil
}

func (s *Service) follow(ctx context.Context, id int, sub *pubsub.Subscription, last *ent.Job, out chan<- *ent.Job) {
	defer close(out)
	defer func() { sub.Close() }()
	if !send(ctx, out, last) || terminal(last.Status) {
		return
	}
	tick := time.NewTicker(refreshEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case _, ok := <-sub.C():
			if !ok {
				if !errors.Is(sub.Err(), pubsub.ErrSlowConsumer) {
					return // the bus is closing
				}
				// Events were dropped; they only said "reread", which
				// follows anyway.
				sub = s.Bus.Subscribe(Topic(id), 8)
			}
			drain(sub) // one reread covers every event queued so far
		}
		j, err := s.Client.Job.Get(ctx, id)
		switch {
		case ctx.Err() != nil || ent.IsNotFound(err):
			return
		case err != nil:
			continue // the next event or tick tries again
		}
		if changed(last, j) {
			if !send(ctx, out, j) {
				return
			}
			last = j
		}
		if terminal(j.Status) {
			return
		}
	}
}

func send(ctx context.Context, out chan<- *ent.Job, j *ent.Job) bool {
	select {
	case out <- j:
		return true
	case <-ctx.Done():
		return false
	}
}

func drain(sub *pubsub.Subscription) {
	for {
		select {
		case _, ok := <-sub.C():
			if !ok {
				return
			}
		default:
			return
		}
	}
}

// changed reports whether b shows something a has not.
func changed(a, b *ent.Job) bool {
	return a.Status != b.Status || a.ProgressDone != b.ProgressDone || a.ProgressTotal != b.ProgressTotal ||
		a.Message != b.Message || a.Error != b.Error || !a.UpdatedAt.Equal(b.UpdatedAt)
}
