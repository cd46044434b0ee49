package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// rowQuerier is what both *DB (read pool) and *Tx offer for single-row reads,
// so that lookups are written once and used inside and outside transactions.
type rowQuerier interface {
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
}

const unitColumns = `id, code, name, level, COALESCE(parent_id, 0), path, depth, COALESCE(leader_employee_id, 0), closed_at, created_at, updated_at`

func scanUnit(row interface{ Scan(...any) error }) (*budaya.Unit, error) {
	var u budaya.Unit
	var closed sql.NullTime
	if err := row.Scan(&u.ID, &u.Code, &u.Name, &u.Level, &u.ParentID, &u.Path, &u.Depth, &u.LeaderEmployeeID, &closed, &u.CreatedAt, &u.UpdatedAt); err != nil {
		return nil, err
	}
	if closed.Valid {
		u.ClosedAt = closed.Time.UTC()
	}
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return &u, nil
}

func findUnit(ctx context.Context, q rowQuerier, cond string, arg any) (*budaya.Unit, error) {
	u, err := scanUnit(q.queryRow(ctx, `SELECT `+unitColumns+` FROM units WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgUnitNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find unit: %w", err)
	}
	return u, nil
}

// FindUnit returns the unit with id.
func (db *DB) FindUnit(ctx context.Context, id int64) (*budaya.Unit, error) {
	return findUnit(ctx, db, `id = ?`, id)
}

// FindUnitByCode returns the unit with code (case-insensitive: codes are stored upper-case).
func (db *DB) FindUnitByCode(ctx context.Context, code string) (*budaya.Unit, error) {
	return findUnit(ctx, db, `code = ?`, strings.ToUpper(strings.TrimSpace(code)))
}

// CreateUnit validates and stores a new unit under u.ParentID (0 for a root).
func (db *DB) CreateUnit(ctx context.Context, actor budaya.Actor, u budaya.Unit) (*budaya.Unit, error) {
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if id, err = tx.createUnit(ctx, &u); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "unit", id, nil, unitAudit(&u))
	})
	if err != nil {
		return nil, err
	}
	return db.FindUnit(ctx, id)
}

func unitAudit(u *budaya.Unit) map[string]any {
	return map[string]any{"code": u.Code, "name": u.Name, "level": u.Level, "parent_id": u.ParentID, "leader_employee_id": u.LeaderEmployeeID}
}

// createUnit inserts u and fills in its id, path and depth.
func (tx *Tx) createUnit(ctx context.Context, u *budaya.Unit) (int64, error) {
	if err := budaya.NormalizeUnit(u); err != nil {
		return 0, err
	}
	parentPath, depth := "/", 0
	if u.ParentID != 0 {
		p, err := tx.parentFor(ctx, u.ParentID, u.Level)
		if err != nil {
			return 0, err
		}
		parentPath, depth = p.Path, p.Depth+1
	}
	if u.LeaderEmployeeID != 0 {
		if err := tx.checkLeader(ctx, u.LeaderEmployeeID); err != nil {
			return 0, err
		}
	}
	now := tx.db.Now()
	id, err := tx.insert(ctx, `INSERT INTO units (code, name, level, parent_id, path, depth, leader_employee_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.Code, u.Name, u.Level, nullID(u.ParentID), parentPath, depth, nullID(u.LeaderEmployeeID), now, now)
	if isUniqueViolation(err) {
		return 0, errUnitCodeTaken(u.Code)
	}
	if err != nil {
		return 0, fmt.Errorf("insert unit %s: %w", u.Code, err)
	}
	u.ID, u.Path, u.Depth, u.CreatedAt, u.UpdatedAt = id, parentPath+strconv.FormatInt(id, 10)+"/", depth, now, now
	if _, err := tx.exec(ctx, `UPDATE units SET path = ? WHERE id = ?`, u.Path, id); err != nil {
		return 0, fmt.Errorf("set unit path: %w", err)
	}
	return id, nil
}

func errUnitCodeTaken(code string) error {
	return budaya.Invalid("code", budaya.MsgUnitCodeAlreadyUsed, code)
}

// parentFor returns the unit that is to hold a child of level, refusing a
// closed parent and a level that does not fit below it.
func (tx *Tx) parentFor(ctx context.Context, parentID int64, level string) (*budaya.Unit, error) {
	p, err := findUnit(ctx, tx, `id = ?`, parentID)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return nil, budaya.Invalid("parent", budaya.MsgParentUnitIDDoesNotExist, parentID)
	}
	if err != nil {
		return nil, err
	}
	if p.Closed() {
		return nil, budaya.Invalid("parent", budaya.MsgParentUnitClosedChoose, p.Code, p.Name)
	}
	if !budaya.LevelFitsUnder(level, p.Level) {
		return nil, budaya.Invalid("level", budaya.MsgUnitLevelCannotSit, level, p.Level, p.Code, p.Name)
	}
	return p, nil
}

func (tx *Tx) checkLeader(ctx context.Context, employeeID int64) error {
	var active bool
	err := tx.queryRow(ctx, `SELECT active FROM employees WHERE id = ?`, employeeID).Scan(&active)
	if errors.Is(err, sql.ErrNoRows) {
		return budaya.Invalid("leader", budaya.MsgUnitLeaderEmployeeID, employeeID)
	}
	if err != nil {
		return fmt.Errorf("check leader: %w", err)
	}
	if !active {
		return budaya.Invalid("leader", budaya.MsgInactiveEmployeeCannotLead)
	}
	return nil
}

// UnitUpdate is what UpdateUnit changes: code, name, level and leader
// (0 removes the leader). Moving and closing have their own methods.
type UnitUpdate struct {
	Code             string
	Name             string
	Level            string
	LeaderEmployeeID int64
}

// UpdateUnit renames a unit, changes its level or sets its leader.
func (db *DB) UpdateUnit(ctx context.Context, actor budaya.Actor, id int64, in UnitUpdate) (*budaya.Unit, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		old, err := findUnit(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		u := *old
		u.Code, u.Name, u.Level, u.LeaderEmployeeID = in.Code, in.Name, in.Level, in.LeaderEmployeeID
		if err := budaya.NormalizeUnit(&u); err != nil {
			return err
		}
		if u.Level != old.Level {
			if err := tx.checkLevelChange(ctx, &u); err != nil {
				return err
			}
		}
		if u.LeaderEmployeeID != 0 && u.LeaderEmployeeID != old.LeaderEmployeeID {
			if err := tx.checkLeader(ctx, u.LeaderEmployeeID); err != nil {
				return err
			}
		}
		_, err = tx.exec(ctx, `UPDATE units SET code = ?, name = ?, level = ?, leader_employee_id = ?, updated_at = ? WHERE id = ?`,
			u.Code, u.Name, u.Level, nullID(u.LeaderEmployeeID), db.Now(), id)
		if isUniqueViolation(err) {
			return errUnitCodeTaken(u.Code)
		}
		if err != nil {
			return fmt.Errorf("update unit %d: %w", id, err)
		}
		return tx.audit(ctx, actor, "update", "unit", id, unitAudit(old), unitAudit(&u))
	})
	if err != nil {
		return nil, err
	}
	return db.FindUnit(ctx, id)
}

