package web

import (
	"context"
	"io"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/hub"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/tabular"
)

// The hub side of the national roll-up (issue 17, docs/hub.md): registered
// instansi push signed packages; the hub verifies them and compares them.

// maxPackageBytes bounds one package (a large instansi's is a few hundred KB).
const maxPackageBytes = 8 << 20

func errNotHub() error {
	return budaya.Errorf(budaya.ENOTFOUND, budaya.MsgServerNotNationalHub)
}

// hubOnly wraps a handler of the hub: other servers answer 404.
func (s *Server) hubOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.hubMode {
			s.renderError(w, r, errNotHub())
			return
		}
		h(w, r)
	}
}

// ReceiveHubPackage verifies and keeps a signed package sent by actor (user
// u): it must open (untampered signature), name a registered instansi whose
// registered key signed it, be sent by that instansi's account or a hub
// admin, and pass hub.Check.
func (s *Server) ReceiveHubPackage(ctx context.Context, actor budaya.Actor, u *budaya.User, data []byte) (*store.HubPackage, error) {
	p, pub, digest, err := hub.Open(data)
	if err != nil {
		return nil, err
	}
	inst, err := s.db.FindHubInstansi(ctx, "code", p.Instansi.Code)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return nil, budaya.Errorf(budaya.EINVALID, budaya.MsgPackageRefusedInstansiNotRegistered, p.Instansi.Code)
	}
	if err != nil {
		return nil, err
	}
	if pub != inst.PublicKey {
		return nil, budaya.Errorf(budaya.EINVALID, budaya.MsgPackageRefusedSignedKey, p.Instansi.Code)
	}
	if u == nil || !u.HasRole(budaya.RoleAdmin) && u.ID != inst.UserID {
		return nil, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgTokenDoesNotBelong, p.Instansi.Code)
	}
	if err := hub.Check(p, s.bands); err != nil {
		return nil, err
	}
	return s.db.AcceptHubPackage(ctx, actor, inst, p, data, digest)
}

// handleAPIHubPackage accepts a package as the request body.
func (s *Server) handleAPIHubPackage(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxPackageBytes+1))
	if err != nil || len(data) > maxPackageBytes {
		s.renderError(w, r, budaya.Invalid("package", budaya.MsgPackageUnreadableLargerThanMB))
		return
	}
	pkg, err := s.ReceiveHubPackage(r.Context(), actor(r), userFrom(r.Context()), data)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": pkg.ID, "instansi": pkg.InstansiCode, "period": pkg.Label, "version": pkg.Version, "digest": pkg.Digest})
}

// handleHubUpload accepts a package file from the upload form.
func (s *Server) handleHubUpload(w http.ResponseWriter, r *http.Request) {
	f, _, err := r.FormFile("package")
	if err != nil {
		s.renderHub(w, r, http.StatusBadRequest, budaya.Invalid("package", budaya.MsgChoosePackageFileJSON), "")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPackageBytes+1))
	if err != nil || len(data) > maxPackageBytes {
		s.renderHub(w, r, http.StatusBadRequest, budaya.Invalid("package", budaya.MsgPackageUnreadableLargerThanMB), "")
		return
	}
	pkg, err := s.ReceiveHubPackage(r.Context(), actor(r), userFrom(r.Context()), data)
	if err != nil {
		s.renderHub(w, r, statusOf(budaya.ErrorCode(err)), err, "")
		return
	}
	s.renderHub(w, r, http.StatusOK, nil, translate(langOf(r), "hub.accepted", pkg.InstansiCode, pkg.Label, pkg.Version))
}

// hubCell is one figure of the national heatmap.
type hubCell struct {
	Score float64
	Band  string
	Has   bool
}

// hubRow is one instansi of the national view.
type hubRow struct {
	store.HubRow
	Cells     []hubCell
	RankBest  int
	RankWorst int
}

// Rank says the rank or the range of ranks the intervals allow.
func (h hubRow) Rank() string {
	if h.RankBest == h.RankWorst {
		return strconv.Itoa(h.RankBest)
	}
	return strconv.Itoa(h.RankBest) + "–" + strconv.Itoa(h.RankWorst)
}

// hubDist is the distribution by instansi kind or by region.
type hubDist struct {
	Kind string // "kind" or "region"
	Rows []hubKindRow
}

// Band names band in the page's language.
func (p hubPage) Band(band string) string { return indexPage{page: p.page}.Band(band) }

// BandClass is the CSS class of band.
func (hubPage) BandClass(band string) string { return bandClass(band) }

// F formats a score with one decimal.
func (p hubPage) F(x float64) string { return indexPage{page: p.page}.F(x) }

// ValueName is a value's name in the page's language.
func (p hubPage) ValueName(v budaya.Value) string {
	if p.Lang == "en" && v.NameEN != "" {
		return v.NameEN
	}
	return v.Name
}

