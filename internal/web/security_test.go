package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

var everyRole = []string{"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"}

// TestEveryWriteRouteChecksCSRF walks every state-changing route, as a user
// allowed on it, and sends it no token, a forged token, and (with the right
// token) a cross-site request: each must be refused before the handler runs.
// Public writes (sign-in, one-time password links) have no session and hence
// no token; the cross-origin protection guards them.
func TestEveryWriteRouteChecksCSRF(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	clients := map[string]*client{}
	for _, r := range everyRole {
		ts.mustUser(t, "csrf_"+r, budaya.Role(r))
		clients[r] = ts.login(t, "csrf_"+r)
	}
	writes := 0
	for _, rt := range ts.srv.Routes() {
		method, path := concretePath(rt.Pattern)
		if isSafe(method) {
			continue
		}
		writes++
		allowed := routeAccess[rt.Pattern]
		public := slices.Contains(allowed, "anon")
		var c *client
		for _, r := range everyRole {
			if slices.Contains(allowed, r) {
				c = clients[r]
				break
			}
		}
		if c == nil {
			t.Errorf("%s: no role may use it", rt.Pattern)
			continue
		}
		t.Run(rt.Pattern, func(t *testing.T) {
			if !public {
				for _, token := range []string{"", "forged-" + c.csrf} {
					req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(url.Values{"csrf_token": {token}}.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					res, body := c.do(req)
					want := "kedaluwarsa"
					if strings.HasPrefix(path, "/api/") {
						want = `"code":"forbidden"`
					}
					if res.StatusCode != http.StatusForbidden || !strings.Contains(body, want) {
						t.Errorf("%s %s with token %q: got %d, want 403 saying %s", method, path, token, res.StatusCode, want)
					}
				}
			}
			req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(url.Values{"csrf_token": {c.csrf}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			if res, _ := c.do(req); res.StatusCode != http.StatusForbidden {
				t.Errorf("cross-site %s %s with the right token: got %d, want 403", method, path, res.StatusCode)
			}
		})
	}
	if writes < 50 {
		t.Errorf("walked %d write routes, want the whole router (at least 50)", writes)
	}
	// The refused requests changed nothing: the session still works.
	if res, _ := clients["admin"].get("/profile"); res.StatusCode != http.StatusOK {
		t.Errorf("admin after the refused writes: got %d, want 200", res.StatusCode)
	}
}

func isSafe(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// TestSecurityHeadersOnEveryResponse checks the headers on pages, redirects,
// error pages, JSON errors, static files and operations endpoints alike.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "hdr_pegawai", budaya.RolePegawai)
	signedIn := ts.login(t, "hdr_pegawai")
	anon := ts.anonymous(t)
	crossSite := func(c *client, path string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader("username=x&password=y"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		return c.do(req)
	}
	tests := []struct {
		name   string
		do     func() (*http.Response, string)
		status int
		static bool
	}{
		{"page", func() (*http.Response, string) { return anon.get("/login") }, http.StatusOK, false},
		{"redirect to sign-in", func() (*http.Response, string) { return anon.get("/profile") }, http.StatusSeeOther, false},
		{"static file", func() (*http.Response, string) { return anon.get("/static/style.css") }, http.StatusOK, true},
		{"unknown path", func() (*http.Response, string) { return anon.get("/tidak-ada") }, http.StatusNotFound, false},
		{"forbidden page", func() (*http.Response, string) { return signedIn.get("/employees/new") }, http.StatusForbidden, false},
		{"bad input page", func() (*http.Response, string) { return signedIn.get("/lang/xx") }, http.StatusBadRequest, false},
		{"JSON error", func() (*http.Response, string) { return anon.get("/api/v1/me") }, http.StatusUnauthorized, false},
		{"JSON answer", func() (*http.Response, string) { return signedIn.get("/api/v1/me") }, http.StatusOK, false},
		{"cross-site refusal", func() (*http.Response, string) { return crossSite(anon, "/login") }, http.StatusForbidden, false},
		{"failed sign-in", func() (*http.Response, string) {
			return anon.postFormBody("/login", url.Values{"username": {"hdr_pegawai"}, "password": {"salah"}})
		}, http.StatusUnauthorized, false},
		{"health", func() (*http.Response, string) { return anon.get("/healthz") }, http.StatusOK, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := tt.do()
			if res.StatusCode != tt.status {
				t.Fatalf("got %d, want %d", res.StatusCode, tt.status)
			}
			want := map[string]string{
				"Content-Security-Policy":    "frame-ancestors 'none'",
				"X-Frame-Options":            "DENY",
				"X-Content-Type-Options":     "nosniff",
				"Referrer-Policy":            "same-origin",
				"Permissions-Policy":         "geolocation=()",
				"Cross-Origin-Opener-Policy": "same-origin",
			}
			if !tt.static {
				want["Cache-Control"] = "no-store"
			}
			for h, sub := range want {
				if got := res.Header.Get(h); !strings.Contains(got, sub) {
					t.Errorf("%s: got %q, want it to contain %q", h, got, sub)
				}
			}
			if csp := res.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("CSP allows inline or eval: %q", csp)
			}
			if got := res.Header.Get("Strict-Transport-Security"); got != "" {
				t.Errorf("HSTS without TLS: got %q, want none", got)
			}
		})
	}
}

// TestSecureCookiesAndHSTS checks the cookie flags and HSTS of a server run
// behind TLS (SecureCookies), as deploy.md configures it.
func TestSecureCookiesAndHSTS(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	srv, err := web.New(web.Config{DB: db, Version: "test", SecureCookies: true})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	ts := &testServer{Server: hs, db: db, srv: srv}
	ts.mustUser(t, "tls_user", budaya.RolePegawai)
	jar, _ := cookiejar.New(nil)
	c := &client{t: t, ts: ts, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}

	res := c.postForm("/login", url.Values{"username": {"tls_user"}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: got %d, want 303", res.StatusCode)
	}
	if got := res.Header.Get("Strict-Transport-Security"); !strings.Contains(got, "max-age=31536000") {
		t.Errorf("HSTS: got %q, want max-age of a year", got)
	}
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == "budaya_session" {
			session = ck
		}
	}
	if session == nil {
		t.Fatal("no session cookie")
	}
	if !session.Secure || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" {
		t.Errorf("session cookie: got Secure=%v HttpOnly=%v SameSite=%v Path=%q, want Secure HttpOnly Lax /",
			session.Secure, session.HttpOnly, session.SameSite, session.Path)
	}
	if want := int(budaya.SessionAbsoluteTimeout.Seconds()); session.MaxAge != want {
		t.Errorf("session cookie MaxAge: got %d, want %d (the absolute timeout)", session.MaxAge, want)
	}
	res, _ = c.get("/lang/en")
	for _, ck := range res.Cookies() {
		if ck.Name == "lang" && (!ck.Secure || !ck.HttpOnly) {
			t.Errorf("lang cookie: got Secure=%v HttpOnly=%v, want both", ck.Secure, ck.HttpOnly)
		}
	}
}

// TestInternalErrorsDoNotLeak breaks the database under a running server: the
// pages and the API answer with a generic message, never the SQL error.
func TestInternalErrorsDoNotLeak(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "leak_admin", budaya.RoleAdmin)
	c := ts.login(t, "leak_admin")
	if err := ts.db.Close(); err != nil {
		t.Fatal(err)
	}
	leaks := []string{"sql", "SELECT", "database is closed", "goroutine", ".go:", "pgx", "sqlite"}
	for _, tt := range []struct {
		path, want string
	}{
		{"/profile", "Terjadi kesalahan pada server"},
		{"/employees", "Terjadi kesalahan pada server"},
		{"/api/v1/me", `"code":"internal"`},
		{"/api/v1/units", `"code":"internal"`},
	} {
		res, body := c.get(tt.path)
		if res.StatusCode != http.StatusInternalServerError || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s on a broken database: got %d, want 500 saying %q", tt.path, res.StatusCode, tt.want)
		}
		for _, l := range leaks {
			if strings.Contains(body, l) {
				t.Errorf("GET %s: the answer contains %q, an internal detail", tt.path, l)
			}
		}
	}
}

