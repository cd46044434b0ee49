// Package tabular writes tables (exports) as CSV or XLSX, row by row, without
// holding the table in memory.
package tabular

import (
	"archive/zip"
	"bufio"
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
	// Abort ends a table that failed part way and frees what the writer
	// holds (XLSX: its temporary files). The file stays incomplete on
	// purpose, so that it cannot pass for the whole table: a CSV file gets
	// note as its last line ("#" and note), if note is not empty, and
	// nothing more; an XLSX file is never finished (its zip has no
	// directory), so no program opens it. Nothing reaches the output that
	// was not already written, except the CSV note.
	Abort(note string) error
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
		// The first 4 KiB stay here (and in csv.Writer's buffer), so that a
		// table that fails early writes nothing and its caller can still
		// answer with an error instead of a file.
		b := bufio.NewWriter(w)
		// A BOM makes Excel, which most users open CSV files with, read UTF-8.
		_, _ = b.WriteString("\ufeff")
		return &csvWriter{b: b, w: csv.NewWriter(b)}, nil
	case "xlsx":
		return newXLSXWriter(w, excelize.TotalRows)
	}
	return nil, fmt.Errorf("unknown table format %q (use csv or xlsx)", format)
}

type csvWriter struct {
	b *bufio.Writer
	w *csv.Writer
}

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
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.b.Flush()
}

func (c *csvWriter) Abort(note string) error {
	if note == "" {
		return nil
	}
	// The rows already written go out first: the note must be the last line.
	if err := c.w.Write([]string{"#", note}); err != nil {
		return err
	}
	return c.Close()
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

// xlsxWriter writes a table across as many sheets as it needs: a sheet holds
// at most maxRows rows (excelize.TotalRows, 1,048,576, the most Excel opens),
// and the rows past it go on to the next sheet, Sheet2, Sheet3, ... (the first
// keeps excelize's and Excel's name, Sheet1), each starting with the header
// row again. Every sheet is streamed (excelize.StreamWriter): a finished one
// waits in a temporary file, not in memory, until Close writes the zip.
type xlsxWriter struct {
	f       *excelize.File
	sw      *excelize.StreamWriter
	maxRows int
	sheet   int   // the sheet being written, from 1
	row     int   // rows written on it
	header  []any // repeated at the top of every further sheet
}

// newXLSXWriter returns an XLSX writer to w whose sheets hold at most maxRows
// rows each (tests lower it).
func newXLSXWriter(w io.Writer, maxRows int) (*xlsxWriter, error) {
	if maxRows < 2 {
		return nil, fmt.Errorf("xlsx sheet of %d rows: want room for a header and a row", maxRows)
	}
	f := excelize.NewFile()
	// excelize's Write assembles the whole zip in a buffer before copying
	// it out; the zip writer is pointed at w instead, so the file leaves
	// as it is compressed and that buffer stays empty. (The sheet rows
	// wait in excelize's stream, which spills to a temporary file past
	// 16 MiB.)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	sw, err := f.NewStreamWriter(sheetName(1))
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &xlsxWriter{f: f, sw: sw, maxRows: maxRows, sheet: 1}, nil
}

// sheetName is the name of sheet n (from 1): Sheet1, Sheet2, ...
func sheetName(n int) string { return "Sheet" + strconv.Itoa(n) }

func (x *xlsxWriter) Header(cols ...string) error {
	vals := make([]any, len(cols))
	for i, c := range cols {
		vals[i] = c
	}
	x.header = vals
	return x.Row(vals...)
}

// nextSheet finishes the current sheet and starts the next one with the
// header row.
func (x *xlsxWriter) nextSheet() error {
	if err := x.sw.Flush(); err != nil {
		return err
	}
	x.sheet++
	name := sheetName(x.sheet)
	if _, err := x.f.NewSheet(name); err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", name, err)
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("xlsx sheet %s: %w", name, err)
	}
	x.sw, x.row = sw, 0
	if x.header != nil {
		return x.write(x.header)
	}
	return nil
}

func (x *xlsxWriter) Row(vals ...any) error {
	if x.row >= x.maxRows {
		if err := x.nextSheet(); err != nil {
			return err
		}
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
	return x.write(out)
}

func (x *xlsxWriter) write(vals []any) error {
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, vals)
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close() // removes the sheets' temporary files
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(io.Discard) // the zip goes to the output (see newXLSXWriter)
}

func (x *xlsxWriter) Abort(string) error {
	return x.f.Close()
}
