package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/importer"
)

// importCommand runs `kith import customers|orders FILE [--mode skip|update|stop]`
// in this process, as the system (whoever can run the binary owns the
// database): progress on stderr, the result and every reported error on
// stdout. Nothing is written unless the whole file is good.
func importCommand(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer, logger *slog.Logger) error {
	if len(args) == 0 || (args[0] != "customers" && args[0] != "orders") {
		return usageError{"kith import: say customers or orders"}
	}
	kind := args[0]
	fs := flag.NewFlagSet("import "+kind, flag.ContinueOnError)
	fs.SetOutput(stderr)
	modeFlag := fs.String("mode", "skip", "what to do with duplicate customers: skip, update or stop")
	// The file may come before or after the flags.
	var file string
	rest := args[1:]
	for {
		if err := fs.Parse(rest); err != nil {
			return usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		if file != "" {
			return usageError{"kith import: one FILE only"}
		}
		file, rest = fs.Arg(0), fs.Args()[1:]
	}
	if file == "" {
		return usageError{"kith import: FILE is required"}
	}
	mode, err := importer.ParseMode(*modeFlag)
	if err != nil {
		return usageError{err.Error()}
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	db, err := openAndMigrate(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()

	im := &importer.Importer{DB: db}
	started := time.Now()
	progress := func(rows int) { fmt.Fprintf(stderr, "\r%d rows read", rows) }
	var res *importer.Result
	if kind == "customers" {
		res, err = im.Customers(auth.System(ctx), f, mode, progress)
	} else {
		res, err = im.Orders(auth.System(ctx), f, progress)
	}
	fmt.Fprintln(stderr)
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return fmt.Errorf("%s: %s (nothing imported)", file, fe.Error())
	}
	if err != nil {
		return err
	}
	printResult(stdout, res, time.Since(started))
	if !res.Written {
		return fmt.Errorf("%d rows have errors; nothing was imported", res.ErrorCount)
	}
	return nil
}

func printResult(w io.Writer, r *importer.Result, took time.Duration) {
	for _, e := range r.Errors {
		if e.Field != "" {
			fmt.Fprintf(w, "line %d, %s: %s (%s)\n", e.Line, e.Field, e.Message, e.Code)
		} else {
			fmt.Fprintf(w, "line %d: %s (%s)\n", e.Line, e.Message, e.Code)
		}
	}
	if more := r.ErrorCount - len(r.Errors); more > 0 {
		fmt.Fprintf(w, "… and %d more errors\n", more)
	}
	fmt.Fprintf(w, "%d rows: %d created, %d updated, %d skipped, %d duplicates, %d already present, %d errors (%s)\n",
		r.Rows, r.Created, r.Updated, r.Skipped, r.Duplicates, r.AlreadyPresent, r.ErrorCount, took.Round(time.Millisecond))
}
