// Package signals finds patterns in recognition, nomination and measurement
// data that an admin may want to look at: reciprocal recognition rings, the
// same text reused across many people, rating inflation, and bursts of
// submissions just before a deadline. A signal is a reason to look, never a
// verdict: budaya takes no action on it. Every detector is a pure function
// over plain inputs, so that its rule can be tested on crafted data; the rules
// and thresholds are written down in docs/recognition.md.
//
// Anonymity: inputs from anonymous instruments carry no rater key, and a
// detector then names only the unit.
package signals

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Signal kinds.
const (
	KindReciprocal = "reciprocal"
	KindTextReuse  = "text_reuse"
	KindInflation  = "inflation"
	KindBurst      = "deadline_burst"
)

// Kinds lists every kind, in the order they are shown.
var Kinds = []string{KindReciprocal, KindTextReuse, KindInflation, KindBurst}

// Signal is one finding with the reason it fired, in both languages, and its evidence.
type Signal struct {
	Kind       string
	SubjectKey string // stable identity of what the signal is about, so a re-run finds the same signal
	Subject    string // human label (people or a unit)
	Score      float64
	Reason     string // Bahasa Indonesia
	ReasonEN   string
	Evidence   map[string]any
}

// Params are the thresholds of every detector.
type Params struct {
	// Reciprocal: a pair fires when each thanked the other at least
	// ReciprocalMinEach times and their mutual count is at least
	// ReciprocalFactor times the mean count of all pairs with any recognition.
	ReciprocalMinEach int
	ReciprocalFactor  float64
	// Text reuse: one normalised text (at least TextMinChars letters and
	// digits) used for at least TextMinTargets distinct people or units.
	TextMinTargets int
	TextMinChars   int
	// Inflation: a rater or unit with at least InflationMinRatings ratings
	// whose mean lies at least InflationZ standard deviations above the mean
	// of the other raters' (units') means, computed without it, and at least
	// InflationMinGap points above; needs InflationMinPeers others to compare.
	InflationMinRatings int
	InflationZ          float64
	InflationMinGap     float64
	InflationMinPeers   int
	// Burst: a group fires when at least BurstMinCount submissions came in
	// and the share in the last BurstWindow before the deadline is at least
	// BurstMinShare and at least BurstFactor times the share expected if
	// submissions were spread evenly over the open time.
	BurstMinCount int
	BurstWindow   time.Duration
	BurstMinShare float64
	BurstFactor   float64
}

// DefaultParams are the thresholds budaya uses.
func DefaultParams() Params {
	return Params{
		ReciprocalMinEach:   3,
		ReciprocalFactor:    3,
		TextMinTargets:      5,
		TextMinChars:        20,
		InflationMinRatings: 10,
		InflationZ:          2,
		InflationMinGap:     0.5,
		InflationMinPeers:   4,
		BurstMinCount:       10,
		BurstWindow:         24 * time.Hour,
		BurstMinShare:       0.5,
		BurstFactor:         3,
	}
}

// Thanks is one recognition from one person to another.
type Thanks struct {
	From, To int64
}

// Reciprocal finds pairs who thank each other far more than pairs usually do.
// names labels people in the reasons.
func Reciprocal(thanks []Thanks, names map[int64]string, p Params) []Signal {
	type pair struct{ a, b int64 } // a < b
	counts := map[pair][2]int{}    // [a->b, b->a]
	for _, t := range thanks {
		if t.From == t.To {
			continue
		}
		k, dir := pair{t.From, t.To}, 0
		if t.From > t.To {
			k, dir = pair{t.To, t.From}, 1
		}
		c := counts[k]
		c[dir]++
		counts[k] = c
	}
	if len(counts) == 0 {
		return nil
	}
	total := 0
	for _, c := range counts {
		total += c[0] + c[1]
	}
	mean := float64(total) / float64(len(counts))
	var out []Signal
	for k, c := range counts {
		mutual := c[0] + c[1]
		if c[0] < p.ReciprocalMinEach || c[1] < p.ReciprocalMinEach || float64(mutual) < p.ReciprocalFactor*mean {
			continue
		}
		na, nb := label(names, k.a), label(names, k.b)
		ratio := float64(mutual) / mean
		out = append(out, Signal{
			Kind:       KindReciprocal,
			SubjectKey: fmt.Sprintf("pair:%d:%d", k.a, k.b),
			Subject:    na + " ↔ " + nb,
			Score:      round2(ratio),
			Reason: fmt.Sprintf("%s mengapresiasi %s %d kali dan %s mengapresiasi %s %d kali: %d kali bersama, %s kali rata-rata pasangan (%s); ambang: masing-masing ≥ %d dan ≥ %s kali rata-rata.",
				na, nb, c[0], nb, na, c[1], mutual, num("id", ratio, 1), num("id", mean, 2), p.ReciprocalMinEach, num("id", p.ReciprocalFactor, 1)),
			ReasonEN: fmt.Sprintf("%s thanked %s %d times and %s thanked %s %d times: %d together, %s times the mean pair (%s); threshold: each ≥ %d and ≥ %s times the mean.",
				na, nb, c[0], nb, na, c[1], mutual, num("en", ratio, 1), num("en", mean, 2), p.ReciprocalMinEach, num("en", p.ReciprocalFactor, 1)),
			Evidence: map[string]any{"a": k.a, "b": k.b, "a_to_b": c[0], "b_to_a": c[1], "mutual": mutual, "mean_pair": round2(mean), "pairs": len(counts)},
		})
	}
	sortSignals(out)
	return out
}

