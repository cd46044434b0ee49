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

// readSheets reads an XLSX file back: its sheet names and each sheet's rows.
func readSheets(t *testing.T, data []byte) ([]string, map[string][][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open the xlsx file: %v", err)
	}
	defer f.Close()
	names := f.GetSheetList()
	rows := map[string][][]string{}
	for _, n := range names {
		if rows[n], err = f.GetRows(n); err != nil {
			t.Fatal(err)
		}
	}
	return names, rows
}

// TestXLSXContinuesOnNextSheet (issue 18.3): a table longer than a sheet
// holds goes on to Sheet2, Sheet3, ..., each starting with the header row,
// with every row once and in order. The limit is lowered from Excel's
// 1,048,576 rows so the test writes a few dozen.
func TestXLSXContinuesOnNextSheet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		header    bool
		rows      int
		maxRows   int
		wantSheet []string
	}{
		{"fits one sheet", true, 9, 10, []string{"Sheet1"}},
		{"fills two sheets exactly", true, 18, 10, []string{"Sheet1", "Sheet2"}},
		{"three sheets", true, 25, 10, []string{"Sheet1", "Sheet2", "Sheet3"}},
		{"a header and one row a sheet", true, 4, 2, []string{"Sheet1", "Sheet2", "Sheet3", "Sheet4"}},
		{"no header", false, 25, 10, []string{"Sheet1", "Sheet2", "Sheet3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := newXLSXWriter(&buf, tt.maxRows)
			if err != nil {
				t.Fatal(err)
			}
			if tt.header {
				if err := w.Header("no", "NIP", "score"); err != nil {
					t.Fatal(err)
				}
			}
			for i := 1; i <= tt.rows; i++ {
				if err := w.Row(i, "19850315201001"+strconv.Itoa(2000+i), i%5+1); err != nil {
					t.Fatalf("row %d: %v", i, err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			names, sheets := readSheets(t, buf.Bytes())
			if strings.Join(names, ",") != strings.Join(tt.wantSheet, ",") {
				t.Fatalf("sheets: got %v, want %v", names, tt.wantSheet)
			}
			next := 1
			for _, n := range names {
				rows := sheets[n]
				if len(rows) > tt.maxRows {
					t.Errorf("%s: got %d rows, want at most %d", n, len(rows), tt.maxRows)
				}
				if tt.header {
					if len(rows) == 0 || strings.Join(rows[0], ",") != "no,NIP,score" {
						t.Fatalf("%s: first row %v, want the header no,NIP,score", n, rows[0])
					}
					rows = rows[1:]
				}
				if len(rows) == 0 {
					t.Errorf("%s: no data rows, want no empty sheet", n)
				}
				for _, r := range rows {
					want := []string{strconv.Itoa(next), "19850315201001" + strconv.Itoa(2000+next), strconv.Itoa(next%5 + 1)}
					if strings.Join(r, ",") != strings.Join(want, ",") {
						t.Fatalf("%s: got row %v, want %v", n, r, want)
					}
					next++
				}
			}
			if next-1 != tt.rows {
				t.Errorf("rows read back: got %d, want %d", next-1, tt.rows)
			}
		})
	}
}

// TestAbortLeavesAnIncompleteFile: a table that fails part way must not pass
// for the whole table. A CSV file ends with the note; an XLSX file is never
// finished, so it does not open; a CSV table that fails before its first
// 4 KiB wrote nothing, so its caller can still answer with an error.
func TestAbortLeavesAnIncompleteFile(t *testing.T) {
	t.Parallel()
	const note = "EKSPOR GAGAL / EXPORT FAILED"
	t.Run("csv", func(t *testing.T) {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, "csv")
		if err != nil {
			t.Fatal(err)
		}
		w.Header("no", "name")
		for i := 0; i < 1000; i++ {
			w.Row(i, "pegawai")
		}
		if err := w.Abort(note); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if last := lines[len(lines)-1]; last != "#,"+note {
			t.Errorf("last line: got %q, want %q", last, "#,"+note)
		}
		if len(lines) != 1002 {
			t.Errorf("lines: got %d, want the header, 1000 rows and the note", len(lines))
		}
	})
	t.Run("csv early", func(t *testing.T) {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, "csv")
		if err != nil {
			t.Fatal(err)
		}
		w.Header("no", "name")
		w.Row(1, "pegawai")
		if err := w.Abort(""); err != nil {
			t.Fatal(err)
		}
		if buf.Len() != 0 {
			t.Errorf("written before the failure: got %d bytes, want none", buf.Len())
		}
	})
	t.Run("xlsx", func(t *testing.T) {
		var buf bytes.Buffer
		w, err := newXLSXWriter(&buf, 10)
		if err != nil {
			t.Fatal(err)
		}
		w.Header("no")
		for i := 0; i < 25; i++ {
			w.Row(i)
		}
		if err := w.Abort(note); err != nil {
			t.Fatal(err)
		}
		if _, err := excelize.OpenReader(bytes.NewReader(buf.Bytes())); err == nil {
			t.Errorf("an aborted xlsx file of %d bytes opens, want it unreadable", buf.Len())
		}
	})
}
