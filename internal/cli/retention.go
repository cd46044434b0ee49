package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// runRetention lists (--dry-run) or destroys data past its retention period.
func runRetention(ctx context.Context, env Env, args []string) error {
	return dbCommand(ctx, env, "retention", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
		dryRun := fs.Bool("dry-run", false, "only list what is due; destroy nothing")
		var sets []string
		fs.Func("set", "set a period first: KIND=DAYS (0 keeps the data; repeatable)", func(s string) error {
			sets = append(sets, s)
			return nil
		})
		return func(db *store.DB, _ []string) error {
			actor := budaya.SystemActor("retention")
			for _, s := range sets {
				kind, days, ok := strings.Cut(s, "=")
				n, err := strconv.Atoi(days)
				if !ok || err != nil {
					return fmt.Errorf("--set %q: write KIND=DAYS, e.g. sessions=30", s)
				}
				if err := db.SetRetention(ctx, actor, kind, n); err != nil {
					return err
				}
			}
			policies, err := db.RetentionPolicies(ctx)
			if err != nil {
				return err
			}
			results, err := db.ApplyRetention(ctx, actor, *dryRun)
			if err != nil {
				return err
			}
			deleted := map[string]int64{}
			for _, r := range results {
				deleted[r.Kind] = r.Deleted
			}
			tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
			verb := "deleted"
			if *dryRun {
				verb = "due"
			}
			fmt.Fprintf(tw, "KIND\tKEPT (DAYS)\tOLDER THAN\t%s\n", strings.ToUpper(verb))
			var total int64
			for _, p := range policies {
				if p.Days == 0 {
					fmt.Fprintf(tw, "%s\tkept\t-\t-\n", p.Kind)
					continue
				}
				fmt.Fprintf(tw, "%s\t%d\t%s\t%d\n", p.Kind, p.Days, p.Cutoff.Format("2006-01-02"), deleted[p.Kind])
				total += deleted[p.Kind]
			}
			tw.Flush()
			if *dryRun {
				fmt.Fprintf(env.Stdout, "%d rows are due; run without --dry-run to destroy them\n", total)
			} else {
				fmt.Fprintf(env.Stdout, "%d rows destroyed; the audit log records the counts\n", total)
			}
			return nil
		}
	})
}
