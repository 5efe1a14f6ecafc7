package server

import (
	"encoding/json"
	"testing"
	"time"
)

// TestAppendCanonical: variables equal as values encode equally whatever
// their map order, values that differ (a string and a number, a null and a
// missing list element) encode differently, and anything that does not come
// from JSON is refused, so that it is never grouped.
func TestAppendCanonical(t *testing.T) {
	enc := func(v any) string {
		t.Helper()
		b, ok := appendCanonical(nil, v)
		if !ok {
			t.Fatalf("%#v refused", v)
		}
		return string(b)
	}
	a := map[string]any{"b": "8589934593", "withBody": true, "n": json.Number("3"), "l": []any{nil, "x"}, "m": map[string]any{"y": 1.5, "x": int64(2)}}
	b := map[string]any{"m": map[string]any{"x": int64(2), "y": 1.5}, "l": []any{nil, "x"}, "n": json.Number("3"), "withBody": true, "b": "8589934593"}
	if enc(a) != enc(b) {
		t.Fatalf("equal variables encode differently: %s, %s", enc(a), enc(b))
	}
	differ := [][2]any{
		{"3", json.Number("3")},
		{[]any{nil}, []any{}},
		{map[string]any{"a": nil}, map[string]any{}},
		{map[string]any{"a,": "b"}, map[string]any{"a": ",b"}},
		{true, "true"},
		{int64(1), 1.0},
	}
	for _, d := range differ {
		if enc(d[0]) == enc(d[1]) {
			t.Errorf("%#v and %#v encode alike: %s", d[0], d[1], enc(d[0]))
		}
	}
	if _, ok := appendCanonical(nil, map[string]any{"t": time.Time{}}); ok {
		t.Fatal("a time.Time was encoded")
	}
}
