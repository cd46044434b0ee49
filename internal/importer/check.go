package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Input is one file to import: where it is on disk and the name to show.
type Input struct {
	Path string
	Name string
}

// Options tune Check.
type Options struct {
	// MaxBytes is the largest file accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// DeactivateMissing deactivates stored employees that an employee file
	// does not list. Off by default, since partial files are common.
	DeactivateMissing bool
	// Progress, if set, is called every few thousand rows with the rows read
	// and the bytes read of the current file out of its size (0 for XLSX).
	Progress func(rows int, read, size int64)
}

// unitRow is a unit as a file defines it.
type unitRow struct {
	file, code, name, level, parent string
	row                             int
	hasName, hasLevel, hasParent    bool
}

type checker struct {
	opt  Options
	plan *budaya.ImportPlan
	snap *budaya.OrgSnapshot

	unitByCode map[string]*budaya.ExistingUnit
	unitByID   map[int64]*budaya.ExistingUnit
	empByKey   map[string]*budaya.ExistingEmployee
	empByID    map[int64]*budaya.ExistingEmployee

	fileUnits  map[string]*unitRow
	unitOrder  []string
	emps       []budaya.EmployeePlan
	side       []empSide      // beside emps
	empRowOf   map[string]int // key -> row, to report duplicates
	hasEmpFile bool
	file       string // name of the file being read, for issues
}

// Check reads files (one units, employees or combined file, or a units file
// and an employees file), checks every row against the stored organisation
// snap, and returns the plan. Problems with the files are issues in the plan,
// never errors; an error means the files could not be read at all (I/O) or ctx ended.
func Check(ctx context.Context, files []Input, snap *budaya.OrgSnapshot, opt Options) (*budaya.ImportPlan, error) {
	if opt.MaxBytes == 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	c := &checker{
		opt: opt, plan: &budaya.ImportPlan{}, snap: snap,
		unitByCode: map[string]*budaya.ExistingUnit{}, unitByID: map[int64]*budaya.ExistingUnit{},
		empByKey: map[string]*budaya.ExistingEmployee{}, empByID: map[int64]*budaya.ExistingEmployee{},
		fileUnits: map[string]*unitRow{}, empRowOf: map[string]int{},
	}
	for i := range snap.Units {
		u := &snap.Units[i]
		c.unitByCode[strings.ToUpper(u.Code)] = u
		c.unitByID[u.ID] = u
	}
	for i := range snap.Employees {
		e := &snap.Employees[i]
		c.empByID[e.ID] = e
		if e.NIP != "" {
			c.empByKey[e.NIP] = e
		}
		if e.OtherID != "" {
			c.empByKey["#"+e.OtherID] = e
		}
	}
	if len(files) == 0 || len(files) > 2 {
		c.fileIssue("", problem("Pilih satu atau dua berkas.", "Choose one or two files.", "Unggah satu berkas gabungan, atau berkas unit dan berkas pegawai.", "Upload one combined file, or a units file and an employees file."))
		return c.plan, nil
	}
	type opened struct {
		in   Input
		src  rowSource
		cols columns
		kind string
		read *int64
	}
	var open []opened
	defer func() {
		for _, o := range open {
			o.src.close()
		}
	}()
	for _, in := range files {
		c.plan.Files = append(c.plan.Files, in.Name)
		c.file = ""
		if len(files) > 1 {
			c.file = in.Name
		}
		read := new(int64) // bytes read of this file, for the progress
		src, _, err := openSource(in.Path, opt.MaxBytes, read)
		if err != nil {
			var fp *fileProblem
			if errors.As(err, &fp) {
				c.fileIssue(c.file, fp)
				continue
			}
			return nil, err
		}
		o := opened{in: in, src: src, read: read}
		open = append(open, o)
		cols, kind, fp := c.readHeader(src)
		if fp != nil {
			c.fileIssue(c.file, fp)
			continue
		}
		open[len(open)-1].cols, open[len(open)-1].kind = cols, kind
	}
	if c.plan.Counts.Errors > 0 {
		return c.plan, nil
	}
	// Two files: units first, so that employees can point at new units.
	if len(open) == 2 {
		if open[0].kind == KindEmployees && open[1].kind == KindUnits {
			open[0], open[1] = open[1], open[0]
		}
		if open[0].kind != KindUnits || open[1].kind != KindEmployees {
			c.fileIssue("", problem("Dua berkas harus berupa satu berkas unit (Kode Unit, Nama Unit, Induk, Eselon) dan satu berkas pegawai (NIP, Nama, ...); yang diunggah: %s dan %s.",
				"Two files must be one units file (Kode Unit, Nama Unit, Induk, Eselon) and one employees file (NIP, Nama, ...); these are: %s and %s.",
				"Unggah berkas unit dan berkas pegawai, atau satu berkas gabungan saja.", "Upload a units file and an employees file, or a single combined file.",
				kindName(open[0].kind), kindName(open[1].kind)))
			return c.plan, nil
		}
		c.plan.Kind = "units+employees"
	} else {
		c.plan.Kind = open[0].kind
	}
	for _, o := range open {
		c.file = ""
		if len(open) > 1 {
			c.file = o.in.Name
		}
		size := int64(0)
		if _, ok := o.src.(*csvSource); ok {
			size = fileSize(o.in.Path)
		}
		if err := c.readRows(ctx, o.src, &o.cols, o.kind, o.read, size); err != nil {
			var fp *fileProblem
			if errors.As(err, &fp) {
				c.fileIssue(c.file, fp)
				continue
			}
			return nil, err
		}
	}
	c.file = ""
	c.resolveUnits()
	c.resolveEmployees()
	if c.opt.DeactivateMissing {
		c.deactivateMissing()
	}
	return c.plan, nil
}

