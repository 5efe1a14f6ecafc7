package importer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/importchunk"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// enqueuer records the job instead of queueing it.
type enqueuer struct{ args []importer.Args }

func (e *enqueuer) Enqueue(ctx context.Context, tx *ent.Tx, kind string, args river.JobArgs) (*ent.Job, error) {
	e.args = append(e.args, args.(importer.Args))
	return tx.Job.Create().SetKind(kind).Save(auth.System(ctx))
}

// failing reads some bytes, then fails like a dropped connection.
type failing struct{ n int }

func (f *failing) Read(p []byte) (int, error) {
	if f.n > 0 {
		n := min(len(p), f.n)
		f.n -= n
		return n, nil
	}
	return 0, errs.Field("file", "the upload broke off")
}

func TestImportJob_StoresTheUploadInChunksAndImportsIt(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := staff(t, db, viewer.RoleManager)
		sys := auth.System(context.Background())
		q := &enqueuer{}
		svc := &importer.Service{Importer: &importer.Importer{DB: db}, Jobs: q}
		// 3 MiB of rows: several chunks.
		var b strings.Builder
		b.WriteString("name,email\n")
		for i := 0; b.Len() < 3<<20; i++ {
			fmt.Fprintf(&b, "Customer %d with a long name to fill the file up quickly,c%d@example.com\n", i, i)
		}
		if _, err := svc.Start(ctx, importer.KindCustomers, importer.ModeStop, strings.NewReader(b.String())); err != nil {
			t.Fatal(err)
		}
		if len(q.args) != 1 || q.args[0].Size != b.Len() {
			t.Fatalf("enqueued %+v", q.args)
		}
		if n := db.Client.ImportChunk.Query().CountX(sys); n != 4 {
			t.Fatalf("%d chunks; want 4", n)
		}
		w := &importer.Worker{Service: svc}
		if err := w.Work(context.Background(), &river.Job[importer.Args]{JobRow: &rivertype.JobRow{}, Args: q.args[0]}); err != nil {
			t.Fatal(err)
		}
		if n := db.Client.ImportChunk.Query().CountX(sys); n != 0 {
			t.Errorf("%d chunks left after the import", n)
		}
		if n := db.Client.Customer.Query().CountX(sys); n != strings.Count(b.String(), "\n")-1 {
			t.Errorf("%d customers imported", n)
		}

		// An upload that breaks off leaves nothing and queues nothing.
		if _, err := svc.Start(ctx, importer.KindCustomers, importer.ModeSkip, &failing{n: 2 << 20}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("broken upload: %v", err)
		}
		if n := db.Client.ImportChunk.Query().CountX(sys); n != 0 || len(q.args) != 1 {
			t.Errorf("broken upload left %d chunks, %d jobs", n, len(q.args))
		}

		// A file over the limit is refused and forgotten.
		small := &importer.Service{Importer: svc.Importer, Jobs: q, MaxBytes: 2 << 20}
		if _, err := small.Start(ctx, importer.KindCustomers, importer.ModeSkip, strings.NewReader(b.String())); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("too large: %v", err)
		}
		if n := db.Client.ImportChunk.Query().CountX(sys); n != 0 || len(q.args) != 1 {
			t.Errorf("too large upload left %d chunks, %d jobs", n, len(q.args))
		}

		// A job whose chunks went missing fails rather than import half a file.
		if _, err := svc.Start(ctx, importer.KindCustomers, importer.ModeSkip, strings.NewReader(b.String())); err != nil {
			t.Fatal(err)
		}
		db.Client.ImportChunk.Delete().Where(importchunk.Seq(2)).ExecX(sys)
		if err := w.Work(context.Background(), &river.Job[importer.Args]{JobRow: &rivertype.JobRow{}, Args: q.args[1]}); err == nil || !strings.Contains(err.Error(), "incomplete") {
			t.Fatalf("missing chunk: %v", err)
		}

		// Members may not upload.
		if _, err := svc.Start(staff(t, db, viewer.RoleMember), importer.KindOrders, "", strings.NewReader("x")); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("member: %v", err)
		}
	})
}
