package settings_test

import (
	"context"
	"testing"

	"github.com/kith-crm/kith/ent/auditevent"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestScores_UpdateValidatesAndAudits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := &settings.Store{Client: db.Client}
		admin := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 1, Role: viewer.RoleAdmin})
		marketer := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 2, Role: viewer.RoleMarketer})
		if got, err := s.GetScores(admin); err != nil || got != settings.DefaultScores {
			t.Fatalf("defaults: %+v, %v", got, err)
		}
		with := func(f func(*settings.Scores)) settings.Scores { sc := settings.DefaultScores; f(&sc); return sc }
		for _, c := range []struct {
			name  string
			ctx   context.Context
			in    settings.Scores
			code  errs.Code
			field string
		}{
			{"NotAdmin", marketer, settings.DefaultScores, errs.Forbidden, ""},
			{"NoWindow", admin, with(func(s *settings.Scores) { s.WindowDays = 0 }), errs.Invalid, "windowDays"},
			{"PercentileOver100", admin, with(func(s *settings.Scores) { s.MVCPercentile = 101 }), errs.Invalid, "mvcPercentile"},
			{"NoGrowthPeriod", admin, with(func(s *settings.Scores) { s.GrowthDays = 0 }), errs.Invalid, "growthDays"},
			{"NegativeGrowth", admin, with(func(s *settings.Scores) { s.MGCGrowthPercent = -1 }), errs.Invalid, "mgcGrowthPercent"},
			{"NegativeDueSoon", admin, with(func(s *settings.Scores) { s.DueSoonDays = -1 }), errs.Invalid, "dueSoonDays"},
			{"RecomputeTooOften", admin, with(func(s *settings.Scores) { s.RecomputeMinutes = 1 }), errs.Invalid, "recomputeMinutes"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := s.UpdateScores(c.ctx, c.in)
				e, ok := errs.As(err)
				if !ok || e.Code != c.code || e.Field != c.field {
					t.Fatalf("UpdateScores = %v; want %s on %q", err, c.code, c.field)
				}
			})
		}
		want := with(func(s *settings.Scores) { s.WindowDays = 30; s.DueSoonDays = 3 })
		if _, err := s.UpdateScores(admin, want); err != nil {
			t.Fatal(err)
		}
		if got, err := s.GetScores(admin); err != nil || got != want {
			t.Fatalf("stored: %+v, %v", got, err)
		}
		if n := db.Client.AuditEvent.Query().Where(auditevent.Action("settings.scores.update")).CountX(admin); n != 1 {
			t.Fatalf("audit events = %d; want 1 (failed updates leave none)", n)
		}
	})
}
