package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// binary is cmd/budaya, compiled once for the tests of this package that run
// it as a separate process (kill -9, crash, scale-out); TestMain removes it.
var binary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// buildBinary returns the path of cmd/budaya, compiling it on first use.
func buildBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		binary.dir, binary.err = os.MkdirTemp("", "budaya-cli-test-")
		if binary.err != nil {
			return
		}
		binary.path = filepath.Join(binary.dir, "budaya")
		cmd := exec.Command("go", "build", "-o", binary.path, "github.com/budaya-id/budaya/cmd/budaya")
		if out, err := cmd.CombinedOutput(); err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.DropTemplates()
	if binary.dir != "" {
		os.RemoveAll(binary.dir)
	}
	os.Exit(code)
}

// process is a running `budaya serve`.
type process struct {
	cmd  *exec.Cmd
	base string
	log  *syncBuffer
}

func startServe(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	addr := freeAddr(t)
	p := &process{base: "http://" + addr, log: &syncBuffer{}}
	p.cmd = exec.Command(bin, append([]string{"serve", "--addr", addr}, args...)...)
	p.cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- p.cmd.Wait() }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = p.cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("log of %s:\n%s", p.base, p.log.String())
		}
	})
	waitHealthy(t, p.base, exited)
	return p
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

func csrfOf(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	res, err := c.Get(base + "/profile")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfMeta.FindSubmatch(b)
	if m == nil {
		t.Fatalf("GET %s/profile: %d without a CSRF token", base, res.StatusCode)
	}
	return string(m[1])
}

// TestScaleOutTwoProcesses runs two `budaya serve` processes on one
// PostgreSQL and shows they work as one: a session and CSRF token made on A
// work on B, jobs run exactly once across both, and a file uploaded through A
// downloads through B (shared --blob-dir).
func TestScaleOutTwoProcesses(t *testing.T) {
	t.Parallel()
	if os.Getenv("BUDAYA_TEST_PG") == "" {
		t.Skip("BUDAYA_TEST_PG is not set; scale-out needs PostgreSQL")
	}
	ctx := context.Background()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	const password = "Uji-Skala-Besar-2024!"
	if _, err := db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: "admin", Password: password, Roles: []budaya.RoleGrant{{Role: budaya.RoleAdmin}}}); err != nil {
		t.Fatal(err)
	}

	bin := buildBinary(t)
	blobDir := t.TempDir()
	a := startServe(t, bin, "--db", dsn, "--blob-dir", blobDir)
	b := startServe(t, bin, "--db", dsn, "--blob-dir", blobDir)

	// Sign in on A; the session cookie and CSRF token work on B.
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(a.base+"/login", url.Values{"username": {"admin"}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in on A: %v %v", res, err)
	}
	res.Body.Close()
	csrf := csrfOf(t, c, a.base)
	if got := csrfOf(t, c, b.base); got != csrf {
		t.Errorf("CSRF token on B: got %q, want A's %q", got, csrf)
	}
	res, err = c.PostForm(b.base+"/profile/tokens", url.Values{"csrf_token": {csrf}, "name": {"made-on-B"}})
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("POST on B with A's session and token: %v %v", res, err)
	}
	res.Body.Close()
	res, err = c.PostForm(b.base+"/profile/tokens", url.Values{"csrf_token": {"wrong"}, "name": {"x"}})
	if err != nil || res.StatusCode != http.StatusForbidden {
		t.Errorf("POST on B with a wrong CSRF token: got %v, want 403", res.StatusCode)
	}
	res.Body.Close()

	// Jobs: each runs exactly once, and both processes take part.
	const n = 40
	var ids []int64
	for i := 0; i < n; i++ {
		id, err := db.EnqueueJob(ctx, budaya.SystemActor("test"), web.JobSelfTest, `{"sleep_ms": 150}`)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	deadline := time.Now().Add(90 * time.Second)
	for _, id := range ids {
		for {
			j, err := db.FindJob(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if j.Finished() {
				if j.Status != store.JobDone {
					t.Errorf("job %d: got %s (%s), want done", id, j.Status, j.Message)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("job %d still %s after 90 s", id, j.Status)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	runs := map[string]int{}
	pids := map[string]int{}
	err = db.EachAudit(ctx, budaya.AuditFilter{Action: "selftest_run"}, func(e budaya.AuditEntry) error {
		runs[e.EntityID]++
		pid := regexp.MustCompile(`"pid":"(\d+)"`).FindStringSubmatch(e.NewValue)
		if pid != nil {
			pids[pid[1]]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if got := runs[fmt.Sprint(id)]; got != 1 {
			t.Errorf("job %d ran %d times, want exactly once", id, got)
		}
	}
	if len(pids) != 2 {
		t.Errorf("jobs ran in processes %v, want both processes to take part", pids)
	}
	t.Logf("%d jobs, runs per process: %v", n, pids)

	// A file uploaded through A downloads through B.
	content := []byte("%PDF-1.4\n% surat permintaan akses data pribadi\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"csrf_token": csrf, "requester_name": "Siti Aminah", "kind": "access"} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("evidence", "surat.pdf")
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, a.base+"/admin/privacy/requests", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err = c.Do(req)
	if err != nil || res.StatusCode != http.StatusSeeOther {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("upload on A: %v %v %s", res.StatusCode, err, b)
	}
	res.Body.Close()
	reqs, _, err := db.ListSubjectRequests(ctx, budaya.SubjectRequestFilter{})
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests: %v %v", reqs, err)
	}
	files, _ := db.SubjectRequestFiles(ctx, []int64{reqs[0].ID})
	if len(files[reqs[0].ID]) != 1 {
		t.Fatalf("request files: got %v", files)
	}
	res, err = c.Get(fmt.Sprintf("%s/admin/privacy/requests/%d/files/%d", b.base, reqs[0].ID, files[reqs[0].ID][0].ID))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.Equal(got, content) {
		t.Errorf("download on B: got %d, %d bytes, want the %d bytes uploaded on A", res.StatusCode, len(got), len(content))
	}
}
