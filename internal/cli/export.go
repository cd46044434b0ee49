package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/budaya-id/budaya/internal/importer"
)

func runExport(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("export", env)
	dsn := dbFlag(fs, env)
	format := fs.String("format", "csv", "csv or xlsx")
	out := fs.String("out", "", "file to write (default: standard output)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: budaya export units|employees [--format csv|xlsx] [--out FILE]")
		fs.PrintDefaults()
	}
	what, help, err := parseInterspersed(fs, args)
	if help || err != nil {
		return err
	}
	if len(what) != 1 || what[0] != "units" && what[0] != "employees" {
		fs.Usage()
		return errors.New("say what to export: units or employees")
	}
	db, err := openDB(ctx, *dsn, ballotKeyFile(fs, env), nil)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	var w io.Writer = env.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	// A table that failed part way is flushed too: its last line says it is
	// incomplete (tabular.Writer.Abort), and the exit status says it failed.
	err = importer.Export(ctx, db, bw, what[0], *format)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return userMessage(err)
	}
	return nil
}

func fileSizeOf(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
