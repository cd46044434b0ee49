package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// Text is one string shown on a page, at its start point in PDF units
// (points from the bottom left).
type Text struct {
	Page int
	X, Y float64
	S    string
	// WordSpacing is the extra space between words (Tw) the string is shown
	// with: above 0 on a justified line.
	WordSpacing float64
}

var (
	streamRe = regexp.MustCompile(`(?s)<<([^>]*)>>\s*stream\r?\n`)
	lengthRe = regexp.MustCompile(`/Length (\d+)`)
	showRe   = regexp.MustCompile(`BT ([-0-9.]+) ([-0-9.]+) Td \(((?:\\.|[^\\)])*)\) ?Tj ET|([-0-9.]+) Tw`)
)

// Texts reads back the strings shown on the pages of a PDF this package
// wrote, in the order they are drawn: what a reader's copy and paste finds.
// A string that a line break split comes back as two. It exists so that
// tests can check documents by their text, without an external tool.
func Texts(pdf []byte) ([]Text, error) {
	var out []Text
	page := 0
	for _, m := range streamRe.FindAllSubmatchIndex(pdf, -1) {
		dict := pdf[m[2]:m[3]]
		l := lengthRe.FindSubmatch(dict)
		if l == nil {
			return nil, fmt.Errorf("pdf stream without a length")
		}
		n, err := strconv.Atoi(string(l[1]))
		if err != nil || m[1]+n > len(pdf) {
			return nil, fmt.Errorf("pdf stream length %q", l[1])
		}
		data := pdf[m[1] : m[1]+n]
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			r, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				continue // an image or font, not a page
			}
			if data, err = io.ReadAll(r); err != nil {
				continue
			}
		}
		shows := showRe.FindAllSubmatch(data, -1)
		if len(shows) == 0 {
			continue
		}
		page++
		ws := 0.0
		for _, s := range shows {
			if s[4] != nil {
				ws, _ = strconv.ParseFloat(string(s[4]), 64)
				continue
			}
			x, _ := strconv.ParseFloat(string(s[1]), 64)
			y, _ := strconv.ParseFloat(string(s[2]), 64)
			out = append(out, Text{Page: page, X: x, Y: y, S: unescape(s[3]), WordSpacing: ws})
		}
	}
	return out, nil
}

func unescape(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
			if b[i] == 'r' {
				out = append(out, '\r')
				continue
			}
		}
		out = append(out, b[i])
	}
	// fpdf writes the core fonts in cp1252; the few characters budaya uses
	// beyond ASCII are read back as Latin-1, which is enough for a check.
	rs := make([]rune, len(out))
	for i, c := range out {
		rs[i] = rune(c)
	}
	return string(rs)
}
