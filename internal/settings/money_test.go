package settings_test

import (
	"context"
	"testing"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

func TestSettings_ToReportingConvertsMinorUnits(t *testing.T) {
	s := settings.Settings{ReportingCurrency: "CNY", ExchangeRates: []settings.ExchangeRate{{"USD", 7.2}, {"JPY", 0.048}, {"KWD", 23.5}}}
	cases := []struct {
		name     string
		amount   int64
		currency string
		want     int64
		ok       bool
	}{
		{"Same", 12345, "CNY", 12345, true},
		{"Cents", 1000, "USD", 7200, true},       // $10.00 → ¥72.00
		{"Negative", -1000, "USD", -7200, true},  // cancellations convert the same way
		{"NoMinorUnit", 1000, "JPY", 4800, true}, // ¥1000 (JPY) → ¥48.00
		{"ThreeDigits", 1500, "KWD", 3525, true}, // 1.500 KWD → ¥35.25
		{"RoundsHalfAway", 1, "JPY", 5, true},    // 0.048 CNY → 4.8 fen → 5
		{"NoRate", 100, "EUR", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := s.ToReporting(c.amount, c.currency)
			if got != c.want || ok != c.ok {
				t.Fatalf("ToReporting(%d, %s) = %d, %v; want %d, %v", c.amount, c.currency, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestSettings_ExchangeRatesConvertEveryOrder(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		s := &settings.Store{Client: db.Client}
		admin := viewer.NewContext(context.Background(), viewer.Viewer{UserID: 1, Role: viewer.RoleAdmin})
		c := db.Client.Customer.Create().SetName("Acme").SaveX(admin)
		mk := func(ext string, amount, cost int64, cur string) (*ent.Order, error) {
			return db.Client.Order.Create().SetCustomerID(c.ID).SetSource("t").SetExternalID(ext).
				SetAmount(amount).SetCostToServe(cost).SetCurrency(cur).Save(admin)
		}
		usd, err := mk("1", 1000, 100, "USD")
		if err != nil || usd.ReportingAmount != 7200 || usd.ReportingCost != 720 {
			t.Fatalf("USD order = %+v, %v; want 7200/720 at the default rate", usd, err)
		}
		if _, err := mk("2", 500, 0, "CNY"); err != nil {
			t.Fatal(err)
		}
		if _, err := mk("3", 100, 0, "XAU"); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("order in a currency without a rate: %v; want BAD_USER_INPUT", err)
		}

		bad := []struct {
			name  string
			patch settings.Patch
		}{
			{"RemovesUsedRate", settings.Patch{ExchangeRates: []settings.ExchangeRate{{"EUR", 7.8}}}},
			{"ZeroRate", settings.Patch{ExchangeRates: []settings.ExchangeRate{{"USD", 0}}}},
			{"BadCode", settings.Patch{ExchangeRates: []settings.ExchangeRate{{"dollar", 7}}}},
			{"Twice", settings.Patch{ExchangeRates: []settings.ExchangeRate{{"USD", 7}, {"USD", 8}}}},
			{"ReportingCurrencyListed", settings.Patch{ExchangeRates: []settings.ExchangeRate{{"USD", 7}, {"CNY", 1}}}},
			{"NewReportingWithoutRate", settings.Patch{ReportingCurrency: ptr("CHF")}},
		}
		for _, b := range bad {
			t.Run(b.name, func(t *testing.T) {
				if _, err := s.Update(admin, b.patch); errs.CodeOf(err) != errs.Invalid {
					t.Fatalf("Update = %v; want BAD_USER_INPUT", err)
				}
			})
		}
		amounts := func() map[string]int64 {
			out := map[string]int64{}
			for _, o := range db.Client.Order.Query().Order(order.ByID()).AllX(admin) {
				out[o.ExternalID] = o.ReportingAmount
			}
			return out
		}
		if got := amounts(); got["1"] != 7200 || got["2"] != 500 {
			t.Fatalf("refused updates changed amounts: %v", got)
		}

		if _, err := s.Update(admin, settings.Patch{ExchangeRates: []settings.ExchangeRate{{"USD", 7.5}}}); err != nil {
			t.Fatal(err)
		}
		if got := amounts(); got["1"] != 7500 || got["2"] != 500 {
			t.Fatalf("after a new USD rate: %v; want 7500 and 500", got)
		}
		// Reporting in USD: the rates are rebased, and so is every order.
		st, err := s.Update(admin, settings.Patch{ReportingCurrency: ptr("USD")})
		if err != nil {
			t.Fatal(err)
		}
		if r, _ := st.ToReporting(750, "CNY"); r != 100 {
			t.Fatalf("rebased CNY rate converts ¥7.50 to %d cents; want 100", r)
		}
		if got := amounts(); got["1"] != 1000 || got["2"] != 67 {
			t.Fatalf("after reporting in USD: %v; want 1000 and 67", got)
		}
	})
}
