package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// audit appends an entry to the audit log inside tx, so that the entry and the
// change it records commit or fail together. old and new are marshalled to JSON.
func (tx *Tx) audit(ctx context.Context, actor budaya.Actor, action, entity string, entityID any, old, new any) error {
	oldJSON, err := auditJSON(old)
	if err != nil {
		return err
	}
	newJSON, err := auditJSON(new)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, old_value, new_value, remote_addr)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tx.db.Now(), nullID(actor.UserID), actor.Name, action, entity, fmt.Sprint(entityID), oldJSON, newJSON, actor.RemoteAddr)
	if err != nil {
		return fmt.Errorf("append audit %s %s: %w", action, entity, err)
	}
	return nil
}

func auditJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit value: %w", err)
	}
	return string(b), nil
}

// Audit appends an entry that records an event with no other change (a sign-in, an export, a view).
func (db *DB) Audit(ctx context.Context, actor budaya.Actor, action, entity string, entityID any, detail any) error {
	return db.inTx(ctx, func(tx *Tx) error {
		return tx.audit(ctx, actor, action, entity, entityID, nil, detail)
	})
}

// EachAudit calls fn for every audit entry matching f (paging ignored), oldest
// first, streaming from the database without holding them all.
func (db *DB) EachAudit(ctx context.Context, f budaya.AuditFilter, fn func(budaya.AuditEntry) error) error {
	cond, args := auditWhere(f)
	rows, err := db.query(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor_name, action, entity, entity_id, old_value, new_value, remote_addr
		FROM audit_log`+cond+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("export audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e budaya.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.Entity, &e.EntityID, &e.OldValue, &e.NewValue, &e.RemoteAddr); err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

func auditWhere(f budaya.AuditFilter) (string, []any) {
	var where []string
	var args []any
	if f.Entity != "" {
		where, args = append(where, "entity = ?"), append(args, f.Entity)
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if f.ActorID != 0 {
		where, args = append(where, "actor_id = ?"), append(args, f.ActorID)
	}
	if f.Query != "" {
		q := "%" + strings.ToLower(f.Query) + "%"
		where, args = append(where, "(LOWER(actor_name) LIKE ? OR LOWER(entity_id) LIKE ? OR LOWER(new_value) LIKE ?)"), append(args, q, q, q)
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, f.To.UTC())
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// ListAudit returns a page of audit entries, newest first, and the total that match.
func (db *DB) ListAudit(ctx context.Context, f budaya.AuditFilter) ([]budaya.AuditEntry, int, error) {
	cond, args := auditWhere(f)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM audit_log`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT id, at, COALESCE(actor_id, 0), actor_name, action, entity, entity_id, old_value, new_value, remote_addr
		FROM audit_log`+cond+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	var out []budaya.AuditEntry
	for rows.Next() {
		var e budaya.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.Entity, &e.EntityID, &e.OldValue, &e.NewValue, &e.RemoteAddr); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// pageBounds turns a 1-based page and a page size into LIMIT and OFFSET.
func pageBounds(page, perPage int) (limit, offset int) {
	if perPage <= 0 || perPage > 500 {
		perPage = 50
	}
	if page < 1 {
		page = 1
	}
	return perPage, (page - 1) * perPage
}