// checkLevelChange refuses a level that no longer fits below the parent or above the children.
func (tx *Tx) checkLevelChange(ctx context.Context, u *budaya.Unit) error {
	if u.ParentID != 0 {
		p, err := findUnit(ctx, tx, `id = ?`, u.ParentID)
		if err != nil {
			return err
		}
		if !budaya.LevelFitsUnder(u.Level, p.Level) {
			return budaya.Invalid("level", budaya.MsgUnitLevelCannotSit, u.Level, p.Level, p.Code, p.Name)
		}
	}
	rows, err := tx.query(ctx, `SELECT code, name, level FROM units WHERE parent_id = ? AND closed_at IS NULL ORDER BY code`, u.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var code, name, level string
		if err := rows.Scan(&code, &name, &level); err != nil {
			return err
		}
		if !budaya.LevelFitsUnder(level, u.Level) {
			return budaya.Invalid("level", budaya.MsgLevelDoesNotFit, u.Level, code, name, level)
		}
	}
	return rows.Err()
}

// MoveUnit puts a unit and everything below it under parentID (0 makes it a
// root). The paths of the whole subtree are rewritten in one transaction; a
// move below the unit itself is refused.
func (db *DB) MoveUnit(ctx context.Context, actor budaya.Actor, id, parentID int64) (*budaya.Unit, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		u, err := findUnit(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if u.Closed() {
			return budaya.Invalid("unit", budaya.MsgUnitClosedCannotBeMoved, u.Code, u.Name)
		}
		if parentID == u.ParentID {
			return nil
		}
		newPath, newDepth := "/"+strconv.FormatInt(id, 10)+"/", 0
		if parentID != 0 {
			p, err := tx.parentFor(ctx, parentID, u.Level)
			if err != nil {
				return err
			}
			if strings.HasPrefix(p.Path, u.Path) {
				return budaya.Invalid("parent", budaya.MsgUnitCannotBeMoved, u.Code, u.Name, p.Code, p.Name)
			}
			newPath, newDepth = p.Path+strconv.FormatInt(id, 10)+"/", p.Depth+1
		}
		now := db.Now()
		// Every unit of the subtree keeps the part of its path below u and gets u's new prefix.
		if _, err := tx.exec(ctx, `UPDATE units SET path = CAST(? AS TEXT) || SUBSTR(path, ?), depth = depth + ?, updated_at = ? WHERE path LIKE ?`,
			newPath, len(u.Path)+1, newDepth-u.Depth, now, u.Path+"%"); err != nil {
			return fmt.Errorf("move unit %d: rewrite paths: %w", id, err)
		}
		if _, err := tx.exec(ctx, `UPDATE units SET parent_id = ? WHERE id = ?`, nullID(parentID), id); err != nil {
			return fmt.Errorf("move unit %d: %w", id, err)
		}
		return tx.audit(ctx, actor, "move", "unit", id, map[string]any{"parent_id": u.ParentID, "path": u.Path},
			map[string]any{"parent_id": parentID, "path": newPath})
	})
	if err != nil {
		return nil, err
	}
	return db.FindUnit(ctx, id)
}

