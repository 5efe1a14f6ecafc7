package importer

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/viewer"
)

// customerColumn is one importable column of the customers file: its name
// (the ent field's name) and its longest value in characters.
type customerColumn struct {
	name string
	max  int
}

// CustomerColumns are the columns a customers file may have; only name is
// required. tags holds tags separated by ";" or "|".
var customerColumns = []customerColumn{
	{"name", 200}, {"kind", 20}, {"email", 254}, {"phone", 40}, {"address", 500}, {"region", 100},
	{"legal_representative", 200}, {"occupation", 100}, {"industry", 100}, {"company_size", 50},
	{"service_area", 200}, {"sales_capacity", 200}, {"growth_potential", 200},
	{"business_status", 2000}, {"payment_behaviour", 2000}, {"open_issues", 2000}, {"tags", 2000},
	{"external_ref", 128},
}

// CustomerColumns lists the column names of a customers file.
func CustomerColumns() []string {
	out := make([]string, len(customerColumns))
	for i, c := range customerColumns {
		out[i] = c.name
	}
	return out
}

// custRow is one valid row: values by column (tags as JSON text), and the
// custom field values it gives, normalised (empty cells left out).
type custRow struct {
	line   int
	vals   map[string]string
	custom map[string]any
}

// dupKeys are the normalised keys the three duplicate rules compare.
// An equal external_ref is a duplicate too: orders find their customer by it.
type dupKeys struct{ email, phone, nameRegion, ref string }

func keysOf(email, phone, name, region, ref string) dupKeys {
	return dupKeys{email: normEmail(email), phone: normPhone(phone), nameRegion: normNameRegion(name, region), ref: strings.TrimSpace(ref)}
}

func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// normPhone keeps the digits; numbers of fewer than six digits are too short
// to say two customers are the same.
func normPhone(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() < 6 {
		return ""
	}
	return b.String()
}

// normNameRegion compares names case- and space-insensitively, and only
// when a region is given: a bare name is too common to merge on.
func normNameRegion(name, region string) string {
	region = strings.Join(strings.Fields(strings.ToLower(region)), " ")
	if region == "" {
		return ""
	}
	return strings.Join(strings.Fields(strings.ToLower(name)), " ") + "\x00" + region
}

// dupIndex finds customers by any of the three keys; the value is a
// customer id (from the database) or a negative line number (from the file).
type dupIndex struct{ email, phone, nameRegion, ref map[string]int }

func newDupIndex() *dupIndex {
	return &dupIndex{email: map[string]int{}, phone: map[string]int{}, nameRegion: map[string]int{}, ref: map[string]int{}}
}

func (d *dupIndex) add(k dupKeys, v int) {
	if k.email != "" {
		if _, ok := d.email[k.email]; !ok {
			d.email[k.email] = v
		}
	}
	if k.phone != "" {
		if _, ok := d.phone[k.phone]; !ok {
			d.phone[k.phone] = v
		}
	}
	if k.nameRegion != "" {
		if _, ok := d.nameRegion[k.nameRegion]; !ok {
			d.nameRegion[k.nameRegion] = v
		}
	}
	if k.ref != "" {
		if _, ok := d.ref[k.ref]; !ok {
			d.ref[k.ref] = v
		}
	}
}

// find returns the first match (e-mail, then phone, then name and region)
// and the column it matched on.
func (d *dupIndex) find(k dupKeys) (int, string, bool) {
	if v, ok := d.ref[k.ref]; ok && k.ref != "" {
		return v, "external_ref", true
	}
	if v, ok := d.email[k.email]; ok && k.email != "" {
		return v, "email", true
	}
	if v, ok := d.phone[k.phone]; ok && k.phone != "" {
		return v, "phone", true
	}
	if v, ok := d.nameRegion[k.nameRegion]; ok && k.nameRegion != "" {
		return v, "name", true
	}
	return 0, "", false
}