// Text is one piece of free text written for someone.
type Text struct {
	Source      string // "recognition", "nomination", "feedback", "comment" ...
	AuthorKey   string // "" when the author is anonymous
	AuthorLabel string
	TargetKey   string // whom or what the text is about
	UnitLabel   string // the unit of the target, named when the author is anonymous
	Body        string
}

// NormalizeText lower-cases s and keeps only its letters and digits,
// separated by single spaces, so that punctuation, case and spacing do not
// hide a copy.
func NormalizeText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// TextHash is the short hash of the normalised text.
func TextHash(s string) string { return hashNormalized(NormalizeText(s)) }

func hashNormalized(norm string) string {
	h := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(h[:8])
}

// TextReuse finds one text used for many different people. An attributed
// author's copies are grouped per author; anonymous copies are grouped per
// source and the signal names only the units they were written in.
func TextReuse(texts []Text, p Params) []Signal {
	type group struct {
		source, author, authorLabel, hash, sample string
		targets, units                            map[string]bool
		uses                                      int
	}
	groups := map[string]*group{}
	var order []string
	for _, t := range texts {
		norm := NormalizeText(t.Body)
		if countAlnum(norm) < p.TextMinChars {
			continue
		}
		h := hashNormalized(norm)
		k := t.Source + "|" + t.AuthorKey + "|" + h
		g := groups[k]
		if g == nil {
			g = &group{source: t.Source, author: t.AuthorKey, authorLabel: t.AuthorLabel, hash: h, sample: excerpt(t.Body, 120),
				targets: map[string]bool{}, units: map[string]bool{}}
			groups[k] = g
			order = append(order, k)
		}
		g.uses++
		g.targets[t.TargetKey] = true
		if t.UnitLabel != "" {
			g.units[t.UnitLabel] = true
		}
	}
	var out []Signal
	for _, k := range order {
		g := groups[k]
		if len(g.targets) < p.TextMinTargets {
			continue
		}
		units := sortedKeys(g.units)
		s := Signal{Kind: KindTextReuse, Score: float64(len(g.targets)),
			Evidence: map[string]any{"source": g.source, "hash": g.hash, "uses": g.uses, "targets": len(g.targets), "excerpt": g.sample, "units": units}}
		if g.author != "" {
			s.SubjectKey = "author:" + g.source + ":" + g.author + ":" + g.hash
			s.Subject = g.authorLabel
			s.Reason = fmt.Sprintf("%s menulis teks yang sama (%s) %d kali untuk %d orang berbeda; ambang: ≥ %d orang, teks ≥ %d huruf/angka.",
				g.authorLabel, sourceID(g.source), g.uses, len(g.targets), p.TextMinTargets, p.TextMinChars)
			s.ReasonEN = fmt.Sprintf("%s wrote the same text (%s) %d times for %d different people; threshold: ≥ %d people, text ≥ %d letters/digits.",
				g.authorLabel, g.source, g.uses, len(g.targets), p.TextMinTargets, p.TextMinChars)
			s.Evidence["author"] = g.author
		} else {
			// Anonymous comments fall under the K rule: the signal shows no text, only where and how often.
			delete(s.Evidence, "excerpt")
			s.SubjectKey = "anonymous:" + g.source + ":" + g.hash
			s.Subject = strings.Join(units, ", ")
			s.Reason = fmt.Sprintf("Teks yang sama (%s, anonim) muncul %d kali untuk %d sasaran berbeda di unit %s; ambang: ≥ %d sasaran. Penulis tidak disebut karena instrumennya anonim.",
				sourceID(g.source), g.uses, len(g.targets), s.Subject, p.TextMinTargets)
			s.ReasonEN = fmt.Sprintf("The same text (%s, anonymous) appears %d times for %d different targets in unit %s; threshold: ≥ %d targets. The writer is not named because the instrument is anonymous.",
				g.source, g.uses, len(g.targets), s.Subject, p.TextMinTargets)
		}
		out = append(out, s)
	}
	sortSignals(out)
	return out
}

