package importer

import (
	"strings"
	"unicode"
)

// field is a column budaya knows.
type field int

const (
	fNone field = iota
	fNIP
	fOtherID
	fName
	fFrontTitle
	fBackTitle
	fPosition
	fPositionKind
	fRank
	fStatus
	fUnitCode
	fUnitName
	fParentCode
	fLevel
	fSupervisor
	fEmail
	fActive
	fieldCount
)

// Header is one column budaya recognises, with the headers it answers to.
// The first synonym is what an export writes.
type Header struct {
	field    field
	Synonyms []string // as written; matched case- and space-insensitively
	About    string   // what the column holds, for docs/import.md
}

// Headers lists the recognised columns, in the order exports write them.
var Headers = []Header{
	{fNIP, []string{"NIP", "NIP Baru", "NIP 18", "Nomor Induk Pegawai", "NI PPPK", "Employee Number"}, "NIP of 18 digits (also NI PPPK)"},
	{fOtherID, []string{"ID Lain", "Other ID", "NIK", "ID Pegawai", "Nomor Identitas"}, "identifier of staff without a NIP"},
	{fName, []string{"Nama", "Nama Pegawai", "Nama Lengkap", "Name", "Full Name", "Employee Name"}, "name without academic titles"},
	{fFrontTitle, []string{"Gelar Depan", "Front Title", "Title Before"}, "e.g. Dr., Ir."},
	{fBackTitle, []string{"Gelar Belakang", "Back Title", "Title After"}, "e.g. S.E., M.Si."},
	{fPosition, []string{"Jabatan", "Nama Jabatan", "Position", "Job Title"}, "position (jabatan)"},
	{fPositionKind, []string{"Jenis Jabatan", "Position Kind", "Position Type"}, "struktural, fungsional or pelaksana"},
	{fRank, []string{"Golongan", "Golongan/Ruang", "Gol", "Gol. Ruang", "Pangkat/Golongan", "Pangkat", "Rank", "Grade"}, "golongan/ruang, e.g. III/c"},
	{fStatus, []string{"Status", "Status Kepegawaian", "Status Pegawai", "Jenis Pegawai", "Employment Status"}, "PNS, PPPK or lainnya"},
	{fUnitCode, []string{"Kode Unit", "Kode Unit Kerja", "Kode Satker", "Unit Code"}, "code of the unit"},
	{fUnitName, []string{"Unit Kerja", "Nama Unit", "Nama Unit Kerja", "Unit", "Satuan Kerja", "Satker", "Unit Name"}, "name of the unit"},
	{fParentCode, []string{"Kode Induk", "Induk", "Unit Induk", "Kode Unit Induk", "Parent", "Parent Code", "Parent Unit"}, "code of the parent unit; empty for the top"},
	{fLevel, []string{"Eselon", "Level", "Tingkat", "Eselonering"}, "I, II, III, IV or nonstruktural"},
	{fSupervisor, []string{"NIP Atasan", "Atasan", "Atasan Langsung", "NIP Atasan Langsung", "Supervisor", "Supervisor NIP", "Manager"}, "NIP (or other identifier) of the direct superior"},
	{fEmail, []string{"Email", "E-mail", "Surel", "Alamat Email"}, "e-mail address"},
	{fActive, []string{"Aktif", "Active", "Status Aktif"}, "ya/tidak (yes/no); empty means active"},
}

var synonymIndex = func() map[string]field {
	m := map[string]field{}
	for _, h := range Headers {
		for _, s := range h.Synonyms {
			m[normHeader(s)] = h.field
		}
	}
	return m
}()

// normHeader folds a header to lower-case letters and digits, so that
// "Unit  Kerja", "unit_kerja" and "UNIT-KERJA" are one.
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// columns maps the fields of one file to the cells of its rows.
type columns struct {
	idx     [fieldCount]int // -1 when absent
	headers []string        // as written
}

func (c *columns) has(f field) bool { return c.idx[f] >= 0 }

// get returns the cleaned cell of field f in row.
func (c *columns) get(row []string, f field) string {
	i := c.idx[f]
	if i < 0 || i >= len(row) {
		return ""
	}
	return cleanCell(row[i])
}

// header returns the column header of f as written in the file.
func (c *columns) header(f field) string {
	if i := c.idx[f]; i >= 0 {
		return c.headers[i]
	}
	for _, h := range Headers {
		if h.field == f {
			return h.Synonyms[0]
		}
	}
	return ""
}

// matchHeaders recognises a header row. It returns the columns, the headers it
// ignored as unknown, and the ones it ignored because an earlier column holds
// the same field.
func matchHeaders(row []string) (cols columns, unknown, dup []string) {
	for i := range cols.idx {
		cols.idx[i] = -1
	}
	cols.headers = make([]string, len(row))
	for i, h := range row {
		h = cleanCell(strings.TrimPrefix(h, "\ufeff"))
		cols.headers[i] = h
		if h == "" {
			continue
		}
		f, ok := synonymIndex[normHeader(h)]
		switch {
		case !ok:
			unknown = append(unknown, h)
		case cols.idx[f] >= 0:
			dup = append(dup, h)
		default:
			cols.idx[f] = i
		}
	}
	// In a file without employees, "Nama" is the unit's name.
	if !cols.has(fNIP) && !cols.has(fOtherID) && cols.has(fUnitCode) && cols.has(fName) && !cols.has(fUnitName) {
		cols.idx[fUnitName], cols.idx[fName] = cols.idx[fName], -1
	}
	return cols, unknown, dup
}

// recognised counts the known fields of a header row.
func (c *columns) recognised() int {
	n := 0
	for f := fNone + 1; f < fieldCount; f++ {
		if c.has(f) {
			n++
		}
	}
	return n
}

// File kinds, recognised from the headers.
const (
	KindUnits     = "units"
	KindEmployees = "employees"
	KindCombined  = "combined"
)

// kind says what a file holds: units (Kode Unit without NIP), employees (NIP
// or ID Lain), or both (employees whose rows also define their unit's parent
// or eselon).
func (c *columns) kind() string {
	emp := c.has(fNIP) || c.has(fOtherID)
	unitDef := c.has(fUnitCode) && (c.has(fParentCode) || c.has(fLevel))
	switch {
	case emp && unitDef:
		return KindCombined
	case emp:
		return KindEmployees
	case c.has(fUnitCode) && c.has(fUnitName):
		return KindUnits
	}
	return ""
}
