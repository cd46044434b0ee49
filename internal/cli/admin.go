package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

func runMigrate(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("migrate", env)
	dsn := dbFlag(fs, env)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return userMessage(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		return err
	}
	version, _, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(env.Stdout, "database is up to date (schema version %d)\n", version)
		return nil
	}
	for _, m := range applied {
		fmt.Fprintf(env.Stdout, "applied %s\n", m)
	}
	fmt.Fprintf(env.Stdout, "database is at schema version %d\n", version)
	return nil
}

// rolesFlag collects repeated --role flags.
type rolesFlag []budaya.RoleGrant

func (r *rolesFlag) String() string { return fmt.Sprint(*r) }

func (r *rolesFlag) Set(s string) error {
	role, err := budaya.ParseRole(s)
	if err != nil {
		return userMessage(err)
	}
	*r = append(*r, budaya.RoleGrant{Role: role})
	return nil
}

func runUser(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: budaya user add --role ROLE [--name \"Display Name\"] USERNAME (the password is read from standard input)")
	}
	fs := newFlagSet("user add", env)
	dsn := dbFlag(fs, env)
	var roles rolesFlag
	fs.Var(&roles, "role", "role to grant: admin, pimpinan, agen_perubahan, pegawai, auditor (repeatable)")
	name := fs.String("name", "", "display name")
	if help, err := parseFlags(fs, args[1:]); help || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: budaya user add --role ROLE USERNAME")
	}
	username := fs.Arg(0)
	if err := budaya.ValidateUsername(username); err != nil {
		return userMessage(err)
	}
	password, err := readPassword(env, username)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn, ballotKeyFile(fs, env), nil)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	u, err := db.CreateUser(ctx, budaya.SystemActor("cli"), budaya.UserInput{Username: username, DisplayName: *name, Password: password, Roles: roles})
	if err != nil {
		return userMessage(err)
	}
	fmt.Fprintf(env.Stdout, "user %s created (id %d, roles %v)\n", u.Username, u.ID, u.RoleNames())
	return nil
}

// readPassword prompts twice without echo at a terminal; otherwise it reads
// the first line of standard input. Never from a flag: flags end up in shell
// history and process lists.
func readPassword(env Env, username string) (string, error) {
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(env.Stderr, "Password for %s (min. %d characters, upper and lower case, digit, symbol): ", username, budaya.MinPasswordLength)
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(env.Stderr, "Repeat the password: ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", err
		}
		if string(p1) != string(p2) {
			return "", errors.New("the two passwords differ")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password on standard input: pipe it in, for example printf '%s\\n' \"$PASSWORD\" | budaya user add --role admin NAME")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func runToken(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: budaya token create --user USERNAME [--name NAME]")
	}
	fs := newFlagSet("token create", env)
	dsn := dbFlag(fs, env)
	username := fs.String("user", "", "the user the token acts for")
	name := fs.String("name", "cli", "a name to recognise the token by")
	if help, err := parseFlags(fs, args[1:]); help || err != nil {
		return err
	}
	if *username == "" {
		return errors.New("--user is required")
	}
	db, err := openDB(ctx, *dsn, ballotKeyFile(fs, env), nil)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	u, err := db.FindUserByUsername(ctx, *username)
	if err != nil {
		return userMessage(err)
	}
	raw, _, err := db.CreateAPIToken(ctx, budaya.SystemActor("cli"), u.ID, *name)
	if err != nil {
		return userMessage(err)
	}
	// The token is printed once and never stored in clear.
	fmt.Fprintln(env.Stdout, raw)
	return nil
}

func runVersion(ctx context.Context, env Env, args []string) error {
	fmt.Fprintf(env.Stdout, "budaya %s\n", Version)
	return nil
}
