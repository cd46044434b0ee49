package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/budaya-id/budaya/internal/budaya"
)

// CreateRound opens a nomination round with its published criteria.
func (db *DB) CreateRound(ctx context.Context, actor budaya.Actor, in budaya.NominationRoundInput) (*budaya.NominationRound, error) {
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		return nil, err
	}
	at := in.At
	if at.IsZero() {
		at = db.Now()
	}
	if err := in.Validate(f, at); err != nil {
		return nil, err
	}
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insert(ctx, `INSERT INTO nomination_rounds (title, period, value_code, nominate_until, winners, status, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.Title, in.Period, in.ValueCode, in.NominateUntil.UTC(), in.Winners, budaya.RoundOpen, nullID(actor.UserID), at.UTC())
		if err != nil {
			return fmt.Errorf("insert round: %w", err)
		}
		for _, c := range in.Criteria {
			if _, err := tx.exec(ctx, `INSERT INTO nomination_criteria (round_id, name, description, weight, position) VALUES (?, ?, ?, ?, ?)`,
				id, c.Name, c.Description, c.Weight, c.Position); err != nil {
				return fmt.Errorf("insert criterion: %w", err)
			}
		}
		return tx.audit(ctx, actor, "create", "nomination_round", id, nil, map[string]any{"title": in.Title, "period": in.Period,
			"value": in.ValueCode, "nominate_until": in.NominateUntil.UTC(), "winners": in.Winners, "criteria": in.Criteria})
	})
	if err != nil {
		return nil, err
	}
	return db.FindRound(ctx, id)
}

const roundColumns = `r.id, r.title, r.period, r.value_code, r.nominate_until, r.winners, r.status, r.created_at, r.announced_at,
	(SELECT COUNT(*) FROM nominations n WHERE n.round_id = r.id)`

func scanRound(row interface{ Scan(...any) error }) (*budaya.NominationRound, error) {
	var r budaya.NominationRound
	var announced sql.NullTime
	if err := row.Scan(&r.ID, &r.Title, &r.Period, &r.ValueCode, &r.NominateUntil, &r.Winners, &r.Status, &r.CreatedAt, &announced, &r.NominationCount); err != nil {
		return nil, err
	}
	r.NominateUntil, r.CreatedAt = r.NominateUntil.UTC(), r.CreatedAt.UTC()
	if announced.Valid {
		r.AnnouncedAt = announced.Time.UTC()
	}
	return &r, nil
}

// FindRound returns the round with id, with its criteria and committee.
func (db *DB) FindRound(ctx context.Context, id int64) (*budaya.NominationRound, error) {
	r, err := scanRound(db.queryRow(ctx, `SELECT `+roundColumns+` FROM nomination_rounds r WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgNominationRoundNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find round %d: %w", id, err)
	}
	rows, err := db.query(ctx, `SELECT id, name, description, weight, position FROM nomination_criteria WHERE round_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("round criteria: %w", err)
	}
	for rows.Next() {
		var c budaya.Criterion
		if err := rows.Scan(&c.ID, &c.Name, &c.Description, &c.Weight, &c.Position); err != nil {
			rows.Close()
			return nil, err
		}
		r.Criteria = append(r.Criteria, c)
	}
	rows.Close()
	rows, err = db.query(ctx, `SELECT c.user_id, a.display_name FROM nomination_committee c JOIN app_users a ON a.id = c.user_id WHERE c.round_id = ? ORDER BY a.display_name, c.user_id`, id)
	if err != nil {
		return nil, fmt.Errorf("round committee: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m budaya.CommitteeMember
		if err := rows.Scan(&m.UserID, &m.Name); err != nil {
			return nil, err
		}
		r.Committee = append(r.Committee, m)
	}
	return r, rows.Err()
}

// ListRounds returns every round, newest first.
func (db *DB) ListRounds(ctx context.Context) ([]budaya.NominationRound, error) {
	rows, err := db.query(ctx, `SELECT `+roundColumns+` FROM nomination_rounds r ORDER BY r.created_at DESC, r.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	return scanAll(rows, scanRound)
}

