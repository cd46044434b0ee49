package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/webtest"
)

// TestSignInBusy: while every hashing slot is taken (a sign-in storm), a
// sign-in that cannot get one in time gets the sign-in form again with 503,
// Retry-After and "busy, try again" in the reader's language, not an error
// page; it is not counted as a failed attempt, so the same password signs in
// once a slot is free.
func TestSignInBusy(t *testing.T) {
	t.Parallel()
	h := budaya.NewPasswordHasher(1, time.Millisecond)
	db := storetest.OpenWith(t, store.Options{Hasher: h})
	w := webtest.NewServer(t, webtest.Options{DB: db})
	ts := &testServer{Server: w.Server, db: w.DB, srv: w.Web}
	ts.mustUser(t, "pegawai1", budaya.RolePegawai)

	release, err := h.Reserve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"id", "en"} {
		c := ts.anonymous(t)
		c.get("/lang/" + lang)
		res, body := c.postFormBody("/login", url.Values{"username": {"pegawai1"}, "password": {testPassword}})
		want := map[string]string{"id": "Server sedang sibuk", "en": "The server is busy"}[lang]
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(body, want) || !strings.Contains(body, `name="password"`) {
			t.Errorf("sign-in (%s) with every slot taken: got %d, Retry-After %q, want 503 with %q in the sign-in form", lang, res.StatusCode, res.Header.Get("Retry-After"), want)
		}
	}
	// More busy refusals than the lockout allows failures: none is counted.
	c := ts.anonymous(t)
	for range budaya.MaxFailedLogins + 1 {
		if res := c.postForm("/login", url.Values{"username": {"pegawai1"}, "password": {testPassword}}); res.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("sign-in with every slot taken: got %d, want 503", res.StatusCode)
		}
	}
	release()
	ts.login(t, "pegawai1") // fails the test unless the sign-in succeeds
}
