package store_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// readerRaters is how many people answer in the database-reader test: a
// chance match of a shuffled order with the submission order is 1 in 10!.
const readerRaters = 10

// TestDatabaseReaderCannotLinkAnswers is issue 19: answers are submitted in
// a known order, then someone who reads the database (tables with their
// system columns, the raw files and write-ahead log, a backup file) tries to
// link the survey answers to their raters. Each rater's submitted BP1 comment
// says who they are ("jawaban-NN"), so the test knows the truth and can tell a
// link from chance; each also saved a draft comment (a marker text) that the
// submission replaced, which must never be readable anywhere.
func TestDatabaseReaderCannotLinkAnswers(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{BallotKeyFile: filepath.Join(t.TempDir(), "ballot.key")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, db, 1, readerRaters)
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Survei pembaca", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, MinGroup: 5, UnitIDs: []int64{org.Root}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	staff := org.Staff[0]
	const draftMarker = "RAHASIA-DRAF-7Q4Z"
	for i, e := range staff {
		task := taskOf(t, db, e, budaya.InstrumentSurvey, budaya.GroupMember, 0)
		if err := db.SaveDraft(ctx, e, task.ID, []budaya.Answer{{BehaviourCode: "BP1", Score: 2, Comment: fmt.Sprintf("%s-%02d", draftMarker, i)}}); err != nil {
			t.Fatal(err)
		}
		answers := fullAnswers(t, db, func(j int) int { return 1 + (i+j)%5 })
		answers[0].Comment = fmt.Sprintf("jawaban-%02d", i) // replaces the draft's comment
		if _, err := db.SubmitTask(ctx, e, task.ID, fmt.Sprintf("reader-%d", i), answers); err != nil {
			t.Fatal(err)
		}
	}
	pg := db.Dialect() == store.Postgres
	sqlitePath := strings.TrimPrefix(dsn, "sqlite:")

	// While the period is open: no survey answer exists in clear anywhere.
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers WHERE period_id = ?`, p.ID); n != 0 {
		t.Errorf("open period: %d answer rows readable, want 0 (sealed until close)", n)
	}
	for _, needle := range []string{draftMarker, "jawaban-"} {
		searchEverything(t, db, needle, sqlitePath, pg)
	}
	// No sum of the index exists before the release either (issue 18: the
	// sums start at release, or diffs of them over time would link).
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM index_sums WHERE period_id = ?`, p.ID); n != 0 {
		t.Errorf("open period: %d rows of index sums, want 0 (sums start at release)", n)
	}

	if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(DISTINCT response_id) FROM measurement_answers WHERE period_id = ?`, p.ID); n != readerRaters {
		t.Fatalf("after close: %d responses released, want %d", n, readerRaters)
	}

	// 1. System columns: the answers' transaction is not any task's.
	if pg {
		if n, err := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers a JOIN measurement_tasks t ON a.xmin = t.xmin WHERE a.period_id = ?`, p.ID); err != nil || n != 0 {
			t.Errorf("xmin join of answers and tasks: %d rows (%v), want 0", n, err)
		}
		if n, err := db.IntForTest(ctx, `SELECT COUNT(DISTINCT xmin::text) FROM measurement_answers WHERE period_id = ?`, p.ID); err != nil || n != 1 {
			t.Errorf("answers of one release: %d transactions (%v), want 1", n, err)
		}
	} else if _, err := db.IntForTest(ctx, `SELECT rowid FROM measurement_answers LIMIT 1`); err == nil {
		t.Error("SQLite answers have a rowid (arrival order); want a table WITHOUT ROWID")
	}

	// 1b. The sums of the index hold nothing finer than a released bucket:
	// every unit's row counts exactly the ballots released there, at least
	// K, and was written by the release, not by any task's transaction.
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM index_sums s WHERE s.period_id = ? AND s.kind = 'overall'
		AND (s.n < ? OR s.n <> (SELECT SUM(r.ballots) FROM measurement_releases r WHERE r.period_id = s.period_id AND r.instrument = s.instrument AND r.unit_id = s.unit_id))`, p.ID, 5); n != 0 {
		t.Errorf("index sums: %d units whose sums are not whole released buckets of at least K", n)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM index_sums WHERE period_id = ? AND kind = 'overall'`, p.ID); n == 0 {
		t.Error("index sums: none after the release")
	}
	if pg {
		if n, err := db.IntForTest(ctx, `SELECT COUNT(*) FROM index_sums s JOIN measurement_tasks t ON s.xmin = t.xmin WHERE s.period_id = ?`, p.ID); err != nil || n != 0 {
			t.Errorf("xmin join of index sums and tasks: %d rows (%v), want 0", n, err)
		}
		if n, err := db.IntForTest(ctx, `SELECT COUNT(*) FROM index_sums s WHERE s.period_id = ? AND s.xmin::text NOT IN (SELECT a.xmin::text FROM measurement_answers a WHERE a.period_id = s.period_id)`, p.ID); err != nil || n != 0 {
			t.Errorf("index sums written outside the release transaction: %d rows (%v), want 0", n, err)
		}
	} else if _, err := db.IntForTest(ctx, `SELECT rowid FROM index_sums LIMIT 1`); err == nil {
		t.Error("SQLite index sums have a rowid (order of writing); want a table WITHOUT ROWID")
	}

	// 2. Physical and key order against the order of completion.
	truth := submissionOrder(t, db, p.ID, staff)
	orders := map[string]string{
		"key order": `SELECT comment FROM measurement_answers WHERE period_id = ? AND behaviour_code = 'BP1' ORDER BY period_id, response_id`,
	}
	if pg {
		orders["ctid order"] = `SELECT comment FROM measurement_answers WHERE period_id = ? AND behaviour_code = 'BP1' ORDER BY ctid`
	} else {
		orders["table scan order"] = `SELECT comment FROM measurement_answers NOT INDEXED WHERE period_id = ? AND behaviour_code = 'BP1'`
	}
	for name, q := range orders {
		got := commentOrder(t, db, q, p.ID)
		checkNotLinked(t, name, got, truth)
	}

	// 3. Timestamps: nothing of an answer row or a release tells one answer's time.
	tables, err := db.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if tb.Name != "measurement_answers" && tb.Name != "measurement_ballots" && tb.Name != "index_sums" {
			continue
		}
		for _, c := range tb.Columns {
			if strings.Contains(strings.ToUpper(c.Type), "TIME") || strings.Contains(c.Name, "_at") {
				t.Errorf("%s.%s (%s) is a time: it may tell when an answer came", tb.Name, c.Name, c.Type)
			}
		}
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(DISTINCT released_at) FROM measurement_releases WHERE period_id = ?`, p.ID); n != 1 {
		t.Errorf("release times of one close: got %d, want 1", n)
	}

	// 4. Raw files, WAL and every table: the replaced draft text is nowhere.
	searchEverything(t, db, draftMarker, sqlitePath, pg)

	// 5. A backup file: no draft text, no key, and answers in no arrival order.
	var buf bytes.Buffer
	if _, err := db.Backup(ctx, &buf, nil); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		var data bytes.Buffer
		_, _ = data.ReadFrom(rc)
		rc.Close()
		if bytes.Contains(data.Bytes(), []byte(draftMarker)) {
			t.Errorf("backup file %s holds the draft marker text", zf.Name)
		}
		if zf.Name != "tables/measurement_answers.jsonl" {
			continue
		}
		var got []string
		for _, line := range strings.Split(data.String(), "\n") {
			if i := strings.Index(line, `"jawaban-`); i >= 0 {
				got = append(got, line[i+1:i+11])
			}
		}
		checkNotLinked(t, "backup row order", got, truth)
	}
}

