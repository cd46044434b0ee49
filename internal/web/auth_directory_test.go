package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/directory"
	"github.com/budaya-id/budaya/internal/directory/directorytest"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// directoryWorld is an instansi of one unit whose staff sign in through a
// directory: newcomer has no account yet, member has one, leaver has left;
// stranger is in the directory but not in budaya.
type directoryWorld struct {
	ts                       *testServer
	newcomer, member, leaver *budaya.Employee
	memberUser               *budaya.User
	strangerNIP              string
}

func newDirectoryWorld(t *testing.T, cfg func(*web.Config, string)) *directoryWorld {
	t.Helper()
	db := storetest.Open(t)
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, db, 1, 3)
	w := &directoryWorld{strangerNIP: "199901012020121001"}
	for i, p := range []**budaya.Employee{&w.newcomer, &w.member, &w.leaver} {
		if *p, err = db.FindEmployee(ctx, org.Staff[0][i]); err != nil {
			t.Fatal(err)
		}
	}
	if w.memberUser, err = db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: "anggota", Password: testPassword, EmployeeID: w.member.ID,
		Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}, {Role: budaya.RoleAuditor}}}); err != nil {
		t.Fatal(err)
	}
	w.leaver.Active = false
	if _, err := db.UpdateEmployee(ctx, budaya.SystemActor("test"), w.leaver.ID, *w.leaver); err != nil {
		t.Fatal(err)
	}
	// The server's address is reserved first: the provider must know budaya's callback.
	hs := httptest.NewUnstartedServer(nil)
	c := web.Config{DB: db, Version: "test", Blobs: blobs}
	cfg(&c, "http://"+hs.Listener.Addr().String())
	srv, err := web.New(c)
	if err != nil {
		t.Fatal(err)
	}
	hs.Config.Handler = srv.Handler()
	hs.Start()
	t.Cleanup(hs.Close)
	w.ts = &testServer{Server: hs, db: db, srv: srv}
	w.ts.mustUser(t, "adm", budaya.RoleAdmin)
	return w
}