// hubKindRow is the distribution of one instansi kind or region.
type hubKindRow struct {
	Name  string
	Count int
	Mean  float64
	Bands map[string]int
}

type hubPage struct {
	page
	Labels        []string
	Label         string
	Values        []budaya.Value
	Rows          []hubRow
	Distributions []hubDist
	IsAdmin       bool
	Shown         []hubRow // the page of Rows the heatmap and ranking show
	Pager         pager
	BandNames     []string
	NotSent       []store.HubInstansi
	Registered    int
	Message       string
	FormErr       error
	// instansi side
	PublicKey    string
	InstansiCode string
	InstansiName string
	Periods      []store.IndexPeriod
}

// hubViewCache keeps the national views computed for the current hub
// version (store.HubVersion): a view changes only when a package arrives or
// an instansi is registered. Entries are read-only once stored.
type hubViewCache struct {
	mu      sync.Mutex
	version string
	views   map[string]*hubPage
}

// hubView returns the national view of label (empty: the newest), from the
// cache while nothing was received since it was computed. The caller gets a
// copy of the page struct; its slices are shared and must not be changed.
func (s *Server) hubView(ctx context.Context, label string) (*hubPage, error) {
	version, err := s.db.HubVersion(ctx)
	if err != nil {
		return nil, err
	}
	c := &s.hubViews
	c.mu.Lock()
	if c.version != version {
		c.version, c.views = version, map[string]*hubPage{}
	}
	v := c.views[label]
	c.mu.Unlock()
	if v == nil {
		if v, err = s.computeHubView(ctx, label); err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.version == version && len(c.views) < 64 {
			c.views[label] = v
		}
		c.mu.Unlock()
	}
	cp := *v
	return &cp, nil
}

// computeHubView loads the national view of label (empty: the newest).
func (s *Server) computeHubView(ctx context.Context, label string) (*hubPage, error) {
	p := &hubPage{}
	var err error
	if p.Labels, err = s.db.HubLabels(ctx); err != nil {
		return nil, err
	}
	if label == "" && len(p.Labels) > 0 {
		label = p.Labels[len(p.Labels)-1]
	}
	p.Label = label
	f, err := budaya.OfficialFramework()
	if err != nil {
		return nil, err
	}
	p.Values = f.Values
	for _, b := range s.bands {
		p.BandNames = append(p.BandNames, b.Band)
	}
	rows, err := s.db.HubIndex(ctx, []string{label}, 0)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Overall.Score > rows[j].Overall.Score })
	xs := make([]hub.Interval, len(rows))
	for i, r := range rows {
		xs[i] = hub.Interval{Score: r.Overall.Score, Low: r.Overall.CILow.Float64, High: r.Overall.CIHigh.Float64}
	}
	best, worst := hub.RankRanges(xs)
	sent := map[int64]bool{}
	kinds, regions := map[string]*hubKindRow{}, map[string]*hubKindRow{}
	add := func(m map[string]*hubKindRow, name string, r store.HubRow) {
		k := m[name]
		if k == nil {
			k = &hubKindRow{Name: name, Bands: map[string]int{}}
			m[name] = k
		}
		k.Count++
		k.Mean += r.Overall.Score
		k.Bands[r.Overall.Band]++
	}
	for i, r := range rows {
		hr := hubRow{HubRow: r, RankBest: best[i], RankWorst: worst[i]}
		for _, v := range f.Values {
			fig, ok := r.Values[v.Code]
			hr.Cells = append(hr.Cells, hubCell{Score: fig.Score, Band: fig.Band, Has: ok && fig.N > 0})
		}
		p.Rows = append(p.Rows, hr)
		sent[r.Instansi.ID] = true
		add(kinds, r.Instansi.Kind, r)
		region := r.Instansi.Region
		if region == "" {
			region = "–"
		}
		add(regions, region, r)
	}
	flat := func(m map[string]*hubKindRow) []hubKindRow {
		var out []hubKindRow
		for _, k := range m {
			k.Mean = index.Round1(k.Mean / float64(k.Count))
			out = append(out, *k)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		return out
	}
	p.Distributions = []hubDist{{Kind: "kind", Rows: flat(kinds)}, {Kind: "region", Rows: flat(regions)}}
	all, err := s.db.ListHubInstansi(ctx)
	if err != nil {
		return nil, err
	}
	p.Registered = len(all)
	for _, in := range all {
		if !sent[in.ID] {
			p.NotSent = append(p.NotSent, in)
		}
	}
	return p, nil
}

