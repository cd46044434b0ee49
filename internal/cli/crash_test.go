package cli_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestCrashKill9 kills the server with SIGKILL while clients write, restarts
// it, and counts: every write the server acknowledged is there, none twice.
// The write is the creation of a named API token (a transaction with its
// audit entry); when measurement lands, answer submission joins it.
func TestCrashKill9(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	ctx := context.Background()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	const workers = 8
	const password = "Uji-Mati-Mendadak-2024!"
	for i := 0; i < workers; i++ {
		if _, err := db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: fmt.Sprintf("crash%d", i), Password: password,
			Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	bin := buildBinary(t)
	blobDir := t.TempDir()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", dsn, "--blob-dir", blobDir)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	log := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	base := "http://" + addr
	waitHealthy(t, base, exited)

	var mu sync.Mutex
	acked := map[string]bool{}
	attempted := 0
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			res, err := c.PostForm(base+"/login", url.Values{"username": {fmt.Sprintf("crash%d", i)}, "password": {password}})
			if err != nil {
				return
			}
			res.Body.Close()
			res, err = c.Get(base + "/profile")
			if err != nil {
				return
			}
			page, _ := io.ReadAll(res.Body)
			res.Body.Close()
			m := csrfMeta.FindSubmatch(page)
			if m == nil {
				return
			}
			csrf := string(m[1])
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("crash-%d-%05d", i, n)
				mu.Lock()
				attempted++
				mu.Unlock()
				res, err := c.PostForm(base+"/profile/tokens", url.Values{"csrf_token": {csrf}, "name": {name}})
				if err != nil {
					return // the server died mid-request: not acknowledged
				}
				body, err := io.ReadAll(res.Body)
				res.Body.Close()
				if err == nil && res.StatusCode == http.StatusOK && strings.Contains(string(body), "bdy_") {
					mu.Lock()
					acked[name] = true
					mu.Unlock()
				}
			}
		}(i)
	}
	// Kill mid-stream: once writes are flowing, not before.
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 100 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no shutdown, no flush
		t.Fatal(err)
	}
	<-exited
	close(stop)
	wg.Wait()
	if len(acked) < 10 {
		t.Fatalf("only %d writes acknowledged before the kill; the test proves nothing", len(acked))
	}

	// Restart on the same database: it must come up and serve.
	addr2 := freeAddr(t)
	cmd2 := exec.Command(bin, "serve", "--addr", addr2, "--db", dsn, "--blob-dir", blobDir)
	cmd2.Env = cmd.Env
	cmd2.Stdout, cmd2.Stderr = log, log
	if err := cmd2.Start(); err != nil {
		t.Fatal(err)
	}
	exited2 := make(chan error, 1)
	go func() { exited2 <- cmd2.Wait() }()
	defer func() {
		_ = cmd2.Process.Signal(os.Interrupt)
		<-exited2
	}()
	waitHealthy(t, "http://"+addr2, exited2)

	db, err = store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := map[string]int{}
	err = db.EachRow(ctx, "api_tokens", func(vals []any) error {
		if name, ok := vals[2].(string); ok {
			stored[name]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	lost, twice := 0, 0
	for name := range acked {
		if stored[name] == 0 {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged write %s is missing after the crash", name)
			}
		}
	}
	for name, n := range stored {
		if n > 1 {
			twice++
			t.Errorf("write %s stored %d times", name, n)
		}
	}
	t.Logf("kill -9 on %s: %d writes attempted, %d acknowledged, %d stored after restart, %d acknowledged but lost, %d stored twice",
		map[bool]string{true: "PostgreSQL", false: "SQLite"}[store.IsPostgres(dsn)], attempted, len(acked), len(stored), lost, twice)
}
