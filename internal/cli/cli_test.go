package cli_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/cli"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func env(vars map[string]string, stdin string) (cli.Env, *syncBuffer, *syncBuffer) {
	out, errOut := &syncBuffer{}, &syncBuffer{}
	return cli.Env{
		Getenv: func(k string) string { return vars[k] },
		Stdin:  strings.NewReader(stdin),
		Stdout: out,
		Stderr: errOut,
	}, out, errOut
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func waitHealthy(t *testing.T, base string, errc <-chan error) {
	t.Helper()
	// serve --demo seeds before it listens; beside the other tests of the
	// package under -race on a loaded machine that took over a minute.
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-errc:
			t.Fatalf("server stopped before it was healthy: %v", err)
		default:
		}
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server did not become healthy")
}

// TestServeEndToEnd boots the real binary's entry point with demo data, signs
// in as the demo admin, uses the API, and shuts down gracefully.
func TestServeEndToEnd(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	addr := freeAddr(t)
	const metricsToken = "uji-metrik-0123456789abcdef"
	e, out, _ := env(map[string]string{"BUDAYA_DB": dsn, "BUDAYA_ADDR": addr, "BUDAYA_BLOB_DIR": t.TempDir(), "BUDAYA_METRICS_TOKEN": metricsToken}, "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- cli.Run(ctx, []string{"budaya", "serve", "--demo", "--employees", "60"}, e) }()
	base := "http://" + addr
	waitHealthy(t, base, errc)

	res, err := http.Get(base + "/readyz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("readyz: %v %v", res, err)
	}
	res.Body.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	res, err = c.PostForm(base+"/login", url.Values{"username": {"admin"}, "password": {"Demo-BerAKHLAK-2021"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "Selamat datang") {
		t.Fatalf("demo sign-in: got %d, want the home page", res.StatusCode)
	}
	res, err = c.Get(base + "/api/v1/framework")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"code":"BERAKHLAK"`) {
		t.Fatalf("framework API: got %d %s", res.StatusCode, body)
	}
	res, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("metrics without BUDAYA_METRICS_TOKEN: got %d, want 401", res.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+metricsToken)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), `budaya_http_requests_total{code="200",route="GET /api/v1/framework"}`) {
		t.Errorf("metrics lack the framework request counter")
	}
	if !strings.Contains(out.String(), "Demo-BerAKHLAK-2021") {
		t.Errorf("serve --demo output does not show the demo sign-in: %q", out.String())
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("graceful shutdown: got %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop after the signal")
	}
}

func TestUserAddAndToken(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	ctx := context.Background()
	vars := map[string]string{"BUDAYA_DB": dsn}

	e, _, _ := env(vars, "lemah\n")
	err := cli.Run(ctx, []string{"budaya", "user", "add", "--role", "admin", "kepala"}, e)
	if err == nil || !strings.Contains(err.Error(), "at least 12 characters") {
		t.Fatalf("weak password: got %v, want the policy message", err)
	}
	e, out, _ := env(vars, "Rahasia-Negara-2024!\n")
	if err := cli.Run(ctx, []string{"budaya", "user", "add", "--role", "admin", "--name", "Kepala Biro", "kepala"}, e); err != nil {
		t.Fatalf("user add: %v", err)
	}
	if !strings.Contains(out.String(), "user kepala created") {
		t.Errorf("user add output: %q", out.String())
	}
	e, _, _ = env(vars, "Rahasia-Negara-2024!\n")
	if err := cli.Run(ctx, []string{"budaya", "user", "add", "--role", "raja", "x1x"}, e); err == nil || !strings.Contains(err.Error(), "Unknown role") {
		t.Errorf("unknown role: got %v", err)
	}
	e, out, _ = env(vars, "")
	if err := cli.Run(ctx, []string{"budaya", "token", "create", "--user", "kepala", "--name", "ci"}, e); err != nil {
		t.Fatalf("token create: %v", err)
	}
	token := strings.TrimSpace(out.String())
	if !strings.HasPrefix(token, "bdy_") || len(token) < 40 {
		t.Fatalf("token: got %q", token)
	}

	// The token works against a running server on the same database.
	addr := freeAddr(t)
	e, _, _ = env(map[string]string{"BUDAYA_DB": dsn, "BUDAYA_ADDR": addr}, "")
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- cli.Run(sctx, []string{"budaya", "serve"}, e) }()
	waitHealthy(t, "http://"+addr, errc)
	req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"username":"kepala"`) {
		t.Errorf("API with CLI token: got %d %s", res.StatusCode, body)
	}
	cancel()
	<-errc
}

func TestMigrateAndVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, out, _ := env(map[string]string{"BUDAYA_DB": storetest.DSN(t)}, "")
	if err := cli.Run(ctx, []string{"budaya", "migrate"}, e); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "applied 0001_foundation.sql") {
		t.Errorf("migrate output: %q", out.String())
	}
	e, out, _ = env(nil, "")
	if err := cli.Run(ctx, []string{"budaya", "version"}, e); err != nil || !strings.HasPrefix(out.String(), "budaya ") {
		t.Errorf("version: got %q, %v", out.String(), err)
	}
	e, _, _ = env(nil, "")
	if err := cli.Run(ctx, []string{"budaya", "nonsense"}, e); err == nil {
		t.Error("unknown command: got nil error")
	}
}

// TestServeRefusesAWeakMetricsToken: a short metrics token, from the flag or
// the environment, stops serve before it opens the database.
func TestServeRefusesAWeakMetricsToken(t *testing.T) {
	for _, tt := range []struct {
		name string
		vars map[string]string
		args []string
	}{
		{"flag", nil, []string{"--metrics-token", "pendek"}},
		{"environment", map[string]string{"BUDAYA_METRICS_TOKEN": "pendek"}, nil},
		{"with a space", map[string]string{"BUDAYA_METRICS_TOKEN": "panjang sekali 0123456789"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"BUDAYA_DB": "/nonexistent/folder/budaya.db", "BUDAYA_ADDR": "127.0.0.1:0"}
			for k, v := range tt.vars {
				vars[k] = v
			}
			e, _, _ := env(vars, "")
			err := cli.Run(context.Background(), append([]string{"budaya", "serve"}, tt.args...), e)
			if err == nil || !strings.Contains(err.Error(), "--metrics-token") || !strings.Contains(err.Error(), "16") {
				t.Errorf("got %v, want the metrics token refused and why", err)
			}
		})
	}
}
