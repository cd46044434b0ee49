package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// CreateCommitment stores an action item for a unit, checked against the
// framework version in force (or the session's version when tied to a session).
func (db *DB) CreateCommitment(ctx context.Context, actor budaya.Actor, in budaya.CommitmentInput) (*budaya.Commitment, error) {
	var f *budaya.Framework
	var err error
	if in.SessionID != 0 {
		s, err := db.FindAlignmentSession(ctx, in.SessionID)
		if err != nil {
			return nil, err
		}
		f, err = db.FindFramework(ctx, s.FrameworkID)
		if err != nil {
			return nil, err
		}
	} else if f, err = db.ActiveFramework(ctx); err != nil {
		return nil, err
	}
	if err := in.Validate(f); err != nil {
		return nil, err
	}
	in.DueDate = dateOnly(in.DueDate)
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		u, err := findUnit(ctx, tx, `id = ?`, in.UnitID)
		if err != nil {
			return err
		}
		if u.Closed() {
			return budaya.Invalid("unit", budaya.MsgUnitClosed2, u.Name)
		}
		owner, err := findEmployee(ctx, tx, `id = ?`, in.OwnerID)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return budaya.Invalid("owner", budaya.MsgOwnerDoesNotExist)
		}
		if err != nil {
			return err
		}
		if !owner.Active {
			return budaya.Invalid("owner", budaya.MsgInactiveChooseAnotherOwner, owner.FullName())
		}
		now := db.Now()
		id, err = tx.insert(ctx, `INSERT INTO commitments (session_id, unit_id, framework_id, title, due_date, owner_employee_id, measure, status,
			created_by, created_at, updated_at) VALUES (`+placeholders(11)+`)`, nullID(in.SessionID), in.UnitID, f.ID, in.Title, in.DueDate,
			in.OwnerID, in.Measure, budaya.CommitmentPlanned, nullID(actor.UserID), now, now)
		if err != nil {
			return fmt.Errorf("insert commitment: %w", err)
		}
		for _, c := range in.Codes {
			if _, err := tx.exec(ctx, `INSERT INTO commitment_codes (commitment_id, code) VALUES (?, ?)`, id, c); err != nil {
				return fmt.Errorf("insert commitment code: %w", err)
			}
		}
		return tx.audit(ctx, actor, "create", "commitment", id, nil, map[string]any{"unit_id": in.UnitID, "session_id": in.SessionID,
			"title": in.Title, "codes": in.Codes, "due_date": in.DueDate.Format(time.DateOnly), "owner_id": in.OwnerID, "measure": in.Measure})
	})
	if err != nil {
		return nil, err
	}
	return db.FindCommitment(ctx, id)
}

// AddCommitmentNote records dated progress on a commitment, optionally moving
// it to another status, with evidence files attached.
func (db *DB) AddCommitmentNote(ctx context.Context, actor budaya.Actor, id int64, in budaya.NoteInput) error {
	in.Text = strings.TrimSpace(in.Text)
	if in.Text == "" || len([]rune(in.Text)) > 2000 {
		return budaya.Invalid("note", budaya.MsgWriteProgressNoteMostCharacters)
	}
	if in.Status != "" {
		ok := false
		for _, s := range budaya.CommitmentStatuses {
			ok = ok || s == in.Status
		}
		if !ok {
			return budaya.Invalid("status", budaya.MsgUnknownStatus, in.Status)
		}
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var from string
		err := tx.queryRow(ctx, `SELECT status FROM commitments WHERE id = ?`, id).Scan(&from)
		if errors.Is(err, sql.ErrNoRows) {
			return budaya.NotFound(budaya.MsgActionItemNotFound)
		}
		if err != nil {
			return err
		}
		to := in.Status
		if to == from {
			to = ""
		}
		now := db.Now()
		if !in.At.IsZero() {
			now = in.At.UTC()
		}
		noteID, err := tx.insert(ctx, `INSERT INTO commitment_notes (commitment_id, at, author_id, author_name, from_status, to_status, text)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, now, nullID(actor.UserID), actor.Name, from, to, in.Text)
		if err != nil {
			return fmt.Errorf("insert commitment note: %w", err)
		}
		if err := tx.linkEvidence(ctx, "commitment_evidence", "note_id", noteID, in.Evidence); err != nil {
			return err
		}
		if to != "" {
			if _, err := tx.exec(ctx, `UPDATE commitments SET status = ?, updated_at = ? WHERE id = ?`, to, now, id); err != nil {
				return err
			}
		} else if _, err := tx.exec(ctx, `UPDATE commitments SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "progress", "commitment", id, map[string]any{"status": from},
			map[string]any{"status": to, "note": in.Text, "evidence": in.Evidence})
	})
}

