// Package importer reads the unit and employee files HR offices have (CSV in
// any of the encodings and separators Excel writes, and XLSX), recognises
// their columns in Bahasa Indonesia or English, checks every row against the
// stored organisation, and produces a budaya.ImportPlan: what an import would
// create, change and deactivate, and what is wrong, row by row. It also writes
// the same columns back out (export.go), so an export imports unchanged.
//
// Files are streamed: a row is read, checked and reduced to a compact record;
// the file itself is never held in memory.
package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// DefaultMaxBytes is the largest file an import accepts unless told otherwise.
// 100,000 employees with every column take about 20 MB as CSV.
const DefaultMaxBytes = 40 << 20

// Encodings a CSV file may be in.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 (BOM)"
	Encoding1252    = "Windows-1252"
)

// rowSource yields the rows of one file, each as its cells' text.
type rowSource interface {
	// next returns the next row and its spreadsheet row number (1-based), or io.EOF.
	next() ([]string, int, error)
	close() error
}

// format describes how a file was read, for the dry-run report.
type format struct {
	Kind      string // "csv" or "xlsx"
	Encoding  string // CSV only
	Separator rune   // CSV only
	MixedUTF8 bool   // CSV only: mostly UTF-8 but with bytes that are not
}

// fileProblem is a problem with a whole file, which stops its reading.
type fileProblem struct {
	id, en, fixID, fixEN string
}

func (p *fileProblem) Error() string { return p.en }

func problem(id, en, fixID, fixEN string, args ...any) *fileProblem {
	return &fileProblem{id: fmt.Sprintf(id, args...), en: fmt.Sprintf(en, args...), fixID: fixID, fixEN: fixEN}
}

// openSource recognises the kind of file at path and opens its rows.
func openSource(path string, maxBytes int64, counter *int64) (rowSource, format, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, format{}, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, format{}, err
	}
	if st.Size() == 0 {
		f.Close()
		return nil, format{}, problem("Berkas kosong (0 bita).", "The file is empty (0 bytes).",
			"Pilih berkas yang berisi baris judul kolom dan data pegawai atau unit.", "Choose a file that holds a header row and employee or unit rows.")
	}
	if maxBytes > 0 && st.Size() > maxBytes {
		f.Close()
		return nil, format{}, problem("Berkas berukuran %.1f MB, melebihi batas %.0f MB.", "The file is %.1f MB, over the limit of %.0f MB.",
			"Bagi berkas per unit eselon I atau II dan impor satu per satu, atau hapus kolom yang tidak dipakai.",
			"Split the file by eselon I or II unit and import the parts one by one, or remove columns that are not used.",
			float64(st.Size())/(1<<20), float64(maxBytes)/(1<<20))
	}
	head := make([]byte, 8192)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		f.Close()
		return openXLSX(path)
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		f.Close()
		return nil, format{}, problem("Berkas ini format Excel lama (.xls), yang tidak didukung.", "This is an old Excel file (.xls), which is not supported.",
			"Buka di Excel lalu Simpan Sebagai \"Excel Workbook (.xlsx)\" atau \"CSV UTF-8\".", "Open it in Excel and Save As \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\".")
	case bytes.HasPrefix(head, []byte("%PDF")):
		f.Close()
		return nil, format{}, problem("Berkas ini PDF, bukan CSV atau XLSX.", "This file is a PDF, not CSV or XLSX.",
			"Ekspor data pegawai dari aplikasi kepegawaian sebagai Excel (.xlsx) atau CSV.", "Export the staff data from the HR system as Excel (.xlsx) or CSV.")
	case isBinary(head):
		f.Close()
		return nil, format{}, problem("Berkas ini bukan CSV atau XLSX (isinya data biner).", "This file is not CSV or XLSX (it holds binary data).",
			"Simpan data sebagai CSV (dipisah koma atau titik koma) atau Excel (.xlsx).", "Save the data as CSV (comma or semicolon separated) or Excel (.xlsx).")
	}
	fm := format{Kind: "csv"}
	// Decide the encoding from the whole file: valid UTF-8 (with or without
	// BOM) or else Windows-1252, which is what Excel writes for "CSV (Comma delimited)".
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, format{}, err
	}
	invalid, multibyte, err := scanUTF8(f)
	if err != nil {
		f.Close()
		return nil, format{}, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, format{}, err
	}
	var r io.Reader = &countingReader{r: f, n: counter}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		fm.Encoding = EncodingUTF8BOM
		fm.MixedUTF8 = invalid
		br := bufio.NewReaderSize(r, 64<<10)
		_, _ = br.Discard(3)
		r = br
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		f.Close()
		return nil, format{}, problem("Berkas ini berenkode UTF-16 (\"Unicode Text\"), yang tidak didukung.", "This file is in UTF-16 (\"Unicode Text\"), which is not supported.",
			"Simpan Sebagai \"CSV UTF-8 (Comma delimited)\" atau Excel (.xlsx).", "Save As \"CSV UTF-8 (Comma delimited)\" or Excel (.xlsx).")
	case !invalid:
		fm.Encoding = EncodingUTF8
		r = bufio.NewReaderSize(r, 64<<10)
	case multibyte:
		// Both real UTF-8 and bytes that are not: rows from two sources pasted together.
		fm.Encoding = EncodingUTF8
		fm.MixedUTF8 = true
		r = bufio.NewReaderSize(r, 64<<10)
	default:
		fm.Encoding = Encoding1252
		r = charmap.Windows1252.NewDecoder().Reader(bufio.NewReaderSize(r, 64<<10))
	}
	fm.Separator = sniffSeparator(head)
	cr := csv.NewReader(r)
	cr.Comma = fm.Separator
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvSource{f: f, r: cr}, fm, nil
}

