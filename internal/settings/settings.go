// Package settings is the typed settings store: every "configurable" value of
// Kith is a setting here, edited by admins, each change audited.
package settings

import (
	"context"
	"encoding/json"
	"regexp"
	"time"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/setting"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// Settings are the current values. Later capabilities add their thresholds here.
type Settings struct {
	ReportingCurrency string `json:"reporting_currency"`
	TimeZone          string `json:"time_zone"`
}

// Defaults are used for keys never set.
var Defaults = Settings{ReportingCurrency: "CNY", TimeZone: "Asia/Shanghai"}

// Patch holds the values to change; nil leaves a value as it is.
type Patch struct {
	ReportingCurrency *string
	TimeZone          *string
}

// Store reads and writes settings.
type Store struct{ Client *ent.Client }

func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// Get returns the settings; any part of Kith may read them.
func (s *Store) Get(ctx context.Context) (Settings, error) {
	rows, err := s.Client.Setting.Query().All(system(ctx))
	if err != nil {
		return Settings{}, err
	}
	out := Defaults
	byKey := map[string]*string{"reporting_currency": &out.ReportingCurrency, "time_zone": &out.TimeZone}
	for _, r := range rows {
		if dst, ok := byKey[r.Key]; ok {
			_ = json.Unmarshal([]byte(r.Value), dst)
		}
	}
	return out, nil
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// Update changes settings; admins only. Values are validated first and the
// change is written with its audit event in one transaction.
func (s *Store) Update(ctx context.Context, p Patch) (Settings, error) {
	if !viewer.FromContext(ctx).IsAdmin() {
		return Settings{}, errs.E(errs.Forbidden, "only admins change settings")
	}
	changes := map[string]any{}
	if p.ReportingCurrency != nil {
		if !currencyCode.MatchString(*p.ReportingCurrency) {
			return Settings{}, errs.Field("reportingCurrency", "must be an ISO 4217 code such as CNY or USD")
		}
		changes["reporting_currency"] = *p.ReportingCurrency
	}
	if p.TimeZone != nil {
		if _, err := time.LoadLocation(*p.TimeZone); err != nil || *p.TimeZone == "" || *p.TimeZone == "Local" {
			return Settings{}, errs.Field("timeZone", "must be an IANA time zone such as Asia/Shanghai")
		}
		changes["time_zone"] = *p.TimeZone
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return Settings{}, err
	}
	defer tx.Rollback() //nolint:errcheck
	uid := viewer.FromContext(ctx).UserID
	for k, v := range changes {
		b, _ := json.Marshal(v)
		err := tx.Setting.Create().SetKey(k).SetValue(string(b)).SetUpdatedByID(uid).
			OnConflictColumns(setting.FieldKey).UpdateValue().UpdateUpdatedByID().UpdateUpdatedAt().Exec(ctx)
		if err != nil {
			return Settings{}, err
		}
	}
	if len(changes) > 0 {
		if err := audit.Record(ctx, tx.Client(), "settings.update", "", 0, changes); err != nil {
			return Settings{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return Settings{}, err
	}
	return s.Get(ctx)
}
