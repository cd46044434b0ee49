package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// killTask is one task a rater submits through the API, with its idempotency key.
type killTask struct {
	id    int64
	token string
	key   string
}

// TestKilledServerLosesNoAcknowledgedAnswer builds the budaya binary, serves a
// period, submits answers from many clients at once, kills the process with
// SIGKILL in the middle, restarts it and checks: every acknowledged submission
// is stored, nothing is stored twice, and retrying every submission with its
// key completes the rest without duplicates.
func TestKilledServerLosesNoAcknowledgedAnswer(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	ctx := context.Background()
	bin := buildBinary(t)
	dsn := storetest.DSN(t)
	tasks := prepareKillDB(t, ctx, dsn)

	addr := freeAddr(t)
	// One blob folder for both runs: it holds the ballot key, which must
	// survive the restart like the database does.
	blobDir := t.TempDir()
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "serve", "--db", dsn, "--addr", addr, "--blob-dir", blobDir, "--log-level", "error")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitHealthy(t, "http://"+addr, nil)
		return cmd
	}
	// A request that gets no answer in time counts as not acknowledged,
	// like one cut by the kill; without a timeout a lost response would
	// hang the test until the suite's deadline.
	client := &http.Client{Timeout: time.Minute}
	submit := func(tk killTask) (int, error) {
		body, _ := json.Marshal(map[string]any{"answers": killAnswers()})
		req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("http://%s/api/v1/tasks/%d/answers", addr, tk.id), bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tk.token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", tk.key)
		res, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		res.Body.Close()
		return res.StatusCode, nil
	}

	cmd := start()
	var acked sync.Map
	var nAcked atomic.Int64
	work := make(chan killTask)
	var wg sync.WaitGroup
	for w := 0; w < 24; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for tk := range work {
				if code, err := submit(tk); err == nil && (code == http.StatusCreated || code == http.StatusOK) {
					acked.Store(tk.id, true)
					nAcked.Add(1)
				}
			}
		}()
	}
	killed := make(chan struct{})
	workersDone := make(chan struct{})
	go func() {
		// Kill once a good part has been acknowledged, while submissions are
		// in flight; or, if that never happens, once the workers are done
		// (the check below then says the kill did not land in the middle).
	wait:
		for nAcked.Load() < int64(len(tasks)/3) {
			select {
			case <-workersDone:
				break wait
			case <-time.After(time.Millisecond):
			}
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		close(killed)
	}()
	for _, tk := range tasks {
		select {
		case work <- tk:
		case <-killed:
		}
	}
	close(work)
	wg.Wait()
	close(workersDone)
	<-killed
	if nAcked.Load() == 0 || nAcked.Load() == int64(len(tasks)) {
		t.Fatalf("acknowledged %d of %d: the kill did not land in the middle", nAcked.Load(), len(tasks))
	}

	keyFile := store.DefaultBallotKeyFile(blobDir)
	db, err := store.Open(ctx, dsn, store.Options{BallotKeyFile: keyFile})
	if err != nil {
		t.Fatal(err)
	}
	completed, responses := killCounts(t, db, tasks)
	missing := 0
	acked.Range(func(k, _ any) bool {
		if !completed[k.(int64)] {
			missing++
		}
		return true
	})
	if missing > 0 {
		t.Errorf("after kill -9: %d acknowledged submissions are not stored", missing)
	}
	if responses != len(completed) {
		t.Errorf("after kill -9: got %d stored responses for %d completed tasks, want one each", responses, len(completed))
	}
	t.Logf("killed after %d of %d acknowledged; %d stored", nAcked.Load(), len(tasks), len(completed))
	db.Close()

	// Restart and retry everything with the same keys: the rest is stored, nothing twice.
	cmd = start()
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	for _, tk := range tasks {
		code, err := submit(tk)
		if err != nil || (code != http.StatusCreated && code != http.StatusOK) {
			t.Fatalf("retry task %d: got %d %v", tk.id, code, err)
		}
		if _, ok := acked.Load(tk.id); ok && code != http.StatusOK {
			t.Errorf("retry of acknowledged task %d: got %d, want 200 (already stored)", tk.id, code)
		}
	}
	db, err = store.Open(ctx, dsn, store.Options{BallotKeyFile: keyFile})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	completed, responses = killCounts(t, db, tasks)
	if len(completed) != len(tasks) || responses != len(tasks) {
		t.Errorf("after retries: got %d completed and %d responses, want %d each", len(completed), responses, len(tasks))
	}
	// Closing releases the sealed ballots with the key the server made: each
	// response is then an answer set or (in a 360 group under 3) still
	// sealed, once.
	x, _ := db.FindTask(ctx, tasks[0].id)
	if err := db.ClosePeriod(ctx, budaya.SystemActor("test"), x.PeriodID); err != nil {
		t.Fatal(err)
	}
	if _, responses = killCounts(t, db, tasks); responses != len(tasks) {
		t.Errorf("after close: got %d responses (released and sealed), want %d", responses, len(tasks))
	}
}

