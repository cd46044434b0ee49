package roadmapfile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/budaya-id/budaya/internal/budaya"
)

func xlsx(t *testing.T, rows [][]any) *bytes.Reader {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b.Bytes())
}

func TestReadGroupsRowsAndFindsColumnsByHeader(t *testing.T) {
	// Columns in another order, with an extra one the importer ignores.
	rows := [][]any{
		{"Kode kegiatan", "Kode program", "Catatan", "Kegiatan", "Kode unit", "Triwulan", "Tahun anggaran", "Pagu", "Kode akun", "Nilai"},
		{"k1", "p1", "x", "Apel pagi", "SJ.01", "2026", 2026, "Rp 1.250.000", "521211", "AK, BP"},
		{"K1", "P1", "", "Apel pagi", "SJ.01", "2026", 2027, "2.000.000", "521211", ""},
		{},
		{"K2", "P1", "", "Poster", "SJ.02", "2026Q1", "", "", "", ""},
	}
	items, err := Read(xlsx(t, rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("got %d activities, want 2", len(items))
	}
	a := items[0]
	if a.Row != 2 || a.ProgrammeCode != "P1" || a.Input.Code != "K1" || len(a.Lines) != 2 || a.Lines[1].Row != 3 || a.Lines[0].Input.Ceiling != "Rp 1.250.000" {
		t.Errorf("first activity: got %+v", a)
	}
	if items[1].Row != 5 || len(items[1].Lines) != 0 {
		t.Errorf("second activity: got row %d with %d lines, want row 5 without lines", items[1].Row, len(items[1].Lines))
	}
}

func TestReadRefusesWrongFiles(t *testing.T) {
	if _, err := Read(strings.NewReader("not a spreadsheet")); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("not XLSX: got %v, want invalid", err)
	}
	_, err := Read(xlsx(t, [][]any{{"Kode program", "Kegiatan"}}))
	if e := budaya.AsError(err); e == nil || !strings.Contains(e.Message, `"Kode kegiatan"`) || !strings.Contains(e.Message, `"Kode unit"`) {
		t.Errorf("missing columns: got %v, want them named", err)
	}
}
