package graph

import "github.com/kith-crm/kith/internal/settings"

// derefRates turns the input list into values; nil (not given) stays nil so
// the rates are left as they are.
func derefRates(in []*settings.ExchangeRate) []settings.ExchangeRate {
	if in == nil {
		return nil
	}
	out := make([]settings.ExchangeRate, 0, len(in))
	for _, r := range in {
		out = append(out, *r)
	}
	return out
}