func kindName(k string) string {
	if k == "" {
		return "?"
	}
	return k
}

func (c *checker) fileIssue(file string, p *fileProblem) {
	c.plan.AddIssue(budaya.ImportIssue{File: file, Severity: budaya.SeverityError, Message: p.id, MessageEN: p.en, Fix: p.fixID, FixEN: p.fixEN})
}

func (c *checker) issue(row int, col, sev, id, en, fixID, fixEN string, args ...any) {
	c.plan.AddIssue(budaya.ImportIssue{File: c.file, Row: row, Column: col, Severity: sev,
		Message: fmt.Sprintf(id, args...), MessageEN: fmt.Sprintf(en, args...), Fix: fixID, FixEN: fixEN})
}

// issueErr records err (a *budaya.Error with both languages) as an error of the row.
func (c *checker) issueErr(row int, col string, err error, fixID, fixEN string) {
	i := budaya.ImportIssue{File: c.file, Row: row, Column: col, Severity: budaya.SeverityError, Message: err.Error(), MessageEN: err.Error(), Fix: fixID, FixEN: fixEN}
	if be := budaya.AsError(err); be != nil {
		i.Message, i.MessageEN = be.Message, be.MessageEN
	}
	c.plan.AddIssue(i)
}

func (c *checker) errorf(row int, col, id, en, fixID, fixEN string, args ...any) {
	c.issue(row, col, budaya.SeverityError, id, en, fixID, fixEN, args...)
}

func (c *checker) warnf(row int, col, id, en, fixID, fixEN string, args ...any) {
	c.issue(row, col, budaya.SeverityWarning, id, en, fixID, fixEN, args...)
}

// readHeader finds the header row: the first of the first ten rows with at
// least two recognised columns (HR exports often start with a title row).
func (c *checker) readHeader(src rowSource) (columns, string, *fileProblem) {
	var first []string
	for i := 0; i < 10; i++ {
		row, n, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var fp *fileProblem
			if errors.As(err, &fp) {
				return columns{}, "", fp
			}
			return columns{}, "", problem("Berkas tidak dapat dibaca: %v.", "The file cannot be read: %v.", "Simpan ulang sebagai CSV atau XLSX.", "Save it again as CSV or XLSX.", err)
		}
		if first == nil {
			first = slices.Clone(row)
		}
		cols, unknown, dup := matchHeaders(row)
		if cols.recognised() < 2 {
			continue
		}
		if n > 1 {
			c.warnf(n, "", "Baris judul kolom ditemukan di baris %d; baris di atasnya dilewati.", "The header row was found on row %d; the rows above it are skipped.",
				"Tidak perlu tindakan, kecuali baris di atasnya berisi data.", "Nothing to do, unless the rows above hold data.", n)
		}
		for _, h := range unknown {
			c.warnf(n, h, "Kolom %q tidak dikenali dan diabaikan.", "Column %q is not recognised and is ignored.",
				"Ganti judulnya dengan nama kolom yang dikenali (lihat panduan impor) bila kolom ini perlu diimpor.",
				"Rename it to a recognised header (see the import guide) if the column should be imported.", h)
		}
		for _, h := range dup {
			c.warnf(n, h, "Kolom %q diabaikan karena kolom lain sudah berisi data yang sama.", "Column %q is ignored because another column holds the same data.",
				"Hapus salah satu kolom.", "Remove one of the columns.", h)
		}
		kind := cols.kind()
		if kind == "" {
			return cols, "", problem("Jenis berkas tidak dikenali dari judul kolomnya (%s).", "The kind of file cannot be told from its headers (%s).",
				"Berkas pegawai memerlukan kolom NIP (atau ID Lain) dan Nama; berkas unit memerlukan Kode Unit dan Nama Unit.",
				"An employees file needs the columns NIP (or ID Lain) and Nama; a units file needs Kode Unit and Nama Unit.", strings.Join(nonEmpty(row), ", "))
		}
		if kind != KindUnits {
			var missing []string
			if !cols.has(fName) {
				missing = append(missing, "Nama")
			}
			if !cols.has(fUnitCode) && !cols.has(fUnitName) {
				missing = append(missing, "Unit Kerja / Kode Unit")
			}
			if len(missing) > 0 {
				return cols, "", problem("Berkas pegawai tidak memiliki kolom %s.", "The employees file has no column %s.",
					"Tambahkan kolom itu pada baris judul.", "Add that column to the header row.", strings.Join(missing, ", "))
			}
		}
		return cols, kind, nil
	}
	if first == nil {
		return columns{}, "", problem("Berkas tidak berisi baris apa pun.", "The file holds no rows.",
			"Pilih berkas yang berisi baris judul kolom dan data.", "Choose a file that holds a header row and data.")
	}
	return columns{}, "", problem("Tidak ada judul kolom yang dikenali pada 10 baris pertama (baris pertama: %s). Ini tampaknya bukan berkas unit atau pegawai.",
		"No recognised column headers in the first 10 rows (first row: %s). This does not look like a units or employees file.",
		"Baris pertama harus berisi judul kolom seperti NIP, Nama, Jabatan, Unit Kerja (lihat panduan impor).",
		"The first row must hold headers such as NIP, Nama, Jabatan, Unit Kerja (see the import guide).", truncate(strings.Join(nonEmpty(first), ", "), 120))
}

