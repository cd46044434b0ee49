package budaya

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Terms of perilaku kerja assessment (Permenpan RB 6/2022): four quarters and the year.
var Terms = []string{"TW1", "TW2", "TW3", "TW4", "TAHUNAN"}

// ValidateTerm checks year and term.
func ValidateTerm(year int, term string) error {
	if year < 2022 || year > 2100 {
		return Invalid("year", MsgYearOutRange, year)
	}
	for _, t := range Terms {
		if t == term {
			return nil
		}
	}
	return Invalid("term", MsgUnknownAssessmentTermChoose, term)
}

// Expectation is, for one employee, term and value, the ekspektasi khusus
// pimpinan and the umpan balik berkelanjutan, with evidence.
type Expectation struct {
	ID          int64
	EmployeeID  int64
	Year        int
	Term        string
	ValueCode   string
	Expectation string
	Feedback    string
	EvaluatorID int64
	EvidenceIDs []int64
	UpdatedAt   time.Time
}

// PerilakuRating is the perilaku kerja and hasil kerja rating of one employee and
// term, and the predikat kinerja that follows.
type PerilakuRating struct {
	ID           int64
	EmployeeID   int64
	EmployeeName string
	Year         int
	Term         string
	UnitID       int64
	EvaluatorID  int64
	Perilaku     string // Di Bawah / Sesuai / Di Atas Ekspektasi
	HasilKerja   string
	HasilSource  string // manual or ekinerja
	Predikat     string
	UpdatedAt    time.Time
}

// PerformanceRules are the official rules of Permenpan RB 6/2022 loaded from berakhlak.json.
type PerformanceRules struct {
	Scale    []string                     // rating scale, lowest first
	Matrix   map[string]map[string]string // hasil kerja -> perilaku kerja -> predikat
	Capaian  []string                     // capaian kinerja organisasi, best first
	Patterns map[string][]PatternRule     // by capaian
	Predikat []string                     // every predikat, best first
}

// PatternRule bounds how many staff of a unit may get some predikat.
type PatternRule struct {
	Predikat   []string // one or more predikat counted together
	MaxPercent float64  // -1 when no maximum
	MinPercent float64  // 0 when no minimum
	MinCount   int
}

// PerformanceRules returns the rating scale, the predikat matrix, the capaian list
// and the distribution patterns of o.
func (o *Official) PerformanceRules() (*PerformanceRules, error) {
	r := &PerformanceRules{Scale: o.RatingScalePerilaku, Matrix: map[string]map[string]string{}, Capaian: o.CapaianOrganisasi, Patterns: map[string][]PatternRule{}}
	for hasil, raw := range o.PredikatMatrix {
		if hasil == "source" {
			continue
		}
		row := map[string]string{}
		if err := json.Unmarshal(raw, &row); err != nil {
			return nil, fmt.Errorf("predikat matrix row %s: %w", hasil, err)
		}
		r.Matrix[hasil] = row
	}
	for _, h := range r.Scale {
		for _, p := range r.Scale {
			if r.Matrix[h][p] == "" {
				return nil, fmt.Errorf("predikat matrix: no cell for hasil %q, perilaku %q", h, p)
			}
		}
	}
	// Best first: by the best pair of ratings that gives a predikat, ties broken by
	// the order of the capaian list, whose names the predikat share.
	score := map[string]int{}
	for hi, h := range r.Scale {
		for pi, p := range r.Scale {
			v := r.Matrix[h][p]
			if s, ok := score[v]; !ok || hi+pi > s {
				score[v] = hi + pi
			}
		}
	}
	capaianPos := func(p string) int {
		name, _, _ := strings.Cut(p, "/")
		for i, c := range r.Capaian {
			if c == name {
				return i
			}
		}
		return len(r.Capaian)
	}
	for p := range score {
		r.Predikat = append(r.Predikat, p)
	}
	sort.Slice(r.Predikat, func(i, j int) bool {
		a, b := r.Predikat[i], r.Predikat[j]
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		return capaianPos(a) < capaianPos(b)
	})
	for capaian, raw := range o.DistributionPatterns {
		if capaian == "source" {
			continue
		}
		var m map[string]struct {
			MaxPercent *float64 `json:"max_percent"`
			MinPercent *float64 `json:"min_percent"`
			MinCount   *int     `json:"min_count"`
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("distribution pattern %s: %w", capaian, err)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v := m[k]
			rule := PatternRule{Predikat: strings.Split(k, " or "), MaxPercent: -1}
			if v.MaxPercent != nil {
				rule.MaxPercent = *v.MaxPercent
			}
			if v.MinPercent != nil {
				rule.MinPercent = *v.MinPercent
			}
			if v.MinCount != nil {
				rule.MinCount = *v.MinCount
			}
			r.Patterns[capaian] = append(r.Patterns[capaian], rule)
		}
	}
	return r, nil
}

