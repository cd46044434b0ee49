package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
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
	creds, employees, err := loadAccounts(ctx, db, *users)
	if err != nil {
		return userMessage(err)
	}
	mix, names, err := loadMix(ctx, *base, employees)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "load test: %d users for %s against %s; mix: %s\n", *users, *duration, *base, names)
	rep, err := loadtest.Run(ctx, loadtest.Options{BaseURL: *base, Users: creds, Duration: *duration, Think: *think, Steps: mix, Seed: 2021})
	if err != nil {
		return err
	}
	rep.Write(env.Stdout)
	if rep.Errors > 0 {
		return fmt.Errorf("%d requests failed", rep.Errors)
	}
	return nil
}

// loadAccounts creates (once) the accounts load0001..loadN holding the role
// pegawai, each linked to an employee without an account where there is one
// (so that it has measurement tasks and can receive recognition). It returns
// the credentials and the linked employees.
func loadAccounts(ctx context.Context, db *store.DB, n int) ([]loadtest.Credential, []int64, error) {
	free, err := db.EmployeesWithoutAccount(ctx, n)
	if err != nil {
		return nil, nil, err
	}
	var out []loadtest.Credential
	var employees []int64
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("load%04d", i)
		u, err := db.FindUserByUsername(ctx, name)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			in := store.UserInput{Username: name, DisplayName: "Uji beban " + name, Password: loadPassword, Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}
			if len(free) > 0 {
				in.EmployeeID, free = free[0], free[1:]
			}
			u, err = db.CreateUser(ctx, budaya.SystemActor("loadtest"), in)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("account %s: %w", name, err)
		}
		if u.EmployeeID != 0 {
			employees = append(employees, u.EmployeeID)
		}
		out = append(out, loadtest.Credential{Username: name, Password: loadPassword})
	}
	return out, employees, nil
}

// loadMix is the traffic of the load test: the pages and API every budaya
// has, plus answering measurement tasks and giving recognition where the
// server has those routes (read from its OpenAPI document).
func loadMix(ctx context.Context, base string, employees []int64) ([]loadtest.Step, string, error) {
	mix := loadtest.DefaultMix()
	if ok, err := loadtest.HasRoute(ctx, base, "/api/v1/tasks/{id}/answers"); err != nil {
		return nil, "", err
	} else if ok {
		mix = append(mix, loadtest.AnswerSurveyStep(3))
	}
	if ok, err := loadtest.HasRoute(ctx, base, "/api/v1/recognitions"); err != nil {
		return nil, "", err
	} else if ok {
		mix = append(mix, loadtest.RecognitionStep(2, employees))
	}
	var names []string
	for _, s := range mix {
		names = append(names, s.Name)
	}
	return mix, strings.Join(names, ", "), nil
}
