package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/budaya-id/budaya/internal/budaya"
)

// CreateEvidence records an uploaded file whose blob is already stored.
func (db *DB) CreateEvidence(ctx context.Context, actor budaya.Actor, ev *budaya.Evidence) error {
	if ev.Scope == "" {
		ev.Scope = budaya.EvidenceInternal
	}
	ev.CreatedAt = db.Now()
	ev.UploadedBy = actor.UserID
	return db.inTx(ctx, func(tx *Tx) error {
		var err error
		ev.ID, err = tx.insert(ctx, `INSERT INTO evidence_files (blob_key, filename, content_type, size_bytes, sha256, scope, uploaded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, ev.BlobKey, ev.Filename, ev.ContentType, ev.Size, ev.SHA256, ev.Scope, nullID(actor.UserID), ev.CreatedAt)
		if err != nil {
			return fmt.Errorf("insert evidence: %w", err)
		}
		return tx.audit(ctx, actor, "upload", "evidence", ev.ID, nil, map[string]any{
			"filename": ev.Filename, "content_type": ev.ContentType, "size": ev.Size, "sha256": ev.SHA256, "scope": ev.Scope})
	})
}

// FindEvidence returns the evidence file with id.
func (db *DB) FindEvidence(ctx context.Context, id int64) (*budaya.Evidence, error) {
	var ev budaya.Evidence
	var by sql.NullInt64
	err := db.queryRow(ctx, `SELECT id, blob_key, filename, content_type, size_bytes, sha256, scope, uploaded_by, created_at
		FROM evidence_files WHERE id = ?`, id).
		Scan(&ev.ID, &ev.BlobKey, &ev.Filename, &ev.ContentType, &ev.Size, &ev.SHA256, &ev.Scope, &by, &ev.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgEvidenceFileNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find evidence %d: %w", id, err)
	}
	ev.UploadedBy = by.Int64
	return &ev, nil
}

// EvidenceOwners returns the records the internal evidence file id is attached
// to (normally one): commitment progress notes, change-agent actions and
// monthly reports, and checklist reports. A file attached to none has no owners and no error.
func (db *DB) EvidenceOwners(ctx context.Context, id int64) ([]budaya.EvidenceOwner, error) {
	rows, err := db.query(ctx, `SELECT 'commitment', c.id, c.unit_id, 0 FROM commitment_evidence x
			JOIN commitment_notes n ON n.id = x.note_id JOIN commitments c ON c.id = n.commitment_id WHERE x.evidence_id = ?
		UNION ALL SELECT 'agent_action', g.id, g.unit_id, g.user_id FROM agent_action_evidence x
			JOIN agent_actions a ON a.id = x.action_id JOIN change_agents g ON g.id = a.agent_id WHERE x.evidence_id = ?
		UNION ALL SELECT 'agent_report', g.id, g.unit_id, g.user_id FROM agent_report_evidence x
			JOIN agent_reports a ON a.id = x.report_id JOIN change_agents g ON g.id = a.agent_id WHERE x.evidence_id = ?
		UNION ALL SELECT 'checklist_report', r.id, r.unit_id, 0 FROM checklist_report_evidence x
			JOIN checklist_reports r ON r.id = x.report_id WHERE x.evidence_id = ?`, id, id, id, id)
	if err != nil {
		return nil, fmt.Errorf("owners of evidence %d: %w", id, err)
	}
	defer rows.Close()
	out := []budaya.EvidenceOwner{}
	for rows.Next() {
		var o budaya.EvidenceOwner
		if err := rows.Scan(&o.Kind, &o.ID, &o.UnitID, &o.UserID); err != nil {
			return nil, fmt.Errorf("owners of evidence %d: %w", id, err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// linkEvidence links the evidence files evidenceIDs to row id through table,
// whose column names that row. table and column are constants of the calling
// code, never input: they are written into the SQL.
func (tx *Tx) linkEvidence(ctx context.Context, table, column string, id int64, evidenceIDs []int64) error {
	for _, ev := range evidenceIDs {
		if _, err := tx.exec(ctx, `INSERT INTO `+table+` (`+column+`, evidence_id) VALUES (?, ?)`, id, ev); err != nil {
			return fmt.Errorf("link evidence %d: %w", ev, err)
		}
	}
	return nil
}
