package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// exportCustomers serves GET /export/customers.csv?where=…&orderBy=…: the
// customers the caller may see that match where (a CustomerWhereInput as
// JSON) in orderBy's order ({"field":"NAME","direction":"ASC"}), as CSV,
// streamed page by page. Authenticated like /query; errors before the first
// row are JSON with extensions.code as from /query.
func (s *Server) exportCustomers(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET")
		writeGraphQLErrorAs(w, mediaJSON, http.StatusMethodNotAllowed, errs.Invalid, "", "use GET")
		return
	}
	q := r.URL.Query()
	var where *ent.CustomerWhereInput
	// Only staff export (ExportCustomers answers the others); checking their
	// filter first would tell anyone which custom fields exist.
	if raw := q.Get("where"); raw != "" && viewer.FromContext(r.Context()).IsStaff() {
		// hasOverdueReceivables is no column of ent's input (GraphQL resolves
		// it into a predicate); at the top level it is honoured here too.
		var overdue *bool
		var top map[string]json.RawMessage
		if json.Unmarshal([]byte(raw), &top) == nil {
			if v, ok := top["hasOverdueReceivables"]; ok {
				overdue = new(bool)
				if json.Unmarshal(v, &overdue) != nil {
					writeGraphQLErrorAs(w, mediaJSON, http.StatusBadRequest, errs.Invalid, "where", "hasOverdueReceivables must be true, false or null")
					return
				}
				delete(top, "hasOverdueReceivables")
				b, _ := json.Marshal(top)
				raw = string(b)
			}
		}
		var err error
		if where, err = s.resolver.Customers.ParseWhere(r.Context(), []byte(raw)); err != nil {
			e, ok := errs.As(err)
			if !ok {
				s.cfg.Logger.Error("export", "err", err)
				writeGraphQLErrorAs(w, mediaJSON, http.StatusInternalServerError, errs.Internal, "", "internal error")
				return
			}
			writeGraphQLErrorAs(w, mediaJSON, http.StatusBadRequest, errs.Invalid, e.Field, e.Message)
			return
		}
		if err := s.resolver.Invoicing.FilterOverdue(r.Context(), where, overdue); err != nil {
			writeGraphQLErrorAs(w, mediaJSON, http.StatusForbidden, errs.Forbidden, "where", "you may not filter by receivables")
			return
		}
	}
	var order *ent.CustomerOrder
	if raw := q.Get("orderBy"); raw != "" {
		var o struct{ Field, Direction string }
		order = &ent.CustomerOrder{Field: new(ent.CustomerOrderField)}
		if err := json.Unmarshal([]byte(raw), &o); err != nil || order.Field.UnmarshalGQL(o.Field) != nil {
			writeGraphQLErrorAs(w, mediaJSON, http.StatusBadRequest, errs.Invalid, "orderBy", `orderBy must be like {"field":"NAME","direction":"ASC"}`)
			return
		}
		order.Direction = ent.OrderDirection(strings.ToUpper(o.Direction))
		if order.Direction == "" {
			order.Direction = "ASC"
		}
		if order.Direction.Validate() != nil {
			writeGraphQLErrorAs(w, mediaJSON, http.StatusBadRequest, errs.Invalid, "orderBy", "direction must be ASC or DESC")
			return
		}
	}
	lw := &lazyCSV{w: w}
	_, err := s.resolver.Imports.Importer.ExportCustomers(r.Context(), lw, where, order)
	if err == nil {
		lw.start()
		return
	}
	if lw.started {
		// Half a file must not look like a whole one: break the connection.
		s.cfg.Logger.Error("export: failed while streaming", "err", err)
		panic(http.ErrAbortHandler)
	}
	e, ok := errs.As(err)
	if !ok {
		s.cfg.Logger.Error("export", "err", err)
		writeGraphQLErrorAs(w, mediaJSON, http.StatusInternalServerError, errs.Internal, "", "internal error")
		return
	}
	status := map[errs.Code]int{errs.Unauthenticated: http.StatusUnauthorized, errs.Forbidden: http.StatusForbidden}[e.Code]
	if status == 0 {
		status = http.StatusBadRequest
	}
	writeGraphQLErrorAs(w, mediaJSON, status, e.Code, e.Field, e.Message)
}

// lazyCSV sends the CSV headers with the first bytes, so an error found
// before them can still be answered as an error.
type lazyCSV struct {
	w       http.ResponseWriter
	started bool
}

func (l *lazyCSV) start() {
	if l.started {
		return
	}
	l.started = true
	h := l.w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="customers.csv"`)
	h.Set("Cache-Control", "no-store")
	l.w.WriteHeader(http.StatusOK)
	// A BOM, so spreadsheet programs read the file as UTF-8 (Chinese names).
	l.w.Write([]byte("\uFEFF")) //nolint:errcheck
}

func (l *lazyCSV) Write(p []byte) (int, error) {
	l.start()
	n, err := l.w.Write(p)
	if f, ok := l.w.(http.Flusher); ok && bytes.IndexByte(p, '\n') >= 0 {
		f.Flush()
	}
	return n, err
}