// CloseUnit closes a unit and the open units below it. It is refused while
// active employees remain anywhere in the subtree; the message names the
// units that still hold them.
func (db *DB) CloseUnit(ctx context.Context, actor budaya.Actor, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		u, err := findUnit(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if u.Closed() {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgUnitClosed, u.Code, u.Name)
		}
		rows, err := tx.query(ctx, `SELECT u.code, u.name, COUNT(*) FROM employees e JOIN units u ON u.id = e.unit_id
			WHERE u.path LIKE ? AND e.active = ? GROUP BY u.id, u.code, u.name ORDER BY COUNT(*) DESC, u.code`, u.Path+"%", true)
		if err != nil {
			return fmt.Errorf("close unit %d: count staff: %w", id, err)
		}
		var where []string
		total := 0
		for rows.Next() {
			var code, name string
			var n int
			if err := rows.Scan(&code, &name, &n); err != nil {
				rows.Close()
				return err
			}
			total += n
			if len(where) < 5 {
				where = append(where, fmt.Sprintf("%s %s (%d)", code, name, n))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if total > 0 {
			list := strings.Join(where, "; ")
			if len(where) < 5 {
				list += "."
			} else {
				list += "; …"
			}
			return budaya.Errorf(budaya.ECONFLICT,
				budaya.MsgUnitCannotBeClosed,
				u.Code, u.Name, total, list)
		}
		now := db.Now()
		res, err := tx.exec(ctx, `UPDATE units SET closed_at = ?, updated_at = ? WHERE path LIKE ? AND closed_at IS NULL`, now, now, u.Path+"%")
		if err != nil {
			return fmt.Errorf("close unit %d: %w", id, err)
		}
		n, _ := res.RowsAffected()
		return tx.audit(ctx, actor, "close", "unit", id, nil, map[string]any{"code": u.Code, "units_closed": n})
	})
}