// ValidateRating checks that s is on the rating scale (empty allowed when optional).
func (r *PerformanceRules) ValidateRating(field, s string, optional bool) error {
	if s == "" && optional {
		return nil
	}
	for _, v := range r.Scale {
		if v == s {
			return nil
		}
	}
	return Invalid(field, MsgUnknownRatingChoose, s, strings.Join(r.Scale, " / "))
}

// PredikatOf returns the predikat kinerja for a hasil kerja and a perilaku kerja
// rating, or "" while either is missing.
func (r *PerformanceRules) PredikatOf(hasil, perilaku string) string {
	if hasil == "" || perilaku == "" {
		return ""
	}
	return r.Matrix[hasil][perilaku]
}

// Distribution is how a unit's predikat are spread in one term, checked against
// the pattern the capaian kinerja organisasi allows.
type Distribution struct {
	Capaian    string
	Counts     map[string]int
	Total      int // staff with a predikat
	Violations []PatternViolation
}

// PatternViolation is one broken rule of a distribution pattern.
type PatternViolation struct {
	Rule      PatternRule
	Count     int
	Percent   float64
	Message   string // Bahasa Indonesia
	MessageEN string
}

// CheckDistribution counts predikat and checks them against the pattern of capaian.
func (r *PerformanceRules) CheckDistribution(capaian string, predikat []string) Distribution {
	d := Distribution{Capaian: capaian, Counts: map[string]int{}}
	for _, p := range predikat {
		if p != "" {
			d.Counts[p]++
			d.Total++
		}
	}
	if d.Total == 0 {
		return d
	}
	for _, rule := range r.Patterns[capaian] {
		n := 0
		for _, p := range rule.Predikat {
			n += d.Counts[p]
		}
		pct := float64(n) / float64(d.Total) * 100
		names := strings.Join(rule.Predikat, " atau ")
		namesEN := strings.Join(rule.Predikat, " or ")
		switch {
		case rule.MaxPercent >= 0 && pct > rule.MaxPercent:
			d.Violations = append(d.Violations, PatternViolation{Rule: rule, Count: n, Percent: pct,
				Message:   fmt.Sprintf("Predikat %s %s%% (%s orang) melebihi batas %s%% untuk capaian organisasi %s.", names, FormatNumber("id", pct, 0), FormatNumber("id", float64(n), 0), FormatNumber("id", rule.MaxPercent, 0), capaian),
				MessageEN: fmt.Sprintf("Predikat %s is %s%% (%s people), above the %s%% allowed for organisational capaian %s.", namesEN, FormatNumber("en", pct, 0), FormatNumber("en", float64(n), 0), FormatNumber("en", rule.MaxPercent, 0), capaian)})
		case rule.MinPercent > 0 && pct < rule.MinPercent:
			d.Violations = append(d.Violations, PatternViolation{Rule: rule, Count: n, Percent: pct,
				Message:   fmt.Sprintf("Predikat %s %s%% (%s orang) di bawah minimal %s%% untuk capaian organisasi %s.", names, FormatNumber("id", pct, 0), FormatNumber("id", float64(n), 0), FormatNumber("id", rule.MinPercent, 0), capaian),
				MessageEN: fmt.Sprintf("Predikat %s is %s%% (%s people), below the %s%% required for organisational capaian %s.", namesEN, FormatNumber("en", pct, 0), FormatNumber("en", float64(n), 0), FormatNumber("en", rule.MinPercent, 0), capaian)})
		case rule.MinCount > 0 && n < rule.MinCount:
			d.Violations = append(d.Violations, PatternViolation{Rule: rule, Count: n, Percent: pct,
				Message:   fmt.Sprintf("Minimal %d orang harus berpredikat %s untuk capaian organisasi %s; ada %d.", rule.MinCount, names, capaian, n),
				MessageEN: fmt.Sprintf("At least %d people must have predikat %s for organisational capaian %s; there are %d.", rule.MinCount, namesEN, capaian, n)})
		}
	}
	return d
}

// RatingInput is what a pejabat penilai enters for one employee and term.
// An empty rating leaves the stored one as it is.
type RatingInput struct {
	EmployeeID  int64
	Year        int
	Term        string
	EvaluatorID int64
	Perilaku    string
	HasilKerja  string
	HasilSource string // manual or ekinerja
}

// PerilakuFilter selects ratings.
type PerilakuFilter struct {
	Year         int
	Term         string
	UnitID       int64 // with the units below it
	SupervisorID int64 // only the staff of this pejabat penilai
	EmployeeID   int64
}
