package demo_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

var ctx = context.Background()

func seeded(t *testing.T, n int, seed uint64) *store.DB {
	t.Helper()
	return seededUntil(t, n, seed, "")
}

// seededOrg builds only the accounts, framework and organisation of the demo.
func seededOrg(t *testing.T, n int, seed uint64) *store.DB {
	t.Helper()
	return seededUntil(t, n, seed, "organisation")
}

func seededUntil(t *testing.T, n int, seed uint64, until string) *store.DB {
	t.Helper()
	db := storetest.Open(t)
	if err := demo.Seed(ctx, db, demo.Options{Employees: n, Seed: seed, Until: until, Now: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatalf("seed %d employees: %v", n, err)
	}
	return db
}

// digest summarises the organisation: units with their leaders, employees with units and supervisors.
func digest(t *testing.T, db *store.DB) (string, []budaya.Unit, []budaya.Employee) {
	t.Helper()
	units, _, err := db.ListUnits(ctx, budaya.UnitFilter{IncludeClosed: true})
	if err != nil {
		t.Fatal(err)
	}
	var all []budaya.Employee
	for page := 1; ; page++ {
		es, total, err := db.ListEmployees(ctx, budaya.EmployeeFilter{IncludeInactive: true, Page: page, PerPage: 500})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, es...)
		if len(all) >= total {
			break
		}
	}
	h := sha256.New()
	for _, u := range units {
		fmt.Fprintln(h, u.ID, u.Code, u.Name, u.Level, u.ParentID, u.LeaderEmployeeID)
	}
	for _, e := range all {
		fmt.Fprintln(h, e.ID, e.Identifier(), e.FullName(), e.Position, e.PositionKind, e.Rank, e.Status, e.UnitID, e.SupervisorID, e.Email)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), units, all
}

func TestDemoOrganisationIsDeterministic(t *testing.T) {
	t.Parallel()
	a, _, _ := digest(t, seededOrg(t, 300, 7))
	b, _, _ := digest(t, seededOrg(t, 300, 7))
	c, _, _ := digest(t, seededOrg(t, 300, 8))
	if a != b {
		t.Errorf("same seed: digests differ (%s, %s)", a, b)
	}
	if a == c {
		t.Error("different seeds: same digest, want different instansi")
	}
}

func TestDemoOrganisationIsRealistic(t *testing.T) {
	t.Parallel()
	for _, n := range []int{demo.MinEmployees, demo.DefaultEmployees, 2500} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			db := seededOrg(t, n, 1)
			_, units, people := digest(t, db)
			if len(people) != n {
				t.Fatalf("employees: got %d, want %d", len(people), n)
			}
			byID := map[int64]budaya.Employee{}
			nips := map[string]bool{}
			for _, e := range people {
				byID[e.ID] = e
				if e.NIP != "" {
					if _, err := budaya.ParseNIP(e.NIP); err != nil {
						t.Errorf("invalid NIP of %s: %v", e.Name, err)
					}
					if nips[e.NIP] {
						t.Errorf("NIP %s twice", e.NIP)
					}
					nips[e.NIP] = true
				}
			}
			unitByID := map[int64]budaya.Unit{}
			levels := map[string]int{}
			for _, u := range units {
				unitByID[u.ID] = u
				levels[u.Level]++
			}
			if levels[budaya.LevelEselon1] < 2 || levels[budaya.LevelEselon2] < 2 {
				t.Errorf("levels: got %v, want several eselon I and II units", levels)
			}
			for _, u := range units {
				if u.LeaderEmployeeID == 0 {
					t.Errorf("unit %s has no leader", u.Code)
					continue
				}
				// The leader reports to the leader of the parent unit.
				leader := byID[u.LeaderEmployeeID]
				want := int64(0)
				if u.ParentID != 0 {
					want = unitByID[u.ParentID].LeaderEmployeeID
				}
				if leader.SupervisorID != want {
					t.Errorf("leader of %s reports to %d, want %d", u.Code, leader.SupervisorID, want)
				}
			}
			for _, e := range people {
				u := unitByID[e.UnitID]
				if e.ID != u.LeaderEmployeeID && e.SupervisorID != u.LeaderEmployeeID {
					t.Errorf("%s in %s reports to %d, want the unit leader %d", e.Name, u.Code, e.SupervisorID, u.LeaderEmployeeID)
				}
			}
			holders, err := db.UnitRoleHolders(ctx, units[0].ID, budaya.RolePimpinan)
			if err != nil || len(holders) != 1 || holders[0].ID != units[0].LeaderEmployeeID {
				t.Errorf("pimpinan of %s: got %v (%v), want its leader", units[0].Code, holders, err)
			}
		})
	}
}

func TestDemoAccountsSignIn(t *testing.T) {
	t.Parallel()
	db := seededOrg(t, 200, 3)
	for _, tt := range []struct {
		username string
		role     budaya.Role
	}{{"admin", budaya.RoleAdmin}, {demo.UserPimpinan, budaya.RolePimpinan}, {demo.UserAgen, budaya.RoleAgenPerubahan}, {demo.UserPegawai, budaya.RolePegawai}} {
		t.Run(tt.username, func(t *testing.T) {
			u, err := db.Authenticate(ctx, tt.username, demo.Password, "")
			if err != nil {
				t.Fatalf("sign in: %v", err)
			}
			if !u.HasRole(tt.role) {
				t.Errorf("roles %v, want %s", u.Roles, tt.role)
			}
			if tt.username != "admin" && u.EmployeeID == 0 {
				t.Error("not linked to an employee")
			}
		})
	}
	if err := demo.Seed(ctx, storetest.Open(t), demo.Options{Employees: 5}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("5 employees: got %v, want invalid", err)
	}
}
