package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// OrgWriter writes many units, employees and their accounts in one
// transaction, for the demo and for imports: row-by-row transactions would
// take minutes for an instansi of 100,000. Every row is validated as by the
// single-row methods; the whole batch gets one audit entry.
type OrgWriter struct {
	tx                     *Tx
	ctx                    context.Context
	units, employees       int
	users, leaders, supers int
}

// WriteOrg runs fn with an OrgWriter inside one transaction: all of it is
// stored, or nothing when fn (or any write) fails.
func (db *DB) WriteOrg(ctx context.Context, actor budaya.Actor, fn func(w *OrgWriter) error) error {
	err := db.inTx(ctx, func(tx *Tx) error {
		w := &OrgWriter{tx: tx, ctx: ctx}
		if err := fn(w); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "bulk_write", "organisation", "", nil, map[string]int{
			"units": w.units, "employees": w.employees, "users": w.users, "leaders": w.leaders, "supervisors": w.supers})
	})
	if err != nil {
		return err
	}
	// Thousands of new rows change which index is best; tell the planner.
	return db.Analyze(ctx)
}

// CreateUnit stores u (as CreateUnit does) and returns it with its id and path.
func (w *OrgWriter) CreateUnit(u budaya.Unit) (*budaya.Unit, error) {
	if _, err := w.tx.createUnit(w.ctx, &u); err != nil {
		return nil, err
	}
	w.units++
	return &u, nil
}

// employeeInsertChunk keeps a multi-row INSERT under SQLite's and
// PostgreSQL's limits on bound parameters (15 per row).
const employeeInsertChunk = 400

// CreateEmployees validates and stores es (all active) with multi-row
// inserts and returns their ids in the order of es. Units and supervisors
// must exist already; NIPs and identifiers must be new.
func (w *OrgWriter) CreateEmployees(es []budaya.Employee) ([]int64, error) {
	ctx := w.ctx
	ids := make([]int64, 0, len(es))
	for len(es) > 0 {
		chunk := es
		if len(chunk) > employeeInsertChunk {
			chunk = chunk[:employeeInsertChunk]
		}
		es = es[len(chunk):]
		args := make([]any, 0, len(chunk)*15)
		now := w.tx.db.Now()
		byKey := make(map[string]int, len(chunk))
		for i := range chunk {
			e := &chunk[i]
			e.ID, e.Active = 0, true
			if err := budaya.NormalizeEmployee(e); err != nil {
				return nil, fmt.Errorf("employee %q: %w", e.Name, err)
			}
			key := "n" + e.NIP
			if e.NIP == "" {
				key = "o" + e.OtherID
			}
			if _, dup := byKey[key]; dup {
				return nil, budaya.Invalid("nip", budaya.MsgNIPIdentifierAppearsTwice, e.Identifier())
			}
			byKey[key] = i
			args = append(args, employeeArgs(e, now)...)
		}
		rowPH := "(" + placeholders(15) + ")"
		q := `INSERT INTO employees (nip, other_id, name, front_title, back_title, position, position_kind, rank, status,
			unit_id, supervisor_id, email, active, created_at, updated_at) VALUES ` + strings.Repeat(rowPH+", ", len(chunk)-1) + rowPH +
			` RETURNING id, COALESCE(nip, ''), COALESCE(other_id, '')`
		rows, err := w.tx.query(ctx, q, args...)
		if isUniqueViolation(err) {
			return nil, budaya.Invalid("nip", budaya.MsgSomeNipsIdentifiersAlreadyUsed)
		}
		if err != nil {
			return nil, fmt.Errorf("insert employees: %w", err)
		}
		got := make([]int64, len(chunk))
		for rows.Next() {
			var id int64
			var nip, other string
			if err := rows.Scan(&id, &nip, &other); err != nil {
				rows.Close()
				return nil, err
			}
			key := "n" + nip
			if nip == "" {
				key = "o" + other
			}
			got[byKey[key]] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			if isUniqueViolation(err) {
				return nil, budaya.Invalid("nip", budaya.MsgSomeNipsIdentifiersAlreadyUsed)
			}
			return nil, fmt.Errorf("insert employees: %w", normalize(err))
		}
		for i, id := range got {
			if id == 0 {
				return nil, fmt.Errorf("insert employees: no id returned for %s", chunk[i].Identifier())
			}
		}
		ids = append(ids, got...)
		w.employees += len(chunk)
	}
	return ids, nil
}

// SetUnitLeader makes employeeID the leader of unitID.
func (w *OrgWriter) SetUnitLeader(unitID, employeeID int64) error {
	if err := w.tx.checkLeader(w.ctx, employeeID); err != nil {
		return err
	}
	if _, err := w.tx.exec(w.ctx, `UPDATE units SET leader_employee_id = ?, updated_at = ? WHERE id = ?`, employeeID, w.tx.db.Now(), unitID); err != nil {
		return fmt.Errorf("set leader of unit %d: %w", unitID, err)
	}
	w.leaders++
	return nil
}

// SetSupervisor sets the atasan langsung of employeeID, refusing loops.
func (w *OrgWriter) SetSupervisor(employeeID, supervisorID int64) error {
	if supervisorID == employeeID {
		return budaya.Invalid("supervisor", budaya.MsgEmployeeCannotBeTheirOwn)
	}
	if supervisorID != 0 {
		if err := w.tx.checkSupervisor(w.ctx, employeeID, supervisorID); err != nil {
			return err
		}
	}
	if _, err := w.tx.exec(w.ctx, `UPDATE employees SET supervisor_id = ? WHERE id = ?`, nullID(supervisorID), employeeID); err != nil {
		return fmt.Errorf("set supervisor of %d: %w", employeeID, err)
	}
	w.supers++
	return nil
}

// CreateUser stores a user with an already computed password hash (so that
// a thousand demo accounts do not each pay for argon2id), linked to an
// employee when in.EmployeeID is set. in.Password is ignored.
func (w *OrgWriter) CreateUser(in budaya.UserInput, passwordHash string) (int64, error) {
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	if err := budaya.ValidateUsername(in.Username); err != nil {
		return 0, err
	}
	id, err := w.tx.insertUser(w.ctx, in, passwordHash)
	if err != nil {
		return 0, err
	}
	w.users++
	return id, nil
}

// insertUser inserts an account with its roles; an empty hash makes an
// account that cannot sign in until a password is set.
func (tx *Tx) insertUser(ctx context.Context, in budaya.UserInput, hash string) (int64, error) {
	if in.DisplayName == "" {
		in.DisplayName = in.Username
	}
	now := tx.db.Now()
	var changed any
	if hash != "" {
		changed = now
	}
	id, err := tx.insert(ctx, `INSERT INTO app_users (username, display_name, password_hash, password_changed_at, employee_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, in.Username, in.DisplayName, hash, changed, nullID(in.EmployeeID), now, now)
	if isUniqueViolation(err) {
		return 0, budaya.Invalid("username", budaya.MsgUsernameAlreadyTakenEmployee, in.Username)
	}
	if err != nil {
		return 0, fmt.Errorf("insert user: %w", err)
	}
	if hash != "" {
		if _, err := tx.exec(ctx, `INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)`, id, hash, now); err != nil {
			return 0, err
		}
	}
	for _, g := range in.Roles {
		if err := tx.grantRole(ctx, id, g); err != nil {
			return 0, err
		}
	}
	return id, nil
}
