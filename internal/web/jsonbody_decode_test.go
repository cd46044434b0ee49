package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// TestDecodeJSON: the one decoder of JSON request bodies says, for each way a
// body can be wrong, what is wrong, in both languages.
func TestDecodeJSON(t *testing.T) {
	type input struct {
		Name    string   `json:"name"`
		Ceiling int64    `json:"ceiling"`
		Values  []string `json:"values"`
	}
	tests := []struct {
		name, ctype, body string
		code, field, says string // says: part of the Indonesian message
	}{
		{"good", "application/json", `{"name": "Apel", "ceiling": 5, "values": ["BP"]}` + "\n", "", "", ""},
		{"good without content type", "", `{"name": "Apel"}`, "", "", ""},
		{"good with charset", "application/json; charset=utf-8", `{"name": "Apel"}`, "", "", ""},
		{"form instead of JSON", "application/x-www-form-urlencoded", `name=Apel`, budaya.EINVALID, "", "Content-Type: application/json"},
		{"empty", "application/json", ``, budaya.EINVALID, "", "kosong"},
		{"syntax error", "application/json", `{"name": Apel}`, budaya.EINVALID, "", "bukan JSON yang sah (kesalahan pada byte ke-10)"},
		{"cut short", "application/json", `{"name": "Ap`, budaya.EINVALID, "", "terpotong"},
		{"not an object", "application/json", `"x"`, budaya.EINVALID, "", "satu objek JSON"},
		{"decimal rupiah", "application/json", `{"ceiling": 5.5}`, budaya.EINVALID, "ceiling", "bilangan bulat tanpa desimal"},
		{"number as text", "application/json", `{"name": 5}`, budaya.EINVALID, "name", "teks dalam tanda kutip"},
		{"text as list", "application/json", `{"values": "BP"}`, budaya.EINVALID, "values", "daftar"},
		{"unknown field", "application/json", `{"nama": "Apel"}`, budaya.EINVALID, "nama", `Kolom "nama" tidak dikenal`},
		{"two objects", "application/json", `{"name": "a"} {"name": "b"}`, budaya.EINVALID, "", "satu objek JSON saja"},
		{"over the limit", "application/json", `{"name": "` + strings.Repeat("a", maxJSONBody) + `"}`, budaya.ETOOLARGE, "", "paling banyak 1 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/api/v1/x", strings.NewReader(tt.body))
			if tt.ctype != "" {
				r.Header.Set("Content-Type", tt.ctype)
			}
			var in input
			err := decodeJSON(httptest.NewRecorder(), r, &in)
			if tt.code == "" {
				if err != nil || in.Name == "" {
					t.Fatalf("got %v (name %q), want the object decoded", err, in.Name)
				}
				return
			}
			e := budaya.AsError(err)
			if e == nil || e.Code != tt.code || e.Field != tt.field || !strings.Contains(e.Message, tt.says) || e.MessageEN == "" || e.MessageEN == e.Message {
				t.Errorf("got %#v, want %s on field %q saying %q, with an English message", e, tt.code, tt.field, tt.says)
			}
		})
	}
}
