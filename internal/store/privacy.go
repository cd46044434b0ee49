package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// CreateSubjectRequest records a data-subject request, with the evidence
// files (already stored) that came with it; its deadline is 3 x 24 hours
// after it was received.
func (db *DB) CreateSubjectRequest(ctx context.Context, actor budaya.Actor, r *budaya.SubjectRequest, evidenceIDs ...int64) error {
	now := db.Now()
	if err := r.Validate(now); err != nil {
		return err
	}
	if r.EmployeeID != 0 {
		if _, err := db.FindEmployee(ctx, r.EmployeeID); err != nil {
			return err
		}
	}
	r.CreatedAt, r.RecordedBy = now, actor.UserID
	return db.inTx(ctx, func(tx *Tx) error {
		var err error
		r.ID, err = tx.insert(ctx, `INSERT INTO subject_requests (employee_id, user_id, requester_name, kind, detail, received_at, due_at, recorded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, nullID(r.EmployeeID), nullID(r.UserID), r.RequesterName, string(r.Kind), r.Detail,
			r.ReceivedAt, r.DueAt, nullID(actor.UserID), now)
		if err != nil {
			return fmt.Errorf("insert subject request: %w", err)
		}
		if err := tx.linkEvidence(ctx, "subject_request_files", "request_id", r.ID, evidenceIDs); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "subject_request", r.ID, nil, map[string]any{
			"employee_id": r.EmployeeID, "kind": r.Kind, "received_at": r.ReceivedAt, "due_at": r.DueAt, "files": evidenceIDs})
	})
}

// AnswerSubjectRequest records that request id was answered, with what.
func (db *DB) AnswerSubjectRequest(ctx context.Context, actor budaya.Actor, id int64, answer string) error {
	answer = strings.TrimSpace(answer)
	if answer == "" {
		return budaya.Invalid("answer", budaya.MsgWriteAnswerGivenRequester)
	}
	if len(answer) > 8000 {
		return budaya.Invalid("answer", budaya.MsgAnswerMayMostCharacters)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var answered sql.NullTime
		err := tx.queryRow(ctx, `SELECT answered_at FROM subject_requests WHERE id = ?`, id).Scan(&answered)
		if errors.Is(err, sql.ErrNoRows) {
			return budaya.NotFound(budaya.MsgDataSubjectRequestNotFound)
		}
		if err != nil {
			return err
		}
		if answered.Valid {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgRequestBeenAnsweredAlready)
		}
		now := tx.db.Now()
		if _, err := tx.exec(ctx, `UPDATE subject_requests SET answered_at = ?, answer = ?, answered_by = ? WHERE id = ?`, now, answer, nullID(actor.UserID), id); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "answer", "subject_request", id, nil, map[string]any{"answered_at": now})
	})
}

const subjectRequestCols = `id, COALESCE(employee_id, 0), COALESCE(user_id, 0), requester_name, kind, detail, received_at, due_at, answered_at, answer, COALESCE(recorded_by, 0), COALESCE(answered_by, 0), created_at`

func scanSubjectRequest(row interface{ Scan(...any) error }) (budaya.SubjectRequest, error) {
	var r budaya.SubjectRequest
	var answered sql.NullTime
	var kind string
	err := row.Scan(&r.ID, &r.EmployeeID, &r.UserID, &r.RequesterName, &kind, &r.Detail, &r.ReceivedAt, &r.DueAt, &answered, &r.Answer, &r.RecordedBy, &r.AnsweredBy, &r.CreatedAt)
	r.Kind = budaya.SubjectRequestKind(kind)
	r.AnsweredAt = answered.Time
	return r, err
}

// ListSubjectRequests returns a page of requests, open ones by deadline
// first, then answered ones newest first, and the total that match.
func (db *DB) ListSubjectRequests(ctx context.Context, f budaya.SubjectRequestFilter) ([]budaya.SubjectRequest, int, error) {
	var where []string
	var args []any
	if f.OpenOnly {
		where = append(where, "answered_at IS NULL")
	}
	if f.EmployeeID != 0 {
		where, args = append(where, "employee_id = ?"), append(args, f.EmployeeID)
	}
	cond := whereClause(where)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM subject_requests`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count subject requests: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+subjectRequestCols+` FROM subject_requests`+cond+`
		ORDER BY CASE WHEN answered_at IS NULL THEN 0 ELSE 1 END, CASE WHEN answered_at IS NULL THEN due_at END, id DESC LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list subject requests: %w", err)
	}
	defer rows.Close()
	var out []budaya.SubjectRequest
	for rows.Next() {
		r, err := scanSubjectRequest(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// FindSubjectRequest returns request id.
func (db *DB) FindSubjectRequest(ctx context.Context, id int64) (*budaya.SubjectRequest, error) {
	r, err := scanSubjectRequest(db.queryRow(ctx, `SELECT `+subjectRequestCols+` FROM subject_requests WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgDataSubjectRequestNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find subject request %d: %w", id, err)
	}
	return &r, nil
}

// RestrictProcessing restricts processing of an employee's data: from now
// on they are left out of new measurement assignments, recognition and
// nominations (see IsRestricted). requestID may name the request it answers.
func (db *DB) RestrictProcessing(ctx context.Context, actor budaya.Actor, employeeID, requestID int64, reason string) (*budaya.Restriction, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, budaya.Invalid("reason", budaya.MsgWriteReasonRestriction)
	}
	if len(reason) > 2000 {
		return nil, budaya.Invalid("reason", budaya.MsgReasonMayMostCharacters2)
	}
	if _, err := db.FindEmployee(ctx, employeeID); err != nil {
		return nil, err
	}
	if requestID != 0 {
		if _, err := db.FindSubjectRequest(ctx, requestID); err != nil {
			return nil, err
		}
	}
	r := &budaya.Restriction{EmployeeID: employeeID, RequestID: requestID, Reason: reason, RestrictedAt: db.Now(), RestrictedBy: actor.UserID}
	err := db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM processing_restrictions WHERE employee_id = ? AND lifted_at IS NULL`, employeeID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgProcessingEmployeeDataRestricted)
		}
		var err error
		r.ID, err = tx.insert(ctx, `INSERT INTO processing_restrictions (employee_id, request_id, reason, restricted_at, restricted_by) VALUES (?, ?, ?, ?, ?)`,
			employeeID, nullID(requestID), reason, r.RestrictedAt, nullID(actor.UserID))
		if err != nil {
			return fmt.Errorf("insert restriction: %w", err)
		}
		return tx.audit(ctx, actor, "restrict_processing", "employee", employeeID, nil, map[string]any{"restriction_id": r.ID, "request_id": requestID, "reason": reason})
	})
	return r, err
}

// LiftRestriction ends restriction id.
func (db *DB) LiftRestriction(ctx context.Context, actor budaya.Actor, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var employeeID int64
		var lifted sql.NullTime
		err := tx.queryRow(ctx, `SELECT employee_id, lifted_at FROM processing_restrictions WHERE id = ?`, id).Scan(&employeeID, &lifted)
		if errors.Is(err, sql.ErrNoRows) {
			return budaya.NotFound(budaya.MsgProcessingRestrictionNotFound)
		}
		if err != nil {
			return err
		}
		if lifted.Valid {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgRestrictionBeenLiftedAlready)
		}
		if _, err := tx.exec(ctx, `UPDATE processing_restrictions SET lifted_at = ?, lifted_by = ? WHERE id = ?`, tx.db.Now(), nullID(actor.UserID), id); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "lift_restriction", "employee", employeeID, nil, map[string]any{"restriction_id": id})
	})
}

// IsRestricted reports whether processing of the employee's data is
// restricted. Capabilities that pick people (measurement assignments,
// recognition, nominations) must leave a restricted employee out.
func (db *DB) IsRestricted(ctx context.Context, employeeID int64) (bool, error) {
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM processing_restrictions WHERE employee_id = ? AND lifted_at IS NULL`, employeeID).Scan(&n); err != nil {
		return false, fmt.Errorf("check restriction of %d: %w", employeeID, err)
	}
	return n > 0, nil
}

