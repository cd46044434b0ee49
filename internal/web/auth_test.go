package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/webtest"
)

func TestLoginLogout(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "siti", budaya.RolePegawai)
	c := ts.anonymous(t)

	res, body := c.postFormBody("/login", url.Values{"username": {"siti"}, "password": {"salah"}})
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Nama pengguna atau kata sandi salah") {
		t.Fatalf("wrong password: got %d, body without the message", res.StatusCode)
	}
	res = c.postForm("/login", url.Values{"username": {"siti"}, "password": {testPassword}, "next": {"//evil.example/x"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("login with foreign next: got %d to %q, want 303 to /", res.StatusCode, res.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == "budaya_session" {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || len(cookie.Value) < 40 {
		t.Fatalf("session cookie: got %+v, want HttpOnly SameSite=Lax random token", cookie)
	}
	c.refreshCSRF()
	if res, _ := c.get("/"); res.StatusCode != http.StatusOK {
		t.Fatalf("home after login: got %d", res.StatusCode)
	}
	res = c.postForm("/logout", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: got %d", res.StatusCode)
	}
	if res, _ := c.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("home after logout: got %d, want redirect to login", res.StatusCode)
	}
	// The old cookie is dead on the server too, not only deleted in the browser.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/v1/me", nil)
	req.AddCookie(cookie)
	if res, _ := ts.anonymous(t).do(req); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("old cookie after logout: got %d, want 401", res.StatusCode)
	}
}

func TestLockoutThroughTheLoginForm(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "agus", budaya.RolePegawai)
	c := ts.anonymous(t)
	for i := 1; i <= budaya.MaxFailedLogins; i++ {
		if res := c.postForm("/login", url.Values{"username": {"agus"}, "password": {"salah-" + string(rune('a'+i))}}); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: got %d", i, res.StatusCode)
		}
	}
	res, body := c.postFormBody("/login", url.Values{"username": {"agus"}, "password": {"salah"}})
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "dikunci") {
		t.Fatalf("6th failure: got %d, want 429 with the lock message", res.StatusCode)
	}
	if res := c.postForm("/login", url.Values{"username": {"agus"}, "password": {testPassword}}); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password while locked: got %d, want 429", res.StatusCode)
	}
}

