package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// querier is what both *DB (read pool) and *Tx offer, so that reads are
// written once and used inside and outside transactions.
type querier interface {
	rowQuerier
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// CreateRoadmap stores a roadmap on the active framework version, with its
// phases (the national phases when none are given).
func (db *DB) CreateRoadmap(ctx context.Context, actor budaya.Actor, in budaya.RoadmapInput) (*budaya.Roadmap, error) {
	return db.CreateRoadmapWithProgrammes(ctx, actor, in, nil)
}

// CreateRoadmapWithProgrammes stores a roadmap and its first programmes, all or nothing.
func (db *DB) CreateRoadmapWithProgrammes(ctx context.Context, actor budaya.Actor, in budaya.RoadmapInput, progs []budaya.ProgrammeInput) (*budaya.Roadmap, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	for i := range progs {
		if err := progs[i].Validate(); err != nil {
			return nil, err
		}
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		return nil, err
	}
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.createRoadmap(ctx, in, f.ID)
		if err != nil {
			return err
		}
		for _, p := range progs {
			if _, err := tx.createProgramme(ctx, id, p); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "create", "roadmap", id, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return db.FindRoadmap(ctx, id)
}

func (tx *Tx) createRoadmap(ctx context.Context, in budaya.RoadmapInput, frameworkID int64) (int64, error) {
	now := tx.db.Now()
	id, err := tx.insert(ctx, `INSERT INTO roadmaps (name, description, start_year, end_year, framework_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, in.Name, in.Description, in.StartYear, in.EndYear, frameworkID, now, now)
	if err != nil {
		return 0, fmt.Errorf("insert roadmap: %w", err)
	}
	for i, p := range in.Phases {
		if _, err := tx.exec(ctx, `INSERT INTO roadmap_phases (roadmap_id, name, start_year, end_year, position) VALUES (?, ?, ?, ?, ?)`,
			id, p.Name, p.StartYear, p.EndYear, i+1); err != nil {
			return 0, fmt.Errorf("insert phase: %w", err)
		}
	}
	return id, nil
}

// FindRoadmap returns the roadmap with id, with its phases.
func (db *DB) FindRoadmap(ctx context.Context, id int64) (*budaya.Roadmap, error) {
	return findRoadmap(ctx, db, id)
}

func findRoadmap(ctx context.Context, q querier, id int64) (*budaya.Roadmap, error) {
	var r budaya.Roadmap
	err := q.queryRow(ctx, `SELECT id, name, description, start_year, end_year, framework_id, created_at, updated_at FROM roadmaps WHERE id = ?`, id).
		Scan(&r.ID, &r.Name, &r.Description, &r.StartYear, &r.EndYear, &r.FrameworkID, &r.CreatedAt, &r.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgRoadmapNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find roadmap %d: %w", id, err)
	}
	rows, err := q.query(ctx, `SELECT id, name, start_year, end_year FROM roadmap_phases WHERE roadmap_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("roadmap phases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p budaya.Phase
		if err := rows.Scan(&p.ID, &p.Name, &p.StartYear, &p.EndYear); err != nil {
			return nil, err
		}
		r.Phases = append(r.Phases, p)
	}
	return &r, rows.Err()
}

// ListRoadmaps returns every roadmap, newest span first, without phases.
func (db *DB) ListRoadmaps(ctx context.Context) ([]budaya.Roadmap, error) {
	rows, err := db.query(ctx, `SELECT id, name, description, start_year, end_year, framework_id, created_at, updated_at FROM roadmaps ORDER BY start_year DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list roadmaps: %w", err)
	}
	defer rows.Close()
	out := []budaya.Roadmap{}
	for rows.Next() {
		var r budaya.Roadmap
		if err := rows.Scan(&r.ID, &r.Name, &r.Description, &r.StartYear, &r.EndYear, &r.FrameworkID, &r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateProgramme adds a programme at the end of roadmap roadmapID.
func (db *DB) CreateProgramme(ctx context.Context, actor budaya.Actor, roadmapID int64, in budaya.ProgrammeInput) (*budaya.Programme, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var p *budaya.Programme
	err := db.inTx(ctx, func(tx *Tx) error {
		if _, err := findRoadmap(ctx, tx, roadmapID); err != nil {
			return err
		}
		var err error
		if p, err = tx.createProgramme(ctx, roadmapID, in); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "programme", p.ID, nil, in)
	})
	return p, err
}

func (tx *Tx) createProgramme(ctx context.Context, roadmapID int64, in budaya.ProgrammeInput) (*budaya.Programme, error) {
	var pos int
	if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM programmes WHERE roadmap_id = ?`, roadmapID).Scan(&pos); err != nil {
		return nil, err
	}
	id, err := tx.insert(ctx, `INSERT INTO programmes (roadmap_id, code, name, description, position) VALUES (?, ?, ?, ?, ?)`,
		roadmapID, in.Code, in.Name, in.Description, pos)
	if isUniqueViolation(err) {
		return nil, budaya.Invalid("code", budaya.MsgProgrammeCodeAlreadyUsed, in.Code)
	}
	if err != nil {
		return nil, fmt.Errorf("insert programme: %w", err)
	}
	return &budaya.Programme{ID: id, RoadmapID: roadmapID, Code: in.Code, Name: in.Name, Description: in.Description, Position: pos}, nil
}

// ListProgrammes returns the programmes of a roadmap in order.
func (db *DB) ListProgrammes(ctx context.Context, roadmapID int64) ([]budaya.Programme, error) {
	rows, err := db.query(ctx, `SELECT id, roadmap_id, code, name, description, position FROM programmes WHERE roadmap_id = ? ORDER BY position, id`, roadmapID)
	if err != nil {
		return nil, fmt.Errorf("list programmes: %w", err)
	}
	defer rows.Close()
	out := []budaya.Programme{}
	for rows.Next() {
		var p budaya.Programme
		if err := rows.Scan(&p.ID, &p.RoadmapID, &p.Code, &p.Name, &p.Description, &p.Position); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// checkActivity validates in against its programme's roadmap and framework,
// the owner unit (must exist and be open) and the person in charge (active).
func (tx *Tx) checkActivity(ctx context.Context, in *budaya.ActivityInput) (*budaya.Roadmap, error) {
	var roadmapID int64
	err := tx.queryRow(ctx, `SELECT roadmap_id FROM programmes WHERE id = ?`, in.ProgrammeID).Scan(&roadmapID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.Invalid("programme_id", budaya.MsgActivityProgrammeNotFound)
	}
	if err != nil {
		return nil, err
	}
	r, err := findRoadmap(ctx, tx, roadmapID)
	if err != nil {
		return nil, err
	}
	f, err := tx.db.FindFramework(ctx, r.FrameworkID)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(r, f); err != nil {
		return nil, err
	}
	u, err := findUnit(ctx, tx, `id = ?`, in.OwnerUnitID)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return nil, budaya.Invalid("owner_unit_id", budaya.MsgOwnerUnitNotFound)
	}
	if err != nil {
		return nil, err
	}
	if u.Closed() {
		return nil, budaya.Invalid("owner_unit_id", budaya.MsgUnitClosedActivityMustBeOwned, u.Code, u.Name)
	}
	if in.PICEmployeeID != 0 {
		e, err := findEmployee(ctx, tx, `id = ?`, in.PICEmployeeID)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return nil, budaya.Invalid("pic_employee_id", budaya.MsgOwnerDoesNotExist)
		}
		if err != nil {
			return nil, err
		}
		if !e.Active {
			return nil, budaya.Invalid("pic_employee_id", budaya.MsgNoLongerActiveChoose, e.Name)
		}
	}
	return r, nil
}

// CreateActivity validates and stores an activity, with its budget lines.
func (db *DB) CreateActivity(ctx context.Context, actor budaya.Actor, in budaya.ActivityInput, lines ...budaya.BudgetLineInput) (*budaya.Activity, error) {
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if id, err = tx.createActivity(ctx, &in, lines); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "activity", id, nil, activityAudit(&in, lines))
	})
	if err != nil {
		return nil, err
	}
	return db.FindActivity(ctx, id)
}