// RestrictedEmployeeIDs returns the employees whose processing is
// restricted, as a set, for capabilities that pick many people at once.
func (db *DB) RestrictedEmployeeIDs(ctx context.Context) (map[int64]bool, error) {
	rows, err := db.query(ctx, `SELECT employee_id FROM processing_restrictions WHERE lifted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("list restricted employees: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// refuseRestricted refuses new processing of an employee whose processing is
// restricted (UU PDP 27/2022): no recognition to them, no nomination of them.
func refuseRestricted(ctx context.Context, q rowQuerier, employeeID int64, field string) error {
	var n int
	if err := q.queryRow(ctx, `SELECT COUNT(*) FROM processing_restrictions WHERE employee_id = ? AND lifted_at IS NULL`, employeeID).Scan(&n); err != nil {
		return fmt.Errorf("check restriction of %d: %w", employeeID, err)
	}
	if n > 0 {
		return budaya.Invalid(field, budaya.MsgProcessingColleagueDataRestricted)
	}
	return nil
}

// NotRestrictedSQL is a condition other capabilities add to their queries to
// leave restricted employees out, e.g. "AND " + store.NotRestrictedSQL("e.id").
func NotRestrictedSQL(employeeIDColumn string) string {
	return `NOT EXISTS (SELECT 1 FROM processing_restrictions pr WHERE pr.employee_id = ` + employeeIDColumn + ` AND pr.lifted_at IS NULL)`
}

// ListRestrictions returns restrictions, active ones first.
func (db *DB) ListRestrictions(ctx context.Context, activeOnly bool) ([]budaya.Restriction, error) {
	cond := ""
	if activeOnly {
		cond = " WHERE r.lifted_at IS NULL"
	}
	rows, err := db.query(ctx, `SELECT r.id, r.employee_id, e.name, COALESCE(r.request_id, 0), r.reason, r.restricted_at, COALESCE(r.restricted_by, 0), r.lifted_at, COALESCE(r.lifted_by, 0)
		FROM processing_restrictions r JOIN employees e ON e.id = r.employee_id`+cond+`
		ORDER BY CASE WHEN r.lifted_at IS NULL THEN 0 ELSE 1 END, r.id DESC LIMIT 500`)
	if err != nil {
		return nil, fmt.Errorf("list restrictions: %w", err)
	}
	defer rows.Close()
	var out []budaya.Restriction
	for rows.Next() {
		var r budaya.Restriction
		var lifted sql.NullTime
		if err := rows.Scan(&r.ID, &r.EmployeeID, &r.EmployeeName, &r.RequestID, &r.Reason, &r.RestrictedAt, &r.RestrictedBy, &lifted, &r.LiftedBy); err != nil {
			return nil, err
		}
		r.LiftedAt = lifted.Time
		out = append(out, r)
	}
	return out, rows.Err()
}

// SubjectRequestFiles returns the evidence files of requests, by request id.
func (db *DB) SubjectRequestFiles(ctx context.Context, requestIDs []int64) (map[int64][]budaya.Evidence, error) {
	out := map[int64][]budaya.Evidence{}
	if len(requestIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(requestIDs))
	for i, id := range requestIDs {
		args[i] = id
	}
	rows, err := db.query(ctx, `SELECT f.request_id, e.id, e.blob_key, e.filename, e.content_type, e.size_bytes, e.sha256, e.scope, COALESCE(e.uploaded_by, 0), e.created_at
		FROM subject_request_files f JOIN evidence_files e ON e.id = f.evidence_id
		WHERE f.request_id IN (`+placeholders(len(args))+`) ORDER BY e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("request files: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var reqID int64
		var ev budaya.Evidence
		if err := rows.Scan(&reqID, &ev.ID, &ev.BlobKey, &ev.Filename, &ev.ContentType, &ev.Size, &ev.SHA256, &ev.Scope, &ev.UploadedBy, &ev.CreatedAt); err != nil {
			return nil, err
		}
		out[reqID] = append(out[reqID], ev)
	}
	return out, rows.Err()
}
