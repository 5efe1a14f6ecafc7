package importer

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxRecordBytes is the largest CSV record (one row, quoted newlines
// included) an import accepts. A longer one stops the import with
// ErrRecordTooLong before it is held in memory.
const MaxRecordBytes = 1 << 20

// MaxErrors is how many row errors a report lists; the rest are only counted.
const MaxErrors = 1000

// ErrNotUTF8 is the answer to a file in another encoding (GBK, Latin-1…).
var ErrNotUTF8 = errors.New("file is not UTF-8 (save as UTF-8)")

// ErrRecordTooLong is the answer to a row longer than MaxRecordBytes.
var ErrRecordTooLong = fmt.Errorf("a row is longer than %d bytes; is this a CSV file?", MaxRecordBytes)

// FileError is a problem with the file as a whole (encoding, header, a row
// too long): the import stops at once and writes nothing.
type FileError struct {
	Line    int
	Field   string
	Code    string
	Message string
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

// limitReader counts what the CSV reader takes and refuses to hand it more
// than max bytes beyond the start of the current record, so a 10 MB "line"
// costs at most about max bytes of memory, never the whole line.
type limitReader struct {
	r        io.Reader
	read     int64 // bytes handed out so far
	recStart int64 // offset where the current record starts
	max      int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	// The CSV reader reads ahead through a 4 KiB buffer; allow for it.
	room := l.recStart + l.max + 8<<10 - l.read
	if room <= 0 {
		return 0, ErrRecordTooLong
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// rowReader reads CSV records with line numbers, checking the encoding and
// the record size.
type rowReader struct {
	lr    *limitReader
	cr    *csv.Reader
	first bool
	// next is the line the next record starts on (about: empty lines,
	// which the CSV reader skips, are not counted), for errors that come
	// before the reader can say.
	nextLine int
}

func newRowReader(r io.Reader) *rowReader {
	lr := &limitReader{r: r, max: MaxRecordBytes}
	cr := csv.NewReader(lr)
	cr.LazyQuotes = false
	cr.ReuseRecord = false
	cr.FieldsPerRecord = 0 // the header's width; checked per row
	return &rowReader{lr: lr, cr: cr, first: true, nextLine: 1}
}

// next returns the next record and the line it starts on. A *FileError means
// stop; a *csv.ParseError (wrong field count, a stray quote) is one bad row.
func (rr *rowReader) next() ([]string, int, error) {
	rec, err := rr.cr.Read()
	line := rr.nextLine
	if len(rec) > 0 {
		line, _ = rr.cr.FieldPos(0)
		last, _ := rr.cr.FieldPos(len(rec) - 1)
		rr.nextLine = last + strings.Count(rec[len(rec)-1], "\n") + 1
	}
	rr.lr.recStart = rr.cr.InputOffset()
	if rr.lr.read-rr.lr.recStart > MaxRecordBytes {
		return nil, line, &FileError{Line: line, Code: "ROW_TOO_LONG", Message: ErrRecordTooLong.Error()}
	}
	if err != nil {
		if errors.Is(err, ErrRecordTooLong) {
			return nil, line, &FileError{Line: line, Code: "ROW_TOO_LONG", Message: ErrRecordTooLong.Error()}
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(pe.Err, ErrRecordTooLong) {
				return nil, line, &FileError{Line: line, Code: "ROW_TOO_LONG", Message: ErrRecordTooLong.Error()}
			}
			if pe.StartLine > 0 {
				line = pe.StartLine
			}
			return rec, line, pe
		}
		return nil, line, err
	}
	if rr.first && len(rec) > 0 {
		rec[0] = strings.TrimPrefix(rec[0], "\uFEFF")
		rr.first = false
	}
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return nil, line, &FileError{Line: line, Code: "NOT_UTF8", Message: ErrNotUTF8.Error()}
		}
	}
	return rec, line, nil
}

// header maps the header's column names to their positions, refusing
// unknown, repeated and missing required columns.
func header(rec []string, known []string, required []string) (map[string]int, error) {
	knownSet := map[string]bool{}
	for _, k := range known {
		knownSet[k] = true
	}
	cols := map[string]int{}
	var unknown []string
	for i, name := range rec {
		n := strings.ToLower(strings.TrimSpace(name))
		if !knownSet[n] {
			unknown = append(unknown, name)
			continue
		}
		if _, dup := cols[n]; dup {
			return nil, &FileError{Line: 1, Field: n, Code: "BAD_HEADER", Message: fmt.Sprintf("column %q appears twice", n)}
		}
		cols[n] = i
	}
	if len(cols) == 0 {
		return nil, &FileError{Line: 1, Code: "MISSING_HEADER", Message: "the first line must name the columns (" + strings.Join(known, ", ") + ")"}
	}
	if len(unknown) > 0 {
		return nil, &FileError{Line: 1, Field: unknown[0], Code: "BAD_HEADER",
			Message: fmt.Sprintf("unknown column(s) %s; known columns are %s", quoteAll(unknown), strings.Join(known, ", "))}
	}
	for _, r := range required {
		if _, ok := cols[r]; !ok {
			return nil, &FileError{Line: 1, Field: r, Code: "BAD_HEADER", Message: fmt.Sprintf("required column %q is missing", r)}
		}
	}
	return cols, nil
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
