package budaya_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

func mustRules(t *testing.T) *budaya.PerformanceRules {
	t.Helper()
	o, err := budaya.LoadOfficial()
	if err != nil {
		t.Fatal(err)
	}
	r, err := o.PerformanceRules()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPredikatMatrix(t *testing.T) {
	r := mustRules(t)
	const bawah, sesuai, atas = "Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi"
	tests := []struct{ hasil, perilaku, want string }{
		{atas, atas, "Sangat Baik"},
		{atas, sesuai, "Baik"},
		{sesuai, sesuai, "Baik"},
		{sesuai, atas, "Baik"},
		{atas, bawah, "Kurang/Misconduct"},
		{bawah, sesuai, "Butuh Perbaikan"},
		{bawah, bawah, "Sangat Kurang"},
		{"", atas, ""},
	}
	for _, tt := range tests {
		if got := r.PredikatOf(tt.hasil, tt.perilaku); got != tt.want {
			t.Errorf("PredikatOf(%q, %q): got %q, want %q", tt.hasil, tt.perilaku, got, tt.want)
		}
	}
	want := []string{"Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"}
	if !slices.Equal(r.Predikat, want) {
		t.Errorf("predikat order: got %v, want %v", r.Predikat, want)
	}
	if err := r.ValidateRating("perilaku", "Luar Biasa", false); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("unknown rating: got %v, want invalid", err)
	}
}

func TestCheckDistribution(t *testing.T) {
	r := mustRules(t)
	rep := func(p string, n int) []string { return slices.Repeat([]string{p}, n) }
	tests := []struct {
		name       string
		capaian    string
		predikat   []string
		violations int
	}{
		{"istimewa within", "Istimewa", append(rep("Sangat Baik", 7), rep("Baik", 3)...), 0},
		{"istimewa too many sangat baik", "Istimewa", append(rep("Sangat Baik", 8), rep("Baik", 2)...), 1},
		{"baik needs one butuh perbaikan or kurang", "Baik", append(rep("Baik", 7), rep("Sangat Baik", 3)...), 1},
		{"baik satisfied", "Baik", append(rep("Baik", 6), append(rep("Sangat Baik", 3), "Kurang/Misconduct")...), 0},
		{"sangat kurang with sangat baik", "Sangat Kurang", append(rep("Sangat Kurang", 6), rep("Sangat Baik", 1)...), 1},
		{"empty", "Baik", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := r.CheckDistribution(tt.capaian, tt.predikat)
			if len(d.Violations) != tt.violations {
				t.Errorf("got %d violations %+v, want %d", len(d.Violations), d.Violations, tt.violations)
			}
		})
	}
}

// A large unit's count is written with the language's thousands separator.
func TestCheckDistributionMessageNumbers(t *testing.T) {
	r := mustRules(t)
	predikat := append(slices.Repeat([]string{"Sangat Baik"}, 1500), slices.Repeat([]string{"Baik"}, 500)...)
	d := r.CheckDistribution("Istimewa", predikat)
	if len(d.Violations) != 1 {
		t.Fatalf("got %d violations, want 1", len(d.Violations))
	}
	v := d.Violations[0]
	if !strings.Contains(v.Message, "75% (1.500 orang)") || !strings.Contains(v.MessageEN, "75% (1,500 people)") {
		t.Errorf("got %q / %q, want 75%% of 1.500 / 1,500 people", v.Message, v.MessageEN)
	}
}
