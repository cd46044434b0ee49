package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// employeeColumnsOf lists the columns scanEmployee reads, qualified with a table alias such as "e." (or "").
func employeeColumnsOf(a string) string {
	return a + `id, COALESCE(` + a + `nip, ''), COALESCE(` + a + `other_id, ''), ` + a + `name, ` + a + `front_title, ` + a + `back_title, ` +
		a + `position, ` + a + `position_kind, ` + a + `rank, ` + a + `status, ` + a + `unit_id, COALESCE(` + a + `supervisor_id, 0), ` +
		a + `email, ` + a + `active, ` + a + `created_at, ` + a + `updated_at`
}

var employeeColumns = employeeColumnsOf("")

func scanEmployee(row interface{ Scan(...any) error }) (*budaya.Employee, error) {
	var e budaya.Employee
	if err := row.Scan(&e.ID, &e.NIP, &e.OtherID, &e.Name, &e.FrontTitle, &e.BackTitle, &e.Position, &e.PositionKind, &e.Rank, &e.Status,
		&e.UnitID, &e.SupervisorID, &e.Email, &e.Active, &e.CreatedAt, &e.UpdatedAt); err != nil {
		return nil, err
	}
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return &e, nil
}

func findEmployee(ctx context.Context, q rowQuerier, cond string, args ...any) (*budaya.Employee, error) {
	e, err := scanEmployee(q.queryRow(ctx, `SELECT `+employeeColumns+` FROM employees WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgEmployeeNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find employee: %w", err)
	}
	return e, nil
}

// FindEmployee returns the employee with id.
func (db *DB) FindEmployee(ctx context.Context, id int64) (*budaya.Employee, error) {
	return findEmployee(ctx, db, `id = ?`, id)
}

// FindEmployeeByIdentifier returns the employee whose NIP (normalised) or other identifier is s.
func (db *DB) FindEmployeeByIdentifier(ctx context.Context, s string) (*budaya.Employee, error) {
	s = strings.TrimSpace(s)
	return findEmployee(ctx, db, `nip = ? OR other_id = ?`, budaya.NormalizeNIP(s), s)
}

func employeeAudit(e *budaya.Employee) map[string]any {
	return map[string]any{"nip": e.NIP, "other_id": e.OtherID, "name": e.FullName(), "position": e.Position, "position_kind": e.PositionKind,
		"rank": e.Rank, "status": e.Status, "unit_id": e.UnitID, "supervisor_id": e.SupervisorID, "email": e.Email, "active": e.Active}
}

// CreateEmployee validates and stores a new, active employee.
func (db *DB) CreateEmployee(ctx context.Context, actor budaya.Actor, e budaya.Employee) (*budaya.Employee, error) {
	e.ID, e.Active = 0, true
	err := db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkEmployee(ctx, &e, nil); err != nil {
			return err
		}
		now := db.Now()
		id, err := tx.insert(ctx, `INSERT INTO employees (nip, other_id, name, front_title, back_title, position, position_kind, rank, status,
			unit_id, supervisor_id, email, active, created_at, updated_at) VALUES (`+placeholders(15)+`)`, employeeArgs(&e, now)...)
		if err != nil {
			return fmt.Errorf("insert employee: %w", err)
		}
		e.ID = id
		return tx.audit(ctx, actor, "create", "employee", id, nil, employeeAudit(&e))
	})
	if err != nil {
		return nil, err
	}
	return db.FindEmployee(ctx, e.ID)
}

func employeeArgs(e *budaya.Employee, now any) []any {
	return []any{nullString(e.NIP), nullString(e.OtherID), e.Name, e.FrontTitle, e.BackTitle, e.Position, e.PositionKind, e.Rank, e.Status,
		e.UnitID, nullID(e.SupervisorID), e.Email, e.Active, now, now}
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// checkEmployee normalises e and checks it against the database: the unit
// exists and is open (unless unchanged), the identifiers are free, the
// supervisor exists and the supervisor chain does not come back to e.
func (tx *Tx) checkEmployee(ctx context.Context, e *budaya.Employee, old *budaya.Employee) error {
	if err := budaya.NormalizeEmployee(e); err != nil {
		return err
	}
	if old == nil || old.UnitID != e.UnitID {
		u, err := findUnit(ctx, tx, `id = ?`, e.UnitID)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return budaya.Invalid("unit", budaya.MsgUnitIDDoesNotExist, e.UnitID)
		}
		if err != nil {
			return err
		}
		if u.Closed() {
			return budaya.Invalid("unit", budaya.MsgUnitClosedChooseOpen, u.Code, u.Name)
		}
	}
	if e.NIP != "" && (old == nil || old.NIP != e.NIP) {
		if other, err := findEmployee(ctx, tx, `nip = ?`, e.NIP); err == nil {
			return budaya.Invalid("nip", budaya.MsgNIPAlreadyUsed, e.NIP, other.FullName())
		} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
			return err
		}
	}
	if e.OtherID != "" && (old == nil || old.OtherID != e.OtherID) {
		if other, err := findEmployee(ctx, tx, `other_id = ?`, e.OtherID); err == nil {
			return budaya.Invalid("other_id", budaya.MsgIdentifierAlreadyUsed, e.OtherID, other.FullName())
		} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
			return err
		}
	}
	if e.SupervisorID != 0 && (old == nil || old.SupervisorID != e.SupervisorID) {
		return tx.checkSupervisor(ctx, e.ID, e.SupervisorID)
	}
	return nil
}

// checkSupervisor refuses a supervisor who does not exist or whose own chain
// of supervisors leads back to employeeID.
func (tx *Tx) checkSupervisor(ctx context.Context, employeeID, supervisorID int64) error {
	seen := map[int64]bool{}
	cur := supervisorID
	for cur != 0 {
		if employeeID != 0 && cur == employeeID {
			return budaya.Invalid("supervisor", budaya.MsgSupervisorWouldMakeLoop)
		}
		if seen[cur] {
			return nil // an older loop that this change does not touch
		}
		seen[cur] = true
		var next sql.NullInt64
		err := tx.queryRow(ctx, `SELECT supervisor_id FROM employees WHERE id = ?`, cur).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			if cur == supervisorID {
				return budaya.Invalid("supervisor", budaya.MsgSupervisorEmployeeIDDoesNotExist, supervisorID)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("check supervisor: %w", err)
		}
		cur = next.Int64
	}
	return nil
}

// UpdateEmployee replaces the fields of an employee with those of e.
func (db *DB) UpdateEmployee(ctx context.Context, actor budaya.Actor, id int64, e budaya.Employee) (*budaya.Employee, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		old, err := findEmployee(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		e.ID = id
		if err := tx.checkEmployee(ctx, &e, old); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE employees SET nip = ?, other_id = ?, name = ?, front_title = ?, back_title = ?, position = ?, position_kind = ?,
			rank = ?, status = ?, unit_id = ?, supervisor_id = ?, email = ?, active = ?, updated_at = ? WHERE id = ?`,
			nullString(e.NIP), nullString(e.OtherID), e.Name, e.FrontTitle, e.BackTitle, e.Position, e.PositionKind, e.Rank, e.Status,
			e.UnitID, nullID(e.SupervisorID), e.Email, e.Active, db.Now(), id)
		if isUniqueViolation(err) {
			return budaya.Invalid("nip", budaya.MsgNIPIdentifierAlreadyUsed)
		}
		if err != nil {
			return fmt.Errorf("update employee %d: %w", id, err)
		}
		return tx.audit(ctx, actor, "update", "employee", id, employeeAudit(old), employeeAudit(&e))
	})
	if err != nil {
		return nil, err
	}
	return db.FindEmployee(ctx, id)
}

