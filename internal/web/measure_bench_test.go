package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// Answer submission through the HTTP API at 50 concurrent clients on SQLite,
// against a bare net/http handler that stores the same rows. Run with
//
//	go test ./internal/web -run '^$' -bench 'Submit' -benchtime 3000x
//
// The ratio of the two req/s figures is what matters (docs/measurement.md).

const benchClients = 50

// benchSetup is a SQLite database with benchClients raters, each with a token
// and one open survey task in each of enough periods for n submissions.
type benchSetup struct {
	db     *store.DB
	path   string
	tokens []string
	tasks  [][]int64 // per client
}

func newBenchSetup(b *testing.B, n int) *benchSetup {
	b.Helper()
	if os.Getenv("BUDAYA_TEST_PG") != "" {
		b.Skip("the submission benchmark compares like for like on SQLite")
	}
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bench.db")
	db, err := store.Open(ctx, path, store.Options{BallotKeyFile: filepath.Join(b.TempDir(), "ballot.key")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		b.Fatal(err)
	}
	org := storetest.MakeOrg(b, db, 1, benchClients-2)
	emps := append([]int64{org.Head, org.Leaders[0]}, org.Staff[0]...)
	s := &benchSetup{db: db, path: path, tasks: make([][]int64, benchClients)}
	sys := budaya.SystemActor("bench")
	userIDs := make([]int64, len(emps))
	err = db.WriteOrg(ctx, sys, func(w *store.OrgWriter) error {
		for i, e := range emps {
			id, err := w.CreateUser(budaya.UserInput{Username: fmt.Sprintf("bench%d", i), EmployeeID: e}, "")
			if err != nil {
				return err
			}
			userIDs[i] = id
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, id := range userIDs {
		tok, _, err := db.CreateAPIToken(ctx, sys, id, "bench")
		if err != nil {
			b.Fatal(err)
		}
		s.tokens = append(s.tokens, tok)
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		b.Fatal(err)
	}
	index := map[int64]int{}
	for i, e := range emps {
		index[e] = i
	}
	now := time.Now().UTC()
	for p := 0; p*benchClients < n; p++ {
		per, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: fmt.Sprintf("Bench %d", p), StartsAt: now, EndsAt: now.AddDate(0, 1, 0),
			FrameworkID: f.ID, HasSurvey: true, UnitIDs: []int64{org.Root}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.OpenPeriod(ctx, sys, per.ID); err != nil {
			b.Fatal(err)
		}
		if err := db.GenerateTasks(ctx, per.ID, nil); err != nil {
			b.Fatal(err)
		}
		ts, _, err := db.ListTasks(ctx, budaya.TaskFilter{PeriodID: per.ID, PerPage: 1000})
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range ts {
			i := index[t.RaterEmployeeID]
			s.tasks[i] = append(s.tasks[i], t.ID)
		}
	}
	return s
}

var benchBody = func() []byte {
	b, _ := json.Marshal(allAnswers(4, ""))
	return b
}()

// runClients sends n submissions from benchClients concurrent clients and
// reports req/s and p99 latency.
func runClients(b *testing.B, s *benchSetup, n int, base string, auth bool) {
	b.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients}}
	lat := make([][]time.Duration, benchClients)
	var wg sync.WaitGroup
	var failed sync.Once
	b.ResetTimer()
	start := time.Now()
	for c := 0; c < benchClients; c++ {
		count := n / benchClients
		if c < n%benchClients {
			count++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < count; i++ {
				req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/tasks/%d/answers", base, s.tasks[c][i]), bytes.NewReader(benchBody))
				req.Header.Set("Content-Type", "application/json")
				if auth {
					req.Header.Set("Authorization", "Bearer "+s.tokens[c])
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil || res.StatusCode != http.StatusCreated {
					failed.Do(func() {
						if err == nil {
							err = fmt.Errorf("status %d", res.StatusCode)
						}
						b.Errorf("submit: %v", err)
					})
				}
				if res != nil {
					res.Body.Close()
				}
				lat[c] = append(lat[c], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99_ms")
	}
	b.ReportMetric(float64(n)/elapsed.Seconds(), "req/s")
}

// BenchmarkSubmitAPI submits answers through the real router: token
// authentication, authorization, validation, draft merge, anonymous insert and
// completion in one transaction.
func BenchmarkSubmitAPI(b *testing.B) {
	s := newBenchSetup(b, b.N)
	srv, err := web.New(web.Config{DB: s.db, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	runClients(b, s, b.N, ts.URL, true)
}

// BenchmarkSubmitBare stores the same rows (21 anonymous answers and the
// task's completion, one transaction) from a bare net/http handler on a
// database/sql handle configured as budaya's store configures SQLite.
func BenchmarkSubmitBare(b *testing.B) {
	s := newBenchSetup(b, b.N)
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	raw, err := sql.Open("sqlite", "file:"+s.path+"?"+q.Encode())
	if err != nil {
		b.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	defer raw.Close()
	row := "(?, ?, ?, 'survey', ?, NULL, 'member', NULL, ?, ?)"
	insert := `INSERT INTO measurement_answers (response_id, behaviour_code, period_id, instrument, unit_id, ratee_employee_id, rater_group,
		rater_employee_id, score, comment) VALUES ` + strings.Repeat(row+", ", 20) + row
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v1/tasks/"), "/answers"), 10, 64)
		var req struct {
			Answers []struct {
				Behaviour string `json:"behaviour"`
				Score     int    `json:"score"`
				Comment   string `json:"comment"`
			} `json:"answers"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Answers) != 21 {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		var rid [16]byte
		_, _ = rand.Read(rid[:])
		resp := hex.EncodeToString(rid[:])
		tx, err := raw.BeginTx(r.Context(), nil)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer tx.Rollback()
		var period, unit int64
		if err := tx.QueryRow(`SELECT period_id, unit_id FROM measurement_tasks WHERE id = ?`, id).Scan(&period, &unit); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		args := make([]any, 0, 21*6)
		for _, a := range req.Answers {
			args = append(args, resp, a.Behaviour, period, unit, a.Score, a.Comment)
		}
		if _, err := tx.Exec(insert, args...); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		if _, err := tx.Exec(`UPDATE measurement_tasks SET status = 'completed', completed_at = ? WHERE id = ?`, time.Now().UTC(), id); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		if err := tx.Commit(); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"status":"completed"}`))
	})
	ts := httptest.NewServer(h)
	defer ts.Close()
	runClients(b, s, b.N, ts.URL, false)
}
