package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// bandClass is the CSS class of a health band (colours from --band-*).
func bandClass(band string) string {
	switch band {
	case "Sehat":
		return "band-sehat"
	case "Cukup Sehat":
		return "band-cukup"
	case "Tidak Sehat":
		return "band-tidak"
	case "Sangat Tidak Sehat":
		return "band-sangat"
	}
	return "band-none"
}

// indexPage is what every index page shares.
type indexPage struct {
	page
	Cut *indexCut
}

// Query is the query string of the cut, for links and exports.
func (p indexPage) Query() template.URL { return p.QueryFor(p.Cut.UnitID()) }

// QueryFor is the query string of the cut moved to unit id. It is built from
// url.Values, so it is safe as a URL query (template.URL keeps its = and &).
func (p indexPage) QueryFor(unit int64) template.URL {
	q := url.Values{}
	q.Set("period", strconv.FormatInt(p.Cut.Period.ID, 10))
	if unit != 0 {
		q.Set("unit", strconv.FormatInt(unit, 10))
	}
	if p.Cut.Instrument != budaya.InstrumentSurvey {
		q.Set("instrument", p.Cut.Instrument)
	}
	if p.Cut.Scope == index.Own && unit == p.Cut.UnitID() && unit != 0 {
		q.Set("scope", "own")
	}
	return template.URL(q.Encode())
}

// Band translates a band name.
func (p indexPage) Band(band string) string {
	if band == "" {
		return p.T("index.band.none")
	}
	return p.T("index.band." + bandClass(band))
}

// BandClass is the CSS class of band.
func (p indexPage) BandClass(band string) string { return bandClass(band) }

// F formats a score with one decimal.
func (p indexPage) F(x float64) string { return budaya.FormatNumber(p.Lang, index.Round1(x), 1) }

// A formats Cronbach's alpha with two decimals.
func (p indexPage) A(x float64) string { return budaya.FormatNumber(p.Lang, x, 2) }

// ValueName is the name of value code in the page's language.
func (p indexPage) ValueName(code string) string {
	if code == index.OverallCode {
		return p.T("index.overall")
	}
	for _, v := range p.Cut.Layout.Values {
		if v.Code == code {
			if p.Lang == "en" {
				return v.NameEN
			}
			return v.Name
		}
	}
	return code
}

// BehaviourText is the text of behaviour code in the page's language.
func (p indexPage) BehaviourText(code string) string {
	for _, v := range p.Cut.Layout.Values {
		for _, b := range v.Behaviours {
			if b.Code == code {
				if p.Lang == "en" {
					return b.TextEN
				}
				return b.Text
			}
		}
	}
	return code
}

// UnitName names a unit (nil: the instansi).
func (p indexPage) UnitName(u *store.SnapshotUnit) string {
	if u == nil {
		return p.T("index.instansi")
	}
	return u.Name
}

// svgBar is one bar of a horizontal bar chart, in chart coordinates.
type svgBar struct {
	Label      string
	Code       string
	Y          float64
	W          float64
	Class      string
	Text       string
	HasCI      bool
	CILo, CIHi float64
	HasRef     bool
	Ref        float64
	HasParent  bool
	Parent     float64
	Suppressed bool
}

// Geometry of the value chart (viewBox units).
const (
	valueChartLeft  = 150.0
	valueChartWidth = 420.0
	valueChartRow   = 34.0
	valueChartTop   = 24.0
)

type dashboardPage struct {
	indexPage
	Main         groupFigures
	Parent       *groupFigures
	Children     []groupFigures
	Trend        []trendPoint
	Weakest      []index.WeakBehaviour
	National2022 map[string]float64
	National2023 float64
	// National2022Overall is the 2022 national figure, from berakhlak.json
	// like every other reference (the methodology page reads the same field).
	National2022Overall float64
	Bars                []svgBar
	ChartHeight         float64
	TrendPoints         []svgPoint
	TrendPath           string
	Followup            *followupSummary
	CanRefresh          bool
}