// Rating is one score given in some instrument, normalised so that higher is better.
type Rating struct {
	Source     string // e.g. "360", "survey", "perilaku", "nomination"
	RaterKey   string // "" when the rater is anonymous
	RaterLabel string
	UnitKey    string // the unit rated (or the rater's unit)
	UnitLabel  string
	Score      float64
}

// Inflation finds raters (when attributed) and units whose mean rating lies
// far above the others'. Each source is judged on its own scale.
func Inflation(ratings []Rating, p Params) []Signal {
	bySource := map[string][]Rating{}
	var sources []string
	for _, r := range ratings {
		if _, ok := bySource[r.Source]; !ok {
			sources = append(sources, r.Source)
		}
		bySource[r.Source] = append(bySource[r.Source], r)
	}
	var out []Signal
	for _, src := range sources {
		rs := bySource[src]
		out = append(out, inflationBy(src, "rater", rs, func(r Rating) (string, string) { return r.RaterKey, r.RaterLabel }, p)...)
		out = append(out, inflationBy(src, "unit", rs, func(r Rating) (string, string) { return r.UnitKey, r.UnitLabel }, p)...)
	}
	sortSignals(out)
	return out
}

func inflationBy(source, level string, rs []Rating, key func(Rating) (string, string), p Params) []Signal {
	type acc struct {
		label string
		sum   float64
		n     int
	}
	groups := map[string]*acc{}
	for _, r := range rs {
		k, l := key(r)
		if k == "" {
			continue // anonymous: never grouped by rater
		}
		a := groups[k]
		if a == nil {
			a = &acc{label: l}
			groups[k] = a
		}
		a.sum += r.Score
		a.n++
	}
	means := map[string]float64{}
	for k, a := range groups {
		if a.n >= p.InflationMinRatings {
			means[k] = a.sum / float64(a.n)
		}
	}
	if len(means) < p.InflationMinPeers+1 {
		return nil
	}
	// Leave-one-out mean and standard deviation from running sums: O(n), not O(n²).
	var sum, sumSq float64
	for _, m := range means {
		sum += m
		sumSq += m * m
	}
	var out []Signal
	for k, m := range means {
		others := len(means) - 1
		mu := (sum - m) / float64(others)
		sd := 0.0
		if others > 1 {
			v := (sumSq - m*m - float64(others)*mu*mu) / float64(others-1)
			sd = math.Sqrt(math.Max(v, 0))
			if sd < 1e-9 {
				sd = 0 // rounding noise of equal means
			}
		}
		gap := m - mu
		if gap < p.InflationMinGap {
			continue
		}
		z := math.Inf(1)
		if sd > 0 {
			z = gap / sd
		}
		if z < p.InflationZ {
			continue
		}
		a := groups[k]
		zText := func(lang string) string {
			if math.IsInf(z, 1) {
				return "∞"
			}
			return num(lang, z, 1)
		}
		levelID := map[string]string{"rater": "Penilai", "unit": "Unit"}[level]
		levelEN := map[string]string{"rater": "Rater", "unit": "Unit"}[level]
		score := z
		if math.IsInf(z, 1) {
			score = 99
		}
		out = append(out, Signal{
			Kind:       KindInflation,
			SubjectKey: "inflation:" + source + ":" + level + ":" + k,
			Subject:    a.label,
			Score:      round2(score),
			Reason: fmt.Sprintf("%s %s memberi rata-rata %s dari %d penilaian (%s), %s di atas rata-rata %d pembanding lain (%s, simpangan baku %s): z = %s; ambang: z ≥ %s, selisih ≥ %s, ≥ %d penilaian.",
				levelID, a.label, num("id", m, 2), a.n, source, num("id", gap, 2), others, num("id", mu, 2), num("id", sd, 2), zText("id"),
				num("id", p.InflationZ, 1), num("id", p.InflationMinGap, 1), p.InflationMinRatings),
			ReasonEN: fmt.Sprintf("%s %s gave a mean of %s over %d ratings (%s), %s above the mean of %d others (%s, standard deviation %s): z = %s; threshold: z ≥ %s, gap ≥ %s, ≥ %d ratings.",
				levelEN, a.label, num("en", m, 2), a.n, source, num("en", gap, 2), others, num("en", mu, 2), num("en", sd, 2), zText("en"),
				num("en", p.InflationZ, 1), num("en", p.InflationMinGap, 1), p.InflationMinRatings),
			Evidence: map[string]any{"source": source, "level": level, "key": k, "mean": round2(m), "n": a.n, "others_mean": round2(mu), "others_sd": round2(sd), "others": others},
		})
	}
	return out
}

