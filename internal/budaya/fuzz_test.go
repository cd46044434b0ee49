package budaya

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseNIP checks that ParseNIP never panics and that what it accepts is
// consistent: 18 digits whose parts read back the same way.
func FuzzParseNIP(f *testing.F) {
	for _, s := range []string{"198503152010011001", "19850315 201001 1 001", "1.98503E+17", "", "abc", "19851315201001100x", "000000000000000000", "١٩٨٥٠٣١٥٢٠١٠٠١١٠٠١"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNIP(s)
		if err != nil {
			if AsError(err) == nil {
				t.Fatalf("ParseNIP(%q): error %v is not a user error", s, err)
			}
			return
		}
		if len(n.Raw) != 18 || strings.Trim(n.Raw, "0123456789") != "" {
			t.Fatalf("ParseNIP(%q) accepted %q, not 18 digits", s, n.Raw)
		}
		again, err := ParseNIP(n.Raw)
		if err != nil || again.Raw != n.Raw {
			t.Fatalf("ParseNIP(%q) = %q, which does not parse back: %v", s, n.Raw, err)
		}
		if !utf8.ValidString(n.Raw) {
			t.Fatalf("invalid UTF-8 %q", n.Raw)
		}
	})
}
