package web

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/tabular"
)

// methodRows are the lines every index export starts with: version, formula,
// weights and the anonymity rule. Their first cell is "#", so that a reader
// can skip them.
func methodRows(c *indexCut) [][]any {
	computed := "-"
	if c.Refresh != nil {
		computed = c.Refresh.ComputedAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	return [][]any{
		{"#", fmt.Sprintf("Indeks Internalisasi BerAKHLAK versi %d / BerAKHLAK internalisation index version %d", index.Version, index.Version)},
		{"#", "p = (s - 1) / 4 x 100; perilaku = rata-rata p; nilai = rata-rata 3 perilaku; indeks = rata-rata 7 nilai / behaviour = mean p; value = mean of 3 behaviours; overall = mean of 7 values"},
		{"#", fmt.Sprintf("bobot: setiap nilai %.4f, setiap perilaku 1/3 dari nilainya / weights: each value %.4f, each behaviour 1/3 of its value", 1/float64(len(c.Layout.Values)), 1/float64(len(c.Layout.Values)))},
		{"#", "IK 95%: skor ± t(0,975; n-1) x sd / akar(n), sd skor tingkat responden; alfa Cronbach per nilai / 95% CI: score ± t(0.975, n-1) x sd / sqrt(n); Cronbach's alpha per value"},
		{"#", fmt.Sprintf("K = %d; kelompok di bawah K dan kelompok pelengkapnya disembunyikan / groups below K and their complements are suppressed", c.Period.K)},
		{"#", fmt.Sprintf("periode / period: %d %s; instrumen / instrument: %s; dihitung / computed: %s", c.Period.ID, c.Period.Name, c.Instrument, computed)},
	}
}

func writeMethod(tw tabular.Writer, c *indexCut) error {
	for _, row := range methodRows(c) {
		if err := tw.Row(row...); err != nil {
			return err
		}
	}
	return nil
}

// figureCells are the cells of one figure: score, n, ci_low, ci_high, band,
// suppressed (empty numbers when suppressed or without data).
func figureCells(f index.Figure) []any {
	if f.Suppressed || f.N == 0 {
		return []any{"", "", "", "", "", f.Suppressed}
	}
	out := []any{*round4(f.Score), f.N, "", "", f.Band, false}
	if f.HasCI {
		out[2], out[3] = *round4(f.CILow), *round4(f.CIHigh)
	}
	return out
}

func unitCells(u *store.SnapshotUnit) []any {
	if u == nil {
		return []any{0, "", "INSTANSI"}
	}
	return []any{u.ID, u.Code, u.Name}
}

// handleIndexExport streams one table of the dashboard or heatmap.
func (s *Server) handleIndexExport(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	table := r.URL.Query().Get("table")
	format := r.URL.Query().Get("format")
	var fill func(tw tabular.Writer) error
	switch table {
	case "values":
		fs, err := s.figures(r.Context(), c, []index.GroupKey{c.Key()})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		g := fs[0]
		fill = func(tw tabular.Writer) error {
			if err := tw.Header("unit_id", "unit_code", "unit", "scope", "kind", "code", "score", "n", "ci_low", "ci_high", "band", "suppressed", "alpha"); err != nil {
				return err
			}
			row := func(kind, code string, f index.Figure, alpha any) error {
				vals := append(unitCells(g.Unit), string(g.Key.Scope), kind, code)
				vals = append(vals, figureCells(f)...)
				return tw.Row(append(vals, alpha)...)
			}
			if err := row(index.KindOverall, index.OverallCode, g.Result.Overall, ""); err != nil {
				return err
			}
			for _, v := range g.Result.Values {
				var alpha any = ""
				if v.HasAlpha && !v.Suppressed {
					alpha = *round4(v.Alpha)
				}
				if err := row(index.KindValue, v.Code, v.Figure, alpha); err != nil {
					return err
				}
				for _, b := range v.Behaviours {
					if err := row(index.KindBehaviour, b.Code, b, ""); err != nil {
						return err
					}
				}
			}
			return writeMethod(tw, c)
		}
	case "heatmap", "children":
		var rows []groupFigures
		if table == "heatmap" {
			level, err := heatmapLevel(r, c)
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			rows, _, err = s.heatmap(r.Context(), c, level, c.UnitID(), 1, len(c.Units)+1)
			if err != nil {
				s.renderError(w, r, err)
				return
			}
		} else {
			d, err := s.dashboardData(r, c, s.newPage(r, "index.title"))
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			rows = d.Children
		}
		fill = func(tw tabular.Writer) error {
			head := []string{"unit_id", "unit_code", "unit", "scope", "n", "suppressed", "tasks", "completed", "ALL", "ALL_band"}
			for _, v := range c.Layout.Values {
				head = append(head, v.Code, v.Code+"_band")
			}
			if err := tw.Header(head...); err != nil {
				return err
			}
			for _, g := range rows {
				vals := append(unitCells(g.Unit), string(g.Key.Scope))
				var n any = ""
				if !g.Suppressed() && !g.NoData {
					n = g.Respondents
				}
				vals = append(vals, n, g.Suppressed(), g.TasksTotal, g.TasksDone)
				cells := func(f index.Figure) {
					fc := figureCells(f)
					vals = append(vals, fc[0], fc[4])
				}
				cells(g.Result.Overall)
				for _, v := range g.Result.Values {
					cells(v.Figure)
				}
				if err := tw.Row(vals...); err != nil {
					return err
				}
			}
			return writeMethod(tw, c)
		}
	case "trend":
		points, err := s.trend(r.Context(), c)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		fill = func(tw tabular.Writer) error {
			if err := tw.Header("period_id", "period", "score", "n", "band", "suppressed"); err != nil {
				return err
			}
			for _, p := range points {
				if p.Suppressed || p.NoData {
					if err := tw.Row(p.Period.ID, p.Period.Name, "", "", "", p.Suppressed); err != nil {
						return err
					}
					continue
				}
				if err := tw.Row(p.Period.ID, p.Period.Name, *round4(p.Score), p.N, p.Band, false); err != nil {
					return err
				}
			}
			return writeMethod(tw, c)
		}
	default:
		s.renderError(w, r, budaya.Invalid("table", budaya.MsgExportTableMustBeValues))
		return
	}
	audit := func() error { return s.auditView(r, "export."+table, c, map[string]any{"format": format}) }
	s.streamTable(w, r, audit, fmt.Sprintf("indeks-%s-periode-%d-unit-%d", table, c.Period.ID, c.UnitID()), format, fill)
}

// handleIndexAnswersExport streams the anonymous answers of a period, with
// the suppression rule applied, so that anyone can recompute every figure.
func (s *Server) handleIndexAnswersExport(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if c.Period.Status != budaya.PeriodClosed {
		s.renderError(w, r, errPeriodNotClosed(c.Period.Name))
		return
	}
	if c.Refresh == nil {
		s.renderError(w, r, budaya.Errorf(budaya.ECONFLICT, budaya.MsgIndexPeriodNotBeenComputedYetCompute))
		return
	}
	codes := map[int64]string{}
	for _, u := range c.Units {
		codes[u.ID] = u.Code
	}
	audit := func() error {
		return s.auditView(r, "export.answers", c, map[string]any{"format": r.URL.Query().Get("format")})
	}
	s.streamTable(w, r, audit, fmt.Sprintf("jawaban-anonim-periode-%d-%s", c.Period.ID, c.Instrument), r.URL.Query().Get("format"), func(tw tabular.Writer) error {
		if err := tw.Header("respondent", "unit_id", "unit_code", "pool", "value", "behaviour", "score", "p"); err != nil {
			return err
		}
		// Respondents are numbered again within the cut, so that the numbers
		// say nothing of the rows left out.
		var last, n int64
		err := s.eachAnswer(r.Context(), c, func(a store.ExportAnswer) error {
			v := c.Layout.ValueOf(a.Behaviour)
			if a.Respondent != last {
				last, n = a.Respondent, n+1
			}
			a.Respondent = n
			pool := "own"
			if a.Pool {
				pool = "pool"
			}
			return tw.Row(a.Respondent, a.UnitID, codes[a.UnitID], pool, v, a.Behaviour, a.Score, index.Points(a.Score))
		})
		if err != nil {
			return err
		}
		return writeMethod(tw, c)
	})
}

// handleIndexReport answers the unit report as a PDF: instansi header,
// figures, charts as bars, tables, and the methodology.
func (s *Server) handleIndexReport(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := s.newPage(r, "index.title")
	d, err := s.dashboardData(r, c, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	instansi, err := s.db.Setting(r.Context(), store.SettingInstansiName, "Instansi")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.auditExport(r, func() error { return s.auditView(r, "export.pdf", c, nil) }); err != nil {
		s.renderError(w, r, err)
		return
	}
	T := p.T
	doc := pdfdoc.New(pdfdoc.Header{Instansi: instansi, Title: T("index.report.title"), Lang: p.Lang, Generated: s.localNow(),
		Subtitle: fmt.Sprintf("%s · %s · %s", d.UnitName(c.Unit), c.Period.Name, T("index.instrument."+c.Instrument))})
	g := d.Main
	doc.Heading(T("index.overall"))
	kv := [][2]string{{T("index.unit"), d.UnitName(c.Unit)}, {T("index.scope"), T("index.scope." + string(c.Key().Scope))}}
	if g.Suppressed() {
		kv = append(kv, [2]string{T("index.overall"), T("index.suppressed")})
	} else if g.NoData {
		kv = append(kv, [2]string{T("index.overall"), T("index.nodata")})
	} else {
		o := g.Result.Overall
		kv = append(kv, [2]string{T("index.overall"), d.F(o.Score) + " (" + d.Band(o.Band) + ")"},
			[2]string{"n", budaya.FormatNumber(p.Lang, float64(o.N), 0)},
			[2]string{T("index.ci"), d.F(o.CILow) + " – " + d.F(o.CIHigh)})
	}
	if g.TasksTotal > 0 {
		kv = append(kv, [2]string{T("index.response_rate"), fmt.Sprintf("%s%% (%s/%s)", d.F(g.ResponseRate()), budaya.FormatNumber(p.Lang, float64(g.TasksDone), 0), budaya.FormatNumber(p.Lang, float64(g.TasksTotal), 0))})
	}
	if c.Refresh != nil {
		kv = append(kv, [2]string{T("index.computed_at"), p.Time(c.Refresh.ComputedAt)})
	}
	doc.KV(kv)
	if !g.Suppressed() && !g.NoData {
		var labels []string
		var vals []float64
		for _, v := range g.Result.Values {
			labels = append(labels, v.Code)
			vals = append(vals, index.Round1(v.Score))
		}
		doc.BarChart(T("index.values_chart"), labels, vals, 100)
		var rows [][]string
		for _, v := range g.Result.Values {
			alpha := "–"
			if v.HasAlpha {
				alpha = d.A(v.Alpha)
			}
			rows = append(rows, []string{v.Code + " " + d.ValueName(v.Code), d.F(v.Score), strconv.FormatInt(v.N, 10), d.F(v.CILow) + "–" + d.F(v.CIHigh), alpha, d.Band(v.Band)})
		}
		doc.Table([]string{T("index.value"), T("index.score"), "n", T("index.ci"), "alpha", T("index.band")}, []float64{62, 20, 16, 30, 18, 28}, rows)
		rows = nil
		for _, v := range g.Result.Values {
			for _, b := range v.Behaviours {
				rows = append(rows, []string{b.Code, d.BehaviourText(b.Code), d.F(b.Score), d.Band(b.Band)})
			}
		}
		doc.Heading(T("index.behaviours"))
		doc.Table([]string{T("index.code"), T("index.behaviour"), T("index.score"), T("index.band")}, []float64{14, 110, 20, 30}, rows)
		if len(d.Weakest) > 0 {
			doc.Heading(T("index.weakest"))
			rows = nil
			for _, b := range d.Weakest {
				rows = append(rows, []string{b.Code, d.BehaviourText(b.Code), d.F(b.Score)})
			}
			doc.Table([]string{T("index.code"), T("index.behaviour"), T("index.score")}, []float64{14, 130, 30}, rows)
		}
	}
	if len(d.Children) > 0 {
		doc.Heading(T("index.children"))
		var rows [][]string
		for _, ch := range d.Children {
			name := d.UnitName(ch.Unit)
			if ch.Key.Scope == index.Own {
				name += " (" + T("index.scope.own") + ")"
			}
			score := T("index.suppressed")
			if ch.NoData {
				score = T("index.nodata")
			} else if !ch.Suppressed() {
				score = d.F(ch.Result.Overall.Score) + " " + d.Band(ch.Result.Overall.Band)
			}
			rows = append(rows, []string{name, score})
		}
		doc.Table([]string{T("index.unit"), T("index.overall")}, []float64{110, 64}, rows)
	}
	if len(d.Trend) > 0 {
		doc.Heading(T("index.trend"))
		var rows [][]string
		for _, t := range d.Trend {
			score := T("index.suppressed")
			if t.NoData {
				score = T("index.nodata")
			} else if !t.Suppressed {
				score = d.F(t.Score) + " " + d.Band(t.Band)
			}
			rows = append(rows, []string{t.Period.Name, score})
		}
		doc.Table([]string{T("index.period"), T("index.overall")}, []float64{110, 64}, rows)
	}
	doc.Heading(T("index.method.title"))
	for _, row := range methodRows(c) {
		doc.Para(fmt.Sprint(row[1]))
	}
	doc.Para(T("index.association_note"))
	w.Header().Set("Content-Type", "application/pdf")
	name := fmt.Sprintf("laporan-indeks-periode-%d-unit-%d.pdf", c.Period.ID, c.UnitID())
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	if err := doc.Output(w); err != nil {
		s.log.ErrorContext(r.Context(), "pdf report failed", "err", err)
		panic(http.ErrAbortHandler)
	}
}
