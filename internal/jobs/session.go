package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/session"
)

// SessionCleanupKind is the River kind of the periodic session cleanup.
const SessionCleanupKind = "session.cleanup"

// sessionCleanupBatch is how many sessions one statement deletes, so that on
// SQLite the API never waits long for the write lock.
const sessionCleanupBatch = 1000

// SessionCleanupArgs deletes every session that has expired. The runner
// schedules it every Options.SessionCleanupInterval; it has no Job row.
type SessionCleanupArgs struct{}

// Kind implements river.JobArgs.
func (SessionCleanupArgs) Kind() string { return SessionCleanupKind }

// InsertOpts runs it on the maintenance queue and does not retry it for
// long: the next run does the same work. (A new leader's first run may
// overlap the last one of the old leader; deleting twice is harmless.)
func (SessionCleanupArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMaintenance, MaxAttempts: 3}
}

type sessionCleanupWorker struct {
	river.WorkerDefaults[SessionCleanupArgs]
	client *ent.Client
	now    func() time.Time
}

// Work deletes expired sessions in batches. Running it twice is harmless.
func (w *sessionCleanupWorker) Work(ctx context.Context, _ *river.Job[SessionCleanupArgs]) error {
	n, err := DeleteExpiredSessions(ctx, w.client, w.now())
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, map[string]int{"deleted": n})
}

// DeleteExpiredSessions deletes the sessions that expired at or before now
// and returns how many it deleted.
func DeleteExpiredSessions(ctx context.Context, client *ent.Client, now time.Time) (int, error) {
	sys := systemContext(ctx)
	total := 0
	for {
		ids, err := client.Session.Query().Where(session.ExpiresAtLTE(now)).
			Limit(sessionCleanupBatch).IDs(sys)
		if err != nil {
			return total, fmt.Errorf("jobs: finding expired sessions: %w", err)
		}
		if len(ids) == 0 {
			return total, nil
		}
		n, err := client.Session.Delete().Where(session.IDIn(ids...)).Exec(sys)
		total += n
		if err != nil {
			return total, fmt.Errorf("jobs: deleting expired sessions: %w", err)
		}
		if len(ids) < sessionCleanupBatch {
			return total, nil
		}
	}
}
