package cli

import (
	"context"
	"fmt"

	"github.com/budaya-id/budaya/internal/demo"
)

func runDemo(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("demo", env)
	dsn := dbFlag(fs, env)
	employees := fs.Int("employees", 0, "number of demo employees (default a few hundred; up to 100000)")
	seed := fs.Uint64("seed", 0, "seed of the demo data (the same seed gives the same instansi)")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn, nil)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	if err := demo.Seed(ctx, db, demo.Options{Employees: *employees, Seed: *seed, Progress: env.Stderr}); err != nil {
		return userMessage(err)
	}
	fmt.Fprintln(env.Stdout, "demo data ready; sign in as admin / "+demo.Password)
	return nil
}
