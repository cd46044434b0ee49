package web_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/webtest"
)

// BenchmarkHotPages measures the pages of the load test's mix (issue 18.1),
// one request at a time through the real router, on the demo instansi of
// 300 employees; with BUDAYA_TEST_PG set, on PostgreSQL. Run with
//
//	go test ./internal/web -run '^$' -bench HotPages -benchtime 200x -cpuprofile /tmp/hot.pprof
//
// and read the profile with go tool pprof -top /tmp/hot.pprof
// (docs/operations.md, "Under load").
func BenchmarkHotPages(b *testing.B) {
	w := webtest.NewDemoServer(b, 300)
	signIn := func(username string) *http.Client {
		b.Helper()
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.PostForm(w.URL+"/login", url.Values{"username": {username}, "password": {demo.Password}})
		if err != nil {
			b.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			b.Fatalf("sign in %s: got %d, want 303", username, res.StatusCode)
		}
		return c
	}
	pegawai, pimpinan := signIn(demo.UserPegawai), signIn(demo.UserPimpinan)
	for _, p := range []struct {
		name, path string
		c          *http.Client
	}{
		{"home", "/", pegawai},
		{"tasks", "/tasks", pegawai},
		{"recognition", "/recognition", pegawai},
		{"mydata", "/me/data", pegawai},
		{"api-me", "/api/v1/me", pegawai},
		{"index", "/index", pimpinan},
		{"api-index", "/api/v1/index", pimpinan},
	} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				res, err := p.c.Get(w.URL + p.path)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("GET %s: got %d, want 200", p.path, res.StatusCode)
				}
			}
		})
	}
	// A sign-in is one argon2id check (19 MiB, t=2) in a hashing slot.
	b.Run("signin", func(b *testing.B) {
		form := url.Values{"username": {demo.UserPegawai}, "password": {demo.Password}}.Encode()
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for b.Loop() {
			res, err := c.Post(w.URL+"/login", "application/x-www-form-urlencoded", strings.NewReader(form))
			if err != nil {
				b.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusSeeOther {
				b.Fatalf("sign in: got %d, want 303", res.StatusCode)
			}
		}
	})
}