// ListEmployees returns a page of employees that match f, ordered by name, and how many match.
func (db *DB) ListEmployees(ctx context.Context, f budaya.EmployeeFilter) ([]budaya.Employee, int, error) {
	where, args, err := db.employeeWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	cond := whereClause(where)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM employees`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count employees: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	// The page's ids come from the index (unit_id, active, name, id) alone; only
	// those rows are then read, instead of sorting whole rows of a large subtree.
	rows, err := db.query(ctx, `SELECT `+employeeColumns+` FROM employees WHERE id IN (SELECT id FROM employees`+cond+
		` ORDER BY name, id LIMIT ? OFFSET ?) ORDER BY name, id`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list employees: %w", err)
	}
	out, err := scanAll(rows, scanEmployee)
	return out, total, err
}

func (db *DB) employeeWhere(ctx context.Context, f budaya.EmployeeFilter) ([]string, []any, error) {
	var where []string
	var args []any
	if !f.IncludeInactive {
		where, args = append(where, "active = ?"), append(args, true)
	}
	if f.UnitID != 0 {
		if f.Subtree {
			u, err := db.FindUnit(ctx, f.UnitID)
			if err != nil {
				return nil, nil, err
			}
			where, args = append(where, "unit_id IN (SELECT id FROM units WHERE path LIKE ?)"), append(args, u.Path+"%")
		} else {
			where, args = append(where, "unit_id = ?"), append(args, f.UnitID)
		}
	}
	if f.Scope != nil && !f.Scope.All {
		cond, a := scopeCond("path", *f.Scope)
		where, args = append(where, "unit_id IN (SELECT id FROM units WHERE "+cond+")"), append(args, a...)
	}
	if f.SupervisorID != 0 {
		where, args = append(where, "supervisor_id = ?"), append(args, f.SupervisorID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if n := budaya.NormalizeNIP(q); n != "" && strings.Trim(n, "0123456789") == "" {
			// Digits: a NIP, searched from its start so the unique index helps.
			where, args = append(where, `(nip LIKE ? OR other_id = ?)`), append(args, likeEscape(n)+"%", q)
		} else {
			pat := "%" + likeEscape(strings.ToLower(q)) + "%"
			where, args = append(where, `(LOWER(name) LIKE ? ESCAPE '\' OR LOWER(other_id) LIKE ? ESCAPE '\')`), append(args, pat, pat)
		}
	}
	return where, args, nil
}

// FindEmployees returns the employees with the given ids, by id.
func (db *DB) FindEmployees(ctx context.Context, ids []int64) (map[int64]*budaya.Employee, error) {
	out := map[int64]*budaya.Employee{}
	for len(ids) > 0 {
		chunk := ids
		if len(chunk) > 500 {
			chunk = chunk[:500]
		}
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.query(ctx, `SELECT `+employeeColumns+` FROM employees WHERE id IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("find employees: %w", err)
		}
		for rows.Next() {
			e, err := scanEmployee(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[e.ID] = e
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// UnitRoleHolders returns the employees whose user account holds role for the unit (e.g. its agen perubahan).
func (db *DB) UnitRoleHolders(ctx context.Context, unitID int64, role budaya.Role) ([]budaya.Employee, error) {
	rows, err := db.query(ctx, `SELECT `+employeeColumnsOf("e.")+` FROM employees e
		JOIN app_users a ON a.employee_id = e.id JOIN user_roles r ON r.user_id = a.id
		WHERE r.role = ? AND r.unit_id = ? ORDER BY e.name, e.id`, string(role), unitID)
	if err != nil {
		return nil, fmt.Errorf("unit role holders: %w", err)
	}
	return scanAll(rows, scanEmployee)
}
