package customer

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customfielddefinition"
	"github.com/kith-crm/kith/internal/errs"
)

// Custom fields (SPEC §1): admins define extra fields of the customer file;
// customers hold their values in the custom_fields JSON column under the
// field's key. Every write of a value goes through a FieldSet, which refuses
// unknown keys, wrong types, options not in the list and a missing required
// value, and stores the value normalised — numbers as JSON numbers, dates as
// "YYYY-MM-DD", booleans as JSON booleans, text trimmed — so that the where
// predicates (fieldfilter.go) can compare them in SQL.

// MaxTextValue is the longest TEXT value, in characters.
const MaxTextValue = 2000

// FieldSet is every custom field definition, archived ones included, by key.
type FieldSet struct {
	list  []*ent.CustomFieldDefinition // in display order
	byKey map[string]*ent.CustomFieldDefinition
}

// NewFieldSet makes a FieldSet of defs.
func NewFieldSet(defs []*ent.CustomFieldDefinition) *FieldSet {
	fs := &FieldSet{list: slices.Clone(defs), byKey: make(map[string]*ent.CustomFieldDefinition, len(defs))}
	sortDefinitions(fs.list)
	for _, d := range defs {
		fs.byKey[d.Key] = d
	}
	return fs
}

func sortDefinitions(defs []*ent.CustomFieldDefinition) {
	sort.SliceStable(defs, func(i, j int) bool {
		if defs[i].Position != defs[j].Position {
			return defs[i].Position < defs[j].Position
		}
		return defs[i].Key < defs[j].Key
	})
}

// LoadFieldSet reads every definition. It reads as Kith itself: checking a
// value against its definition is the rules' business, whoever writes.
func LoadFieldSet(ctx context.Context, c *ent.Client) (*FieldSet, error) {
	defs, err := c.CustomFieldDefinition.Query().All(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return nil, fmt.Errorf("custom fields: loading definitions: %w", err)
	}
	return NewFieldSet(defs), nil
}

// Get returns the definition of key, archived or not.
func (fs *FieldSet) Get(key string) (*ent.CustomFieldDefinition, bool) {
	d, ok := fs.byKey[key]
	return d, ok
}

// Active returns the definitions that are not archived, in display order:
// the fields shown, offered, imported and exported.
func (fs *FieldSet) Active() []*ent.CustomFieldDefinition {
	out := make([]*ent.CustomFieldDefinition, 0, len(fs.list))
	for _, d := range fs.list {
		if !d.Archived {
			out = append(out, d)
		}
	}
	return out
}

// FieldPath is the extensions.field of an error about the value of key.
func FieldPath(key string) string { return "customFields." + key }

// badValue is BAD_USER_INPUT on customFields.<key>.
func badValue(key, format string, args ...any) error {
	return errs.Field(FieldPath(key), format, args...)
}

// Normalise returns the stored form of v, a value as JSON (or GraphQL) gives
// it, for the field def; nil means "no value" (null, or text that is empty
// once trimmed). The type must match: a NUMBER takes a number, not "12".
func Normalise(def *ent.CustomFieldDefinition, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch def.Type {
	case customfielddefinition.TypeNUMBER:
		f, ok := number(v)
		if !ok {
			return nil, badValue(def.Key, "%s must be a number", def.Key)
		}
		return f, nil
	case customfielddefinition.TypeBOOLEAN:
		b, ok := v.(bool)
		if !ok {
			return nil, badValue(def.Key, "%s must be true or false", def.Key)
		}
		return b, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, badValue(def.Key, "%s must be a string", def.Key)
	}
	return normaliseText(def, s)
}

