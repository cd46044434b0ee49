package budaya

import (
	"strings"
	"testing"
)

// TestHashPassword: argon2id with the stated parameters, a fresh salt per hash,
// and a check that accepts only the same password.
func TestHashPassword(t *testing.T) {
	const pw = "Uji-Coba-Kuat-2024!"
	h1, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := HashPassword(pw)
	if want := "$argon2id$v=19$m=19456,t=2,p=1$"; !strings.HasPrefix(h1, want) {
		t.Errorf("hash: got %q, want the prefix %q", h1, want)
	}
	if h1 == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if strings.Contains(h1, pw) {
		t.Error("the hash contains the password")
	}
	for _, tt := range []struct {
		hash, password string
		want           bool
	}{
		{h1, pw, true},
		{h2, pw, true},
		{h1, "Uji-Coba-Kuat-2024?", false},
		{h1, "", false},
	} {
		got, err := CheckPassword(tt.hash, tt.password)
		if err != nil || got != tt.want {
			t.Errorf("CheckPassword(%q): got %v, %v, want %v", tt.password, got, err, tt.want)
		}
	}
	if _, err := CheckPassword("$2a$10$bcrypt-is-not-accepted", pw); err == nil {
		t.Error("a non-argon2id hash was accepted")
	}
}

// TestHashPasswordCost: the zero cost is the default, a lower cost (allowed
// in a test binary only) is written into the hash and checked at that cost.
func TestHashPasswordCost(t *testing.T) {
	const pw = "Uji-Coba-Kuat-2024!"
	if d := DefaultPasswordCost(); d != (PasswordCost{Memory: 19456, Time: 2, Threads: 1}) {
		t.Errorf("default cost: got %+v, want 19456 KiB, t=2, p=1", d)
	}
	h, err := HashPasswordCost(pw, PasswordCost{})
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("zero cost: got %q, %v, want the default cost", h, err)
	}
	cheap, err := HashPasswordCost(pw, PasswordCost{Memory: 8, Time: 1, Threads: 1})
	if err != nil || !strings.HasPrefix(cheap, "$argon2id$v=19$m=8,t=1,p=1$") {
		t.Fatalf("lower cost: got %q, %v", cheap, err)
	}
	for _, tt := range []struct {
		password string
		want     bool
	}{{pw, true}, {"Uji-Coba-Kuat-2024?", false}} {
		if got, err := CheckPassword(cheap, tt.password); err != nil || got != tt.want {
			t.Errorf("CheckPassword(cheap, %q): got %v, %v, want %v", tt.password, got, err, tt.want)
		}
	}
}
