package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store"
)

func runDemo(ctx context.Context, env Env, args []string) error {
	return dbCommand(ctx, env, "demo", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
		employees, seed := demoFlags(fs)
		return func(db *store.DB, _ []string) error {
			if err := demo.Seed(ctx, db, demo.Options{Employees: *employees, Seed: *seed, Progress: env.Stderr}); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, "demo data ready; sign in as admin, pimpinan, agen or pegawai / "+demo.Password)
			return nil
		}
	})
}

// demoFlags declares the size and seed of the demo instansi (for demo and serve --demo).
func demoFlags(fs *flag.FlagSet) (employees *int, seed *uint64) {
	employees = fs.Int("employees", demo.DefaultEmployees, fmt.Sprintf("number of employees of the demo instansi (%d to 100000 and more)", demo.MinEmployees))
	seed = fs.Uint64("seed", demo.DefaultSeed, "seed of the demo data: the same seed and size give the same instansi")
	return employees, seed
}
