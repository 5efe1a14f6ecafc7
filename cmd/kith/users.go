package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/viewer"
)

func userCreate(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer, logger *slog.Logger) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	email := fs.String("email", "", "e-mail address (required)")
	password := fs.String("password", "", "password, at least 8 characters (required)")
	role := fs.String("role", "", "admin, marketer, manager or member (required)")
	name := fs.String("name", "", "display name")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *email == "" || *password == "" || *role == "" {
		return usageError{"kith user create: --email, --password and --role are required"}
	}
	db, err := openAndMigrate(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := &auth.Service{Client: db.Client, Hasher: auth.NewHasher(auth.OWASPParams), Clock: clock.System{}}
	u, err := svc.CreateUser(auth.System(ctx), *email, *password, viewer.Role(strings.ToUpper(*role)), *name)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s %s (id %d)\n", u.Role, u.Email, u.ID)
	return nil
}
