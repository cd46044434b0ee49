package directorytest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// OPUser is a person the provider knows.
type OPUser struct {
	Username string // also the preferred_username claim (e.g. the NIP)
	Email    string
	Password string
}

// users is the provider's user store.
type users map[string]*storage.User

func (u users) GetUserByID(id string) *storage.User { return u[id] }
func (u users) GetUserByUsername(name string) *storage.User {
	for _, x := range u {
		if x.Username == name {
			return x
		}
	}
	return nil
}
func (u users) ExampleClientID() string { return "" }

// OtherClientID is a second client registered at the provider (with the
// same secret and redirect), whose tokens budaya must not accept.
const OtherClientID = "aplikasi-lain"

// CodeLifetime is how long the provider accepts an authorization code, as
// Keycloak's default ("Client login timeout", one minute).
const CodeLifetime = time.Minute

// OP is a running OpenID Connect provider.
type OP struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	ln           net.Listener
	srv          *http.Server
	st           *expiringCodes
}

// expiringCodes is zitadel's example storage, whose codes never expire, with
// codes refused once older than CodeLifetime on the provider's clock.
type expiringCodes struct {
	*storage.Storage
	mu    sync.Mutex
	saved map[string]time.Time
	skew  time.Duration // added to the wall clock: Age moves the provider's time on
}

func (e *expiringCodes) SaveAuthCode(ctx context.Context, id, code string) error {
	e.mu.Lock()
	e.saved[code] = time.Now().Add(e.skew)
	e.mu.Unlock()
	return e.Storage.SaveAuthCode(ctx, id, code)
}

func (e *expiringCodes) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	e.mu.Lock()
	at, ok := e.saved[code]
	now := time.Now().Add(e.skew)
	e.mu.Unlock()
	if ok && now.Sub(at) > CodeLifetime {
		return nil, fmt.Errorf("code expired")
	}
	return e.Storage.AuthRequestByCode(ctx, code)
}

// Age moves the provider's clock on by d: codes issued before expire once
// d passes CodeLifetime.
func (o *OP) Age(d time.Duration) {
	o.st.mu.Lock()
	o.st.skew += d
	o.st.mu.Unlock()
}

// NewOP reserves the provider's address, so that its issuer is known before
// the client (budaya) is made; Start then serves it.
func NewOP(t testing.TB) *OP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return &OP{Issuer: "http://" + ln.Addr().String(), ClientID: "budaya", ClientSecret: "rahasia-klien", ln: ln}
}

// Start serves the provider with people, for budaya registered with redirectURL, until the test ends.
func (o *OP) Start(t testing.TB, redirectURL string, people []OPUser) {
	t.Helper()
	us := users{}
	for i, p := range people {
		id := fmt.Sprintf("sub-%d", i+1)
		us[id] = &storage.User{ID: id, Username: p.Username, Password: p.Password, FirstName: p.Username, LastName: "Pegawai",
			Email: p.Email, EmailVerified: true, PreferredLanguage: language.Indonesian}
	}
	st := storage.NewStorageWithClients(us, map[string]*storage.Client{
		o.ClientID:    storage.WebClient(o.ClientID, o.ClientSecret, redirectURL),
		OtherClientID: storage.WebClient(OtherClientID, o.ClientSecret, redirectURL),
	})
	o.st = &expiringCodes{Storage: st, saved: map[string]time.Time{}}
	o.srv = &http.Server{Handler: exampleop.SetupServer(o.Issuer, o.st, nil, false)}
	go func() { _ = o.srv.Serve(o.ln) }()
	t.Cleanup(o.Stop)
}

// Stop ends the provider: it is then down.
func (o *OP) Stop() {
	if o.srv != nil {
		_ = o.srv.Close()
	}
	_ = o.ln.Close()
}

var authRequestID = regexp.MustCompile(`name="id" value="([^"]+)"`)

// SignIn plays the person at the provider: from authURL (budaya's redirect
// to the provider) through the provider's sign-in form, and returns where the
// provider sends the browser back (budaya's callback with code and state).
func (o *OP) SignIn(t testing.TB, authURL, username, password string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	next := authURL
	var body string
	for range 10 {
		resp, err := c.Get(next)
		if err != nil {
			t.Fatalf("provider: GET %s: %v", next, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode/100 != 3 {
			body = string(b)
			break
		}
		next = resolve(t, next, resp.Header.Get("Location"))
	}
	m := authRequestID.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("provider: no sign-in form at %s: %s", next, body)
	}
	resp, err := c.PostForm(o.Issuer+"/login/username", url.Values{"id": {m[1]}, "username": {username}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	next = resolve(t, o.Issuer+"/login/username", resp.Header.Get("Location"))
	for range 10 {
		if !strings.HasPrefix(next, o.Issuer) {
			return next
		}
		resp, err := c.Get(next)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode/100 != 3 {
			t.Fatalf("provider: %s answered %d, want a redirect back to budaya", next, resp.StatusCode)
		}
		next = resolve(t, next, resp.Header.Get("Location"))
	}
	t.Fatal("provider: too many redirects")
	return ""
}

func resolve(t testing.TB, base, loc string) string {
	t.Helper()
	b, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	l, err := b.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	return l.String()
}