func nonEmpty(row []string) []string {
	var out []string
	for _, s := range row {
		if s = cleanCell(s); s != "" {
			out = append(out, fmt.Sprintf("%q", truncate(s, 30)))
		}
	}
	if len(out) == 0 {
		return []string{"-"}
	}
	return out
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func (c *checker) readRows(ctx context.Context, src rowSource, cols *columns, kind string, counted *int64, size int64) error {
	if kind != KindUnits {
		c.hasEmpFile = true
	}
	rows := 0
	for {
		row, n, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		rows++
		if rows%5000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if c.opt.Progress != nil {
				c.opt.Progress(rows, *counted, size)
			}
		}
		if blank(row) {
			continue
		}
		c.plan.Counts.Rows++
		if !c.validText(n, cols, row) {
			continue
		}
		switch kind {
		case KindUnits:
			c.unitRow(n, cols, row)
		case KindEmployees:
			c.employeeRow(n, cols, row)
		case KindCombined:
			if cols.get(row, fUnitCode) != "" {
				c.unitRow(n, cols, row)
			}
			if cols.get(row, fNIP) != "" || cols.get(row, fOtherID) != "" || cols.get(row, fName) != "" {
				c.employeeRow(n, cols, row)
			}
		}
	}
	if c.opt.Progress != nil {
		c.opt.Progress(rows, *counted, size)
	}
	if rows == 0 {
		return problem("Berkas hanya berisi baris judul kolom, tanpa data.", "The file holds only the header row, no data.",
			"Isi data di bawah baris judul kolom.", "Put the data below the header row.")
	}
	return nil
}