// renderHub renders /hub: the national view on a hub, else the instansi's
// own hub page (its public key, code and the packages it can make).
func (s *Server) renderHub(w http.ResponseWriter, r *http.Request, status int, formErr error, msg string) {
	ctx := r.Context()
	var p *hubPage
	var err, keyErr error
	if s.hubMode {
		p, err = s.hubView(ctx, strings.TrimSpace(r.URL.Query().Get("period")))
	} else {
		p = &hubPage{}
		// Without a key file the page still shows the code, the name and the
		// periods, and says what to set (keyErr below).
		p.PublicKey, keyErr = s.HubPublicKey()
		if budaya.AsError(keyErr) == nil {
			err = keyErr
		}
		if err == nil {
			if p.InstansiCode, err = s.db.Setting(ctx, store.SettingInstansiCode, ""); err == nil {
				if p.InstansiName, err = s.db.Setting(ctx, store.SettingInstansiName, ""); err == nil {
					var periods []store.IndexPeriod
					periods, err = s.db.ListIndexPeriods(ctx)
					for _, pr := range periods {
						if pr.Status == budaya.PeriodClosed {
							p.Periods = append(p.Periods, pr)
						}
					}
				}
			}
		}
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if s.hubMode {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		p.Pager = pager{Page: max(page, 1), PerPage: hubPerPage, Total: len(p.Rows), Query: "period=" + url.QueryEscape(p.Label)}
		from := min((p.Pager.Page-1)*hubPerPage, len(p.Rows))
		p.Shown = p.Rows[from:min(from+hubPerPage, len(p.Rows))]
	}
	p.page = s.newPage(r, "hub.title")
	p.IsAdmin = p.User != nil && p.User.HasRole(budaya.RoleAdmin)
	p.FormErr, p.Message = formErr, msg
	if e := budaya.AsError(keyErr); e != nil && formErr == nil {
		p.page.Error = e.Text(p.Lang)
	}
	if formErr != nil {
		if e := budaya.AsError(formErr); e != nil {
			p.page.Error = e.Text(p.Lang)
		} else {
			s.renderError(w, r, formErr)
			return
		}
	}
	name := "hub_instansi_side"
	if s.hubMode {
		name = "hub"
	}
	s.render(w, r, status, name, p)
}

func (s *Server) handleHub(w http.ResponseWriter, r *http.Request) {
	s.renderHub(w, r, http.StatusOK, nil, "")
}

// hubPerPage is how many instansi one page of the national heatmap shows
// (ranks and distributions are always over all of them).
const hubPerPage = 50

// handleHubSettings sets the instansi code and name a hub knows it by.
func (s *Server) handleHubSettings(w http.ResponseWriter, r *http.Request) {
	in := hub.InstansiInput{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kind: "lembaga", PublicKey: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}
	if err := in.Validate(); err != nil {
		s.renderHub(w, r, http.StatusBadRequest, err, "")
		return
	}
	if err := s.db.SetSetting(r.Context(), actor(r), store.SettingInstansiCode, in.Code); err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.SetSetting(r.Context(), actor(r), store.SettingInstansiName, in.Name); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/hub", http.StatusSeeOther)
}

type hubInstansiPage struct {
	page
	Instansi []store.HubInstansi
	Kinds    []string
	NewToken string
	NewCode  string
	Form     hub.InstansiInput
	IsAdmin  bool
}

func (s *Server) renderHubInstansi(w http.ResponseWriter, r *http.Request, status int, form hub.InstansiInput, formErr error, token, code string) {
	list, err := s.db.ListHubInstansi(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := hubInstansiPage{page: s.newPage(r, "hub.instansi_title"), Instansi: list, Kinds: hub.Kinds, NewToken: token, NewCode: code, Form: form}
	p.IsAdmin = p.User != nil && p.User.HasRole(budaya.RoleAdmin)
	if e := budaya.AsError(formErr); e != nil {
		p.page.Error = e.Text(p.Lang)
	} else if formErr != nil {
		s.renderError(w, r, formErr)
		return
	}
	s.render(w, r, status, "hub_registry", p)
}

func (s *Server) handleHubInstansiList(w http.ResponseWriter, r *http.Request) {
	s.renderHubInstansi(w, r, http.StatusOK, hub.InstansiInput{}, nil, "", "")
}

func (s *Server) handleHubInstansiRegister(w http.ResponseWriter, r *http.Request) {
	in := hub.InstansiInput{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kind: r.PostFormValue("kind"),
		Region: r.PostFormValue("region"), PublicKey: r.PostFormValue("public_key")}
	inst, token, err := s.db.RegisterHubInstansi(r.Context(), actor(r), in)
	if err != nil {
		s.renderHubInstansi(w, r, statusOf(budaya.ErrorCode(err)), in, err, "", "")
		return
	}
	s.renderHubInstansi(w, r, http.StatusOK, hub.InstansiInput{}, nil, token, inst.Code)
}

// hubIndexItem is one instansi's figures in GET /api/v1/hub/index.
type hubIndexItem struct {
	Instansi     string           `json:"instansi"`
	Name         string           `json:"name"`
	Kind         string           `json:"kind"`
	Region       string           `json:"region"`
	Period       string           `json:"period"`
	Version      int              `json:"version"`
	K            int              `json:"k"`
	N            int64            `json:"n"`
	ResponseRate float64          `json:"response_rate"`
	Overall      hubIndexFigure   `json:"overall"`
	Values       []hubIndexFigure `json:"values"`
	Rank         map[string]int   `json:"rank"`
}

type hubIndexFigure struct {
	Code   string   `json:"code"`
	Score  float64  `json:"score"`
	N      int64    `json:"n"`
	CILow  *float64 `json:"ci_low"`
	CIHigh *float64 `json:"ci_high"`
	Alpha  *float64 `json:"alpha,omitempty"`
	Band   string   `json:"band"`
}

func hubAPIFigure(f store.HubFigure) hubIndexFigure {
	out := hubIndexFigure{Code: f.Code, Score: f.Score, N: f.N, Band: f.Band}
	ptr := func(v float64, ok bool) *float64 {
		if !ok || math.IsNaN(v) {
			return nil
		}
		return &v
	}
	out.CILow, out.CIHigh, out.Alpha = ptr(f.CILow.Float64, f.CILow.Valid), ptr(f.CIHigh.Float64, f.CIHigh.Valid), ptr(f.Alpha.Float64, f.Alpha.Valid)
	return out
}

func (s *Server) handleAPIHubIndex(w http.ResponseWriter, r *http.Request) {
	p, err := s.hubView(r.Context(), strings.TrimSpace(r.URL.Query().Get("period")))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	items := []hubIndexItem{}
	for _, row := range p.Rows {
		it := hubIndexItem{Instansi: row.Instansi.Code, Name: row.Instansi.Name, Kind: row.Instansi.Kind, Region: row.Instansi.Region,
			Period: row.Label, Version: row.Version, K: row.K, N: row.N, ResponseRate: row.ResponseRate, Overall: hubAPIFigure(row.Overall),
			Rank: map[string]int{"best": row.RankBest, "worst": row.RankWorst}}
		for _, v := range p.Values {
			if f, ok := row.Values[v.Code]; ok {
				it.Values = append(it.Values, hubAPIFigure(f))
			}
		}
		items = append(items, it)
	}
	writeJSON(w, http.StatusOK, map[string]any{"period": p.Label, "periods": p.Labels, "items": items, "total": len(items)})
}

// handleHubExport writes the national table of a period as CSV or XLSX.
func (s *Server) handleHubExport(w http.ResponseWriter, r *http.Request) {
	p, err := s.hubView(r.Context(), strings.TrimSpace(r.URL.Query().Get("period")))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	audit := s.exportOf(r, "hub_table", p.Label, map[string]string{"format": r.URL.Query().Get("format")})
	s.streamTable(w, r, audit, "hub-"+fileSafe(p.Label), r.URL.Query().Get("format"), func(tw tabular.Writer) error {
		header := []string{"instansi", "name", "kind", "region", "period", "version", "k", "n", "response_rate", "overall", "ci_low", "ci_high", "band", "rank_best", "rank_worst"}
		for _, v := range p.Values {
			header = append(header, v.Code)
		}
		if err := tw.Header(header...); err != nil {
			return err
		}
		for _, row := range p.Rows {
			vals := []any{row.Instansi.Code, row.Instansi.Name, row.Instansi.Kind, row.Instansi.Region, row.Label, row.Version, row.K, row.N, row.ResponseRate,
				row.Overall.Score, row.Overall.CILow.Float64, row.Overall.CIHigh.Float64, row.Overall.Band, row.RankBest, row.RankWorst}
			for _, c := range row.Cells {
				if c.Has {
					vals = append(vals, c.Score)
				} else {
					vals = append(vals, "")
				}
			}
			if err := tw.Row(vals...); err != nil {
				return err
			}
		}
		return nil
	})
}

type hubTrendPage struct {
	hubPage
	Instansi *store.HubInstansi
	Trend    []store.HubRow
	Packages []store.HubPackage
}

// handleHubTrend shows one instansi's overall index over the periods and
// every package version it sent.
func (s *Server) handleHubTrend(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.renderError(w, r, budaya.NotFound(budaya.MsgRegisteredInstansiNotFound))
		return
	}
	inst, err := s.db.FindHubInstansi(r.Context(), "id", id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := hubTrendPage{Instansi: inst}
	if p.Trend, err = s.db.HubIndex(r.Context(), nil, id); err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.Packages, err = s.db.ListHubPackages(r.Context(), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	p.page = s.newPage(r, "hub.trend")
	s.render(w, r, http.StatusOK, "hub_trend", p)
}