// validateCustomer checks one record and returns its values, or the row's
// errors. Columns named after an active custom field are checked as its
// definition says.
func validateCustomer(line int, rec []string, cols map[string]int, fields *customer.FieldSet) (custRow, []RowError) {
	var bad []RowError
	vals := make(map[string]string, len(cols))
	for _, c := range customerColumns {
		i, ok := cols[c.name]
		if !ok {
			continue
		}
		v := strings.TrimSpace(rec[i])
		if utf8.RuneCountInString(v) > c.max {
			bad = append(bad, RowError{line, c.name, CodeInvalid, fmt.Sprintf("at most %d characters", c.max)})
			continue
		}
		vals[c.name] = v
	}
	if vals["name"] == "" {
		bad = append(bad, RowError{line, "name", CodeRequired, "name is required"})
	}
	// An empty kind stays empty, so UPDATE leaves the existing one; a new
	// customer gets PERSON when inserted.
	switch k := strings.ToUpper(vals["kind"]); k {
	case "":
	case "PERSON", "ORGANISATION", "ORGANIZATION":
		vals["kind"] = strings.Replace(k, "IZ", "IS", 1)
	default:
		bad = append(bad, RowError{line, "kind", CodeInvalid, "kind must be PERSON or ORGANISATION"})
	}
	if e := vals["email"]; e != "" {
		a, err := mail.ParseAddress(e)
		if err != nil || a.Address != e {
			bad = append(bad, RowError{line, "email", CodeInvalid, "not a valid e-mail address"})
		} else {
			vals["email"] = strings.ToLower(e)
		}
	}
	if t, ok := vals["tags"]; ok {
		vals["tags"] = tagsJSON(t)
	}
	var custom map[string]any
	for _, def := range fields.Active() {
		i, ok := cols[def.Key]
		if !ok {
			continue
		}
		v, err := customer.ParseText(def, rec[i])
		if err != nil {
			bad = append(bad, RowError{line, def.Key, CodeInvalid, errMessage(err)})
			continue
		}
		if v != nil {
			if custom == nil {
				custom = map[string]any{}
			}
			custom[def.Key] = v
		}
	}
	return custRow{line: line, vals: vals, custom: custom}, bad
}

// errMessage is the words of a domain error, without its field.
func errMessage(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Message
	}
	return err.Error()
}

// tagsJSON splits "a; b|c" into a JSON array of distinct tags; "" for none.
func tagsJSON(s string) string {
	seen := map[string]bool{}
	var tags []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		t = strings.TrimSpace(t)
		if t != "" && !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	if len(tags) == 0 {
		return ""
	}
	b, _ := json.Marshal(tags)
	return string(b)
}

// insertColumns are written for every new customer, in this order.
var insertColumns = []string{"created_at", "updated_at", "risk_level", "value_tier", "blacklisted",
	"name", "kind", "email", "phone", "address", "region", "legal_representative", "occupation",
	"industry", "company_size", "service_area", "sales_capacity", "growth_potential",
	"business_status", "payment_behaviour", "open_issues", "tags", "external_ref", "custom_fields"}

// customerRun is the state of one customers import.
type customerRun struct {
	im       *Importer
	ctx      context.Context
	tx       queryer
	res      *Result
	mode     Mode
	actor    int
	fields   *customer.FieldSet
	existing *dupIndex
	inFile   *dupIndex
	inserts  []custRow
	updates  []custUpdate
}

type custUpdate struct {
	id  int
	row custRow
}

