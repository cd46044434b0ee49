package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/loadtest"
	"github.com/budaya-id/budaya/internal/store"
)

// loadPassword is the password of the accounts the load test creates.
const loadPassword = "Uji-Beban-BerAKHLAK-2026"

// leaderEvery: one load account in this many also leads its unit
// (pimpinan) and so opens the index dashboard in its mix.
const leaderEvery = 10

// runLoadtest drives a running server on loopback with simulated users.
func runLoadtest(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("loadtest", env)
	base := fs.String("url", "", "address of the running server, loopback only (e.g. http://127.0.0.1:8080)")
	dsn := fs.String("db", "", "the server's database, to create the test accounts load0001.. (use a test database)")
	users := fs.Int("users", 200, fmt.Sprintf("simulated users (at most %d)", loadtest.MaxUsers))
	duration := fs.Duration("duration", time.Minute, fmt.Sprintf("how long to run (at most %s)", loadtest.MaxDuration))
	think := fs.Duration("think", 0, "mean pause between a user's steps, randomised ±50% (0: none; at most 1m)")
	markdown := fs.Bool("markdown", false, "print the report as Markdown tables too")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if *base == "" || *dsn == "" {
		return errors.New("usage: budaya loadtest --url http://127.0.0.1:PORT --db DSN [--users 200] [--duration 1m] [--think 1s]")
	}
	if err := loadtest.CheckLoopback(*base); err != nil {
		return err
	}
	if *users < 1 || *users > loadtest.MaxUsers {
		return fmt.Errorf("--users: give 1 to %d", loadtest.MaxUsers)
	}
	if *think < 0 || *think > time.Minute {
		return errors.New("--think: give 0 to 1m")
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	accounts, employees, err := loadAccounts(ctx, db, *users)
	if err != nil {
		return userMessage(err)
	}
	staff, leaders, err := loadMix(ctx, db, *base, employees)
	if err != nil {
		return err
	}
	creds := make([]loadtest.Credential, len(accounts))
	nLeaders := 0
	for i, a := range accounts {
		creds[i] = a.Credential
		creds[i].Steps = staff
		if a.leader {
			creds[i].Steps = leaders
			nLeaders++
		}
	}
	fmt.Fprintf(env.Stdout, "load test: %d users (%d of them unit leaders) for %s, think time %s, against %s\n", *users, nLeaders, *duration, *think, *base)
	fmt.Fprintf(env.Stdout, "mix of staff: %s\nmix of leaders: %s\n", mixNames(staff), mixNames(leaders))
	rep, err := loadtest.Run(ctx, loadtest.Options{BaseURL: *base, Users: creds, Duration: *duration, Think: *think, Steps: staff, Seed: 2021})
	if err != nil {
		return err
	}
	rep.Write(env.Stdout)
	if *markdown {
		fmt.Fprintln(env.Stdout)
		rep.WriteMarkdown(env.Stdout)
	}
	if rep.Errors > 0 {
		return fmt.Errorf("%d steps failed", rep.Errors)
	}
	return nil
}

// loadAccount is one simulated user's account.
type loadAccount struct {
	loadtest.Credential
	leader bool // holds pimpinan of its unit
}

// loadAccounts creates (once) the accounts load0001..loadN holding the role
// pegawai, each linked to an employee without an account where there is one
// (so that it has measurement tasks and can receive recognition); one in
// leaderEvery also holds pimpinan of its employee's unit, so that it may see
// the index. It returns the accounts and the linked employees.
func loadAccounts(ctx context.Context, db *store.DB, n int) ([]loadAccount, []int64, error) {
	free, err := db.EmployeesWithoutAccount(ctx, n)
	if err != nil {
		return nil, nil, err
	}
	var out []loadAccount
	var employees []int64
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("load%04d", i)
		u, err := db.FindUserByUsername(ctx, name)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			in := budaya.UserInput{Username: name, DisplayName: "Uji beban " + name, Password: loadPassword, Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}
			if len(free) > 0 {
				in.EmployeeID, free = free[0], free[1:]
				if i%leaderEvery == 1 {
					e, err := db.FindEmployee(ctx, in.EmployeeID)
					if err != nil {
						return nil, nil, fmt.Errorf("account %s: %w", name, err)
					}
					in.Roles = append(in.Roles, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: e.UnitID})
				}
			}
			u, err = db.CreateUser(ctx, budaya.SystemActor("loadtest"), in)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("account %s: %w", name, err)
		}
		if u.EmployeeID != 0 {
			employees = append(employees, u.EmployeeID)
		}
		a := loadAccount{Credential: loadtest.Credential{Username: name, Password: loadPassword}}
		for _, g := range u.Roles {
			a.leader = a.leader || g.Role == budaya.RolePimpinan
		}
		out = append(out, a)
	}
	return out, employees, nil
}

// loadMix is the traffic of the load test, the mix of staff and that of
// leaders. Everyone opens the home dashboard, the framework, their own data
// and the JSON API; answers measurement tasks and gives recognition where the
// server has those routes (read from its OpenAPI document). Leaders also open
// the index dashboard.
func loadMix(ctx context.Context, db *store.DB, base string, employees []int64) (staff, leaders []loadtest.Step, err error) {
	staff = []loadtest.Step{
		loadtest.PageStep("home dashboard", 4, "/"),
		loadtest.PageStep("framework page", 1, "/framework"),
		loadtest.PageStep("own data", 1, "/me/data"),
		loadtest.PageStep("API me", 1, "/api/v1/me"),
		loadtest.PageStep("API framework", 1, "/api/v1/framework"),
	}
	if ok, err := loadtest.HasRoute(ctx, base, "/api/v1/tasks/{id}/answers"); err != nil {
		return nil, nil, err
	} else if ok {
		staff = append(staff, loadtest.AnswerSurveyStep(3))
	}
	if ok, err := loadtest.HasRoute(ctx, base, "/api/v1/recognitions"); err != nil {
		return nil, nil, err
	} else if ok {
		f, err := db.ActiveFramework(ctx)
		if err != nil {
			return nil, nil, err
		}
		values := f.CoreValues()
		if len(values) == 0 {
			return nil, nil, errors.New("the active framework has no values to recognise")
		}
		staff = append(staff, loadtest.RecognitionStep(2, employees, values[0].Code))
	}
	leaders = slices.Clone(staff)
	if ok, err := loadtest.HasRoute(ctx, base, "/api/v1/index"); err != nil {
		return nil, nil, err
	} else if ok {
		leaders = append(leaders, loadtest.IndexDashboardStep(3))
	}
	return staff, leaders, nil
}

func mixNames(mix []loadtest.Step) string {
	var names []string
	for _, s := range mix {
		names = append(names, fmt.Sprintf("%s ×%d", s.Name, s.Weight))
	}
	return strings.Join(names, ", ")
}
