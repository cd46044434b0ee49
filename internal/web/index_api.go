package web

import (
	"math"
	"net/http"
	"time"

	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// apiFigure is one figure of the index. Suppressed figures carry no numbers.
type apiFigure struct {
	Code       string   `json:"code"`
	Name       string   `json:"name,omitempty"`
	Score      *float64 `json:"score"`
	N          *int64   `json:"n"`
	CILow      *float64 `json:"ci_low"`
	CIHigh     *float64 `json:"ci_high"`
	Alpha      *float64 `json:"alpha"`
	Band       *string  `json:"band"`
	Suppressed bool     `json:"suppressed"`
}

type apiValueFigure struct {
	apiFigure
	Behaviours []apiFigure `json:"behaviours"`
}

type apiUnitRef struct {
	ID    int64  `json:"id"`
	Code  string `json:"code"`
	Name  string `json:"name"`
	Depth int    `json:"depth"`
}

type apiIndexResponseRate struct {
	Tasks     int64    `json:"tasks"`
	Completed *int64   `json:"completed"`
	Percent   *float64 `json:"percent"`
}

type apiGroupIndex struct {
	Unit         *apiUnitRef          `json:"unit"`
	Scope        string               `json:"scope"`
	Suppressed   bool                 `json:"suppressed"`
	Overall      apiFigure            `json:"overall"`
	Values       []apiValueFigure     `json:"values"`
	ResponseRate apiIndexResponseRate `json:"response_rate"`
}

type apiPeriodRef struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
}

type apiMethod struct {
	Version      int     `json:"version"`
	Formula      string  `json:"formula"`
	ValueWeight  float64 `json:"value_weight"`
	K            int     `json:"k"`
	Instrument   string  `json:"instrument"`
	ComputedAt   *string `json:"computed_at"`
	Methodology  string  `json:"methodology_url"`
	Confidence   string  `json:"confidence_interval"`
	Reliability  string  `json:"reliability"`
	Suppression  string  `json:"suppression"`
	RespondentsN string  `json:"n"`
}

type apiNational struct {
	Year     int                `json:"year"`
	Overall  float64            `json:"overall"`
	PerValue map[string]float64 `json:"per_value"`
}

type apiIndex struct {
	Method apiMethod    `json:"method"`
	Period apiPeriodRef `json:"period"`
	apiGroupIndex
	Parent   *apiGroupIndex  `json:"parent"`
	Children []apiGroupIndex `json:"children"`
	Weakest  []apiFigure     `json:"weakest"`
	National []apiNational   `json:"national"`
}

// round4 keeps four decimals of a figure in the API (one is shown on screen).
func round4(x float64) *float64 {
	r := math.Round(x*10000) / 10000
	return &r
}

func toAPIFigure(f index.Figure, name string) apiFigure {
	out := apiFigure{Code: f.Code, Name: name, Suppressed: f.Suppressed}
	if f.Suppressed || f.N == 0 {
		return out
	}
	n := f.N
	band := f.Band
	out.Score, out.N, out.Band = round4(f.Score), &n, &band
	if f.HasCI {
		out.CILow, out.CIHigh = round4(f.CILow), round4(f.CIHigh)
	}
	return out
}

func toAPIIndexUnit(u *store.SnapshotUnit) *apiUnitRef {
	if u == nil {
		return nil
	}
	return &apiUnitRef{ID: u.ID, Code: u.Code, Name: u.Name, Depth: u.Depth + 1}
}

func toAPIIndexGroup(g *groupFigures, l *index.Layout, full bool) apiGroupIndex {
	out := apiGroupIndex{Unit: toAPIIndexUnit(g.Unit), Scope: string(g.Key.Scope), Suppressed: g.Suppressed(),
		Overall: toAPIFigure(g.Result.Overall, ""), Values: []apiValueFigure{},
		ResponseRate: apiIndexResponseRate{Tasks: g.TasksTotal}}
	if g.ParticipationShown {
		done := g.TasksDone
		out.ResponseRate.Completed = &done
		if g.TasksTotal > 0 {
			out.ResponseRate.Percent = round4(g.ResponseRate())
		}
	}
	for i, v := range g.Result.Values {
		av := apiValueFigure{apiFigure: toAPIFigure(v.Figure, l.Values[i].Name), Behaviours: []apiFigure{}}
		if v.HasAlpha && !v.Suppressed {
			av.Alpha = round4(v.Alpha)
		}
		if full {
			for _, b := range v.Behaviours {
				av.Behaviours = append(av.Behaviours, toAPIFigure(b, ""))
			}
		}
		out.Values = append(out.Values, av)
	}
	return out
}

