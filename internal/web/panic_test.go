package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestPanicsAnswerGenerically: a handler that panics yields a 500 with the
// generic message and the security headers, never the panic's text or a stack.
func TestPanicsAnswerGenerically(t *testing.T) {
	t.Parallel()
	s, err := New(Config{DB: storetest.Open(t), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	boom := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("SELECT password_hash FROM app_users: rahasia")
	})
	h := s.recoverPanics(s.securityHeaders(boom))
	for _, tt := range []struct{ path, want string }{
		{"/halaman", "Terjadi kesalahan pada server"},
		{"/api/v1/x", `"code":"internal"`},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		body := rec.Body.String()
		if rec.Code != http.StatusInternalServerError || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s: got %d, want 500 saying %q", tt.path, rec.Code, tt.want)
		}
		for _, leak := range []string{"SELECT", "rahasia", "goroutine", ".go:"} {
			if strings.Contains(body, leak) {
				t.Errorf("GET %s: the answer contains %q", tt.path, leak)
			}
		}
		if rec.Header().Get("Content-Security-Policy") == "" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: security headers missing on the panic's answer", tt.path)
		}
	}
}
