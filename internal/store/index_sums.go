package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
)

// The sums kept at release (migration 0015, docs/index.md "How the figures
// are computed"). Closing a period adds each released bucket's exact sums to
// the row of the unit it is stored under (addReleaseSums, called by
// releaseBallots in the close transaction); an atasan submission writes its
// scores in one row (insertAtasanResponse). RefreshIndex publishes from these
// alone; ComputeIndex, the full recomputation from the answers, checks them
// (VerifyIndexSums).

// sumsKey names the own group of one unit for one instrument.
type sumsKey struct {
	instrument string
	unit       int64
}

// addReleaseSums adds sums (per instrument and unit: whole released buckets)
// to the period's stored sums inside tx.
func (tx *Tx) addReleaseSums(ctx context.Context, periodID int64, l *index.Layout, sums map[sumsKey]*index.Sums) error {
	b := newBatch(tx, `INSERT INTO index_sums (period_id, instrument, unit_id, code, kind, n, total, total_sq,
		alpha_n, alpha_x1, alpha_x2, alpha_x3, alpha_xx, alpha_t, alpha_tt) VALUES `, 15)
	b.suffix = ` ON CONFLICT (period_id, instrument, unit_id, code) DO UPDATE SET n = index_sums.n + excluded.n,
		total = index_sums.total + excluded.total, total_sq = index_sums.total_sq + excluded.total_sq,
		alpha_n = index_sums.alpha_n + excluded.alpha_n, alpha_x1 = index_sums.alpha_x1 + excluded.alpha_x1,
		alpha_x2 = index_sums.alpha_x2 + excluded.alpha_x2, alpha_x3 = index_sums.alpha_x3 + excluded.alpha_x3,
		alpha_xx = index_sums.alpha_xx + excluded.alpha_xx, alpha_t = index_sums.alpha_t + excluded.alpha_t,
		alpha_tt = index_sums.alpha_tt + excluded.alpha_tt`
	keys := make([]sumsKey, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sortSumsKeys(keys)
	for _, k := range keys {
		s := sums[k]
		err := eachSumsRow(l, s, func(code, kind string, m index.IntMoments, a index.IntAlpha) error {
			return b.add(ctx, periodID, k.instrument, k.unit, code, kind, m.N, m.Sum, m.SumSq,
				a.N, a.ItemSum[0], a.ItemSum[1], a.ItemSum[2], a.ItemSumSq, a.TotalSum, a.TotalSumSq)
		})
		if err != nil {
			return err
		}
	}
	if err := b.flush(ctx); err != nil {
		return fmt.Errorf("store index sums: %w", err)
	}
	return nil
}

func sortSumsKeys(keys []sumsKey) {
	for i := 1; i < len(keys); i++ { // few keys per release; insertion sort keeps it allocation-free
		for j := i; j > 0 && (keys[j].instrument < keys[j-1].instrument || keys[j].instrument == keys[j-1].instrument && keys[j].unit < keys[j-1].unit); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

// eachSumsRow calls fn with the rows of s: one per behaviour and value with
// respondents, and the overall one.
func eachSumsRow(l *index.Layout, s *index.Sums, fn func(code, kind string, m index.IntMoments, a index.IntAlpha) error) error {
	for v, lv := range l.Values {
		for i, lb := range lv.Behaviours {
			if m := s.Behaviours[v*index.Items+i]; m.N > 0 {
				if err := fn(lb.Code, index.KindBehaviour, m, index.IntAlpha{}); err != nil {
					return err
				}
			}
		}
		if s.Values[v].N > 0 {
			if err := fn(lv.Code, index.KindValue, s.Values[v], s.Alpha[v]); err != nil {
				return err
			}
		}
	}
	return fn(index.OverallCode, index.KindOverall, s.Overall, index.IntAlpha{})
}

// layoutScores returns the Likert scores of answers in the layout order of l
// (0: not answered).
func layoutScores(l *index.Layout, codes []string, scores []int) []int {
	out := make([]int, len(l.Behaviours()))
	for i, c := range codes {
		if p := l.Position(c); p >= 0 {
			out[p] = scores[i]
		}
	}
	return out
}

// insertAtasanResponse keeps the scores of an atasan submission (attributed,
// stored with the rater in measurement_answers too) in one row, for the
// 360 figure of the ratee's unit.
func (tx *Tx) insertAtasanResponse(ctx context.Context, f *budaya.Framework, periodID, unit int64, responseID string, answers []budaya.Answer) error {
	l, err := index.NewLayout(f)
	if err != nil {
		return err
	}
	codes := make([]string, len(answers))
	scores := make([]int, len(answers))
	for i, a := range answers {
		codes[i], scores[i] = a.BehaviourCode, a.Score
	}
	if _, err := tx.exec(ctx, `INSERT INTO index_atasan_responses (period_id, response_id, unit_id, scores) VALUES (?, ?, ?, ?)`,
		periodID, responseID, unit, encodeScores(layoutScores(l, codes, scores))); err != nil {
		return fmt.Errorf("store atasan scores: %w", err)
	}
	return nil
}

func encodeScores(scores []int) string {
	var b strings.Builder
	for _, s := range scores {
		if s < 0 || s > 9 {
			s = 0
		}
		b.WriteByte(byte('0' + s))
	}
	return b.String()
}

func decodeScores(s string, out []int) error {
	if len(s) != len(out) {
		return fmt.Errorf("atasan scores %q: %d behaviours, want %d", s, len(s), len(out))
	}
	for i := 0; i < len(s); i++ {
		out[i] = int(s[i] - '0')
	}
	return nil
}

// StoredIndexSums returns the sums kept for period p: per instrument and
// unit, the released survey, peer and bawahan buckets, and for the 360 the
// atasan submissions; with the number of submissions they hold.
func (db *DB) StoredIndexSums(ctx context.Context, p *IndexPeriod, l *index.Layout) (map[string]map[int64]*index.Sums, int64, error) {
	units, err := db.keptIndexUnits(ctx, p, l)
	if err != nil {
		return nil, 0, err
	}
	return db.storedSums(ctx, p, l, units)
}

// storedSums is StoredIndexSums with the period's index_units already read.
func (db *DB) storedSums(ctx context.Context, p *IndexPeriod, l *index.Layout, units []indexUnit) (map[string]map[int64]*index.Sums, int64, error) {
	if err := index.CheckLayout(l); err != nil {
		return nil, 0, err
	}
	out := map[string]map[int64]*index.Sums{}
	get := func(instrument string, unit int64) *index.Sums {
		byUnit := out[instrument]
		if byUnit == nil {
			byUnit = map[int64]*index.Sums{}
			out[instrument] = byUnit
		}
		s := byUnit[unit]
		if s == nil {
			s = index.NewSums(l)
			byUnit[unit] = s
		}
		return s
	}
	valuePos := map[string]int{}
	for i, v := range l.Values {
		valuePos[v.Code] = i
	}
	rows, err := db.query(ctx, `SELECT instrument, unit_id, code, kind, n, total, total_sq, alpha_n, alpha_x1, alpha_x2, alpha_x3, alpha_xx, alpha_t, alpha_tt
		FROM index_sums WHERE period_id = ?`, p.ID)
	if err != nil {
		return nil, 0, fmt.Errorf("index sums of period %d: %w", p.ID, err)
	}
	defer rows.Close()
	var responses int64
	for rows.Next() {
		var instrument, code, kind string
		var unit int64
		var m index.IntMoments
		var a index.IntAlpha
		if err := rows.Scan(&instrument, &unit, &code, &kind, &m.N, &m.Sum, &m.SumSq, &a.N, &a.ItemSum[0], &a.ItemSum[1], &a.ItemSum[2], &a.ItemSumSq, &a.TotalSum, &a.TotalSumSq); err != nil {
			return nil, 0, fmt.Errorf("scan index sums: %w", err)
		}
		s := get(instrument, unit)
		switch kind {
		case index.KindBehaviour:
			if pos := l.Position(code); pos >= 0 {
				s.Behaviours[pos] = m
			}
		case index.KindValue:
			if v, ok := valuePos[code]; ok {
				s.Values[v], s.Alpha[v] = m, a
			}
		case index.KindOverall:
			s.Overall = m
			responses += m.N
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("index sums of period %d: %w", p.ID, err)
	}
	rows.Close()
	for _, u := range units {
		if u.atasan != nil {
			get(budaya.Instrument360, u.unit).Merge(u.atasan)
			responses += u.atasan.Respondents()
		}
	}
	return out, responses, nil
}

// VerifyIndexSums is the check of the kept sums: it recomputes period id
// from its answers (ComputeIndex) and compares, exactly, with the sums kept
// at release and submission. A difference is an error naming the first group
// that differs.
func (db *DB) VerifyIndexSums(ctx context.Context, periodID int64) error {
	p, err := db.FindIndexPeriod(ctx, periodID)
	if err != nil {
		return err
	}
	l, err := db.IndexLayout(ctx, p)
	if err != nil {
		return err
	}
	full, fullN, err := db.ComputeIndex(ctx, p, l)
	if err != nil {
		return err
	}
	kept, keptN, err := db.StoredIndexSums(ctx, p, l)
	if err != nil {
		return err
	}
	if fullN != keptN {
		return fmt.Errorf("index sums of period %d: %d submissions kept, %d in the answers", periodID, keptN, fullN)
	}
	for _, instrument := range []string{budaya.InstrumentSurvey, budaya.Instrument360} {
		a, b := full[instrument], kept[instrument]
		for u, s := range a {
			if k := b[u]; k == nil || !k.Equal(s) {
				return fmt.Errorf("index sums of period %d: %s unit %d differs from its answers", periodID, instrument, u)
			}
		}
		for u, s := range b {
			if a[u] == nil && s.Respondents() > 0 {
				return fmt.Errorf("index sums of period %d: %s unit %d has sums but no answers", periodID, instrument, u)
			}
		}
	}
	return nil
}

// RebuildIndexSums replaces the kept sums of period id with sums computed
// from its answers: for periods opened before the sums were kept (migration
// 0015 lists them), and for answers loaded outside the release path (bulk
// loads of benchmarks).
func (db *DB) RebuildIndexSums(ctx context.Context, periodID int64) error {
	p, err := db.FindIndexPeriod(ctx, periodID)
	if err != nil {
		return err
	}
	l, err := db.IndexLayout(ctx, p)
	if err != nil {
		return err
	}
	return db.rebuildSums(ctx, p, l)
}

func (db *DB) rebuildSums(ctx context.Context, p *IndexPeriod, l *index.Layout) error {
	released := map[sumsKey]*index.Sums{}
	err := db.eachPackedResponse(ctx, p.ID, l, `rater_group IN ('member', 'peer', 'bawahan')`, func(_, instrument string, unit int64, scores []int) {
		k := sumsKey{instrument, unit}
		s := released[k]
		if s == nil {
			s = index.NewSums(l)
			released[k] = s
		}
		s.AddResponse(scores)
	})
	if err != nil {
		return err
	}
	type atasan struct {
		rid    string
		unit   int64
		scores string
	}
	var atasans []atasan
	err = db.eachPackedResponse(ctx, p.ID, l, `rater_group = 'atasan'`, func(rid, _ string, unit int64, scores []int) {
		atasans = append(atasans, atasan{rid, unit, encodeScores(scores)})
	}, true)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		for _, t := range []string{"index_sums", "index_atasan_responses", "index_sums_rebuild"} {
			if _, err := tx.exec(ctx, `DELETE FROM `+t+` WHERE period_id = ?`, p.ID); err != nil {
				return fmt.Errorf("clear %s: %w", t, err)
			}
		}
		if err := tx.addReleaseSums(ctx, p.ID, l, released); err != nil {
			return err
		}
		b := newBatch(tx, `INSERT INTO index_atasan_responses (period_id, response_id, unit_id, scores) VALUES `, 4)
		for _, a := range atasans {
			if err := b.add(ctx, p.ID, a.rid, a.unit, a.scores); err != nil {
				return err
			}
		}
		if err := b.flush(ctx); err != nil {
			return err
		}
		return tx.keepIndexUnits(ctx, p.ID, l)
	})
}

// rebuildLegacySums rebuilds the sums of period p when migration 0015 listed
// it (opened before the sums were kept).
func (db *DB) rebuildLegacySums(ctx context.Context, p *IndexPeriod, l *index.Layout) error {
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM index_sums_rebuild WHERE period_id = ?`, p.ID).Scan(&n); err != nil {
		return fmt.Errorf("index sums of period %d: %w", p.ID, err)
	}
	if n == 0 {
		return nil
	}
	return db.rebuildSums(ctx, p, l)
}