func (w *directoryWorld) accountOf(t *testing.T, e *budaya.Employee) *budaya.User {
	t.Helper()
	u, err := w.ts.db.FindEmployeeUser(ctx, e.ID)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (w *directoryWorld) countAudit(t *testing.T, action string) int {
	t.Helper()
	_, n, err := w.ts.db.ListAudit(ctx, budaya.AuditFilter{Action: action, PerPage: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// oidcSignIn runs the browser's side: budaya's start, the provider, budaya's callback.
func oidcSignIn(t *testing.T, w *directoryWorld, op *directorytest.OP, username, password string) (*client, *http.Response, string, string) {
	t.Helper()
	c := w.ts.anonymous(t)
	res, _ := c.get("/auth/oidc/login?next=/tasks")
	if res.StatusCode != http.StatusFound || !strings.HasPrefix(res.Header.Get("Location"), op.Issuer) {
		t.Fatalf("start: got %d to %q, want a redirect to the provider", res.StatusCode, res.Header.Get("Location"))
	}
	back := op.SignIn(t, res.Header.Get("Location"), username, password)
	u, err := url.Parse(back)
	if err != nil || u.Path != "/auth/oidc/callback" {
		t.Fatalf("provider sent the browser to %q", back)
	}
	res, body := c.get(u.RequestURI())
	return c, res, body, u.RequestURI()
}

func TestOIDCSignIn(t *testing.T) {
	t.Parallel()
	op := directorytest.NewOP(t)
	w := newDirectoryWorld(t, func(c *web.Config, base string) {
		o, err := directory.NewOIDC(directory.OIDCConfig{Issuer: op.Issuer, ClientID: op.ClientID, ClientSecret: op.ClientSecret,
			RedirectURL: base + "/auth/oidc/callback", Claim: "preferred_username"})
		if err != nil {
			t.Fatal(err)
		}
		c.OIDC = o
	})
	const pw = "Sandi-SSO-1"
	op.Start(t, w.ts.URL+"/auth/oidc/callback", []directorytest.OPUser{
		{Username: w.newcomer.NIP, Password: pw}, {Username: w.member.NIP, Password: pw},
		{Username: w.leaver.NIP, Password: pw}, {Username: w.strangerNIP, Password: pw},
	})

	_, body := w.ts.anonymous(t).get("/login")
	if !strings.Contains(body, "Masuk dengan SSO instansi") || !strings.Contains(body, `href="/auth/oidc/login?next=%2f"`) {
		t.Fatal("sign-in page: no \"Masuk dengan SSO instansi\"")
	}

	// A newcomer gets a pegawai account at first sign-in.
	c, res, _, callback := oidcSignIn(t, w, op, w.newcomer.NIP, pw)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/tasks" {
		t.Fatalf("newcomer: got %d to %q, want 303 to /tasks", res.StatusCode, res.Header.Get("Location"))
	}
	u := w.accountOf(t, w.newcomer)
	if u == nil || !u.HasRole(budaya.RolePegawai) || len(u.Roles) != 1 || u.Username != w.newcomer.NIP {
		t.Fatalf("newcomer's account: %+v, want a pegawai account named by the NIP", u)
	}
	if res, body := c.get("/profile"); res.StatusCode != http.StatusOK || !strings.Contains(body, w.newcomer.Name) {
		t.Errorf("newcomer signed in: got %d", res.StatusCode)
	}
	// The callback again (a replay, e.g. from the browser's history): refused, nothing changes.
	if res, body := c.get(callback); res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "tidak dapat diverifikasi") {
		t.Errorf("replayed callback: got %d, want 401 with the message", res.StatusCode)
	}

	// A member signs in as their own account, with its roles.
	_, res, _, _ = oidcSignIn(t, w, op, w.member.NIP, pw)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("member: got %d", res.StatusCode)
	}
	if u := w.accountOf(t, w.member); u.ID != w.memberUser.ID {
		t.Errorf("member got account %d, want their own %d", u.ID, w.memberUser.ID)
	}

	// The leaver and the stranger are refused with a message; no account is made.
	_, res, body, _ = oidcSignIn(t, w, op, w.leaver.NIP, pw)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "tidak aktif lagi") || w.accountOf(t, w.leaver) != nil {
		t.Errorf("leaver: got %d, want 403 with the message and no account", res.StatusCode)
	}
	_, res, body, _ = oidcSignIn(t, w, op, w.strangerNIP, pw)
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, w.strangerNIP) || !strings.Contains(body, "admin kepegawaian") {
		t.Errorf("stranger: got %d, want 401 naming the identity and what to do", res.StatusCode)
	}
	if n, _ := w.ts.db.CountUsers(ctx); n != 3 { // adm, anggota, the newcomer
		t.Errorf("accounts: got %d, want 3", n)
	}

	// A callback whose state is not the one this browser started with.
	c2 := w.ts.anonymous(t)
	res, _ = c2.get("/auth/oidc/login")
	back, _ := url.Parse(op.SignIn(t, res.Header.Get("Location"), w.member.NIP, pw))
	q := back.Query()
	q.Set("state", "dipalsukan")
	back.RawQuery = q.Encode()
	if res, _ := c2.get(back.RequestURI()); res.StatusCode != http.StatusUnauthorized || hasSession(res) {
		t.Errorf("forged state: got %d, want 401 and no session", res.StatusCode)
	}
	// The provider's error (the person cancelled) is shown, not a 500.
	_, _ = c2.get("/auth/oidc/login")
	if res, _ := c2.get("/auth/oidc/callback?error=access_denied&state=x"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("provider error: got %d, want 401", res.StatusCode)
	}

	// The local admin still signs in with a password.
	if c := w.ts.login(t, "adm"); c.csrf == "" {
		t.Error("local admin cannot sign in")
	}
	if n := w.countAudit(t, "login"); n < 3 {
		t.Errorf("login audit entries: got %d, want at least 3", n)
	}
	if n := w.countAudit(t, "login_refused"); n < 5 {
		t.Errorf("login_refused audit entries: got %d, want at least 5 (replay, leaver, stranger, state, provider error)", n)
	}
}

