package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Editing and deleting a draft period, and the check that two periods are not
// open for the same units at once (issue 16.6).

// errNotDraft is the refusal to change a period that has been opened.
func errNotDraft() error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgOnlyDraftPeriodCanBeEdited)
}

// draftStatus locks period id inside tx and checks that it is a draft.
func (tx *Tx) draftStatus(ctx context.Context, id int64) error {
	var status string
	err := tx.queryRow(ctx, `SELECT status FROM measurement_periods WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return errPeriodNotFound()
	}
	if err != nil {
		return fmt.Errorf("period %d: %w", id, err)
	}
	if status != budaya.PeriodDraft {
		return errNotDraft()
	}
	return nil
}

// setPeriodUnits replaces the participating units of period id.
func (tx *Tx) setPeriodUnits(ctx context.Context, id int64, unitIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM measurement_period_units WHERE period_id = ?`, id); err != nil {
		return fmt.Errorf("clear period units: %w", err)
	}
	seen := map[int64]bool{}
	for _, u := range unitIDs {
		if seen[u] {
			continue
		}
		seen[u] = true
		var closed sql.NullTime
		err := tx.queryRow(ctx, `SELECT closed_at FROM units WHERE id = ?`, u).Scan(&closed)
		if errors.Is(err, sql.ErrNoRows) || closed.Valid {
			return budaya.Invalid("units", budaya.MsgUnitDoesNotExist, u)
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO measurement_period_units (period_id, unit_id) VALUES (?, ?)`, id, u); err != nil {
			return err
		}
	}
	return nil
}

// UpdatePeriod changes a draft period: name, dates, instruments, K, peers and
// units. An opened period is refused: its snapshot and tasks are made.
func (db *DB) UpdatePeriod(ctx context.Context, actor budaya.Actor, id int64, in budaya.PeriodInput) (*budaya.Period, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	old, err := db.FindPeriod(ctx, id)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := tx.draftStatus(ctx, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE measurement_periods SET name = ?, starts_at = ?, ends_at = ?, has_survey = ?, has_360 = ?, min_group = ?,
			max_peers = ?, updated_at = ? WHERE id = ?`, in.Name, in.StartsAt.UTC(), in.EndsAt.UTC(), in.HasSurvey, in.Has360, in.MinGroup, in.MaxPeers,
			db.Now(), id); err != nil {
			return fmt.Errorf("update period %d: %w", id, err)
		}
		if err := tx.setPeriodUnits(ctx, id, in.UnitIDs); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "update", "measurement_period", id, periodAudit(old), in)
	})
	if err != nil {
		return nil, err
	}
	return db.FindPeriod(ctx, id)
}

// DeletePeriod deletes a draft period. An opened period is refused: its
// tasks, answers and figures are records of the instansi.
func (db *DB) DeletePeriod(ctx context.Context, actor budaya.Actor, id int64) error {
	old, err := db.FindPeriod(ctx, id)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.draftStatus(ctx, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM measurement_period_units WHERE period_id = ?`, id); err != nil {
			return fmt.Errorf("delete period units: %w", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM measurement_periods WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete period %d: %w", id, err)
		}
		return tx.audit(ctx, actor, "delete", "measurement_period", id, periodAudit(old), nil)
	})
}

// periodAudit is what the audit log keeps of a period before a change.
func periodAudit(p *budaya.Period) map[string]any {
	return map[string]any{"name": p.Name, "starts_at": p.StartsAt, "ends_at": p.EndsAt, "has_survey": p.HasSurvey, "has_360": p.Has360,
		"min_group": p.MinGroup, "max_peers": p.MaxPeers, "units": p.UnitIDs, "status": p.Status}
}

// overlapSQL selects the other open periods whose units share a unit with
// period ?: a participating unit includes every unit below it, so two
// periods overlap when a unit of one lies in the subtree of a unit of the other.
const overlapSQL = `SELECT DISTINCT o.id, o.name FROM measurement_periods o
	JOIN measurement_period_units ou ON ou.period_id = o.id JOIN units a ON a.id = ou.unit_id
	JOIN measurement_period_units mu ON mu.period_id = ? JOIN units b ON b.id = mu.unit_id
	WHERE o.status = 'open' AND o.id <> ? AND (a.path LIKE b.path || '%' OR b.path LIKE a.path || '%')
	ORDER BY o.id`

// OverlappingOpenPeriods lists the open periods that share units with period
// id, so that opening id would put the same staff in two periods at once.
func (db *DB) OverlappingOpenPeriods(ctx context.Context, id int64) ([]budaya.Period, error) {
	rows, err := db.query(ctx, overlapSQL, id, id)
	if err != nil {
		return nil, fmt.Errorf("overlapping periods: %w", err)
	}
	defer rows.Close()
	var out []budaya.Period
	for rows.Next() {
		var p budaya.Period
		if err := rows.Scan(&p.ID, &p.Name); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// OpenPeriodChecked opens period id as OpenPeriod does, but refuses when
// another open period shares its units, unless confirmOverlap says the admin
// has seen the warning and wants both open; the audit entry names them.
func (db *DB) OpenPeriodChecked(ctx context.Context, actor budaya.Actor, id int64, confirmOverlap bool) (*budaya.Period, error) {
	return db.openPeriod(ctx, actor, id, func(tx *Tx) (any, error) {
		rows, err := tx.query(ctx, overlapSQL, id, id)
		if err != nil {
			return nil, fmt.Errorf("overlapping periods: %w", err)
		}
		var names []string
		for rows.Next() {
			var oid int64
			var name string
			if err := rows.Scan(&oid, &name); err != nil {
				rows.Close()
				return nil, err
			}
			names = append(names, name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(names) > 0 && !confirmOverlap {
			return nil, budaya.Errorf(budaya.ECONFLICT,
				budaya.MsgPeriodStillOpenSome,
				strings.Join(names, ", "))
		}
		if len(names) > 0 {
			return names, nil
		}
		return nil, nil
	})
}