// TestRoleChangeTakesEffectAtOnce: roles are read from the database on every
// request, so a revoked role stops working in the session that held it.
func TestRoleChangeTakesEffectAtOnce(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "keep_admin", budaya.RoleAdmin)
	u := ts.mustUser(t, "was_admin", budaya.RoleAdmin, budaya.RolePegawai)
	c := ts.login(t, "was_admin")
	if res, _ := c.get("/employees/new"); res.StatusCode != http.StatusOK {
		t.Fatalf("admin page as admin: got %d, want 200", res.StatusCode)
	}
	if err := ts.db.RevokeRole(ctx, budaya.SystemActor("test"), u.ID, budaya.RoleGrant{Role: budaya.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	if res, _ := c.get("/employees/new"); res.StatusCode != http.StatusForbidden {
		t.Errorf("admin page after the role was revoked, same session: got %d, want 403", res.StatusCode)
	}
	if res := c.postForm("/framework/draft", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("admin write after the role was revoked: got %d, want 403", res.StatusCode)
	}
}

// TestPublicWritesHaveSmallBodies: a write anyone may send (sign-in, one-time
// password links) is read only up to a few kilobytes, so an anonymous client
// cannot make the server parse or spool a large upload.
func TestPublicWritesHaveSmallBodies(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "body_user", budaya.RolePegawai)
	post := func(filler int) *http.Response {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		_ = mw.WriteField("username", "body_user")
		_ = mw.WriteField("password", testPassword)
		if filler > 0 {
			fw, _ := mw.CreateFormFile("filler", "filler.bin")
			_, _ = fw.Write(bytes.Repeat([]byte("x"), filler))
		}
		_ = mw.Close()
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/login", &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res, _ := ts.anonymous(t).do(req)
		return res
	}
	if res := post(0); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("small sign-in form: got %d, want 303", res.StatusCode)
	}
	if res := post(1 << 20); res.StatusCode != http.StatusBadRequest {
		t.Errorf("sign-in form with 1 MB attached: got %d, want 400 (refused unread)", res.StatusCode)
	}
	u := ts.mustUser(t, "link_user", budaya.RolePegawai)
	token, _, err := ts.db.CreatePasswordLink(ctx, budaya.SystemActor("test"), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"password": {"Sandi-Baru-2026!"}, "confirm_password": {"Sandi-Baru-2026!"}, "filler": {strings.Repeat("x", 32<<10)}}
	if res := ts.anonymous(t).postForm("/password/"+token, form); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("one-time password link with a 32 KB form: got %d, want 422 (fields unread)", res.StatusCode)
	}
	form.Del("filler")
	if res := ts.anonymous(t).postForm("/password/"+token, form); res.StatusCode != http.StatusSeeOther {
		t.Errorf("one-time password link with a small form: got %d, want 303", res.StatusCode)
	}
}

