// Package app wires Kith's services over one database and event bus; the
// binary and the end-to-end tests build the same thing through it.
package app

import (
	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
)

// Services returns the resolver with every service.
func Services(db *store.DB, bus *pubsub.Bus, hasher *auth.Hasher, clk clock.Clock) *graph.Resolver {
	return &graph.Resolver{
		Client:    db.Client,
		Auth:      &auth.Service{Client: db.Client, Hasher: hasher, Clock: clk},
		Settings:  &settings.Store{Client: db.Client},
		Customers: &customer.Service{Client: db.Client, Now: clk.Now},
		Community: &community.Service{Client: db.Client, Bus: bus},
		Bus:       bus,
	}
}