// ChartLeft and friends expose the chart geometry to the template.
func (dashboardPage) ChartLeft() float64  { return valueChartLeft }
func (dashboardPage) ChartRight() float64 { return valueChartLeft + valueChartWidth }
func (dashboardPage) ChartWidth() float64 { return valueChartWidth }
func (dashboardPage) ChartX(score float64) float64 {
	return valueChartLeft + score/100*valueChartWidth
}

// Ticks are the grid lines of the value chart.
func (d dashboardPage) Ticks() []float64 { return []float64{0, 25, 50, 75, 100} }

// svgPoint is one point of the trend chart.
type svgPoint struct {
	X, Y  float64
	Label string
	Text  string
	Class string
}

func (s *Server) dashboardData(r *http.Request, c *indexCut, p page) (*dashboardPage, error) {
	ctx := r.Context()
	d := &dashboardPage{indexPage: indexPage{page: p, Cut: c}}
	keys := []index.GroupKey{c.Key()}
	parent := c.Parent()
	if c.Unit != nil {
		keys = append(keys, index.GroupKey{Unit: c.Unit.ParentID, Scope: index.Tree})
	}
	fs, err := s.figures(ctx, c, keys)
	if err != nil {
		return nil, err
	}
	d.Main = fs[0]
	if len(fs) > 1 {
		d.Parent = &fs[1]
		d.Parent.Unit = parent
	}
	var childKeys []index.GroupKey
	if c.Scope == index.Tree {
		for _, u := range c.Children() {
			childKeys = append(childKeys, index.GroupKey{Unit: u.ID, Scope: index.Tree})
		}
		if c.Unit != nil && len(childKeys) > 0 {
			childKeys = append([]index.GroupKey{{Unit: c.Unit.ID, Scope: index.Own}}, childKeys...)
		}
	}
	if d.Children, err = s.figures(ctx, c, childKeys); err != nil {
		return nil, err
	}
	if d.Trend, err = s.trend(ctx, c); err != nil {
		return nil, err
	}
	d.Weakest = weakest(&d.Main, 3)
	d.National2022 = s.official.NationalIndex2022.PerValue
	d.National2023 = s.official.NationalIndex2023.OverallPercent
	d.National2022Overall = s.official.NationalIndex2022.OverallPercent

	// The value chart: overall first, then the values.
	addBar := func(code string, f index.Figure, parentScore float64, hasParent bool, ref float64, hasRef bool) {
		b := svgBar{Code: code, Label: d.ValueName(code), Y: valueChartTop + float64(len(d.Bars))*valueChartRow, Class: bandClass(f.Band), Suppressed: f.Suppressed}
		if !f.Suppressed && f.N > 0 {
			b.W = f.Score / 100 * valueChartWidth
			b.Text = d.F(f.Score)
			if f.HasCI {
				b.HasCI, b.CILo, b.CIHi = true, d.ChartX(f.CILow), d.ChartX(f.CIHigh)
			}
		} else {
			b.Text = "–"
		}
		if hasRef {
			b.HasRef, b.Ref = true, d.ChartX(ref)
		}
		if hasParent {
			b.HasParent, b.Parent = true, d.ChartX(parentScore)
		}
		d.Bars = append(d.Bars, b)
	}
	parentFig := func(code string) (float64, bool) {
		if d.Parent == nil || d.Parent.Suppressed() || d.Parent.NoData {
			return 0, false
		}
		if code == index.OverallCode {
			return d.Parent.Result.Overall.Score, true
		}
		if v := d.Parent.Value(code); v != nil && v.N > 0 {
			return v.Score, true
		}
		return 0, false
	}
	ps, ok := parentFig(index.OverallCode)
	addBar(index.OverallCode, d.Main.Result.Overall, ps, ok, s.official.NationalIndex2022.OverallPercent, s.official.NationalIndex2022.OverallPercent > 0)
	for _, v := range d.Main.Result.Values {
		ps, ok := parentFig(v.Code)
		ref, hasRef := d.National2022[v.Code]
		addBar(v.Code, v.Figure, ps, ok, ref, hasRef)
	}
	d.ChartHeight = valueChartTop + float64(len(d.Bars))*valueChartRow + 8

	// The trend chart: x per period, y from 0 (bottom) to 100 (top).
	const tw, th, tl, tt = 460.0, 160.0, 100.0, 10.0
	var shown []trendPoint
	for _, t := range d.Trend {
		if !t.Suppressed && !t.NoData {
			shown = append(shown, t)
		}
	}
	for i, t := range shown {
		x := tl + tw/2
		if len(shown) > 1 {
			x = tl + float64(i)/float64(len(shown)-1)*tw
		}
		y := tt + (100-t.Score)/100*th
		d.TrendPoints = append(d.TrendPoints, svgPoint{X: x, Y: y, Label: t.Period.Name, Text: d.F(t.Score), Class: bandClass(t.Band)})
		if i == 0 {
			d.TrendPath = fmt.Sprintf("M%.1f %.1f", x, y)
		} else {
			d.TrendPath += fmt.Sprintf(" L%.1f %.1f", x, y)
		}
	}
	d.CanRefresh = p.User.HasRole(budaya.RoleAdmin)
	if d.Followup, err = s.followupSummary(r, c, &d.Main); err != nil {
		return nil, err
	}
	return d, nil
}