// TestFailedSignInsAreCounted: failed and locked-out sign-ins show in
// /metrics by status, so that monitoring can alert on an automated attack.
func TestFailedSignInsAreCounted(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "metric_user", budaya.RolePegawai)
	c := ts.anonymous(t)
	for range budaya.MaxFailedLogins + 2 {
		c.postForm("/login", url.Values{"username": {"metric_user"}, "password": {"Salah-Sandi-2026!"}})
	}
	_, body := c.get("/metrics")
	for _, want := range []string{
		fmt.Sprintf(`budaya_http_requests_total{code="401",route="POST /login"} %d`, budaya.MaxFailedLogins),
		`budaya_http_requests_total{code="429",route="POST /login"} 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestMetricsNeedTheTokenWhenSet: with a metrics token configured, /metrics
// answers only a request that presents it as a bearer token; without one it
// stays open (for a deployment that restricts it at nginx).
func TestMetricsNeedTheTokenWhenSet(t *testing.T) {
	const token = "metrik-rahasia-0123456789abcdef"
	srv, err := web.New(web.Config{DB: storetest.Open(t), Version: "test", MetricsToken: token})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	get := func(auth string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, hs.URL+"/metrics", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(res.Body)
		return res, b.String()
	}
	for _, tt := range []struct{ name, auth string }{
		{"no header", ""},
		{"wrong token", "Bearer metrik-rahasia-0123456789abcdeX"},
		{"token's prefix", "Bearer metrik-rahasia"},
		{"token with more after it", "Bearer " + token + "0"},
		{"basic scheme", "Basic " + token},
		{"token without scheme", token},
		{"empty bearer", "Bearer "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(tt.auth)
			if res.StatusCode != http.StatusUnauthorized || strings.Contains(body, "budaya_http_requests_total") ||
				!strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") || !strings.Contains(body, "BUDAYA_METRICS_TOKEN") {
				t.Errorf("got %d (WWW-Authenticate %q), want 401 asking for the token and no metrics", res.StatusCode, res.Header.Get("WWW-Authenticate"))
			}
		})
	}
	if res, body := get("Bearer " + token); res.StatusCode != http.StatusOK || !strings.Contains(body, `budaya_http_requests_total{code="401",route="GET /metrics"}`) {
		t.Errorf("with the token: got %d, want 200 with the counters (the refusals counted)", res.StatusCode)
	}
	// Without a token configured, /metrics stays open.
	ts := newTestServer(t)
	if res, body := ts.anonymous(t).get("/metrics"); res.StatusCode != http.StatusOK || !strings.Contains(body, "go_goroutines") {
		t.Errorf("no token configured: got %d, want 200 with the metrics", res.StatusCode)
	}
}

// TestHostileInputIsInert: text shaped like SQL injection or a script is
// stored as it was typed (queries take it as a parameter, never as SQL) and
// shown escaped (html/template), in pages, searches and the JSON API.
func TestHostileInputIsInert(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustOrg(t)
	ts.mustUser(t, "hostile_admin", budaya.RoleAdmin)
	c := ts.login(t, "hostile_admin")
	name := `Bagian <script>alert(1)</script> '; DROP TABLE units; --`
	res := c.postForm("/units", url.Values{"parent": {"sj.01"}, "code": {"SJ.01.09"}, "name": {name}, "level": {"eselon3"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create unit: got %d, want 303", res.StatusCode)
	}
	for _, path := range []string{"/units", "/units?q=" + url.QueryEscape("'; DROP TABLE units; --"), "/units?q=" + url.QueryEscape(`" OR 1=1 --`)} {
		res, body := c.get(path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: got %d, want 200", path, res.StatusCode)
		}
		if strings.Contains(body, "<script>alert(1)") {
			t.Errorf("GET %s: the script is in the page unescaped", path)
		}
	}
	_, body := c.get("/units?q=" + url.QueryEscape("DROP TABLE"))
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("search for the name: the unit is not listed with its name escaped")
	}
	var units struct {
		Items []struct {
			Name string `json:"name"`
		} `json:"items"`
	}
	c.getJSON("/api/v1/units?q="+url.QueryEscape("DROP TABLE"), &units)
	if len(units.Items) != 1 || units.Items[0].Name != name {
		t.Errorf("API search: got %+v, want the one unit with its name stored verbatim", units.Items)
	}
}

// TestPasswordChangeReauthenticatesAndEndsEverySession: changing one's
// password needs the current one, and ends every session of the account, in
// every browser, not only the one that made the change.
func TestPasswordChangeReauthenticatesAndEndsEverySession(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "dua_sesi", budaya.RolePegawai)
	c1, c2 := ts.login(t, "dua_sesi"), ts.login(t, "dua_sesi")
	const next = "Sandi-Baru-Sekali-26!"
	res, body := c1.postFormBody("/profile/password", url.Values{"current_password": {"Tebakan-Salah-26!"}, "new_password": {next}, "confirm_password": {next}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Kata sandi saat ini salah") {
		t.Fatalf("change with a wrong current password: got %d, want 422 saying it is wrong", res.StatusCode)
	}
	if res, _ := c2.get("/profile"); res.StatusCode != http.StatusOK {
		t.Fatalf("other session after a refused change: got %d, want 200", res.StatusCode)
	}
	if res := c1.postForm("/profile/password", url.Values{"current_password": {testPassword}, "new_password": {next}, "confirm_password": {next}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: got %d, want 303", res.StatusCode)
	}
	for i, c := range []*client{c1, c2} {
		if res, _ := c.get("/profile"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("session %d after the change: got %d, want 303 to sign-in", i+1, res.StatusCode)
		}
	}
	anon := ts.anonymous(t)
	if res := anon.postForm("/login", url.Values{"username": {"dua_sesi"}, "password": {testPassword}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign-in with the old password: got %d, want 401", res.StatusCode)
	}
	if res := anon.postForm("/login", url.Values{"username": {"dua_sesi"}, "password": {next}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: got %d, want 303", res.StatusCode)
	}
}

// TestRequestsAndErrorsAreLogged: every request is logged as structured JSON
// (method, path, status, client address), and an internal error is logged
// with its full detail while the answer stays generic.
func TestRequestsAndErrorsAreLogged(t *testing.T) {
	t.Parallel()
	var logs lockedBuffer
	db := storetest.Open(t)
	srv, err := web.New(web.Config{DB: db, Version: "test", Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	ts := &testServer{Server: hs, db: db, srv: srv}
	u := ts.mustUser(t, "log_user", budaya.RolePegawai)
	c := ts.login(t, "log_user")
	link, _, err := db.CreatePasswordLink(ctx, budaya.SystemActor("test"), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := ts.anonymous(t).get("/password/" + link); res.StatusCode != http.StatusOK {
		t.Fatalf("password link page: got %d, want 200", res.StatusCode)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	res, body := c.get("/api/v1/me")
	if res.StatusCode != http.StatusInternalServerError || strings.Contains(body, "closed") {
		t.Fatalf("broken database: got %d %s, want a generic 500", res.StatusCode, body)
	}
	if strings.Contains(logs.String(), link) {
		t.Error("the logs hold a one-time password link's token")
	}
	if !strings.Contains(logs.String(), `"path":"/password/{token}"`) {
		t.Error("the password link request is not logged by its route")
	}
	var sawLogin, sawError, sawFailed bool
	for line := range strings.Lines(logs.String()) {
		var e map[string]any
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		switch {
		case e["msg"] == "request" && e["method"] == "POST" && e["path"] == "/login" && e["status"] == float64(303) && e["remote"] == "127.0.0.1":
			sawLogin = true
		case e["msg"] == "internal error" && e["path"] == "/api/v1/me" && strings.Contains(fmt.Sprint(e["err"]), "closed"):
			sawError = true
		case e["msg"] == "request" && e["path"] == "/api/v1/me" && e["status"] == float64(500) && e["level"] == "ERROR":
			sawFailed = true
		}
	}
	if !sawLogin || !sawError || !sawFailed {
		t.Errorf("logs: sign-in request %v, internal error with detail %v, failed request at ERROR %v; want all three in\n%s",
			sawLogin, sawError, sawFailed, logs.String())
	}
}

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRestrictedEvidenceOnlyThroughItsFeature: documents that came with a
// data-subject request (letters, identity proofs) are restricted evidence:
// the general evidence route does not serve them to anyone, the request's own
// route serves them to admins only, and every download is audited.
func TestRestrictedEvidenceOnlyThroughItsFeature(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "pdp_admin", budaya.RoleAdmin)
	ts.mustUser(t, "pdp_pegawai", budaya.RolePegawai)
	admin, pegawai := ts.login(t, "pdp_admin"), ts.login(t, "pdp_pegawai")

	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("csrf_token", admin.csrf)
	_ = mw.WriteField("requester_name", "Siti Aminah")
	_ = mw.WriteField("kind", "access")
	fw, _ := mw.CreateFormFile("evidence", "ktp.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4\n% bukti identitas\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/admin/privacy/requests", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if res, body := admin.do(req); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("record request with a file: got %d %.300s, want 303", res.StatusCode, body)
	}
	reqs, _, err := ts.db.ListSubjectRequests(ctx, budaya.SubjectRequestFilter{})
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests: got %v, %v, want one", reqs, err)
	}
	files, err := ts.db.SubjectRequestFiles(ctx, []int64{reqs[0].ID})
	if err != nil || len(files[reqs[0].ID]) != 1 {
		t.Fatalf("request files: got %v, %v, want one", files, err)
	}
	fileID := files[reqs[0].ID][0].ID
	own := fmt.Sprintf("/admin/privacy/requests/%d/files/%d", reqs[0].ID, fileID)
	general := fmt.Sprintf("/evidence/%d", fileID)

	for _, tt := range []struct {
		who  string
		c    *client
		path string
		want int
	}{
		{"admin", admin, general, http.StatusNotFound},
		{"pegawai", pegawai, general, http.StatusNotFound},
		{"pegawai", pegawai, own, http.StatusForbidden},
		{"admin", admin, own, http.StatusOK},
	} {
		if res, _ := tt.c.get(tt.path); res.StatusCode != tt.want {
			t.Errorf("GET %s as %s: got %d, want %d", tt.path, tt.who, res.StatusCode, tt.want)
		}
	}
	if _, n, err := ts.db.ListAudit(ctx, budaya.AuditFilter{Action: "download"}); err != nil || n != 1 {
		t.Errorf("audited downloads: got %d, %v, want 1", n, err)
	}
}
