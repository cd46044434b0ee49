package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Perilaku kerja under Permenpan RB 6/2022: expectations and feedback per
// value, ratings and the predikat kinerja.

// SaveExpectation stores (or replaces) the ekspektasi khusus pimpinan and the
// umpan balik berkelanjutan of one employee, term and value, with evidence.
func (db *DB) SaveExpectation(ctx context.Context, actor budaya.Actor, in budaya.Expectation) (*budaya.Expectation, error) {
	if err := budaya.ValidateTerm(in.Year, in.Term); err != nil {
		return nil, err
	}
	in.ValueCode = strings.ToUpper(strings.TrimSpace(in.ValueCode))
	in.Expectation, in.Feedback = strings.TrimSpace(in.Expectation), strings.TrimSpace(in.Feedback)
	if len([]rune(in.Expectation)) > 2000 || len([]rune(in.Feedback)) > 4000 {
		return nil, budaya.Invalid("feedback", budaya.MsgExpectationMayMostCharacters)
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		return nil, err
	}
	known := false
	for _, v := range f.CoreValues() {
		known = known || v.Code == in.ValueCode
	}
	if !known {
		return nil, budaya.Invalid("value", budaya.MsgValueNotBerakhlakValue, in.ValueCode)
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		now := db.Now()
		var id int64
		err := tx.queryRow(ctx, `SELECT id FROM perilaku_expectations WHERE employee_id = ? AND year = ? AND term = ? AND value_code = ?`,
			in.EmployeeID, in.Year, in.Term, in.ValueCode).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id, err = tx.insert(ctx, `INSERT INTO perilaku_expectations (employee_id, year, term, value_code, expectation, feedback, evaluator_employee_id, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.EmployeeID, in.Year, in.Term, in.ValueCode, in.Expectation, in.Feedback, nullID(in.EvaluatorID), now)
			if err != nil {
				return fmt.Errorf("insert expectation: %w", err)
			}
		case err != nil:
			return err
		default:
			if _, err := tx.exec(ctx, `UPDATE perilaku_expectations SET expectation = ?, feedback = ?, evaluator_employee_id = ?, updated_at = ? WHERE id = ?`,
				in.Expectation, in.Feedback, nullID(in.EvaluatorID), now, id); err != nil {
				return fmt.Errorf("update expectation: %w", err)
			}
		}
		in.ID = id
		// Not tx.linkEvidence: saving an expectation again may name a file it
		// already links, which is kept rather than refused.
		for _, ev := range in.EvidenceIDs {
			if _, err := tx.exec(ctx, `INSERT INTO perilaku_expectation_evidence (expectation_id, evidence_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, ev); err != nil {
				return fmt.Errorf("link evidence: %w", err)
			}
		}
		return tx.audit(ctx, actor, "save", "perilaku_expectation", id, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// ListExpectations returns the expectations of one employee and term, by value code.
func (db *DB) ListExpectations(ctx context.Context, employeeID int64, year int, term string) (map[string]budaya.Expectation, error) {
	rows, err := db.query(ctx, `SELECT id, employee_id, year, term, value_code, expectation, feedback, COALESCE(evaluator_employee_id, 0), updated_at
		FROM perilaku_expectations WHERE employee_id = ? AND year = ? AND term = ?`, employeeID, year, term)
	if err != nil {
		return nil, fmt.Errorf("list expectations: %w", err)
	}
	out := map[string]budaya.Expectation{}
	for rows.Next() {
		var e budaya.Expectation
		if err := rows.Scan(&e.ID, &e.EmployeeID, &e.Year, &e.Term, &e.ValueCode, &e.Expectation, &e.Feedback, &e.EvaluatorID, &e.UpdatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		out[e.ValueCode] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for code, e := range out {
		erows, err := db.query(ctx, `SELECT evidence_id FROM perilaku_expectation_evidence WHERE expectation_id = ? ORDER BY evidence_id`, e.ID)
		if err != nil {
			return nil, err
		}
		for erows.Next() {
			var id int64
			if err := erows.Scan(&id); err != nil {
				erows.Close()
				return nil, err
			}
			e.EvidenceIDs = append(e.EvidenceIDs, id)
		}
		erows.Close()
		out[code] = e
	}
	return out, nil
}

// ExpectationEvidenceOwner returns the employee whose expectation evidenceID supports.
func (db *DB) ExpectationEvidenceOwner(ctx context.Context, evidenceID int64) (int64, error) {
	var emp int64
	err := db.queryRow(ctx, `SELECT e.employee_id FROM perilaku_expectation_evidence x JOIN perilaku_expectations e ON e.id = x.expectation_id
		WHERE x.evidence_id = ? LIMIT 1`, evidenceID).Scan(&emp)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, budaya.NotFound(budaya.MsgEvidenceNotFound)
	}
	return emp, err
}

// RatePerilaku stores the perilaku kerja and/or hasil kerja rating of one
// employee and term and the predikat kinerja that the matrix gives.
func (db *DB) RatePerilaku(ctx context.Context, actor budaya.Actor, rules *budaya.PerformanceRules, in budaya.RatingInput) (*budaya.PerilakuRating, error) {
	if err := validateRating(rules, &in); err != nil {
		return nil, err
	}
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.ratePerilaku(ctx, actor, rules, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return db.findRating(ctx, `r.id = ?`, id)
}

func validateRating(rules *budaya.PerformanceRules, in *budaya.RatingInput) error {
	if err := budaya.ValidateTerm(in.Year, in.Term); err != nil {
		return err
	}
	if err := rules.ValidateRating("perilaku", in.Perilaku, true); err != nil {
		return err
	}
	if err := rules.ValidateRating("hasil_kerja", in.HasilKerja, true); err != nil {
		return err
	}
	if in.Perilaku == "" && in.HasilKerja == "" {
		return budaya.Invalid("perilaku", budaya.MsgEnterPerilakuKerjaHasil)
	}
	if in.HasilKerja != "" && in.HasilSource == "" {
		in.HasilSource = "manual"
	}
	return nil
}

func (tx *Tx) ratePerilaku(ctx context.Context, actor budaya.Actor, rules *budaya.PerformanceRules, in budaya.RatingInput) (int64, error) {
	var unitID int64
	var active bool
	err := tx.queryRow(ctx, `SELECT unit_id, active FROM employees WHERE id = ?`, in.EmployeeID).Scan(&unitID, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, budaya.NotFound(budaya.MsgEmployeeNotFound)
	}
	if err != nil {
		return 0, err
	}
	var id int64
	var perilaku, hasil, source string
	err = tx.queryRow(ctx, `SELECT id, perilaku, hasil_kerja, hasil_source FROM perilaku_ratings WHERE employee_id = ? AND year = ? AND term = ?`,
		in.EmployeeID, in.Year, in.Term).Scan(&id, &perilaku, &hasil, &source)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	old := map[string]string{"perilaku": perilaku, "hasil_kerja": hasil}
	if in.Perilaku != "" {
		perilaku = in.Perilaku
	}
	if in.HasilKerja != "" {
		hasil, source = in.HasilKerja, in.HasilSource
	}
	predikat := rules.PredikatOf(hasil, perilaku)
	now := tx.db.Now()
	if id == 0 {
		id, err = tx.insert(ctx, `INSERT INTO perilaku_ratings (employee_id, year, term, unit_id, evaluator_employee_id, perilaku, hasil_kerja, hasil_source, predikat, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.EmployeeID, in.Year, in.Term, unitID, nullID(in.EvaluatorID), perilaku, hasil, source, predikat, now)
	} else {
		_, err = tx.exec(ctx, `UPDATE perilaku_ratings SET unit_id = ?, evaluator_employee_id = COALESCE(?, evaluator_employee_id), perilaku = ?, hasil_kerja = ?,
			hasil_source = ?, predikat = ?, updated_at = ? WHERE id = ?`, unitID, nullID(in.EvaluatorID), perilaku, hasil, source, predikat, now, id)
	}
	if err != nil {
		return 0, fmt.Errorf("save rating: %w", err)
	}
	return id, tx.audit(ctx, actor, "rate", "perilaku_rating", id, old,
		map[string]string{"perilaku": perilaku, "hasil_kerja": hasil, "hasil_source": source, "predikat": predikat})
}

// HasilRow is one row of an e-Kinerja export: an employee's hasil kerja rating.
type HasilRow struct {
	Line       int
	NIP        string
	HasilKerja string
}

// ImportHasilKerja sets the hasil kerja ratings of a term from an e-Kinerja
// export, all rows or none: a row with an unknown NIP or rating fails the whole
// import with the line named.
func (db *DB) ImportHasilKerja(ctx context.Context, actor budaya.Actor, rules *budaya.PerformanceRules, year int, term string, rows []HasilRow) (int, error) {
	if err := budaya.ValidateTerm(year, term); err != nil {
		return 0, err
	}
	n := 0
	err := db.inTx(ctx, func(tx *Tx) error {
		for _, r := range rows {
			nip := budaya.NormalizeNIP(r.NIP)
			var emp int64
			err := tx.queryRow(ctx, `SELECT id FROM employees WHERE nip = ? OR other_id = ?`, nip, strings.TrimSpace(r.NIP)).Scan(&emp)
			if errors.Is(err, sql.ErrNoRows) {
				return budaya.Invalid("file", budaya.MsgLineNIPNotFound, r.Line, r.NIP)
			}
			if err != nil {
				return err
			}
			in := budaya.RatingInput{EmployeeID: emp, Year: year, Term: term, HasilKerja: normaliseRating(rules, r.HasilKerja), HasilSource: "ekinerja"}
			if err := rules.ValidateRating("hasil_kerja", in.HasilKerja, false); err != nil {
				e := budaya.AsError(err)
				e.Message = fmt.Sprintf("Baris %d: %s", r.Line, e.Message)
				e.MessageEN = fmt.Sprintf("Line %d: %s", r.Line, e.MessageEN)
				return e
			}
			if _, err := tx.ratePerilaku(ctx, actor, rules, in); err != nil {
				return err
			}
			n++
		}
		return tx.audit(ctx, actor, "import", "hasil_kerja", fmt.Sprintf("%d/%s", year, term), nil, map[string]int{"rows": n})
	})
	return n, err
}

// normaliseRating accepts the ways e-Kinerja exports write a rating
// ("DIATAS EKSPEKTASI", "di atas ekspektasi").
func normaliseRating(rules *budaya.PerformanceRules, s string) string {
	flat := func(x string) string { return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(x)), " ", "") }
	for _, v := range rules.Scale {
		if flat(v) == flat(s) {
			return v
		}
	}
	return strings.TrimSpace(s)
}

const ratingSelect = `SELECT r.id, r.employee_id, e.name, r.year, r.term, r.unit_id, COALESCE(r.evaluator_employee_id, 0), r.perilaku, r.hasil_kerja,
	r.hasil_source, r.predikat, r.updated_at FROM perilaku_ratings r JOIN employees e ON e.id = r.employee_id`

func scanRating(row interface{ Scan(...any) error }) (*budaya.PerilakuRating, error) {
	var r budaya.PerilakuRating
	err := row.Scan(&r.ID, &r.EmployeeID, &r.EmployeeName, &r.Year, &r.Term, &r.UnitID, &r.EvaluatorID, &r.Perilaku, &r.HasilKerja, &r.HasilSource, &r.Predikat, &r.UpdatedAt)
	return &r, err
}

func (db *DB) findRating(ctx context.Context, cond string, args ...any) (*budaya.PerilakuRating, error) {
	r, err := scanRating(db.queryRow(ctx, ratingSelect+` WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgRatingNotFound)
	}
	return r, err
}

// ListPerilaku returns the ratings that match f, by employee name.
func (db *DB) ListPerilaku(ctx context.Context, f budaya.PerilakuFilter) ([]budaya.PerilakuRating, error) {
	where := []string{"1 = 1"}
	var args []any
	if f.Year != 0 {
		where, args = append(where, "r.year = ?"), append(args, f.Year)
	}
	if f.Term != "" {
		where, args = append(where, "r.term = ?"), append(args, f.Term)
	}
	if f.UnitID != 0 {
		where, args = append(where, "r.unit_id IN (SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE id = ?) || '%')"), append(args, f.UnitID)
	}
	if f.SupervisorID != 0 {
		where, args = append(where, "e.supervisor_id = ?"), append(args, f.SupervisorID)
	}
	if f.EmployeeID != 0 {
		where, args = append(where, "r.employee_id = ?"), append(args, f.EmployeeID)
	}
	rows, err := db.query(ctx, ratingSelect+` WHERE `+strings.Join(where, " AND ")+` ORDER BY e.name, r.employee_id, r.year, r.term`, args...)
	if err != nil {
		return nil, fmt.Errorf("list ratings: %w", err)
	}
	return scanAll(rows, scanRating)
}

// SetCapaian records the capaian kinerja organisasi of a term.
func (db *DB) SetCapaian(ctx context.Context, actor budaya.Actor, rules *budaya.PerformanceRules, year int, term, capaian string) error {
	if err := budaya.ValidateTerm(year, term); err != nil {
		return err
	}
	ok := false
	for _, c := range rules.Capaian {
		ok = ok || c == capaian
	}
	if !ok {
		return budaya.Invalid("capaian", budaya.MsgUnknownOrganisationalCapaianChoose, capaian, strings.Join(rules.Capaian, " / "))
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `INSERT INTO organisation_capaian (year, term, capaian, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (year, term) DO UPDATE SET capaian = excluded.capaian, updated_at = excluded.updated_at`, year, term, capaian, db.Now()); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "set", "organisation_capaian", fmt.Sprintf("%d/%s", year, term), nil, capaian)
	})
}

// Capaian returns the capaian kinerja organisasi of a term, or "" when not set.
func (db *DB) Capaian(ctx context.Context, year int, term string) (string, error) {
	var c string
	err := db.queryRow(ctx, `SELECT capaian FROM organisation_capaian WHERE year = ? AND term = ?`, year, term).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return c, err
}

// UnitDistribution counts the predikat of a unit (with the units below it) in a
// term and checks them against the pattern of the organisation's capaian.
func (db *DB) UnitDistribution(ctx context.Context, rules *budaya.PerformanceRules, unitID int64, year int, term string) (budaya.Distribution, error) {
	capaian, err := db.Capaian(ctx, year, term)
	if err != nil {
		return budaya.Distribution{}, err
	}
	rs, err := db.ListPerilaku(ctx, budaya.PerilakuFilter{Year: year, Term: term, UnitID: unitID})
	if err != nil {
		return budaya.Distribution{}, err
	}
	var ps []string
	for _, r := range rs {
		ps = append(ps, r.Predikat)
	}
	return rules.CheckDistribution(capaian, ps), nil
}
