package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// CreateChecklistCriterion adds a criterion of the internalisation checklist.
func (db *DB) CreateChecklistCriterion(ctx context.Context, actor budaya.Actor, in budaya.ChecklistCriterionInput) (*budaya.ChecklistCriterion, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	c := budaya.ChecklistCriterion{Code: in.Code, Name: in.Name, Description: in.Description, Points: in.ParsedPoints, Active: true}
	err := db.inTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM checklist_criteria`).Scan(&c.Position); err != nil {
			return err
		}
		var err error
		c.ID, err = tx.insert(ctx, `INSERT INTO checklist_criteria (code, name, description, points, active, position) VALUES (?, ?, ?, ?, ?, ?)`,
			c.Code, c.Name, c.Description, c.Points, true, c.Position)
		if isUniqueViolation(err) {
			return budaya.Invalid("code", budaya.MsgCriterionCodeAlreadyUsed, c.Code)
		}
		if err != nil {
			return fmt.Errorf("insert criterion: %w", err)
		}
		return tx.audit(ctx, actor, "create", "checklist_criterion", c.ID, nil, c)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// SetChecklistCriterionActive retires or restores a criterion; retired ones no longer count towards the maximum.
func (db *DB) SetChecklistCriterionActive(ctx context.Context, actor budaya.Actor, id int64, active bool) error {
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE checklist_criteria SET active = ? WHERE id = ?`, active, id)
		if err != nil {
			return fmt.Errorf("update criterion %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.NotFound(budaya.MsgCriterionNotFound)
		}
		return tx.audit(ctx, actor, "update", "checklist_criterion", id, nil, map[string]any{"active": active})
	})
}

