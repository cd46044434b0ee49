// Package roadmapfile reads and writes a roadmap budaya kerja as a
// spreadsheet: one row per budget line (or one row for an activity without
// one), in the same layout both ways, so that an exported roadmap imports back.
package roadmapfile

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/tabular"
)

// Columns are the headers of the layout, in order.
var Columns = []string{
	"Kode program", "Program", "Kode kegiatan", "Kegiatan", "Uraian", "Nilai", "Perilaku", "Kode unit", "NIP penanggung jawab",
	"Triwulan", "Indikator", "Satuan", "Target", "Realisasi", "Status", "Tahun anggaran", "Kode akun", "Sumber dana", "Pagu", "Realisasi anggaran",
}

const (
	colProgCode = iota
	colProgName
	colCode
	colName
	colDesc
	colValues
	colBehaviours
	colUnit
	colPIC
	colQuarters
	colIndicator
	colIndicatorUnit
	colTarget
	colRealisation
	colStatus
	colYear
	colAccount
	colSource
	colCeiling
	colRealised
)

// MaxRows bounds an import: a roadmap has hundreds of rows, not millions.
const MaxRows = 20000

// Write writes activities (with their programme names, unit codes and PIC
// identifiers filled in by the caller through pic) in the layout.
func Write(tw tabular.Writer, acts []budaya.Activity, pic func(employeeID int64) string) error {
	if err := tw.Header(Columns...); err != nil {
		return err
	}
	for i := range acts {
		a := &acts[i]
		base := []any{a.ProgrammeCode, a.ProgrammeName, a.Code, a.Name, a.Description, strings.Join(a.ValueCodes, ", "),
			strings.Join(a.BehaviourCodes, ", "), a.OwnerUnitCode, pic(a.PICEmployeeID), budaya.FormatQuarters(a.Quarters), a.Indicator,
			a.IndicatorUnit, a.Target, a.Realisation, a.Status}
		if len(a.Budget) == 0 {
			if err := tw.Row(append(base, "", "", "", "", "")...); err != nil {
				return err
			}
			continue
		}
		for _, l := range a.Budget {
			if err := tw.Row(append(append([]any{}, base...), l.FiscalYear, l.AccountCode, l.FundingSource, l.Ceiling, l.Realised)...); err != nil {
				return err
			}
		}
	}
	return nil
}

// Read parses an XLSX roadmap file. Rows of the same programme and activity
// code that follow each other are one activity with several budget lines;
// the activity's fields come from its first row. Errors of layout (missing
// columns, too many rows) are returned as err; errors of content are left to
// the store's plan, which knows the units, employees and framework.
func Read(r io.Reader) ([]budaya.ImportActivity, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, budaya.Invalid("file", budaya.MsgFileNotReadableXLSX)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return nil, fmt.Errorf("read xlsx rows: %w", err)
	}
	defer rows.Close()
	var out []budaya.ImportActivity
	index := map[int]int{} // header column -> layout column
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("read xlsx row %d: %w", n, err)
		}
		if n == 1 {
			if err := mapHeader(cells, index); err != nil {
				return nil, err
			}
			continue
		}
		if n > MaxRows+1 {
			return nil, budaya.Invalid("file", budaya.MsgFileHoldsMoreThanRows, MaxRows)
		}
		get := func(col int) string {
			for i, c := range index {
				if c == col && i < len(cells) {
					return strings.TrimSpace(cells[i])
				}
			}
			return ""
		}
		empty := true
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				empty = false
				break
			}
		}
		if empty {
			continue
		}
		progCode, code := strings.ToUpper(get(colProgCode)), strings.ToUpper(get(colCode))
		var act *budaya.ImportActivity
		if k := len(out) - 1; k >= 0 && out[k].ProgrammeCode == progCode && strings.ToUpper(out[k].Input.Code) == code {
			act = &out[k]
		} else {
			out = append(out, budaya.ImportActivity{Row: n, ProgrammeCode: progCode, ProgrammeName: get(colProgName), UnitCode: get(colUnit),
				PICIdentifier: get(colPIC), Input: budaya.ActivityInput{Code: code, Name: get(colName), Description: get(colDesc),
					ValueCodes: []string{get(colValues)}, BehaviourCodes: []string{get(colBehaviours)}, Quarters: get(colQuarters),
					Indicator: get(colIndicator), IndicatorUnit: get(colIndicatorUnit), Target: get(colTarget), Realisation: get(colRealisation),
					Status: strings.ToLower(get(colStatus))}})
			act = &out[len(out)-1]
		}
		line := budaya.BudgetLineInput{FiscalYear: get(colYear), AccountCode: get(colAccount), FundingSource: get(colSource),
			Ceiling: get(colCeiling), Realised: get(colRealised)}
		if line.FiscalYear != "" || line.AccountCode != "" || line.Ceiling != "" || line.Realised != "" {
			act.Lines = append(act.Lines, budaya.ImportLine{Row: n, Input: line})
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("read xlsx: %w", err)
	}
	if n == 0 {
		return nil, budaya.Invalid("file", budaya.MsgFileEmpty)
	}
	return out, nil
}

func mapHeader(cells []string, index map[int]int) error {
	want := map[string]int{}
	for i, c := range Columns {
		want[strings.ToLower(c)] = i
	}
	seen := map[int]bool{}
	for i, c := range cells {
		if col, ok := want[strings.ToLower(strings.TrimSpace(c))]; ok {
			index[i] = col
			seen[col] = true
		}
	}
	var missing []string
	for _, col := range []int{colProgCode, colCode, colName, colUnit, colQuarters} {
		if !seen[col] {
			missing = append(missing, strconv.Quote(Columns[col]))
		}
	}
	if len(missing) > 0 {
		return budaya.Invalid("file", budaya.MsgHeaderRowLacksColumns, strings.Join(missing, ", "))
	}
	return nil
}
