package cli

import (
	"context"
	"fmt"

	"github.com/budaya-id/budaya/internal/demo"
)

func runDemo(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("demo", env)
	dsn := dbFlag(fs, env)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn, nil)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	if err := demo.Seed(ctx, db, demo.Options{Progress: env.Stderr}); err != nil {
		return userMessage(err)
	}
	fmt.Fprintln(env.Stdout, "demo data ready; sign in as admin / "+demo.Password)
	return nil
}