// ParseText returns the stored form of s, a value as a CSV file holds it, for
// the field def; nil for an empty cell. Booleans may be written true/false,
// yes/no, 1/0 or 是/否.
func ParseText(def *ent.CustomFieldDefinition, s string) (any, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	switch def.Type {
	case customfielddefinition.TypeNUMBER:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, badValue(def.Key, "%s must be a number (like 1200 or 3.5)", def.Key)
		}
		return f, nil
	case customfielddefinition.TypeBOOLEAN:
		switch strings.ToLower(s) {
		case "true", "yes", "y", "1", "是":
			return true, nil
		case "false", "no", "n", "0", "否":
			return false, nil
		}
		return nil, badValue(def.Key, "%s must be true or false", def.Key)
	}
	return normaliseText(def, s)
}

// normaliseText checks the string kinds: TEXT, DATE and SELECT.
func normaliseText(def *ent.CustomFieldDefinition, s string) (any, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	switch def.Type {
	case customfielddefinition.TypeDATE:
		d, ok := parseDate(s)
		if !ok {
			return nil, badValue(def.Key, "%s must be a date (YYYY-MM-DD)", def.Key)
		}
		return d, nil
	case customfielddefinition.TypeSELECT:
		if !slices.Contains(def.Options, s) {
			return nil, badValue(def.Key, "%s must be one of %s", def.Key, strings.Join(def.Options, ", "))
		}
		return s, nil
	case customfielddefinition.TypeTEXT:
		if utf8.RuneCountInString(s) > MaxTextValue {
			return nil, badValue(def.Key, "%s must be at most %d characters", def.Key, MaxTextValue)
		}
		return s, nil
	}
	return nil, badValue(def.Key, "%s must be a %s", def.Key, strings.ToLower(string(def.Type)))
}

// parseDate reads YYYY-MM-DD, or an RFC 3339 time, whose date is taken as
// written (no time-zone conversion: the date is what the writer meant).
func parseDate(s string) (string, bool) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format(time.DateOnly), true
	}
	return "", false
}

// number reads the numbers JSON decoding (json.Number with UseNumber,
// float64) and GraphQL literals (int64, float64) produce.
func number(v any) (float64, bool) {
	var f float64
	switch n := v.(type) {
	case json.Number:
		var err error
		if f, err = n.Float64(); err != nil {
			return 0, false
		}
	case float64:
		f = n
	case float32:
		f = float64(n)
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	case int32:
		f = float64(n)
	default:
		return 0, false
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// Apply returns the custom fields a customer holds after patch: each key of
// patch is set to its normalised value, or removed when the value is null
// (or empty text); keys not in patch keep their value, so the values of
// archived fields survive edits that do not show them. old is not changed.
//
// creating says the customer is new: every active required field must then
// have a value. Otherwise a required field that had a value may not lose it.
// Errors are BAD_USER_INPUT on customFields.<key>: an unknown key, a value for an archived field, a
// value that does not fit its type or options, a missing required value.
// Keys are checked in order, so the first error is always the same.
func (fs *FieldSet) Apply(old, patch map[string]any, creating bool) (map[string]any, error) {
	out := make(map[string]any, len(old)+len(patch))
	for k, v := range old {
		out[k] = v
	}
	keys := make([]string, 0, len(patch))
	for k := range patch {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		def, ok := fs.byKey[k]
		if !ok {
			return nil, badValue(k, "there is no custom field %q", k)
		}
		v, err := Normalise(def, patch[k])
		if err != nil {
			return nil, err
		}
		if v == nil {
			delete(out, k)
			continue
		}
		if def.Archived {
			return nil, badValue(k, "%s is archived: it takes no new values", k)
		}
		out[k] = v
	}
	for _, def := range fs.list {
		if def.Archived || !def.Required {
			continue
		}
		_, has := out[def.Key]
		_, had := old[def.Key]
		switch {
		case creating && !has:
			return nil, badValue(def.Key, "%s is required", def.Key)
		case !creating && had && !has:
			return nil, badValue(def.Key, "%s is required: it cannot be cleared", def.Key)
		}
	}
	return out, nil
}

// FormatText is the value as a CSV file holds it: numbers without exponent
// or trailing zeros, booleans true/false, dates YYYY-MM-DD.
func FormatText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
