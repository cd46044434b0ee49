package tabular

import (
	"bytes"
	"encoding/csv"
	"strconv"
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

// chunkWriter records the largest single write.
type chunkWriter struct {
	bytes.Buffer
	largest int
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	c.largest = max(c.largest, len(p))
	return c.Buffer.Write(p)
}

// TestXLSXStreamsOut checks that an XLSX file leaves in small pieces as it is
// compressed, not assembled in memory and written in one piece.
func TestXLSXStreamsOut(t *testing.T) {
	var out chunkWriter
	w, err := NewWriter(&out, "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	w.Header("respondent", "unit", "behaviour", "score")
	for i := 0; i < 100000; i++ {
		w.Row(int64(i), "unit-"+strconv.Itoa(i%97), "BP"+strconv.Itoa(i%3+1), i%5+1)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if out.Len() < 512<<10 || out.largest > 64<<10 {
		t.Errorf("XLSX of %d bytes: largest write %d bytes, want a file over 512 KiB written in pieces of at most 64 KiB", out.Len(), out.largest)
	}
	f, err := excelize.OpenReader(&out.Buffer)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if n != 100001 {
		t.Errorf("rows read back: got %d, want 100001", n)
	}
}