func activityAudit(in *budaya.ActivityInput, lines []budaya.BudgetLineInput) map[string]any {
	return map[string]any{"programme_id": in.ProgrammeID, "code": in.Code, "name": in.Name, "values": in.ValueCodes, "behaviours": in.BehaviourCodes,
		"owner_unit_id": in.OwnerUnitID, "pic_employee_id": in.PICEmployeeID, "quarters": budaya.FormatQuarters(in.ParsedQuarters),
		"indicator": in.Indicator, "target": in.ParsedTarget, "realisation": in.ParsedRealisation, "status": in.Status, "budget": lines}
}

func (tx *Tx) createActivity(ctx context.Context, in *budaya.ActivityInput, lines []budaya.BudgetLineInput) (int64, error) {
	r, err := tx.checkActivity(ctx, in)
	if err != nil {
		return 0, err
	}
	now := tx.db.Now()
	id, err := tx.insert(ctx, `INSERT INTO activities (programme_id, code, name, description, owner_unit_id, pic_employee_id, indicator, indicator_unit,
		target, realisation, status, created_at, updated_at) VALUES (`+placeholders(13)+`)`,
		in.ProgrammeID, in.Code, in.Name, in.Description, in.OwnerUnitID, nullID(in.PICEmployeeID), in.Indicator, in.IndicatorUnit,
		in.ParsedTarget, in.ParsedRealisation, in.Status, now, now)
	if isUniqueViolation(err) {
		return 0, budaya.Invalid("code", budaya.MsgActivityCodeAlreadyUsed, in.Code)
	}
	if err != nil {
		return 0, fmt.Errorf("insert activity: %w", err)
	}
	if err := tx.writeActivityLinks(ctx, id, in); err != nil {
		return 0, err
	}
	for _, li := range lines {
		l, err := li.Parse(r)
		if err != nil {
			return 0, err
		}
		if _, err := tx.insertBudgetLine(ctx, id, l); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func (tx *Tx) writeActivityLinks(ctx context.Context, id int64, in *budaya.ActivityInput) error {
	for _, t := range []string{"activity_quarters", "activity_values", "activity_behaviours"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+t+` WHERE activity_id = ?`, id); err != nil {
			return fmt.Errorf("clear %s: %w", t, err)
		}
	}
	for _, q := range in.ParsedQuarters {
		if _, err := tx.exec(ctx, `INSERT INTO activity_quarters (activity_id, year, quarter) VALUES (?, ?, ?)`, id, q.Year, q.Q); err != nil {
			return fmt.Errorf("insert quarter: %w", err)
		}
	}
	for _, c := range in.ValueCodes {
		if _, err := tx.exec(ctx, `INSERT INTO activity_values (activity_id, value_code) VALUES (?, ?)`, id, c); err != nil {
			return fmt.Errorf("insert activity value: %w", err)
		}
	}
	for _, c := range in.BehaviourCodes {
		if _, err := tx.exec(ctx, `INSERT INTO activity_behaviours (activity_id, behaviour_code) VALUES (?, ?)`, id, c); err != nil {
			return fmt.Errorf("insert activity behaviour: %w", err)
		}
	}
	return nil
}

// UpdateActivity replaces what an activity is (not its budget lines). The
// quarters must still cover the years of its budget lines.
func (db *DB) UpdateActivity(ctx context.Context, actor budaya.Actor, id int64, in budaya.ActivityInput) (*budaya.Activity, error) {
	old, err := db.FindActivity(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.ProgrammeID == 0 {
		in.ProgrammeID = old.ProgrammeID
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.checkActivity(ctx, &in); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE activities SET programme_id = ?, code = ?, name = ?, description = ?, owner_unit_id = ?, pic_employee_id = ?,
			indicator = ?, indicator_unit = ?, target = ?, realisation = ?, status = ?, updated_at = ? WHERE id = ?`,
			in.ProgrammeID, in.Code, in.Name, in.Description, in.OwnerUnitID, nullID(in.PICEmployeeID), in.Indicator, in.IndicatorUnit,
			in.ParsedTarget, in.ParsedRealisation, in.Status, db.Now(), id)
		if isUniqueViolation(err) {
			return budaya.Invalid("code", budaya.MsgActivityCodeAlreadyUsed, in.Code)
		}
		if err != nil {
			return fmt.Errorf("update activity %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.NotFound(budaya.MsgActivityNotFound)
		}
		if err := tx.writeActivityLinks(ctx, id, &in); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "update", "activity", id, map[string]any{"code": old.Code, "name": old.Name, "status": old.Status,
			"realisation": old.Realisation, "quarters": budaya.FormatQuarters(old.Quarters)}, activityAudit(&in, nil))
	})
	if err != nil {
		return nil, err
	}
	return db.FindActivity(ctx, id)
}

// DeleteActivity removes an activity and its budget lines; refused once change agents recorded work on it.
func (db *DB) DeleteActivity(ctx context.Context, actor budaya.Actor, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM agent_actions WHERE activity_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgActivityChangeAgentRecords, n)
		}
		res, err := tx.exec(ctx, `DELETE FROM activities WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete activity %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.NotFound(budaya.MsgActivityNotFound)
		}
		return tx.audit(ctx, actor, "delete", "activity", id, nil, nil)
	})
}

