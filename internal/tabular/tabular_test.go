package tabular

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "csv")
	if err != nil {
		t.Fatal(err)
	}
	w.Header("NIP", "Nama", "Pagu")
	w.Row("198503152010012003", "=HYPERLINK(\"x\")", int64(1250000))
	w.Row("198503152010011003", "Budi, S.E.", -5)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if !strings.HasPrefix(s, "\ufeff") {
		t.Error("no BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"NIP", "Nama", "Pagu"}, {"198503152010012003", "'=HYPERLINK(\"x\")", "1250000"}, {"198503152010011003", "Budi, S.E.", "-5"}}
	for i := range want {
		for j := range want[i] {
			if recs[i][j] != want[i][j] {
				t.Errorf("cell %d,%d: got %q, want %q", i, j, recs[i][j], want[i][j])
			}
		}
	}
}

func TestXLSXKeepsNIPAsText(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	w.Header("NIP", "Pagu")
	for i := 0; i < 1000; i++ {
		w.Row("198503152010012003", int64(i)*1000)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1001 || rows[1][0] != "198503152010012003" || rows[1000][1] != "999000" {
		t.Errorf("xlsx: got %d rows, first %v, last %v", len(rows), rows[1], rows[len(rows)-1])
	}
	typ, _ := f.GetCellType("Sheet1", "A2")
	if typ == excelize.CellTypeNumber {
		t.Error("NIP stored as a number")
	}
}