// IsCommitteeMember reports whether user sits on the committee of round.
func (db *DB) IsCommitteeMember(ctx context.Context, roundID, userID int64) (bool, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM nomination_committee WHERE round_id = ? AND user_id = ?`, roundID, userID).Scan(&n)
	return n > 0, err
}

// SetCommittee replaces the committee of a round that is not yet announced.
func (db *DB) SetCommittee(ctx context.Context, actor budaya.Actor, roundID int64, userIDs []int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		status, err := tx.roundStatus(ctx, roundID)
		if err != nil {
			return err
		}
		if status == budaya.RoundAnnounced {
			return errRoundAnnounced()
		}
		seen := map[int64]bool{}
		var members []int64
		for _, id := range userIDs {
			if id <= 0 || seen[id] {
				continue
			}
			seen[id] = true
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM app_users WHERE id = ? AND NOT `+userDisabled, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return budaya.Invalid("committee", budaya.MsgCommitteeMemberUserID, id)
			}
			members = append(members, id)
		}
		var scored int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM nomination_scores WHERE round_id = ?`, roundID).Scan(&scored); err != nil {
			return err
		}
		old, err := tx.committee(ctx, roundID)
		if err != nil {
			return err
		}
		for _, o := range old {
			if !seen[o] && scored > 0 {
				var n int
				if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM nomination_scores WHERE round_id = ? AND user_id = ?`, roundID, o).Scan(&n); err != nil {
					return err
				}
				if n > 0 {
					return budaya.Invalid("committee", budaya.MsgMemberWhoAlreadyScored)
				}
			}
		}
		if _, err := tx.exec(ctx, `DELETE FROM nomination_committee WHERE round_id = ?`, roundID); err != nil {
			return err
		}
		for _, id := range members {
			if _, err := tx.exec(ctx, `INSERT INTO nomination_committee (round_id, user_id) VALUES (?, ?)`, roundID, id); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "set_committee", "nomination_round", roundID, old, members)
	})
}

func (tx *Tx) committee(ctx context.Context, roundID int64) ([]int64, error) {
	rows, err := tx.query(ctx, `SELECT user_id FROM nomination_committee WHERE round_id = ? ORDER BY user_id`, roundID)
	if err != nil {
		return nil, err
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

func (tx *Tx) roundStatus(ctx context.Context, roundID int64) (string, error) {
	var status string
	err := tx.queryRow(ctx, `SELECT status FROM nomination_rounds WHERE id = ?`, roundID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", budaya.NotFound(budaya.MsgNominationRoundNotFound)
	}
	return status, err
}

func errRoundAnnounced() error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgWinnersRoundAnnouncedRound)
}

// CheckNomination runs the checks of Nominate without writing, so that a
// form can refuse a nomination before its evidence files are stored.
func (db *DB) CheckNomination(ctx context.Context, actor budaya.Actor, roundID int64, in budaya.NominationInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	at := in.At
	if at.IsZero() {
		at = db.Now()
	}
	_, _, err := checkNomination(ctx, db, actor, roundID, in, at)
	return err
}

