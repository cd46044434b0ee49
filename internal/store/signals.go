package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/signals"
)

// StoredSignal is a signal as kept for admins, with its review state.
type StoredSignal struct {
	signals.Signal
	ID           int64
	EvidenceJSON string
	ComputedAt   time.Time
	ReviewedAt   time.Time
	ReviewedBy   int64
	ReviewerName string
	ReviewNote   string
}

// Reviewed reports whether an admin marked the signal reviewed.
func (s *StoredSignal) Reviewed() bool { return !s.ReviewedAt.IsZero() }

// SignalInputs are the data the detectors read.
type SignalInputs struct {
	Thanks  []signals.Thanks
	Names   map[int64]string
	Texts   []signals.Text
	Ratings []signals.Rating
	Bursts  []signals.BurstGroup
}

// CollectSignalInputs reads what the detectors need from recognition,
// nominations and measurement since since. Anonymous measurement answers are
// read without any rater: only their unit.
func (db *DB) CollectSignalInputs(ctx context.Context, since time.Time) (*SignalInputs, error) {
	in := &SignalInputs{Names: map[int64]string{}}
	since = since.UTC()
	steps := []func(context.Context, *SignalInputs, time.Time) error{
		db.collectRecognition, db.collectNominations, db.collectAnswers, db.collectPerilaku, db.collectTasks,
	}
	for _, step := range steps {
		if err := step(ctx, in, since); err != nil {
			return nil, err
		}
	}
	return in, nil
}

