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
		{"199001012022212001", "199001012022212001", 2}, // NI PPPK: "21" in place of the month
		{"198503152010011000", "", 0},                   // sequence 000: Excel rounded it
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

func TestNormalizeEmployee(t *testing.T) {
	tests := []struct {
		name  string
		e     Employee
		field string // "" when valid
	}{
		{"pns", Employee{NIP: "19850315 201001 2 003", Name: " Siti  Aminah ", UnitID: 1, Rank: "III/c", Email: "Siti@Contoh.go.id"}, ""},
		{"pppk grade", Employee{NIP: "199001012022031001", Status: StatusPPPK, Name: "A", UnitID: 1, Rank: "IX"}, ""},
		{"non-pns", Employee{OtherID: "PPNPN-7", Status: StatusLainnya, Name: "B", UnitID: 1}, ""},
		{"no id", Employee{Status: StatusLainnya, Name: "B", UnitID: 1}, "nip"},
		{"bad nip", Employee{NIP: "198502302010011003", Name: "A", UnitID: 1}, "nip"},
		{"no name", Employee{NIP: "198503152010012003", UnitID: 1}, "name"},
		{"bad kind", Employee{NIP: "198503152010012003", Name: "A", UnitID: 1, PositionKind: "lain"}, "position_kind"},
		{"bad status", Employee{NIP: "198503152010012003", Name: "A", UnitID: 1, Status: "honorer"}, "status"},
		{"bad rank", Employee{NIP: "198503152010012003", Name: "A", UnitID: 1, Rank: "III/f"}, "rank"},
		{"bad email", Employee{NIP: "198503152010012003", Name: "A", UnitID: 1, Email: "a b@c"}, "email"},
		{"no unit", Employee{NIP: "198503152010012003", Name: "A"}, "unit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NormalizeEmployee(&tt.e)
			got := ""
			if e := AsError(err); e != nil {
				got = e.Field
			} else if err != nil {
				got = err.Error()
			}
			if got != tt.field {
				t.Errorf("got field %q (%v), want %q", got, err, tt.field)
			}
		})
	}
	e := Employee{NIP: "19850315 201001 2 003", Name: " Siti  Aminah ", UnitID: 1, Email: "Siti@Contoh.go.id"}
	_ = NormalizeEmployee(&e)
	if e.NIP != "198503152010012003" || e.Name != "Siti Aminah" || e.Email != "siti@contoh.go.id" || e.PositionKind != PositionPelaksana || e.Status != StatusPNS {
		t.Errorf("normalised: got %+v", e)
	}
}

func TestLevelFitsUnder(t *testing.T) {
	tests := []struct {
		child, parent string
		want          bool
	}{
		{LevelEselon2, LevelEselon1, true},
		{LevelEselon4, LevelEselon2, true},
		{LevelEselon1, LevelEselon2, false},
		{LevelEselon2, LevelEselon2, false},
		{LevelNonstruktural, LevelEselon4, true},
		{LevelEselon4, LevelNonstruktural, false},
	}
	for _, tt := range tests {
		if got := LevelFitsUnder(tt.child, tt.parent); got != tt.want {
			t.Errorf("%s under %s: got %v, want %v", tt.child, tt.parent, got, tt.want)
		}
	}
}
