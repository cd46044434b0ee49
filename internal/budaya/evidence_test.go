package budaya

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitizeFilename(t *testing.T) {
	long := strings.Repeat("é", 100) + ".pdf" // 200 bytes before the extension
	tests := []struct {
		name, in, want string
	}{
		{"plain", "laporan apel.pdf", "laporan apel.pdf"},
		{"path", "../../etc/passwd.pdf", "passwd.pdf"},
		{"windows path", `C:\Users\budi\foto.png`, "foto.png"},
		{"header-breaking characters", `a"b:c*d?e<f>g|h.pdf`, "a_b_c_d_e_f_g_h.pdf"},
		{"control characters", "lap\x00or\nan\t.pdf", "laporan.pdf"},
		{"right-to-left override", "laporan\u202Efdp.exe", "laporanfdp.exe"},
		{"left-to-right override", "\u202Dfoto.png", "foto.png"},
		{"embeddings and pop", "a\u202Ab\u202Bc\u202Cd.pdf", "abcd.pdf"},
		{"isolates", "a\u2066b\u2067c\u2068d\u2069.pdf", "abcd.pdf"},
		{"marks", "a\u200Eb\u200Fc\u061Cd.pdf", "abcd.pdf"},
		{"zero-width and byte-order mark", "\uFEFFla\u200Bpo\u200Dran.pdf", "laporan.pdf"},
		{"line and paragraph separators", "a\u2028b\u2029c.pdf", "abc.pdf"},
		{"invalid UTF-8", "lap\xffor\xfe.pdf", "lapor.pdf"},
		{"only invisible characters", "\u202E\u200F", "berkas"},
		{"dots only", "...", "berkas"},
		{"Indonesian and other scripts kept", "Surat Tugas — Bapak Agus (ñ, 日本).pdf", "Surat Tugas — Bapak Agus (ñ, 日本).pdf"},
		{"long name keeps its extension", long, strings.Repeat("é", 58) + ".pdf"},
		{"long name with one early dot", "a." + strings.Repeat("x", 300), "a." + strings.Repeat("x", 118)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SanitizeFilename(tt.in)
			if got != tt.want {
				t.Errorf("SanitizeFilename(%q): got %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) || len(got) > maxFilenameBytes {
				t.Errorf("SanitizeFilename(%q) = %q: %d bytes, valid UTF-8 %v; want at most %d bytes of valid UTF-8",
					tt.in, got, len(got), utf8.ValidString(got), maxFilenameBytes)
			}
		})
	}
}
