// Package cli holds the subcommands of the budaya binary, one file each.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Version is set at build time with -ldflags "-X github.com/budaya-id/budaya/internal/cli.Version=...".
var Version = "dev"

// Env is what a subcommand may reach of the outside world, passed in so that
// tests can run commands side by side.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "start the web server (--demo for demo data)", runServe},
		{"migrate", "apply database migrations", runMigrate},
		{"user", "manage users: user add --role admin USERNAME", runUser},
		{"token", "manage API tokens: token create --user NAME", runToken},
		{"backup", "write a consistent backup while the server runs: backup FILE.zip", runBackup},
		{"restore", "restore a backup into an empty database: restore FILE.zip", runRestore},
		{"retention", "destroy data past its retention period (--dry-run lists it)", runRetention},
		{"loadtest", "drive a server on loopback with simulated users: loadtest --url URL --db DSN", runLoadtest},
		{"import", "import units and employees from CSV or XLSX: import [--dry-run] FILE [FILE2]", runImport},
		{"export", "export units or employees: export units|employees --format csv|xlsx", runExport},
		{"hub", "national roll-up: hub export --period ID --out FILE | push --url URL --token T --period ID | key", runHub},
		{"demo", "fill the database with a realistic demo instansi", runDemo},
		{"unit", "units of the organisation: unit list|show|add|update|move|close", runUnit},
		{"employee", "employees: employee list|show|add|grant|password-link|activate", runEmployee},
		{"mail", "outgoing mail: mail test --to ADDRESS sends one and prints the server's answer", runMail},
		{"remind", "queue a round of reminders to raters with open tasks: remind --period ID", runRemind},
		{"digest", "queue this week's digest to every leader: digest send [--dry-run]", runDigest},
		{"version", "print the version", runVersion},
	}
}

// Run runs the subcommand named in args (args[0] is the program name).
func Run(ctx context.Context, args []string, env Env) error {
	if len(args) < 2 || args[1] == "help" || args[1] == "-h" || args[1] == "--help" {
		usage(env.Stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[1] {
			return c.run(ctx, env, args[2:])
		}
	}
	usage(env.Stderr)
	return fmt.Errorf("unknown command %q", args[1])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "budaya: the BerAKHLAK work-culture programme of an instansi")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "usage: budaya <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run budaya <command> -h for the flags of a command.")
}

// dbFlag adds the --db flag, defaulting to $BUDAYA_DB or ./budaya.db.
func dbFlag(fs *flag.FlagSet, env Env) *string {
	def := env.Getenv("BUDAYA_DB")
	if def == "" {
		def = "budaya.db"
	}
	fs.String("ballot-key-file", env.Getenv("BUDAYA_BALLOT_KEY_FILE"),
		"key that seals anonymous answers until their period closes; keep it like a TLS key, never in a database backup (env BUDAYA_BALLOT_KEY_FILE; default BLOB-DIR/keys/ballot.key)")
	return fs.String("db", def, "database: a SQLite file path, or a postgres:// URL (env BUDAYA_DB)")
}

// ballotKeyFile is the ballot key file named by the flags of fs (parsed):
// --ballot-key-file, or else keys/ballot.key in the blob folder (--blob-dir
// where the command has it, or $BUDAYA_BLOB_DIR, or data/blobs).
func ballotKeyFile(fs *flag.FlagSet, env Env) string {
	if f := fs.Lookup("ballot-key-file"); f != nil && f.Value.String() != "" {
		return f.Value.String()
	}
	dir := envOr(env, "BUDAYA_BLOB_DIR", "data/blobs")
	if f := fs.Lookup("blob-dir"); f != nil && f.Value.String() != "" {
		dir = f.Value.String()
	}
	return store.DefaultBallotKeyFile(dir)
}

// openDB opens and migrates the database, and seeds the official framework.
func openDB(ctx context.Context, dsn, keyFile string, log *slog.Logger) (*store.DB, error) {
	db, err := store.Open(ctx, dsn, store.Options{BallotKeyFile: keyFile})
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(applied) > 0 && log != nil {
		log.Info("database migrated", slog.String("applied", strings.Join(applied, ",")))
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.SealLegacyDrafts(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// dbCommand parses the flags that define declares beside --db, opens the
// database and runs the function define returns with the arguments left.
func dbCommand(ctx context.Context, env Env, name string, args []string, define func(fs *flag.FlagSet) func(db *store.DB, rest []string) error) error {
	fs := newFlagSet(name, env)
	dsn := dbFlag(fs, env)
	run := define(fs)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn, ballotKeyFile(fs, env), nil)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	return userMessage(run(db, fs.Args()))
}

// newFlagSet makes a flag set that reports errors instead of exiting.
func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet("budaya "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parseFlags parses args; -h is not an error.
func parseFlags(fs *flag.FlagSet, args []string) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, err
	}
	return false, nil
}

// userMessage makes an error readable for a person at a terminal.
func userMessage(err error) error {
	if e := budaya.AsError(err); e != nil {
		return errors.New(e.MessageEN + " / " + e.Message)
	}
	return err
}
