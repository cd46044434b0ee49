package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/web"
)

// runEmployeeActivate is `budaya employee activate`: one-time links and kiosk
// codes for everyone without a password in a unit (with --subtree, its
// subtree) or among a period's raters, written as CSV or as PDF slips by the
// extension of --out (docs/activation.md).
func runEmployeeActivate(ctx context.Context, env Env, args []string) error {
	return dbCommand(ctx, env, "employee activate", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
		unit := fs.String("unit", "", "code of the unit whose staff get links")
		subtree := fs.Bool("subtree", false, "with --unit: the units below it too")
		period := fs.Int64("period", 0, "id of the measurement period whose raters get links (instead of --unit)")
		out := fs.String("out", "", "file to write: FILE.csv (NIP, name, unit, link, code) or FILE.pdf (slips to print)")
		base := fs.String("base-url", envOr(env, "BUDAYA_BASE_URL", "http://127.0.0.1:8080"), "address of budaya as users reach it (env BUDAYA_BASE_URL)")
		lang := fs.String("lang", "id", "language of the file's labels: id or en")
		tz := fs.String("timezone", envOr(env, "BUDAYA_TIMEZONE", "Asia/Jakarta"), "time zone of the instansi (env BUDAYA_TIMEZONE)")
		return func(db *store.DB, rest []string) error {
			if len(rest) != 0 {
				return fmt.Errorf("unexpected %q; usage: budaya employee activate --unit CODE [--subtree] --out FILE.csv|FILE.pdf, or --period ID --out FILE", rest[0])
			}
			if *out == "" {
				return errors.New("give --out FILE.csv or --out FILE.pdf")
			}
			format, err := web.ActivationFormat(*out)
			if err != nil {
				return err
			}
			if *lang != "id" && *lang != "en" {
				return fmt.Errorf("--lang %q: use id or en", *lang)
			}
			loc, err := time.LoadLocation(*tz)
			if err != nil {
				return fmt.Errorf("--timezone %q is not a known time zone (for example Asia/Jakarta)", *tz)
			}
			var t store.ActivationTarget
			switch {
			case *unit != "" && *period != 0:
				return errors.New("give --unit or --period, not both")
			case *unit != "":
				u, err := db.FindUnitByCode(ctx, *unit)
				if err != nil {
					return err
				}
				t = store.ActivationTarget{UnitID: u.ID, Subtree: *subtree}
			case *period != 0:
				if *subtree {
					return errors.New("--subtree goes with --unit, not with --period")
				}
				t = store.ActivationTarget{PeriodID: *period}
			default:
				return errors.New("give --unit CODE (with --subtree for the units below it) or --period ID")
			}
			// The file is opened before the batch is made: a batch voids the
			// older links, so it must not be made for a file that cannot be written.
			tmp, err := os.CreateTemp(filepath.Dir(*out), ".activation-*")
			if err != nil {
				return fmt.Errorf("cannot write next to %s: %w", *out, err)
			}
			defer os.Remove(tmp.Name())
			defer tmp.Close()
			b, err := db.CreateActivationBatch(ctx, cliActor, t)
			if err != nil {
				return err
			}
			instansi, err := db.Setting(ctx, store.SettingInstansiName, "")
			if err != nil {
				return err
			}
			if instansi == "" {
				instansi = "Instansi"
			}
			if err := web.WriteActivation(tmp, format, b, strings.TrimRight(*base, "/"), instansi, *lang, loc); err != nil {
				return fmt.Errorf("write %s: %w", *out, err)
			}
			if err := tmp.Chmod(0o600); err != nil {
				return err
			}
			if err := tmp.Close(); err != nil {
				return err
			}
			if err := os.Rename(tmp.Name(), *out); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%d activation links written to %s (%d accounts made), valid until %s; older links of these people no longer work\n",
				len(b.Slips), *out, b.AccountsCreated, b.Expires.In(loc).Format("2006-01-02 15:04 MST"))
			return nil
		}
	})
}
