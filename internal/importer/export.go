package importer

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Export formats.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// UnitHeaders and EmployeeHeaders are the columns exports write: headers the
// import recognises, so that an exported file imports with no change.
var (
	UnitHeaders     = []string{"Kode Unit", "Nama Unit", "Kode Induk", "Eselon"}
	EmployeeHeaders = []string{"NIP", "ID Lain", "Nama", "Gelar Depan", "Gelar Belakang", "Jabatan", "Jenis Jabatan", "Golongan",
		"Status", "Kode Unit", "Unit Kerja", "NIP Atasan", "Email", "Aktif"}
)

// LevelLabel writes a unit level as HR files do: I, II, III, IV or nonstruktural.
func LevelLabel(level string) string {
	switch level {
	case budaya.LevelEselon1:
		return "I"
	case budaya.LevelEselon2:
		return "II"
	case budaya.LevelEselon3:
		return "III"
	case budaya.LevelEselon4:
		return "IV"
	}
	return "nonstruktural"
}

// YesNo writes a flag as the import reads it.
func YesNo(b bool) string {
	if b {
		return "ya"
	}
	return "tidak"
}

// Writer writes rows to a CSV or XLSX file as they come. CSV goes straight to
// the output; XLSX rows go through excelize's stream writer, which spools
// large sheets to a temporary file rather than memory, and the workbook is
// written out on Close.
type Writer struct {
	w    io.Writer
	csv  *csv.Writer
	xf   *excelize.File
	sw   *excelize.StreamWriter
	row  int
	cell []any
}

// NewWriter starts a file of format (FormatCSV or FormatXLSX) on w, with a
// header row. CSV is UTF-8 with a BOM, so that Excel shows accented names right.
func NewWriter(w io.Writer, format, sheet string, headers []string) (*Writer, error) {
	out := &Writer{w: w}
	switch format {
	case FormatCSV:
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
		out.csv = csv.NewWriter(w)
	case FormatXLSX:
		out.xf = excelize.NewFile()
		if err := out.xf.SetSheetName("Sheet1", sheet); err != nil {
			return nil, err
		}
		sw, err := out.xf.NewStreamWriter(sheet)
		if err != nil {
			return nil, err
		}
		out.sw = sw
	default:
		return nil, budaya.Invalid("format", "Format ekspor %q tidak dikenal; pilih csv atau xlsx.", "Export format %q is not known; choose csv or xlsx.", format)
	}
	return out, out.Row(headers...)
}

// Row writes one row; every cell is text, so a NIP never becomes a number.
func (w *Writer) Row(cells ...string) error {
	if w.csv != nil {
		return w.csv.Write(cells)
	}
	w.row++
	w.cell = w.cell[:0]
	for _, c := range cells {
		w.cell = append(w.cell, excelize.Cell{Value: c})
	}
	name, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.sw.SetRow(name, w.cell)
}

// Close finishes the file.
func (w *Writer) Close() error {
	if w.csv != nil {
		w.csv.Flush()
		return w.csv.Error()
	}
	defer w.xf.Close()
	if err := w.sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return w.xf.Write(w.w)
}

// Export streams the units or the employees to w as CSV or XLSX, row by
// row from the database.
func Export(ctx context.Context, db *store.DB, w io.Writer, what, format string) error {
	switch what {
	case "units":
		xw, err := NewWriter(w, format, "Unit", UnitHeaders)
		if err != nil {
			return err
		}
		if err := db.EachUnit(ctx, func(u store.UnitExportRow) error {
			return xw.Row(u.Code, u.Name, u.ParentCode, LevelLabel(u.Level))
		}); err != nil {
			return err
		}
		return xw.Close()
	case "employees":
		xw, err := NewWriter(w, format, "Pegawai", EmployeeHeaders)
		if err != nil {
			return err
		}
		if err := db.EachEmployee(ctx, func(e store.EmployeeExportRow) error {
			return xw.Row(e.NIP, e.OtherID, e.Name, e.FrontTitle, e.BackTitle, e.Position, e.PositionKind, e.Rank, e.Status,
				e.UnitCode, e.UnitName, e.Supervisor, e.Email, YesNo(e.Active))
		}); err != nil {
			return err
		}
		return xw.Close()
	}
	return fmt.Errorf("unknown export %q", what)
}
