package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

const unitUsage = `usage:
  budaya unit list [--q TEXT] [--under CODE] [--closed]
  budaya unit show CODE
  budaya unit add --code CODE --name NAME --level LEVEL [--parent CODE] [--leader NIP]
  budaya unit update [--code NEW] [--name NAME] [--level LEVEL] [--leader NIP|-] CODE
  budaya unit move --parent CODE|- CODE        (- makes it a top unit)
  budaya unit close CODE
levels: eselon1, eselon2, eselon3, eselon4, nonstruktural`

const employeeUsage = `usage:
  budaya employee list [--unit CODE [--subtree]] [--q TEXT] [--inactive] [--page N]
  budaya employee show NIP
  budaya employee add --name NAME --unit CODE (--nip NIP | --other-id ID --status lainnya) [--front-title T] [--back-title T]
                      [--position P] [--kind struktural|fungsional|pelaksana] [--rank III/c] [--status PNS|PPPK|lainnya]
                      [--supervisor NIP] [--email E]
  budaya employee grant --role ROLE [--unit CODE] NIP     (creates the account; pimpinan and agen_perubahan need --unit)
  budaya employee password-link [--base-url URL] NIP     (prints a one-time link to set the first password)
  budaya employee activate (--unit CODE [--subtree] | --period ID) --out FILE.csv|FILE.pdf [--base-url URL] [--lang id|en]
                      (one-time links and kiosk codes for everyone without a password: CSV for a mail merge, PDF slips to print)`

var cliActor = budaya.SystemActor("cli")

func oneArg(rest []string, what string) (string, error) {
	if len(rest) != 1 {
		return "", fmt.Errorf("give exactly one %s after the flags", what)
	}
	return rest[0], nil
}

func runUnit(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return errors.New(unitUsage)
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "list":
		return dbCommand(ctx, env, "unit list", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			q := fs.String("q", "", "name or code contains")
			under := fs.String("under", "", "only this unit and the units below it")
			closed := fs.Bool("closed", false, "include closed units")
			return func(db *store.DB, _ []string) error {
				f := budaya.UnitFilter{Query: *q, IncludeClosed: *closed}
				if *under != "" {
					u, err := db.FindUnitByCode(ctx, *under)
					if err != nil {
						return err
					}
					f.UnderID = u.ID
				}
				units, total, err := db.ListUnits(ctx, f)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "CODE\tLEVEL\tNAME\tCLOSED")
				for _, u := range units {
					closed := ""
					if u.Closed() {
						closed = u.ClosedAt.Format("2006-01-02")
					}
					fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\n", strings.Repeat("  ", u.Depth), u.Code, u.Level, u.Name, closed)
				}
				tw.Flush()
				fmt.Fprintf(env.Stdout, "%d units\n", total)
				return nil
			}
		})
	case "show":
		return dbCommand(ctx, env, "unit show", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			return func(db *store.DB, rest []string) error {
				u, err := unitArg(ctx, db, rest)
				if err != nil {
					return err
				}
				direct, subtree, err := db.UnitStaffCount(ctx, u)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s %s (%s, id %d)\n", u.Code, u.Name, u.Level, u.ID)
				if u.Closed() {
					fmt.Fprintf(env.Stdout, "closed: %s\n", u.ClosedAt.Format("2006-01-02 15:04 UTC"))
				}
				if u.LeaderEmployeeID != 0 {
					if l, err := db.FindEmployee(ctx, u.LeaderEmployeeID); err == nil {
						fmt.Fprintf(env.Stdout, "leader: %s (%s)\n", l.FullName(), l.Identifier())
					}
				}
				agents, err := db.UnitRoleHolders(ctx, u.ID, budaya.RoleAgenPerubahan)
				if err != nil {
					return err
				}
				for _, a := range agents {
					fmt.Fprintf(env.Stdout, "change agent: %s (%s)\n", a.FullName(), a.Identifier())
				}
				fmt.Fprintf(env.Stdout, "staff: %d in the unit, %d with its sub-units\n", direct, subtree)
				children, _, err := db.ListUnits(ctx, budaya.UnitFilter{ParentID: u.ID})
				if err != nil {
					return err
				}
				for _, c := range children {
					fmt.Fprintf(env.Stdout, "sub-unit: %s %s\n", c.Code, c.Name)
				}
				return nil
			}
		})
	case "add":
		return dbCommand(ctx, env, "unit add", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			code := fs.String("code", "", "unit code, unique")
			name := fs.String("name", "", "unit name")
			level := fs.String("level", "", "eselon1, eselon2, eselon3, eselon4 or nonstruktural")
			parent := fs.String("parent", "", "code of the parent unit (none for a top unit)")
			leader := fs.String("leader", "", "NIP of the unit leader")
			return func(db *store.DB, _ []string) error {
				u := budaya.Unit{Code: *code, Name: *name, Level: *level}
				var err error
				if u.ParentID, err = unitIDOf(ctx, db, *parent); err != nil {
					return err
				}
				if u.LeaderEmployeeID, err = employeeIDOf(ctx, db, *leader); err != nil {
					return err
				}
				created, err := db.CreateUnit(ctx, cliActor, u)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "unit %s created (id %d)\n", created.Code, created.ID)
				return nil
			}
		})
	case "update":
		return dbCommand(ctx, env, "unit update", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			code := fs.String("code", "", "new code (unchanged when empty)")
			name := fs.String("name", "", "new name (unchanged when empty)")
			level := fs.String("level", "", "new level (unchanged when empty)")
			leader := fs.String("leader", "", "NIP of the new leader; - removes the leader (unchanged when empty)")
			return func(db *store.DB, rest []string) error {
				u, err := unitArg(ctx, db, rest)
				if err != nil {
					return err
				}
				in := store.UnitUpdate{Code: or(*code, u.Code), Name: or(*name, u.Name), Level: or(*level, u.Level), LeaderEmployeeID: u.LeaderEmployeeID}
				switch *leader {
				case "":
				case "-":
					in.LeaderEmployeeID = 0
				default:
					if in.LeaderEmployeeID, err = employeeIDOf(ctx, db, *leader); err != nil {
						return err
					}
				}
				updated, err := db.UpdateUnit(ctx, cliActor, u.ID, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "unit %s %s updated\n", updated.Code, updated.Name)
				return nil
			}
		})
	case "move":
		return dbCommand(ctx, env, "unit move", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			parent := fs.String("parent", "", "code of the new parent unit, or - for a top unit")
			return func(db *store.DB, rest []string) error {
				code, err := oneArg(rest, "unit code")
				if err != nil {
					return err
				}
				if *parent == "" {
					return errors.New("--parent is required (- for a top unit)")
				}
				u, err := db.FindUnitByCode(ctx, code)
				if err != nil {
					return err
				}
				parentID := int64(0)
				if *parent != "-" {
					if parentID, err = unitIDOf(ctx, db, *parent); err != nil {
						return err
					}
				}
				moved, err := db.MoveUnit(ctx, cliActor, u.ID, parentID)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "unit %s moved (path %s)\n", moved.Code, moved.Path)
				return nil
			}
		})
	case "close":
		return dbCommand(ctx, env, "unit close", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			return func(db *store.DB, rest []string) error {
				u, err := unitArg(ctx, db, rest)
				if err != nil {
					return err
				}
				if err := db.CloseUnit(ctx, cliActor, u.ID); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "unit %s closed with its sub-units\n", u.Code)
				return nil
			}
		})
	}
	return errors.New(unitUsage)
}

