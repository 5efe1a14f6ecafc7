package settings

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/hook"
	"github.com/kith-crm/kith/internal/errs"
)

// ExchangeRate says what one unit of Currency is worth in the reporting
// currency (1 USD = 7.2 CNY is {USD, 7.2} when CNY is reported in).
type ExchangeRate struct {
	Currency string  `json:"currency"`
	Rate     float64 `json:"rate"`
}

// DefaultExchangeRates are against the default reporting currency (CNY);
// admins keep them current.
var DefaultExchangeRates = []ExchangeRate{
	{"USD", 7.2}, {"EUR", 7.8}, {"GBP", 9.1}, {"HKD", 0.92}, {"TWD", 0.22}, {"JPY", 0.048}, {"SGD", 5.3},
}

// minorDigits are the ISO 4217 currencies whose minor unit is not a
// hundredth; money is stored in minor units, so conversion must know them.
var minorDigits = map[string]int{
	"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "UGX": 0, "PYG": 0,
	"BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3,
}

// MinorDigits is the number of decimals of currency's minor unit (2 for most).
func MinorDigits(currency string) int {
	if d, ok := minorDigits[currency]; ok {
		return d
	}
	return 2
}

// factor is what a minor unit of currency is worth in minor units of the
// reporting currency; false when no rate is set.
func (s Settings) factor(currency string) (float64, bool) {
	if currency == s.ReportingCurrency {
		return 1, true
	}
	for _, r := range s.ExchangeRates {
		if r.Currency == currency {
			return r.Rate * math.Pow10(MinorDigits(s.ReportingCurrency)-MinorDigits(currency)), true
		}
	}
	return 0, false
}

// ToReporting converts amount (minor units of currency) to minor units of
// the reporting currency, rounded half away from zero; false when the
// settings hold no rate for currency.
func (s Settings) ToReporting(amount int64, currency string) (int64, bool) {
	f, ok := s.factor(currency)
	if !ok {
		return 0, false
	}
	return int64(math.Round(float64(amount) * f)), true
}

// rebase expresses the rates of s against the currency to; false when s has
// no rate for to.
func rebase(s Settings, to string) ([]ExchangeRate, bool) {
	base, ok := s.factor(to)
	if !ok {
		return nil, false
	}
	base /= math.Pow10(MinorDigits(s.ReportingCurrency) - MinorDigits(to)) // the major-unit rate
	out := []ExchangeRate{{Currency: s.ReportingCurrency, Rate: 1 / base}}
	for _, r := range s.ExchangeRates {
		if r.Currency != to {
			out = append(out, ExchangeRate{Currency: r.Currency, Rate: r.Rate / base})
		}
	}
	return out, true
}

func validateRates(rates []ExchangeRate, reporting string) error {
	seen := map[string]bool{}
	for _, r := range rates {
		switch {
		case !currencyCode.MatchString(r.Currency):
			return errs.Field("exchangeRates", "%q is not an ISO 4217 code", r.Currency)
		case seen[r.Currency]:
			return errs.Field("exchangeRates", "%s has two rates", r.Currency)
		case r.Currency == reporting:
			return errs.Field("exchangeRates", "%s is the reporting currency; its rate is always 1", r.Currency)
		case !(r.Rate > 0) || math.IsInf(r.Rate, 0):
			return errs.Field("exchangeRates", "the rate of %s must be a positive number", r.Currency)
		}
		seen[r.Currency] = true
	}
	return nil
}

// reconvert rewrites every order's reporting amounts at the rates of s, in
// the caller's transaction, with one set-based statement. It refuses when
// orders exist in a currency s has no rate for, so no amount is ever
// silently dropped from the reports.
func reconvert(ctx context.Context, tx *ent.Tx, s Settings) error {
	rows, err := tx.QueryContext(ctx, "SELECT currency FROM orders UNION SELECT currency FROM invoices")
	if err != nil {
		return err
	}
	var currencies []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		currencies = append(currencies, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(currencies) == 0 {
		return nil
	}
	sort.Strings(currencies)
	var cases strings.Builder
	for _, c := range currencies {
		f, ok := s.factor(c)
		if !ok {
			return errs.Field("exchangeRates", "orders in %s exist: keep a rate for it", c)
		}
		if !currencyCode.MatchString(c) {
			return fmt.Errorf("settings: order currency %q is not an ISO code", c)
		}
		// Both values are checked literals (a three-letter code and a
		// formatted float), so the statement is the same on both dialects.
		fmt.Fprintf(&cases, " WHEN '%s' THEN %s", c, strconv.FormatFloat(f, 'g', -1, 64))
	}
	q := fmt.Sprintf("UPDATE orders SET reporting_amount = CAST(ROUND(amount * (CASE currency%[1]s END)) AS BIGINT), "+
		"reporting_cost = CAST(ROUND(cost_to_serve * (CASE currency%[1]s END)) AS BIGINT)", cases.String())
	if _, err = tx.ExecContext(ctx, q); err != nil {
		return err
	}
	// Receivables follow: payments carry their invoice's currency.
	for _, q := range []string{
		fmt.Sprintf("UPDATE invoices SET reporting_amount = CAST(ROUND(amount * (CASE currency%[1]s END)) AS BIGINT), "+
			"reporting_paid = CAST(ROUND(paid_amount * (CASE currency%[1]s END)) AS BIGINT)", cases.String()),
		fmt.Sprintf("UPDATE payments SET reporting_amount = CAST(ROUND(amount * (CASE (SELECT currency FROM invoices WHERE invoices.id = payments.invoice_id)%[1]s END)) AS BIGINT)", cases.String()),
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// OrderHook fills an order's reporting amounts from the settings' exchange
// rates when it is created; an order in a currency without a rate is
// BAD_USER_INPUT on "currency". Writers that already converted (bulk imports,
// demo data) set the amounts themselves and are left alone.
func OrderHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.OrderFunc(func(ctx context.Context, m *ent.OrderMutation) (ent.Value, error) {
			if _, set := m.ReportingAmount(); set {
				return next.Mutate(ctx, m)
			}
			st, err := (&Store{Client: m.Client()}).Get(ctx)
			if err != nil {
				return nil, err
			}
			cur, _ := m.Currency()
			amount, _ := m.Amount()
			cost, _ := m.CostToServe()
			ra, ok := st.ToReporting(amount, cur)
			if !ok {
				return nil, errs.Field("currency", "no exchange rate for %s in the settings; an admin adds it first", cur)
			}
			rc, _ := st.ToReporting(cost, cur)
			m.SetReportingAmount(ra)
			m.SetReportingCost(rc)
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}
