package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/kith-crm/kith/frontend"
	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/history"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/mail"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/server"
)

func openAndMigrate(ctx context.Context, cfg config, logger *slog.Logger) (*store.DB, error) {
	if cfg.Env != "development" && cfg.Env != "production" {
		return nil, fmt.Errorf("KITH_ENV must be development or production, not %q", cfg.Env)
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	// The job queue's tables migrate under the same lock as the rest.
	if err := db.Migrate(ctx, func(ctx context.Context) error { return jobs.Migrate(ctx, db) }); err != nil {
		db.Close()
		return nil, err
	}
	history.Register(db.Client)
	logger.Debug("database ready", "dialect", db.Dialect)
	return db, nil
}

func serve(ctx context.Context, cfg config, demo bool, stdout io.Writer, logger *slog.Logger) error {
	db, err := openAndMigrate(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	if demo {
		if !cfg.development() {
			return errors.New("--demo is refused unless KITH_ENV=development: production never gets demo data")
		}
		if err := seedIfEmpty(ctx, db, stdout); err != nil {
			return err
		}
	}
	// Fail at start, not at the first mail, on a bad signing key or SMTP URL.
	if _, err := (&settings.Store{Client: db.Client}).Secret(ctx, cfg.Secret); err != nil {
		return err
	}
	mailer, err := mail.NewSender(cfg.SMTPURL, cfg.MailFrom, logger)
	if err != nil {
		return err
	}
	var bus *pubsub.Bus
	if db.URL != "" {
		bus, err = pubsub.NewPostgresBus(db.URL, logger)
		if err != nil {
			return err
		}
	} else {
		bus = pubsub.NewMemoryBus()
	}
	defer bus.Close()

	runner, err := app.Jobs(db, bus, logger)
	if err != nil {
		return err
	}
	// The runner outlives ctx: on a signal it stops below, after the HTTP
	// server, so that running jobs can finish and record their end.
	if err := runner.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := runner.Stop(stopCtx); err != nil {
			logger.Error("stopping jobs", "err", err)
		}
	}()

	resolver := app.Services(db, bus, auth.NewHasher(auth.OWASPParams), clock.System{}, app.Options{
		Mailer: mailer, PublicURL: cfg.PublicURL, Secret: cfg.Secret, Logger: logger,
	})
	resolver.Imports.Jobs = runner
	resolver.Loyalty.Jobs = runner
	resolver.Scores.Jobs = runner
	// Mails still going out in the background finish before the process ends.
	defer resolver.Auth.WaitMail()
	dist, _ := fs.Sub(frontend.Dist, "dist")
	srv := server.New(server.Config{
		Development:    cfg.development(),
		AllowedOrigins: cfg.AllowedOrigins,
		SecureCookies:  strings.HasPrefix(cfg.PublicURL, "https://"),
		Logger:         logger,
		Ready:          db.SQL.PingContext,
		WebApp:         server.WebApp(dist),
	}, resolver)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if cfg.PublicURL == "" {
		// Links in mail need an absolute URL; this one is right only on this machine.
		resolver.Auth.PublicURL = strings.TrimSuffix(displayURL(ln.Addr()), "/")
		logger.Warn("KITH_PUBLIC_URL is not set: links in mail point to " + resolver.Auth.PublicURL)
	}
	fmt.Fprintf(stdout, "Kith is running at %s\n", displayURL(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Websocket().CloseKey("", 1001, "Server shutting down")
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayURL is the address a person can open: an unspecified host becomes localhost.
func displayURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s/", net.JoinHostPort(host, fmt.Sprint(tcp.Port)))
}
