package budaya

import "testing"

func TestParseNIP(t *testing.T) {
	tests := []struct {
		in     string
		want   string // normalised NIP, "" when invalid
		gender int
	}{
		{"198503152010012003", "198503152010012003", 2},
		{"'198503152010011003", "198503152010011003", 1},
		{" 19850315 201001 1 003 ", "198503152010011003", 1},
		{"19850315.201001.1.003", "198503152010011003", 1},
		{"1,98503E+17", "", 0},
		{"19850315201001100", "", 0},  // 17 digits
		{"198502302010011003", "", 0}, // 30 February
		{"198503152010131003", "", 0}, // month 13
		{"198503152010013003", "", 0}, // gender 3
		{"198503151980011003", "", 0}, // appointed before birth
		{"19850315201001100X", "", 0}, // letter
		{"", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := ParseNIP(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("got valid %+v, want an error", n)
				}
				if e := AsError(err); e == nil || e.Message == "" || e.MessageEN == "" || e.Field != "nip" {
					t.Errorf("error %v: want a bilingual invalid error on field nip", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want valid", err)
			}
			if n.Raw != tt.want || n.Gender != tt.gender {
				t.Errorf("got %s gender %d, want %s gender %d", n.Raw, n.Gender, tt.want, tt.gender)
			}
		})
	}
}

func TestFullName(t *testing.T) {
	e := Employee{FrontTitle: "Dr.", Name: "Siti Aminah", BackTitle: "S.E., M.Si."}
	if got, want := e.FullName(), "Dr. Siti Aminah, S.E., M.Si."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
