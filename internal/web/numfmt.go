package web

import (
	"math"

	"github.com/budaya-id/budaya/internal/budaya"
)

// numArg turns a template argument into a float64 (ints and floats of every
// size), so {{num}} takes whatever the page data holds.
func numArg(v any) float64 {
	switch n := v.(type) {
	case int:
		return float64(n)
	case int64:
		return float64(n)
	case int32:
		return float64(n)
	case float64:
		return n
	case float32:
		return float64(n)
	case uint:
		return float64(n)
	case uint64:
		return float64(n)
	}
	return math.NaN()
}

// templateNum is the template function num: {{num $.Lang x 1}} formats x with
// one decimal in the page's language; {{num $.Lang n}} a whole number.
func templateNum(lang string, v any, decimals ...int) string {
	d := 0
	if len(decimals) > 0 {
		d = decimals[0]
	}
	return budaya.FormatNumber(lang, numArg(v), d)
}
