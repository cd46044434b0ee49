package signals

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// background is ordinary recognition among 20 people: each thanks the next two, once.
func background() []Thanks {
	var out []Thanks
	for i := int64(1); i <= 20; i++ {
		out = append(out, Thanks{i, i%20 + 1}, Thanks{i, (i+1)%20 + 1})
	}
	return out
}

func repeat(n int, t Thanks) []Thanks {
	out := make([]Thanks, n)
	for i := range out {
		out[i] = t
	}
	return out
}

func TestReciprocal(t *testing.T) {
	p := DefaultParams()
	tests := []struct {
		name   string
		thanks []Thanks
		want   []string
	}{
		{"ordinary pattern", background(), nil},
		{"ring of two fires", append(append(background(), repeat(5, Thanks{30, 31})...), repeat(4, Thanks{31, 30})...), []string{"pair:30:31"}},
		{"one-sided admiration does not fire", append(background(), repeat(12, Thanks{30, 31})...), nil},
		{"mutual but below the minimum each way", append(append(background(), repeat(8, Thanks{30, 31})...), repeat(2, Thanks{31, 30})...), nil},
		// When everyone thanks each other a lot, a frequent pair is usual.
		{"frequent everywhere does not fire", func() []Thanks {
			var out []Thanks
			for i := int64(1); i <= 6; i++ {
				out = append(out, repeat(4, Thanks{i, i%6 + 1})...)
				out = append(out, repeat(4, Thanks{i%6 + 1, i})...)
			}
			return out
		}(), nil},
		{"self thanks ignored", repeat(10, Thanks{5, 5}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keys(Reciprocal(tt.thanks, map[int64]string{30: "Andi", 31: "Budi"}, p))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	s := Reciprocal(append(append(background(), repeat(5, Thanks{30, 31})...), repeat(4, Thanks{31, 30})...), map[int64]string{30: "Andi", 31: "Budi"}, p)[0]
	if !strings.Contains(s.Reason, "Andi mengapresiasi Budi 5 kali") || !strings.Contains(s.ReasonEN, "Budi thanked Andi 4 times") {
		t.Errorf("reason: got %q / %q, want the counts named", s.Reason, s.ReasonEN)
	}
	// Figures follow each language's convention: a decimal comma in
	// Indonesian, a decimal point in English.
	factor := budaya.FormatNumber("id", p.ReciprocalFactor, 1)
	if !strings.Contains(s.Reason, "≥ "+factor+" kali rata-rata") || !strings.Contains(factor, ",") {
		t.Errorf("Indonesian reason %q: want the threshold written %q", s.Reason, factor)
	}
	if want := budaya.FormatNumber("en", p.ReciprocalFactor, 1); !strings.Contains(s.ReasonEN, "≥ "+want+" times the mean") || !strings.Contains(want, ".") {
		t.Errorf("English reason %q: want the threshold written %q", s.ReasonEN, want)
	}
}

func TestTextReuse(t *testing.T) {
	p := DefaultParams()
	long := "Terima kasih atas kerja kerasnya menyelesaikan laporan tepat waktu!"
	many := func(source, author string, n int, body func(i int) string) []Text {
		var out []Text
		for i := 0; i < n; i++ {
			out = append(out, Text{Source: source, AuthorKey: author, AuthorLabel: "Pak " + author, TargetKey: fmt.Sprint("e", i), UnitLabel: "Biro Umum", Body: body(i)})
		}
		return out
	}
	same := func(int) string { return long }
	tests := []struct {
		name  string
		texts []Text
		want  []string
	}{
		{"same text for five people fires", many("recognition", "7", 5, same), []string{"author:recognition:7:" + TextHash(long)}},
		{"case, spacing and punctuation do not hide a copy", many("recognition", "7", 5, func(i int) string {
			if i%2 == 0 {
				return strings.ToUpper(long)
			}
			return "  " + strings.ReplaceAll(long, " ", "   ") + "..."
		}), []string{"author:recognition:7:" + TextHash(long)}},
		{"four people is below the threshold", many("recognition", "7", 4, same), nil},
		{"five copies for the same person do not fire", func() []Text {
			ts := many("recognition", "7", 5, same)
			for i := range ts {
				ts[i].TargetKey = "e1"
			}
			return ts
		}(), nil},
		{"short thanks are normal", many("recognition", "7", 20, func(int) string { return "Terima kasih!" }), nil},
		{"different texts do not fire", many("recognition", "7", 20, func(i int) string { return fmt.Sprintf("%s Kasus nomor %d.", long, i) }), nil},
		{"different authors are not pooled", append(many("recognition", "7", 3, same), many("recognition", "8", 3, same)...), nil},
		{"anonymous copies name the unit only", many("comment", "", 6, same), []string{"anonymous:comment:" + TextHash(long)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keys(TextReuse(tt.texts, p))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	anon := TextReuse(many("comment", "", 6, same), p)[0]
	if anon.Subject != "Biro Umum" || strings.Contains(anon.Reason, "Pak") || anon.Evidence["author"] != nil || anon.Evidence["excerpt"] != nil {
		t.Errorf("anonymous signal: got subject %q reason %q evidence %v, want only the unit named", anon.Subject, anon.Reason, anon.Evidence)
	}
}

func TestInflation(t *testing.T) {
	p := DefaultParams()
	// Five raters around 3.0 with some spread, each with 12 ratings.
	base := func() []Rating {
		var out []Rating
		means := []float64{2.8, 3.0, 3.2, 2.9, 3.1}
		for i, m := range means {
			for j := 0; j < 12; j++ {
				d := float64(j%3-1) * 0.5
				out = append(out, Rating{Source: "360", RaterKey: fmt.Sprint("r", i), RaterLabel: fmt.Sprint("Rater ", i), UnitKey: fmt.Sprint("u", i), UnitLabel: fmt.Sprint("Unit ", i), Score: m + d})
			}
		}
		return out
	}
	add := func(rs []Rating, key, unit string, n int, score float64) []Rating {
		for j := 0; j < n; j++ {
			rs = append(rs, Rating{Source: "360", RaterKey: key, RaterLabel: "Rater " + key, UnitKey: unit, UnitLabel: "Unit " + unit, Score: score})
		}
		return rs
	}
	tests := []struct {
		name    string
		ratings []Rating
		want    []string
	}{
		{"ordinary spread", base(), nil},
		{"a rater far above fires for rater and unit", add(base(), "x", "ux", 12, 5), []string{"inflation:360:rater:x", "inflation:360:unit:ux"}},
		{"too few ratings to judge", add(base(), "x", "ux", 9, 5), nil},
		{"slightly above does not fire", add(base(), "x", "ux", 12, 3.3), nil},
		{"too few others to compare", add(base()[:36], "x", "ux", 12, 5), nil},
		{"anonymous ratings are judged by unit only", func() []Rating {
			rs := add(base(), "", "ux", 12, 5)
			return rs
		}(), []string{"inflation:360:unit:ux"}},
		{"sources are judged apart", func() []Rating {
			rs := base()
			for j := 0; j < 12; j++ {
				rs = append(rs, Rating{Source: "perilaku", RaterKey: "x", UnitKey: "ux", Score: 3})
			}
			return rs
		}(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keys(Inflation(tt.ratings, p))
			sortStrings(got)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBurst(t *testing.T) {
	p := DefaultParams()
	opens := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	deadline := opens.Add(30 * 24 * time.Hour)
	spread := func(n int) []time.Time {
		var out []time.Time
		for i := 0; i < n; i++ {
			out = append(out, opens.Add(time.Duration(i+1)*(deadline.Sub(opens)/time.Duration(n+1))))
		}
		return out
	}
	late := func(n int) []time.Time {
		var out []time.Time
		for i := 0; i < n; i++ {
			out = append(out, deadline.Add(-time.Duration(i+1)*time.Hour))
		}
		return out
	}
	tests := []struct {
		name  string
		times []time.Time
		want  bool
	}{
		{"even spread", spread(40), false},
		{"most in the last day fires", append(spread(10), late(15)...), true},
		{"a few late ones are normal", append(spread(30), late(3)...), false},
		{"too few submissions to judge", late(9), false},
		{"submissions after the deadline are not counted", append(spread(20), deadline.Add(time.Hour), deadline.Add(2*time.Hour)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Burst([]BurstGroup{{Key: "u1", Label: "Biro Umum", Source: "survey", Opens: opens, Deadline: deadline, Times: tt.times}}, p)
			if (len(got) == 1) != tt.want {
				t.Errorf("got %d signals, want fired=%v", len(got), tt.want)
			}
		})
	}
	// A two-day window: the last day is half of the time, so 60% late is not a burst.
	short := BurstGroup{Key: "u2", Source: "survey", Opens: deadline.Add(-48 * time.Hour), Deadline: deadline, Times: append(late(6), deadline.Add(-30*time.Hour), deadline.Add(-31*time.Hour), deadline.Add(-32*time.Hour), deadline.Add(-33*time.Hour))}
	if got := Burst([]BurstGroup{short}, p); len(got) != 0 {
		t.Errorf("short window: got %d signals, want none (a late share near the expected share)", len(got))
	}
}

func keys(s []Signal) []string {
	var out []string
	for _, x := range s {
		out = append(out, x.SubjectKey)
	}
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// BenchmarkDetectors runs every detector over a large instansi's half year:
// 100,000 recognitions among 20,000 people, 100,000 ratings and 2,000 burst groups.
func BenchmarkDetectors(b *testing.B) {
	const people = 20000
	var thanks []Thanks
	var texts []Text
	for i := 0; i < 100000; i++ {
		from, to := int64(i%people), int64((i*7919)%people)
		thanks = append(thanks, Thanks{from, to})
		texts = append(texts, Text{Source: "recognition", AuthorKey: fmt.Sprint(from), TargetKey: fmt.Sprint(to),
			Body: fmt.Sprintf("Terima kasih atas bantuan menyelesaikan laporan nomor %d tepat waktu.", i)})
	}
	var ratings []Rating
	for i := 0; i < 100000; i++ {
		ratings = append(ratings, Rating{Source: "360", RaterKey: fmt.Sprint(i % 3000), UnitKey: fmt.Sprint(i % 400), Score: float64(1 + i%5)})
	}
	opens := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var groups []BurstGroup
	for g := 0; g < 2000; g++ {
		bg := BurstGroup{Key: fmt.Sprint(g), Opens: opens, Deadline: opens.Add(30 * 24 * time.Hour)}
		for i := 0; i < 50; i++ {
			bg.Times = append(bg.Times, opens.Add(time.Duration(i*13)*time.Hour))
		}
		groups = append(groups, bg)
	}
	p := DefaultParams()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Reciprocal(thanks, nil, p)
		TextReuse(texts, p)
		Inflation(ratings, p)
		Burst(groups, p)
	}
}
