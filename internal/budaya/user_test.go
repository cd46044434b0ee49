package budaya

import (
	"strings"
	"testing"
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
