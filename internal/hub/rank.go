package hub

// Interval is a score with its 95% confidence interval.
type Interval struct {
	Score, Low, High float64
}

// RankRanges returns, for each interval, the best and worst rank it may
// hold (1 is the highest): an instansi is certainly above another only when
// its interval lies wholly above the other's. Where intervals overlap no rank
// is claimed, so the range spans the ranks the overlap allows.
func RankRanges(xs []Interval) (best, worst []int) {
	best, worst = make([]int, len(xs)), make([]int, len(xs))
	for i, x := range xs {
		above, below := 0, 0
		for j, y := range xs {
			if i == j {
				continue
			}
			if y.Low > x.High {
				above++
			}
			if y.High < x.Low {
				below++
			}
		}
		best[i], worst[i] = 1+above, len(xs)-below
	}
	return best, worst
}