func (s *Server) apiMethod(c *indexCut) apiMethod {
	m := apiMethod{Version: index.Version, K: c.Period.K, Instrument: c.Instrument, ValueWeight: 1 / float64(len(c.Layout.Values)),
		Formula:      "p = (s - 1) / 4 * 100; behaviour = mean p; value = mean of its behaviours; overall = mean of the values",
		Confidence:   "95%: score ± t(0.975, n-1) · sd / sqrt(n), sd of respondent-level scores",
		Reliability:  "Cronbach's alpha per value over its behaviours, respondents who answered all of them",
		Suppression:  "groups with fewer than K respondents are suppressed, plus complementary suppression so that no suppressed group can be recovered by subtraction",
		RespondentsN: "distinct respondents (submissions)",
		Methodology:  "/index/methodology"}
	if c.Refresh != nil {
		t := c.Refresh.ComputedAt.Format(time.RFC3339)
		m.ComputedAt = &t
	}
	return m
}

func (s *Server) handleAPIIndex(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d, err := s.dashboardData(r, c, s.newPage(r, "index.title"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.auditView(r, "api.index", c, nil); err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiIndex{Method: s.apiMethod(c), Period: apiPeriodRef{ID: c.Period.ID, Name: c.Period.Name, Status: c.Period.Status},
		apiGroupIndex: toAPIIndexGroup(&d.Main, c.Layout, true), Children: []apiGroupIndex{}, Weakest: []apiFigure{}}
	if d.Parent != nil {
		p := toAPIIndexGroup(d.Parent, c.Layout, false)
		out.Parent = &p
	}
	for i := range d.Children {
		out.Children = append(out.Children, toAPIIndexGroup(&d.Children[i], c.Layout, false))
	}
	for _, b := range d.Weakest {
		out.Weakest = append(out.Weakest, toAPIFigure(b.Figure, ""))
	}
	out.National = []apiNational{
		{Year: 2022, Overall: s.official.NationalIndex2022.OverallPercent, PerValue: s.official.NationalIndex2022.PerValue},
		{Year: 2023, Overall: s.official.NationalIndex2023.OverallPercent, PerValue: s.official.NationalIndex2023.PerValue},
	}
	if out.National[1].PerValue == nil {
		out.National[1].PerValue = map[string]float64{}
	}
	writeJSON(w, http.StatusOK, out)
}

type apiHeatmap struct {
	Method apiMethod       `json:"method"`
	Period apiPeriodRef    `json:"period"`
	Level  int             `json:"level"`
	Codes  []string        `json:"codes"`
	Items  []apiGroupIndex `json:"items"`
	Total  int             `json:"total"`
}

func (s *Server) handleAPIHeatmap(w http.ResponseWriter, r *http.Request) {
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
	rows, total, err := s.heatmap(r.Context(), c, level, c.UnitID(), queryPage(r), perPage)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.auditView(r, "api.heatmap", c, map[string]any{"level": level}); err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiHeatmap{Method: s.apiMethod(c), Period: apiPeriodRef{ID: c.Period.ID, Name: c.Period.Name, Status: c.Period.Status}, Level: level, Items: []apiGroupIndex{}, Total: total}
	for _, v := range c.Layout.Values {
		out.Codes = append(out.Codes, v.Code)
	}
	for i := range rows {
		out.Items = append(out.Items, toAPIIndexGroup(&rows[i], c.Layout, false))
	}
	writeJSON(w, http.StatusOK, out)
}

type apiTrendPoint struct {
	Period     apiPeriodRef `json:"period"`
	Score      *float64     `json:"score"`
	N          *int64       `json:"n"`
	Band       *string      `json:"band"`
	Suppressed bool         `json:"suppressed"`
}

func (s *Server) handleAPIIndexTrend(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	points, err := s.trend(r.Context(), c)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.auditView(r, "api.trend", c, nil); err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiTrendPoint]{Items: []apiTrendPoint{}}
	for _, p := range points {
		tp := apiTrendPoint{Period: apiPeriodRef{ID: p.Period.ID, Name: p.Period.Name, Status: p.Period.Status}, Suppressed: p.Suppressed}
		if !p.Suppressed && !p.NoData {
			n, band := p.N, p.Band
			tp.Score, tp.N, tp.Band = round4(p.Score), &n, &band
		}
		out.Items = append(out.Items, tp)
	}
	out.Total = len(out.Items)
	writeJSON(w, http.StatusOK, out)
}