func isBinary(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			ctrl++
		}
	}
	return len(head) > 0 && ctrl*20 > len(head)
}

// scanUTF8 reads r to the end and reports whether it holds bytes that are not
// UTF-8, and whether it holds multi-byte UTF-8 characters.
func scanUTF8(r io.Reader) (invalid, multibyte bool, err error) {
	buf := make([]byte, 64<<10)
	carry := 0
	for {
		n, rerr := r.Read(buf[carry:])
		n += carry
		eof := errors.Is(rerr, io.EOF)
		if rerr != nil && !eof {
			return false, false, rerr
		}
		i := 0
		for i < n {
			c := buf[i]
			if c < utf8.RuneSelf {
				i++
				continue
			}
			if !eof && !utf8.FullRune(buf[i:n]) {
				break
			}
			ru, size := utf8.DecodeRune(buf[i:n])
			if ru == utf8.RuneError && size == 1 {
				invalid = true
			} else {
				multibyte = true
			}
			i += size
		}
		carry = copy(buf, buf[i:n])
		if eof || (invalid && multibyte) {
			return invalid, multibyte, nil
		}
	}
}

// sniffSeparator picks the separator of the header line: semicolon (Excel in
// an Indonesian locale), tab, or comma.
func sniffSeparator(head []byte) rune {
	line := head
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		line = head[:i]
	}
	counts := map[rune]int{}
	inQuote := false
	for _, c := range string(line) {
		switch {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

type countingReader struct {
	r io.Reader
	n *int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n != nil {
		*c.n += int64(n)
	}
	return n, err
}

type csvSource struct {
	f   *os.File
	r   *csv.Reader
	row int
}

func (s *csvSource) next() ([]string, int, error) {
	rec, err := s.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine, problem("Baris %d tidak dapat dibaca sebagai CSV: %v.", "Row %d cannot be read as CSV: %v.",
				"Periksa tanda kutip (\") pada baris itu, lalu simpan ulang sebagai CSV.", "Check the quotes (\") on that row, then save it as CSV again.", pe.StartLine, pe.Err)
		}
		return nil, 0, err
	}
	s.row++
	return rec, s.row, nil
}

func (s *csvSource) close() error { return s.f.Close() }

type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	row  int
}

func openXLSX(path string) (rowSource, format, error) {
	// Worksheets over 16 MB unpacked are spooled to a temporary file by
	// excelize instead of memory, so large workbooks stream.
	f, err := excelize.OpenFile(path, excelize.Options{UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, format{}, problem("Berkas XLSX rusak atau tidak dapat dibuka: %v.", "The XLSX file is damaged or cannot be opened: %v.",
			"Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.", "Open it in Excel, save it again as .xlsx, then upload it again.", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, format{}, problem("Berkas XLSX tidak memiliki lembar kerja.", "The XLSX file has no worksheet.", "Simpan data pada lembar pertama.", "Put the data on the first sheet.")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, format{}, err
	}
	return &xlsxSource{f: f, rows: rows}, format{Kind: "xlsx"}, nil
}

func (s *xlsxSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, err
		}
		return nil, 0, io.EOF
	}
	s.row++
	// Raw values: a NIP cell typed as text stays text, and one Excel already
	// turned into a number shows as such (1.98705E+17) so the check can say so.
	cols, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, s.row, err
	}
	return cols, s.row, nil
}

func (s *xlsxSource) close() error {
	err := s.rows.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// cleanCell trims a cell and folds the spaces Excel and HR systems leave in it.
func cleanCell(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	if strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	// Exports put an apostrophe before text that a spreadsheet would run as a formula.
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		s = s[1:]
	}
	return s
}
