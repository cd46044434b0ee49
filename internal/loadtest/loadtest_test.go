package loadtest_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/loadtest"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

func TestCheckLoopback(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://localhost:8080", true},
		{"http://[::1]:8080", true},
		{"http://10.0.0.5:8080", false},
		{"https://budaya.example.go.id", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
	}
	for _, tt := range tests {
		if err := loadtest.CheckLoopback(tt.url); (err == nil) != tt.ok {
			t.Errorf("CheckLoopback(%q): got %v, want ok=%v", tt.url, err, tt.ok)
		}
	}
}

func TestRunReportsEveryRoute(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	srv, err := web.New(web.Config{DB: db, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	var users []loadtest.Credential
	for _, name := range []string{"pegawai1", "pegawai2", "pegawai3"} {
		if _, err := db.CreateUser(ctx, budaya.SystemActor("test"), store.UserInput{Username: name, Password: "Uji-Coba-Kuat-2024!", Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}); err != nil {
			t.Fatal(err)
		}
		users = append(users, loadtest.Credential{Username: name, Password: "Uji-Coba-Kuat-2024!"})
	}
	users = append(users, loadtest.Credential{Username: "pegawai1", Password: "salah-sandi-sekali"})
	rep, err := loadtest.Run(ctx, loadtest.Options{BaseURL: ts.URL, Users: users, Duration: 1500 * time.Millisecond, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.SignInErrors != 1 || rep.Errors != 1 {
		t.Errorf("errors: got %d (sign-in %d), want exactly the one wrong password", rep.Errors, rep.SignInErrors)
	}
	if rep.Requests < 5 || rep.Throughput <= 0 {
		t.Errorf("requests: got %d at %.1f/s, want traffic", rep.Requests, rep.Throughput)
	}
	routes := map[string]int{}
	for _, r := range rep.Routes {
		routes[r.Route] = r.Count
		if r.P50 > r.P99 || r.P99 > r.Max {
			t.Errorf("%s: p50 %s p99 %s max %s out of order", r.Route, r.P50, r.P99, r.Max)
		}
	}
	if routes["POST /login"] != 4 || routes["GET /"] == 0 {
		t.Errorf("routes: got %v", routes)
	}
	if rep.RSSPeak == 0 {
		t.Errorf("server memory not read from /metrics")
	}
	var b strings.Builder
	rep.Write(&b)
	if !strings.Contains(b.String(), "throughput") || !strings.Contains(b.String(), "POST /login") {
		t.Errorf("report: %s", b.String())
	}
}