// ListChecklistCriteria returns the criteria in order (only active ones unless all).
func (db *DB) ListChecklistCriteria(ctx context.Context, all bool) ([]budaya.ChecklistCriterion, error) {
	q := `SELECT id, code, name, description, points, active, position FROM checklist_criteria`
	var args []any
	if !all {
		q, args = q+` WHERE active = ?`, append(args, true)
	}
	rows, err := db.query(ctx, q+` ORDER BY position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list criteria: %w", err)
	}
	defer rows.Close()
	out := []budaya.ChecklistCriterion{}
	for rows.Next() {
		var c budaya.ChecklistCriterion
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.Description, &c.Points, &c.Active, &c.Position); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateChecklistPeriod adds a reporting period; dates YYYY-MM-DD.
func (db *DB) CreateChecklistPeriod(ctx context.Context, actor budaya.Actor, name, startsOn, endsOn string) (*budaya.ChecklistPeriod, error) {
	p := budaya.ChecklistPeriod{Name: strings.TrimSpace(name)}
	if p.Name == "" || len([]rune(p.Name)) > 100 {
		return nil, budaya.Invalid("name", budaya.MsgPeriodNameRequiredMostCharactersSemester)
	}
	var err error
	if p.StartsOn, err = budaya.ParseDate("starts_on", startsOn); err != nil {
		return nil, err
	}
	if p.EndsOn, err = budaya.ParseDate("ends_on", endsOn); err != nil {
		return nil, err
	}
	if p.EndsOn.Before(p.StartsOn) {
		return nil, budaya.Invalid("ends_on", budaya.MsgEndPeriodCannotBeBeforeStart)
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var err error
		p.ID, err = tx.insert(ctx, `INSERT INTO checklist_periods (name, starts_on, ends_on) VALUES (?, ?, ?)`, p.Name, p.StartsOn, p.EndsOn)
		if isUniqueViolation(err) {
			return budaya.Invalid("name", budaya.MsgPeriodAlreadyExists, p.Name)
		}
		if err != nil {
			return fmt.Errorf("insert checklist period: %w", err)
		}
		return tx.audit(ctx, actor, "create", "checklist_period", p.ID, nil, map[string]any{"name": p.Name, "starts_on": startsOn, "ends_on": endsOn})
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// ListChecklistPeriods returns the periods, newest first.
func (db *DB) ListChecklistPeriods(ctx context.Context) ([]budaya.ChecklistPeriod, error) {
	rows, err := db.query(ctx, `SELECT id, name, starts_on, ends_on FROM checklist_periods ORDER BY starts_on DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list checklist periods: %w", err)
	}
	defer rows.Close()
	out := []budaya.ChecklistPeriod{}
	for rows.Next() {
		var p budaya.ChecklistPeriod
		if err := rows.Scan(&p.ID, &p.Name, &p.StartsOn, &p.EndsOn); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ReportChecklist records that a unit fulfilled a criterion in a period, with
// evidence. A rejected report may be sent again; an accepted one is final.
func (db *DB) ReportChecklist(ctx context.Context, actor budaya.Actor, periodID, unitID, criterionID int64, note string, evidenceIDs []int64) (int64, error) {
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 2000 {
		return 0, budaya.Invalid("note", budaya.MsgNoteMostCharacters)
	}
	if len(evidenceIDs) == 0 && note == "" {
		return 0, budaya.Invalid("evidence", budaya.MsgAttachEvidenceWriteNote)
	}
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		var periods, criteria int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM checklist_periods WHERE id = ?`, periodID).Scan(&periods); err != nil {
			return err
		}
		if periods == 0 {
			return budaya.Invalid("period_id", budaya.MsgPeriodNotFound)
		}
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM checklist_criteria WHERE id = ? AND active = ?`, criterionID, true).Scan(&criteria); err != nil {
			return err
		}
		if criteria == 0 {
			return budaya.Invalid("criterion_id", budaya.MsgCriterionNotFoundRetired)
		}
		u, err := findUnit(ctx, tx, `id = ?`, unitID)
		if err != nil {
			return err
		}
		if u.Closed() {
			return budaya.Invalid("unit_id", budaya.MsgUnitClosed, u.Code, u.Name)
		}
		var status string
		err = tx.queryRow(ctx, `SELECT id, status FROM checklist_reports WHERE period_id = ? AND unit_id = ? AND criterion_id = ?`, periodID, unitID, criterionID).Scan(&id, &status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if id, err = tx.insert(ctx, `INSERT INTO checklist_reports (period_id, unit_id, criterion_id, note, status, submitted_by, submitted_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, periodID, unitID, criterionID, note, budaya.ChecklistSubmitted, nullID(actor.UserID), db.Now()); err != nil {
				return fmt.Errorf("insert checklist report: %w", err)
			}
		case err != nil:
			return err
		case status == budaya.ChecklistAccepted:
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgCriterionAlreadyBeenAccepted)
		default:
			if _, err := tx.exec(ctx, `UPDATE checklist_reports SET note = ?, status = ?, submitted_by = ?, submitted_at = ?, verified_by = NULL, verified_at = NULL
				WHERE id = ?`, note, budaya.ChecklistSubmitted, nullID(actor.UserID), db.Now(), id); err != nil {
				return fmt.Errorf("resubmit checklist report: %w", err)
			}
		}
		if err := tx.linkEvidence(ctx, "checklist_report_evidence", "report_id", id, evidenceIDs); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "submit", "checklist_report", id, nil, map[string]any{"period_id": periodID, "unit_id": unitID,
			"criterion_id": criterionID, "evidence": evidenceIDs})
	})
	return id, err
}

// VerifyChecklist accepts or rejects (with a comment) a submitted report.
func (db *DB) VerifyChecklist(ctx context.Context, actor budaya.Actor, reportID int64, accept bool, comment string) error {
	comment = strings.TrimSpace(comment)
	if !accept && comment == "" {
		return budaya.Invalid("comment", budaya.MsgGiveReasonRejectingUnit)
	}
	status := budaya.ChecklistRejected
	if accept {
		status = budaya.ChecklistAccepted
	}
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE checklist_reports SET status = ?, comment = ?, verified_by = ?, verified_at = ? WHERE id = ? AND status = ?`,
			status, comment, nullID(actor.UserID), db.Now(), reportID, budaya.ChecklistSubmitted)
		if err != nil {
			return fmt.Errorf("verify checklist report %d: %w", reportID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgReportDoesNotExist)
		}
		return tx.audit(ctx, actor, status, "checklist_report", reportID, nil, map[string]any{"comment": comment})
	})
}

