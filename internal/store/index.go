package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
)

// IndexPeriod is what the index needs of a measurement period.
type IndexPeriod struct {
	ID          int64
	Name        string
	FrameworkID int64
	K           int
	Status      string
	StartsAt    time.Time
	EndsAt      time.Time
	// FiguresVersion changes with every close, reopen and recomputation
	// (migration 0018): the key of the servers' figure caches.
	FiguresVersion int64
}

const indexPeriodColumns = `id, name, framework_id, min_group, status, starts_at, ends_at, figures_version`

func scanIndexPeriod(row interface{ Scan(...any) error }) (*IndexPeriod, error) {
	var p IndexPeriod
	if err := row.Scan(&p.ID, &p.Name, &p.FrameworkID, &p.K, &p.Status, &p.StartsAt, &p.EndsAt, &p.FiguresVersion); err != nil {
		return nil, err
	}
	p.StartsAt, p.EndsAt = p.StartsAt.UTC(), p.EndsAt.UTC()
	return &p, nil
}

// FindIndexPeriod returns the measurement period id as the index sees it.
func (db *DB) FindIndexPeriod(ctx context.Context, id int64) (*IndexPeriod, error) {
	p, err := scanIndexPeriod(db.queryRow(ctx, `SELECT `+indexPeriodColumns+` FROM measurement_periods WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgMeasurementPeriodNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find period %d: %w", id, err)
	}
	return p, nil
}

// ListIndexPeriods returns the periods that have been opened (open or
// closed), oldest first, for trends and period pickers.
func (db *DB) ListIndexPeriods(ctx context.Context) ([]IndexPeriod, error) {
	rows, err := db.query(ctx, `SELECT `+indexPeriodColumns+` FROM measurement_periods WHERE status <> 'draft' ORDER BY starts_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list periods: %w", err)
	}
	defer rows.Close()
	var out []IndexPeriod
	for rows.Next() {
		p, err := scanIndexPeriod(rows)
		if err != nil {
			return nil, fmt.Errorf("scan period: %w", err)
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// IndexLayout returns the layout (values and behaviours) of period p's framework version.
func (db *DB) IndexLayout(ctx context.Context, p *IndexPeriod) (*index.Layout, error) {
	f, err := db.FindFramework(ctx, p.FrameworkID)
	if err != nil {
		return nil, err
	}
	return index.NewLayout(f)
}

// SnapshotUnit is a unit of a period's frozen tree.
type SnapshotUnit struct {
	ID       int64
	ParentID int64
	Code     string
	Name     string
	Level    string
	Path     string
	Depth    int
	LeaderID int64
}

// SnapshotUnits returns the frozen tree of period id, in path order.
func (db *DB) SnapshotUnits(ctx context.Context, periodID int64) ([]SnapshotUnit, error) {
	rows, err := db.query(ctx, `SELECT unit_id, COALESCE(parent_unit_id, 0), code, name, level, path, depth, COALESCE(leader_employee_id, 0)
		FROM snapshot_units WHERE period_id = ? ORDER BY path`, periodID)
	if err != nil {
		return nil, fmt.Errorf("snapshot units of period %d: %w", periodID, err)
	}
	defer rows.Close()
	var out []SnapshotUnit
	for rows.Next() {
		var u SnapshotUnit
		if err := rows.Scan(&u.ID, &u.ParentID, &u.Code, &u.Name, &u.Level, &u.Path, &u.Depth, &u.LeaderID); err != nil {
			return nil, fmt.Errorf("scan snapshot unit: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// IndexRefresh says when a period's figures were last computed.
type IndexRefresh struct {
	PeriodID   int64
	Version    int
	K          int
	Responses  int64
	ComputedAt time.Time
	ComputedBy string
}

// FindIndexRefresh returns the last computation of period id's figures, or
// a not-found error when they were never computed.
func (db *DB) FindIndexRefresh(ctx context.Context, periodID int64) (*IndexRefresh, error) {
	var r IndexRefresh
	err := db.queryRow(ctx, `SELECT period_id, version, k, responses, computed_at, computed_by FROM index_refreshes WHERE period_id = ?`, periodID).
		Scan(&r.PeriodID, &r.Version, &r.K, &r.Responses, &r.ComputedAt, &r.ComputedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.Errorf(budaya.ENOTFOUND, budaya.MsgIndexPeriodNotBeenComputed)
	}
	if err != nil {
		return nil, fmt.Errorf("find index refresh of period %d: %w", periodID, err)
	}
	r.ComputedAt = r.ComputedAt.UTC()
	return &r, nil
}

// ListIndexRefreshes returns the last computation of every period that has
// one, by period id.
func (db *DB) ListIndexRefreshes(ctx context.Context) (map[int64]*IndexRefresh, error) {
	rows, err := db.query(ctx, `SELECT period_id, version, k, responses, computed_at, computed_by FROM index_refreshes`)
	if err != nil {
		return nil, fmt.Errorf("list index refreshes: %w", err)
	}
	defer rows.Close()
	out := map[int64]*IndexRefresh{}
	for rows.Next() {
		var r IndexRefresh
		if err := rows.Scan(&r.PeriodID, &r.Version, &r.K, &r.Responses, &r.ComputedAt, &r.ComputedBy); err != nil {
			return nil, fmt.Errorf("scan index refresh: %w", err)
		}
		r.ComputedAt = r.ComputedAt.UTC()
		out[r.PeriodID] = &r
	}
	return out, rows.Err()
}

// ComputeIndex is the full recomputation of period p from its released
// answers, the check of the sums kept at each release (VerifyIndexSums): it
// reads the answers once and returns the exact sums of every unit's own
// staff, per instrument, and the number of submissions. The answers of one
// submission are packed into one integer in SQL (3 bits per behaviour, in
// layout order), so the database returns one row per respondent instead of
// one per answer.
func (db *DB) ComputeIndex(ctx context.Context, p *IndexPeriod, l *index.Layout) (map[string]map[int64]*index.Sums, int64, error) {
	out := map[string]map[int64]*index.Sums{}
	var responses int64
	err := db.eachPackedResponse(ctx, p.ID, l, `rater_group <> 'self'`, func(_ string, instrument string, unit int64, scores []int) {
		byUnit := out[instrument]
		if byUnit == nil {
			byUnit = map[int64]*index.Sums{}
			out[instrument] = byUnit
		}
		g := byUnit[unit]
		if g == nil {
			g = index.NewSums(l)
			byUnit[unit] = g
		}
		g.AddResponse(scores)
		responses++
	})
	if err != nil {
		return nil, 0, err
	}
	return out, responses, nil
}

// eachPackedResponse calls fn with every submission of period id whose
// answers match cond (SQL over measurement_answers): its response id (only
// when withID; else ""), instrument, unit and scores in layout order.
func (db *DB) eachPackedResponse(ctx context.Context, periodID int64, l *index.Layout, cond string, fn func(rid, instrument string, unit int64, scores []int), withID ...bool) error {
	codes := l.Behaviours()
	if len(codes) > 21 {
		return fmt.Errorf("compute index: %d behaviours do not fit the packed form (at most 21)", len(codes))
	}
	if err := index.CheckLayout(l); err != nil {
		return err
	}
	// The key (period_id, response_id, behaviour_code) hands the rows over
	// already grouped by submission, so SQLite does not sort. Every row of a
	// submission has the same instrument and unit: SQLite may read them as
	// bare columns of the group, which costs less than MIN (a third of the
	// time at 12.6 million rows).
	id := "''"
	if len(withID) > 0 && withID[0] {
		id = "response_id"
	}
	args := make([]any, 0, len(codes)+1)
	var q string
	if db.dialect == SQLite {
		var cases strings.Builder
		for i, c := range codes {
			fmt.Fprintf(&cases, " WHEN ? THEN %d", int64(1)<<(3*i))
			args = append(args, c)
		}
		args = append(args, periodID)
		q = `SELECT ` + id + `, instrument, unit_id, CAST(SUM(score * CASE behaviour_code` + cases.String() + ` ELSE 0 END) AS BIGINT)
		FROM measurement_answers WHERE period_id = ? AND ` + cond + ` GROUP BY response_id`
	} else {
		// PostgreSQL hashes: a CASE of 21 branches costs some ten text
		// comparisons per row, a join with the 21 weights one hash probe; a
		// key of the response id alone hashes less than one with the
		// instrument (text) and unit. The instrument is one of two (a CHECK
		// of the table): is it the 360? Backend CPU at 20,000 staff, serial:
		// 2.0 s before, 0.94 s now, 0.72 s for the plain aggregate
		// (docs/operations.md, "Index at close").
		var weights strings.Builder
		for i, c := range codes {
			if i > 0 {
				weights.WriteString(", ")
			}
			fmt.Fprintf(&weights, "(CAST(? AS TEXT), CAST(%d AS BIGINT))", int64(1)<<(3*i))
			args = append(args, c)
		}
		args = append(args, periodID)
		if id != "''" {
			id = "a.response_id"
		}
		q = `SELECT ` + id + `, CASE WHEN BOOL_OR(a.instrument = '360') THEN '360' ELSE 'survey' END, MIN(a.unit_id), CAST(SUM(a.score * w.weight) AS BIGINT)
		FROM measurement_answers a JOIN (VALUES ` + weights.String() + `) AS w(code, weight) ON w.code = a.behaviour_code
		WHERE a.period_id = ? AND ` + cond + ` GROUP BY a.response_id`
	}
	rows, done, err := db.queryNoJIT(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("compute index of period %d: %w", periodID, err)
	}
	defer done()
	scores := make([]int, len(codes))
	var rid, instrument string
	var unit, packed int64
	for rows.Next() {
		if err := rows.Scan(&rid, &instrument, &unit, &packed); err != nil {
			return fmt.Errorf("scan response: %w", err)
		}
		for i := range scores {
			scores[i] = int(packed >> (3 * i) & 7)
		}
		fn(rid, instrument, unit, scores)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("compute index of period %d: %w", periodID, err)
	}
	return nil
}

// queryNoJIT runs a long read query; on PostgreSQL inside a read-only
// transaction with JIT compilation off (the estimated cost of a pass over a
// period's answers passes jit_above_cost, and compiling took 60-160 ms of a
// 1.4 s query while saving none) and work_mem at 64 MB, so that grouping a
// period's submissions (some 40 MB at 20,000 staff) stays in memory instead
// of spilling in partitions and sorting (backend CPU 1.47 s against 1.03 s).
// done closes the rows and ends the transaction.
func (db *DB) queryNoJIT(ctx context.Context, q string, args ...any) (rows *sql.Rows, done func(), err error) {
	if db.dialect != Postgres {
		rows, err := db.query(ctx, q, args...)
		if err != nil {
			return nil, nil, err
		}
		return rows, func() { rows.Close() }, nil
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	for _, set := range []string{`SET LOCAL jit = off`, `SET LOCAL work_mem = '64MB'`} {
		if _, err := tx.ExecContext(ctx, set); err != nil {
			_ = tx.Rollback()
			return nil, nil, err
		}
	}
	rows, err = tx.QueryContext(ctx, db.rebind(q), args...)
	if err != nil {
		_ = tx.Rollback()
		return nil, nil, err
	}
	return rows, func() { rows.Close(); _ = tx.Rollback() }, nil
}

// RawAggregate is the plain SQL aggregate (count, sum, sum of squares per
// unit and behaviour) over the same rows ComputeIndex reads; the benchmark
// compares the two.
func (db *DB) RawAggregate(ctx context.Context, periodID int64) (int, error) {
	rows, err := db.query(ctx, `SELECT instrument, unit_id, behaviour_code, COUNT(*), SUM(score), SUM(score * score)
		FROM measurement_answers WHERE period_id = ? AND rater_group <> 'self' GROUP BY instrument, unit_id, behaviour_code`, periodID)
	if err != nil {
		return 0, fmt.Errorf("raw aggregate: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var instrument, code string
		var unit, count, sum, sumsq int64
		if err := rows.Scan(&instrument, &unit, &code, &count, &sum, &sumsq); err != nil {
			return 0, err
		}
		n++
	}
	return n, rows.Err()
}

// RefreshIndex publishes the figures of period id: it rolls the sums kept at
// each release (index_sums, and the atasan answers of the 360) up the
// snapshot tree, applies suppression (both in index.Rollup) and replaces the
// stored figures, group sizes and suppression in one transaction. It reads
// no answer row. It runs when a period closes and whenever an admin asks (a
// background job). A period opened before the sums were kept has them
// rebuilt from its answers first.
func (db *DB) RefreshIndex(ctx context.Context, actor budaya.Actor, periodID int64) (*IndexRefresh, error) {
	p, err := db.FindIndexPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	if err := p.FiguresAllowed(); err != nil {
		return nil, err
	}
	l, err := db.IndexLayout(ctx, p)
	if err != nil {
		return nil, err
	}
	if err := db.rebuildLegacySums(ctx, p, l); err != nil {
		return nil, err
	}
	kept, err := db.keptIndexUnits(ctx, p, l)
	if err != nil {
		return nil, err
	}
	own, responses, err := db.storedSums(ctx, p, l, kept)
	if err != nil {
		return nil, err
	}
	units, err := db.SnapshotUnits(ctx, periodID)
	if err != nil {
		return nil, err
	}
	tree := make([]index.RollupUnit, len(units))
	for i, u := range units {
		tree[i] = index.RollupUnit{Unit: u.ID, Parent: u.ParentID}
	}
	tasks := map[string]map[int64]index.Tasks{}
	people := map[index.GroupKey]int64{} // the 360's
	for _, u := range kept {
		if u.tasks.Total > 0 {
			if tasks[u.instrument] == nil {
				tasks[u.instrument] = map[int64]index.Tasks{}
			}
			tasks[u.instrument][u.unit] = u.tasks
		}
		if u.instrument == budaya.Instrument360 {
			if u.own > 0 {
				people[index.GroupKey{Unit: u.unit, Scope: index.Own}] = u.own
			}
			if u.tree > 0 {
				people[index.GroupKey{Unit: u.unit, Scope: index.Tree}] = u.tree
			}
		}
	}
	type published struct {
		instrument string
		groups     []index.RollupGroup
	}
	var all []published
	for _, instrument := range []string{budaya.InstrumentSurvey, budaya.Instrument360} {
		in := index.RollupInput{K: p.K, Units: tree, Own: own[instrument], Tasks: tasks[instrument]}
		if instrument == budaya.Instrument360 {
			in.People = people
		}
		all = append(all, published{instrument, index.Rollup(in)})
	}

	ref := &IndexRefresh{PeriodID: periodID, Version: index.Version, K: p.K, Responses: responses, ComputedBy: actor.Name}
	err = db.inTx(ctx, func(tx *Tx) error {
		ref.ComputedAt = db.Now()
		for _, t := range []string{"index_figures", "index_groups", "index_refreshes"} {
			if _, err := tx.exec(ctx, `DELETE FROM `+t+` WHERE period_id = ?`, periodID); err != nil {
				return fmt.Errorf("clear %s: %w", t, err)
			}
		}
		gb := newBatch(tx, `INSERT INTO index_groups (period_id, instrument, unit_id, scope, respondents, suppressed, tasks_total, tasks_done) VALUES `, 8)
		fb := newBatch(tx, `INSERT INTO index_figures (period_id, instrument, unit_id, scope, sums) VALUES `, 5)
		for _, pub := range all {
			for _, r := range pub.groups {
				k := r.Key
				if r.Listed() {
					if err := gb.add(ctx, periodID, pub.instrument, k.Unit, string(k.Scope), r.Respondents, r.Suppressed, r.Tasks.Total, r.Tasks.Done); err != nil {
						return err
					}
				}
				if r.Sums == nil {
					continue
				}
				if k.Scope == index.Tree {
					if o := own[pub.instrument][k.Unit]; o != nil && o.Equal(r.Sums) {
						// Nobody's answers below the unit: its subtree is its
						// own group, stored once (IndexSums reads it for both).
						// Most units are leaves: this halves the rows written.
						continue
					}
				}
				if err := fb.add(ctx, periodID, pub.instrument, k.Unit, string(k.Scope), r.Sums.Encode()); err != nil {
					return err
				}
			}
		}
		if err := gb.flush(ctx); err != nil {
			return err
		}
		if err := fb.flush(ctx); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO index_refreshes (period_id, version, k, responses, computed_at, computed_by) VALUES (?, ?, ?, ?, ?, ?)`,
			periodID, ref.Version, ref.K, ref.Responses, ref.ComputedAt, ref.ComputedBy); err != nil {
			return fmt.Errorf("record index refresh: %w", err)
		}
		if err := tx.bumpFiguresVersion(ctx, periodID); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "refresh", "index", periodID, nil, map[string]any{"version": ref.Version, "k": ref.K, "responses": ref.Responses})
	})
	if err != nil {
		return nil, fmt.Errorf("refresh index of period %d: %w", periodID, err)
	}
	if db.dialect == Postgres {
		// The tables' contents were just replaced: without fresh statistics the
		// planner reads them whole on the next dashboards (10x slower).
		if _, err := db.write.ExecContext(ctx, `ANALYZE index_groups, index_figures`); err != nil {
			return nil, fmt.Errorf("analyze index tables: %w", err)
		}
	}
	return ref, nil
}

// FiguresAllowed says whether the figures of period p may be computed: only
// once it is closed (docs/measurement.md, "Figures of an open period").
func (p *IndexPeriod) FiguresAllowed() error {
	if p.Status != budaya.PeriodClosed {
		return errOpenPeriodFigures(p.Name)
	}
	return nil
}

func errOpenPeriodFigures(name string) error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgPeriodNotClosedIndex, name)
}

// batch collects rows of one INSERT and writes them many at a time.
type batch struct {
	tx     *Tx
	prefix string
	suffix string // after the rows, e.g. an ON CONFLICT clause
	cols   int
	args   []any
	full   *sql.Stmt // the statement of a full batch, once prepared
}

func newBatch(tx *Tx, prefix string, cols int) *batch {
	return &batch{tx: tx, prefix: prefix, cols: cols}
}

// batchParams keeps a statement under SQLite's (32766) and PostgreSQL's
// (65535) limits on bound parameters.
const batchParams = 30000

func (b *batch) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) >= batchParams/b.cols*b.cols {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	n := len(b.args) / b.cols
	full := len(b.args) >= batchParams/b.cols*b.cols
	var err error
	if full && b.full != nil {
		_, err = b.full.ExecContext(b.tx.ctx(ctx), b.args...)
	} else {
		q := b.statement(n)
		if full {
			// Every full batch has the same text: parsed once, not per batch
			// (a third of the time of writing the index's figures on SQLite).
			if b.full, err = b.tx.prepare(ctx, q); err == nil {
				_, err = b.full.ExecContext(b.tx.ctx(ctx), b.args...)
			}
		} else {
			_, err = b.tx.exec(ctx, q, b.args...)
		}
	}
	if err != nil {
		return fmt.Errorf("batch insert: %w", err)
	}
	b.args = b.args[:0]
	return nil
}

// statement is the INSERT of n rows.
func (b *batch) statement(n int) string {
	row := "(" + placeholders(b.cols) + ")"
	var q strings.Builder
	q.WriteString(b.prefix)
	for i := 0; i < n; i++ {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
	q.WriteString(b.suffix)
	return q.String()
}

// IndexGroup is the size, response rate and suppression of one group.
type IndexGroup struct {
	Unit        int64
	Scope       index.Scope
	Respondents int64
	Suppressed  bool
	TasksTotal  int64
	TasksDone   int64
}

// IndexGroups returns the groups of period and instrument; with units, only
// those units' groups.
func (db *DB) IndexGroups(ctx context.Context, periodID int64, instrument string, units []int64) (map[index.GroupKey]IndexGroup, error) {
	q := `SELECT unit_id, scope, respondents, suppressed, tasks_total, tasks_done FROM index_groups WHERE period_id = ? AND instrument = ?`
	args := []any{periodID, instrument}
	if units != nil {
		if len(units) == 0 {
			return map[index.GroupKey]IndexGroup{}, nil
		}
		q += ` AND unit_id IN (` + placeholders(len(units)) + `)`
		for _, u := range units {
			args = append(args, u)
		}
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("index groups: %w", err)
	}
	defer rows.Close()
	out := map[index.GroupKey]IndexGroup{}
	for rows.Next() {
		var g IndexGroup
		var scope string
		if err := rows.Scan(&g.Unit, &scope, &g.Respondents, &g.Suppressed, &g.TasksTotal, &g.TasksDone); err != nil {
			return nil, fmt.Errorf("scan index group: %w", err)
		}
		g.Scope = index.Scope(scope)
		out[index.GroupKey{Unit: g.Unit, Scope: g.Scope}] = g
	}
	return out, rows.Err()
}

// IndexSums returns the published sums of the groups keys (of one scope
// each), as sums of points: one row of index_figures per group.
func (db *DB) IndexSums(ctx context.Context, periodID int64, instrument string, l *index.Layout, keys []index.GroupKey) (map[index.GroupKey]*index.Group, error) {
	out := map[index.GroupKey]*index.Group{}
	if len(keys) == 0 {
		return out, nil
	}
	byScope := map[index.Scope][]any{}
	for _, k := range keys {
		byScope[k.Scope] = append(byScope[k.Scope], k.Unit)
	}
	for scope, units := range byScope {
		// A subtree whose sums equal its unit's own (nobody's answers below
		// it) is stored once, under own (RefreshIndex): a tree key reads the
		// own row too and falls back to it.
		scopes := []any{string(scope)}
		if scope == index.Tree {
			scopes = append(scopes, string(index.Own))
		}
		q := `SELECT unit_id, scope, sums FROM index_figures WHERE period_id = ? AND instrument = ? AND scope IN (` + placeholders(len(scopes)) + `) AND unit_id IN (` + placeholders(len(units)) + `)`
		args := append(append([]any{periodID, instrument}, scopes...), units...)
		rows, err := db.query(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("index sums: %w", err)
		}
		got := map[index.GroupKey]*index.Group{}
		for rows.Next() {
			var unit int64
			var rowScope, enc string
			if err := rows.Scan(&unit, &rowScope, &enc); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan index sums: %w", err)
			}
			s, err := index.DecodeSums(enc, l)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("index sums of period %d, unit %d: %w", periodID, unit, err)
			}
			got[index.GroupKey{Unit: unit, Scope: index.Scope(rowScope)}] = s.Group()
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("index sums: %w", err)
		}
		for _, u := range units {
			key := index.GroupKey{Unit: u.(int64), Scope: scope}
			if g := got[key]; g != nil {
				out[key] = g
			} else if g := got[index.GroupKey{Unit: key.Unit, Scope: index.Own}]; g != nil && scope == index.Tree {
				out[key] = g
			}
		}
	}
	return out, nil
}

// ExportAnswer is one row of the raw-answer export: anonymous, with a
// respondent number local to the export and the unit the row is shown under.
type ExportAnswer struct {
	Respondent int64  // 1, 2, ... in the order of the random response ids
	UnitID     int64  // the respondent's unit, or the pool's unit (see Pool)
	Pool       bool   // true: the respondent's own group is suppressed; the row counts only in UnitID's subtree
	Behaviour  string // behaviour code
	Score      int    // 1..5
}

// AnswerCut is the part of the tree an answer export shows: the whole
// instansi (UnitID 0), the rows shown under a unit's subtree, or (Own) only
// the unit's own staff's rows that are shown under the unit itself, not
// pooled.
type AnswerCut struct {
	UnitID int64
	Own    bool
}

// EachExportAnswer streams the answers of period and instrument in cut with
// the suppression rule of the last refresh applied: a row of a suppressed own
// group is shown only as part of the pool of its nearest shown subtree
// (index.Residuals), and dropped when there is none. No rater or ratee
// identity and no comment leaves the database. Respondents are numbered
// 1, 2, ... within the cut, in the order of the random response ids.
//
// A row is shown under its unit or under an ancestor (its pool), never under
// another branch, so the rows of a unit's cut all come from the unit's
// subtree (own: from the unit itself): that is read in SQL, and the label
// decides the rest here, as for the whole instansi.
func (db *DB) EachExportAnswer(ctx context.Context, periodID int64, instrument string, cut AnswerCut, fn func(ExportAnswer) error) error {
	groups, err := db.IndexGroups(ctx, periodID, instrument, nil)
	if err != nil {
		return err
	}
	units, err := db.SnapshotUnits(ctx, periodID)
	if err != nil {
		return err
	}
	parent := map[int64]int64{}
	var cutPath string
	for _, u := range units {
		parent[u.ID] = u.ParentID
		if u.ID == cut.UnitID {
			cutPath = u.Path
		}
	}
	if cut.UnitID != 0 && cutPath == "" {
		return nil // not a unit of the period: nothing is shown under it
	}
	hidden := map[index.GroupKey]bool{}
	for k, g := range groups {
		hidden[k] = g.Suppressed
	}
	// inCut reports whether a row shown under unit u (pool: in a pool)
	// belongs to the cut.
	inCut := func(u int64, pool bool) bool {
		switch {
		case cut.UnitID == 0:
			return true
		case cut.Own:
			return u == cut.UnitID && !pool
		}
		for a := u; ; a = parent[a] {
			if a == cut.UnitID {
				return true
			}
			if a == 0 {
				return false
			}
		}
	}
	type label struct {
		unit int64
		pool bool
		ok   bool
	}
	labels := map[int64]label{}
	labelOf := func(u int64) label {
		if l, ok := labels[u]; ok {
			return l
		}
		var l label
		if !hidden[index.GroupKey{Unit: u, Scope: index.Own}] {
			l = label{unit: u, ok: true}
		} else if a, ok := index.ResidualOwner(u, parent, hidden); ok {
			l = label{unit: a, pool: true, ok: true}
		}
		l.ok = l.ok && inCut(l.unit, l.pool)
		labels[u] = l
		return l
	}
	q := `SELECT response_id, unit_id, behaviour_code, score FROM measurement_answers WHERE period_id = ? AND instrument = ?`
	args := []any{periodID, instrument}
	switch {
	case cut.UnitID == 0:
	case cut.Own:
		q += ` AND unit_id = ?`
		args = append(args, cut.UnitID)
	default:
		q += ` AND unit_id IN (SELECT unit_id FROM snapshot_units WHERE period_id = ? AND path LIKE ? ESCAPE '\')`
		args = append(args, periodID, likeEscape(cutPath)+"%")
	}
	rows, err := db.query(ctx, q+` ORDER BY response_id, behaviour_code`, args...)
	if err != nil {
		return fmt.Errorf("export answers: %w", err)
	}
	defer rows.Close()
	var last string
	var n int64
	for rows.Next() {
		var rid string
		var a ExportAnswer
		if err := rows.Scan(&rid, &a.UnitID, &a.Behaviour, &a.Score); err != nil {
			return fmt.Errorf("scan answer: %w", err)
		}
		l := labelOf(a.UnitID)
		if !l.ok {
			continue
		}
		if rid != last {
			n++
			last = rid
		}
		a.Respondent, a.UnitID, a.Pool = n, l.unit, l.pool
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ParseInstrument checks an instrument name from a request ("" means survey).
func ParseInstrument(s string) (string, error) {
	switch s {
	case "", budaya.InstrumentSurvey:
		return budaya.InstrumentSurvey, nil
	case budaya.Instrument360:
		return budaya.Instrument360, nil
	}
	return "", budaya.Invalid("instrument", budaya.MsgInstrumentMustBeSurvey)
}

// ImportedResponse is one already-anonymous submission brought in from
// another system (a paper or earlier survey run), for ImportResponses.
type ImportedResponse struct {
	Instrument string
	RaterGroup string // member for a survey; peer, bawahan for a 360 (self and atasan are attributed and not imported)
	UnitID     int64
	RateeID    int64 // 360 only
	Scores     map[string]int
}

// ImportResponses brings anonymous responses of period id in by the path of
// a submission: each is sealed as a ballot (no task, no rater). In a closed
// period they are released at once, in buckets of at least K, as a close
// does; in an open period they wait for its close.
func (db *DB) ImportResponses(ctx context.Context, actor budaya.Actor, periodID int64, rs []ImportedResponse) error {
	for _, r := range rs {
		switch {
		case r.Instrument == budaya.InstrumentSurvey && r.RaterGroup == "member":
		case r.Instrument == budaya.Instrument360 && (r.RaterGroup == "peer" || r.RaterGroup == "bawahan"):
		default:
			return budaya.Invalid("rater_group", budaya.MsgRaterGroupDoesNotFit, r.RaterGroup, r.Instrument)
		}
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var status string
		err := tx.queryRow(ctx, `SELECT status FROM measurement_periods WHERE id = ?`, periodID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return budaya.NotFound(budaya.MsgMeasurementPeriodNotFound)
		}
		if err != nil {
			return err
		}
		for _, r := range rs {
			answers := make([]budaya.Answer, 0, len(r.Scores))
			for code, s := range r.Scores {
				if s < 1 || s > 5 {
					return budaya.Invalid("score", budaya.MsgScoreMustBe, code)
				}
				answers = append(answers, budaya.Answer{BehaviourCode: code, Score: s})
			}
			sort.Slice(answers, func(i, j int) bool { return answers[i].BehaviourCode < answers[j].BehaviourCode })
			if err := tx.insertBallot(ctx, periodID, r.Instrument, r.RaterGroup, r.UnitID, r.RateeID, answers); err != nil {
				return err
			}
		}
		if err := tx.audit(ctx, actor, "import", "measurement_answers", periodID, nil, map[string]any{"responses": len(rs)}); err != nil {
			return err
		}
		if status == budaya.PeriodClosed {
			err = tx.release(ctx, actor, periodID)
		}
		return err
	})
}
