package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// oversizedJSON streams a JSON object of size bytes without holding it in memory.
func oversizedJSON(size int64) io.Reader {
	head, tail := `{"name":"`, `"}`
	fill := io.LimitReader(repeatByte('a'), size-int64(len(head)+len(tail)))
	return io.MultiReader(strings.NewReader(head), fill, strings.NewReader(tail))
}

type repeatByte byte

func (b repeatByte) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// TestJSONBodiesTooLarge sends an 85 MB JSON body (under the 81 MB limit of a
// whole request it is not: it is what an upload-sized body looks like) and a
// body just over the JSON limit to every JSON write of the API: each answers
// 413 saying the body is too large and how much may be sent, in both languages,
// never that it is not JSON.
func TestJSONBodiesTooLarge(t *testing.T) {
	ts := newTestServer(t)
	ts.mustUser(t, "json_admin", budaya.RoleAdmin)
	c := ts.login(t, "json_admin")
	var routes []string
	for _, rt := range ts.srv.Routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		// Imports take files (multipart); a hub package is a signed file with its own limit, served only by a hub.
		if method != http.MethodPost || !strings.HasPrefix(path, "/api/v1/") || path == "/api/v1/imports" || path == "/api/v1/hub/packages" {
			continue
		}
		routes = append(routes, strings.NewReplacer("{id}", "1").Replace(path))
	}
	if len(routes) < 10 {
		t.Fatalf("JSON write routes found: %v, want at least 10", routes)
	}
	for _, path := range routes {
		for _, tt := range []struct {
			name, lang, says string
			size             int64
		}{
			{"85 MB", "id", "terlalu besar: paling banyak 1 MB", 85 << 20},
			{"just over 1 MB", "en", "too large: at most 1 MB", 1<<20 + 1},
		} {
			t.Run(path+"/"+tt.name, func(t *testing.T) {
				req, _ := http.NewRequest(http.MethodPost, ts.URL+path, oversizedJSON(tt.size))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-CSRF-Token", c.csrf)
				req.AddCookie(&http.Cookie{Name: "lang", Value: tt.lang})
				res, body := c.do(req)
				var e struct {
					Error struct{ Code, Message string }
				}
				_ = json.Unmarshal([]byte(body), &e)
				if res.StatusCode != http.StatusRequestEntityTooLarge || e.Error.Code != budaya.ETOOLARGE || !strings.Contains(e.Error.Message, tt.says) {
					t.Errorf("got %d %.300s, want 413 %s saying %q", res.StatusCode, body, budaya.ETOOLARGE, tt.says)
				}
			})
		}
	}
}
