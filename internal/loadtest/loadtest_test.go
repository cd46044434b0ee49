package loadtest_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/loadtest"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

func TestCheckLoopback(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
		if _, err := db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: name, Password: "Uji-Coba-Kuat-2024!", Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}); err != nil {
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

func TestRouteOf(t *testing.T) {
	t.Parallel()
	tests := []struct{ method, path, want string }{
		{"GET", "/", "GET /"},
		{"POST", "/tasks/42", "POST /tasks/{id}"},
		{"POST", "/api/v1/tasks/7/draft", "POST /api/v1/tasks/{id}/draft"},
		{"GET", "/api/v1/index", "GET /api/v1/index"},
		{"GET", "/periods/3/reports/12", "GET /periods/{id}/reports/{id}"},
	}
	for _, tt := range tests {
		if got := loadtest.RouteOf(tt.method, tt.path); got != tt.want {
			t.Errorf("RouteOf(%s, %s): got %q, want %q", tt.method, tt.path, got, tt.want)
		}
	}
}

// TestDemoMix runs the steps of the mix against a demo instansi with
// the demo's own accounts: a pegawai answers survey tasks (open, draft,
// submit) and gives recognition, a pimpinan opens the index dashboard.
func TestDemoMix(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if err := demo.Seed(ctx, db, demo.Options{Employees: 60}); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{DB: db, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	pegawai, err := db.FindUserByUsername(ctx, demo.UserPegawai)
	if err != nil {
		t.Fatal(err)
	}
	open := func() int {
		t.Helper()
		_, n, err := db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: pegawai.EmployeeID, OpenPeriodsOnly: true, OpenOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := open()
	if before == 0 {
		t.Fatalf("the demo pegawai has no open task to answer")
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	colleagues, err := db.EmployeesWithoutAccount(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	// Each step once, as the demo's own users.
	pimpinan := loadtest.NewUser(ts.URL, demo.UserPimpinan, 1)
	if err := pimpinan.SignIn(ctx, loadtest.Credential{Username: demo.UserPimpinan, Password: demo.Password}); err != nil {
		t.Fatal(err)
	}
	if err := loadtest.IndexDashboardStep(1).Do(ctx, pimpinan); err != nil {
		t.Errorf("index dashboard as pimpinan: %v", err)
	}
	given := func() int {
		t.Helper()
		_, n, err := db.ListRecognitions(ctx, budaya.RecognitionFilter{SenderID: pimpinanEmployee(t, db)})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	recognition := loadtest.RecognitionStep(1, colleagues, f.CoreValues()[0].Code)
	n := given()
	if err := recognition.Do(ctx, pimpinan); err != nil {
		t.Errorf("give recognition as pimpinan: %v", err)
	}
	if got := given(); got != n+1 {
		t.Errorf("recognitions given by pimpinan: got %d, want %d", got, n+1)
	}

	// The answer step in a timed run: every task opened is drafted and submitted.
	staff := []loadtest.Step{loadtest.PageStep("home dashboard", 1, "/"), loadtest.AnswerSurveyStep(3), recognition}
	rep, err := loadtest.Run(ctx, loadtest.Options{BaseURL: ts.URL, Duration: 3 * time.Second, Seed: 1, Users: []loadtest.Credential{
		{Username: demo.UserPegawai, Password: demo.Password, Steps: staff},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 0 {
		t.Errorf("errors: got %d (%v), want 0", rep.Errors, rep.FirstErrors)
	}
	routes := map[string]int{}
	for _, r := range rep.Routes {
		routes[r.Route] = r.Count
	}
	if routes["GET /tasks/{id}"] == 0 {
		t.Errorf("answers: got no task opened in 3 s (routes %v)", routes)
	}
	if routes["POST /tasks/{id}"] != 2*routes["GET /tasks/{id}"] {
		t.Errorf("answers: got %d posts for %d tasks opened, want a draft and a submission each", routes["POST /tasks/{id}"], routes["GET /tasks/{id}"])
	}
	if after := open(); after != before-routes["GET /tasks/{id}"] {
		t.Errorf("open tasks: got %d after answering %d of %d, want %d", after, routes["GET /tasks/{id}"], before, before-routes["GET /tasks/{id}"])
	}
}

func pimpinanEmployee(t *testing.T, db *store.DB) int64 {
	t.Helper()
	u, err := db.FindUserByUsername(context.Background(), demo.UserPimpinan)
	if err != nil {
		t.Fatal(err)
	}
	return u.EmployeeID
}

func TestWriteMarkdown(t *testing.T) {
	t.Parallel()
	rep := &loadtest.Report{Users: 2, Duration: 30 * time.Second, Requests: 12345, Throughput: 411.5, Steps: 999,
		Routes: []loadtest.RouteStats{{Route: "POST /tasks/{id}", Count: 1358, P50: 329100 * time.Microsecond, P99: 1336600 * time.Microsecond, Max: 21 * time.Second}}}
	var b strings.Builder
	rep.WriteMarkdown(&b)
	for _, want := range []string{"| POST /tasks/{id} | 1,358 | 0 | 329.1 ms | 1,336.6 ms | 21,000.0 ms |", "12,345 requests (**411.5 requests/s**), 999 steps"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("markdown: got\n%s\nwant a line with %q", b.String(), want)
		}
	}
}
