// Command kith-scorebench measures the value-score recompute against a bare
// SQL script doing the same core work, on generated data. `make bench` runs
// it; it is never part of `make test`.
//
//	kith-scorebench [-database-url postgres://…] [-customers N] [-orders M] [-reuse]
//
// With a database URL (SCORES_BENCH_DATABASE_URL in the Makefile) it runs on
// that scratch PostgreSQL database, which it migrates and fills; otherwise on
// a temporary SQLite file. It reports four figures, each from the same
// state (the scores cleared, untimed, before each run):
//
//   - recompute: crm.Service.Recompute, everything the job does;
//   - bare script: one UPDATE … FROM over the GROUP BY customer_id aggregate
//     with the 1–5 scores, written into the same customers columns;
//   - bare aggregate: the GROUP BY customer_id alone;
//   - steady recompute: a second recompute with nothing changed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/crm"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/settings"
	"github.com/kith-crm/kith/internal/store"
)

func main() {
	url := flag.String("database-url", "", "scratch PostgreSQL database (empty: a temporary SQLite file)")
	customers := flag.Int("customers", 10000, "customers to generate")
	orders := flag.Int("orders", 100000, "sales to generate")
	reuse := flag.Bool("reuse", false, "keep the data already there when it has at least as many customers and orders")
	flag.Parse()
	if err := run(context.Background(), *url, *customers, *orders, *reuse); err != nil {
		fmt.Fprintln(os.Stderr, "kith-scorebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, url string, customers, orders int, reuse bool) error {
	dir := ""
	if url == "" {
		var err error
		if dir, err = os.MkdirTemp("", "kith-scorebench"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	db, err := store.Open(ctx, url, filepath.Join(dir, "data"))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx, func(ctx context.Context) error { return jobs.Migrate(ctx, db) }); err != nil {
		return err
	}
	now := time.Now().UTC()
	var haveC, haveO int
	if err := db.SQL.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM orders WHERE kind = 'SALE')").Scan(&haveC, &haveO); err != nil {
		return err
	}
	if !reuse || haveC < customers || haveO < orders {
		fmt.Printf("generating %d customers and %d orders on %s…\n", customers, orders, db.Dialect)
		st, err := crm.GenerateData(ctx, db, crm.GenSpec{Customers: customers, Orders: orders, Now: now})
		if err != nil {
			return err
		}
		fmt.Printf("gen-data: %d customers, %d sales, %d cancellations in %s\n", st.Customers, st.Sales, st.Cancellations, st.Took.Round(time.Millisecond))
		haveC, haveO = haveC+customers, haveO+orders
	}
	fmt.Printf("data: %d customers, %d sales\n", haveC, haveO)
	s := &crm.Service{DB: db, Settings: &settings.Store{Client: db.Client}, Clock: clock.NewFixed(now)}
	sc, err := s.Settings.GetScores(ctx)
	if err != nil {
		return err
	}

	if err := crm.ResetScores(ctx, db); err != nil {
		return err
	}
	t0 := time.Now()
	res, err := s.Recompute(ctx, nil)
	if err != nil {
		return err
	}
	recompute := time.Since(t0)
	fmt.Printf("recompute:        %8.2fs  (%d customers, %d scored, %d rows written, %d tier changes)\n", recompute.Seconds(), res.Customers, res.Scored, res.Changed, res.TierChanges)

	t0 = time.Now()
	res, err = s.Recompute(ctx, nil)
	if err != nil {
		return err
	}
	fmt.Printf("steady recompute: %8.2fs  (%d rows written)\n", time.Since(t0).Seconds(), res.Changed)

	if err := crm.ResetScores(ctx, db); err != nil {
		return err
	}
	t0 = time.Now()
	n, err := crm.BareScript(ctx, db, now.Add(-time.Duration(sc.WindowDays)*24*time.Hour))
	if err != nil {
		return err
	}
	bare := time.Since(t0)
	fmt.Printf("bare script:      %8.2fs  (%d rows written)\n", bare.Seconds(), n)

	t0 = time.Now()
	groups, err := crm.BareAggregate(ctx, db, now.Add(-time.Duration(sc.WindowDays)*24*time.Hour))
	if err != nil {
		return err
	}
	fmt.Printf("bare aggregate:   %8.2fs  (%d groups)\n", time.Since(t0).Seconds(), groups)
	fmt.Printf("recompute / bare script = %.2f\n", recompute.Seconds()/bare.Seconds())
	return nil
}