// AddBudgetLine adds a budget line for a fiscal year to an activity.
func (db *DB) AddBudgetLine(ctx context.Context, actor budaya.Actor, activityID int64, in budaya.BudgetLineInput) (*budaya.BudgetLine, error) {
	var l budaya.BudgetLine
	err := db.inTx(ctx, func(tx *Tx) error {
		r, err := tx.roadmapOfActivity(ctx, activityID)
		if err != nil {
			return err
		}
		if l, err = in.Parse(r); err != nil {
			return err
		}
		if l.ID, err = tx.insertBudgetLine(ctx, activityID, l); err != nil {
			return err
		}
		l.ActivityID = activityID
		return tx.audit(ctx, actor, "create", "budget_line", l.ID, nil, l)
	})
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// UpdateBudgetLine changes a budget line (e.g. records realised spending).
func (db *DB) UpdateBudgetLine(ctx context.Context, actor budaya.Actor, lineID int64, in budaya.BudgetLineInput) (*budaya.BudgetLine, error) {
	var l budaya.BudgetLine
	err := db.inTx(ctx, func(tx *Tx) error {
		var old budaya.BudgetLine
		err := tx.queryRow(ctx, `SELECT id, activity_id, fiscal_year, ceiling, realised, funding_source, account_code FROM budget_lines WHERE id = ?`, lineID).
			Scan(&old.ID, &old.ActivityID, &old.FiscalYear, &old.Ceiling, &old.Realised, &old.FundingSource, &old.AccountCode)
		if errors.Is(err, sql.ErrNoRows) {
			return budaya.NotFound(budaya.MsgBudgetLineNotFound)
		}
		if err != nil {
			return err
		}
		r, err := tx.roadmapOfActivity(ctx, old.ActivityID)
		if err != nil {
			return err
		}
		if l, err = in.Parse(r); err != nil {
			return err
		}
		l.ID, l.ActivityID = lineID, old.ActivityID
		_, err = tx.exec(ctx, `UPDATE budget_lines SET fiscal_year = ?, ceiling = ?, realised = ?, funding_source = ?, account_code = ? WHERE id = ?`,
			l.FiscalYear, l.Ceiling, l.Realised, l.FundingSource, l.AccountCode, lineID)
		if isUniqueViolation(err) {
			return errDuplicateLine(l)
		}
		if err != nil {
			return fmt.Errorf("update budget line %d: %w", lineID, err)
		}
		return tx.audit(ctx, actor, "update", "budget_line", lineID, old, l)
	})
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// DeleteBudgetLine removes a budget line.
func (db *DB) DeleteBudgetLine(ctx context.Context, actor budaya.Actor, lineID int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM budget_lines WHERE id = ?`, lineID)
		if err != nil {
			return fmt.Errorf("delete budget line %d: %w", lineID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.NotFound(budaya.MsgBudgetLineNotFound)
		}
		return tx.audit(ctx, actor, "delete", "budget_line", lineID, nil, nil)
	})
}

func errDuplicateLine(l budaya.BudgetLine) error {
	return budaya.Invalid("account_code", budaya.MsgActivityAlreadyBudgetLine, l.FiscalYear, l.AccountCode, l.FundingSource)
}

func (tx *Tx) insertBudgetLine(ctx context.Context, activityID int64, l budaya.BudgetLine) (int64, error) {
	id, err := tx.insert(ctx, `INSERT INTO budget_lines (activity_id, fiscal_year, ceiling, realised, funding_source, account_code) VALUES (?, ?, ?, ?, ?, ?)`,
		activityID, l.FiscalYear, l.Ceiling, l.Realised, l.FundingSource, l.AccountCode)
	if isUniqueViolation(err) {
		return 0, errDuplicateLine(l)
	}
	if err != nil {
		return 0, fmt.Errorf("insert budget line: %w", err)
	}
	return id, nil
}

func (tx *Tx) roadmapOfActivity(ctx context.Context, activityID int64) (*budaya.Roadmap, error) {
	var rid int64
	err := tx.queryRow(ctx, `SELECT p.roadmap_id FROM activities a JOIN programmes p ON p.id = a.programme_id WHERE a.id = ?`, activityID).Scan(&rid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgActivityNotFound)
	}
	if err != nil {
		return nil, err
	}
	return findRoadmap(ctx, tx, rid)
}

// FindActivity returns the activity with id, with its quarters, values, behaviours and budget lines.
func (db *DB) FindActivity(ctx context.Context, id int64) (*budaya.Activity, error) {
	as, err := db.ListActivities(ctx, budaya.ActivityFilter{IDs: []int64{id}})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, budaya.NotFound(budaya.MsgActivityNotFound)
	}
	return &as[0], nil
}

// ListActivities returns the activities that match f, ordered by programme and code, complete.
func (db *DB) ListActivities(ctx context.Context, f budaya.ActivityFilter) ([]budaya.Activity, error) {
	var where []string
	var args []any
	if f.RoadmapID != 0 {
		where, args = append(where, "p.roadmap_id = ?"), append(args, f.RoadmapID)
	}
	if f.ProgrammeID != 0 {
		where, args = append(where, "a.programme_id = ?"), append(args, f.ProgrammeID)
	}
	if f.UnitID != 0 {
		where, args = append(where, "a.owner_unit_id = ?"), append(args, f.UnitID)
	}
	if f.ValueCode != "" {
		where, args = append(where, "EXISTS (SELECT 1 FROM activity_values v WHERE v.activity_id = a.id AND v.value_code = ?)"), append(args, f.ValueCode)
	}
	if f.Year != 0 {
		where = append(where, "(EXISTS (SELECT 1 FROM activity_quarters q WHERE q.activity_id = a.id AND q.year = ?) OR EXISTS (SELECT 1 FROM budget_lines b WHERE b.activity_id = a.id AND b.fiscal_year = ?))")
		args = append(args, f.Year, f.Year)
	}
	if len(f.IDs) > 0 {
		where = append(where, "a.id IN ("+placeholders(len(f.IDs))+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	if f.Under != "" {
		where, args = append(where, "u.path LIKE ? ESCAPE '\\'"), append(args, likeEscape(f.Under)+"%")
	}
	if len(f.Codes) > 0 {
		in := placeholders(len(f.Codes))
		where = append(where, "(EXISTS (SELECT 1 FROM activity_values v WHERE v.activity_id = a.id AND v.value_code IN ("+in+
			")) OR EXISTS (SELECT 1 FROM activity_behaviours ab WHERE ab.activity_id = a.id AND ab.behaviour_code IN ("+in+")))")
		for range 2 {
			for _, code := range f.Codes {
				args = append(args, code)
			}
		}
	}
	cond := whereClause(where)
	limit := ""
	if f.Limit > 0 {
		limit, args = " LIMIT ?", append(args, f.Limit)
	}
	from := ` FROM activities a JOIN programmes p ON p.id = a.programme_id JOIN roadmaps r ON r.id = p.roadmap_id
		JOIN units u ON u.id = a.owner_unit_id LEFT JOIN employees e ON e.id = a.pic_employee_id`
	rows, err := db.query(ctx, `SELECT a.id, a.programme_id, p.roadmap_id, a.code, a.name, a.description, a.owner_unit_id, COALESCE(a.pic_employee_id, 0),
		a.indicator, a.indicator_unit, a.target, a.realisation, a.status, a.created_at, a.updated_at, u.code, u.name, COALESCE(e.name, ''),
		p.code, p.name, r.start_year, r.end_year`+from+cond+` ORDER BY p.roadmap_id, p.position, a.code, a.id`+limit, args...)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	out := []budaya.Activity{}
	index := map[int64]int{}
	for rows.Next() {
		var a budaya.Activity
		if err := rows.Scan(&a.ID, &a.ProgrammeID, &a.RoadmapID, &a.Code, &a.Name, &a.Description, &a.OwnerUnitID, &a.PICEmployeeID,
			&a.Indicator, &a.IndicatorUnit, &a.Target, &a.Realisation, &a.Status, &a.CreatedAt, &a.UpdatedAt, &a.OwnerUnitCode, &a.OwnerUnitName,
			&a.PICName, &a.ProgrammeCode, &a.ProgrammeName, &a.RoadmapStartEnd[0], &a.RoadmapStartEnd[1]); err != nil {
			rows.Close()
			return nil, err
		}
		index[a.ID] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	// The parts of the activities are loaded by id, in chunks that stay under
	// every engine's limit of bound parameters.
	ids := make([]any, len(out))
	for i := range out {
		ids[i] = out[i].ID
	}
	load := func(q string, scan func(*sql.Rows) error) error {
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			rows, err := db.query(ctx, strings.Replace(q, "(?)", "("+placeholders(len(chunk))+")", 1), chunk...)
			if err != nil {
				return err
			}
			for rows.Next() {
				if err := scan(rows); err != nil {
					rows.Close()
					return err
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	}
	err = load(`SELECT activity_id, year, quarter FROM activity_quarters WHERE activity_id IN (?) ORDER BY activity_id, year, quarter`, func(rows *sql.Rows) error {
		var id int64
		var q budaya.Quarter
		if err := rows.Scan(&id, &q.Year, &q.Q); err != nil {
			return err
		}
		a := &out[index[id]]
		a.Quarters = append(a.Quarters, q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("activity quarters: %w", err)
	}
	err = load(`SELECT activity_id, value_code FROM activity_values WHERE activity_id IN (?) ORDER BY activity_id, value_code`, func(rows *sql.Rows) error {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return err
		}
		a := &out[index[id]]
		a.ValueCodes = append(a.ValueCodes, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("activity values: %w", err)
	}
	err = load(`SELECT activity_id, behaviour_code FROM activity_behaviours WHERE activity_id IN (?) ORDER BY activity_id, behaviour_code`, func(rows *sql.Rows) error {
		var id int64
		var c string
		if err := rows.Scan(&id, &c); err != nil {
			return err
		}
		a := &out[index[id]]
		a.BehaviourCodes = append(a.BehaviourCodes, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("activity behaviours: %w", err)
	}
	err = load(`SELECT id, activity_id, fiscal_year, ceiling, realised, funding_source, account_code FROM budget_lines WHERE activity_id IN (?)
		ORDER BY activity_id, fiscal_year, account_code, id`, func(rows *sql.Rows) error {
		var l budaya.BudgetLine
		if err := rows.Scan(&l.ID, &l.ActivityID, &l.FiscalYear, &l.Ceiling, &l.Realised, &l.FundingSource, &l.AccountCode); err != nil {
			return err
		}
		a := &out[index[l.ActivityID]]
		a.Budget = append(a.Budget, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("budget lines: %w", err)
	}
	return out, nil
}

// Budget sums the budget lines of fiscal year by unit, value and programme,
// over every roadmap (or only roadmapID when it is not 0).
func (db *DB) Budget(ctx context.Context, year int, roadmapID int64) (budaya.BudgetSummary, error) {
	if err := checkFiscalYear(year); err != nil {
		return budaya.BudgetSummary{}, err
	}
	as, err := db.ListActivities(ctx, budaya.ActivityFilter{RoadmapID: roadmapID, Year: year})
	if err != nil {
		return budaya.BudgetSummary{}, err
	}
	names, err := db.valueNames(ctx)
	if err != nil {
		return budaya.BudgetSummary{}, err
	}
	return budaya.SummariseBudget(year, as, names), nil
}

// BudgetProposal builds the budget proposal of fiscal year with the previous
// year beside it, over every roadmap (or only roadmapID).
func (db *DB) BudgetProposal(ctx context.Context, year int, roadmapID int64) (budaya.BudgetProposal, error) {
	if err := checkFiscalYear(year); err != nil {
		return budaya.BudgetProposal{}, err
	}
	as, err := db.ListActivities(ctx, budaya.ActivityFilter{RoadmapID: roadmapID})
	if err != nil {
		return budaya.BudgetProposal{}, err
	}
	return budaya.BuildProposal(year, as), nil
}

func checkFiscalYear(year int) error {
	if year < 2000 || year > 2100 {
		return budaya.Invalid("year", budaya.MsgFiscalYearMustBeFourDigit)
	}
	return nil
}

// valueNames maps the value codes of the active framework to their names.
func (db *DB) valueNames(ctx context.Context) (map[string]string, error) {
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, v := range f.Values {
		out[v.Code] = v.Name
	}
	return out, nil
}
