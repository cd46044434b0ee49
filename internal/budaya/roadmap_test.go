package budaya

import (
	"strings"
	"testing"
)

func TestParseRupiah(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr string
	}{
		{"Rp 1.250.000", 1250000, ""},
		{"1250000", 1250000, ""},
		{"Rp1.250.000,-", 1250000, ""},
		{"1.250.000,00", 1250000, ""},
		{"1 250 000", 1250000, ""},
		{"rp. 25.000", 25000, ""},
		{"", 0, ""},
		{"0", 0, ""},
		{"1.250.000,50", 0, "desimal"},
		{"1.25", 0, "pemisah ribuan"},
		{"-500", 0, "negatif"},
		{"Rp -500", 0, "negatif"},
		{"(500)", 0, "negatif"},
		{"12abc", 0, "hanya boleh"},
		{"Rp", 0, ""},
		{"99999999999999999999", 0, "terlalu besar"},
		{"2.000.000.000.000.000", 0, "terlalu besar"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRupiah("ceiling", tt.in)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Errorf("ParseRupiah(%q): got %d, %v; want %d", tt.in, got, err, tt.want)
				}
				return
			}
			e := AsError(err)
			if e == nil || e.Field != "ceiling" || !strings.Contains(e.Message, tt.wantErr) || e.MessageEN == "" {
				t.Errorf("ParseRupiah(%q): got %v, want an invalid error mentioning %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestFormatRupiah(t *testing.T) {
	for in, want := range map[int64]string{0: "Rp 0", 999: "Rp 999", 1000: "Rp 1.000", 1250000: "Rp 1.250.000", -45000: "Rp -45.000"} {
		if got := FormatRupiah(in); got != want {
			t.Errorf("FormatRupiah(%d): got %q, want %q", in, got, want)
		}
	}
}

func TestParseQuarters(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{"2025Q1", "2025Q1", ""},
		{"2025Q1-2025Q4", "2025Q1-2025Q4", ""},
		{"2025Q3..2026Q2", "2025Q3-2026Q2", ""},
		{"2026", "2026Q1-2026Q4", ""},
		{"2025-2026", "2025Q1-2026Q4", ""},
		{"2025-Q2, 2025 TW4, TW1 2026", "2025Q2, 2025Q4-2026Q1", ""},
		{"2025Q1, 2025Q1, 2025Q2", "2025Q1-2025Q2", ""},
		{"", "", "minimal satu"},
		{"2025Q5", "", "1 sampai 4"},
		{"2026Q1-2025Q4", "", "terbalik"},
		{"kuartal satu", "", "tidak terbaca"},
		{"1999Q1", "", "2000 dan 2100"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseQuarters(tt.in)
			if tt.wantErr != "" {
				if e := AsError(err); e == nil || !strings.Contains(e.Message, tt.wantErr) {
					t.Errorf("ParseQuarters(%q): got %v, want error with %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || FormatQuarters(got) != tt.want {
				t.Errorf("ParseQuarters(%q): got %q, %v; want %q", tt.in, FormatQuarters(got), err, tt.want)
			}
		})
	}
}

func TestAccountCode(t *testing.T) {
	for code, ok := range map[string]bool{"521211": true, "4471.QDB.001.051.A.521211": true, "52121": false, "52121A": false, "4471..521211": false, "": false} {
		if err := ValidateAccountCode(code); (err == nil) != ok {
			t.Errorf("ValidateAccountCode(%q): got %v, want ok=%v", code, err, ok)
		}
	}
}

func TestBudgetLineInputParse(t *testing.T) {
	r := &Roadmap{StartYear: 2025, EndYear: 2029}
	tests := []struct {
		in      BudgetLineInput
		wantErr string
	}{
		{BudgetLineInput{FiscalYear: "2026", Ceiling: "Rp 50.000.000", Realised: "60.000.000", AccountCode: "521211"}, ""},
		{BudgetLineInput{FiscalYear: "2030", Ceiling: "1", AccountCode: "521211"}, "di luar rentang"},
		{BudgetLineInput{FiscalYear: "2026", Ceiling: "", AccountCode: "521211"}, "Pagu wajib"},
		{BudgetLineInput{FiscalYear: "2026", Ceiling: "-1", AccountCode: "521211"}, "negatif"},
		{BudgetLineInput{FiscalYear: "2026", Ceiling: "1", AccountCode: "521211", FundingSource: "utang"}, "Sumber dana"},
		{BudgetLineInput{FiscalYear: "20x6", Ceiling: "1", AccountCode: "521211"}, "empat angka"},
	}
	for _, tt := range tests {
		l, err := tt.in.Parse(r)
		if tt.wantErr == "" {
			if err != nil || l.Ceiling != 50000000 || l.Realised != 60000000 || !l.OverCeiling() || l.FundingSource != "rupiah_murni" {
				t.Errorf("Parse(%+v): got %+v, %v", tt.in, l, err)
			}
			continue
		}
		if e := AsError(err); e == nil || !strings.Contains(e.Message, tt.wantErr) {
			t.Errorf("Parse(%+v): got %v, want error with %q", tt.in, err, tt.wantErr)
		}
	}
}

func TestSummariseBudgetAndProposal(t *testing.T) {
	acts := []Activity{
		{ID: 1, Code: "A1", OwnerUnitCode: "U1", ProgrammeCode: "P1", ValueCodes: []string{"AK", "BP"}, Status: ActivityRunning,
			Budget: []BudgetLine{{FiscalYear: 2026, Ceiling: 100, Realised: 40, AccountCode: "521211"}, {FiscalYear: 2025, Ceiling: 80, Realised: 80, AccountCode: "521211"}}},
		{ID: 2, Code: "A2", OwnerUnitCode: "U2", ProgrammeCode: "P1", Status: ActivityPlanned,
			Budget: []BudgetLine{{FiscalYear: 2026, Ceiling: 50, Realised: 70, AccountCode: "524111"}}},
		{ID: 3, Code: "A3", OwnerUnitCode: "U2", ProgrammeCode: "P2", ValueCodes: []string{"AK"}, Status: ActivityCancelled,
			Budget: []BudgetLine{{FiscalYear: 2026, Ceiling: 7, Realised: 0, AccountCode: "524111"}}},
	}
	s := SummariseBudget(2026, acts, map[string]string{"AK": "Akuntabel"})
	if s.Total.Ceiling != 157 || s.Total.Realised != 110 || !s.Total.Over {
		t.Errorf("total: got %+v, want ceiling 157 realised 110 over", s.Total)
	}
	var units, progs int64
	for _, r := range s.ByUnit {
		units += r.Ceiling
	}
	for _, r := range s.ByProgramme {
		progs += r.Ceiling
	}
	if units != s.Total.Ceiling || progs != s.Total.Ceiling {
		t.Errorf("by unit %d, by programme %d: want both %d", units, progs, s.Total.Ceiling)
	}
	// Full amount under each value: AK = 100 + 7, BP = 100, no value = 50.
	want := map[string]int64{"AK": 107, "BP": 100, "": 50}
	for _, r := range s.ByValue {
		if want[r.Key] != r.Ceiling {
			t.Errorf("value %q: got %d, want %d", r.Key, r.Ceiling, want[r.Key])
		}
	}
	if last := s.ByValue[len(s.ByValue)-1]; last.Key != "" {
		t.Errorf("the no-value row should come last, got %q", last.Key)
	}

	p := BuildProposal(2026, acts)
	if p.Amount != 150 || p.Previous != 80 || p.Change() != 70 {
		t.Errorf("proposal: got amount %d previous %d, want 150 and 80 (the cancelled activity left out)", p.Amount, p.Previous)
	}
	if len(p.Groups) != 2 || p.Groups[0].UnitCode != "U1" || p.Groups[0].AccountName != "Belanja Bahan" || p.Groups[0].Previous != 80 {
		t.Errorf("proposal groups: got %+v", p.Groups)
	}
}
