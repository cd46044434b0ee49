package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// ImportResult is what an import did, or in a dry run would do.
type ImportResult struct {
	Programmes int // new programmes
	Activities int
	Lines      int
	Errors     []budaya.RowError
}

// PlanRoadmapImport checks every row of an import into roadmap roadmapID
// against the database without writing anything: the dry run.
func (db *DB) PlanRoadmapImport(ctx context.Context, roadmapID int64, items []budaya.ImportActivity) (ImportResult, error) {
	return db.planImport(ctx, db, roadmapID, items)
}

// ApplyRoadmapImport imports all the rows or, when any row is wrong, none.
func (db *DB) ApplyRoadmapImport(ctx context.Context, actor budaya.Actor, roadmapID int64, items []budaya.ImportActivity) (ImportResult, error) {
	var res ImportResult
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if res, err = db.planImport(ctx, tx, roadmapID, items); err != nil {
			return err
		}
		if len(res.Errors) > 0 {
			return budaya.Invalid("file", budaya.MsgRowsProblemsNothingSaved, len(res.Errors))
		}
		progs, err := programmeIDs(ctx, tx, roadmapID)
		if err != nil {
			return err
		}
		for i := range items {
			it := &items[i]
			pid, ok := progs[it.ProgrammeCode]
			if !ok {
				p, err := tx.createProgramme(ctx, roadmapID, budaya.ProgrammeInput{Code: it.ProgrammeCode, Name: it.ProgrammeName})
				if err != nil {
					return err
				}
				pid, progs[it.ProgrammeCode] = p.ID, p.ID
			}
			it.Input.ProgrammeID = pid
			var lines []budaya.BudgetLineInput
			for _, l := range it.Lines {
				lines = append(lines, l.Input)
			}
			if _, err := tx.createActivity(ctx, &it.Input, lines); err != nil {
				return fmt.Errorf("row %d: %w", it.Row, err)
			}
		}
		return tx.audit(ctx, actor, "import", "roadmap", roadmapID, nil, map[string]any{"programmes": res.Programmes, "activities": res.Activities, "lines": res.Lines})
	})
	return res, err
}

func programmeIDs(ctx context.Context, q querier, roadmapID int64) (map[string]int64, error) {
	rows, err := q.query(ctx, `SELECT code, id FROM programmes WHERE roadmap_id = ?`, roadmapID)
	if err != nil {
		return nil, fmt.Errorf("programmes of roadmap %d: %w", roadmapID, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			return nil, err
		}
		out[code] = id
	}
	return out, rows.Err()
}

// planImport resolves units and people and validates every activity and line,
// collecting one error per wrong row (the first found in it).
func (db *DB) planImport(ctx context.Context, q querier, roadmapID int64, items []budaya.ImportActivity) (ImportResult, error) {
	var res ImportResult
	r, err := findRoadmap(ctx, q, roadmapID)
	if err != nil {
		return res, err
	}
	f, err := db.FindFramework(ctx, r.FrameworkID)
	if err != nil {
		return res, err
	}
	progs, err := programmeIDs(ctx, q, roadmapID)
	if err != nil {
		return res, err
	}
	taken := map[string]bool{} // programme code + "/" + activity code
	rows, err := q.query(ctx, `SELECT p.code, a.code FROM activities a JOIN programmes p ON p.id = a.programme_id WHERE p.roadmap_id = ?`, roadmapID)
	if err != nil {
		return res, fmt.Errorf("existing activities: %w", err)
	}
	for rows.Next() {
		var pc, ac string
		if err := rows.Scan(&pc, &ac); err != nil {
			rows.Close()
			return res, err
		}
		taken[pc+"/"+ac] = true
	}
	rows.Close()
	units, people := map[string]*budaya.Unit{}, map[string]*budaya.Employee{}
	newProgs := map[string]bool{}
	fail := func(row int, err error) { res.Errors = append(res.Errors, budaya.RowErrorOf(row, err)) }
	for i := range items {
		it := &items[i]
		if it.ProgrammeCode == "" {
			fail(it.Row, budaya.Invalid("programme", budaya.MsgProgrammeCodeEmpty))
			continue
		}
		if _, ok := progs[it.ProgrammeCode]; !ok && !newProgs[it.ProgrammeCode] {
			pin := budaya.ProgrammeInput{Code: it.ProgrammeCode, Name: it.ProgrammeName}
			if err := pin.Validate(); err != nil {
				fail(it.Row, err)
				continue
			}
			newProgs[it.ProgrammeCode] = true
			res.Programmes++
		}
		code := strings.ToUpper(it.UnitCode)
		u, ok := units[code]
		if !ok {
			u, err = findUnit(ctx, q, `code = ?`, code)
			if err != nil && budaya.ErrorCode(err) != budaya.ENOTFOUND {
				return res, err
			}
			units[code] = u
		}
		if u == nil {
			fail(it.Row, budaya.Invalid("unit", budaya.MsgNoUnitCode, it.UnitCode))
			continue
		}
		if u.Closed() {
			fail(it.Row, budaya.Invalid("unit", budaya.MsgUnitClosed, u.Code, u.Name))
			continue
		}
		it.Input.OwnerUnitID = u.ID
		if it.PICIdentifier != "" {
			e, ok := people[it.PICIdentifier]
			if !ok {
				e, err = findEmployee(ctx, q, `nip = ? OR other_id = ?`, budaya.NormalizeNIP(it.PICIdentifier), it.PICIdentifier)
				if err != nil && budaya.ErrorCode(err) != budaya.ENOTFOUND {
					return res, err
				}
				people[it.PICIdentifier] = e
			}
			if e == nil || !e.Active {
				fail(it.Row, budaya.Invalid("pic", budaya.MsgPersonChargeDoesNotExist, it.PICIdentifier))
				continue
			}
			it.Input.PICEmployeeID = e.ID
		}
		in := it.Input
		if err := in.Validate(r, f); err != nil {
			fail(it.Row, err)
			continue
		}
		key := it.ProgrammeCode + "/" + in.Code
		if taken[key] {
			fail(it.Row, budaya.Invalid("code", budaya.MsgActivityAlreadyExistsProgramme, in.Code, it.ProgrammeCode))
			continue
		}
		taken[key] = true
		var seen []string
		ok = true
		for _, li := range it.Lines {
			l, err := li.Input.Parse(r)
			if err != nil {
				fail(li.Row, err)
				ok = false
				continue
			}
			k := fmt.Sprint(l.FiscalYear, l.AccountCode, l.FundingSource)
			if slices.Contains(seen, k) {
				fail(li.Row, budaya.Invalid("account_code", budaya.MsgBudgetLineAccountAppears, l.FiscalYear, l.AccountCode, l.FundingSource, in.Code))
				ok = false
				continue
			}
			seen = append(seen, k)
		}
		if ok {
			res.Activities++
			res.Lines += len(it.Lines)
		}
	}
	slices.SortStableFunc(res.Errors, func(a, b budaya.RowError) int { return a.Row - b.Row })
	return res, nil
}