// ListChecklistReports returns reports by unit and criterion order.
func (db *DB) ListChecklistReports(ctx context.Context, f budaya.ChecklistReportFilter) ([]budaya.ChecklistReport, error) {
	where := []string{"1 = 1"}
	var args []any
	if f.PeriodID != 0 {
		where, args = append(where, "r.period_id = ?"), append(args, f.PeriodID)
	}
	if f.UnitID != 0 {
		where, args = append(where, "r.unit_id = ?"), append(args, f.UnitID)
	}
	if f.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, f.Status)
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	rows, err := db.query(ctx, `SELECT r.id, r.period_id, r.unit_id, r.criterion_id, r.note, r.status, COALESCE(r.submitted_by, 0), r.submitted_at,
		COALESCE(r.verified_by, 0), r.verified_at, r.comment, u.name, c.name, c.points
		FROM checklist_reports r JOIN units u ON u.id = r.unit_id JOIN checklist_criteria c ON c.id = r.criterion_id`+cond+
		` ORDER BY u.code, c.position, r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list checklist reports: %w", err)
	}
	out := []budaya.ChecklistReport{}
	index := map[int64]int{}
	for rows.Next() {
		var r budaya.ChecklistReport
		var verified sql.NullTime
		if err := rows.Scan(&r.ID, &r.PeriodID, &r.UnitID, &r.CriterionID, &r.Note, &r.Status, &r.SubmittedBy, &r.SubmittedAt,
			&r.VerifiedBy, &verified, &r.Comment, &r.UnitName, &r.Criterion, &r.Points); err != nil {
			rows.Close()
			return nil, err
		}
		if verified.Valid {
			r.VerifiedAt = verified.Time.UTC()
		}
		index[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.query(ctx, `SELECT e.report_id, `+evidenceColumns+` FROM checklist_report_evidence e JOIN checklist_reports r ON r.id = e.report_id
		JOIN evidence_files f ON f.id = e.evidence_id`+cond+` ORDER BY e.evidence_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("checklist evidence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rid int64
		var ev budaya.Evidence
		if err := scanEvidence(rows, &ev, &rid); err != nil {
			return nil, err
		}
		if i, ok := index[rid]; ok {
			out[i].EvidenceIDs = append(out[i].EvidenceIDs, ev.ID)
			out[i].Evidence = append(out[i].Evidence, ev)
		}
	}
	return out, rows.Err()
}

// ChecklistScores returns the internalisation checklist score of every unit
// that reported in the period: points of accepted reports over the points of
// all active criteria, and how many reports await verification. Units that
// reported nothing are absent (their score is 0 of the maximum). Dashboards
// call it to show the score beside a unit's other figures.
func (db *DB) ChecklistScores(ctx context.Context, periodID int64) (map[int64]budaya.ChecklistScore, error) {
	var max int
	if err := db.queryRow(ctx, `SELECT COALESCE(SUM(points), 0) FROM checklist_criteria WHERE active = ?`, true).Scan(&max); err != nil {
		return nil, fmt.Errorf("checklist maximum: %w", err)
	}
	rows, err := db.query(ctx, `SELECT r.unit_id,
		COALESCE(SUM(CASE WHEN r.status = 'accepted' AND c.active = ? THEN c.points ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN r.status = 'submitted' THEN 1 ELSE 0 END), 0)
		FROM checklist_reports r JOIN checklist_criteria c ON c.id = r.criterion_id WHERE r.period_id = ? GROUP BY r.unit_id`, true, periodID)
	if err != nil {
		return nil, fmt.Errorf("checklist scores: %w", err)
	}
	defer rows.Close()
	out := map[int64]budaya.ChecklistScore{}
	for rows.Next() {
		s := budaya.ChecklistScore{MaxPoints: max}
		if err := rows.Scan(&s.UnitID, &s.Points, &s.Pending); err != nil {
			return nil, err
		}
		out[s.UnitID] = s
	}
	return out, rows.Err()
}
