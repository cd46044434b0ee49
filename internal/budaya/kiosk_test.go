package budaya

import (
	"strings"
	"testing"
)

func TestKioskCode(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 200 {
		c, err := NewKioskCode()
		if err != nil {
			t.Fatal(err)
		}
		if len(c) != KioskCodeLength+1 || c[4] != '-' {
			t.Fatalf("code %q: want 4 characters, a dash, 4 characters", c)
		}
		for _, r := range strings.ReplaceAll(c, "-", "") {
			if !strings.ContainsRune(kioskAlphabet, r) {
				t.Fatalf("code %q holds %q, outside the alphabet", c, r)
			}
		}
		if seen[c] {
			t.Fatalf("code %q came twice in 200", c)
		}
		seen[c] = true
	}
	for _, bad := range []string{"0", "O", "1", "I", "L"} {
		if strings.Contains(kioskAlphabet, bad) {
			t.Errorf("alphabet holds the confusable %q", bad)
		}
	}
}

func TestKioskCodeHash(t *testing.T) {
	t.Parallel()
	h, err := HashKioskCode("K7QM-3TXA")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h, "K7QM") {
		t.Fatalf("hash %q holds the code", h)
	}
	h2, _ := HashKioskCode("K7QM-3TXA")
	if h == h2 {
		t.Error("two hashes of one code are equal: the salt is missing")
	}
	for _, tc := range []struct {
		typed string
		want  bool
	}{
		{"K7QM-3TXA", true},
		{"k7qm 3txa", true},
		{" K7QM3TXA ", true},
		{"K7QM-3TXB", false},
		{"", false},
		{"K7QM-3TX", false},
	} {
		if got := CheckKioskCode(h, tc.typed); got != tc.want {
			t.Errorf("CheckKioskCode(%q): got %v, want %v", tc.typed, got, tc.want)
		}
	}
	for _, bad := range []string{"", "pbkdf2-sha256$x$y$z", "argon2id$1$2$3", "pbkdf2-sha256$4096$!!$!!"} {
		if CheckKioskCode(bad, "K7QM-3TXA") {
			t.Errorf("malformed hash %q matched", bad)
		}
	}
	if CheckNoKioskCode("K7QM-3TXA") {
		t.Error("CheckNoKioskCode matched")
	}
}

func BenchmarkHashKioskCode(b *testing.B) {
	for b.Loop() {
		if _, err := HashKioskCode("K7QM-3TXA"); err != nil {
			b.Fatal(err)
		}
	}
}