// checkNomination checks that the round takes nominations at time at, that
// the actor is linked to an employee who is not the nominee, that the nominee
// is active, and that this nominator has not nominated them in the round yet.
func checkNomination(ctx context.Context, q rowQuerier, actor budaya.Actor, roundID int64, in budaya.NominationInput, at time.Time) (nominator, nominee *budaya.Employee, err error) {
	r, err := scanRound(q.queryRow(ctx, `SELECT `+roundColumns+` FROM nomination_rounds r WHERE r.id = ?`, roundID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, budaya.NotFound(budaya.MsgNominationRoundNotFound)
	}
	if err != nil {
		return nil, nil, err
	}
	if r.Status != budaya.RoundOpen || at.After(r.NominateUntil) {
		return nil, nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgNominationsRoundClosed)
	}
	if nominator, err = employeeOfUser(ctx, q, actor.UserID); err != nil {
		return nil, nil, err
	}
	if nominator.ID == in.NomineeID {
		return nil, nil, budaya.Invalid("nominee", budaya.MsgCannotNominateYourself)
	}
	nominee, err = findEmployee(ctx, q, `id = ?`, in.NomineeID)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND || err == nil && !nominee.Active {
		return nil, nil, budaya.Invalid("nominee", budaya.MsgNominatedColleagueDoesNotExist)
	}
	if err != nil {
		return nil, nil, err
	}
	if err := refuseRestricted(ctx, q, nominee.ID, "nominee"); err != nil {
		return nil, nil, err
	}
	var n int
	if err := q.queryRow(ctx, `SELECT COUNT(*) FROM nominations WHERE round_id = ? AND nominator_employee_id = ? AND nominee_employee_id = ?`,
		roundID, nominator.ID, nominee.ID).Scan(&n); err != nil {
		return nil, nil, err
	}
	if n > 0 {
		return nil, nil, budaya.Invalid("nominee", budaya.MsgAlreadyNominatedRound, nominee.FullName())
	}
	return nominator, nominee, nil
}

// Nominate stores a nomination by the employee linked to the actor's
// account, with the evidence files already stored. A round takes nominations
// only while open and before its deadline; nobody nominates themselves, and
// each nominator proposes a colleague once per round.
func (db *DB) Nominate(ctx context.Context, actor budaya.Actor, roundID int64, in budaya.NominationInput) (*budaya.Nomination, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	at := in.At
	if at.IsZero() {
		at = db.Now()
	}
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		nominator, nominee, err := checkNomination(ctx, tx, actor, roundID, in, at)
		if err != nil {
			return err
		}
		id, err = tx.insert(ctx, `INSERT INTO nominations (round_id, nominee_employee_id, nominator_employee_id, reason, created_at) VALUES (?, ?, ?, ?, ?)`,
			roundID, nominee.ID, nominator.ID, in.Reason, at.UTC())
		if isUniqueViolation(err) {
			return budaya.Invalid("nominee", budaya.MsgAlreadyNominatedRound, nominee.FullName())
		}
		if err != nil {
			return fmt.Errorf("insert nomination: %w", err)
		}
		if err := tx.linkEvidence(ctx, "nomination_evidence", "nomination_id", id, in.EvidenceIDs); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "nomination", id, nil, map[string]any{"round": roundID, "nominee": nominee.ID,
			"nominator": nominator.ID, "evidence": in.EvidenceIDs})
	})
	if err != nil {
		return nil, err
	}
	list, err := db.listNominations(ctx, `n.id = ?`, id)
	if err != nil {
		return nil, err
	}
	return &list[0], nil
}

// ListNominations returns the nominations of a round; nominatorID != 0 keeps only theirs.
func (db *DB) ListNominations(ctx context.Context, roundID, nominatorID int64) ([]budaya.Nomination, error) {
	if nominatorID != 0 {
		return db.listNominations(ctx, `n.round_id = ? AND n.nominator_employee_id = ?`, roundID, nominatorID)
	}
	return db.listNominations(ctx, `n.round_id = ?`, roundID)
}

