package importer

import (
	"context"
	"fmt"
	"github.com/kith-crm/kith/internal/settings"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kith-crm/kith/ent/schema"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/store"
)

// OrderColumns lists the columns of an orders file. An order names its
// customer by customer_ref (the customer's external_ref), customer_email or
// customer_id (Kith's id), the first one given; amount and
// cost_to_serve are integers in minor units (cents, fen); ordered_at is
// RFC 3339 or YYYY-MM-DD (UTC), default the time of import.
func OrderColumns() []string {
	return []string{"source", "external_id", "customer_ref", "customer_email", "customer_id", "amount", "cost_to_serve",
		"currency", "channel", "product_category", "ordered_at"}
}

type orderRow struct {
	line                       int
	source, externalID         string
	email, ref                 string
	customerID                 int
	amount, cost               int64
	currency, channel, product string
	orderedAt                  time.Time
}

// fingerprint is what makes two imports of one order "the same".
func (o orderRow) fingerprint(customerID int) string {
	return fmt.Sprintf("%d|%d|%d|%s", customerID, o.amount, o.cost, o.currency)
}

var currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)

func validateOrder(line int, rec []string, cols map[string]int, now time.Time) (orderRow, []RowError) {
	get := func(c string) string {
		if i, ok := cols[c]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var bad []RowError
	o := orderRow{line: line, source: get("source"), externalID: get("external_id"),
		email: strings.ToLower(get("customer_email")), ref: get("customer_ref"), currency: strings.ToUpper(get("currency")),
		channel: get("channel"), product: get("product_category"), orderedAt: now}
	lengths := []struct {
		field, v string
		max      int
		required bool
	}{{"source", o.source, 64, true}, {"external_id", o.externalID, 128, true}, {"channel", o.channel, 64, false}, {"product_category", o.product, 100, false}}
	for _, l := range lengths {
		switch {
		case l.required && l.v == "":
			bad = append(bad, RowError{line, l.field, CodeRequired, l.field + " is required"})
		case utf8.RuneCountInString(l.v) > l.max:
			bad = append(bad, RowError{line, l.field, CodeInvalid, fmt.Sprintf("at most %d characters", l.max)})
		}
	}
	if strings.Contains(o.product, schema.CategorySeparator) {
		bad = append(bad, RowError{line, "product_category", CodeInvalid, "product_category may not contain the unit separator (U+001F)"})
	}
	if id := get("customer_id"); id != "" {
		n, err := strconv.Atoi(id)
		if err != nil || n <= 0 {
			bad = append(bad, RowError{line, "customer_id", CodeInvalid, "customer_id must be a customer's id"})
		}
		o.customerID = n
	}
	if o.customerID == 0 && o.email == "" && o.ref == "" {
		bad = append(bad, RowError{line, "customer_email", CodeRequired, "customer_ref, customer_email or customer_id is required"})
	}
	var err error
	if o.amount, err = strconv.ParseInt(get("amount"), 10, 64); err != nil {
		bad = append(bad, RowError{line, "amount", CodeInvalid, "amount must be a whole number of minor units (cents)"})
	}
	if c := get("cost_to_serve"); c != "" {
		if o.cost, err = strconv.ParseInt(c, 10, 64); err != nil || o.cost < 0 {
			bad = append(bad, RowError{line, "cost_to_serve", CodeInvalid, "cost_to_serve must be a whole number of minor units, not negative"})
		}
	}
	if !currencyRE.MatchString(o.currency) {
		bad = append(bad, RowError{line, "currency", CodeInvalid, "currency must be an ISO 4217 code like USD"})
	}
	if t := get("ordered_at"); t != "" {
		if o.orderedAt, err = time.Parse(time.RFC3339, t); err != nil {
			if o.orderedAt, err = time.Parse(time.DateOnly, t); err != nil {
				bad = append(bad, RowError{line, "ordered_at", CodeInvalid, "ordered_at must be RFC 3339 (2024-05-01T10:00:00Z) or YYYY-MM-DD"})
			}
		}
		o.orderedAt = o.orderedAt.UTC()
	}
	return o, bad
}

// orderRun is the state of one orders import.
type orderRun struct {
	im      *Importer
	ctx     context.Context
	tx      queryer
	res     *Result
	pending []orderRow
	// seen maps "source\x00external_id" of this file's orders to their
	// fingerprint, so a repeated row counts once.
	seen map[string]string
	// money converts amounts to the reporting currency, as ent's order hook
	// does for orders written through the client.
	money settings.Settings
}

// Orders imports an orders CSV from r in one transaction. An order whose
// (source, external_id) is already stored with the same customer, amount,
// cost and currency counts as AlreadyPresent and is not written again, so
// importing a file twice changes nothing; with different values it is a
// CONFLICT error. Errors and permissions as Customers.
func (im *Importer) Orders(ctx context.Context, r io.Reader, progress func(rows int)) (*Result, error) {
	if err := mayImport(ctx); err != nil {
		return nil, err
	}
	res := &Result{Kind: "orders", Errors: []RowError{}}
	tx, err := im.DB.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stx, err := store.SQLTx(tx)
	if err != nil {
		return nil, err
	}
	money, err := (&settings.Store{Client: im.DB.Client}).Get(ctx)
	if err != nil {
		return nil, err
	}
	run := &orderRun{im: im, ctx: ctx, tx: stx, res: res, seen: map[string]string{}, money: money}
	rr := newRowReader(r)
	rec, _, err := rr.next()
	if err == io.EOF {
		return nil, &FileError{Line: 1, Code: "MISSING_HEADER", Message: "the file is empty"}
	}
	if err != nil {
		return nil, asFileError(err)
	}
	cols, err := header(rec, OrderColumns(), []string{"source", "external_id", "amount", "currency"})
	if err != nil {
		return nil, err
	}
	_, a := cols["customer_email"]
	_, b := cols["customer_id"]
	_, c := cols["customer_ref"]
	if !a && !b && !c {
		return nil, &FileError{Line: 1, Field: "customer_email", Code: "BAD_HEADER", Message: "a customer_ref, customer_email or customer_id column is required"}
	}
	now := im.now()
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
		o, bad := validateOrder(line, rec, cols, now)
		if len(bad) > 0 {
			for _, e := range bad {
				res.addError(e)
			}
			continue
		}
		run.pending = append(run.pending, o)
		if len(run.pending) >= im.batch() {
			if err := run.flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := run.flush(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(res.Rows)
	}
	if res.ErrorCount > 0 {
		res.Created = 0
		sortErrors(res)
		return res, nil
	}
	if res.Created > 0 {
		if err := audit.Record(ctx, tx.Client(), "orders.import", "", 0, map[string]any{
			"rows": res.Rows, "created": res.Created, "alreadyPresent": res.AlreadyPresent,
		}); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	res.Written = true
	return res, nil
}

// flush resolves the pending orders' customers and existing copies with two
// queries, then inserts the new ones (unless a row was bad). It always
// checks, so every bad row is reported.
func (run *orderRun) flush() error {
	rows := run.pending
	run.pending = run.pending[:0]
	if len(rows) == 0 {
		return nil
	}
	dia := run.im.DB.Dialect
	// Customers by e-mail and by id.
	var refs, emails, ids []any
	for _, o := range rows {
		switch {
		case o.ref != "":
			refs = append(refs, o.ref)
		case o.email != "":
			emails = append(emails, o.email)
		default:
			ids = append(ids, o.customerID)
		}
	}
	byEmail := map[string]int{}
	byRef := map[string]int{}
	known := map[int]bool{}
	if len(emails) > 0 || len(ids) > 0 || len(refs) > 0 {
		var where []string
		var args []any
		if len(refs) > 0 {
			where = append(where, "external_ref IN "+inList(dia, 1, len(refs)))
			args = append(args, refs...)
		}
		if len(emails) > 0 {
			where = append(where, "email IN "+inList(dia, len(args)+1, len(emails)))
			args = append(args, emails...)
		}
		if len(ids) > 0 {
			where = append(where, "id IN "+inList(dia, len(args)+1, len(ids)))
			args = append(args, ids...)
		}
		// The lowest id wins when two customers share an address.
		q := "SELECT id, COALESCE(email, ''), COALESCE(external_ref, '') FROM customers WHERE " + strings.Join(where, " OR ") + " ORDER BY id DESC"
		res, err := run.tx.QueryContext(run.ctx, q, args...)
		if err != nil {
			return fmt.Errorf("importer: finding customers: %w", err)
		}
		for res.Next() {
			var id int
			var email, ref string
			if err := res.Scan(&id, &email, &ref); err != nil {
				res.Close()
				return err
			}
			known[id] = true
			if email != "" {
				byEmail[email] = id
			}
			if ref != "" {
				byRef[ref] = id
			}
		}
		res.Close()
		if err := res.Err(); err != nil {
			return err
		}
	}
	// Orders already stored under these external ids.
	ext := make([]any, len(rows))
	for i, o := range rows {
		ext[i] = o.externalID
	}
	stored := map[string]string{}
	res, err := run.tx.QueryContext(run.ctx, "SELECT source, external_id, customer_id, amount, cost_to_serve, currency FROM orders WHERE external_id IN "+inList(dia, 1, len(ext)), ext...)
	if err != nil {
		return fmt.Errorf("importer: finding orders: %w", err)
	}
	for res.Next() {
		var o orderRow
		var cid int
		if err := res.Scan(&o.source, &o.externalID, &cid, &o.amount, &o.cost, &o.currency); err != nil {
			res.Close()
			return err
		}
		stored[o.source+"\x00"+o.externalID] = o.fingerprint(cid)
	}
	res.Close()
	if err := res.Err(); err != nil {
		return err
	}

	var args []any
	n := 0
	for _, o := range rows {
		cid, field := o.customerID, "customer_id"
		switch {
		case o.ref != "":
			cid, field = byRef[o.ref], "customer_ref"
		case o.email != "":
			cid, field = byEmail[o.email], "customer_email"
		}
		if !known[cid] {
			run.res.addError(RowError{o.line, field, CodeNotFound, "no such customer"})
			continue
		}
		key := o.source + "\x00" + o.externalID
		fp := o.fingerprint(cid)
		prev, ok := stored[key]
		if !ok {
			prev, ok = run.seen[key]
		}
		if ok {
			if prev != fp {
				run.res.addError(RowError{o.line, "external_id", CodeConflict,
					fmt.Sprintf("order %q from %q is already recorded with a different customer, amount or currency", o.externalID, o.source)})
			} else {
				run.res.AlreadyPresent++
			}
			continue
		}
		ra, ok := run.money.ToReporting(o.amount, o.currency)
		if !ok {
			run.res.addError(RowError{o.line, "currency", CodeInvalid,
				fmt.Sprintf("no exchange rate for %s in the settings; an admin adds it first", o.currency)})
			continue
		}
		rc, _ := run.money.ToReporting(o.cost, o.currency)
		run.seen[key] = fp
		args = append(args, run.im.now(), cid, o.source, o.externalID, o.amount, o.cost, ra, rc, o.currency,
			nullable(o.channel), nullable(o.product), o.orderedAt)
		n++
	}
	if n == 0 || run.res.ErrorCount > 0 {
		return nil
	}
	q := "INSERT INTO orders (created_at, customer_id, source, external_id, amount, cost_to_serve, reporting_amount, reporting_cost, currency, channel, product_category, ordered_at) VALUES " + placeholders(dia, n, 12)
	if _, err := run.tx.ExecContext(run.ctx, q, args...); err != nil {
		return fmt.Errorf("importer: inserting orders: %w", err)
	}
	run.res.Created += n
	return nil
}
