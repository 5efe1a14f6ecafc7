// Package app wires Kith's services over one database and event bus; the
// binary and the end-to-end tests build the same thing through it.
package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/kith-crm/kith/graph"
	"github.com/kith-crm/kith/internal/accounts"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/crm"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/insights"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/loyalty"
	"github.com/kith-crm/kith/internal/mail"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/receivables"
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
	acc := &accounts.Service{Client: db.Client, Bus: bus, Settings: st, Clock: clk, Signals: receivables.Signals()}
	// Every path that writes tickets keeps their SLA (see accounts.SLAHook).
	db.Client.Ticket.Use(acc.SLAHook())
	cust := &customer.Service{Client: db.Client, Now: clk.Now, Settings: st}
	// Loyalty.Jobs is set to the process's runner once it exists; the hook
	// then asks for an accrual after every order write.
	loy := &loyalty.Service{Client: db.Client, Settings: st, Clock: clk, Customers: cust}
	db.Client.Order.Use(loy.OrderHook())
	return &graph.Resolver{
		Client: db.Client,
		Auth: &auth.Service{
			Client: db.Client, Hasher: hasher, Clock: clk,
			Mailer: o.Mailer, PublicURL: o.PublicURL, Logger: o.Logger,
			SigningKey: secretOnce(func(ctx context.Context) ([]byte, error) { return st.Secret(ctx, o.Secret) }),
		},
		Mailer:    o.Mailer,
		Settings:  st,
		Customers: cust,
		Community: &community.Service{Client: db.Client, Bus: bus},
		Jobs:      &jobs.Service{Client: db.Client, Bus: bus},
		Bus:       bus,
		// Imports.Jobs is set to the process's runner once it exists.
		Imports:   &importer.Service{Importer: &importer.Importer{DB: db, Now: clk.Now}},
		Accounts:  acc,
		Loyalty:   loy,
		Invoicing: &receivables.Service{Client: db.Client, Settings: st, Clock: clk},
		Insights:  &insights.Service{Client: db.Client, Dialect: db.Dialect, Settings: st, Now: clk.Now},
		// Scores.Jobs is set to the process's runner once it exists.
		Scores: &crm.Service{DB: db, Settings: st, Clock: clk},
	}
}

// Jobs returns the job runner over db with the workers of every service.
// Start it after migrating and stop it before closing bus and db.
func Jobs(db *store.DB, bus *pubsub.Bus, logger *slog.Logger, opts ...jobs.Options) (*jobs.Runner, error) {
	var o jobs.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	var clk clock.Clock = clock.System{}
	if o.Now != nil {
		clk = clockFunc(o.Now)
	}
	acc := &accounts.Service{Client: db.Client, Bus: bus, Settings: &settings.Store{Client: db.Client}, Clock: clk, Signals: receivables.Signals()}
	loy := &loyalty.Service{Client: db.Client, Settings: &settings.Store{Client: db.Client}, Clock: clk}
	var regErr error
	r, err := jobs.New(db, bus, logger, func(w *river.Workers) {
		// Services register their workers here (imports, scoring, sending).
		river.AddWorker(w, &importer.Worker{Service: &importer.Service{Importer: &importer.Importer{DB: db}}})
		scores := &crm.Service{DB: db, Settings: &settings.Store{Client: db.Client}, Clock: clk}
		regErr = errors.Join(regErr, acc.AddWorkers(w), loy.AddWorkers(w), scores.AddWorkers(w))
	}, opts...)
	if err != nil {
		return nil, err
	}
	if regErr != nil {
		return nil, regErr
	}
	r.River().PeriodicJobs().AddMany(accounts.PeriodicJobs())
	r.River().PeriodicJobs().AddMany(loyalty.PeriodicJobs())
	r.River().PeriodicJobs().AddMany(crm.PeriodicJobs())
	return r, nil
}

// clockFunc adapts a time source to clock.Clock.
type clockFunc func() time.Time

func (f clockFunc) Now() time.Time { return f() }

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