// Customers imports a customers CSV from r in one transaction. mode decides
// duplicates. progress, if not nil, is told how many rows were read so far.
// The error is nil when the file was read to the end, whether or not rows
// were bad (see Result.Errors); a *FileError means the file as a whole is
// unusable. Admins and account managers may import.
func (im *Importer) Customers(ctx context.Context, r io.Reader, mode Mode, progress func(rows int)) (*Result, error) {
	if err := mayImport(ctx); err != nil {
		return nil, err
	}
	if mode == "" {
		mode = ModeSkip
	}
	res := &Result{Kind: "customers", Mode: mode, Errors: []RowError{}}
	fields, err := customer.LoadFieldSet(ctx, im.DB.Client)
	if err != nil {
		return nil, err
	}
	tx, err := im.DB.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stx, err := store.SQLTx(tx)
	if err != nil {
		return nil, err
	}
	run := &customerRun{im: im, ctx: ctx, tx: stx, res: res, mode: mode,
		actor: viewer.FromContext(ctx).UserID, fields: fields, inFile: newDupIndex()}
	// The keys of every existing customer, read once: one query, not one
	// per row. About 100 bytes per customer.
	if run.existing, err = loadKeys(ctx, stx); err != nil {
		return nil, err
	}

	rr := newRowReader(r)
	rec, _, err := rr.next()
	if err == io.EOF {
		return nil, &FileError{Line: 1, Code: "MISSING_HEADER", Message: "the file is empty"}
	}
	if err != nil {
		return nil, asFileError(err)
	}
	known := CustomerColumns()
	for _, def := range fields.Active() {
		known = append(known, def.Key)
	}
	cols, err := header(rec, known, []string{"name"})
	if err != nil {
		return nil, err
	}
	for {
		rec, line, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil && !isParseError(err) {
			return nil, err // a *FileError, or the reading failed
		}
		res.Rows++
		if err != nil {
			res.addError(RowError{Line: line, Code: CodeBadRow, Message: csvMessage(err)})
			continue
		}
		if progress != nil && res.Rows%1000 == 0 {
			progress(res.Rows)
		}
		row, bad := validateCustomer(line, rec, cols, fields)
		if len(bad) > 0 {
			for _, e := range bad {
				res.addError(e)
			}
			continue
		}
		if err := run.place(row); err != nil {
			return nil, err
		}
	}
	if err := run.flush(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(res.Rows)
	}
	if res.ErrorCount > 0 {
		res.Created, res.Updated = 0, 0
		sortErrors(res)
		return res, nil
	}
	if err := audit.Record(ctx, tx.Client(), "customers.import", "", 0, map[string]any{
		"mode": string(mode), "rows": res.Rows, "created": res.Created, "updated": res.Updated, "skipped": res.Skipped,
	}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	res.Written = true
	return res, nil
}

// place decides what a valid row becomes: a new customer, an update, a
// skipped row or a duplicate error.
func (run *customerRun) place(row custRow) error {
	res := run.res
	k := keysOf(row.vals["email"], row.vals["phone"], row.vals["name"], row.vals["region"], row.vals["external_ref"])
	if line, col, ok := run.inFile.find(k); ok {
		res.Duplicates++
		if run.mode == ModeStop {
			res.addError(RowError{row.line, col, CodeDuplicate, fmt.Sprintf("same %s as line %d", ruleName(col), line)})
		} else {
			res.Skipped++
		}
		return nil
	}
	run.inFile.add(k, row.line)
	if id, col, ok := run.existing.find(k); ok {
		res.Duplicates++
		switch run.mode {
		case ModeStop:
			res.addError(RowError{row.line, col, CodeDuplicate, fmt.Sprintf("same %s as customer %d", ruleName(col), id)})
		case ModeSkip:
			res.Skipped++
		case ModeUpdate:
			run.updates = append(run.updates, custUpdate{id, row})
			if len(run.updates) >= run.im.batch() {
				return run.flush()
			}
		}
		return nil
	}
	// A new customer needs its required custom fields; an update of an
	// existing one leaves what the file does not give alone.
	missing := false
	for _, def := range run.fields.Active() {
		if _, ok := row.custom[def.Key]; def.Required && !ok {
			res.addError(RowError{row.line, def.Key, CodeRequired, def.Key + " is required for a new customer"})
			missing = true
		}
	}
	if missing {
		return nil
	}
	run.inserts = append(run.inserts, row)
	if len(run.inserts) >= run.im.batch() {
		return run.flush()
	}
	return nil
}

func ruleName(col string) string {
	switch col {
	case "email":
		return "e-mail"
	case "phone":
		return "phone number"
	case "external_ref":
		return "external_ref"
	}
	return "name and region"
}

// flush writes the pending rows, unless a row was bad: then nothing will be
// committed and writing would only cost time.
func (run *customerRun) flush() error {
	defer func() { run.inserts, run.updates = run.inserts[:0], run.updates[:0] }()
	if run.res.ErrorCount > 0 {
		return nil
	}
	if err := run.insert(run.inserts); err != nil {
		return err
	}
	return run.update(run.updates)
}

func (run *customerRun) insert(rows []custRow) error {
	if len(rows) == 0 {
		return nil
	}
	dia := run.im.DB.Dialect
	now := run.im.now()
	args := make([]any, 0, len(rows)*len(insertColumns))
	for _, r := range rows {
		args = append(args, now, now, "NORMAL", "ORDINARY", false)
		for _, c := range insertColumns[5:] {
			v := r.vals[c]
			switch {
			case c == "kind" && v == "":
				v = "PERSON"
			case c == "custom_fields" && len(r.custom) > 0:
				b, err := json.Marshal(r.custom)
				if err != nil {
					return err
				}
				v = string(b)
			}
			args = append(args, nullable(v))
		}
	}
	q := "INSERT INTO customers (" + strings.Join(insertColumns, ", ") + ") VALUES " + placeholders(dia, len(rows), len(insertColumns))
	if _, err := run.tx.ExecContext(run.ctx, q, args...); err != nil {
		return fmt.Errorf("importer: inserting customers: %w", err)
	}
	run.res.Created += len(rows)
	return nil
}

// update fills existing customers with the rows' non-empty values and writes
// a field_changes row for each value that changed, as the history hook would.
func (run *customerRun) update(ups []custUpdate) error {
	if len(ups) == 0 {
		return nil
	}
	dia := run.im.DB.Dialect
	fields := insertColumns[5:]
	ids := make([]any, len(ups))
	for i, u := range ups {
		ids[i] = u.id
	}
	cur, err := loadRows(run.ctx, run.tx, dia, fields, ids)
	if err != nil {
		return err
	}
	now := run.im.now()
	var history []any
	for _, u := range ups {
		old := cur[u.id]
		var set []string
		var args []any
		for _, f := range fields {
			if f == "custom_fields" {
				cf, changes, err := mergeCustom(old[f], u.row.custom)
				if err != nil {
					return fmt.Errorf("importer: customer %d: %w", u.id, err)
				}
				if len(changes) == 0 {
					continue
				}
				args = append(args, cf)
				set = append(set, f+" = "+param(dia, len(args)))
				for _, ch := range changes {
					history = append(history, now, "Customer", u.id, f+"."+ch[0], ch[1], ch[2], nullableInt(run.actor))
				}
				continue
			}
			nv := u.row.vals[f]
			if nv == "" || nv == old[f] || (f == "tags" && sameJSON(nv, old[f])) {
				continue
			}
			args = append(args, nv)
			set = append(set, f+" = "+param(dia, len(args)))
			history = append(history, now, "Customer", u.id, f, encodeValue(f, old[f]), encodeValue(f, nv), nullableInt(run.actor))
		}
		if len(set) == 0 {
			continue
		}
		args = append(args, now, u.id)
		q := "UPDATE customers SET " + strings.Join(set, ", ") + ", updated_at = " + param(dia, len(args)-1) + " WHERE id = " + param(dia, len(args))
		if _, err := run.tx.ExecContext(run.ctx, q, args...); err != nil {
			return fmt.Errorf("importer: updating customer %d: %w", u.id, err)
		}
		run.res.Updated++
	}
	// History rows, many per INSERT.
	const hcols = 7
	for len(history) > 0 {
		n := min(len(history)/hcols, 1000)
		q := "INSERT INTO field_changes (created_at, entity_type, entity_id, field, old_value, new_value, actor_id) VALUES " + placeholders(dia, n, hcols)
		if _, err := run.tx.ExecContext(run.ctx, q, history[:n*hcols]...); err != nil {
			return fmt.Errorf("importer: recording history: %w", err)
		}
		history = history[n*hcols:]
	}
	return nil
}

// mergeCustom writes the file's custom values over the stored ones (JSON
// text, "" for none) and returns the result as JSON text with the changed keys
// as [key, old, new] in JSON, as the history hook records them.
func mergeCustom(stored string, values map[string]any) (string, [][3]string, error) {
	if len(values) == 0 {
		return "", nil, nil
	}
	cur := map[string]any{}
	if stored != "" && stored != "null" {
		if err := json.Unmarshal([]byte(stored), &cur); err != nil {
			return "", nil, fmt.Errorf("reading custom fields: %w", err)
		}
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var changes [][3]string
	for _, k := range keys {
		o, _ := json.Marshal(cur[k])
		n, _ := json.Marshal(values[k])
		if string(o) == string(n) {
			continue
		}
		changes = append(changes, [3]string{k, string(o), string(n)})
		cur[k] = values[k]
	}
	b, err := json.Marshal(cur)
	return string(b), changes, err
}

func nullableInt(i int) any {
	if i == 0 {
		return nil
	}
	return i
}

// encodeValue encodes a value as the history hook does (JSON); tags are
// already JSON, and an empty value of a NULL column reads as "".
func encodeValue(field, v string) string {
	if field == "tags" {
		if v == "" {
			return "null"
		}
		return v
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func sameJSON(a, b string) bool {
	var x, y []string
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}

// loadRows reads fields of the customers ids, NULL as "".
func loadRows(ctx context.Context, q queryer, dia string, fields []string, ids []any) (map[int]map[string]string, error) {
	sel := make([]string, len(fields))
	for i, f := range fields {
		sel[i] = "COALESCE(CAST(" + f + " AS TEXT), '')"
	}
	rows, err := q.QueryContext(ctx, "SELECT id, "+strings.Join(sel, ", ")+" FROM customers WHERE id IN "+inList(dia, 1, len(ids)), ids...)
	if err != nil {
		return nil, fmt.Errorf("importer: loading customers: %w", err)
	}
	defer rows.Close()
	out := map[int]map[string]string{}
	dest := make([]any, len(fields)+1)
	var id int
	vals := make([]string, len(fields))
	dest[0] = &id
	for i := range vals {
		dest[i+1] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		m := make(map[string]string, len(fields))
		for i, f := range fields {
			m[f] = vals[i]
		}
		out[id] = m
	}
	return out, rows.Err()
}

// loadKeys reads the duplicate keys of every customer in one query.
func loadKeys(ctx context.Context, q queryer) (*dupIndex, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, COALESCE(email, ''), COALESCE(phone, ''), name, COALESCE(region, ''), COALESCE(external_ref, '') FROM customers ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("importer: reading customers: %w", err)
	}
	defer rows.Close()
	d := newDupIndex()
	var id int
	var email, phone, name, region, ref string
	for rows.Next() {
		if err := rows.Scan(&id, &email, &phone, &name, &region, &ref); err != nil {
			return nil, err
		}
		d.add(keysOf(email, phone, name, region, ref), id)
	}
	return d, rows.Err()
}

// asFileError turns a malformed header into a file error; other errors
// (reading failed) pass.
func asFileError(err error) error {
	if isParseError(err) {
		return &FileError{Line: 1, Code: "BAD_HEADER", Message: csvMessage(err)}
	}
	return err
}

func isParseError(err error) bool {
	var pe *csv.ParseError
	return errors.As(err, &pe)
}

// csvMessage turns encoding/csv's errors into words.
func csvMessage(err error) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return "wrong number of fields (the row has more or fewer columns than the header)"
	case errors.Is(pe.Err, csv.ErrBareQuote), errors.Is(pe.Err, csv.ErrQuote):
		return `misplaced quote: a field with a " must be quoted and its quotes doubled ("")`
	}
	return pe.Err.Error()
}

func sortErrors(res *Result) {
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Line < res.Errors[j].Line })
}
