package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// ResponseRates returns, for every snapshot unit of a period (or those under
// underUnitID when it is not 0), how many tasks of instrument are completed,
// counting the units below each unit. It never names who has not answered.
// The rows are the caller's to change. The rolled-up rates of a large period
// are kept as its task counts are (largePeriodCached): 30 s while it is open,
// until it is reopened once it is closed.
func (db *DB) ResponseRates(ctx context.Context, periodID int64, instrument string, underUnitID int64) ([]budaya.ResponseRate, error) {
	all, err := largePeriodCached(ctx, db, largePeriodKey{"rates", periodID, instrument}, func() ([]budaya.ResponseRate, error) {
		return db.rollUpRates(ctx, periodID, instrument)
	})
	if err != nil {
		return nil, err
	}
	if underUnitID == 0 {
		return slices.Clone(all), nil
	}
	out := []budaya.ResponseRate{}
	prefix := ""
	for _, r := range all {
		if r.UnitID == underUnitID {
			prefix = r.Path
			break
		}
	}
	if prefix == "" {
		return out, nil
	}
	for _, r := range all {
		if strings.HasPrefix(r.Path, prefix) {
			out = append(out, r)
		}
	}
	return out, nil
}

// rollUpRates reads the snapshot units of a period in path order and adds
// each unit's task counts to it and to every unit above it.
func (db *DB) rollUpRates(ctx context.Context, periodID int64, instrument string) ([]budaya.ResponseRate, error) {
	rows, err := db.query(ctx, `SELECT unit_id, name, path, depth FROM snapshot_units WHERE period_id = ? ORDER BY path`, periodID)
	if err != nil {
		return nil, fmt.Errorf("snapshot units: %w", err)
	}
	out := []budaya.ResponseRate{}
	index := map[int64]int{}
	for rows.Next() {
		var r budaya.ResponseRate
		if err := rows.Scan(&r.UnitID, &r.UnitName, &r.Path, &r.Depth); err != nil {
			rows.Close()
			return nil, err
		}
		index[r.UnitID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	counts, err := db.unitTaskCounts(ctx, periodID, instrument)
	if err != nil {
		return nil, err
	}
	for unit, c := range counts {
		i, ok := index[unit]
		if !ok {
			continue
		}
		// Add to the unit and to every ancestor in the snapshot path.
		for _, part := range strings.Split(strings.Trim(out[i].Path, "/"), "/") {
			id, err := strconv.ParseInt(part, 10, 64)
			if err != nil {
				continue
			}
			if j, ok := index[id]; ok {
				out[j].Total += c.total
				out[j].Completed += c.completed
			}
		}
	}
	if instrument == budaya.InstrumentSurvey {
		var k int
		if err := db.queryRow(ctx, `SELECT min_group FROM measurement_periods WHERE id = ?`, periodID).Scan(&k); err != nil {
			return nil, fmt.Errorf("period threshold: %w", err)
		}
		for i := range out {
			if out[i].Total < k {
				out[i].Completed, out[i].Suppressed = 0, true
			}
		}
	}
	return out, nil
}

// Reminder is someone who still has open 360 tasks in a period.
type Reminder struct {
	EmployeeID int64
	Name       string
	UnitName   string
	Open       int
}

// Reminders lists the raters with open 360 tasks in the units of scope (paths
// of the period's snapshot), with how many; it does not say whom they still have to rate.
func (db *DB) Reminders(ctx context.Context, periodID int64, scope budaya.UnitScope) ([]Reminder, error) {
	q := `SELECT t.rater_employee_id, s.name, COALESCE(u.name, ''), COUNT(*)
		FROM measurement_tasks t
		JOIN snapshot_staff s ON s.period_id = t.period_id AND s.employee_id = t.rater_employee_id
		LEFT JOIN snapshot_units u ON u.period_id = s.period_id AND u.unit_id = s.unit_id
		WHERE t.period_id = ? AND t.instrument = '360' AND t.status = 'open'`
	cond, args := scopeCond("u.path", scope)
	q += ` AND ` + cond
	args = append([]any{periodID}, args...)
	rows, err := db.query(ctx, q+` GROUP BY t.rater_employee_id, s.name, u.name ORDER BY s.name, t.rater_employee_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	defer rows.Close()
	out := []Reminder{}
	for rows.Next() {
		var r Reminder
		if err := rows.Scan(&r.EmployeeID, &r.Name, &r.UnitName, &r.Open); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SnapshotMember is an employee as frozen in a period's snapshot.
type SnapshotMember struct {
	EmployeeID   int64
	Name         string
	UnitID       int64
	UnitName     string
	UnitPath     string
	SupervisorID int64
}

// FindSnapshotMember returns employeeID as frozen in period periodID.
func (db *DB) FindSnapshotMember(ctx context.Context, periodID, employeeID int64) (*SnapshotMember, error) {
	var m SnapshotMember
	err := db.queryRow(ctx, `SELECT s.employee_id, s.name, s.unit_id, COALESCE(u.name, ''), COALESCE(u.path, ''), COALESCE(s.supervisor_id, 0)
		FROM snapshot_staff s LEFT JOIN snapshot_units u ON u.period_id = s.period_id AND u.unit_id = s.unit_id
		WHERE s.period_id = ? AND s.employee_id = ?`, periodID, employeeID).
		Scan(&m.EmployeeID, &m.Name, &m.UnitID, &m.UnitName, &m.UnitPath, &m.SupervisorID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgEmployeePeriodNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("snapshot member: %w", err)
	}
	return &m, nil
}

// InAtasanLine reports whether viewer is an atasan of employee (direct or
// further up) in the period's snapshot.
func (db *DB) InAtasanLine(ctx context.Context, periodID, viewer, employee int64) (bool, error) {
	seen := map[int64]bool{}
	cur := employee
	for cur != 0 && !seen[cur] {
		seen[cur] = true
		var sup int64
		err := db.queryRow(ctx, `SELECT COALESCE(supervisor_id, 0) FROM snapshot_staff WHERE period_id = ? AND employee_id = ?`, periodID, cur).Scan(&sup)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if sup == viewer && viewer != 0 {
			return true, nil
		}
		cur = sup
	}
	return false, nil
}

// Report360 loads what the 360 report of employeeID in periodID is computed
// from (the period, the ratee in its snapshot, the framework, the ratee's
// answers and the non-self answers of the ratee's unit) and computes it with
// budaya.BuildReport360, which applies the rater threshold.
func (db *DB) Report360(ctx context.Context, periodID, employeeID int64) (*budaya.Report360, error) {
	p, err := db.FindPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	if !p.Has360 {
		return nil, budaya.Errorf(budaya.EINVALID, budaya.MsgPeriodNo360Assessment, p.Name)
	}
	m, err := db.FindSnapshotMember(ctx, periodID, employeeID)
	if err != nil {
		return nil, err
	}
	f, err := db.periodFramework(ctx, p.FrameworkID)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT COALESCE(ratee_employee_id, 0), rater_group, response_id, behaviour_code, score, comment FROM measurement_answers
		WHERE period_id = ? AND instrument = '360' AND unit_id = ? AND rater_group <> 'self'
		UNION ALL
		SELECT COALESCE(ratee_employee_id, 0), rater_group, response_id, behaviour_code, score, comment FROM measurement_answers
		WHERE period_id = ? AND instrument = '360' AND ratee_employee_id = ? AND rater_group = 'self'`, periodID, m.UnitID, periodID, employeeID)
	if err != nil {
		return nil, fmt.Errorf("load answers: %w", err)
	}
	defer rows.Close()
	var answers []budaya.Answer360
	for rows.Next() {
		var a budaya.Answer360
		if err := rows.Scan(&a.RateeID, &a.Group, &a.ResponseID, &a.Code, &a.Score, &a.Comment); err != nil {
			return nil, err
		}
		answers = append(answers, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	head := budaya.Report360{PeriodID: p.ID, PeriodName: p.Name, EmployeeID: employeeID, EmployeeName: m.Name, UnitName: m.UnitName}
	return budaya.BuildReport360(head, f, answers), nil
}

// EachAnswer calls fn for every stored answer of a period and instrument, in
// response id order (random, so it says nothing about who or when).
func (db *DB) EachAnswer(ctx context.Context, periodID int64, instrument string, fn func(budaya.AnswerRecord) error) error {
	rows, err := db.query(ctx, `SELECT response_id, period_id, instrument, unit_id, COALESCE(ratee_employee_id, 0), rater_group,
		COALESCE(rater_employee_id, 0), behaviour_code, score, comment FROM measurement_answers WHERE period_id = ? AND instrument = ?
		ORDER BY response_id, behaviour_code`, periodID, instrument)
	if err != nil {
		return fmt.Errorf("read answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a budaya.AnswerRecord
		if err := rows.Scan(&a.ResponseID, &a.PeriodID, &a.Instrument, &a.UnitID, &a.RateeEmployeeID, &a.RaterGroup, &a.RaterEmployeeID,
			&a.BehaviourCode, &a.Score, &a.Comment); err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}