// unitArg returns the unit whose code is the one argument left after the flags.
func unitArg(ctx context.Context, db *store.DB, rest []string) (*budaya.Unit, error) {
	code, err := oneArg(rest, "unit code")
	if err != nil {
		return nil, err
	}
	return db.FindUnitByCode(ctx, code)
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func unitIDOf(ctx context.Context, db *store.DB, code string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	u, err := db.FindUnitByCode(ctx, code)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return 0, budaya.Invalid("unit", budaya.MsgNoUnitCode, code)
	}
	if err != nil {
		return 0, err
	}
	return u.ID, nil
}

func employeeIDOf(ctx context.Context, db *store.DB, ident string) (int64, error) {
	if ident == "" {
		return 0, nil
	}
	e, err := db.FindEmployeeByIdentifier(ctx, ident)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return 0, budaya.Invalid("employee", budaya.MsgNoEmployeeNIPIdentifier, ident)
	}
	if err != nil {
		return 0, err
	}
	return e.ID, nil
}

func runEmployee(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return errors.New(employeeUsage)
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "list":
		return dbCommand(ctx, env, "employee list", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			unit := fs.String("unit", "", "only this unit (code)")
			subtree := fs.Bool("subtree", false, "with --unit: include the units below it")
			q := fs.String("q", "", "part of the name, or the start of the NIP")
			inactive := fs.Bool("inactive", false, "include inactive employees")
			page := fs.Int("page", 1, "page of 50")
			return func(db *store.DB, _ []string) error {
				f := budaya.EmployeeFilter{Query: *q, Subtree: *subtree, IncludeInactive: *inactive, Page: *page, PerPage: 50}
				var err error
				if f.UnitID, err = unitIDOf(ctx, db, *unit); err != nil {
					return err
				}
				items, total, err := db.ListEmployees(ctx, f)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NIP/ID\tNAME\tPOSITION\tRANK\tSTATUS")
				for _, e := range items {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.Identifier(), e.FullName(), e.Position, e.Rank, e.Status)
				}
				tw.Flush()
				pages := (total + 49) / 50
				fmt.Fprintf(env.Stdout, "%d employees, page %d of %d\n", total, max(f.Page, 1), max(pages, 1))
				return nil
			}
		})
	case "show":
		return dbCommand(ctx, env, "employee show", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			return func(db *store.DB, rest []string) error {
				ident, err := oneArg(rest, "NIP")
				if err != nil {
					return err
				}
				e, err := db.FindEmployeeByIdentifier(ctx, ident)
				if err != nil {
					return err
				}
				u, err := db.FindUnit(ctx, e.UnitID)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s (%s, id %d)\n%s · %s · %s %s\nunit: %s %s\n", e.FullName(), e.Identifier(), e.ID,
					e.Position, e.PositionKind, e.Status, e.Rank, u.Code, u.Name)
				if e.SupervisorID != 0 {
					if s, err := db.FindEmployee(ctx, e.SupervisorID); err == nil {
						fmt.Fprintf(env.Stdout, "supervisor: %s (%s)\n", s.FullName(), s.Identifier())
					}
				}
				if !e.Active {
					fmt.Fprintln(env.Stdout, "inactive")
				}
				if acc, err := db.FindEmployeeUser(ctx, e.ID); err == nil {
					var roles []string
					for _, g := range acc.Roles {
						r := string(g.Role)
						if g.UnitID != 0 {
							r += fmt.Sprintf("@%d", g.UnitID)
						}
						roles = append(roles, r)
					}
					fmt.Fprintf(env.Stdout, "account: %s, roles %s\n", acc.Username, strings.Join(roles, ", "))
				}
				return nil
			}
		})
	case "add":
		return dbCommand(ctx, env, "employee add", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			var e budaya.Employee
			fs.StringVar(&e.NIP, "nip", "", "NIP, 18 digits")
			fs.StringVar(&e.OtherID, "other-id", "", "identifier of non-PNS staff")
			fs.StringVar(&e.Name, "name", "", "name without titles")
			fs.StringVar(&e.FrontTitle, "front-title", "", "gelar depan, e.g. Dr.")
			fs.StringVar(&e.BackTitle, "back-title", "", "gelar belakang, e.g. S.E., M.Si.")
			fs.StringVar(&e.Position, "position", "", "jabatan")
			fs.StringVar(&e.PositionKind, "kind", "", "struktural, fungsional or pelaksana (default pelaksana)")
			fs.StringVar(&e.Rank, "rank", "", "golongan/ruang, e.g. III/c")
			fs.StringVar(&e.Status, "status", "", "PNS, PPPK or lainnya (default PNS)")
			fs.StringVar(&e.Email, "email", "", "e-mail address")
			unit := fs.String("unit", "", "unit code")
			supervisor := fs.String("supervisor", "", "NIP of the direct supervisor")
			return func(db *store.DB, _ []string) error {
				var err error
				if *unit == "" {
					return errors.New("--unit is required")
				}
				if e.UnitID, err = unitIDOf(ctx, db, *unit); err != nil {
					return err
				}
				if e.SupervisorID, err = employeeIDOf(ctx, db, *supervisor); err != nil {
					return err
				}
				created, err := db.CreateEmployee(ctx, cliActor, e)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "employee %s created (id %d)\n", created.FullName(), created.ID)
				return nil
			}
		})
	case "grant":
		return dbCommand(ctx, env, "employee grant", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			role := fs.String("role", "", "admin, pimpinan, agen_perubahan, pegawai or auditor")
			unit := fs.String("unit", "", "unit code, for pimpinan and agen_perubahan")
			return func(db *store.DB, rest []string) error {
				ident, err := oneArg(rest, "NIP")
				if err != nil {
					return err
				}
				r, err := budaya.ParseRole(*role)
				if err != nil {
					return err
				}
				id, err := employeeIDOf(ctx, db, ident)
				if err != nil {
					return err
				}
				unitID, err := unitIDOf(ctx, db, *unit)
				if err != nil {
					return err
				}
				u, err := db.GrantEmployeeRole(ctx, cliActor, id, budaya.RoleGrant{Role: r, UnitID: unitID})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "account %s now holds %v\n", u.Username, u.RoleNames())
				return nil
			}
		})
	case "activate":
		return runEmployeeActivate(ctx, env, args)
	case "password-link":
		return dbCommand(ctx, env, "employee password-link", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
			base := fs.String("base-url", envOr(env, "BUDAYA_BASE_URL", "http://127.0.0.1:8080"), "address of budaya as users reach it (env BUDAYA_BASE_URL)")
			return func(db *store.DB, rest []string) error {
				ident, err := oneArg(rest, "NIP")
				if err != nil {
					return err
				}
				id, err := employeeIDOf(ctx, db, ident)
				if err != nil {
					return err
				}
				acc, err := db.FindEmployeeUser(ctx, id)
				if budaya.ErrorCode(err) == budaya.ENOTFOUND {
					return errors.New("this employee has no account yet: grant a role first (budaya employee grant --role pegawai NIP)")
				}
				if err != nil {
					return err
				}
				token, expires, err := db.CreatePasswordLink(ctx, cliActor, acc.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s/password/%s\n", strings.TrimRight(*base, "/"), token)
				fmt.Fprintf(env.Stderr, "one-time link for %s, valid until %s\n", acc.Username, expires.Format("2006-01-02 15:04 UTC"))
				return nil
			}
		})
	}
	return errors.New(employeeUsage)
}
