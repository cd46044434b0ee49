package web

import (
	"fmt"
	"math"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/tabular"
)

// barChart is a server-rendered SVG chart of ceiling and realised spending per
// group. It uses classes and presentation attributes only: the CSP forbids
// inline styles. The table beside it is the text alternative.
type barChart struct {
	Width, Height float64
	LabelWidth    float64
	Bars          []chartBar
}

type chartBar struct {
	Label           string
	Y, TextY, RealY float64
	LabelX          float64
	CeilingW        float64
	RealisedW       float64
	Over            bool
	Value           string // shown at the end of the bar
	ValueX          float64
}

const (
	chartWidth  = 720.0
	chartLabelW = 190.0
	chartBarH   = 22.0
	chartGap    = 12.0
)

func newBarChart(rows []budaya.BudgetRow, label func(budaya.BudgetRow) string, pct func(float64) string) barChart {
	c := barChart{Width: chartWidth, LabelWidth: chartLabelW}
	var top int64
	for _, r := range rows {
		top = max(top, r.Ceiling, r.Realised)
	}
	span := chartWidth - chartLabelW - 80
	scale := func(v int64) float64 {
		if top == 0 {
			return 0
		}
		return math.Round(float64(v)/float64(top)*span*10) / 10
	}
	for i, r := range rows {
		y := float64(i)*(chartBarH+chartGap) + 8
		name := []rune(label(r))
		if len(name) > 27 {
			name = append(name[:26], '…')
		}
		b := chartBar{Label: string(name), Y: y, TextY: y + chartBarH*0.68, RealY: y + 5, LabelX: 4, CeilingW: scale(r.Ceiling), RealisedW: scale(r.Realised),
			Over: r.Realised > r.Ceiling, Value: pct(r.Absorption())}
		b.ValueX = chartLabelW + max(b.CeilingW, b.RealisedW) + 6
		c.Bars = append(c.Bars, b)
	}
	c.Height = float64(len(rows))*(chartBarH+chartGap) + 16
	return c
}

type budgetPage struct {
	page
	money
	Year     int
	Years    []int
	By       string
	Summary  budaya.BudgetSummary
	Rows     []budaya.BudgetRow
	Chart    barChart
	Flagged  []budaya.Activity
	Proposal budaya.BudgetProposal
}

// RowLabel is the label of a row; the "no value" row is named.
func (p budgetPage) RowLabel(r budaya.BudgetRow) string {
	if p.By == "value" && r.Key == "" {
		return p.T("roadmap.no_value")
	}
	if r.Label == "" {
		return r.Key
	}
	return r.Key + " · " + r.Label
}

// budgetYears are the fiscal years the roadmaps span, for the year picker.
func (s *Server) budgetYears(r *http.Request) ([]int, error) {
	rs, err := s.db.ListRoadmaps(r.Context())
	if err != nil {
		return nil, err
	}
	var years []int
	for _, rm := range rs {
		for y := rm.StartYear; y <= rm.EndYear; y++ {
			if !slices.Contains(years, y) {
				years = append(years, y)
			}
		}
	}
	slices.Sort(years)
	return years, nil
}