func (db *DB) listNominations(ctx context.Context, cond string, args ...any) ([]budaya.Nomination, error) {
	rows, err := db.query(ctx, `SELECT n.id, n.round_id, n.nominee_employee_id, e.name, n.nominator_employee_id, m.name, n.reason, n.created_at
		FROM nominations n JOIN employees e ON e.id = n.nominee_employee_id JOIN employees m ON m.id = n.nominator_employee_id
		WHERE `+cond+` ORDER BY e.name, n.nominee_employee_id, n.created_at`, args...)
	if err != nil {
		return nil, fmt.Errorf("list nominations: %w", err)
	}
	out := []budaya.Nomination{}
	idx := map[int64]int{}
	for rows.Next() {
		var n budaya.Nomination
		if err := rows.Scan(&n.ID, &n.RoundID, &n.NomineeID, &n.NomineeName, &n.NominatorID, &n.NominatorName, &n.Reason, &n.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		n.CreatedAt = n.CreatedAt.UTC()
		idx[n.ID] = len(out)
		out = append(out, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(out))
	for _, n := range out {
		ids = append(ids, n.ID)
	}
	ev, err := db.query(ctx, `SELECT nomination_id, evidence_id FROM nomination_evidence WHERE nomination_id IN (`+placeholders(len(ids))+`) ORDER BY evidence_id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("nomination evidence: %w", err)
	}
	defer ev.Close()
	for ev.Next() {
		var nid, eid int64
		if err := ev.Scan(&nid, &eid); err != nil {
			return nil, err
		}
		out[idx[nid]].EvidenceIDs = append(out[idx[nid]].EvidenceIDs, eid)
	}
	return out, ev.Err()
}

// NominationForEvidence returns the nomination that evidence id supports, for authorising its download.
func (db *DB) NominationForEvidence(ctx context.Context, roundID, evidenceID int64) (*budaya.Nomination, error) {
	list, err := db.listNominations(ctx, `n.round_id = ? AND n.id IN (SELECT nomination_id FROM nomination_evidence WHERE evidence_id = ?)`, roundID, evidenceID)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, budaya.NotFound(budaya.MsgEvidenceNotFound)
	}
	return &list[0], nil
}

// CloseNominations moves an open round to scoring: nominations end and the committee starts.
func (db *DB) CloseNominations(ctx context.Context, actor budaya.Actor, roundID int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		status, err := tx.roundStatus(ctx, roundID)
		if err != nil {
			return err
		}
		if status != budaya.RoundOpen {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgRoundNotTakingNominations)
		}
		if _, err := tx.exec(ctx, `UPDATE nomination_rounds SET status = ? WHERE id = ?`, budaya.RoundScoring, roundID); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "close_nominations", "nomination_round", roundID, status, budaya.RoundScoring)
	})
}

// committeeTx checks that the actor sits on the committee of a round in
// scoring and that nominee was nominated in it.
func (tx *Tx) committeeCheck(ctx context.Context, actor budaya.Actor, roundID, nomineeID int64) error {
	status, err := tx.roundStatus(ctx, roundID)
	if err != nil {
		return err
	}
	if status != budaya.RoundScoring {
		return budaya.Errorf(budaya.ECONFLICT, budaya.MsgScoringPossibleOnlyAfterNominations)
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM nomination_committee WHERE round_id = ? AND user_id = ?`, roundID, actor.UserID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgNotCommitteeRound)
	}
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM nominations WHERE round_id = ? AND nominee_employee_id = ?`, roundID, nomineeID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return budaya.Invalid("nominee", budaya.MsgEmployeeNotNominatedRound)
	}
	return nil
}

// Declare records a committee member's conflict-of-interest statement about a
// nominee, which must come before scoring them. A declared conflict is final
// and removes the member from that nominee (any scores they gave are
// dropped); "no conflict" may later become a conflict, never the reverse.
// A member who is the nominee always has a conflict.
func (db *DB) Declare(ctx context.Context, actor budaya.Actor, roundID, nomineeID int64, conflict bool, note string) error {
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > 500 {
		return budaya.Invalid("note", budaya.MsgNoteMayMostCharacters)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.committeeCheck(ctx, actor, roundID, nomineeID); err != nil {
			return err
		}
		if !conflict {
			var emp sql.NullInt64
			if err := tx.queryRow(ctx, `SELECT employee_id FROM app_users WHERE id = ?`, actor.UserID).Scan(&emp); err != nil {
				return err
			}
			if emp.Valid && emp.Int64 == nomineeID {
				return budaya.Invalid("conflict", budaya.MsgNomineeDeclareConflictInterest)
			}
		}
		var old sql.NullBool
		err := tx.queryRow(ctx, `SELECT conflict FROM committee_declarations WHERE round_id = ? AND user_id = ? AND nominee_employee_id = ?`,
			roundID, actor.UserID, nomineeID).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		switch {
		case old.Valid && old.Bool:
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgAlreadyDeclaredConflictInterest)
		case old.Valid && !conflict:
			return nil
		case old.Valid:
			if _, err := tx.exec(ctx, `UPDATE committee_declarations SET conflict = ?, note = ?, declared_at = ? WHERE round_id = ? AND user_id = ? AND nominee_employee_id = ?`,
				true, note, db.Now(), roundID, actor.UserID, nomineeID); err != nil {
				return err
			}
		default:
			if _, err := tx.exec(ctx, `INSERT INTO committee_declarations (round_id, user_id, nominee_employee_id, conflict, note, declared_at) VALUES (?, ?, ?, ?, ?, ?)`,
				roundID, actor.UserID, nomineeID, conflict, note, db.Now()); err != nil {
				return err
			}
		}
		if conflict {
			if _, err := tx.exec(ctx, `DELETE FROM nomination_scores WHERE round_id = ? AND user_id = ? AND nominee_employee_id = ?`, roundID, actor.UserID, nomineeID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "declare", "nomination_round", roundID, nil, map[string]any{"nominee": nomineeID, "conflict": conflict, "note": note})
	})
}

// ScoreNominee stores a committee member's scores of a nominee on every
// criterion. The member must have declared no conflict for that nominee.
func (db *DB) ScoreNominee(ctx context.Context, actor budaya.Actor, roundID, nomineeID int64, scores map[int64]int) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.committeeCheck(ctx, actor, roundID, nomineeID); err != nil {
			return err
		}
		var conflict sql.NullBool
		err := tx.queryRow(ctx, `SELECT conflict FROM committee_declarations WHERE round_id = ? AND user_id = ? AND nominee_employee_id = ?`,
			roundID, actor.UserID, nomineeID).Scan(&conflict)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if !conflict.Valid {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgFirstDeclareWhetherConflict)
		}
		if conflict.Bool {
			return budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgDeclaredConflictInterestNominee)
		}
		rows, err := tx.query(ctx, `SELECT id, name FROM nomination_criteria WHERE round_id = ? ORDER BY position`, roundID)
		if err != nil {
			return err
		}
		type crit struct {
			id   int64
			name string
		}
		var crits []crit
		for rows.Next() {
			var c crit
			if err := rows.Scan(&c.id, &c.name); err != nil {
				rows.Close()
				return err
			}
			crits = append(crits, c)
		}
		rows.Close()
		for _, c := range crits {
			v, ok := scores[c.id]
			if !ok || v < 1 || v > budaya.MaxScore {
				return budaya.Invalid("score", budaya.MsgGiveScoreFromCriterion, budaya.MaxScore, c.name)
			}
		}
		if len(scores) != len(crits) {
			return budaya.Invalid("score", budaya.MsgScoresGivenCriteriaNotPart)
		}
		now := db.Now()
		for _, c := range crits {
			if _, err := tx.exec(ctx, `DELETE FROM nomination_scores WHERE round_id = ? AND user_id = ? AND nominee_employee_id = ? AND criterion_id = ?`,
				roundID, actor.UserID, nomineeID, c.id); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO nomination_scores (round_id, user_id, nominee_employee_id, criterion_id, score, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				roundID, actor.UserID, nomineeID, c.id, scores[c.id], now); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "score", "nomination_round", roundID, nil, map[string]any{"nominee": nomineeID, "scores": scores})
	})
}

// Declarations returns the declarations of a round; userID != 0 keeps only that member's.
func (db *DB) Declarations(ctx context.Context, roundID, userID int64) ([]budaya.Declaration, error) {
	q := `SELECT user_id, nominee_employee_id, conflict, note, declared_at FROM committee_declarations WHERE round_id = ?`
	args := []any{roundID}
	if userID != 0 {
		q, args = q+` AND user_id = ?`, append(args, userID)
	}
	rows, err := db.query(ctx, q+` ORDER BY user_id, nominee_employee_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("declarations: %w", err)
	}
	defer rows.Close()
	var out []budaya.Declaration
	for rows.Next() {
		var d budaya.Declaration
		if err := rows.Scan(&d.UserID, &d.NomineeID, &d.Conflict, &d.Note, &d.At); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Scores returns the scores of a round; userID != 0 keeps only that member's.
func (db *DB) Scores(ctx context.Context, roundID, userID int64) ([]budaya.Score, error) {
	q := `SELECT user_id, nominee_employee_id, criterion_id, score FROM nomination_scores WHERE round_id = ?`
	args := []any{roundID}
	if userID != 0 {
		q, args = q+` AND user_id = ?`, append(args, userID)
	}
	rows, err := db.query(ctx, q+` ORDER BY user_id, nominee_employee_id, criterion_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("scores: %w", err)
	}
	defer rows.Close()
	var out []budaya.Score
	for rows.Next() {
		var s budaya.Score
		if err := rows.Scan(&s.UserID, &s.NomineeID, &s.CriterionID, &s.Value); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// RoundResults tallies a round (budaya.TallyRound); after the announcement the winners are marked.
func (db *DB) RoundResults(ctx context.Context, roundID int64) ([]budaya.NomineeResult, error) {
	r, err := db.FindRound(ctx, roundID)
	if err != nil {
		return nil, err
	}
	return db.roundResults(ctx, r)
}

func (db *DB) roundResults(ctx context.Context, r *budaya.NominationRound) ([]budaya.NomineeResult, error) {
	rows, err := db.query(ctx, `SELECT n.nominee_employee_id, e.name, COUNT(*) FROM nominations n JOIN employees e ON e.id = n.nominee_employee_id
		WHERE n.round_id = ? GROUP BY n.nominee_employee_id, e.name ORDER BY n.nominee_employee_id`, r.ID)
	if err != nil {
		return nil, fmt.Errorf("round nominees: %w", err)
	}
	var nominees []budaya.NomineeResult
	for rows.Next() {
		var n budaya.NomineeResult
		if err := rows.Scan(&n.NomineeID, &n.Name, &n.Nominations); err != nil {
			rows.Close()
			return nil, err
		}
		nominees = append(nominees, n)
	}
	rows.Close()
	decls, err := db.Declarations(ctx, r.ID, 0)
	if err != nil {
		return nil, err
	}
	scores, err := db.Scores(ctx, r.ID, 0)
	if err != nil {
		return nil, err
	}
	out := budaya.TallyRound(r.Criteria, nominees, decls, scores)
	wrows, err := db.query(ctx, `SELECT nominee_employee_id FROM nomination_winners WHERE round_id = ?`, r.ID)
	if err != nil {
		return nil, err
	}
	defer wrows.Close()
	winners := map[int64]bool{}
	for wrows.Next() {
		var id int64
		if err := wrows.Scan(&id); err != nil {
			return nil, err
		}
		winners[id] = true
	}
	for i := range out {
		out[i].Winner = winners[out[i].NomineeID]
	}
	return out, wrows.Err()
}

// Announce closes scoring and names the winners: the round's number of
// nominees with the highest totals among those scored by at least one
// member without a conflict. Each winner gets a certificate number and a badge.
func (db *DB) Announce(ctx context.Context, actor budaya.Actor, roundID int64) ([]budaya.NomineeResult, error) {
	r, err := db.FindRound(ctx, roundID)
	if err != nil {
		return nil, err
	}
	if r.Status != budaya.RoundScoring {
		return nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgWinnersCanBeAnnounced)
	}
	results, err := db.roundResults(ctx, r)
	if err != nil {
		return nil, err
	}
	var winners []budaya.NomineeResult
	for _, res := range results {
		if res.Scorers > 0 && len(winners) < r.Winners {
			winners = append(winners, res)
		}
	}
	if len(winners) == 0 {
		return nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgNoNomineeYetBeenScored)
	}
	now := db.Now()
	err = db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE nomination_rounds SET status = ?, announced_at = ? WHERE id = ? AND status = ?`, budaya.RoundAnnounced, now, roundID, budaya.RoundScoring)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errRoundAnnounced()
		}
		var names []string
		for i, w := range winners {
			no := fmt.Sprintf("TELADAN/%d/%s/%03d/%d", now.Year(), r.ValueCode, roundID, i+1)
			if _, err := tx.exec(ctx, `INSERT INTO nomination_winners (round_id, nominee_employee_id, rank, total, certificate_no) VALUES (?, ?, ?, ?, ?)`,
				roundID, w.NomineeID, i+1, w.Total, no); err != nil {
				return fmt.Errorf("insert winner: %w", err)
			}
			names = append(names, w.Name)
		}
		return tx.audit(ctx, actor, "announce", "nomination_round", roundID, nil, map[string]any{"winners": names})
	})
	if err != nil {
		return nil, err
	}
	return db.roundResults(ctx, r)
}

