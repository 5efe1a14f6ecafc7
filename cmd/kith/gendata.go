package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/kith-crm/kith/internal/crm"
)

// genDataCommand is `kith gen-data --customers N --orders M`: bench data,
// written set-based inside the database (see crm.GenerateData).
func genDataCommand(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer, logger *slog.Logger) error {
	fs := flag.NewFlagSet("gen-data", flag.ContinueOnError)
	fs.SetOutput(stderr)
	customers := fs.Int("customers", 1000, "customers to create")
	orders := fs.Int("orders", 10000, "sales to create (one in 50 also gets a cancellation)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *customers < 1 || *orders < 0 {
		return usageError{"kith gen-data: --customers must be at least 1 and --orders not negative"}
	}
	db, err := openAndMigrate(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := crm.GenerateData(ctx, db, crm.GenSpec{Customers: *customers, Orders: *orders, Now: time.Now()})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d customers, %d sales, %d cancellations in %s\n", st.Customers, st.Sales, st.Cancellations, st.Took.Round(time.Millisecond))
	for _, s := range st.Steps {
		fmt.Fprintf(stdout, "  %-20s %s\n", s.Name, s.Took.Round(time.Millisecond))
	}
	return nil
}
