package settings

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kith-crm/kith/ent/pointsentry"
	"github.com/kith-crm/kith/ent/setting"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// loyaltyKey holds the loyalty rules (銷售累計獎勵) as one JSON value: the
// accrual job reads them together and admins edit them together.
const loyaltyKey = "loyalty"

// Loyalty are the rules of the points programme.
type Loyalty struct {
	// An order earns OrderPoints points for every OrderUnit minor units of
	// its reporting amount (reporting currency), rounded down: OrderUnit
	// 100 and OrderPoints 1 is one point per yuan. OrderPoints 0 turns
	// order points off.
	OrderUnit   int64 `json:"order_unit"`
	OrderPoints int64 `json:"order_points"`
	// Activities are the points per community interaction kind, each with
	// a daily cap against farming.
	Activities []ActivityRule `json:"activities"`
	// RedeemMinimum is the fewest points one redemption may take.
	RedeemMinimum int64 `json:"redeem_minimum"`
}

// ActivityRule is what one kind of community interaction earns. Points 0
// turns it off; DailyCap 0 means no cap. The cap counts the points the
// rule earned a customer on one day in the settings' time zone.
type ActivityRule struct {
	Activity pointsentry.Activity `json:"activity"`
	Points   int64                `json:"points"`
	DailyCap int64                `json:"daily_cap"`
}

// DefaultLoyalty is used until an admin sets the rules.
var DefaultLoyalty = Loyalty{
	OrderUnit: 100, OrderPoints: 1,
	Activities: []ActivityRule{
		{pointsentry.ActivityPOST, 5, 20},
		{pointsentry.ActivityCOMMENT, 2, 20},
		{pointsentry.ActivityREACTION_RECEIVED, 1, 20},
		{pointsentry.ActivityFOLLOW_RECEIVED, 3, 15},
		{pointsentry.ActivityMENTION_RECEIVED, 0, 0},
		{pointsentry.ActivityREFERRAL, 50, 0},
	},
	RedeemMinimum: 100,
}

// Rule returns the rule of activity a (zero, so off, when none is set).
func (l Loyalty) Rule(a pointsentry.Activity) ActivityRule {
	for _, r := range l.Activities {
		if r.Activity == a {
			return r
		}
	}
	return ActivityRule{Activity: a}
}

// GetLoyalty returns the loyalty rules; any part of Kith may read them.
func (s *Store) GetLoyalty(ctx context.Context) (Loyalty, error) {
	row, err := s.Client.Setting.Query().Where(setting.Key(loyaltyKey)).Only(system(ctx))
	if err != nil {
		if isNotFound(err) {
			l := DefaultLoyalty
			l.Activities = append([]ActivityRule(nil), DefaultLoyalty.Activities...)
			return l, nil
		}
		return Loyalty{}, err
	}
	var l Loyalty
	if err := json.Unmarshal([]byte(row.Value), &l); err != nil {
		return Loyalty{}, fmt.Errorf("settings: stored loyalty rules are corrupt: %w", err)
	}
	return l, nil
}

// UpdateLoyalty replaces the loyalty rules; admins only, validated, audited
// in the same transaction. New rules apply to what is credited afterwards;
// points already in the ledger stay as they were earned.
func (s *Store) UpdateLoyalty(ctx context.Context, l Loyalty) (Loyalty, error) {
	if !viewer.FromContext(ctx).IsAdmin() {
		return Loyalty{}, errs.E(errs.Forbidden, "only admins change settings")
	}
	if err := l.validate(); err != nil {
		return Loyalty{}, err
	}
	b, _ := json.Marshal(l)
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return Loyalty{}, err
	}
	defer tx.Rollback() //nolint:errcheck
	err = tx.Setting.Create().SetKey(loyaltyKey).SetValue(string(b)).SetUpdatedByID(viewer.FromContext(ctx).UserID).
		OnConflictColumns(setting.FieldKey).UpdateValue().UpdateUpdatedByID().UpdateUpdatedAt().Exec(ctx)
	if err != nil {
		return Loyalty{}, err
	}
	var detail map[string]any
	_ = json.Unmarshal(b, &detail)
	if err := audit.Record(ctx, tx.Client(), "settings.loyalty.update", "", 0, detail); err != nil {
		return Loyalty{}, err
	}
	if err := tx.Commit(); err != nil {
		return Loyalty{}, err
	}
	return l, nil
}

// maxPoints bounds every points value so sums never overflow.
const maxPoints = 1_000_000_000

func (l Loyalty) validate() error {
	if l.OrderUnit < 1 || l.OrderUnit > maxPoints {
		return errs.Field("orderUnit", "orderUnit must be between 1 and %d minor units", maxPoints)
	}
	if l.OrderPoints < 0 || l.OrderPoints > 1_000_000 {
		return errs.Field("orderPoints", "orderPoints must be between 0 and 1000000 (0 turns order points off)")
	}
	seen := map[pointsentry.Activity]bool{}
	for _, r := range l.Activities {
		if pointsentry.ActivityValidator(r.Activity) != nil || seen[r.Activity] {
			return errs.Field("activities", "one rule per activity")
		}
		seen[r.Activity] = true
		if r.Points < 0 || r.Points > 1_000_000 || r.DailyCap < 0 || r.DailyCap > maxPoints {
			return errs.Field("activities", "points and daily caps must not be negative (0 turns a rule off or means no cap)")
		}
	}
	if l.RedeemMinimum < 1 || l.RedeemMinimum > maxPoints {
		return errs.Field("redeemMinimum", "redeemMinimum must be between 1 and %d", maxPoints)
	}
	return nil
}