const commitmentColumns = `c.id, COALESCE(c.session_id, 0), c.unit_id, u.name, c.framework_id, c.title, c.due_date, c.owner_employee_id, e.name,
	c.measure, c.status, COALESCE(c.created_by, 0), c.created_at, c.updated_at, COALESCE(s.title, '')`

const commitmentFrom = ` FROM commitments c JOIN units u ON u.id = c.unit_id JOIN employees e ON e.id = c.owner_employee_id
	LEFT JOIN alignment_sessions s ON s.id = c.session_id `

func scanCommitment(row interface{ Scan(...any) error }) (*budaya.Commitment, error) {
	var c budaya.Commitment
	if err := row.Scan(&c.ID, &c.SessionID, &c.UnitID, &c.UnitName, &c.FrameworkID, &c.Title, &c.DueDate, &c.OwnerID, &c.OwnerName,
		&c.Measure, &c.Status, &c.CreatedBy, &c.CreatedAt, &c.UpdatedAt, &c.SessionTitle); err != nil {
		return nil, err
	}
	c.DueDate, c.CreatedAt, c.UpdatedAt = dateOnly(c.DueDate.UTC()), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}

// FindCommitment returns a commitment with its codes, notes and evidence.
func (db *DB) FindCommitment(ctx context.Context, id int64) (*budaya.Commitment, error) {
	c, err := scanCommitment(db.queryRow(ctx, `SELECT `+commitmentColumns+commitmentFrom+`WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgActionItemNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find commitment: %w", err)
	}
	if err := db.loadCodes(ctx, []*budaya.Commitment{c}); err != nil {
		return nil, err
	}
	// The author by their name (the employee's, else the account's display
	// name), not the username the note recorded.
	rows, err := db.query(ctx, `SELECT n.id, n.commitment_id, n.at, COALESCE(n.author_id, 0),
		COALESCE(ae.name, NULLIF(a.display_name, ''), n.author_name), n.from_status, n.to_status, n.text
		FROM commitment_notes n LEFT JOIN app_users a ON a.id = n.author_id LEFT JOIN employees ae ON ae.id = a.employee_id
		WHERE n.commitment_id = ? ORDER BY n.at, n.id`, id)
	if err != nil {
		return nil, fmt.Errorf("commitment notes: %w", err)
	}
	byID := map[int64]int{}
	for rows.Next() {
		var n budaya.CommitmentNote
		if err := rows.Scan(&n.ID, &n.CommitmentID, &n.At, &n.AuthorID, &n.AuthorName, &n.FromStatus, &n.ToStatus, &n.Text); err != nil {
			rows.Close()
			return nil, err
		}
		n.At = n.At.UTC()
		byID[n.ID] = len(c.Notes)
		c.Notes = append(c.Notes, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.query(ctx, `SELECT ce.note_id, f.id, f.blob_key, f.filename, f.content_type, f.size_bytes, f.sha256, f.scope, COALESCE(f.uploaded_by, 0), f.created_at
		FROM commitment_evidence ce JOIN commitment_notes n ON n.id = ce.note_id JOIN evidence_files f ON f.id = ce.evidence_id
		WHERE n.commitment_id = ? ORDER BY f.id`, id)
	if err != nil {
		return nil, fmt.Errorf("commitment evidence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var noteID int64
		var ev budaya.Evidence
		if err := rows.Scan(&noteID, &ev.ID, &ev.BlobKey, &ev.Filename, &ev.ContentType, &ev.Size, &ev.SHA256, &ev.Scope, &ev.UploadedBy, &ev.CreatedAt); err != nil {
			return nil, err
		}
		if i, ok := byID[noteID]; ok {
			c.Notes[i].Evidence = append(c.Notes[i].Evidence, ev)
		}
	}
	return c, rows.Err()
}

func (db *DB) loadCodes(ctx context.Context, cs []*budaya.Commitment) error {
	if len(cs) == 0 {
		return nil
	}
	byID := map[int64]*budaya.Commitment{}
	args := make([]any, len(cs))
	for i, c := range cs {
		byID[c.ID] = c
		c.Codes = []string{}
		args[i] = c.ID
	}
	rows, err := db.query(ctx, `SELECT commitment_id, code FROM commitment_codes WHERE commitment_id IN (`+placeholders(len(args))+`) ORDER BY code`, args...)
	if err != nil {
		return fmt.Errorf("commitment codes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return err
		}
		byID[id].Codes = append(byID[id].Codes, code)
	}
	return rows.Err()
}

// ListCommitments returns a page of commitments that match f, by due date,
// and how many match. today (a date) decides which are overdue.
func (db *DB) ListCommitments(ctx context.Context, f budaya.CommitmentFilter) ([]budaya.Commitment, int, error) {
	sc, args := scopeCond("u.path", f.Scope)
	where := `WHERE ` + sc
	if f.SessionID != 0 {
		where, args = where+` AND c.session_id = ?`, append(args, f.SessionID)
	}
	if f.UnitID != 0 {
		where, args = where+` AND c.unit_id = ?`, append(args, f.UnitID)
	}
	if f.Status != "" {
		where, args = where+` AND c.status = ?`, append(args, f.Status)
	}
	if f.Overdue {
		where, args = where+` AND c.status IN ('planned', 'in_progress') AND c.due_date < ?`, append(args, dateOnly(f.Today))
	}
	if len(f.Codes) > 0 {
		where += ` AND EXISTS (SELECT 1 FROM commitment_codes cc WHERE cc.commitment_id = c.id AND cc.code IN (` + placeholders(len(f.Codes)) + `))`
		for _, code := range f.Codes {
			args = append(args, code)
		}
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*)`+commitmentFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count commitments: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+commitmentColumns+commitmentFrom+where+` ORDER BY c.due_date, c.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list commitments: %w", err)
	}
	var ptrs []*budaya.Commitment
	for rows.Next() {
		c, err := scanCommitment(rows)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		ptrs = append(ptrs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if err := db.loadCodes(ctx, ptrs); err != nil {
		return nil, 0, err
	}
	out := make([]budaya.Commitment, 0, len(ptrs))
	for _, c := range ptrs {
		out = append(out, *c)
	}
	return out, total, nil
}

// Coverage returns, per unit, whether its leader was invited, attended and
// signed (in one session, or in any when f.SessionID is 0) and how its
// commitments stand. The units are those with a leader or an invitation, in
// f.Scope and of f.Level, in tree order.
func (db *DB) Coverage(ctx context.Context, f budaya.CoverageFilter, today time.Time) ([]budaya.CoverageRow, error) {
	sc, args := scopeCond("u.path", f.Scope)
	sessCond, sessArgs := "1 = 1", []any(nil)
	if f.SessionID != 0 {
		sessCond, sessArgs = "session_id = ?", []any{f.SessionID}
	}
	q := `SELECT u.id, u.code, u.name, u.level, u.path, COALESCE(e.name, '') FROM units u LEFT JOIN employees e ON e.id = u.leader_employee_id
		WHERE u.closed_at IS NULL AND ` + sc + ` AND (u.leader_employee_id IS NOT NULL OR u.id IN (SELECT unit_id FROM alignment_invitees WHERE ` + sessCond + `))`
	args = append(args, sessArgs...)
	if f.Level != "" {
		q, args = q+` AND u.level = ?`, append(args, f.Level)
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("coverage units: %w", err)
	}
	byID := map[int64]*budaya.CoverageRow{}
	var out []*budaya.CoverageRow
	for rows.Next() {
		var r budaya.CoverageRow
		if err := rows.Scan(&r.UnitID, &r.UnitCode, &r.UnitName, &r.UnitLevel, &r.UnitPath, &r.Leader); err != nil {
			rows.Close()
			return nil, err
		}
		byID[r.UnitID] = &r
		out = append(out, &r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	each := func(what, q string, args []any, fn func(*budaya.CoverageRow, *sql.Rows) error) error {
		rows, err := db.query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("coverage %s: %w", what, err)
		}
		defer rows.Close()
		for rows.Next() {
			var unitID int64
			var r budaya.CoverageRow
			if err := fn(&r, rows); err != nil {
				return err
			}
			unitID = r.UnitID
			if dst := byID[unitID]; dst != nil {
				mergeCoverage(dst, &r)
			}
		}
		return rows.Err()
	}
	if err := each("invitees", `SELECT unit_id, COUNT(*), COUNT(checked_in_at) FROM alignment_invitees WHERE `+sessCond+` GROUP BY unit_id`, sessArgs,
		func(r *budaya.CoverageRow, rows *sql.Rows) error {
			var invited, attended int
			if err := rows.Scan(&r.UnitID, &invited, &attended); err != nil {
				return err
			}
			r.Invited, r.Attended = invited > 0, attended > 0
			return nil
		}); err != nil {
		return nil, err
	}
	pc := strings.ReplaceAll(sessCond, "session_id", "p.session_id")
	if err := each("pledges", `SELECT p.unit_id, MAX(p.id) FROM pledges p WHERE `+pc+` AND NOT EXISTS (SELECT 1 FROM pledges n WHERE n.supersedes_id = p.id)
		GROUP BY p.unit_id`, sessArgs, func(r *budaya.CoverageRow, rows *sql.Rows) error {
		if err := rows.Scan(&r.UnitID, &r.PledgeID); err != nil {
			return err
		}
		r.Signed = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := each("commitments", `SELECT unit_id, status, COUNT(*), SUM(CASE WHEN status IN ('planned', 'in_progress') AND due_date < ? THEN 1 ELSE 0 END)
		FROM commitments WHERE `+sessCond+` GROUP BY unit_id, status`, append([]any{dateOnly(today)}, sessArgs...),
		func(r *budaya.CoverageRow, rows *sql.Rows) error {
			var status string
			var n int
			if err := rows.Scan(&r.UnitID, &status, &n, &r.Overdue); err != nil {
				return err
			}
			switch status {
			case budaya.CommitmentPlanned:
				r.Planned = n
			case budaya.CommitmentInProgress:
				r.InProgress = n
			case budaya.CommitmentDone:
				r.Done = n
			case budaya.CommitmentDropped:
				r.Dropped = n
			}
			return nil
		}); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UnitPath < out[j].UnitPath })
	res := make([]budaya.CoverageRow, len(out))
	for i, r := range out {
		res[i] = *r
	}
	return res, nil
}

func mergeCoverage(dst, src *budaya.CoverageRow) {
	dst.Invited = dst.Invited || src.Invited
	dst.Attended = dst.Attended || src.Attended
	if src.Signed {
		dst.Signed, dst.PledgeID = true, src.PledgeID
	}
	dst.Planned += src.Planned
	dst.InProgress += src.InProgress
	dst.Done += src.Done
	dst.Dropped += src.Dropped
	dst.Overdue += src.Overdue
}