func (db *DB) collectRecognition(ctx context.Context, in *SignalInputs, since time.Time) error {
	rows, err := db.query(ctx, `SELECT r.sender_employee_id, s.name, r.recipient_employee_id, e.name, u.name, r.message
		FROM recognitions r JOIN employees s ON s.id = r.sender_employee_id JOIN employees e ON e.id = r.recipient_employee_id
		JOIN units u ON u.id = r.unit_id WHERE r.created_at >= ? ORDER BY r.id`, since)
	if err != nil {
		return fmt.Errorf("signal inputs, recognition: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var from, to int64
		var fromName, toName, unit, msg string
		if err := rows.Scan(&from, &fromName, &to, &toName, &unit, &msg); err != nil {
			return err
		}
		in.Names[from], in.Names[to] = fromName, toName
		in.Thanks = append(in.Thanks, signals.Thanks{From: from, To: to})
		in.Texts = append(in.Texts, signals.Text{Source: "recognition", AuthorKey: strconv.FormatInt(from, 10), AuthorLabel: fromName,
			TargetKey: strconv.FormatInt(to, 10), UnitLabel: unit, Body: msg})
	}
	return rows.Err()
}

func (db *DB) collectNominations(ctx context.Context, in *SignalInputs, since time.Time) error {
	rows, err := db.query(ctx, `SELECT n.round_id, r.title, r.created_at, r.nominate_until, n.nominator_employee_id, m.name, n.nominee_employee_id, n.reason, n.created_at
		FROM nominations n JOIN nomination_rounds r ON r.id = n.round_id JOIN employees m ON m.id = n.nominator_employee_id
		WHERE r.nominate_until >= ? ORDER BY n.round_id, n.id`, since)
	if err != nil {
		return fmt.Errorf("signal inputs, nominations: %w", err)
	}
	defer rows.Close()
	groups := map[int64]*signals.BurstGroup{}
	var order []int64
	for rows.Next() {
		var round, nominator, nominee int64
		var title, name, reason string
		var opens, until, at time.Time
		if err := rows.Scan(&round, &title, &opens, &until, &nominator, &name, &nominee, &reason, &at); err != nil {
			return err
		}
		in.Texts = append(in.Texts, signals.Text{Source: "nomination", AuthorKey: strconv.FormatInt(nominator, 10), AuthorLabel: name,
			TargetKey: strconv.FormatInt(nominee, 10), Body: reason})
		g := groups[round]
		if g == nil {
			g = &signals.BurstGroup{Key: "round:" + strconv.FormatInt(round, 10), Label: title, Source: "nomination", Opens: opens.UTC(), Deadline: until.UTC()}
			groups[round] = g
			order = append(order, round)
		}
		g.Times = append(g.Times, at.UTC())
	}
	for _, id := range order {
		in.Bursts = append(in.Bursts, *groups[id])
	}
	// Committee scores are ratings too: a member far above the others is worth a look.
	srows, err := db.query(ctx, `SELECT s.user_id, a.display_name, s.score FROM nomination_scores s JOIN nomination_rounds r ON r.id = s.round_id
		JOIN app_users a ON a.id = s.user_id WHERE s.updated_at >= ? ORDER BY s.user_id`, since)
	if err != nil {
		return fmt.Errorf("signal inputs, committee scores: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var user int64
		var name string
		var score int
		if err := srows.Scan(&user, &name, &score); err != nil {
			return err
		}
		in.Ratings = append(in.Ratings, signals.Rating{Source: "nomination", RaterKey: "user:" + strconv.FormatInt(user, 10), RaterLabel: name, Score: float64(score)})
	}
	return errors.Join(rows.Err(), srows.Err())
}

// collectAnswers reads measurement answers per submission. Survey, peer and
// bawahan answers carry no rater (the schema holds none), so they are judged
// only by unit; atasan answers are attributed and may name the atasan. Self
// ratings are left out: rating oneself high is a different matter.
func (db *DB) collectAnswers(ctx context.Context, in *SignalInputs, since time.Time) error {
	rows, err := db.query(ctx, `SELECT a.response_id, a.instrument, a.unit_id, COALESCE(su.name, u.name, ''), COALESCE(a.rater_employee_id, 0), COALESCE(e.name, ''),
		CAST(AVG(a.score) AS DOUBLE PRECISION)
		FROM measurement_answers a JOIN measurement_periods p ON p.id = a.period_id
		LEFT JOIN snapshot_units su ON su.period_id = a.period_id AND su.unit_id = a.unit_id
		LEFT JOIN units u ON u.id = a.unit_id
		LEFT JOIN employees e ON e.id = a.rater_employee_id
		WHERE p.ends_at >= ? AND a.rater_group <> 'self'
		GROUP BY a.response_id, a.instrument, a.unit_id, su.name, u.name, a.rater_employee_id, e.name`, since)
	if err != nil {
		return fmt.Errorf("signal inputs, measurement answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var resp, instrument, unitName, raterName string
		var unit, rater int64
		var mean float64
		if err := rows.Scan(&resp, &instrument, &unit, &unitName, &rater, &raterName, &mean); err != nil {
			return err
		}
		r := signals.Rating{Source: instrument, UnitKey: "unit:" + strconv.FormatInt(unit, 10), UnitLabel: unitName, Score: mean}
		if rater != 0 {
			r.RaterKey, r.RaterLabel = "employee:"+strconv.FormatInt(rater, 10), raterName
		}
		in.Ratings = append(in.Ratings, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	crows, err := db.query(ctx, `SELECT a.unit_id, COALESCE(su.name, u.name, ''), COALESCE(a.rater_employee_id, 0), COALESCE(e.name, ''), COALESCE(a.ratee_employee_id, 0), a.comment
		FROM measurement_answers a JOIN measurement_periods p ON p.id = a.period_id
		LEFT JOIN snapshot_units su ON su.period_id = a.period_id AND su.unit_id = a.unit_id
		LEFT JOIN units u ON u.id = a.unit_id
		LEFT JOIN employees e ON e.id = a.rater_employee_id
		WHERE p.ends_at >= ? AND a.comment <> ''`, since)
	if err != nil {
		return fmt.Errorf("signal inputs, measurement comments: %w", err)
	}
	defer crows.Close()
	for crows.Next() {
		var unit, rater, ratee int64
		var unitName, raterName, comment string
		if err := crows.Scan(&unit, &unitName, &rater, &raterName, &ratee, &comment); err != nil {
			return err
		}
		t := signals.Text{Source: "comment", UnitLabel: unitName, Body: comment, TargetKey: "unit:" + strconv.FormatInt(unit, 10)}
		if ratee != 0 {
			t.TargetKey = "employee:" + strconv.FormatInt(ratee, 10)
		}
		if rater != 0 {
			t.AuthorKey, t.AuthorLabel = "employee:"+strconv.FormatInt(rater, 10), raterName
		}
		in.Texts = append(in.Texts, t)
	}
	return crows.Err()
}

// perilakuScore puts the three-level perilaku rating on a 1..3 scale.
var perilakuScore = map[string]float64{"Di Bawah Ekspektasi": 1, "Sesuai Ekspektasi": 2, "Di Atas Ekspektasi": 3}

// collectPerilaku reads perilaku kerja ratings (attributed to the evaluator)
// and the umpan balik written per value.
func (db *DB) collectPerilaku(ctx context.Context, in *SignalInputs, since time.Time) error {
	rows, err := db.query(ctx, `SELECT COALESCE(r.evaluator_employee_id, 0), COALESCE(ev.name, ''), r.unit_id, u.name, r.perilaku
		FROM perilaku_ratings r JOIN units u ON u.id = r.unit_id LEFT JOIN employees ev ON ev.id = r.evaluator_employee_id
		WHERE r.updated_at >= ? AND r.perilaku <> ''`, since)
	if err != nil {
		return fmt.Errorf("signal inputs, perilaku ratings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var evaluator, unit int64
		var evName, unitName, rating string
		if err := rows.Scan(&evaluator, &evName, &unit, &unitName, &rating); err != nil {
			return err
		}
		s, ok := perilakuScore[rating]
		if !ok {
			continue
		}
		r := signals.Rating{Source: "perilaku", UnitKey: "unit:" + strconv.FormatInt(unit, 10), UnitLabel: unitName, Score: s}
		if evaluator != 0 {
			r.RaterKey, r.RaterLabel = "employee:"+strconv.FormatInt(evaluator, 10), evName
		}
		in.Ratings = append(in.Ratings, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	frows, err := db.query(ctx, `SELECT x.employee_id, COALESCE(x.evaluator_employee_id, 0), COALESCE(ev.name, ''), u.name, x.feedback
		FROM perilaku_expectations x JOIN employees e ON e.id = x.employee_id JOIN units u ON u.id = e.unit_id
		LEFT JOIN employees ev ON ev.id = x.evaluator_employee_id WHERE x.updated_at >= ? AND x.feedback <> ''`, since)
	if err != nil {
		return fmt.Errorf("signal inputs, feedback: %w", err)
	}
	defer frows.Close()
	for frows.Next() {
		var emp, evaluator int64
		var evName, unitName, feedback string
		if err := frows.Scan(&emp, &evaluator, &evName, &unitName, &feedback); err != nil {
			return err
		}
		t := signals.Text{Source: "feedback", TargetKey: "employee:" + strconv.FormatInt(emp, 10), UnitLabel: unitName, Body: feedback}
		if evaluator != 0 {
			t.AuthorKey, t.AuthorLabel = "employee:"+strconv.FormatInt(evaluator, 10), evName
		}
		in.Texts = append(in.Texts, t)
	}
	return frows.Err()
}

// collectTasks reads the completion times of measurement tasks per period
// and rated unit. Only the unit is named, never who completed a task.
func (db *DB) collectTasks(ctx context.Context, in *SignalInputs, since time.Time) error {
	rows, err := db.query(ctx, `SELECT t.period_id, p.name, p.starts_at, p.ends_at, t.unit_id, COALESCE(su.name, u.name, ''), t.completed_at
		FROM measurement_tasks t JOIN measurement_periods p ON p.id = t.period_id
		LEFT JOIN snapshot_units su ON su.period_id = t.period_id AND su.unit_id = t.unit_id
		LEFT JOIN units u ON u.id = t.unit_id
		WHERE t.status = 'completed' AND t.completed_at IS NOT NULL AND p.ends_at >= ?
		ORDER BY t.period_id, t.unit_id`, since)
	if err != nil {
		return fmt.Errorf("signal inputs, measurement tasks: %w", err)
	}
	defer rows.Close()
	groups := map[string]*signals.BurstGroup{}
	var order []string
	for rows.Next() {
		var period, unit int64
		var pname, uname string
		var starts, ends, at time.Time
		if err := rows.Scan(&period, &pname, &starts, &ends, &unit, &uname, &at); err != nil {
			return err
		}
		k := fmt.Sprintf("period:%d:unit:%d", period, unit)
		g := groups[k]
		if g == nil {
			g = &signals.BurstGroup{Key: k, Label: uname + " · " + pname, Source: "measurement", Opens: starts.UTC(), Deadline: ends.UTC()}
			groups[k] = g
			order = append(order, k)
		}
		g.Times = append(g.Times, at.UTC())
	}
	for _, k := range order {
		in.Bursts = append(in.Bursts, *groups[k])
	}
	return rows.Err()
}

// SaveSignals stores the result of a recomputation: signals that fire again
// are updated (a reviewed one keeps its review), new ones are added, and
// unreviewed ones that no longer fire are removed. Reviewed signals stay as
// the record of what was looked at.
func (db *DB) SaveSignals(ctx context.Context, actor budaya.Actor, found []signals.Signal) (added, updated, removed int, err error) {
	now := db.Now()
	err = db.inTx(ctx, func(tx *Tx) error {
		added, updated, removed = 0, 0, 0
		keep := map[string]bool{}
		for _, s := range found {
			ev, err := json.Marshal(s.Evidence)
			if err != nil {
				return fmt.Errorf("signal evidence: %w", err)
			}
			keep[s.Kind+"|"+s.SubjectKey] = true
			res, err := tx.exec(ctx, `UPDATE signals SET subject = ?, score = ?, reason = ?, reason_en = ?, evidence = ?, computed_at = ?
				WHERE kind = ? AND subject_key = ? AND reviewed_at IS NULL`, s.Subject, s.Score, s.Reason, s.ReasonEN, string(ev), now, s.Kind, s.SubjectKey)
			if err != nil {
				return fmt.Errorf("update signal: %w", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				updated++
				continue
			}
			var exists int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM signals WHERE kind = ? AND subject_key = ?`, s.Kind, s.SubjectKey).Scan(&exists); err != nil {
				return err
			}
			if exists > 0 {
				continue // reviewed: keep it as it was reviewed
			}
			if _, err := tx.exec(ctx, `INSERT INTO signals (kind, subject_key, subject, score, reason, reason_en, evidence, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				s.Kind, s.SubjectKey, s.Subject, s.Score, s.Reason, s.ReasonEN, string(ev), now); err != nil {
				return fmt.Errorf("insert signal: %w", err)
			}
			added++
		}
		rows, err := tx.query(ctx, `SELECT id, kind, subject_key FROM signals WHERE reviewed_at IS NULL`)
		if err != nil {
			return err
		}
		var stale []int64
		for rows.Next() {
			var id int64
			var kind, key string
			if err := rows.Scan(&id, &kind, &key); err != nil {
				rows.Close()
				return err
			}
			if !keep[kind+"|"+key] {
				stale = append(stale, id)
			}
		}
		rows.Close()
		for _, id := range stale {
			if _, err := tx.exec(ctx, `DELETE FROM signals WHERE id = ?`, id); err != nil {
				return err
			}
		}
		removed = len(stale)
		return tx.audit(ctx, actor, "recompute", "signals", "", nil, map[string]int{"found": len(found), "added": added, "updated": updated, "removed": removed})
	})
	return added, updated, removed, err
}

const signalColumns = `s.id, s.kind, s.subject_key, s.subject, s.score, s.reason, s.reason_en, s.evidence, s.computed_at, s.reviewed_at,
	COALESCE(s.reviewed_by, 0), COALESCE(a.display_name, ''), s.review_note`

func scanSignal(row interface{ Scan(...any) error }) (*StoredSignal, error) {
	var s StoredSignal
	var reviewed sql.NullTime
	if err := row.Scan(&s.ID, &s.Kind, &s.SubjectKey, &s.Subject, &s.Score, &s.Reason, &s.ReasonEN, &s.EvidenceJSON, &s.ComputedAt, &reviewed,
		&s.ReviewedBy, &s.ReviewerName, &s.ReviewNote); err != nil {
		return nil, err
	}
	s.ComputedAt = s.ComputedAt.UTC()
	if reviewed.Valid {
		s.ReviewedAt = reviewed.Time.UTC()
	}
	if err := json.Unmarshal([]byte(s.EvidenceJSON), &s.Evidence); err != nil {
		return nil, fmt.Errorf("signal %d evidence: %w", s.ID, err)
	}
	return &s, nil
}

// ListSignals returns a page of signals, open ones first, strongest first.
func (db *DB) ListSignals(ctx context.Context, f budaya.SignalFilter) ([]StoredSignal, int, error) {
	var where []string
	var args []any
	if f.Kind != "" {
		where, args = append(where, `s.kind = ?`), append(args, f.Kind)
	}
	switch f.Reviewed {
	case "no":
		where = append(where, `s.reviewed_at IS NULL`)
	case "yes":
		where = append(where, `s.reviewed_at IS NOT NULL`)
	}
	cond := whereClause(where)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM signals s`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count signals: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+signalColumns+` FROM signals s LEFT JOIN app_users a ON a.id = s.reviewed_by`+cond+`
		ORDER BY CASE WHEN s.reviewed_at IS NULL THEN 0 ELSE 1 END, s.kind, s.score DESC, s.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list signals: %w", err)
	}
	out, err := scanAll(rows, scanSignal)
	return out, total, err
}

// FindSignal returns the signal with id.
func (db *DB) FindSignal(ctx context.Context, id int64) (*StoredSignal, error) {
	s, err := scanSignal(db.queryRow(ctx, `SELECT `+signalColumns+` FROM signals s LEFT JOIN app_users a ON a.id = s.reviewed_by WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgSignalNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find signal %d: %w", id, err)
	}
	return s, nil
}

// ReviewSignal marks a signal reviewed with the admin's note. It sanctions
// no one: it records that someone looked.
func (db *DB) ReviewSignal(ctx context.Context, actor budaya.Actor, id int64, note string) error {
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 1000 {
		return budaya.Invalid("note", budaya.MsgReviewNoteMayMostCharacters)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE signals SET reviewed_at = ?, reviewed_by = ?, review_note = ? WHERE id = ? AND reviewed_at IS NULL`,
			db.Now(), nullID(actor.UserID), note, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var exists int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM signals WHERE id = ?`, id).Scan(&exists); err != nil {
				return err
			}
			if exists == 0 {
				return budaya.NotFound(budaya.MsgSignalNotFound)
			}
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgSignalAlreadyBeenReviewed)
		}
		return tx.audit(ctx, actor, "review", "signal", id, nil, map[string]string{"note": note})
	})
}

// RecomputeSignals runs every detector over the data since since and saves the result.
func (db *DB) RecomputeSignals(ctx context.Context, actor budaya.Actor, since time.Time, p signals.Params) (added, updated, removed int, err error) {
	in, err := db.CollectSignalInputs(ctx, since)
	if err != nil {
		return 0, 0, 0, err
	}
	var found []signals.Signal
	found = append(found, signals.Reciprocal(in.Thanks, in.Names, p)...)
	found = append(found, signals.TextReuse(in.Texts, p)...)
	found = append(found, signals.Inflation(in.Ratings, p)...)
	found = append(found, signals.Burst(in.Bursts, p)...)
	return db.SaveSignals(ctx, actor, found)
}