func hasSession(res *http.Response) bool {
	for _, c := range res.Cookies() {
		if c.Name == "budaya_session" && c.Value != "" {
			return true
		}
	}
	return false
}

func TestOIDCProviderDown(t *testing.T) {
	t.Parallel()
	op := directorytest.NewOP(t)
	op.Stop()
	w := newDirectoryWorld(t, func(c *web.Config, base string) {
		o, err := directory.NewOIDC(directory.OIDCConfig{Issuer: op.Issuer, ClientID: "budaya", RedirectURL: base + "/auth/oidc/callback"})
		if err != nil {
			t.Fatal(err)
		}
		c.OIDC = o
	})
	res, body := w.ts.anonymous(t).get("/auth/oidc/login")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "tidak dapat dihubungi") {
		t.Errorf("provider down: got %d, want 503 with the message", res.StatusCode)
	}
}

func TestLDAPSignIn(t *testing.T) {
	t.Parallel()
	const pw = "Sandi-Direktori-1"
	w := newDirectoryWorld(t, func(c *web.Config, _ string) {})
	slapd := directorytest.StartSlapd(t, []directorytest.Person{
		{UID: "baru", NIP: w.newcomer.NIP, Password: pw}, {UID: "anggota", NIP: w.member.NIP, Password: pw},
		{UID: "keluar", NIP: w.leaver.NIP, Password: pw}, {UID: "asing", NIP: w.strangerNIP, Password: pw},
	})
	l, err := directory.NewLDAP(directory.LDAPConfig{URL: slapd.URL, StartTLS: true, TLSConfig: slapd.TLSConfig, BindDN: slapd.BindDN, BindPassword: slapd.BindPassword,
		BaseDN: directorytest.BaseDN, Filter: "(|(uid={username})(employeeNumber={nip}))", NIPAttr: "employeeNumber"})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{DB: w.ts.db, Version: "test", LDAP: l})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	w.ts = &testServer{Server: hs, db: w.ts.db, srv: srv}

	login := func(user, pass string) (*http.Response, string) {
		return w.ts.anonymous(t).postFormBody("/login", url.Values{"username": {user}, "password": {pass}, "next": {"/tasks"}})
	}
	if res, _ := login("baru", pw); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/tasks" || !hasSession(res) {
		t.Fatalf("newcomer: got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if u := w.accountOf(t, w.newcomer); u == nil || !u.HasRole(budaya.RolePegawai) {
		t.Errorf("newcomer's account: %+v", u)
	}
	if res, _ := login(w.member.NIP, pw); res.StatusCode != http.StatusSeeOther {
		t.Errorf("member by NIP: got %d", res.StatusCode)
	}
	if res, _ := login("baru", "salah"); res.StatusCode != http.StatusUnauthorized || hasSession(res) {
		t.Errorf("wrong password: got %d, want 401", res.StatusCode)
	}
	if res, body := login("keluar", pw); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "tidak aktif lagi") || w.accountOf(t, w.leaver) != nil {
		t.Errorf("leaver: got %d, want 403 and no account", res.StatusCode)
	}
	if res, body := login("asing", pw); res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "admin kepegawaian") {
		t.Errorf("stranger: got %d, want 401 with what to do", res.StatusCode)
	}
	// Local passwords stay: the admin is not in the directory.
	if res, _ := login("adm", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Errorf("local admin: got %d, want 303", res.StatusCode)
	}
	// The directory down: a directory user is told so; the local admin still signs in.
	slapd.Stop()
	if res, body := login("baru", pw); res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "tidak dapat dihubungi") {
		t.Errorf("directory down: got %d, want 503 with the message", res.StatusCode)
	}
	if res, _ := login("adm", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Errorf("local admin with the directory down: got %d, want 303", res.StatusCode)
	}
	if n := w.countAudit(t, "login_refused"); n < 3 {
		t.Errorf("login_refused audit entries: got %d, want at least 3", n)
	}
}
