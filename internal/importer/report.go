// Package importer brings customers and orders in from CSV files and takes
// customer lists out as CSV; it also merges two customer files.
//
// An import is all-or-nothing: rows are validated and written in batches
// inside one transaction, and if any row is bad the transaction is rolled
// back, so nothing is written — while every bad row is still reported with
// its line and field (up to MaxErrors; the rest are counted).
//
// Values that start like a spreadsheet formula (=, +, -, @, tab, CR) are
// stored as they are: they are data ("+86 21 5555", "-" as a placeholder),
// and the web app never evaluates them. Export is where they become
// dangerous, so ExportCustomers prefixes them with a single quote.
package importer

import (
	"fmt"
	"strings"
)

// Mode says what happens to a row that duplicates a customer (same e-mail,
// same phone digits, or same name and region), in the database or earlier
// in the file.
type Mode string

const (
	// ModeSkip leaves the existing customer alone and counts the row skipped.
	ModeSkip Mode = "SKIP"
	// ModeUpdate fills the existing customer with the row's non-empty values
	// (each change kept in the history); a duplicate of an earlier row of the
	// same file is skipped (the first row wins).
	ModeUpdate Mode = "UPDATE"
	// ModeStop reports every duplicate as an error, so nothing is written.
	ModeStop Mode = "STOP"
)

// ParseMode reads "skip", "update" or "stop" in any case; empty is SKIP.
func ParseMode(s string) (Mode, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "SKIP":
		return ModeSkip, nil
	case "UPDATE":
		return ModeUpdate, nil
	case "STOP":
		return ModeStop, nil
	}
	return "", fmt.Errorf("mode must be skip, update or stop, not %q", s)
}

// RowError is one problem with one row: its line in the file (1 is the
// header), the column, a stable code and a message for people.
type RowError struct {
	Line    int    `json:"line"`
	Field   string `json:"field,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error codes of RowError.
const (
	CodeInvalid   = "INVALID"   // a value fails its rule
	CodeRequired  = "REQUIRED"  // a required value is empty
	CodeDuplicate = "DUPLICATE" // STOP mode: the row duplicates a customer
	CodeNotFound  = "NOT_FOUND" // an order's customer does not exist
	CodeBadRow    = "BAD_ROW"   // the row is not well-formed CSV
	CodeConflict  = "CONFLICT"  // an order id already used for different data
)

// Result is the outcome of an import. Written is true only when the
// transaction committed; with any error nothing is written.
type Result struct {
	Kind    string `json:"kind"` // "customers" or "orders"
	Mode    Mode   `json:"mode,omitempty"`
	Rows    int    `json:"rows"`
	Created int    `json:"created"`
	Updated int    `json:"updated"`
	// Skipped counts duplicate rows left alone (SKIP, and in-file duplicates
	// under UPDATE).
	Skipped int `json:"skipped"`
	// Duplicates counts rows that matched a customer, whatever the mode did.
	Duplicates int `json:"duplicates"`
	// AlreadyPresent counts orders imported before (same source and id).
	AlreadyPresent int        `json:"alreadyPresent"`
	Written        bool       `json:"written"`
	ErrorCount     int        `json:"errorCount"`
	Errors         []RowError `json:"errors"`
}

func (r *Result) addError(e RowError) {
	r.ErrorCount++
	if len(r.Errors) < MaxErrors {
		r.Errors = append(r.Errors, e)
	}
}

// Map returns the result as JSON-shaped values, for a Job row's result.
func (r *Result) Map() map[string]any {
	errs := make([]any, len(r.Errors))
	for i, e := range r.Errors {
		m := map[string]any{"line": e.Line, "code": e.Code, "message": e.Message}
		if e.Field != "" {
			m["field"] = e.Field
		}
		errs[i] = m
	}
	return map[string]any{
		"kind": r.Kind, "mode": string(r.Mode), "rows": r.Rows, "created": r.Created, "updated": r.Updated,
		"skipped": r.Skipped, "duplicates": r.Duplicates, "alreadyPresent": r.AlreadyPresent,
		"written": r.Written, "errorCount": r.ErrorCount, "errors": errs,
	}
}
