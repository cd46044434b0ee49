package hub

import (
	"math"
	"time"

	"github.com/budaya-id/budaya/internal/index"
)

// Tolerances of the consistency check: figures travel rounded to one decimal.
const (
	meanTolerance = 0.11 // a mean of rounded figures against its rounded mean
	ciTolerance   = 0.15
)

// Check verifies the figures of p again, as a hub must before it keeps a
// package: the period's K is at least index.MinK and every group and figure
// with figures has n of at least K; every score lies in 0..100 with its band;
// every interval holds its score and is no wider than the widest any n
// answers between 0 and 100 can give (t·√(μ(100−μ)/(n−1)), the largest
// sample variance of bounded scores); a value is the mean of its behaviours
// and the overall the mean of its values. The first problem found is
// returned, in both languages.
func Check(p *Package, bands index.Bands) error {
	if p.Instansi.Code == "" || p.Instansi.Name == "" {
		return refuse("kode dan nama instansi wajib ada.", "the instansi code and name are required.")
	}
	if p.Period.Label == "" {
		return refuse("label periode wajib ada.", "the period label is required.")
	}
	for _, d := range []string{p.Period.Starts, p.Period.Ends} {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return refuse("tanggal periode %q tidak berbentuk YYYY-MM-DD.", "period date %q is not YYYY-MM-DD.", d)
		}
	}
	if p.Method != index.Version {
		return refuse("versi metode %d; hub ini membandingkan metode versi %d.", "method version %d; this hub compares method version %d.", p.Method, index.Version)
	}
	k := p.Period.K
	if k < index.MinK || k > index.MaxK {
		return refuse("K = %d di luar %d..%d.", "K = %d is outside %d..%d.", k, index.MinK, index.MaxK)
	}
	if len(p.Groups) == 0 || p.Groups[0].Level != LevelInstansi {
		return refuse("kelompok pertama harus angka tingkat instansi.", "the first group must be the instansi-level figures.")
	}
	seen := map[string]bool{}
	var valueCodes []string
	for gi, g := range p.Groups {
		if seen[g.Code] {
			return refuse("kelompok %q muncul dua kali.", "group %q appears twice.", g.Code)
		}
		seen[g.Code] = true
		if gi > 0 && g.Level != LevelEselon1 && g.Level != LevelEselon2 {
			return refuse("kelompok %q bertingkat %q; paket hanya memuat instansi, eselon I dan eselon II.",
				"group %q has level %q; a package holds only the instansi, eselon I and eselon II.", g.Code, g.Level)
		}
		if g.N < int64(k) {
			return refuse("kelompok %q memiliki n = %d, di bawah K = %d: kelompok sekecil itu tidak boleh keluar dari instansi.",
				"group %q has n = %d, below K = %d: so small a group must not leave the instansi.", g.Code, g.N, k)
		}
		if g.TasksDone > g.TasksTotal || g.N > g.TasksDone || g.ResponseRate < 0 || g.ResponseRate > 100 ||
			math.Abs(g.ResponseRate-index.Round1(float64(g.TasksDone)/float64(g.TasksTotal)*100)) > 0.051 {
			return refuse("tingkat respons kelompok %q tidak konsisten (n %d, tugas selesai %d dari %d, %.1f%%).",
				"the response rate of group %q is inconsistent (n %d, tasks done %d of %d, %.1f%%).", g.Code, g.N, g.TasksDone, g.TasksTotal, g.ResponseRate)
		}
		var codes []string
		var valueScores []float64
		for _, v := range g.Values {
			codes = append(codes, v.Code)
			var sum float64
			var nb int
			for _, b := range v.Behaviours {
				if err := checkFigure(g.Code, b, k, bands); err != nil {
					return err
				}
				if b.N > 0 {
					sum += b.Score
					nb++
				}
			}
			if err := checkFigure(g.Code, v.Figure, k, bands); err != nil {
				return err
			}
			if v.Alpha != nil && (*v.Alpha > 1 || math.IsNaN(*v.Alpha)) {
				return refuse("alpha %s kelompok %q lebih dari 1.", "alpha of %s in group %q is above 1.", v.Code, g.Code)
			}
			if v.N > 0 {
				if nb == 0 || math.Abs(v.Score-sum/float64(nb)) > meanTolerance {
					return refuse("skor nilai %s kelompok %q (%.1f) bukan rata-rata perilakunya.",
						"the score of value %s in group %q (%.1f) is not the mean of its behaviours.", v.Code, g.Code, v.Score)
				}
				valueScores = append(valueScores, v.Score)
			}
		}
		if err := checkFigure(g.Code, g.Overall, k, bands); err != nil {
			return err
		}
		if g.Overall.N == 0 {
			return refuse("kelompok %q tidak memiliki angka keseluruhan.", "group %q has no overall figure.", g.Code)
		}
		var mean float64
		for _, s := range valueScores {
			mean += s
		}
		if len(valueScores) == 0 || math.Abs(g.Overall.Score-mean/float64(len(valueScores))) > meanTolerance {
			return refuse("skor keseluruhan kelompok %q (%.1f) bukan rata-rata nilainya.",
				"the overall score of group %q (%.1f) is not the mean of its values.", g.Code, g.Overall.Score)
		}
		if gi == 0 {
			valueCodes = codes
		} else if !sameCodes(codes, valueCodes) {
			return refuse("kelompok %q memakai nilai yang berbeda dari tingkat instansi.", "group %q uses other values than the instansi level.", g.Code)
		}
	}
	return nil
}

