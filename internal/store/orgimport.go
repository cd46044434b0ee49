package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// OrgSnapshot loads what an import is checked against: every unit and every
// employee, reduced to the fields an import can set.
func (db *DB) OrgSnapshot(ctx context.Context) (*budaya.OrgSnapshot, error) {
	snap := &budaya.OrgSnapshot{}
	rows, err := db.query(ctx, `SELECT id, code, name, level, COALESCE(parent_id, 0), closed_at IS NOT NULL, COALESCE(leader_employee_id, 0) FROM units ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("snapshot units: %w", err)
	}
	for rows.Next() {
		var u budaya.ExistingUnit
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.Level, &u.ParentID, &u.Closed, &u.LeaderID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("snapshot units: %w", err)
		}
		snap.Units = append(snap.Units, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("snapshot units: %w", err)
	}
	rows, err = db.query(ctx, `SELECT id, COALESCE(nip, ''), COALESCE(other_id, ''), name, front_title, back_title, position, position_kind,
		rank, status, unit_id, COALESCE(supervisor_id, 0), email, active FROM employees ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("snapshot employees: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e budaya.ExistingEmployee
		if err := rows.Scan(&e.ID, &e.NIP, &e.OtherID, &e.Name, &e.FrontTitle, &e.BackTitle, &e.Position, &e.PositionKind,
			&e.Rank, &e.Status, &e.UnitID, &e.SupervisorID, &e.Email, &e.Active); err != nil {
			return nil, fmt.Errorf("snapshot employees: %w", err)
		}
		snap.Employees = append(snap.Employees, e)
	}
	return snap, rows.Err()
}

// ApplyImport writes a checked plan in one transaction with its audit entry:
// units parents first (keeping path and depth of moved subtrees right), then
// employees, then their supervisors, then deactivations. A plan with errors is
// refused. progress, if not nil, is called now and then with the rows written
// and the total.
func (db *DB) ApplyImport(ctx context.Context, actor budaya.Actor, plan *budaya.ImportPlan, progress func(done, total int)) error {
	if !plan.OK() {
		return budaya.Errorf(budaya.EINVALID, budaya.MsgImportErrorsNotApplied, plan.Counts.Errors)
	}
	total := len(plan.Units) + len(plan.Employees) + len(plan.Deactivate)
	done := 0
	step := func() {
		done++
		if progress != nil && (done%2000 == 0 || done == total) {
			progress(done, total)
		}
	}
	now := db.Now()
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.applyUnits(ctx, plan.Units, now, step); err != nil {
			return err
		}
		if err := tx.applyEmployees(ctx, plan.Employees, now, step); err != nil {
			return err
		}
		if len(plan.Deactivate) > 0 {
			stmt, err := tx.prepare(ctx, `UPDATE employees SET active = ?, updated_at = ? WHERE id = ?`)
			if err != nil {
				return err
			}
			defer stmt.Close()
			for _, d := range plan.Deactivate {
				if _, err := stmt.ExecContext(tx.ctx(ctx), false, now, d.ID); err != nil {
					return fmt.Errorf("deactivate employee %d: %w", d.ID, err)
				}
				step()
			}
		}
		return tx.audit(ctx, actor, "import", "organisation", strings.Join(plan.Files, ", "), nil, plan.Counts)
	})
}

type unitNode struct {
	id    int64
	path  string
	depth int
}

func (tx *Tx) applyUnits(ctx context.Context, units []budaya.UnitPlan, now time.Time, step func()) error {
	if len(units) == 0 {
		return nil
	}
	nodes := map[string]*unitNode{}
	rows, err := tx.query(ctx, `SELECT id, code, path, depth FROM units`)
	if err != nil {
		return fmt.Errorf("load units: %w", err)
	}
	for rows.Next() {
		var n unitNode
		var code string
		if err := rows.Scan(&n.id, &code, &n.path, &n.depth); err != nil {
			rows.Close()
			return err
		}
		nodes[strings.ToUpper(code)] = &n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	parentOf := func(code string) (*unitNode, error) {
		if code == "" {
			return nil, nil
		}
		p, ok := nodes[strings.ToUpper(code)]
		if !ok {
			return nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgParentUnitNoLonger, code)
		}
		return p, nil
	}
	for _, u := range units {
		parent, err := parentOf(u.ParentCode)
		if err != nil {
			return err
		}
		var parentID any
		prefix, depth := "/", 0
		if parent != nil {
			parentID, prefix, depth = parent.id, parent.path, parent.depth+1
		}
		switch u.Op {
		case budaya.OpCreate:
			id, err := tx.insert(ctx, `INSERT INTO units (code, name, level, parent_id, path, depth, created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?, ?)`,
				u.Code, u.Name, u.Level, parentID, depth, now, now)
			if err != nil {
				return fmt.Errorf("create unit %s: %w", u.Code, err)
			}
			path := prefix + strconv.FormatInt(id, 10) + "/"
			if _, err := tx.exec(ctx, `UPDATE units SET path = ? WHERE id = ?`, path, id); err != nil {
				return fmt.Errorf("create unit %s: %w", u.Code, err)
			}
			nodes[strings.ToUpper(u.Code)] = &unitNode{id: id, path: path, depth: depth}
		case budaya.OpChange:
			node := nodes[strings.ToUpper(u.Code)]
			if node == nil || node.id != u.ID {
				return budaya.Errorf(budaya.ECONFLICT, budaya.MsgUnitChangedSinceDry, u.Code)
			}
			newPath := prefix + strconv.FormatInt(u.ID, 10) + "/"
			if _, err := tx.exec(ctx, `UPDATE units SET name = ?, level = ?, parent_id = ?, updated_at = ? WHERE id = ?`,
				u.Name, u.Level, parentID, now, u.ID); err != nil {
				return fmt.Errorf("change unit %s: %w", u.Code, err)
			}
			if newPath != node.path {
				// Move the whole subtree: every path under the old one gets the new prefix.
				if _, err := tx.exec(ctx, `UPDATE units SET path = ? || SUBSTR(path, ?), depth = depth + ? WHERE path LIKE ?`,
					newPath, len(node.path)+1, depth-node.depth, node.path+"%"); err != nil {
					return fmt.Errorf("move unit %s: %w", u.Code, err)
				}
				// Paths cached for units below the moved one are stale now.
				for _, n := range nodes {
					if n != node && strings.HasPrefix(n.path, node.path) {
						n.path = newPath + n.path[len(node.path):]
						n.depth += depth - node.depth
					}
				}
				node.path, node.depth = newPath, depth
			}
		}
		step()
	}
	return nil
}

