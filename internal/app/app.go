// Package app wires Kith's services over one database and event bus; the
// binary and the end-to-end tests build the same thing through it.
package app

import (
	"context"
	"log/slog"
	"sync"

	"github.com/riverqueue/river"

	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/mail"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
)

// Options configure the services beyond the database: mail and links.
type Options struct {
	// Mailer sends verification and password-reset mail (and later
	// campaigns); nil drops such mail with a warning.
	Mailer mail.Sender
	// PublicURL is where the web app is reached (KITH_PUBLIC_URL); links in
	// mail start with it.
	PublicURL string
	// Secret is KITH_SECRET; empty uses the key kept in the database.
	Secret string
	// Logger receives mail failures; nil is slog.Default().
	Logger *slog.Logger
}

// Services returns the resolver with every service; at most one Options.
func Services(db *store.DB, bus *pubsub.Bus, hasher *auth.Hasher, clk clock.Clock, opts ...Options) *graph.Resolver {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	st := &settings.Store{Client: db.Client}
	return &graph.Resolver{
		Client: db.Client,
		Auth: &auth.Service{
			Client: db.Client, Hasher: hasher, Clock: clk,
			Mailer: o.Mailer, PublicURL: o.PublicURL, Logger: o.Logger,
			SigningKey: secretOnce(func(ctx context.Context) ([]byte, error) { return st.Secret(ctx, o.Secret) }),
		},
		Mailer:    o.Mailer,
		Settings:  st,
		Customers: &customer.Service{Client: db.Client, Now: clk.Now},
		Community: &community.Service{Client: db.Client, Bus: bus},
		Jobs:      &jobs.Service{Client: db.Client, Bus: bus},
		Bus:       bus,
		// Imports.Jobs is set to the process's runner once it exists.
		Imports: &importer.Service{Importer: &importer.Importer{DB: db, Now: clk.Now}},
	}
}

// Jobs returns the job runner over db with the workers of every service.
// Start it after migrating and stop it before closing bus and db.
func Jobs(db *store.DB, bus *pubsub.Bus, logger *slog.Logger, opts ...jobs.Options) (*jobs.Runner, error) {
	return jobs.New(db, bus, logger, func(w *river.Workers) {
		// Services register their workers here (imports, scoring, sending).
		river.AddWorker(w, &importer.Worker{Service: &importer.Service{Importer: &importer.Importer{DB: db}}})
	}, opts...)
}

// secretOnce remembers the first key f returns; an error is not remembered.
func secretOnce(f func(context.Context) ([]byte, error)) func(context.Context) ([]byte, error) {
	var mu sync.Mutex
	var key []byte
	return func(ctx context.Context) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		if key != nil {
			return key, nil
		}
		k, err := f(ctx)
		if err != nil {
			return nil, err
		}
		key = k
		return key, nil
	}
}