// submissionOrder returns the "jawaban-NN" of the raters in the order their
// tasks were completed, as completed_at shows it to a reader.
func submissionOrder(t *testing.T, db *store.DB, periodID int64, staff []int64) []string {
	t.Helper()
	who := map[int64]string{}
	for i, e := range staff {
		who[e] = fmt.Sprintf("jawaban-%02d", i)
	}
	var out []string
	var raters []string
	if err := db.EachStringForTest(ctx, `SELECT CAST(rater_employee_id AS TEXT) FROM measurement_tasks WHERE period_id = ? AND status = 'completed' ORDER BY completed_at, id`,
		func(s string) { raters = append(raters, s) }, periodID); err != nil {
		t.Fatal(err)
	}
	for _, r := range raters {
		var id int64
		fmt.Sscan(r, &id)
		out = append(out, who[id])
	}
	if len(out) != len(staff) {
		t.Fatalf("completed tasks: got %d, want %d", len(out), len(staff))
	}
	return out
}

func commentOrder(t *testing.T, db *store.DB, q string, periodID int64) []string {
	t.Helper()
	var out []string
	if err := db.EachStringForTest(ctx, q, func(s string) { out = append(out, s) }, periodID); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

// checkNotLinked fails when an order of the answers follows the order of
// submission (or its reverse), or is incomplete.
func checkNotLinked(t *testing.T, name string, got, truth []string) {
	t.Helper()
	if len(got) != len(truth) {
		t.Errorf("%s: got %d answers, want %d", name, len(got), len(truth))
		return
	}
	rev := slices.Clone(truth)
	slices.Reverse(rev)
	if slices.Equal(got, truth) || slices.Equal(got, rev) {
		t.Errorf("%s follows the order of submission: %v", name, got)
	}
}

// searchEverything looks for needle in every text of every table and, on
// SQLite, in the raw database file and its write-ahead log.
func searchEverything(t *testing.T, db *store.DB, needle, sqlitePath string, pg bool) {
	t.Helper()
	tables, err := db.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if err := db.EachRow(ctx, tb.Name, func(vals []any) error {
			for _, v := range vals {
				if s, ok := v.(string); ok && strings.Contains(s, needle) {
					t.Errorf("table %s holds %q in clear: %q", tb.Name, needle, s)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if pg {
		return
	}
	for _, f := range []string{sqlitePath, sqlitePath + "-wal"} {
		data, err := os.ReadFile(f)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(needle)) {
			t.Errorf("raw file %s holds %q", filepath.Base(f), needle)
		}
	}
}

// TestPartialPeriodSingleAnswerStaysSealed is issue 13.1: a period over one
// unit whose real parent is outside the snapshot, one person answers, the
// period closes. Before, that one person's answers were shown with n = 1.
func TestPartialPeriodSingleAnswerStaysSealed(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 2, 4)
	f, _ := db.ActiveFramework(ctx)
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Sebagian", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, MinGroup: 5, UnitIDs: []int64{org.Units[0]}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	me := org.Staff[0][0]
	task := taskOf(t, db, me, budaya.InstrumentSurvey, budaya.GroupMember, 0)
	if _, err := db.SubmitTask(ctx, me, task.ID, "", fullAnswers(t, db, func(int) int { return 5 })); err != nil {
		t.Fatal(err)
	}
	if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RefreshIndex(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	groups, err := db.IndexGroups(ctx, p.ID, budaya.InstrumentSurvey, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, g := range groups {
		if g.Respondents > 0 && !g.Suppressed {
			t.Errorf("group %v shows n = %d of a period with one answer, want nothing shown", k, g.Respondents)
		}
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers WHERE period_id = ?`, p.ID); n != 0 {
		t.Errorf("answers of the one respondent: got %d rows, want 0 (still sealed)", n)
	}
	if n, _ := db.SealedBallots(ctx, p.ID); n != 1 {
		t.Errorf("sealed ballots: got %d, want 1", n)
	}
	var rows int
	if err := db.EachExportAnswer(ctx, p.ID, budaya.InstrumentSurvey, store.AnswerCut{}, func(store.ExportAnswer) error { rows++; return nil }); err != nil {
		t.Fatal(err)
	}
	if rows != 0 {
		t.Errorf("answer export: got %d rows, want 0", rows)
	}
}

// TestOpenPeriodFiguresRefused is issue 13.3: figures of an open period are
// not computed, so two readings around one submission cannot differ by it.
func TestOpenPeriodFiguresRefused(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 1, 6)
	p := openPeriod(t, db, org)
	me := org.Staff[0][0]
	task := taskOf(t, db, me, budaya.InstrumentSurvey, budaya.GroupMember, 0)
	if _, err := db.SubmitTask(ctx, me, task.ID, "", fullAnswers(t, db, func(int) int { return 4 })); err != nil {
		t.Fatal(err)
	}
	_, err := db.RefreshIndex(ctx, sys, p.ID)
	e := budaya.AsError(err)
	if e == nil || e.Code != budaya.ECONFLICT || !strings.Contains(e.Message, "belum ditutup") || !strings.Contains(e.MessageEN, "not closed") {
		t.Fatalf("recompute of an open period: got %v, want a conflict saying it is not closed, in both languages", err)
	}
	if _, err := db.FindIndexRefresh(ctx, p.ID); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("figures of the open period: got %v, want none", err)
	}
	// Reopened after a close: the figures of the close stay, and a new
	// recompute is refused until the next close.
	if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RefreshIndex(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.ReopenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RefreshIndex(ctx, sys, p.ID); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("recompute of a reopened period: got %v, want conflict", err)
	}
}

// TestReopenReleasesOnlyNewBallotsInBuckets: after a reopen, the next close
// releases only the new ballots, and only in buckets of at least K, so a
// figure moves by K people or not at all.
func TestReopenReleasesOnlyNewBallotsInBuckets(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 1, 12)
	f, _ := db.ActiveFramework(ctx)
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Buka lagi", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, MinGroup: 5, UnitIDs: []int64{org.Root}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	submit := func(staff []int64) {
		t.Helper()
		for _, e := range staff {
			task := taskOf(t, db, e, budaya.InstrumentSurvey, budaya.GroupMember, 0)
			if _, err := db.SubmitTask(ctx, e, task.ID, "", fullAnswers(t, db, func(int) int { return 3 })); err != nil {
				t.Fatal(err)
			}
		}
	}
	released := func() int {
		n, _ := db.IntForTest(ctx, `SELECT COUNT(DISTINCT response_id) FROM measurement_answers WHERE period_id = ?`, p.ID)
		return n
	}
	staff := org.Staff[0]
	submit(staff[:6])
	if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if got := released(); got != 6 {
		t.Fatalf("first close: %d released, want 6", got)
	}
	steps := []struct {
		add, released, sealed int
	}{
		{1, 6, 1},  // one more: stays sealed
		{3, 6, 4},  // four waiting: still under K
		{1, 11, 0}, // five: one bucket of five
	}
	next := 6
	for _, st := range steps {
		if err := db.ReopenPeriod(ctx, sys, p.ID); err != nil {
			t.Fatal(err)
		}
		submit(staff[next : next+st.add])
		next += st.add
		if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
			t.Fatal(err)
		}
		sealed, _ := db.SealedBallots(ctx, p.ID)
		if got := released(); got != st.released || sealed != st.sealed {
			t.Errorf("after %d submitted: %d released, %d sealed; want %d and %d", next, got, sealed, st.released, st.sealed)
		}
		// The sums of the index grew by the new bucket only, and still
		// equal a recomputation from the answers.
		if n, _ := db.IntForTest(ctx, `SELECT COALESCE(SUM(n), 0) FROM index_sums WHERE period_id = ? AND kind = 'overall'`, p.ID); n != st.released {
			t.Errorf("after %d submitted: index sums count %d respondents, want %d", next, n, st.released)
		}
		if err := db.VerifyIndexSums(ctx, p.ID); err != nil {
			t.Errorf("after %d submitted: %v", next, err)
		}
	}
}

// Test360UnitFigureIsWhatReportsShow is issue 13.2: a unit's 360 figure must
// not hold anything the individual reports hide (self-ratings, peer or
// bawahan groups under 3), so "unit figure minus reports" leaves nothing; and
// its n counts people, not submissions.
func Test360UnitFigureIsWhatReportsShow(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 1, 4)
	p := openPeriod(t, db, org)
	unit := org.Units[0]
	tasks, _, err := db.ListTasks(ctx, budaya.TaskFilter{PeriodID: p.ID, Instrument: budaya.Instrument360, PerPage: 500})
	if err != nil {
		t.Fatal(err)
	}
	// Everyone answers every 360 task but the peer tasks about the first
	// member of staff, whose peer group then has 2 raters or fewer.
	hidden := org.Staff[0][0]
	skipped := 0
	for i, tk := range tasks {
		if tk.RaterGroup == budaya.GroupPeer && tk.RateeEmployeeID == hidden && skipped == 0 {
			skipped++
			continue
		}
		if _, err := db.SubmitTask(ctx, tk.RaterEmployeeID, tk.ID, "", fullAnswers(t, db, func(j int) int { return 1 + (i+j)%5 })); err != nil {
			t.Fatal(err)
		}
	}
	if skipped == 0 {
		t.Fatal("no peer task about the first member of staff")
	}
	if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RefreshIndex(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	ip, _ := db.FindIndexPeriod(ctx, p.ID)
	l, err := db.IndexLayout(ctx, ip)
	if err != nil {
		t.Fatal(err)
	}
	key := index.GroupKey{Unit: unit, Scope: index.Own}
	sums, err := db.IndexSums(ctx, p.ID, budaya.Instrument360, l, []index.GroupKey{key})
	if err != nil {
		t.Fatal(err)
	}
	fig := sums[key]
	if fig == nil {
		t.Fatal("no 360 figure for the unit")
	}
	// What the reports of the unit's staff show, except self-ratings.
	var shownN [21]int64
	var shownSum [21]float64
	ratees := append([]int64{org.Leaders[0]}, org.Staff[0]...)
	for _, r := range ratees {
		rep, err := db.Report360(ctx, p.ID, r)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range rep.Behaviours {
			pos := l.Position(b.Code)
			if pos < 0 {
				continue
			}
			for _, g := range b.Groups {
				if g.Group == budaya.GroupSelf || g.Suppressed || g.N == 0 {
					continue
				}
				shownN[pos] += int64(g.N)
				shownSum[pos] += float64(g.N) * (g.Mean - 1) / 4 * 100
			}
		}
	}
	for pos := range shownN {
		m := fig.Behaviours[pos]
		if m.N != shownN[pos] || abs(m.Sum-shownSum[pos]) > 1e-6 {
			t.Errorf("behaviour %d: unit figure n=%d sum=%.3f, reports show n=%d sum=%.3f: the difference is hidden raters' answers",
				pos, m.N, m.Sum, shownN[pos], shownSum[pos])
		}
	}
	groups, err := db.IndexGroups(ctx, p.ID, budaya.Instrument360, []int64{unit})
	if err != nil {
		t.Fatal(err)
	}
	// Raters of this unit's staff: the head (atasan of the leader), the
	// leader (atasan of the staff), the staff (peers, bawahan).
	if g := groups[key]; g.Respondents < 1 || g.Respondents > int64(len(ratees)+1) {
		t.Errorf("360 n of the unit: got %d, want distinct people (at most %d)", g.Respondents, len(ratees)+1)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestLegacyDraftsAreSealed: drafts saved in clear by a version before
// migration 10 are sealed at start-up, still resume, and leave no clear row.
func TestLegacyDraftsAreSealed(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{BallotKeyFile: filepath.Join(t.TempDir(), "ballot.key")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.MigrateToForTest(ctx, 9); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, db, 1, 2)
	f, _ := db.ActiveFramework(ctx)
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Lama", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, UnitIDs: []int64{org.Root}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	me := org.Staff[0][0]
	task, err := db.IntForTest(ctx, `SELECT id FROM measurement_tasks WHERE rater_employee_id = ? AND instrument = 'survey'`, me)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ExecForTest(ctx, `INSERT INTO measurement_drafts (task_id, behaviour_code, score, comment, updated_at) VALUES (?, 'BP1', 4, 'DRAF-LAMA', ?)`, task, start); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.SealLegacyDrafts(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_drafts`); n != 0 {
		t.Errorf("clear drafts after start-up: got %d, want 0", n)
	}
	_, draft, err := db.TaskForRater(ctx, me, int64(task))
	if err != nil || len(draft) != 1 || draft[0].Score != 4 || draft[0].Comment != "DRAF-LAMA" {
		t.Errorf("resumed draft: got %+v %v, want BP1 4 DRAF-LAMA", draft, err)
	}
	searchEverything(t, db, "DRAF-LAMA", strings.TrimPrefix(dsn, "sqlite:"), db.Dialect() == store.Postgres)
}
