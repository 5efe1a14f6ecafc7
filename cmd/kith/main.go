// Command kith is the one Kith binary: the server and its admin commands.
//
//	kith serve [--demo]    run the server (KITH_ADDR, DATABASE_URL, KITH_ENV, …)
//	kith migrate           bring the database schema up to date
//	kith seed              fill an empty database with demo data
//	kith user create --email E --password P --role admin|marketer|manager|member
//	kith import customers|orders FILE [--mode skip|update|stop]
//	kith gen-data --customers N --orders M
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, err)
			fmt.Fprint(os.Stderr, usage)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "kith:", err)
		os.Exit(1)
	}
}

const usage = `usage:
  kith serve [--demo]     run the server; --demo seeds demo data into an empty database (not in production)
  kith migrate            bring the database schema up to date
  kith seed               fill an empty database with demo data and print the staff logins
  kith user create --email E --password P --role admin|marketer|manager|member [--name N]
  kith import customers|orders FILE [--mode skip|update|stop]
                          import a UTF-8 CSV file; all or nothing; duplicates skipped, updated or stopping the import
  kith gen-data --customers N --orders M
                          write N customers and M orders of bench data (set-based, inside the database)
environment: KITH_ADDR, DATABASE_URL, KITH_DATA_DIR, KITH_ENV, KITH_ALLOWED_ORIGINS,
             KITH_SECRET, KITH_PUBLIC_URL, SMTP_URL, KITH_MAIL_FROM (see README)
`

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"kith: a command is required"}
	}
	cfg := configFromEnv()
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.logLevel()}))
	switch args[0] {
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(stderr)
		demo := fs.Bool("demo", false, "seed demo data into an empty database")
		if err := fs.Parse(args[1:]); err != nil {
			return usageError{err.Error()}
		}
		return serve(ctx, cfg, *demo, stdout, logger)
	case "migrate":
		db, err := openAndMigrate(ctx, cfg, logger)
		if err != nil {
			return err
		}
		defer db.Close()
		fmt.Fprintln(stdout, "database is up to date")
		return nil
	case "seed":
		return seedCommand(ctx, cfg, stdout, logger)
	case "user":
		if len(args) < 2 || args[1] != "create" {
			return usageError{"kith user: only 'create' is known"}
		}
		return userCreate(ctx, cfg, args[2:], stdout, stderr, logger)
	case "import":
		return importCommand(ctx, cfg, args[1:], stdout, stderr, logger)
	case "gen-data":
		return genDataCommand(ctx, cfg, args[1:], stdout, stderr, logger)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("kith: unknown command %q", args[0])}
}

// config is the process configuration, from the environment (API.md).
type config struct {
	Addr           string
	DatabaseURL    string
	DataDir        string
	Env            string
	AllowedOrigins []string
	Secret         string
	PublicURL      string
	SMTPURL        string
	MailFrom       string
}

func configFromEnv() config {
	c := config{
		Addr:        getenv("KITH_ADDR", ":8080"),
		DatabaseURL: os.Getenv("DATABASE_URL"),
		DataDir:     getenv("KITH_DATA_DIR", "./data"),
		Env:         getenv("KITH_ENV", "production"),
		Secret:      os.Getenv("KITH_SECRET"),
		PublicURL:   os.Getenv("KITH_PUBLIC_URL"),
		SMTPURL:     os.Getenv("SMTP_URL"),
		MailFrom:    getenv("KITH_MAIL_FROM", "Kith <no-reply@localhost>"),
	}
	for _, o := range strings.Split(os.Getenv("KITH_ALLOWED_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.AllowedOrigins = append(c.AllowedOrigins, o)
		}
	}
	return c
}

func (c config) development() bool { return c.Env == "development" }

func (c config) logLevel() slog.Level {
	if c.development() {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

func getenv(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