func blank(row []string) bool {
	for _, s := range row {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// validText reports a cell that is not valid UTF-8: a file saved partly in another encoding.
func (c *checker) validText(n int, cols *columns, row []string) bool {
	for i, s := range row {
		if !utf8.ValidString(s) {
			h := ""
			if i < len(cols.headers) {
				h = cols.headers[i]
			}
			c.errorf(n, h, "Sel ini bukan teks UTF-8 yang sah, padahal sebagian besar berkas UTF-8 (berkas mencampur dua enkode).",
				"This cell is not valid UTF-8 text, while most of the file is UTF-8 (the file mixes two encodings).",
				"Buka berkas di Excel atau LibreOffice, periksa huruf beraksen pada baris ini, lalu Simpan Sebagai \"CSV UTF-8\".",
				"Open the file in Excel or LibreOffice, check the accented letters on this row, then Save As \"CSV UTF-8\".")
			return false
		}
	}
	return true
}

func fileSize(path string) int64 {
	if st, err := statFile(path); err == nil {
		return st
	}
	return 0
}

// unitRow reads the unit a row defines.
func (c *checker) unitRow(n int, cols *columns, row []string) {
	code := strings.ToUpper(cols.get(row, fUnitCode))
	name := cols.get(row, fUnitName)
	if code == "" {
		c.errorf(n, cols.header(fUnitCode), "Kode unit kosong.", "The unit code is empty.", "Isi kode unit yang unik, mis. \"SETJEN\" atau \"B.2.1\".", "Fill in a unique unit code, e.g. \"SETJEN\" or \"B.2.1\".")
		return
	}
	// The same rules as the unit form.
	probe := budaya.Unit{Code: code, Name: name, Level: budaya.LevelEselon1}
	if probe.Name == "" {
		probe.Name = "-"
	}
	if err := budaya.NormalizeUnit(&probe); err != nil {
		col := cols.header(fUnitCode)
		if be := budaya.AsError(err); be != nil && be.Field == "name" {
			col = cols.header(fUnitName)
		}
		c.issueErr(n, col, err, "Perbaiki isi sel ini.", "Correct this cell.")
		return
	}
	u := unitRow{file: c.file, row: n, code: code, name: name, hasName: cols.has(fUnitName) && name != ""}
	if cols.has(fParentCode) {
		u.parent, u.hasParent = strings.ToUpper(cols.get(row, fParentCode)), true
		if u.parent == "-" {
			u.parent = ""
		}
		if u.parent == code {
			c.errorf(n, cols.header(fParentCode), "Unit %s tidak boleh menjadi induk dirinya sendiri.", "Unit %s cannot be its own parent.",
				"Isi kode unit induknya, atau kosongkan untuk unit teratas.", "Fill in the code of its parent unit, or leave it empty for the top unit.", code)
			return
		}
	}
	if cols.has(fLevel) {
		raw := cols.get(row, fLevel)
		if raw != "" {
			lvl, ok := parseLevel(raw)
			if !ok {
				c.errorf(n, cols.header(fLevel), "Eselon %q tidak dikenal.", "Eselon %q is not known.",
					"Tulis I, II, III, IV (boleh \"Eselon II.a\") atau \"nonstruktural\".", "Write I, II, III, IV (\"Eselon II.a\" is fine) or \"nonstruktural\".", raw)
				return
			}
			u.level, u.hasLevel = lvl, true
		}
	}
	if prev, ok := c.fileUnits[code]; ok {
		// A combined file repeats the unit on every employee's row; the rows must agree.
		if prev.row == n {
			return
		}
		if c.plan.Kind == KindUnits || c.plan.Kind == "units+employees" && prev.file == c.file {
			c.errorf(n, cols.header(fUnitCode), "Kode unit %s ganda: sudah ada di baris %d.", "Duplicate unit code %s: already on row %d.",
				"Hapus salah satu baris, atau beri kode lain.", "Remove one of the rows, or give it another code.", code, prev.row)
			return
		}
		if u.hasName && prev.hasName && u.name != prev.name || u.hasLevel && prev.hasLevel && u.level != prev.level || u.hasParent && prev.hasParent && u.parent != prev.parent {
			c.errorf(n, cols.header(fUnitCode), "Unit %s ditulis berbeda dengan baris %d (nama, induk, atau eselon).", "Unit %s is written differently from row %d (name, parent or eselon).",
				"Samakan nama, induk, dan eselon unit ini di semua baris.", "Make the name, parent and eselon of this unit the same on every row.", code, prev.row)
		}
		if !prev.hasName && u.hasName {
			prev.name, prev.hasName = u.name, true
		}
		if !prev.hasLevel && u.hasLevel {
			prev.level, prev.hasLevel = u.level, true
		}
		if !prev.hasParent && u.hasParent {
			prev.parent, prev.hasParent = u.parent, true
		}
		return
	}
	if !u.hasName && c.unitByCode[code] == nil {
		c.errorf(n, cols.header(fUnitName), "Unit baru %s tidak memiliki nama.", "The new unit %s has no name.", "Isi nama unit kerjanya.", "Fill in the unit's name.", code)
		return
	}
	c.fileUnits[code] = &u
	c.unitOrder = append(c.unitOrder, code)
}

// parseLevel reads an eselon as HR files write it: "II", "2", "Eselon II.a", "IIa", "non eselon".
func parseLevel(s string) (string, bool) {
	n := normHeader(s)
	n = strings.TrimPrefix(n, "eselon")
	n = strings.TrimPrefix(n, "level")
	switch n {
	case "nonstruktural", "nonstructural", "noneselon", "nonesselon", "non", "ns", "jft", "fungsional", "pelaksana", "0", "5", "v":
		return budaya.LevelNonstruktural, true
	}
	n = strings.TrimRight(n, "ab")
	switch n {
	case "i", "1":
		return budaya.LevelEselon1, true
	case "ii", "2":
		return budaya.LevelEselon2, true
	case "iii", "3":
		return budaya.LevelEselon3, true
	case "iv", "4":
		return budaya.LevelEselon4, true
	}
	return "", false
}
