package web

import (
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

func TestFormatNumber(t *testing.T) {
	for _, c := range []struct {
		lang     string
		x        float64
		decimals int
		want     string
	}{
		{"id", 4.666, 2, "4,67"},
		{"en", 4.666, 2, "4.67"},
		{"id", 61.1, 1, "61,1"},
		{"en", 61.1, 1, "61.1"},
		{"id", 936476, 0, "936.476"},
		{"en", 936476, 0, "936,476"},
		{"id", 121000000, 0, "121.000.000"},
		{"id", 1234567.891, 2, "1.234.567,89"},
		{"en", 1234567.891, 2, "1,234,567.89"},
		{"id", 999, 0, "999"},
		{"id", 0, 1, "0,0"},
		{"id", -0.04, 1, "0,0"},
		{"id", -12.5, 1, "-12,5"},
		{"id", -1500, 0, "-1.500"},
	} {
		if got := budaya.FormatNumber(c.lang, c.x, c.decimals); got != c.want {
			t.Errorf("budaya.FormatNumber(%q, %v, %d) = %q, want %q", c.lang, c.x, c.decimals, got, c.want)
		}
	}
	if got := templateNum("id", int64(936476)); got != "936.476" {
		t.Errorf("templateNum(id, int64) = %q, want 936.476", got)
	}
	if got := templateNum("en", 4.5, 1); got != "4.5" {
		t.Errorf("templateNum(en, 4.5, 1) = %q, want 4.5", got)
	}
}
