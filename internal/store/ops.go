package store

import (
	"context"
	"fmt"
)

// EmployeesWithoutAccount returns up to limit active employees that have no
// user account (the load test signs in as them): first those with an open
// measurement task in an open period, so that they have something to
// answer, then the others; lowest id first.
func (db *DB) EmployeesWithoutAccount(ctx context.Context, limit int) ([]int64, error) {
	rows, err := db.query(ctx, `SELECT e.id FROM employees e WHERE e.active = ?
		AND NOT EXISTS (SELECT 1 FROM app_users a WHERE a.employee_id = e.id)
		ORDER BY CASE WHEN EXISTS (SELECT 1 FROM measurement_tasks t JOIN measurement_periods p ON p.id = t.period_id
			WHERE t.rater_employee_id = e.id AND t.status = 'open' AND p.status = 'open') THEN 0 ELSE 1 END, e.id LIMIT ?`, true, limit)
	if err != nil {
		return nil, fmt.Errorf("employees without account: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
