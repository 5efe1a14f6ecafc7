// Package settings is the typed settings store: every "configurable" value of
// Kith is a setting here, edited by admins, each change audited.
package settings

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
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
	// ExchangeRates convert order amounts to the reporting currency; an
	// order in a currency without a rate is refused.
	ExchangeRates []ExchangeRate `json:"exchange_rates"`
}

// Defaults are used for keys never set.
var Defaults = Settings{ReportingCurrency: "CNY", TimeZone: "Asia/Shanghai", ExchangeRates: DefaultExchangeRates}

// Patch holds the values to change; nil leaves a value as it is.
type Patch struct {
	ReportingCurrency *string
	TimeZone          *string
	// ExchangeRates, when not nil, replaces every rate. Changing the rates
	// or the reporting currency rewrites every order's reporting amounts.
	ExchangeRates []ExchangeRate
}

// Store reads and writes settings.
type Store struct{ Client *ent.Client }

func system(ctx context.Context) context.Context { return privacy.DecisionContext(ctx, privacy.Allow) }

// Get returns the settings; any part of Kith may read them. It reads its
// own rows only: others hold bulky derived data (the crm basket table).
func (s *Store) Get(ctx context.Context) (Settings, error) {
	rows, err := s.Client.Setting.Query().Where(setting.KeyIn("reporting_currency", "time_zone", "exchange_rates")).All(system(ctx))
	if err != nil {
		return Settings{}, err
	}
	out := Defaults
	// Unmarshalling into a slice reuses its array: never Defaults' own.
	out.ExchangeRates = append([]ExchangeRate(nil), Defaults.ExchangeRates...)
	byKey := map[string]any{"reporting_currency": &out.ReportingCurrency, "time_zone": &out.TimeZone, "exchange_rates": &out.ExchangeRates}
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
	cur, err := s.Get(ctx)
	if err != nil {
		return Settings{}, err
	}
	next := cur
	if p.ReportingCurrency != nil && *p.ReportingCurrency != cur.ReportingCurrency {
		next.ReportingCurrency = *p.ReportingCurrency
		if p.ExchangeRates == nil {
			// Keep the same rates, expressed against the new currency.
			rebased, ok := rebase(cur, next.ReportingCurrency)
			if !ok {
				return Settings{}, errs.Field("exchangeRates", "no rate for %s: give the rates against it", next.ReportingCurrency)
			}
			next.ExchangeRates = rebased
			changes["exchange_rates"] = rebased
		}
	}
	if p.ExchangeRates != nil {
		rates := make([]ExchangeRate, len(p.ExchangeRates))
		for i, r := range p.ExchangeRates {
			rates[i] = ExchangeRate{Currency: strings.ToUpper(strings.TrimSpace(r.Currency)), Rate: r.Rate}
		}
		next.ExchangeRates = rates
		changes["exchange_rates"] = rates
	}
	if next.ReportingCurrency != cur.ReportingCurrency || p.ExchangeRates != nil {
		if err := validateRates(next.ExchangeRates, next.ReportingCurrency); err != nil {
			return Settings{}, err
		}
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return Settings{}, err
	}
	defer tx.Rollback() //nolint:errcheck
	if next.ReportingCurrency != cur.ReportingCurrency || p.ExchangeRates != nil {
		if err := reconvert(ctx, tx, next); err != nil {
			return Settings{}, err
		}
	}
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
