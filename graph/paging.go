package graph

import "github.com/kith-crm/kith/internal/errs"

// Page rules of the public API: with neither first nor last a page holds
// DefaultPageSize; more than MaxPageSize is BAD_USER_INPUT.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// pageSize applies the page rules to a connection's first/last arguments.
func pageSize(first, last *int) (*int, *int, error) {
	for name, n := range map[string]*int{"first": first, "last": last} {
		if n == nil {
			continue
		}
		if *n < 0 {
			return nil, nil, errs.Field(name, "%s must not be negative", name)
		}
		if *n > MaxPageSize {
			return nil, nil, errs.Field(name, "%s must be at most %d", name, MaxPageSize)
		}
	}
	if first == nil && last == nil {
		n := DefaultPageSize
		first = &n
	}
	return first, last, nil
}
