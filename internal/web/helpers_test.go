package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/web"
	"github.com/budaya-id/budaya/internal/webtest"
)

const testPassword = "Uji-Coba-Kuat-2024!"

var ctx = context.Background()

// testServer is the real router on a real database, over real HTTP.
type testServer struct {
	*httptest.Server
	db  *store.DB
	srv *web.Server
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	w := webtest.NewServer(t, webtest.Options{})
	return &testServer{Server: w.Server, db: w.DB, srv: w.Web}
}

// mustUser creates a user holding roles.
func (ts *testServer) mustUser(t *testing.T, username string, roles ...budaya.Role) *budaya.User {
	t.Helper()
	var grants []budaya.RoleGrant
	for _, r := range roles {
		grants = append(grants, budaya.RoleGrant{Role: r})
	}
	u, err := ts.db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: username, Password: testPassword, Roles: grants})
	if err != nil {
		t.Fatalf("create %s: %v", username, err)
	}
	return u
}

// client is a browser-like client with a cookie jar that does not follow redirects.
type client struct {
	t    *testing.T
	ts   *testServer
	http *http.Client
	csrf string
}

func (ts *testServer) anonymous(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, ts: ts, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// login signs username in and returns its client, with the page's CSRF token.
func (ts *testServer) login(t *testing.T, username string) *client {
	t.Helper()
	c := ts.anonymous(t)
	res := c.postForm("/login", url.Values{"username": {username}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: got %d, want 303", username, res.StatusCode)
	}
	c.refreshCSRF()
	return c
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

func (c *client) refreshCSRF() {
	c.t.Helper()
	_, body := c.get("/profile")
	m := csrfMeta.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatal("no csrf-token meta on /profile")
	}
	c.csrf = m[1]
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.ts.URL+path, nil)
	return c.do(req)
}

// postForm posts form values with the client's CSRF token (if any).
func (c *client) postForm(path string, form url.Values) *http.Response {
	c.t.Helper()
	res, _ := c.postFormBody(path, form)
	return res
}

func (c *client) postFormBody(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if c.csrf != "" && form.Get("csrf_token") == "" {
		form.Set("csrf_token", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// getJSON fetches path and decodes the JSON answer into v.
func (c *client) getJSON(path string, v any) *http.Response {
	c.t.Helper()
	res, body := c.get(path)
	if v != nil {
		if err := json.Unmarshal([]byte(body), v); err != nil {
			c.t.Fatalf("GET %s: %d %q is not JSON: %v", path, res.StatusCode, body, err)
		}
	}
	return res
}
