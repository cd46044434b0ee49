package budaya

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber writes x with decimals digits after the decimal mark, in the
// way of lang: Bahasa Indonesia uses a decimal comma and dots between
// thousands ("936.476", "4,67"), English the other way round ("936,476",
// "4.67"). It is the one place every page and PDF formats a number shown to a
// person.
func FormatNumber(lang string, x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	decimals = max(decimals, 0)
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	group, mark := ",", "."
	if lang != "en" {
		group, mark = ".", ","
	}
	var b strings.Builder
	// A value that rounds to zero shows no minus sign.
	if x < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("-")
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(mark)
		b.WriteString(frac)
	}
	return b.String()
}
