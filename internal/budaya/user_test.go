package budaya

import (
	"strings"
	"testing"
	"time"
)

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		password, username string
		want               string // part of the Indonesian message; "" when valid
	}{
		{"Uji-Coba-Kuat-2024!", "siti", ""},
		{"Kata Sandi 2026 ok", "", ""},
		{"Pendek-1!", "", "minimal 12 karakter"},
		{"semua-kecil-2024!", "", "huruf besar"},
		{"SEMUA-BESAR-2024!", "", "huruf kecil"},
		{"Tanpa-Angka-Sama!", "", "angka"},
		{"TanpaSimbol20245", "", "simbol"},
		{"Siti-Rahayu-2026!", "siti", "nama pengguna"},
		{"Baik-Sekali-2000!", "", "tiga kali berturut-turut"},
		{"Kuaaat-Sandi-26!", "", "tiga kali berturut-turut"},
		{"Tanda-Seru-2026!!!", "", "tiga kali berturut-turut"},
		{"Dua-Kali-Saja-1100!", "", ""},
		{strings.Repeat("Ab1!", 65), "", "maksimal 256"},
	}
	for _, tt := range tests {
		err := ValidatePassword(tt.password, tt.username)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("ValidatePassword(%q): got %v, want valid", tt.password, err)
		case tt.want != "" && (ErrorCode(err) != EINVALID || !strings.Contains(AsError(err).Message, tt.want)):
			t.Errorf("ValidatePassword(%q): got %v, want invalid saying %q", tt.password, err, tt.want)
		}
	}
}

func TestLoginFailures(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	var f LoginFailures
	for i := 1; i <= MaxFailedLogins; i++ {
		if f = f.Fail(t0.Add(time.Duration(i) * time.Minute)); f.Count != i || f.Locked(t0.Add(time.Duration(i)*time.Minute)) {
			t.Fatalf("failure %d: got %+v, want counted and not locked", i, f)
		}
	}
	at := t0.Add(10 * time.Minute)
	if f = f.Fail(at); !f.Locked(at) || f.Count != 0 || !f.LockedUntil.Equal(at.Add(LockoutDuration)) {
		t.Fatalf("failure %d: got %+v, want locked for %v and the count started afresh", MaxFailedLogins+1, f, LockoutDuration)
	}
	if !f.Locked(at.Add(LockoutDuration-time.Second)) || f.Locked(at.Add(LockoutDuration)) {
		t.Errorf("lock: want it to hold for exactly %v", LockoutDuration)
	}
	after := at.Add(LockoutDuration)
	if f = f.Fail(after); f.Count != 1 || !f.LockedUntil.IsZero() || !f.FirstAt.Equal(after) {
		t.Errorf("failure after the lock: got %+v, want the first of a new window", f)
	}
	// A failure after the window starts a new one.
	g := LoginFailures{Count: MaxFailedLogins, FirstAt: t0}.Fail(t0.Add(LockoutWindow + time.Second))
	if g.Count != 1 || g.Locked(t0.Add(LockoutWindow+time.Second)) {
		t.Errorf("failure after the window: got %+v, want a count of 1, not locked", g)
	}
}
