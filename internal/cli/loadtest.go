package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/loadtest"
	"github.com/budaya-id/budaya/internal/store"
)

// loadPassword is the password of the accounts the load test creates.
const loadPassword = "Uji-Beban-BerAKHLAK-2026"

// runLoadtest drives a running server on loopback with simulated users.
func runLoadtest(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("loadtest", env)
	base := fs.String("url", "", "address of the running server, loopback only (e.g. http://127.0.0.1:8080)")
	dsn := fs.String("db", "", "the server's database, to create the test accounts load0001.. (use a test database)")
	users := fs.Int("users", 200, fmt.Sprintf("simulated users (at most %d)", loadtest.MaxUsers))
	duration := fs.Duration("duration", time.Minute, fmt.Sprintf("how long to run (at most %s)", loadtest.MaxDuration))
	think := fs.Duration("think", 0, "pause between a user's requests")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if *base == "" || *dsn == "" {
		return errors.New("usage: budaya loadtest --url http://127.0.0.1:PORT --db DSN [--users 200] [--duration 1m]")
	}
	if err := loadtest.CheckLoopback(*base); err != nil {
		return err
	}
	if *users < 1 || *users > loadtest.MaxUsers {
		return fmt.Errorf("--users: give 1 to %d", loadtest.MaxUsers)
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	creds, err := loadAccounts(ctx, db, *users)
	if err != nil {
		return userMessage(err)
	}
	fmt.Fprintf(env.Stdout, "load test: %d users for %s against %s\n", *users, *duration, *base)
	rep, err := loadtest.Run(ctx, loadtest.Options{BaseURL: *base, Users: creds, Duration: *duration, Think: *think, Steps: loadMix(), Seed: 2021})
	if err != nil {
		return err
	}
	rep.Write(env.Stdout)
	if rep.Errors > 0 {
		return fmt.Errorf("%d requests failed", rep.Errors)
	}
	return nil
}

// loadAccounts creates (once) the accounts load0001..loadN holding the role pegawai.
func loadAccounts(ctx context.Context, db *store.DB, n int) ([]loadtest.Credential, error) {
	var out []loadtest.Credential
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("load%04d", i)
		_, err := db.FindUserByUsername(ctx, name)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			_, err = db.CreateUser(ctx, budaya.SystemActor("loadtest"), store.UserInput{Username: name, DisplayName: "Uji beban " + name,
				Password: loadPassword, Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}})
		}
		if err != nil {
			return nil, fmt.Errorf("account %s: %w", name, err)
		}
		out = append(out, loadtest.Credential{Username: name, Password: loadPassword})
	}
	return out, nil
}

// loadMix is the traffic of the load test. Capabilities add their steps
// here (answering a survey, giving recognition) as their routes land.
func loadMix() []loadtest.Step {
	return loadtest.DefaultMix()
}
