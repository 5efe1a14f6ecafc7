package settings

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kith-crm/kith/ent/setting"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// scoresKey holds the value-analysis rules (internal/crm) as one JSON value.
const scoresKey = "scores"

// Scores are the rules of value analysis: which orders RFM and contribution
// look at, the value-tier thresholds, the anticipation window and how often
// the scores are recomputed.
type Scores struct {
	// WindowDays: RFM, contribution, tiers and Pareto count the uncancelled
	// sales of the last WindowDays days; customers without one are unscored.
	WindowDays int `json:"window_days"`
	// MVCPercentile: a customer at or above this Pareto percentile (by
	// contribution) is an MVC; 80 is the top 20 %.
	MVCPercentile float64 `json:"mvc_percentile"`
	// GrowthDays and MGCGrowthPercent: a customer whose contribution of the
	// last GrowthDays days exceeds that of the GrowthDays before by more than
	// MGCGrowthPercent percent (or turned positive from nothing) is an MGC.
	GrowthDays       int     `json:"growth_days"`
	MGCGrowthPercent float64 `json:"mgc_growth_percent"`
	// DueSoonDays: an expected next order within this many days is DUE_SOON.
	DueSoonDays int `json:"due_soon_days"`
	// RecomputeMinutes: how often the scores are recomputed in the background.
	RecomputeMinutes int `json:"recompute_minutes"`
}

// DefaultScores are used until an admin sets the rules.
var DefaultScores = Scores{
	WindowDays: 365, MVCPercentile: 80, GrowthDays: 90, MGCGrowthPercent: 20,
	DueSoonDays: 14, RecomputeMinutes: 60,
}

// GetScores returns the value-analysis rules; any part of Kith may read them.
func (s *Store) GetScores(ctx context.Context) (Scores, error) {
	row, err := s.Client.Setting.Query().Where(setting.Key(scoresKey)).Only(system(ctx))
	if err != nil {
		if isNotFound(err) {
			return DefaultScores, nil
		}
		return Scores{}, err
	}
	sc := DefaultScores
	if err := json.Unmarshal([]byte(row.Value), &sc); err != nil {
		return Scores{}, fmt.Errorf("settings: stored score rules are corrupt: %w", err)
	}
	return sc, nil
}

// UpdateScores replaces the value-analysis rules; admins only, validated,
// audited in the same transaction.
func (s *Store) UpdateScores(ctx context.Context, sc Scores) (Scores, error) {
	if !viewer.FromContext(ctx).IsAdmin() {
		return Scores{}, errs.E(errs.Forbidden, "only admins change settings")
	}
	if err := sc.Validate(); err != nil {
		return Scores{}, err
	}
	b, _ := json.Marshal(sc)
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return Scores{}, err
	}
	defer tx.Rollback() //nolint:errcheck
	err = tx.Setting.Create().SetKey(scoresKey).SetValue(string(b)).SetUpdatedByID(viewer.FromContext(ctx).UserID).
		OnConflictColumns(setting.FieldKey).UpdateValue().UpdateUpdatedByID().UpdateUpdatedAt().Exec(ctx)
	if err != nil {
		return Scores{}, err
	}
	var detail map[string]any
	_ = json.Unmarshal(b, &detail)
	if err := audit.Record(ctx, tx.Client(), "settings.scores.update", "", 0, detail); err != nil {
		return Scores{}, err
	}
	if err := tx.Commit(); err != nil {
		return Scores{}, err
	}
	return sc, nil
}

// Validate reports the first value out of range as BAD_USER_INPUT.
func (sc Scores) Validate() error {
	switch {
	case sc.WindowDays < 1 || sc.WindowDays > 3660:
		return errs.Field("windowDays", "must be between 1 and 3660 days")
	case sc.MVCPercentile <= 0 || sc.MVCPercentile > 100:
		return errs.Field("mvcPercentile", "must be above 0 and at most 100")
	case sc.GrowthDays < 1 || sc.GrowthDays > 1830:
		return errs.Field("growthDays", "must be between 1 and 1830 days")
	case sc.MGCGrowthPercent < 0 || sc.MGCGrowthPercent > 10000:
		return errs.Field("mgcGrowthPercent", "must be between 0 and 10000")
	case sc.DueSoonDays < 0 || sc.DueSoonDays > 365:
		return errs.Field("dueSoonDays", "must be between 0 and 365 days")
	case sc.RecomputeMinutes < 5 || sc.RecomputeMinutes > 7*24*60:
		return errs.Field("recomputeMinutes", "must be between 5 minutes and a week")
	}
	return nil
}