func sameCodes(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkFigure checks one figure of group.
func checkFigure(group string, f Figure, k int, bands index.Bands) error {
	if f.N == 0 {
		if f.Score != 0 || f.Band != "" || f.CILow != nil || f.CIHigh != nil {
			return refuse("angka %s kelompok %q tanpa responden tetapi memiliki skor.", "figure %s of group %q has no respondents but a score.", f.Code, group)
		}
		return nil
	}
	if f.N < int64(k) {
		return refuse("angka %s kelompok %q memiliki n = %d, di bawah K = %d.", "figure %s of group %q has n = %d, below K = %d.", f.Code, group, f.N, k)
	}
	if f.Score < 0 || f.Score > 100 || math.IsNaN(f.Score) {
		return refuse("skor %s kelompok %q di luar 0..100.", "score %s of group %q is outside 0..100.", f.Code, group)
	}
	if f.Band != bands.Of(f.Score) {
		return refuse("kategori %s kelompok %q adalah %q, padahal skor %.1f berkategori %q.",
			"the band of %s in group %q is %q, but score %.1f is in band %q.", f.Code, group, f.Band, f.Score, bands.Of(f.Score))
	}
	if f.CILow == nil || f.CIHigh == nil {
		return refuse("angka %s kelompok %q tidak memiliki selang kepercayaan.", "figure %s of group %q has no confidence interval.", f.Code, group)
	}
	lo, hi := *f.CILow, *f.CIHigh
	if lo < 0 || hi > 100 || lo > f.Score+0.05 || hi < f.Score-0.05 {
		return refuse("selang kepercayaan %s kelompok %q (%.1f..%.1f) tidak memuat skor %.1f.",
			"the confidence interval of %s in group %q (%.1f..%.1f) does not hold the score %.1f.", f.Code, group, lo, hi, f.Score)
	}
	// The widest half-width n bounded scores can give, at the most spread mean
	// the rounded score allows.
	mu := math.Min(math.Max(50, f.Score-0.5), f.Score+0.5)
	max := index.TQuantile975(int(f.N-1)) * math.Sqrt(mu*(100-mu)/float64(f.N-1))
	if f.Score-lo > max+ciTolerance || hi-f.Score > max+ciTolerance {
		return refuse("selang kepercayaan %s kelompok %q (%.1f..%.1f) lebih lebar daripada yang mungkin untuk n = %d.",
			"the confidence interval of %s in group %q (%.1f..%.1f) is wider than n = %d allows.", f.Code, group, lo, hi, f.N)
	}
	if hi-lo < 0 {
		return refuse("selang kepercayaan %s kelompok %q terbalik.", "the confidence interval of %s in group %q is reversed.", f.Code, group)
	}
	return nil
}