// Certificate is what a winner's certificate shows.
type Certificate struct {
	Number    string
	Round     budaya.NominationRound
	Employee  budaya.Employee
	Rank      int
	Total     float64
	Announced time.Time
}

// FindCertificate returns the certificate of a winner of a round.
func (db *DB) FindCertificate(ctx context.Context, roundID, employeeID int64) (*Certificate, error) {
	r, err := db.FindRound(ctx, roundID)
	if err != nil {
		return nil, err
	}
	c := &Certificate{Round: *r, Announced: r.AnnouncedAt}
	err = db.queryRow(ctx, `SELECT certificate_no, rank, total FROM nomination_winners WHERE round_id = ? AND nominee_employee_id = ?`, roundID, employeeID).
		Scan(&c.Number, &c.Rank, &c.Total)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgCertificateNotFound)
	}
	if err != nil {
		return nil, err
	}
	e, err := db.FindEmployee(ctx, employeeID)
	if err != nil {
		return nil, err
	}
	c.Employee = *e
	return c, nil
}

// Badges returns the role-model awards of an employee, newest first.
func (db *DB) Badges(ctx context.Context, employeeID int64) ([]budaya.Badge, error) {
	rows, err := db.query(ctx, `SELECT r.id, r.title, r.period, r.value_code, w.rank, r.announced_at FROM nomination_winners w
		JOIN nomination_rounds r ON r.id = w.round_id WHERE w.nominee_employee_id = ? ORDER BY r.announced_at DESC, r.id DESC`, employeeID)
	if err != nil {
		return nil, fmt.Errorf("badges: %w", err)
	}
	defer rows.Close()
	var out []budaya.Badge
	for rows.Next() {
		var b budaya.Badge
		if err := rows.Scan(&b.RoundID, &b.Title, &b.Period, &b.ValueCode, &b.Rank, &b.Awarded); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// CommitteeCandidates lists enabled users who may sensibly sit on a
// committee (admins, unit leaders, change agents) and the members of round,
// by name; at most 300.
func (db *DB) CommitteeCandidates(ctx context.Context, roundID int64) ([]budaya.User, error) {
	rows, err := db.query(ctx, `SELECT `+userColumns+` FROM app_users WHERE NOT `+userDisabled+` AND (id IN (SELECT user_id FROM user_roles WHERE role IN ('admin', 'pimpinan', 'agen_perubahan'))
		OR id IN (SELECT user_id FROM nomination_committee WHERE round_id = ?)) ORDER BY display_name, id LIMIT 300`, roundID)
	if err != nil {
		return nil, fmt.Errorf("committee candidates: %w", err)
	}
	return scanAll(rows, scanUser)
}
