package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestRealClientAddr(t *testing.T) {
	t.Parallel()
	proxies, err := ParseTrustedProxies("127.0.0.1, 10.0.0.0/24")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/99"); err == nil {
		t.Error("bad prefix: got no error")
	}
	s := &Server{trustedProxies: proxies}
	tests := []struct {
		name, remote, xff, want string
	}{
		{"direct client, header ignored", "203.0.113.9:5555", "1.2.3.4", "203.0.113.9"},
		{"through nginx", "127.0.0.1:40000", "198.51.100.7", "198.51.100.7"},
		{"through LB and nginx, forged first hop ignored", "127.0.0.1:40000", "6.6.6.6, 198.51.100.7, 10.0.0.4", "198.51.100.7"},
		{"garbage header", "127.0.0.1:40000", "not-an-ip", "127.0.0.1"},
		{"no header", "127.0.0.1:40000", "", "127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			h := s.realClientAddr(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = clientIP(r) }))
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