func killAnswers() []map[string]any {
	var out []map[string]any
	for _, v := range []string{"BP", "AK", "KO", "HA", "LO", "AD", "KL"} {
		for i := 1; i <= 3; i++ {
			out = append(out, map[string]any{"behaviour": fmt.Sprintf("%s%d", v, i), "score": 1 + (i+len(out))%5})
		}
	}
	return out
}

// prepareKillDB makes an organisation with an open period and returns the
// tasks of 40 raters, each with the rater's API token.
func prepareKillDB(t *testing.T, ctx context.Context, dsn string) []killTask {
	t.Helper()
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, db, 4, 10)
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sys := budaya.SystemActor("test")
	now := time.Now().UTC()
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Uji kill", StartsAt: now, EndsAt: now.AddDate(0, 1, 0), FrameworkID: f.ID,
		HasSurvey: true, Has360: true, MaxPeers: 3, UnitIDs: []int64{org.Root}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	var out []killTask
	for u, staff := range org.Staff {
		for i, emp := range staff {
			user, err := db.CreateUser(ctx, sys, budaya.UserInput{Username: fmt.Sprintf("rater%d-%d", u, i), Password: "Uji-Coba-Kuat-2024!", EmployeeID: emp})
			if err != nil {
				t.Fatal(err)
			}
			token, _, err := db.CreateAPIToken(ctx, sys, user.ID, "kill test")
			if err != nil {
				t.Fatal(err)
			}
			ts, _, err := db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: emp, PerPage: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range ts {
				out = append(out, killTask{id: tk.ID, token: token, key: fmt.Sprintf("kill-%d", tk.ID)})
			}
		}
	}
	return out
}

// killCounts returns the completed tasks among tasks and the number of stored
// responses: answer sets (attributed, or released at close) and sealed ballots.
func killCounts(t *testing.T, db *store.DB, tasks []killTask) (map[int64]bool, int) {
	t.Helper()
	ctx := context.Background()
	completed := map[int64]bool{}
	for _, tk := range tasks {
		x, err := db.FindTask(ctx, tk.id)
		if err != nil {
			t.Fatal(err)
		}
		if x.Status == budaya.TaskCompleted {
			completed[tk.id] = true
		}
	}
	responses := map[string]int{}
	x, _ := db.FindTask(ctx, tasks[0].id)
	for _, inst := range []string{budaya.InstrumentSurvey, budaya.Instrument360} {
		if err := db.EachAnswer(ctx, x.PeriodID, inst, func(a budaya.AnswerRecord) error { responses[a.ResponseID]++; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	for id, n := range responses {
		if n != 21 {
			t.Errorf("response %s has %d answers, want 21", id, n)
		}
	}
	sealed, err := db.SealedBallots(ctx, x.PeriodID)
	if err != nil {
		t.Fatal(err)
	}
	return completed, len(responses) + sealed
}
