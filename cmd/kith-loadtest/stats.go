package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// percentile returns the nearest-rank p-th percentile (0 < p ≤ 100) of
// sorted, which must be in ascending order: the smallest value such that at
// least p percent of the values are less than or equal to it. It returns 0
// for an empty slice; p ≤ 0 gives the minimum and p ≥ 100 the maximum.
func percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	if p <= 0 {
		return sorted[0]
	}
	if p >= 100 {
		return sorted[n-1]
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	return sorted[min(max(rank, 1), n)-1]
}

// summary describes a set of latencies.
type summary struct {
	N                       int
	Min, P50, P90, P99, Max time.Duration
	Within                  int // how many are at most the window given to summarize
}

// summarize sorts a copy of ds and describes it; within counts the values at
// most window.
func summarize(ds []time.Duration, window time.Duration) summary {
	s := slices.Clone(ds)
	slices.Sort(s)
	out := summary{N: len(s), Min: percentile(s, 0), P50: percentile(s, 50), P90: percentile(s, 90), P99: percentile(s, 99), Max: percentile(s, 100)}
	// The values are sorted: count up to the first one past the window.
	out.Within, _ = slices.BinarySearchFunc(s, window, func(d, w time.Duration) int {
		if d <= w {
			return -1
		}
		return 1
	})
	return out
}

// metrics is one scrape of a Prometheus text exposition: the value of each
// unlabelled sample, by name.
type metrics map[string]float64

// parseMetrics reads the samples without labels from a Prometheus text
// exposition; labelled samples, comments and malformed lines are skipped.
func parseMetrics(r io.Reader) (metrics, error) {
	m := metrics{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		name, rest, ok := strings.Cut(line, " ")
		if !ok || strings.ContainsRune(name, '{') {
			continue
		}
		// A sample may carry a timestamp after its value.
		val, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
		v, err := strconv.ParseFloat(val, 64)
		if err != nil {
			continue
		}
		m[name] = v
	}
	return m, sc.Err()
}

// gcTrace is what one GODEBUG=gctrace=1 line says about the heap.
type gcTrace struct {
	Num      int
	LiveMB   int // heap marked live by this cycle
	StacksMB int // scannable goroutine stacks
	GoalMB   int
	At       time.Time // when the tool read the line
}

var (
	gcLinePattern   = regexp.MustCompile(`^gc (\d+) @`)
	gcHeapPattern   = regexp.MustCompile(`(\d+)->(\d+)->(\d+) MB`)
	gcGoalPattern   = regexp.MustCompile(`(\d+) MB goal`)
	gcStacksPattern = regexp.MustCompile(`(\d+) MB stacks`)
)

// parseGCTrace parses a gctrace line such as
//
//	gc 7 @1.234s 2%: 0.02+1.1+0.01 ms clock, …, 12->13->6 MB, 14 MB goal, 1 MB stacks, 0 MB globals, 2 P
//
// and reports false for any other line.
func parseGCTrace(line string) (gcTrace, bool) {
	m := gcLinePattern.FindStringSubmatch(line)
	h := gcHeapPattern.FindStringSubmatch(line)
	if m == nil || h == nil {
		return gcTrace{}, false
	}
	var t gcTrace
	t.Num, _ = strconv.Atoi(m[1])
	t.LiveMB, _ = strconv.Atoi(h[3])
	if g := gcGoalPattern.FindStringSubmatch(line); g != nil {
		t.GoalMB, _ = strconv.Atoi(g[1])
	}
	if s := gcStacksPattern.FindStringSubmatch(line); s != nil {
		t.StacksMB, _ = strconv.Atoi(s[1])
	}
	return t, true
}

// vmRSS reads the resident set size, in bytes, from a /proc/<pid>/status file.
func vmRSS(status io.Reader) (int64, error) {
	sc := bufio.NewScanner(status)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("unexpected VmRSS line %q", sc.Text())
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		return kb * 1024, err
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("no VmRSS line")
}

// roundFromTitle finds the post number after marker in a websocket message,
// as written by postTitle: marker followed by decimal digits.
func roundFromTitle(msg []byte, marker string) (int, bool) {
	i := bytes.Index(msg, []byte(marker))
	if i < 0 {
		return 0, false
	}
	n, digits := 0, 0
	for _, c := range msg[i+len(marker):] {
		if c < '0' || c > '9' || digits == 9 {
			break
		}
		n = n*10 + int(c-'0')
		digits++
	}
	return n, digits > 0
}

// ms formats a duration in milliseconds with one decimal.
func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
}

// kib formats bytes as KiB with one decimal.
func kib(b float64) string {
	return strconv.FormatFloat(b/1024, 'f', 1, 64) + " KB"
}

// mib formats bytes as MiB with one decimal.
func mib(b float64) string {
	return strconv.FormatFloat(b/(1<<20), 'f', 1, 64) + " MB"
}
