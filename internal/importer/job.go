package importer

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"entgo.io/ent/privacy"
	"github.com/riverqueue/river"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/importchunk"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/viewer"
)

// MaxUpload is the largest file an import accepts.
const MaxUpload = 100 << 20

// chunkSize is how much of an upload one ImportChunk row holds.
const chunkSize = 1 << 20

// Job kinds, as Job.kind shows them.
const (
	KindCustomers = "import.customers"
	KindOrders    = "import.orders"
)

// Args is the River job of one import. The file waits in ImportChunk rows
// under UploadKey; the job acts as the user who uploaded it, with the role
// that user has when the job runs.
type Args struct {
	UploadKey string `json:"upload_key"`
	What      string `json:"what"` // KindCustomers or KindOrders
	Mode      Mode   `json:"mode,omitempty"`
	UserID    int    `json:"user_id"`
	// Size is the file's length in bytes: the job's progress counts bytes
	// read, the one measure known before the rows are.
	Size int `json:"size"`
}

// Kind is River's name of the job.
func (Args) Kind() string { return "import" }

// InsertOpts: a bad file is an answer, not a failure, so retries are only
// for crashes and lost connections.
func (Args) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 3} }

// Enqueuer inserts a job in a transaction; *jobs.Runner is one.
type Enqueuer interface {
	Enqueue(ctx context.Context, tx *ent.Tx, kind string, args river.JobArgs) (*ent.Job, error)
}

// Service starts import jobs from uploads and works them.
type Service struct {
	Importer *Importer
	// Jobs enqueues; set once the process's runner exists. Without it,
	// Start answers INTERNAL.
	Jobs Enqueuer
	// MaxBytes is the largest upload; 0 is MaxUpload.
	MaxBytes int
}