// BurstGroup is the submissions of one group (a unit in a period, a
// nomination round) with the time it was open.
type BurstGroup struct {
	Key, Label string
	Source     string
	Opens      time.Time
	Deadline   time.Time
	Times      []time.Time
}

// Burst finds groups whose submissions crowd into the last window before the deadline.
func Burst(groups []BurstGroup, p Params) []Signal {
	var out []Signal
	for _, g := range groups {
		open := g.Deadline.Sub(g.Opens)
		if open <= p.BurstWindow || len(g.Times) < p.BurstMinCount {
			continue
		}
		from := g.Deadline.Add(-p.BurstWindow)
		late, n := 0, 0
		for _, t := range g.Times {
			if t.Before(g.Opens) || t.After(g.Deadline) {
				continue
			}
			n++
			if !t.Before(from) {
				late++
			}
		}
		if n < p.BurstMinCount {
			continue
		}
		share := float64(late) / float64(n)
		expected := float64(p.BurstWindow) / float64(open)
		if share < p.BurstMinShare || share < p.BurstFactor*expected {
			continue
		}
		hours := p.BurstWindow.Hours()
		out = append(out, Signal{
			Kind:       KindBurst,
			SubjectKey: "burst:" + g.Source + ":" + g.Key,
			Subject:    g.Label,
			Score:      round2(share / expected),
			Reason: fmt.Sprintf("%d dari %d kiriman (%s%%) masuk dalam %s jam terakhir sebelum tenggat %s, padahal bila merata hanya %s%%; ambang: ≥ %s%%, ≥ %s kali harapan, ≥ %d kiriman.",
				late, n, num("id", share*100, 0), num("id", hours, 0), g.Deadline.UTC().Format("2006-01-02 15:04 UTC"), num("id", expected*100, 1),
				num("id", p.BurstMinShare*100, 0), num("id", p.BurstFactor, 1), p.BurstMinCount),
			ReasonEN: fmt.Sprintf("%d of %d submissions (%s%%) came in the last %s hours before the deadline %s, where an even spread gives %s%%; threshold: ≥ %s%%, ≥ %s times expected, ≥ %d submissions.",
				late, n, num("en", share*100, 0), num("en", hours, 0), g.Deadline.UTC().Format("2006-01-02 15:04 UTC"), num("en", expected*100, 1),
				num("en", p.BurstMinShare*100, 0), num("en", p.BurstFactor, 1), p.BurstMinCount),
			Evidence: map[string]any{"source": g.Source, "submissions": n, "last_window": late, "share": round2(share), "expected_share": round2(expected),
				"deadline": g.Deadline.UTC(), "opens": g.Opens.UTC()},
		})
	}
	sortSignals(out)
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func label(names map[int64]string, id int64) string {
	if n := names[id]; n != "" {
		return n
	}
	return fmt.Sprintf("#%d", id)
}

func countAlnum(s string) int {
	n := 0
	for _, r := range s {
		if r != ' ' {
			n++
		}
	}
	return n
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sourceID(s string) string {
	switch s {
	case "recognition":
		return "apresiasi"
	case "nomination":
		return "usulan teladan"
	case "feedback":
		return "umpan balik"
	case "comment":
		return "komentar"
	}
	return s
}

// sortSignals orders by score, strongest first, then by subject key so that the order is stable.
func sortSignals(s []Signal) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Score != s[j].Score {
			return s[i].Score > s[j].Score
		}
		return s[i].SubjectKey < s[j].SubjectKey
	})
}

// num writes a figure of a reason in the reader's convention: 1,5 in
// Indonesian, 1.5 in English (budaya.FormatNumber).
func num(lang string, x float64, decimals int) string {
	return budaya.FormatNumber(lang, x, decimals)
}