// PeriodOpen reports whether the cut's period is still running: it has no
// figures yet (gate.go), and the page says so in words.
func (d dashboardPage) PeriodOpen() bool { return d.Cut.Period.Status != budaya.PeriodClosed }

// HiddenWhy reports whether the unit has people who answered but no figure
// of its own (fewer than K of them: their answers count with the unit above,
// or stay sealed), so the page explains why and points to what can be shown.
func (d dashboardPage) HiddenWhy() bool {
	return !d.PeriodOpen() && d.Cut.Unit != nil && (d.Main.Suppressed() || d.Main.NoData) && d.Main.TasksTotal > 0
}

func (s *Server) handleIndexDashboard(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		if budaya.ErrorCode(err) == budaya.ENOTFOUND && r.URL.Query().Get("period") == "" {
			s.render(w, r, http.StatusOK, "index_empty", s.newPage(r, "index.title"))
			return
		}
		s.renderError(w, r, err)
		return
	}
	d, err := s.dashboardData(r, c, s.newPage(r, "index.title"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.auditView(r, "dashboard", c, nil); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "index", d)
}

type heatmapPage struct {
	indexPage
	Level    int
	Levels   []levelChoice
	Under    *store.SnapshotUnit
	Rows     []groupFigures
	Lines    []heatmapLine // Rows as printed
	Pager    pager
	Codes    []string
	BaseLink template.URL
	bands    index.Bands
}

// heatmapLine is one row of the heat map as the page prints it: what each
// cell shows is worked out once here rather than by template calls per cell
// (a page of 100 units and 8 codes made some 6,000 reflective calls: most of
// the page's time, docs/operations.md).
type heatmapLine struct {
	Unit  int64        // 0: the instansi
	Query template.URL // the unit's dashboard
	Name  string
	N     string
	Cells []heatmapCell
}

// heatmapCell is one cell: Hidden (the K rule or complementary suppression,
// or no figure of its own), Empty (no answers) or a figure; Score is what
// the cell prints. Booleans, not a kind to compare: each eq in the template
// is a reflective call.
type heatmapCell struct {
	Hidden, Empty             bool
	Code, Class, Label, Score string
}

