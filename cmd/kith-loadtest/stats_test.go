package main

import (
	"strings"
	"testing"
	"time"
)

func TestPercentile_NearestRank(t *testing.T) {
	ms := func(vs ...int) []time.Duration {
		out := make([]time.Duration, len(vs))
		for i, v := range vs {
			out[i] = time.Duration(v) * time.Millisecond
		}
		return out
	}
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	for _, tc := range []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value", ms(7), 99, 7 * time.Millisecond},
		{"median of odd", ms(1, 2, 3, 4, 5), 50, 3 * time.Millisecond},
		{"median of even takes the lower", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p90 of 1..100", hundred, 90, 90 * time.Millisecond},
		{"p99 of 1..100", hundred, 99, 99 * time.Millisecond},
		{"p99.5 rounds up", hundred, 99.5, 100 * time.Millisecond},
		{"p1 of 1..100", hundred, 1, 1 * time.Millisecond},
		{"tiny p is the minimum", hundred, 0.001, 1 * time.Millisecond},
		{"zero is the minimum", ms(3, 9), 0, 3 * time.Millisecond},
		{"hundred is the maximum", ms(3, 9), 100, 9 * time.Millisecond},
		{"p99 of ten is the maximum", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
	} {
		if got := percentile(tc.sorted, tc.p); got != tc.want {
			t.Errorf("%s: percentile(p=%v) = %v, want %v", tc.name, tc.p, got, tc.want)
		}
	}
}

func TestSummarize_SortsACopyAndCountsTheWindow(t *testing.T) {
	in := []time.Duration{5 * time.Second, time.Second, 6 * time.Second, 2 * time.Second, 5 * time.Second}
	s := summarize(in, 5*time.Second)
	if s.N != 5 || s.P50 != 5*time.Second || s.Max != 6*time.Second || s.Within != 4 {
		t.Errorf("summarize = %+v, want N 5, p50 5s, max 6s, 4 within 5s", s)
	}
	if in[0] != 5*time.Second || in[1] != time.Second {
		t.Error("summarize reordered its input")
	}
	if s := summarize(nil, time.Second); s.N != 0 || s.Within != 0 || s.Max != 0 {
		t.Errorf("summarize(nil) = %+v", s)
	}
}

func TestParseMetrics_UnlabelledSamplesOnly(t *testing.T) {
	text := `# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 42
go_gc_duration_seconds{quantile="0.5"} 1.5e-05
process_resident_memory_bytes 2.5165824e+07
kith_http_requests_total{route="query",code="200"} 7
sample_with_timestamp 3 1700000000000
broken_line
not_a_number NaNx
`
	m, err := parseMetrics(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	want := metrics{"go_goroutines": 42, "process_resident_memory_bytes": 25165824, "sample_with_timestamp": 3}
	if len(m) != len(want) {
		t.Errorf("parsed %v, want %v", m, want)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
}

func TestParseGCTrace(t *testing.T) {
	line := "gc 12 @3.456s 4%: 0.021+4.2+0.018 ms clock, 0.043+0.52/3.9/0.61+0.037 ms cpu, 310->318->164 MB, 322 MB goal, 41 MB stacks, 0 MB globals, 2 P"
	g, ok := parseGCTrace(line)
	if !ok || g.Num != 12 || g.LiveMB != 164 || g.GoalMB != 322 || g.StacksMB != 41 {
		t.Errorf("parseGCTrace = %+v, %v", g, ok)
	}
	for _, other := range []string{"time=… level=INFO msg=\"shutting down\"", "gc 1 @0.1s: nothing", ""} {
		if _, ok := parseGCTrace(other); ok {
			t.Errorf("parseGCTrace(%q) accepted a line that is not a GC trace", other)
		}
	}
}

func TestVMRSS(t *testing.T) {
	status := "Name:\tkith\nVmPeak:\t  900000 kB\nVmRSS:\t  123456 kB\nThreads:\t9\n"
	got, err := vmRSS(strings.NewReader(status))
	if err != nil || got != 123456*1024 {
		t.Errorf("vmRSS = %d, %v; want %d", got, err, 123456*1024)
	}
	if _, err := vmRSS(strings.NewReader("Name:\tkith\n")); err == nil {
		t.Error("vmRSS without a VmRSS line: no error")
	}
}

func TestRoundFromTitle(t *testing.T) {
	const marker = "kith-loadtest ab12 #"
	msg := []byte(`{"payload":{"data":{"postAdded":{"id":"9","title":"kith-loadtest ab12 #3","body":"x"}}},"id":"1","type":"next"}`)
	if r, ok := roundFromTitle(msg, marker); !ok || r != 3 {
		t.Errorf("roundFromTitle = %d, %v; want 3, true", r, ok)
	}
	for _, other := range []string{
		`{"payload":{"data":{"postAdded":{"title":"kith-loadtest ffff #3"}}},"type":"next"}`, // another run
		`{"payload":{"data":{"postAdded":{"title":"kith-loadtest ab12 #"}}},"type":"next"}`,  // no digits
		`{"type":"ping"}`,
	} {
		if r, ok := roundFromTitle([]byte(other), marker); ok {
			t.Errorf("roundFromTitle(%s) = %d, true; want false", other, r)
		}
	}
}

func TestWSURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080": "ws://127.0.0.1:8080/query",
		"https://kith.example":  "wss://kith.example/query",
	} {
		if got := wsURL(in); got != want {
			t.Errorf("wsURL(%q) = %q, want %q", in, got, want)
		}
	}
}