func (s *Server) handleBudget(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	year, err := queryYear(r, s.localToday().Year())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := budgetPage{page: s.newPage(r, "budget.title"), Year: year, By: r.URL.Query().Get("by")}
	if !slices.Contains([]string{"unit", "value", "programme"}, p.By) {
		p.By = "unit"
	}
	if p.Years, err = s.budgetYears(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.Summary, err = s.db.Budget(ctx, year, 0); err != nil {
		s.renderError(w, r, err)
		return
	}
	switch p.By {
	case "value":
		p.Rows = p.Summary.ByValue
	case "programme":
		p.Rows = p.Summary.ByProgramme
	default:
		p.Rows = p.Summary.ByUnit
	}
	p.Chart = newBarChart(p.Rows, p.RowLabel, p.Pct)
	acts, err := s.db.ListActivities(ctx, budaya.ActivityFilter{Year: year})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, a := range acts {
		if len(a.Flags()) > 0 {
			p.Flagged = append(p.Flagged, a)
		}
	}
	s.render(w, r, http.StatusOK, "budget", p)
}

// handleBudgetExport streams the budget of a year by unit, value and
// programme, with the same figures as the page and the API.
func (s *Server) handleBudgetExport(w http.ResponseWriter, r *http.Request) {
	year, err := queryYear(r, s.localToday().Year())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sum, err := s.db.Budget(r.Context(), year, 0)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lang := langOf(r)
	audit := s.exportOf(r, "budget", year, map[string]string{"format": r.URL.Query().Get("format")})
	s.streamTable(w, r, audit, fmt.Sprintf("anggaran-budaya-%d", year), r.URL.Query().Get("format"), func(tw tabular.Writer) error {
		if err := tw.Header(translate(lang, "budget.col.dimension"), translate(lang, "budget.col.code"), translate(lang, "budget.col.name"),
			translate(lang, "budget.col.ceiling"), translate(lang, "budget.col.realised"), translate(lang, "budget.col.absorption"),
			translate(lang, "budget.col.activities")); err != nil {
			return err
		}
		write := func(dim string, rows []budaya.BudgetRow) error {
			for _, row := range rows {
				name := row.Label
				if dim == "value" && row.Key == "" {
					name = translate(lang, "roadmap.no_value")
				}
				if err := tw.Row(translate(lang, "budget.by."+dim), row.Key, name, row.Ceiling, row.Realised,
					math.Round(row.Absorption()*10)/10, row.Activities); err != nil {
					return err
				}
			}
			return nil
		}
		if err := tw.Row(translate(lang, "budget.by.total"), "", "", sum.Total.Ceiling, sum.Total.Realised,
			math.Round(sum.Total.Absorption()*10)/10, sum.Total.Activities); err != nil {
			return err
		}
		for _, dim := range []string{"unit", "programme", "value"} {
			rows := map[string][]budaya.BudgetRow{"unit": sum.ByUnit, "programme": sum.ByProgramme, "value": sum.ByValue}[dim]
			if err := write(dim, rows); err != nil {
				return err
			}
		}
		return nil
	})
}

type proposalPage struct {
	page
	money
	Year     int
	Years    []int
	Proposal budaya.BudgetProposal
	Today    string
}

// Signed writes a change with its sign: +Rp 5.000.000 or -Rp 1.000.
func (proposalPage) Signed(n int64) string {
	if n > 0 {
		return "+" + budaya.FormatRupiah(n)
	}
	return budaya.FormatRupiah(n)
}

func (s *Server) handleBudgetProposal(w http.ResponseWriter, r *http.Request) {
	year, err := queryYear(r, s.localToday().Year()+1)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	prop, err := s.db.BudgetProposal(r.Context(), year, 0)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	switch f := r.URL.Query().Get("format"); f {
	case "xlsx":
		s.writeProposalXLSX(w, r, prop)
	case "pdf":
		s.writeProposalPDF(w, r, prop)
	case "json":
		writeJSON(w, http.StatusOK, toAPIProposal(prop))
	case "":
		if isAPI(r) {
			writeJSON(w, http.StatusOK, toAPIProposal(prop))
			return
		}
		p := proposalPage{page: s.newPage(r, "proposal.title"), Year: year, Proposal: prop, Today: s.localToday().Format("2006-01-02")}
		if p.Years, err = s.budgetYears(r); err != nil {
			s.renderError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "proposal", p)
	default:
		s.renderError(w, r, budaya.Invalid("format", budaya.MsgUnknownFormatChooseXLSX, f))
	}
}

// writeProposalXLSX streams the proposal: one row per activity and account,
// a subtotal per unit and account with the previous year beside it, and the total.
func (s *Server) writeProposalXLSX(w http.ResponseWriter, r *http.Request, p budaya.BudgetProposal) {
	lang := langOf(r)
	t := func(k string) string { return translate(lang, k) }
	audit := s.exportOf(r, "budget_proposal", p.Year, map[string]string{"format": "xlsx"})
	s.streamTable(w, r, audit, fmt.Sprintf("usulan-anggaran-budaya-%d", p.Year), "xlsx", func(tw tabular.Writer) error {
		if err := tw.Header(t("proposal.col.unit_code"), t("proposal.col.unit"), t("proposal.col.account"), t("proposal.col.account_name"),
			t("proposal.col.programme"), t("proposal.col.activity_code"), t("proposal.col.activity"), t("proposal.col.funding"),
			t("proposal.col.quarters"), fmt.Sprintf("%s %d", t("proposal.col.amount"), p.Year), fmt.Sprintf("%s %d", t("proposal.col.previous"), p.Year-1),
			t("proposal.col.change")); err != nil {
			return err
		}
		for _, g := range p.Groups {
			for _, l := range g.Lines {
				if err := tw.Row(g.UnitCode, g.UnitName, g.AccountCode, g.AccountName, l.ProgrammeCode, l.ActivityCode, l.ActivityName,
					fundingName(lang, l.FundingSource), l.Quarters, l.Amount, "", ""); err != nil {
					return err
				}
			}
			if err := tw.Row(g.UnitCode, g.UnitName, g.AccountCode, g.AccountName, "", "", t("proposal.subtotal"), "", "", g.Amount, g.Previous, g.Change()); err != nil {
				return err
			}
		}
		return tw.Row("", t("proposal.total"), "", "", "", "", "", "", "", p.Amount, p.Previous, p.Change())
	})
}

// proposalSigner is who signs the proposal PDF, from the query (place, date,
// nip) with defaults: today in the instansi's zone, and the leader of the
// top unit of the tree as the official who proposes.
func (s *Server) proposalSigner(r *http.Request, lang string) (pdfdoc.Signature, error) {
	ctx := r.Context()
	q := r.URL.Query()
	place := strings.TrimSpace(q.Get("place"))
	if len([]rune(place)) > 100 {
		return pdfdoc.Signature{}, budaya.Invalid("place", budaya.MsgPlaceSigningMostCharacters)
	}
	if place == "" {
		place = "...................."
	}
	day := s.localToday()
	if v := strings.TrimSpace(q.Get("date")); v != "" {
		d, err := budaya.ParseDate("date", v)
		if err != nil {
			return pdfdoc.Signature{}, err
		}
		day = d
	}
	date := budaya.FormatDateID(day)
	if lang == "en" {
		date = day.Format("2 January 2006")
	}
	sig := pdfdoc.Signature{PlaceDate: place + ", " + date, Role: translate(lang, "proposal.sign_role"),
		Name: "(.................................................)", NIP: "...................................."}
	var official *budaya.Employee
	if nip := strings.TrimSpace(q.Get("nip")); nip != "" {
		e, err := s.db.FindEmployeeByIdentifier(ctx, nip)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return sig, budaya.Invalid("nip", budaya.MsgNoEmployeeNIPSign, nip)
		}
		if err != nil {
			return sig, err
		}
		official = e
	} else {
		units, _, err := s.db.ListUnits(ctx, budaya.UnitFilter{})
		if err != nil {
			return sig, err
		}
		for _, u := range units {
			if u.ParentID == 0 && u.LeaderEmployeeID != 0 {
				if official, err = s.db.FindEmployee(ctx, u.LeaderEmployeeID); err != nil {
					return sig, err
				}
				break
			}
		}
	}
	if official != nil {
		sig.Name, sig.Position, sig.NIP = official.FullName(), official.Position, official.NIP
	}
	return sig, nil
}