// lines works out the rows of the page.
func (h heatmapPage) lines() []heatmapLine {
	suppressed, suppressedShort := h.T("index.suppressed"), h.T("index.suppressed_short")
	noOwn, noOwnShort := h.T("index.no_own_figure"), h.T("index.below_k_short")
	names := map[string]string{}
	for _, code := range h.Codes {
		names[code] = h.ValueName(code)
	}
	out := make([]heatmapLine, 0, len(h.Rows))
	for i := range h.Rows {
		row := &h.Rows[i]
		l := heatmapLine{Unit: row.Key.Unit, Query: h.QueryFor(row.Key.Unit), Name: h.UnitName(row.Unit), Cells: make([]heatmapCell, 0, len(h.Codes))}
		switch {
		case row.Suppressed() || row.NoOwnFigure():
			l.N = "–"
		case row.NoData:
			l.N = "0"
		default:
			l.N = budaya.FormatNumber(h.Lang, float64(row.Respondents), 0)
		}
		for _, code := range h.Codes {
			c := heatmapCell{Code: code}
			switch f := h.Cell(*row, code); {
			case row.Suppressed():
				c.Hidden, c.Label, c.Score = true, l.Name+" "+code+": "+suppressed, suppressedShort
			case row.NoOwnFigure():
				c.Hidden, c.Label, c.Score = true, l.Name+" "+code+": "+noOwn, noOwnShort
			case f.N == 0:
				c.Empty = true
			default:
				c.Class, c.Score = bandClass(f.Band), h.F(f.Score)
				c.Label = l.Name + " " + names[code] + ": " + c.Score + " (" + h.Band(f.Band) + ")"
			}
			l.Cells = append(l.Cells, c)
		}
		out = append(out, l)
	}
	return out
}

// Cell returns the figure of code in row g.
func (h heatmapPage) Cell(g groupFigures, code string) index.Figure {
	if code == index.OverallCode {
		return g.Result.Overall
	}
	if v := g.Value(code); v != nil {
		return v.Figure
	}
	return index.Figure{}
}

// levelChoice is one level of the tree the heatmap can show: N is its
// number in ?level= (1 = the units right below the instansi) and Name the
// words a reader knows it by, e.g. "Eselon II".
type levelChoice struct {
	N    int
	Name string
}

// levelName names tree level n by the unit levels (eselon) of the units at
// that depth of the snapshot, e.g. "Eselon III / Non-struktural"; a level
// whose units carry no known level is "Tingkat n".
func levelName(p page, units []store.SnapshotUnit, n int) string {
	var names []string
	seen := map[string]bool{}
	for _, u := range units {
		if u.Depth != n-1 || u.Level == "" || seen[u.Level] {
			continue
		}
		seen[u.Level] = true
		if _, known := messages["level."+u.Level]; known {
			names = append(names, p.T("level."+u.Level))
		}
	}
	if len(names) == 0 {
		return p.T("index.level_n", n)
	}
	sort.Strings(names)
	return strings.Join(names, " / ")
}

func heatmapLevel(r *http.Request, c *indexCut) (int, error) {
	level := 1
	if c.Unit != nil {
		// Without a level, a unit's heatmap shows the units just below it
		// (or the unit itself when it has none).
		level = min(c.Unit.Depth+2, max(c.maxDepth(), c.Unit.Depth+1))
	}
	if v := r.URL.Query().Get("level"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > c.maxDepth() && c.maxDepth() > 0 {
			return 0, budaya.Invalid("level", budaya.MsgLevelMustBe, max(c.maxDepth(), 1))
		}
		level = n
	}
	return level, nil
}