func (tx *Tx) applyEmployees(ctx context.Context, emps []budaya.EmployeePlan, now time.Time, step func()) error {
	if len(emps) == 0 {
		return nil
	}
	unitIDs := map[string]int64{}
	rows, err := tx.query(ctx, `SELECT id, code FROM units`)
	if err != nil {
		return fmt.Errorf("load units: %w", err)
	}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			rows.Close()
			return err
		}
		unitIDs[strings.ToUpper(code)] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ids := map[string]int64{}
	rows, err = tx.query(ctx, `SELECT id, COALESCE(nip, ''), COALESCE(other_id, '') FROM employees`)
	if err != nil {
		return fmt.Errorf("load employees: %w", err)
	}
	for rows.Next() {
		var id int64
		var nip, other string
		if err := rows.Scan(&id, &nip, &other); err != nil {
			rows.Close()
			return err
		}
		if nip != "" {
			ids[nip] = id
		}
		if other != "" {
			ids["#"+other] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	unitOf := func(e *budaya.EmployeePlan) (int64, error) {
		id, ok := unitIDs[strings.ToUpper(e.UnitCode)]
		if !ok {
			return 0, budaya.Errorf(budaya.ECONFLICT, budaya.MsgUnitNoLongerExists, e.UnitCode)
		}
		return id, nil
	}
	// A supervisor already stored or written is linked at once; any other is
	// linked in a last pass. New employees go in supervisors first (by their
	// depth in the new part of the chain), so that nearly all link at once.
	var later []int
	supervisorOf := func(i int) any {
		k := emps[i].SupervisorKey
		if k == "" {
			return nil
		}
		if id, ok := ids[k]; ok {
			return id
		}
		later = append(later, i)
		return nil
	}
	created := make(map[string]int)
	var creates, changes []int
	for i := range emps {
		if emps[i].Op == budaya.OpCreate {
			creates = append(creates, i)
			created[emps[i].Key()] = i
		} else {
			changes = append(changes, i)
		}
	}
	depth := make(map[int]int, len(creates))
	var depthOf func(i, guard int) int
	depthOf = func(i, guard int) int {
		if d, ok := depth[i]; ok {
			return d
		}
		d := 0
		if j, ok := created[emps[i].SupervisorKey]; ok && guard < 1000 {
			d = depthOf(j, guard+1) + 1
		}
		depth[i] = d
		return d
	}
	for _, i := range creates {
		depthOf(i, 0)
	}
	sort.SliceStable(creates, func(a, b int) bool { return depth[creates[a]] < depth[creates[b]] })
	for start := 0; start < len(creates); {
		// A chunk holds rows of one depth, so that their supervisors are all written.
		end := start
		for end < len(creates) && end-start < employeeInsertChunk && depth[creates[end]] == depth[creates[start]] {
			end++
		}
		if err := tx.insertEmployees(ctx, emps, creates[start:end], unitOf, supervisorOf, ids, now); err != nil {
			return err
		}
		for range creates[start:end] {
			step()
		}
		start = end
	}
	update, err := tx.prepare(ctx, `UPDATE employees SET nip = ?, other_id = ?, name = ?, front_title = ?, back_title = ?,
		position = ?, position_kind = ?, rank = ?, status = ?, unit_id = ?, supervisor_id = ?, email = ?, active = ?, updated_at = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer update.Close()
	for _, i := range changes {
		e := &emps[i]
		unitID, err := unitOf(e)
		if err != nil {
			return err
		}
		if _, err := update.ExecContext(tx.ctx(ctx), nullString(e.NIP), nullString(e.OtherID), e.Name, e.FrontTitle, e.BackTitle, e.Position, e.PositionKind,
			e.Rank, e.Status, unitID, supervisorOf(i), e.Email, e.Active, now, e.ID); err != nil {
			return fmt.Errorf("change employee %s (row %d): %w", e.Key(), e.Row, err)
		}
		if e.NIP != "" {
			ids[e.NIP] = e.ID
		}
		if e.OtherID != "" {
			ids["#"+e.OtherID] = e.ID
		}
		step()
	}
	if len(later) == 0 {
		return nil
	}
	setSup, err := tx.prepare(ctx, `UPDATE employees SET supervisor_id = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer setSup.Close()
	for _, i := range later {
		e := &emps[i]
		id, ok := ids[e.SupervisorKey]
		if !ok {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgSupervisorNoLongerExists, strings.TrimPrefix(e.SupervisorKey, "#"))
		}
		if _, err := setSup.ExecContext(tx.ctx(ctx), id, e.ID); err != nil {
			return fmt.Errorf("set supervisor of %s: %w", e.Key(), err)
		}
	}
	return nil
}

// insertEmployees writes the new employees emps[idx...] with one multi-row
// INSERT, and records their ids in emps and ids.
func (tx *Tx) insertEmployees(ctx context.Context, emps []budaya.EmployeePlan, idx []int, unitOf func(*budaya.EmployeePlan) (int64, error),
	supervisorOf func(int) any, ids map[string]int64, now time.Time) error {
	args := make([]any, 0, len(idx)*15)
	byKey := make(map[string]int, len(idx))
	for _, i := range idx {
		e := &emps[i]
		unitID, err := unitOf(e)
		if err != nil {
			return err
		}
		byKey[e.Key()] = i
		args = append(args, nullString(e.NIP), nullString(e.OtherID), e.Name, e.FrontTitle, e.BackTitle, e.Position, e.PositionKind,
			e.Rank, e.Status, unitID, supervisorOf(i), e.Email, e.Active, now, now)
	}
	row := "(" + placeholders(15) + ")"
	rows, err := tx.query(ctx, `INSERT INTO employees (nip, other_id, name, front_title, back_title, position, position_kind, rank, status,
		unit_id, supervisor_id, email, active, created_at, updated_at) VALUES `+strings.Repeat(row+", ", len(idx)-1)+row+
		` RETURNING id, COALESCE(nip, ''), COALESCE(other_id, '')`, args...)
	if err != nil {
		return fmt.Errorf("create employees: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var nip, other string
		if err := rows.Scan(&id, &nip, &other); err != nil {
			return err
		}
		key := budaya.EmployeeKey(nip, other)
		i, ok := byKey[key]
		if !ok {
			return fmt.Errorf("create employees: unexpected row %s", key)
		}
		emps[i].ID = id
		if nip != "" {
			ids[nip] = id
		}
		if other != "" {
			ids["#"+other] = id
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("create employees: %w", err)
	}
	return nil
}

// UnitExportRow is one unit as exported.
type UnitExportRow struct {
	Code, Name, Level, ParentCode string
	Closed                        bool
}

// EachUnit calls fn for every unit, parents before children, streaming from
// the database without building a list.
func (db *DB) EachUnit(ctx context.Context, fn func(UnitExportRow) error) error {
	rows, err := db.query(ctx, `SELECT u.code, u.name, u.level, COALESCE(p.code, ''), u.closed_at IS NOT NULL
		FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.depth, u.path`)
	if err != nil {
		return fmt.Errorf("export units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r UnitExportRow
		if err := rows.Scan(&r.Code, &r.Name, &r.Level, &r.ParentCode, &r.Closed); err != nil {
			return fmt.Errorf("export units: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EmployeeExportRow is one employee as exported: the unit and the supervisor
// by code and identifier, so that the file imports again.
type EmployeeExportRow struct {
	NIP, OtherID, Name, FrontTitle, BackTitle, Position, PositionKind, Rank, Status string
	UnitCode, UnitName, Supervisor, Email                                           string
	Active                                                                          bool
}

// EachEmployee calls fn for every employee, by unit then name, streaming.
func (db *DB) EachEmployee(ctx context.Context, fn func(EmployeeExportRow) error) error {
	rows, err := db.query(ctx, `SELECT COALESCE(e.nip, ''), COALESCE(e.other_id, ''), e.name, e.front_title, e.back_title, e.position,
		e.position_kind, e.rank, e.status, u.code, u.name, COALESCE(s.nip, s.other_id, ''), e.email, e.active
		FROM employees e JOIN units u ON u.id = e.unit_id LEFT JOIN employees s ON s.id = e.supervisor_id
		ORDER BY u.path, e.name, e.id`)
	if err != nil {
		return fmt.Errorf("export employees: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r EmployeeExportRow
		if err := rows.Scan(&r.NIP, &r.OtherID, &r.Name, &r.FrontTitle, &r.BackTitle, &r.Position, &r.PositionKind, &r.Rank, &r.Status,
			&r.UnitCode, &r.UnitName, &r.Supervisor, &r.Email, &r.Active); err != nil {
			return fmt.Errorf("export employees: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
