package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// ResponseRates returns, for every snapshot unit of a period (or those under
// underUnitID when it is not 0), how many tasks of instrument are completed,
// counting the units below each unit. It never names who has not answered.
func (db *DB) ResponseRates(ctx context.Context, periodID int64, instrument string, underUnitID int64) ([]budaya.ResponseRate, error) {
	rows, err := db.query(ctx, `SELECT unit_id, COALESCE(parent_unit_id, 0), name, path, depth FROM snapshot_units WHERE period_id = ? ORDER BY path`, periodID)
	if err != nil {
		return nil, fmt.Errorf("snapshot units: %w", err)
	}
	var out []budaya.ResponseRate
	index := map[int64]int{}
	for rows.Next() {
		var r budaya.ResponseRate
		var parent int64
		if err := rows.Scan(&r.UnitID, &parent, &r.UnitName, &r.Path, &r.Depth); err != nil {
			rows.Close()
			return nil, err
		}
		index[r.UnitID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	counts, err := db.unitTaskCounts(ctx, periodID, instrument)
	if err != nil {
		return nil, err
	}
	for unit, c := range counts {
		i, ok := index[unit]
		if !ok {
			continue
		}
		// Add to the unit and to every ancestor in the snapshot path.
		for _, part := range strings.Split(strings.Trim(out[i].Path, "/"), "/") {
			var id int64
			if _, err := fmt.Sscan(part, &id); err != nil {
				continue
			}
			if j, ok := index[id]; ok {
				out[j].Total += c.total
				out[j].Completed += c.completed
			}
		}
	}
	if instrument == budaya.InstrumentSurvey {
		var k int
		if err := db.queryRow(ctx, `SELECT min_group FROM measurement_periods WHERE id = ?`, periodID).Scan(&k); err != nil {
			return nil, fmt.Errorf("period threshold: %w", err)
		}
		for i := range out {
			if out[i].Total < k {
				out[i].Completed, out[i].Suppressed = 0, true
			}
		}
	}
	if underUnitID != 0 {
		i, ok := index[underUnitID]
		if !ok {
			return []budaya.ResponseRate{}, nil
		}
		prefix := out[i].Path
		var sub []budaya.ResponseRate
		for _, r := range out {
			if strings.HasPrefix(r.Path, prefix) {
				sub = append(sub, r)
			}
		}
		out = sub
	}
	if out == nil {
		out = []budaya.ResponseRate{}
	}
	return out, nil
}

// Reminder is someone who still has open 360 tasks in a period.
type Reminder struct {
	EmployeeID int64
	Name       string
	UnitName   string
	Open       int
}

// Reminders lists the raters with open 360 tasks in the units of scope (paths
// of the period's snapshot), with how many; it does not say whom they still have to rate.
func (db *DB) Reminders(ctx context.Context, periodID int64, scope budaya.UnitScope) ([]Reminder, error) {
	q := `SELECT t.rater_employee_id, s.name, COALESCE(u.name, ''), COUNT(*)
		FROM measurement_tasks t
		JOIN snapshot_staff s ON s.period_id = t.period_id AND s.employee_id = t.rater_employee_id
		LEFT JOIN snapshot_units u ON u.period_id = s.period_id AND u.unit_id = s.unit_id
		WHERE t.period_id = ? AND t.instrument = '360' AND t.status = 'open'`
	cond, args := scopeCond("u.path", scope)
	q += ` AND ` + cond
	args = append([]any{periodID}, args...)
	rows, err := db.query(ctx, q+` GROUP BY t.rater_employee_id, s.name, u.name ORDER BY s.name, t.rater_employee_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	defer rows.Close()
	out := []Reminder{}
	for rows.Next() {
		var r Reminder
		if err := rows.Scan(&r.EmployeeID, &r.Name, &r.UnitName, &r.Open); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SnapshotMember is an employee as frozen in a period's snapshot.
type SnapshotMember struct {
	EmployeeID   int64
	Name         string
	UnitID       int64
	UnitName     string
	UnitPath     string
	SupervisorID int64
}

// FindSnapshotMember returns employeeID as frozen in period periodID.
func (db *DB) FindSnapshotMember(ctx context.Context, periodID, employeeID int64) (*SnapshotMember, error) {
	var m SnapshotMember
	err := db.queryRow(ctx, `SELECT s.employee_id, s.name, s.unit_id, COALESCE(u.name, ''), COALESCE(u.path, ''), COALESCE(s.supervisor_id, 0)
		FROM snapshot_staff s LEFT JOIN snapshot_units u ON u.period_id = s.period_id AND u.unit_id = s.unit_id
		WHERE s.period_id = ? AND s.employee_id = ?`, periodID, employeeID).
		Scan(&m.EmployeeID, &m.Name, &m.UnitID, &m.UnitName, &m.UnitPath, &m.SupervisorID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound("Pegawai dalam periode ini", "Employee in this period")
	}
	if err != nil {
		return nil, fmt.Errorf("snapshot member: %w", err)
	}
	return &m, nil
}

// InAtasanLine reports whether viewer is an atasan of employee (direct or
// further up) in the period's snapshot.
func (db *DB) InAtasanLine(ctx context.Context, periodID, viewer, employee int64) (bool, error) {
	seen := map[int64]bool{}
	cur := employee
	for cur != 0 && !seen[cur] {
		seen[cur] = true
		var sup int64
		err := db.queryRow(ctx, `SELECT COALESCE(supervisor_id, 0) FROM snapshot_staff WHERE period_id = ? AND employee_id = ?`, periodID, cur).Scan(&sup)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if sup == viewer && viewer != 0 {
			return true, nil
		}
		cur = sup
	}
	return false, nil
}

type reportAnswer struct {
	ratee    int64
	group    string
	response string
	code     string
	score    int
	comment  string
}

// Report360 builds the individual 360 report of employeeID in periodID. Peer
// and bawahan groups with fewer than budaya.MinRaters360 respondents are
// suppressed, with their comments; the combined "others" figure and the unit
// comparison use only shown groups, so no suppressed group can be recovered by
// subtraction.
func (db *DB) Report360(ctx context.Context, periodID, employeeID int64) (*budaya.Report360, error) {
	p, err := db.FindPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	if !p.Has360 {
		return nil, budaya.Errorf(budaya.EINVALID, "Periode %q tidak memuat penilaian 360.", "Period %q has no 360 assessment.", p.Name)
	}
	m, err := db.FindSnapshotMember(ctx, periodID, employeeID)
	if err != nil {
		return nil, err
	}
	f, err := db.periodFramework(ctx, p.FrameworkID)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT COALESCE(ratee_employee_id, 0), rater_group, response_id, behaviour_code, score, comment FROM measurement_answers
		WHERE period_id = ? AND instrument = '360' AND unit_id = ? AND rater_group <> 'self'
		UNION ALL
		SELECT COALESCE(ratee_employee_id, 0), rater_group, response_id, behaviour_code, score, comment FROM measurement_answers
		WHERE period_id = ? AND instrument = '360' AND ratee_employee_id = ? AND rater_group = 'self'`, periodID, m.UnitID, periodID, employeeID)
	if err != nil {
		return nil, fmt.Errorf("load answers: %w", err)
	}
	var answers []reportAnswer
	for rows.Next() {
		var a reportAnswer
		if err := rows.Scan(&a.ratee, &a.group, &a.response, &a.code, &a.score, &a.comment); err != nil {
			rows.Close()
			return nil, err
		}
		answers = append(answers, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Respondents per (ratee, group) decide what is shown.
	type rg struct {
		ratee int64
		group string
	}
	respondents := map[rg]map[string]bool{}
	for _, a := range answers {
		k := rg{a.ratee, a.group}
		if respondents[k] == nil {
			respondents[k] = map[string]bool{}
		}
		respondents[k][a.response] = true
	}
	shown := func(k rg) bool {
		if budaya.Attributed(k.group) {
			return true
		}
		return len(respondents[k]) >= budaya.MinRaters360
	}
	rep := &budaya.Report360{PeriodID: p.ID, PeriodName: p.Name, EmployeeID: employeeID, EmployeeName: m.Name, UnitName: m.UnitName,
		MinGroup: budaya.MinRaters360, Comments: map[string][]string{}}
	type acc struct {
		sum       float64
		n         int
		responses map[string]bool
		anonymous map[string]bool // responses of peer and bawahan raters
	}
	add := func(mp map[string]*acc, key, response, group string, score int) {
		a := mp[key]
		if a == nil {
			a = &acc{responses: map[string]bool{}, anonymous: map[string]bool{}}
			mp[key] = a
		}
		a.sum += float64(score)
		a.n++
		a.responses[response] = true
		if !budaya.Attributed(group) {
			a.anonymous[response] = true
		}
	}
	valueOf := map[string]string{}
	for _, v := range f.CoreValues() {
		for _, b := range v.Behaviours {
			valueOf[b.Code] = v.Code
		}
	}
	own := map[string]*acc{}  // group|code
	unit := map[string]*acc{} // code (others of every ratee of the unit, shown groups only)
	for _, a := range answers {
		k := rg{a.ratee, a.group}
		if !shown(k) {
			continue
		}
		if a.group != budaya.GroupSelf {
			add(unit, a.code, a.response, a.group, a.score)
			add(unit, valueOf[a.code], a.response, a.group, a.score)
		}
		if a.ratee != employeeID {
			continue
		}
		for _, key := range []string{a.group + "|" + a.code, a.group + "|" + valueOf[a.code]} {
			add(own, key, a.response, a.group, a.score)
		}
		if a.group != budaya.GroupSelf {
			add(own, "others|"+a.code, a.response, a.group, a.score)
			add(own, "others|"+valueOf[a.code], a.response, a.group, a.score)
		}
		if c := strings.TrimSpace(a.comment); c != "" {
			rep.Comments[a.group] = append(rep.Comments[a.group], a.code+": "+c)
		}
	}
	for g := range rep.Comments {
		sort.Strings(rep.Comments[g]) // never in the order they were given
	}
	score := func(group, code string) budaya.GroupScore {
		gs := budaya.GroupScore{Group: group}
		if group != "others" && !shown(rg{employeeID, group}) {
			gs.Suppressed = true
			gs.N = 0
			return gs
		}
		if a := own[group+"|"+code]; a != nil && a.n > 0 {
			// A peer who answered "tidak dapat menilai" is not in this
			// behaviour's answers: a shown group can then have fewer than the
			// threshold of anonymous raters on one behaviour, and that cell is
			// hidden like a small group.
			if n := len(a.anonymous); n > 0 && n < budaya.MinRaters360 {
				gs.Suppressed = true
				return gs
			}
			gs.N, gs.Mean = len(a.responses), a.sum/float64(a.n)
		}
		return gs
	}
	row := func(code, name string, isValue bool) budaya.ReportRow {
		r := budaya.ReportRow{Code: code, Name: name, IsValue: isValue}
		for _, g := range budaya.RaterGroups360 {
			r.Groups = append(r.Groups, score(g, code))
		}
		r.Others = score("others", code)
		if a := unit[code]; a != nil && a.n > 0 {
			r.UnitMean = a.sum / float64(a.n)
		}
		if r.Others.N > 0 && r.UnitMean > 0 {
			r.Gap = r.Others.Mean - r.UnitMean
		}
		return r
	}
	for _, v := range f.CoreValues() {
		rep.Values = append(rep.Values, row(v.Code, v.Name, true))
		for _, b := range v.Behaviours {
			rep.Behaviours = append(rep.Behaviours, row(b.Code, b.Text, false))
		}
	}
	var ranked []budaya.ReportRow
	for _, r := range rep.Behaviours {
		if r.Others.N > 0 && r.UnitMean > 0 {
			ranked = append(ranked, r)
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Gap > ranked[j].Gap })
	for i := 0; i < len(ranked) && i < 3; i++ {
		if ranked[i].Gap > 0 {
			rep.Strengths = append(rep.Strengths, ranked[i])
		}
	}
	for i := len(ranked) - 1; i >= 0 && len(rep.Gaps) < 3; i-- {
		if ranked[i].Gap < 0 {
			rep.Gaps = append(rep.Gaps, ranked[i])
		}
	}
	return rep, nil
}

// EachAnswer calls fn for every stored answer of a period and instrument, in
// response id order (random, so it says nothing about who or when).
func (db *DB) EachAnswer(ctx context.Context, periodID int64, instrument string, fn func(budaya.AnswerRecord) error) error {
	rows, err := db.query(ctx, `SELECT response_id, period_id, instrument, unit_id, COALESCE(ratee_employee_id, 0), rater_group,
		COALESCE(rater_employee_id, 0), behaviour_code, score, comment FROM measurement_answers WHERE period_id = ? AND instrument = ?
		ORDER BY response_id, behaviour_code`, periodID, instrument)
	if err != nil {
		return fmt.Errorf("read answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a budaya.AnswerRecord
		if err := rows.Scan(&a.ResponseID, &a.PeriodID, &a.Instrument, &a.UnitID, &a.RateeEmployeeID, &a.RaterGroup, &a.RaterEmployeeID,
			&a.BehaviourCode, &a.Score, &a.Comment); err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}
