package importer

import (
	"context"
	"fmt"
	"io"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/tabular"
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

// Export streams the units or the employees to w as CSV or XLSX, row by
// row from the database. A table that fails part way is left incomplete
// (tabular.Writer.Abort), never finished as if it were whole.
func Export(ctx context.Context, db *store.DB, w io.Writer, what, format string) error {
	if format != FormatCSV && format != FormatXLSX {
		return budaya.Invalid("format", budaya.MsgExportFormatNotKnown, format)
	}
	tw, err := tabular.NewWriter(w, format)
	if err != nil {
		return err
	}
	if err := ExportTo(ctx, db, tw, what); err != nil {
		_ = tw.Abort(budaya.MsgExportIncomplete.Text("id") + " / " + budaya.MsgExportIncomplete.Text("en"))
		return err
	}
	return tw.Close()
}

// ExportTo writes the units or the employees, header first, to tw (which
// the caller closes), in the columns the import recognises.
func ExportTo(ctx context.Context, db *store.DB, tw tabular.Writer, what string) error {
	switch what {
	case "units":
		if err := tw.Header(UnitHeaders...); err != nil {
			return err
		}
		return db.EachUnit(ctx, func(u store.UnitExportRow) error {
			return tw.Row(u.Code, u.Name, u.ParentCode, LevelLabel(u.Level))
		})
	case "employees":
		if err := tw.Header(EmployeeHeaders...); err != nil {
			return err
		}
		return db.EachEmployee(ctx, func(e store.EmployeeExportRow) error {
			return tw.Row(e.NIP, e.OtherID, e.Name, e.FrontTitle, e.BackTitle, e.Position, e.PositionKind, e.Rank, e.Status,
				e.UnitCode, e.UnitName, e.Supervisor, e.Email, YesNo(e.Active))
		})
	}
	return fmt.Errorf("unknown export %q", what)
}
