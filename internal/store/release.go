package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
)

// ReleaseResult says what a release did.
type ReleaseResult struct {
	Released int // ballots opened into measurement_answers
	Sealed   int // ballots left sealed: their group stays under the threshold
}

type pendingBallot struct {
	id, instrument, group string
	unit, ratee           int64
}

type bucketKey struct {
	instrument, group string
	unit, ratee       int64
}

// releaseBallots releases the sealed ballots of period id, whose framework
// has layout, inside tx, the transaction that closes it (docs/measurement.md, "Release at close"): the
// buckets are decided by index.PlanRelease (survey, at least the period's K)
// and index.Release360 (one ratee and rater group, at least
// budaya.MinRaters360); the ballots of released buckets are opened, shuffled,
// inserted into measurement_answers under fresh random response ids and
// deleted. The transaction writes no task, so a reader of the database can
// tie the answers of a release to nothing but the release. Ballots of groups
// under the threshold stay sealed for a later close.
func (tx *Tx) releaseBallots(ctx context.Context, actor budaya.Actor, periodID int64, layout *index.Layout) (ReleaseResult, error) {
	var res ReleaseResult
	var k int
	if err := tx.queryRow(ctx, `SELECT min_group FROM measurement_periods WHERE id = ?`, periodID).Scan(&k); err != nil {
		return res, fmt.Errorf("release: period %d: %w", periodID, err)
	}
	// First the groups only (the ciphertexts are read later, a chunk at a
	// time, so that a large period does not hold them all in memory).
	rows, err := tx.query(ctx, `SELECT id, instrument, rater_group, unit_id, ratee_employee_id FROM measurement_ballots WHERE period_id = ?`, periodID)
	if err != nil {
		return res, fmt.Errorf("release: read ballots: %w", err)
	}
	var ballots []pendingBallot
	for rows.Next() {
		var b pendingBallot
		if err := rows.Scan(&b.id, &b.instrument, &b.group, &b.unit, &b.ratee); err != nil {
			rows.Close()
			return res, err
		}
		ballots = append(ballots, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	if len(ballots) == 0 {
		return res, nil
	}

	// Decide the buckets.
	surveyPending := map[int64]int{}
	count360 := map[bucketKey]int{}
	for _, b := range ballots {
		if b.instrument == budaya.InstrumentSurvey {
			surveyPending[b.unit]++
		} else {
			count360[bucketKey{b.instrument, b.group, b.unit, b.ratee}]++
		}
	}
	target := map[int64]int64{}
	if len(surveyPending) > 0 {
		units, err := tx.snapshotTree(ctx, periodID)
		if err != nil {
			return res, err
		}
		var nodes []index.ReleaseUnit
		for _, u := range units {
			nodes = append(nodes, index.ReleaseUnit{Unit: u[0], Parent: u[1], Pending: surveyPending[u[0]]})
			delete(surveyPending, u[0])
		}
		for u, n := range surveyPending { // a unit missing from the snapshot is a root of its own
			nodes = append(nodes, index.ReleaseUnit{Unit: u, Pending: n})
		}
		target = index.PlanRelease(nodes, k)
	}

	var out []pendingBallot
	released := map[bucketKey]int{}
	for _, b := range ballots {
		if b.instrument == budaya.InstrumentSurvey {
			at, ok := target[b.unit]
			if !ok {
				continue
			}
			released[bucketKey{b.instrument, b.group, at, 0}]++
			out = append(out, b)
			continue
		}
		key := bucketKey{b.instrument, b.group, b.unit, b.ratee}
		if index.Release360(count360[key]) {
			released[key]++
			out = append(out, b)
		}
	}
	res.Released, res.Sealed = len(out), len(ballots)-len(out)
	if len(out) == 0 {
		return res, nil
	}

	// Each released ballot gets a fresh random response id (128 bits from
	// crypto/rand), and the ballots are opened and inserted in the order of
	// these ids. That order is a uniformly random permutation, unrelated to
	// the order of submission (the shuffle of the release), and it is also
	// the key order: each insert lands after the previous one in the
	// (period_id, response_id, behaviour_code) B-tree instead of at a random
	// page, and on PostgreSQL the heap comes out in key order, which the
	// full recomputation reads. docs/operations.md, "Index at close".
	rids := make(map[string]string, len(out))
	for _, b := range out {
		rid, err := newResponseID()
		if err != nil {
			return res, err
		}
		rids[b.id] = rid
	}
	sort.Slice(out, func(i, j int) bool { return rids[out[i].id] < rids[out[j].id] })

	// The sums of the index are added up in the same pass, per unit the
	// buckets are stored under (index_sums.go): a published figure is then a
	// roll-up of these, never a new read of every answer.
	sums := map[sumsKey]*index.Sums{}
	nb := len(layout.Behaviours())
	scores := make([]int, nb)

	ab := newBatch(tx, `INSERT INTO measurement_answers (response_id, behaviour_code, period_id, instrument, unit_id, ratee_employee_id, rater_group, score, comment) VALUES `, 9)
	const chunk = 500
	for start := 0; start < len(out); start += chunk {
		part := out[start:min(start+chunk, len(out))]
		ids := make([]any, len(part))
		for i, b := range part {
			ids[i] = b.id
		}
		sealed := make(map[string]string, len(part))
		rows, err := tx.query(ctx, `SELECT id, sealed FROM measurement_ballots WHERE id IN (`+placeholders(len(ids))+`)`, ids...)
		if err != nil {
			return res, fmt.Errorf("release: read sealed ballots: %w", err)
		}
		for rows.Next() {
			var id, s string
			if err := rows.Scan(&id, &s); err != nil {
				rows.Close()
				return res, err
			}
			sealed[id] = s
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
		for _, b := range part { // in the order of the new ids, not the order read
			var answers []sealedAnswer
			if err := tx.db.unseal(ctx, tx, sealed[b.id], ballotAD(periodID, b.instrument, b.group, b.unit, b.ratee), &answers); err != nil {
				return res, err
			}
			rid := rids[b.id]
			unit := b.unit
			if b.instrument == budaya.InstrumentSurvey {
				unit = target[b.unit]
			}
			clear(scores)
			for _, a := range answers {
				if err := ab.add(ctx, rid, a.Code, periodID, b.instrument, unit, nullID(b.ratee), b.group, a.Score, a.Comment); err != nil {
					return res, fmt.Errorf("release: %w", err)
				}
				if p := layout.Position(a.Code); p >= 0 {
					scores[p] = a.Score
				}
			}
			sk := sumsKey{b.instrument, unit}
			if sums[sk] == nil {
				sums[sk] = index.NewSums(layout)
			}
			sums[sk].AddResponse(scores)
		}
		if _, err := tx.exec(ctx, `DELETE FROM measurement_ballots WHERE id IN (`+placeholders(len(ids))+`)`, ids...); err != nil {
			return res, fmt.Errorf("release: delete ballots: %w", err)
		}
	}
	if err := ab.flush(ctx); err != nil {
		return res, fmt.Errorf("release: %w", err)
	}
	if err := tx.addReleaseSums(ctx, periodID, layout, sums); err != nil {
		return res, fmt.Errorf("release: %w", err)
	}
	now := tx.db.Now()
	keys := make([]bucketKey, 0, len(released))
	for key := range released {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.instrument != b.instrument {
			return a.instrument < b.instrument
		}
		if a.group != b.group {
			return a.group < b.group
		}
		if a.unit != b.unit {
			return a.unit < b.unit
		}
		return a.ratee < b.ratee
	})
	rb := newBatch(tx, `INSERT INTO measurement_releases (period_id, instrument, rater_group, unit_id, ratee_employee_id, released_at, ballots) VALUES `, 7)
	for _, key := range keys {
		if err := rb.add(ctx, periodID, key.instrument, key.group, key.unit, key.ratee, now, released[key]); err != nil {
			return res, err
		}
	}
	if err := rb.flush(ctx); err != nil {
		return res, fmt.Errorf("release: record buckets: %w", err)
	}
	return res, tx.audit(ctx, actor, "release", "measurement_period", periodID, nil, map[string]any{"released": res.Released, "sealed": res.Sealed, "buckets": len(keys)})
}

// snapshotTree returns (unit, parent) of period id's snapshot inside tx.
func (tx *Tx) snapshotTree(ctx context.Context, periodID int64) ([][2]int64, error) {
	rows, err := tx.query(ctx, `SELECT unit_id, COALESCE(parent_unit_id, 0) FROM snapshot_units WHERE period_id = ? ORDER BY unit_id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("snapshot of period %d: %w", periodID, err)
	}
	defer rows.Close()
	var out [][2]int64
	for rows.Next() {
		var u [2]int64
		if err := rows.Scan(&u[0], &u[1]); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