// fundingName is the funding source in words ("Rupiah murni (APBN)"), not its code.
func fundingName(lang, code string) string {
	if _, ok := messages["funding."+code]; ok {
		return translate(lang, "funding."+code)
	}
	return code
}

func (s *Server) writeProposalPDF(w http.ResponseWriter, r *http.Request, p budaya.BudgetProposal) {
	lang := langOf(r)
	t := func(k string, args ...any) string { return translate(lang, k, args...) }
	instansi, err := s.db.Setting(r.Context(), store.SettingInstansiName, "")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sig, err := s.proposalSigner(r, lang)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	doc := pdfdoc.New(pdfdoc.Header{Instansi: instansi, Title: t("proposal.pdf_title", p.Year), Subtitle: t("proposal.pdf_subtitle"), Generated: s.localNow()})
	doc.KV([][2]string{
		{t("proposal.total_year", p.Year), budaya.FormatRupiah(p.Amount)},
		{t("proposal.total_year", p.Year-1), budaya.FormatRupiah(p.Previous)},
		{t("proposal.col.change"), budaya.FormatRupiah(p.Change())},
	})
	doc.Para(t("proposal.pdf_note"))
	var rows []pdfdoc.Row
	for _, g := range p.Groups {
		// A group present only last year asks for nothing this year: it stays
		// in the comparison below, not as a subtotal of Rp 0 without lines.
		if g.Amount == 0 && len(g.Lines) == 0 {
			continue
		}
		for _, l := range g.Lines {
			rows = append(rows, pdfdoc.Row{Cells: []string{g.UnitCode + " " + g.UnitName, g.AccountCode, l.ActivityCode + " " + l.ActivityName,
				fundingName(lang, l.FundingSource), l.Quarters, budaya.FormatThousands(l.Amount)}})
		}
		rows = append(rows, pdfdoc.Row{Cells: []string{g.UnitCode + " " + g.UnitName, g.AccountCode + " " + g.AccountName, t("proposal.subtotal"), "", "",
			budaya.FormatThousands(g.Amount)}, Bold: true})
	}
	rows = append(rows, pdfdoc.Row{Cells: []string{t("proposal.total"), "", "", "", "", budaya.FormatThousands(p.Amount)}, Bold: true})
	doc.Heading(t("proposal.by_unit_account"))
	doc.Grid([]pdfdoc.Column{{Header: t("proposal.col.unit"), Weight: 3}, {Header: t("proposal.col.account"), Weight: 2},
		{Header: t("proposal.col.activity"), Weight: 4}, {Header: t("proposal.col.funding"), Fit: true},
		{Header: t("proposal.col.quarters"), Fit: true}, {Header: t("proposal.col.amount_rp"), Fit: true, Right: true}}, rows)
	doc.Heading(t("proposal.comparison"))
	var cmp []pdfdoc.Row
	for _, g := range p.Groups {
		cmp = append(cmp, pdfdoc.Row{Cells: []string{g.UnitCode + " " + g.UnitName, g.AccountCode, budaya.FormatThousands(g.Previous), budaya.FormatThousands(g.Amount), budaya.FormatThousands(g.Change())}})
	}
	cmp = append(cmp, pdfdoc.Row{Cells: []string{t("proposal.total"), "", budaya.FormatThousands(p.Previous), budaya.FormatThousands(p.Amount), budaya.FormatThousands(p.Change())}, Bold: true})
	doc.Grid([]pdfdoc.Column{{Header: t("proposal.col.unit"), Weight: 3}, {Header: t("proposal.col.account"), Fit: true},
		{Header: strconv.Itoa(p.Year - 1), Fit: true, Right: true}, {Header: strconv.Itoa(p.Year), Fit: true, Right: true},
		{Header: t("proposal.col.change"), Fit: true, Right: true}}, cmp)
	doc.Signature(sig)
	if err := s.auditExport(r, s.exportOf(r, "budget_proposal", p.Year, map[string]string{"format": "pdf"})); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fmt.Sprintf("usulan-anggaran-budaya-%d.pdf", p.Year)}))
	if err := doc.Output(w); err != nil {
		s.log.ErrorContext(r.Context(), "proposal pdf failed", "err", err)
		panic(http.ErrAbortHandler)
	}
}