func (s *Server) handleIndexHeatmap(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	level, err := heatmapLevel(r, c)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	const perPage = 100
	pg := queryPage(r)
	rows, total, err := s.heatmap(r.Context(), c, level, c.UnitID(), pg, perPage)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	h := heatmapPage{indexPage: indexPage{page: s.newPage(r, "index.heatmap.title"), Cut: c}, Level: level, Under: c.Unit, Rows: rows, bands: s.bands}
	for i := 1; i <= c.maxDepth(); i++ {
		if c.Unit == nil || i > c.Unit.Depth {
			h.Levels = append(h.Levels, levelChoice{N: i, Name: levelName(h.page, c.Units, i)}) // levels above the unit would list nothing
		}
	}
	for _, v := range c.Layout.Values {
		h.Codes = append(h.Codes, v.Code)
	}
	h.Codes = append(h.Codes, index.OverallCode)
	h.Lines = h.lines()
	q := url.Values{}
	q.Set("period", strconv.FormatInt(c.Period.ID, 10))
	q.Set("level", strconv.Itoa(level))
	if c.Unit != nil {
		q.Set("unit", strconv.FormatInt(c.Unit.ID, 10))
	}
	if c.Instrument != budaya.InstrumentSurvey {
		q.Set("instrument", c.Instrument)
	}
	h.BaseLink = template.URL(q.Encode())
	h.Pager = pager{Page: pg, PerPage: perPage, Total: total, Query: q.Encode()}
	if err := s.auditView(r, "heatmap", c, map[string]any{"level": level}); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "index_heatmap", h)
}

type methodologyPage struct {
	page
	Version int
	K       int
	MinK    int
	MaxK    int
	Bands   index.Bands
	Values  []index.LayoutValue
	Ref2022 budaya.NationalIndex
	Ref2023 budaya.NationalIndex
}

// BandClass is the CSS class of band.
func (methodologyPage) BandClass(band string) string { return bandClass(band) }

// Weight is the weight of one value in the overall index, in percent.
func (m methodologyPage) Weight() string {
	if len(m.Values) == 0 {
		return "0"
	}
	return budaya.FormatNumber(m.Lang, 100/float64(len(m.Values)), 2)
}

// BehaviourWeight is the weight of one behaviour in its value, in percent.
func (m methodologyPage) BehaviourWeight() string {
	return budaya.FormatNumber(m.Lang, 100/float64(index.Items), 2)
}

func (s *Server) handleIndexMethodology(w http.ResponseWriter, r *http.Request) {
	f, err := s.db.ActiveFramework(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	l, err := index.NewLayout(f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "index_methodology", methodologyPage{page: s.newPage(r, "index.method.title"),
		Version: index.Version, K: index.DefaultK, MinK: index.MinK, MaxK: index.MaxK, Bands: s.bands, Values: l.Values,
		Ref2022: s.official.NationalIndex2022, Ref2023: s.official.NationalIndex2023})
}

// handleIndexRefresh queues a recomputation of a period's figures.
func (s *Server) handleIndexRefresh(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, budaya.Invalid("form", budaya.MsgFormCouldNotBeRead))
		return
	}
	id, err := strconv.ParseInt(r.PostForm.Get("period"), 10, 64)
	if err != nil {
		s.renderError(w, r, budaya.Invalid("period", budaya.MsgChoosePeriodRecompute))
		return
	}
	p, err := s.db.FindIndexPeriod(r.Context(), id)
	if err == nil {
		err = p.FiguresAllowed() // an open period has no figures: refuse now, not in a failed job
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	jobID, err := s.jobs.Enqueue(r.Context(), actor(r), jobIndexRefresh, indexRefreshPayload{PeriodID: id})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/jobs/"+strconv.FormatInt(jobID, 10), http.StatusSeeOther)
}

// ParentValue is the parent unit's score of value code, formatted, or "–".
func (d dashboardPage) ParentValue(code string) string {
	if d.Parent == nil || d.Parent.Suppressed() || d.Parent.NoData {
		return "–"
	}
	if v := d.Parent.Value(code); v != nil && v.N > 0 {
		return d.F(v.Score)
	}
	return "–"
}

// BandList are the band names, highest first, for the legend.
func (h heatmapPage) BandList() []string {
	out := make([]string, 0, 4)
	for _, b := range h.bands {
		out = append(out, b.Band)
	}
	return out
}

// Rupiah formats whole rupiah with dots.
func (d dashboardPage) Rupiah(x int64) string { return followupPage{}.Rupiah(x) }