// TestSignInAnswersAlikeForUnknownNames: through the sign-in form, a name
// without an account, an account with a wrong password and an account that
// has no password yet get the same status and page at every attempt (401,
// then 429 from the 6th failure on), and every answer costs a password check,
// so neither the answer nor its time tells which names exist.
func TestSignInAnswersAlikeForUnknownNames(t *testing.T) {
	// The production password cost, not the tests' cheap one: the timing
	// below is only telling when a check costs tens of milliseconds.
	w := webtest.NewServer(t, webtest.Options{DB: storetest.OpenWith(t, store.Options{PasswordCost: budaya.DefaultPasswordCost()})})
	ts := &testServer{Server: w.Server, db: w.DB, srv: w.Web}
	ts.mustUser(t, "agus", budaya.RolePegawai)
	sys := budaya.SystemActor("test")
	unit, err := ts.db.CreateUnit(ctx, sys, budaya.Unit{Code: "SJ", Name: "Sekretariat Jenderal", Level: budaya.LevelEselon1})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: "199001012015031001", Name: "Budi Santoso", UnitID: unit.ID})
	if err != nil {
		t.Fatal(err)
	}
	noPassword, err := ts.db.GrantEmployeeRole(ctx, sys, e.ID, budaya.RoleGrant{Role: budaya.RolePegawai})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"agus", noPassword.Username, "tidak.ada"}
	var took []time.Duration
	for i := 1; i <= budaya.MaxFailedLogins+2; i++ {
		var want string
		for _, name := range names {
			start := time.Now()
			res, body := ts.anonymous(t).postFormBody("/login", url.Values{"username": {name}, "password": {"Salah-Sandi-2026!"}})
			took = append(took, time.Since(start))
			wantStatus := http.StatusUnauthorized
			if i > budaya.MaxFailedLogins {
				wantStatus = http.StatusTooManyRequests
			}
			got := fmt.Sprintf("%d %s", res.StatusCode, strings.ReplaceAll(body, `value="`+name+`"`, `value="NAME"`))
			if res.StatusCode != wantStatus {
				t.Errorf("attempt %d as %q: got %d, want %d", i, name, res.StatusCode, wantStatus)
			}
			if want == "" {
				want = got
			} else if got != want {
				t.Errorf("attempt %d as %q: the answer differs from the account's:\n%.2000s\nwant\n%.2000s", i, name, got, want)
			}
		}
	}
	// Every answer includes a password check (argon2id, tens of milliseconds):
	// none is much faster than the typical one, locked or not, account or not.
	sorted := slices.Clone(took)
	slices.Sort(sorted)
	median := sorted[len(sorted)/2]
	for i, d := range took {
		if d < median/4 {
			t.Errorf("attempt %d as %q took %v, under a quarter of the median %v: it skipped the password check", i/len(names)+1, names[i%len(names)], d, median)
		}
	}
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	c := ts.login(t, "admin1")

	// A form without the token is refused and changes nothing.
	res, body := c.postFormBody("/framework/draft", url.Values{"csrf_token": {"forged"}})
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "kedaluwarsa") {
		t.Fatalf("forged token: got %d, want 403 with a message", res.StatusCode)
	}
	if _, err := ts.db.DraftFramework(ctx); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Fatalf("draft exists after refused request: %v", err)
	}
	// A cross-site request is refused even with a valid token.
	form := url.Values{"csrf_token": {c.csrf}}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/framework/draft", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res, _ := c.do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: got %d, want 403", res.StatusCode)
	}
	// The right token works; htmx sends it as a header.
	req, _ = http.NewRequest(http.MethodPost, ts.URL+"/framework/draft", nil)
	req.Header.Set("X-CSRF-Token", c.csrf)
	if res, _ := c.do(req); res.StatusCode != http.StatusSeeOther {
		t.Errorf("POST with header token: got %d, want 303", res.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	res, _ := ts.anonymous(t).get("/login")
	want := map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Frame-Options":         "DENY",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	}
	for h, sub := range want {
		if got := res.Header.Get(h); !strings.Contains(got, sub) {
			t.Errorf("%s: got %q, want it to contain %q", h, got, sub)
		}
	}
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Error("CSP lacks frame-ancestors 'none'")
	}
}

func TestAPITokenAuth(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	u := ts.mustUser(t, "rudi", budaya.RolePegawai)
	raw, _, err := ts.db.CreateAPIToken(ctx, budaya.SystemActor("t"), u.ID, "skrip")
	if err != nil {
		t.Fatal(err)
	}
	c := ts.anonymous(t)
	for _, tt := range []struct {
		header string
		want   int
	}{
		{"Bearer " + raw, http.StatusOK},
		{"Bearer bdy_forged", http.StatusUnauthorized},
		{"Basic abc", http.StatusUnauthorized},
		{"", http.StatusUnauthorized},
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/v1/me", nil)
		if tt.header != "" {
			req.Header.Set("Authorization", tt.header)
		}
		res, body := c.do(req)
		if res.StatusCode != tt.want {
			t.Errorf("Authorization %q: got %d, want %d", tt.header, res.StatusCode, tt.want)
		}
		if tt.want != http.StatusOK && !strings.Contains(body, `"error":{"code":"unauthorized"`) {
			t.Errorf("Authorization %q: error body %s, want JSON error", tt.header, body)
		}
	}
	// The token does not open HTML pages.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/profile", nil)
	req.Header.Set("Authorization", "Bearer "+raw)
	if res, _ := c.do(req); res.StatusCode != http.StatusSeeOther {
		t.Errorf("token on an HTML page: got %d, want redirect to login", res.StatusCode)
	}
}
