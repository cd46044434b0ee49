// Package tabular writes tables (exports) as CSV or XLSX, row by row, without
// holding the table in memory.
package tabular

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Writer writes one table.
type Writer interface {
	Header(cols ...string) error
	Row(vals ...any) error
	// Close finishes the file; nothing is complete before it.
	Close() error
}

// Formats lists the supported formats.
var Formats = []string{"csv", "xlsx"}

// ContentType returns the MIME type of format.
func ContentType(format string) string {
	if format == "xlsx" {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// NewWriter returns a writer of format ("csv" or "xlsx") to w.
func NewWriter(w io.Writer, format string) (Writer, error) {
	switch format {
	case "csv", "":
		// A BOM makes Excel, which most users open CSV files with, read UTF-8.
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
		return &csvWriter{w: csv.NewWriter(w)}, nil
	case "xlsx":
		f := excelize.NewFile()
		// excelize's Write assembles the whole zip in a buffer before copying
		// it out; the zip writer is pointed at w instead, so the file leaves
		// as it is compressed and that buffer stays empty. (The sheet rows
		// wait in excelize's stream, which spills to a temporary file past
		// 16 MiB.)
		f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return nil, err
		}
		return &xlsxWriter{out: w, f: f, sw: sw}, nil
	}
	return nil, fmt.Errorf("unknown table format %q (use csv or xlsx)", format)
}

type csvWriter struct{ w *csv.Writer }

func (c *csvWriter) Header(cols ...string) error { return c.w.Write(cols) }

func (c *csvWriter) Row(vals ...any) error {
	rec := make([]string, len(vals))
	for i, v := range vals {
		rec[i] = defuse(text(v))
	}
	return c.w.Write(rec)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV injection):
// text starting with = + - @ gets a leading apostrophe, unless it is a number.
func defuse(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// text formats a value for CSV.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.Format(time.RFC3339)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "ya"
		}
		return "tidak"
	default:
		return fmt.Sprint(x)
	}
}

type xlsxWriter struct {
	out io.Writer
	f   *excelize.File
	sw  *excelize.StreamWriter
	row int
}

func (x *xlsxWriter) Header(cols ...string) error {
	vals := make([]any, len(cols))
	for i, c := range cols {
		vals[i] = c
	}
	return x.Row(vals...)
}

func (x *xlsxWriter) Row(vals ...any) error {
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	out := make([]any, len(vals))
	for i, v := range vals {
		switch t := v.(type) {
		case time.Time:
			if t.IsZero() {
				out[i] = ""
			} else {
				out[i] = t.Format(time.RFC3339)
			}
		case bool:
			out[i] = text(t)
		default:
			out[i] = v
		}
	}
	return x.sw.SetRow(cell, out)
}

func (x *xlsxWriter) Close() error {
	if err := x.sw.Flush(); err != nil {
		return err
	}
	if err := x.f.Write(io.Discard); err != nil { // the zip goes to x.out (see NewWriter)
		return err
	}
	return x.f.Close()
}