// ReopenUnit opens a closed unit again; its parent must be open.
func (db *DB) ReopenUnit(ctx context.Context, actor budaya.Actor, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		u, err := findUnit(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if !u.Closed() {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgUnitNotClosed, u.Code, u.Name)
		}
		if u.ParentID != 0 {
			if _, err := tx.parentFor(ctx, u.ParentID, u.Level); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `UPDATE units SET closed_at = NULL, updated_at = ? WHERE id = ?`, db.Now(), id); err != nil {
			return fmt.Errorf("reopen unit %d: %w", id, err)
		}
		return tx.audit(ctx, actor, "reopen", "unit", id, nil, map[string]any{"code": u.Code})
	})
}

// ListUnits returns the units that match f, ordered by code, and how many match.
func (db *DB) ListUnits(ctx context.Context, f budaya.UnitFilter) ([]budaya.Unit, int, error) {
	var where []string
	var args []any
	if !f.IncludeClosed {
		where = append(where, "closed_at IS NULL")
	}
	if f.Roots {
		where = append(where, "parent_id IS NULL")
	}
	if f.ParentID != 0 {
		where, args = append(where, "parent_id = ?"), append(args, f.ParentID)
	}
	if f.UnderID != 0 {
		top, err := db.FindUnit(ctx, f.UnderID)
		if err != nil {
			return nil, 0, err
		}
		where, args = append(where, "path LIKE ?"), append(args, top.Path+"%")
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		pat := "%" + likeEscape(strings.ToLower(q)) + "%"
		where, args = append(where, `(LOWER(name) LIKE ? ESCAPE '\' OR LOWER(code) LIKE ? ESCAPE '\')`), append(args, pat, pat)
	}
	cond := whereClause(where)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM units`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count units: %w", err)
	}
	q := `SELECT ` + unitColumns + ` FROM units` + cond + ` ORDER BY code`
	if f.PerPage > 0 {
		limit, offset := pageBounds(f.Page, f.PerPage)
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, offset)
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list units: %w", err)
	}
	out, err := scanAll(rows, scanUnit)
	return out, total, err
}

// UnitAncestors returns the units above u, from the root down.
func (db *DB) UnitAncestors(ctx context.Context, u *budaya.Unit) ([]budaya.Unit, error) {
	var ids []any
	for _, s := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		id, err := strconv.ParseInt(s, 10, 64)
		if err == nil && id != u.ID {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT `+unitColumns+` FROM units WHERE id IN (`+placeholders(len(ids))+`) ORDER BY depth`, ids...)
	if err != nil {
		return nil, fmt.Errorf("unit ancestors: %w", err)
	}
	return scanAll(rows, scanUnit)
}

// StaffCounts returns the number of active employees per unit (only units
// that have any), in the subtree of under, or everywhere when under is nil.
func (db *DB) StaffCounts(ctx context.Context, under *budaya.Unit) (map[int64]int, error) {
	q, args := `SELECT unit_id, COUNT(*) FROM employees WHERE active = ?`, []any{true}
	if under != nil {
		q, args = q+` AND unit_id IN (SELECT id FROM units WHERE path LIKE ?)`, append(args, under.Path+"%")
	}
	rows, err := db.query(ctx, q+` GROUP BY unit_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("staff counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// UnitStaffCount returns how many active employees work in the unit itself and in its whole subtree.
func (db *DB) UnitStaffCount(ctx context.Context, u *budaya.Unit) (direct, subtree int, err error) {
	err = db.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN unit_id = ? THEN 1 ELSE 0 END), 0)
		FROM employees WHERE active = ? AND unit_id IN (SELECT id FROM units WHERE path LIKE ?)`, u.ID, true, u.Path+"%").Scan(&subtree, &direct)
	if err != nil {
		return 0, 0, fmt.Errorf("unit staff count: %w", err)
	}
	return direct, subtree, nil
}

// likeEscape escapes the LIKE wildcards in s (the ESCAPE character is a backslash).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// FindUnits returns the units with the given ids, by id.
func (db *DB) FindUnits(ctx context.Context, ids []int64) (map[int64]*budaya.Unit, error) {
	out := map[int64]*budaya.Unit{}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.query(ctx, `SELECT `+unitColumns+` FROM units WHERE id IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("find units: %w", err)
		}
		for rows.Next() {
			u, err := scanUnit(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[u.ID] = u
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