// Start stores the file read from r in the database (up to MaxUpload) and
// enqueues its import, and returns the job. kind is KindCustomers or
// KindOrders. Admins and account managers may import.
//
// Each chunk is written in its own short statement, not in one transaction
// spanning the upload: on SQLite that would hold the only write lock for as
// long as the network takes to deliver 100 MiB. The job is enqueued only
// once the whole file is stored; a failed upload deletes its chunks, and
// chunks a crash left behind are deleted by the next upload a day later.
func (s *Service) Start(ctx context.Context, kind string, mode Mode, r io.Reader) (*ent.Job, error) {
	if err := mayImport(ctx); err != nil {
		return nil, err
	}
	if s.Jobs == nil {
		return nil, errors.New("importer: no job runner")
	}
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	uploadKey := hex.EncodeToString(key)
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	c := s.Importer.DB.Client
	if _, err := c.ImportChunk.Delete().Where(importchunk.CreatedAtLT(s.Importer.now().Add(-staleUpload))).Exec(sys); err != nil {
		return nil, err
	}
	stored := false
	defer func() {
		if !stored {
			// The client went away or the file was refused: forget it.
			_, _ = c.ImportChunk.Delete().Where(importchunk.UploadKey(uploadKey)).Exec(context.WithoutCancel(sys))
		}
	}()
	buf := make([]byte, chunkSize)
	total := 0
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(r, buf)
		total += n
		if limit := cmp.Or(s.MaxBytes, MaxUpload); total > limit {
			return nil, errs.Field("file", "the file is larger than %d MiB", limit>>20)
		}
		if n > 0 {
			if err := c.ImportChunk.Create().SetUploadKey(uploadKey).SetSeq(seq).SetData(bytes.Clone(buf[:n])).Exec(sys); err != nil {
				return nil, err
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if _, ok := errs.As(err); ok {
			return nil, err
		}
		if err != nil {
			return nil, errs.Field("file", "the upload broke off: %v", err)
		}
	}
	if total == 0 {
		return nil, errs.Field("file", "the file is empty")
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	j, err := s.Jobs.Enqueue(ctx, tx, kind, Args{UploadKey: uploadKey, What: kind, Mode: mode, Size: total, UserID: viewer.FromContext(ctx).UserID})
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	stored = true
	return j, nil
}

// staleUpload is how old chunks are when no job can still want them.
const staleUpload = 24 * time.Hour

// Worker works import jobs.
type Worker struct {
	river.WorkerDefaults[Args]
	Service *Service
}

// Work imports the uploaded file as its uploader. A file the importer
// refuses, or bad rows, end the job SUCCEEDED with the report in its result
// (written false): the job did its work, the file was wrong. The chunks are
// deleted after a committed import or a refused file.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	a := job.Args
	im := w.Service.Importer
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	u, err := im.DB.Client.User.Get(sys, a.UserID)
	if err != nil {
		return river.JobCancel(fmt.Errorf("importer: the uploader is gone: %w", err))
	}
	vctx := viewer.NewContext(ctx, viewer.Viewer{UserID: u.ID, Role: viewer.Role(u.Role)})
	p := jobs.ProgressFrom(ctx)
	p.SetTotal(a.Size)
	p.SetMessage("importing")
	r := &chunkReader{ctx: sys, client: im.DB.Client, key: a.UploadKey, size: a.Size}
	progress := func(rows int) {
		p.Set(r.read)
		p.SetMessage(fmt.Sprintf("%d rows read", rows))
	}
	var res *Result
	switch a.What {
	case KindCustomers:
		res, err = im.Customers(vctx, r, a.Mode, progress)
	case KindOrders:
		res, err = im.Orders(vctx, r, progress)
	default:
		return river.JobCancel(fmt.Errorf("importer: unknown kind %q", a.What))
	}
	var fe *FileError
	switch {
	case errors.As(err, &fe):
		res = &Result{Kind: strings.TrimPrefix(a.What, "import."), Mode: a.Mode, ErrorCount: 1,
			Errors: []RowError{{Line: fe.Line, Field: fe.Field, Code: fe.Code, Message: fe.Message}}}
	case errs.CodeOf(err) == errs.Forbidden || errs.CodeOf(err) == errs.Unauthenticated:
		return river.JobCancel(err)
	case err != nil:
		return err
	}
	p.Set(a.Size)
	if a.What == KindOrders {
		res.Mode = ""
	}
	p.SetResult(res.Map())
	if res.Written {
		p.SetMessage(fmt.Sprintf("imported %d rows", res.Rows))
	} else {
		p.SetMessage(fmt.Sprintf("nothing imported: %d errors", res.ErrorCount))
	}
	if _, err := im.DB.Client.ImportChunk.Delete().Where(importchunk.UploadKey(a.UploadKey)).Exec(sys); err != nil {
		return fmt.Errorf("importer: deleting the upload: %w", err)
	}
	return nil
}

// chunkReader reads an upload back from its chunks, one row at a time.
type chunkReader struct {
	ctx    context.Context
	client *ent.Client
	key    string
	seq    int
	size   int // the upload's length: fewer bytes mean chunks went missing
	read   int // bytes handed out
	buf    []byte
	done   bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.done {
			return 0, io.EOF
		}
		ch, err := c.client.ImportChunk.Query().
			Where(importchunk.UploadKey(c.key), importchunk.Seq(c.seq)).Only(c.ctx)
		if ent.IsNotFound(err) {
			if c.read != c.size {
				// Importing part of a file would be worse than nothing.
				return 0, fmt.Errorf("importer: upload %s is incomplete (%d of %d bytes)", c.key, c.read, c.size)
			}
			c.done = true
			continue
		}
		if err != nil {
			return 0, err
		}
		c.seq++
		c.buf = ch.Data
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	c.read += n
	return n, nil
}

// ResultOf decodes the import result a finished job holds; nil when it has
// none.
func ResultOf(j *ent.Job) (*Result, error) {
	if j.Result == nil || (j.Kind != KindCustomers && j.Kind != KindOrders) {
		return nil, nil
	}
	b, err := json.Marshal(j.Result)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	if r.Errors == nil {
		r.Errors = []RowError{}
	}
	return &r, nil
}
