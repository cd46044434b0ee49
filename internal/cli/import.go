package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/importer"
)

// progressThreshold is the file size above which the import draws a progress bar.
const progressThreshold = 1 << 20

// importMemoryLimit is the Go heap the import aims to stay within.
const importMemoryLimit = 120 << 20

func runImport(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("import", env)
	dsn := dbFlag(fs, env)
	dryRun := fs.Bool("dry-run", false, "check the files and show what would change, without writing")
	deactivate := fs.Bool("deactivate-missing", false, "deactivate stored employees the employee file does not list (the file is the full staff list)")
	maxMB := fs.Int64("max-size", importer.DefaultMaxBytes>>20, "largest file accepted, in MB")
	lang := fs.String("lang", "en", "language of the messages: en or id")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: budaya import [--dry-run] [--deactivate-missing] FILE [FILE2]")
		fmt.Fprintln(env.Stderr, "  FILE: CSV or XLSX of units, employees, or both; FILE2: the other of a units and an employees file.")
		fs.PrintDefaults()
	}
	files, help, err := parseInterspersed(fs, args)
	if help || err != nil {
		return err
	}
	if len(files) == 0 || len(files) > 2 {
		fs.Usage()
		return errors.New("give one or two files")
	}
	if env.Getenv("GOMEMLIMIT") == "" {
		// A soft limit makes the collector work harder before the process
		// grows, which keeps a 100,000-employee import well under 200 MB.
		debug.SetMemoryLimit(importMemoryLimit)
	}
	db, err := openDB(ctx, *dsn, ballotKeyFile(fs, env), nil)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	var inputs []importer.Input
	var size int64
	for _, f := range files {
		inputs = append(inputs, importer.Input{Path: f, Name: filepath.Base(f)})
		size += fileSizeOf(f)
	}
	bar := newProgressBar(env.Stderr, size > progressThreshold)
	start := time.Now()
	snap, err := db.OrgSnapshot(ctx)
	if err != nil {
		return err
	}
	plan, err := importer.Check(ctx, inputs, snap, importer.Options{
		MaxBytes: *maxMB << 20, DeactivateMissing: *deactivate,
		Progress: func(rows int, read, total int64) { bar.show("check", int64(rows), read, total) },
	})
	bar.done()
	if err != nil {
		return err
	}
	printPlan(env.Stdout, plan, *lang)
	if !plan.OK() {
		return fmt.Errorf("%d errors: nothing was imported; correct the file and run again", plan.Counts.Errors)
	}
	if *dryRun {
		fmt.Fprintf(env.Stdout, "dry run: nothing written (%.1fs). Run without --dry-run to apply.\n", time.Since(start).Seconds())
		return nil
	}
	err = db.ApplyImport(ctx, budaya.SystemActor("cli import"), plan, func(done, total int) { bar.show("write", int64(done), int64(done), int64(total)) })
	bar.done()
	if err != nil {
		return userMessage(err)
	}
	fmt.Fprintf(env.Stdout, "applied: %d changes written in one transaction (%.1fs).\n", plan.Counts.Changes(), time.Since(start).Seconds())
	return nil
}

// parseInterspersed parses flags that may come before or after the arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) (rest []string, help bool, err error) {
	for {
		if help, err = parseFlags(fs, args); help || err != nil {
			return nil, help, err
		}
		if fs.NArg() == 0 {
			return rest, false, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// printPlan writes the dry-run report: counts, then the issues by row.
func printPlan(w io.Writer, p *budaya.ImportPlan, lang string) {
	c := p.Counts
	fmt.Fprintf(w, "files: %s (%s), %d rows\n", strings.Join(p.Files, ", "), p.Kind, c.Rows)
	fmt.Fprintf(w, "units:     %d new, %d changed, %d unchanged\n", c.UnitsCreated, c.UnitsChanged, c.UnitsUnchanged)
	fmt.Fprintf(w, "employees: %d new, %d changed, %d unchanged, %d to deactivate\n", c.EmployeesCreated, c.EmployeesChanged, c.EmployeesUnchanged, c.EmployeesDeactivate)
	for i, d := range p.Deactivate {
		if i == 10 {
			fmt.Fprintf(w, "  ... and %d more to deactivate\n", len(p.Deactivate)-10)
			break
		}
		fmt.Fprintf(w, "  deactivate %s %s\n", d.Key, d.Name)
	}
	if c.Errors+c.Warnings == 0 {
		return
	}
	fmt.Fprintf(w, "%d errors, %d warnings:\n", c.Errors, c.Warnings)
	for _, is := range p.Issues {
		fmt.Fprintf(w, "  %s\n", issueLine(is, lang))
	}
	if shown := len(p.Issues); shown < c.Errors+c.Warnings {
		fmt.Fprintf(w, "  ... %d more not shown\n", c.Errors+c.Warnings-shown)
	}
}

func issueLine(is budaya.ImportIssue, lang string) string {
	var b strings.Builder
	b.WriteString(strings.ToUpper(is.Severity))
	if is.File != "" {
		b.WriteString(" " + is.File)
	}
	if is.Row > 0 {
		fmt.Fprintf(&b, " row %d", is.Row)
	}
	if is.Column != "" {
		fmt.Fprintf(&b, " column %q", is.Column)
	}
	b.WriteString(": " + is.Text(lang))
	if fix := is.FixText(lang); fix != "" {
		b.WriteString(" Fix: " + fix)
	}
	return b.String()
}

// progressBar draws "check [#####.....] 50% 50000 rows" on one line of stderr.
type progressBar struct {
	w    io.Writer
	on   bool
	last time.Time
	used bool
}

func newProgressBar(w io.Writer, on bool) *progressBar { return &progressBar{w: w, on: on} }

func (p *progressBar) show(stage string, count, done, total int64) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond && (total <= 0 || done < total) {
		return
	}
	p.last, p.used = time.Now(), true
	if total <= 0 {
		fmt.Fprintf(p.w, "\r%-5s %d rows", stage, count)
		return
	}
	frac := float64(done) / float64(total)
	frac = min(frac, 1)
	n := int(frac * 30)
	fmt.Fprintf(p.w, "\r%-5s [%s%s] %3.0f%% %d rows ", stage, strings.Repeat("#", n), strings.Repeat(".", 30-n), frac*100, count)
}

func (p *progressBar) done() {
	if p.used {
		fmt.Fprintln(p.w)
		p.used = false
	}
	p.last = time.Time{}
}
