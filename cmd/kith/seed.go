package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/seed"
	"github.com/kith-crm/kith/internal/store"
)

func seedCommand(ctx context.Context, cfg config, stdout io.Writer, logger *slog.Logger) error {
	if !cfg.development() && cfg.DatabaseURL != "" {
		logger.Warn("seeding demo data into a production-configured database")
	}
	db, err := openAndMigrate(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := runSeed(ctx, db)
	if err != nil {
		return err
	}
	printSeed(stdout, res)
	return nil
}

// seedIfEmpty seeds demo data on first start and prints the staff logins once.
func seedIfEmpty(ctx context.Context, db *store.DB, stdout io.Writer) error {
	res, err := runSeed(ctx, db)
	if errors.Is(err, seed.ErrNotEmpty) {
		fmt.Fprintln(stdout, "Demo data was loaded on an earlier start; the staff logins were printed then.")
		return nil
	}
	if err != nil {
		return err
	}
	printSeed(stdout, res)
	return nil
}

func runSeed(ctx context.Context, db *store.DB) (seed.Result, error) {
	return seed.Run(ctx, db.Client, seed.Options{
		Rand: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 42)),
		Now:  time.Now(),
		HashPassword: func(p string) (string, error) {
			return auth.HashWith(auth.OWASPParams, p)
		},
	})
}

func printSeed(w io.Writer, r seed.Result) {
	fmt.Fprintf(w, "Demo data: %d customers, %d orders, %d members, %d boards, %d posts, %d loyalty ledger entries.\n", r.Customers, r.Orders, r.Members, r.Boards, r.Posts, r.PointsEntries)
	fmt.Fprintln(w, "Staff logins (shown once; the passwords are random):")
	for _, s := range r.Staff {
		fmt.Fprintf(w, "  %-9s %-28s %s\n", s.Role, s.Email, s.Password)
	}
}
