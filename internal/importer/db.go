package importer

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/viewer"
)

// DefaultBatch is how many rows one multi-row INSERT writes.
const DefaultBatch = 500

// Importer imports CSV files into one database. Writes bypass ent (and so
// its privacy policy and hooks) for speed: the importer checks who may
// import itself and writes the history rows of updates itself.
type Importer struct {
	DB *store.DB
	// Now tells created_at and updated_at; nil is time.Now.
	Now func() time.Time
	// Batch is the number of rows per INSERT; 0 is DefaultBatch.
	Batch int
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now().UTC()
	}
	return time.Now().UTC()
}

func (im *Importer) batch() int {
	if im.Batch > 0 {
		return im.Batch
	}
	return DefaultBatch
}

// mayImport: admins and account managers import; marketers only read
// customers, members never see others'. Kith itself (the import command)
// may.
func mayImport(ctx context.Context) error {
	if d, ok := privacy.DecisionFromContext(ctx); ok && d == nil { // Allow reads back as nil
		return nil
	}
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return errs.E(errs.Unauthenticated, "sign in to import")
	}
	if v.IsAdmin() || v.Role == viewer.RoleManager {
		return nil
	}
	return errs.E(errs.Forbidden, "only admins and account managers may import")
}

// placeholders writes "(p1,…,pn),(…)" for rows of n columns, in the
// dialect's style.
func placeholders(dia string, rows, cols int) string {
	var b strings.Builder
	k := 1
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteByte(',')
			}
			if dia == dialect.Postgres {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(k))
			} else {
				b.WriteByte('?')
			}
			k++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// inList writes "(p,…)" for n values starting at parameter start (1-based).
func inList(dia string, start, n int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		if dia == dialect.Postgres {
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(start + i))
		} else {
			b.WriteByte('?')
		}
	}
	b.WriteByte(')')
	return b.String()
}

// param returns the i-th (1-based) placeholder.
func param(dia string, i int) string {
	if dia == dialect.Postgres {
		return "$" + strconv.Itoa(i)
	}
	return "?"
}

// nullable stores an empty string as NULL, as ent does for an unset
// optional field.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
