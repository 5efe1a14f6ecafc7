package insights

import (
	"testing"
	"time"
)

// TestCut_CalendarPeriodsInTheZone: periods start at local midnight on the
// first of the month, quarter or year, across daylight-saving changes, and
// the first and last are cut to the range.
func TestCut_CalendarPeriodsInTheZone(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, london)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name     string
		from, to time.Time
		unit     Period
		starts   []string // UTC
	}{
		// British Summer Time starts on 30 March 2025: April begins at 23:00 UTC.
		{"MonthsOverDST", at("2025-02-01 00:00"), at("2025-05-01 00:00"), Month,
			[]string{"2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", "2025-03-31T23:00:00Z"}},
		{"PartialEnds", at("2025-02-15 12:00"), at("2025-04-10 00:00"), Month,
			[]string{"2025-02-15T12:00:00Z", "2025-03-01T00:00:00Z", "2025-03-31T23:00:00Z"}},
		{"Quarters", at("2024-11-20 00:00"), at("2025-07-01 00:00"), Quarter,
			[]string{"2024-11-20T00:00:00Z", "2025-01-01T00:00:00Z", "2025-03-31T23:00:00Z"}},
		{"Years", at("2023-06-01 00:00"), at("2025-01-01 00:00"), Year,
			[]string{"2023-05-31T23:00:00Z", "2024-01-01T00:00:00Z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := cut(tc.from, tc.to, tc.unit, london)
			var starts []string
			for _, s := range got {
				starts = append(starts, s.Start.UTC().Format(time.RFC3339))
			}
			if len(got) == 0 || !got[len(got)-1].End.Equal(tc.to) {
				t.Fatalf("periods %v do not end at %v", got, tc.to)
			}
			if len(starts) != len(tc.starts) {
				t.Fatalf("starts %v, want %v", starts, tc.starts)
			}
			for i := range starts {
				if starts[i] != tc.starts[i] {
					t.Errorf("starts %v, want %v", starts, tc.starts)
					break
				}
			}
		})
	}
	t.Run("StopsPastTheLimit", func(t *testing.T) {
		got := cut(at("2000-01-01 00:00"), at("2100-01-01 00:00"), Month, london)
		if len(got) != MaxPeriods+1 {
			t.Errorf("%d periods, want %d", len(got), MaxPeriods+1)
		}
	})
}
