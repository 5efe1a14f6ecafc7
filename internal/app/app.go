// Package app wires Kith's services over one database and event bus; the
// binary and the end-to-end tests build the same thing through it.
package app

import (
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/jobs"
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
		Jobs:      &jobs.Service{Client: db.Client, Bus: bus},
		Bus:       bus,
	}
}

// Jobs returns the job runner over db with the workers of every service.
// Start it after migrating and stop it before closing bus and db.
func Jobs(db *store.DB, bus *pubsub.Bus, logger *slog.Logger, opts ...jobs.Options) (*jobs.Runner, error) {
	return jobs.New(db, bus, logger, func(w *river.Workers) {
		// Services register their workers here (imports, scoring, sending).
	}, opts...)
}
