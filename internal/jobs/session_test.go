package jobs_test

import (
	"context"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/session"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// session.cleanup, run by River as a periodic job on start, deletes the
// expired sessions and only those.
func TestSessionCleanup_DeletesOnlyExpired(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sys(context.Background())
		now := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
		u := db.Client.User.Create().SetEmail("s@example.com").SetPasswordHash("x").SaveX(ctx)
		mk := func(tok string, expires time.Time) int {
			return db.Client.Session.Create().SetTokenHash([]byte(tok)).SetUserID(u.ID).SetExpiresAt(expires).SaveX(ctx).ID
		}
		mk("old", now.Add(-30*24*time.Hour))
		mk("just", now.Add(-time.Second))
		live := mk("live", now.Add(time.Hour))

		opts := testOptions()
		opts.Now = func() time.Time { return now }
		f := setup(t, db, nil, opts)
		f.start(t)

		deadline := time.Now().Add(wait)
		for db.Client.Session.Query().CountX(ctx) != 1 {
			if time.Now().After(deadline) {
				t.Fatalf("sessions left = %d, want 1", db.Client.Session.Query().CountX(ctx))
			}
			time.Sleep(50 * time.Millisecond)
		}
		if ids := db.Client.Session.Query().IDsX(ctx); ids[0] != live {
			t.Fatalf("kept session %v, want the live one %d", ids, live)
		}
		// Again: nothing left to delete, nothing else touched.
		n, err := jobs.DeleteExpiredSessions(context.Background(), db.Client, now)
		if err != nil || n != 0 {
			t.Fatalf("second cleanup deleted %d, %v", n, err)
		}
		if !db.Client.Session.Query().Where(session.ID(live)).ExistX(ctx) {
			t.Fatal("live session deleted")
		}
	})
}

// Batches: more expired sessions than one statement deletes.
func TestDeleteExpiredSessions_Batches(t *testing.T) {
	db := testdb.Open(t, dialect.SQLite)
	ctx := sys(context.Background())
	now := time.Now()
	u := db.Client.User.Create().SetEmail("b@example.com").SetPasswordHash("x").SaveX(ctx)
	bulk := make([]*ent.SessionCreate, 0, 2500)
	for i := range 2500 {
		bulk = append(bulk, db.Client.Session.Create().SetTokenHash([]byte{byte(i), byte(i >> 8), 1}).SetUserID(u.ID).SetExpiresAt(now.Add(-time.Minute)))
	}
	db.Client.Session.CreateBulk(bulk...).ExecX(ctx)
	db.Client.Session.Create().SetTokenHash([]byte("live")).SetUserID(u.ID).SetExpiresAt(now.Add(time.Hour)).ExecX(ctx)
	n, err := jobs.DeleteExpiredSessions(context.Background(), db.Client, now)
	if err != nil || n != 2500 {
		t.Fatalf("deleted %d, %v; want 2500", n, err)
	}
	if left := db.Client.Session.Query().CountX(ctx); left != 1 {
		t.Fatalf("left %d, want 1", left)
	}
}
