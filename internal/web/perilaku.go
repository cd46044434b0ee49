package web

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Perilaku kerja (Permenpan RB 6/2022): the pejabat penilai (the direct
// atasan) records expectations and feedback per value and rates; admins set
// the organisation's capaian and import hasil kerja from e-Kinerja.

func (s *Server) performanceRules() (*budaya.PerformanceRules, error) {
	o, err := budaya.LoadOfficial()
	if err != nil {
		return nil, err
	}
	return o.PerformanceRules()
}

// termOf reads ?year= and ?term= (default: this year, the current quarter).
func (s *Server) termOf(q url.Values) (int, string, error) {
	now := time.Now().In(s.loc)
	year, term := now.Year(), fmt.Sprintf("TW%d", (int(now.Month())-1)/3+1)
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil {
			return 0, "", budaya.Invalid("year", budaya.MsgYearMustBeNumber)
		}
		year = y
	}
	if v := q.Get("term"); v != "" {
		term = strings.ToUpper(v)
	}
	return year, term, budaya.ValidateTerm(year, term)
}

// mayViewPerilaku applies budaya.MayViewPerilaku, loading the atasan of e's atasan.
func (s *Server) mayViewPerilaku(r *http.Request, e *budaya.Employee) (bool, error) {
	var above int64
	if e.SupervisorID != 0 {
		sup, err := s.db.FindEmployee(r.Context(), e.SupervisorID)
		if err != nil {
			return false, err
		}
		above = sup.SupervisorID
	}
	return budaya.MayViewPerilaku(readerFrom(r.Context()), e, above), nil
}

type perilakuRow struct {
	Employee budaya.Employee
	Rating   budaya.PerilakuRating
}

type perilakuPage struct {
	page
	Year         int
	Term         string
	Terms        []string
	Rules        *budaya.PerformanceRules
	Staff        []perilakuRow
	UnitID       int64
	Units        []budaya.Unit
	Distribution *budaya.Distribution
	Capaian      string
	IsAdmin      bool
}

// ViolationText is a broken pattern rule in the page's language.
func (p perilakuPage) ViolationText(v budaya.PatternViolation) string {
	if p.Lang == "en" {
		return v.MessageEN
	}
	return v.Message
}

func (s *Server) handlePerilaku(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	year, term, err := s.termOf(r.URL.Query())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rules, err := s.performanceRules()
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u := userFrom(ctx)
	p := perilakuPage{page: s.newPage(r, "perilaku.title"), Year: year, Term: term, Terms: budaya.Terms, Rules: rules, IsAdmin: u.HasRole(budaya.RoleAdmin)}
	if u.EmployeeID != 0 {
		staff, _, err := s.db.ListEmployees(ctx, budaya.EmployeeFilter{SupervisorID: u.EmployeeID, PerPage: 500})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		ratings, err := s.db.ListPerilaku(ctx, budaya.PerilakuFilter{Year: year, Term: term, SupervisorID: u.EmployeeID})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		byEmp := map[int64]budaya.PerilakuRating{}
		for _, x := range ratings {
			byEmp[x.EmployeeID] = x
		}
		for _, e := range staff {
			p.Staff = append(p.Staff, perilakuRow{Employee: e, Rating: byEmp[e.ID]})
		}
	}
	// The distribution of a unit: admins and auditors choose any, a pimpinan
	// one of the units they lead (or a unit below them).
	if err := s.perilakuDistribution(r, &p, rules, year, term); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "perilaku", p)
}

// perilakuDistribution fills the unit choice and the distribution of the
// chosen unit (?unit=) that the reader may see; the first unit by default.
func (s *Server) perilakuDistribution(r *http.Request, p *perilakuPage, rules *budaya.PerformanceRules, year int, term string) error {
	ctx := r.Context()
	rd := readerFrom(ctx)
	if !rd.SeesAll() && len(rd.Led) == 0 {
		return nil
	}
	var under int64
	if v := r.URL.Query().Get("unit"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return budaya.Invalid("unit", budaya.MsgUnitParameterMustBeUnit)
		}
		unit, err := s.db.FindUnit(ctx, id)
		if err != nil {
			return err
		}
		if !budaya.MaySeeUnit(rd, unit.Path) {
			return budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgMaySeePredikatDistribution)
		}
		under = id
	}
	if rd.SeesAll() {
		units, _, err := s.db.ListUnits(ctx, budaya.UnitFilter{})
		if err != nil {
			return err
		}
		for _, x := range units {
			if x.Depth <= 2 {
				p.Units = append(p.Units, x)
			}
			if under == 0 && x.ParentID == 0 {
				under = x.ID
			}
		}
	} else {
		led, err := s.db.FindUnits(ctx, rd.LedIDs())
		if err != nil {
			return err
		}
		for _, ref := range rd.Led {
			if u := led[ref.ID]; u != nil {
				p.Units = append(p.Units, *u)
			}
		}
		if under == 0 {
			under = rd.Led[0].ID
		}
	}
	if under == 0 {
		return nil
	}
	d, err := s.db.UnitDistribution(ctx, rules, under, year, term)
	if err != nil {
		return err
	}
	p.Distribution, p.UnitID, p.Capaian = &d, under, d.Capaian
	return nil
}

type perilakuEmployeePage struct {
	page
	Employee     *budaya.Employee
	Year         int
	Term         string
	Rules        *budaya.PerformanceRules
	Values       []budaya.Value
	Expectations map[string]budaya.Expectation
	Rating       budaya.PerilakuRating
	CanRate      bool
}

// Exp returns the expectation of value code.
func (p perilakuEmployeePage) Exp(code string) budaya.Expectation { return p.Expectations[code] }

func (s *Server) perilakuEmployee(r *http.Request) (*budaya.Employee, error) {
	id, err := pathID(r, "employee")
	if err != nil {
		return nil, err
	}
	e, err := s.db.FindEmployee(r.Context(), id)
	if err != nil {
		return nil, err
	}
	ok, err := s.mayViewPerilaku(r, e)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgPerilakuKerjaAssessmentCanBeSeen)
	}
	return e, nil
}

func (s *Server) perilakuEmployeePageData(r *http.Request, e *budaya.Employee, year int, term string) (perilakuEmployeePage, error) {
	ctx := r.Context()
	rules, err := s.performanceRules()
	if err != nil {
		return perilakuEmployeePage{}, err
	}
	p := perilakuEmployeePage{page: s.newPage(r, "perilaku.title"), Employee: e, Year: year, Term: term, Rules: rules, CanRate: budaya.MayRate(readerFrom(ctx), e)}
	f, err := s.db.ActiveFramework(ctx)
	if err != nil {
		return p, err
	}
	p.Values = f.CoreValues()
	if p.Expectations, err = s.db.ListExpectations(ctx, e.ID, year, term); err != nil {
		return p, err
	}
	rs, err := s.db.ListPerilaku(ctx, budaya.PerilakuFilter{Year: year, Term: term, EmployeeID: e.ID})
	if err != nil {
		return p, err
	}
	if len(rs) > 0 {
		p.Rating = rs[0]
	}
	return p, nil
}

func (s *Server) handlePerilakuEmployee(w http.ResponseWriter, r *http.Request) {
	e, err := s.perilakuEmployee(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	year, term, err := s.termOf(r.URL.Query())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.perilakuEmployeePageData(r, e, year, term)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "perilaku_employee", p)
}

// perilakuWrite checks that the user may rate the employee of the path and reads year and term from the form.
func (s *Server) perilakuWrite(w http.ResponseWriter, r *http.Request) (*budaya.Employee, int, string, bool) {
	e, err := s.perilakuEmployee(r)
	if err != nil {
		s.renderError(w, r, err)
		return nil, 0, "", false
	}
	if !budaya.MayRate(readerFrom(r.Context()), e) {
		s.renderError(w, r, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgOnlyAssessingOfficialDirect))
		return nil, 0, "", false
	}
	_ = r.ParseMultipartForm(1 << 20)
	year, term, err := s.termOf(r.Form)
	if err != nil {
		s.renderError(w, r, err)
		return nil, 0, "", false
	}
	return e, year, term, true
}

func (s *Server) perilakuRedirect(w http.ResponseWriter, r *http.Request, e *budaya.Employee, year int, term string) {
	http.Redirect(w, r, fmt.Sprintf("/perilaku/%d?year=%d&term=%s&msg=saved", e.ID, year, term), http.StatusSeeOther)
}

func (s *Server) handlePerilakuExpectation(w http.ResponseWriter, r *http.Request) {
	// Evidence first: receiveEvidence reads the multipart body with its own size limit.
	var evs []budaya.Evidence
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if evs, err = s.receiveEvidence(r, "evidence", budaya.EvidenceRestricted); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	e, year, term, ok := s.perilakuWrite(w, r)
	if !ok {
		return
	}
	in := budaya.Expectation{EmployeeID: e.ID, Year: year, Term: term, ValueCode: r.FormValue("value"), Expectation: r.FormValue("expectation"),
		Feedback: r.FormValue("feedback"), EvaluatorID: userFrom(r.Context()).EmployeeID}
	for _, ev := range evs {
		in.EvidenceIDs = append(in.EvidenceIDs, ev.ID)
	}
	if _, err := s.db.SaveExpectation(r.Context(), actor(r), in); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.perilakuRedirect(w, r, e, year, term)
}

func (s *Server) handlePerilakuRating(w http.ResponseWriter, r *http.Request) {
	e, year, term, ok := s.perilakuWrite(w, r)
	if !ok {
		return
	}
	rules, err := s.performanceRules()
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	in := budaya.RatingInput{EmployeeID: e.ID, Year: year, Term: term, EvaluatorID: userFrom(r.Context()).EmployeeID,
		Perilaku: r.FormValue("perilaku"), HasilKerja: r.FormValue("hasil_kerja")}
	if _, err := s.db.RatePerilaku(r.Context(), actor(r), rules, in); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.perilakuRedirect(w, r, e, year, term)
}

func (s *Server) handlePerilakuEvidence(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	owner, err := s.db.ExpectationEvidenceOwner(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	e, err := s.db.FindEmployee(r.Context(), owner)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if ok, err := s.mayViewPerilaku(r, e); err != nil || !ok {
		if err == nil {
			err = budaya.NotFound(budaya.MsgEvidenceNotFound)
		}
		s.renderError(w, r, err)
		return
	}
	ev, err := s.db.FindEvidence(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.serveEvidence(w, r, ev)
}

func (s *Server) handlePerilakuCapaian(w http.ResponseWriter, r *http.Request) {
	year, term, err := s.termOf(r.URL.Query())
	if err == nil {
		year, term, err = s.termOf(mergeForm(r))
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rules, err := s.performanceRules()
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.SetCapaian(r.Context(), actor(r), rules, year, term, r.PostFormValue("capaian")); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/perilaku?year=%d&term=%s&msg=saved", year, term), http.StatusSeeOther)
}

func mergeForm(r *http.Request) url.Values {
	_ = r.ParseMultipartForm(1 << 20)
	return r.Form
}

// handlePerilakuImport reads an e-Kinerja export (CSV or XLSX) with a NIP
// column and a hasil kerja rating column, and stores it all or nothing.
func (s *Server) handlePerilakuImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 20<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		s.renderError(w, r, budaya.Invalid("file", budaya.MsgUploadKinerjaExportCSV))
		return
	}
	year, term, err := s.termOf(r.Form)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, fh, err := r.FormFile("file")
	if err != nil {
		s.renderError(w, r, budaya.Invalid("file", budaya.MsgChooseKinerjaExportFile))
		return
	}
	defer f.Close()
	rows, err := readHasilRows(f, strings.HasSuffix(strings.ToLower(fh.Filename), ".xlsx"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rules, err := s.performanceRules()
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, err := s.db.ImportHasilKerja(r.Context(), actor(r), rules, year, term, rows); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/perilaku?year=%d&term=%s&msg=saved", year, term), http.StatusSeeOther)
}

// readHasilRows finds the NIP column and the rating column ("hasil kerja",
// "rating hasil kerja", "predikat hasil kerja") by their header.
func readHasilRows(r io.Reader, xlsx bool) ([]store.HasilRow, error) {
	var records [][]string
	if xlsx {
		x, err := excelize.OpenReader(r)
		if err != nil {
			return nil, budaya.Invalid("file", budaya.MsgXLSXFileCouldNotBeRead)
		}
		defer x.Close()
		rows, err := x.Rows(x.GetSheetName(0))
		if err != nil {
			return nil, budaya.Invalid("file", budaya.MsgFirstXLSXSheetCouldNotBeRead)
		}
		for rows.Next() {
			cols, err := rows.Columns()
			if err != nil {
				return nil, err
			}
			records = append(records, cols)
		}
	} else {
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, budaya.Invalid("file", budaya.MsgCSVFileCouldNotBeRead, err.Error())
			}
			records = append(records, rec)
		}
	}
	if len(records) < 2 {
		return nil, budaya.Invalid("file", budaya.MsgFileHoldsNoData)
	}
	nipCol, hasilCol := -1, -1
	for i, h := range records[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case h == "nip" || strings.HasPrefix(h, "nip "):
			nipCol = i
		case strings.Contains(h, "hasil kerja"):
			hasilCol = i
		}
	}
	if nipCol < 0 || hasilCol < 0 {
		return nil, budaya.Invalid("file", budaya.MsgNIPColumnHasilKerja)
	}
	var out []store.HasilRow
	for i, rec := range records[1:] {
		if len(rec) <= max(nipCol, hasilCol) || strings.TrimSpace(rec[nipCol]) == "" {
			continue
		}
		out = append(out, store.HasilRow{Line: i + 2, NIP: rec[nipCol], HasilKerja: rec[hasilCol]})
	}
	return out, nil
}

// API

type apiPerilaku struct {
	EmployeeID   int64     `json:"employee_id"`
	EmployeeName string    `json:"employee_name"`
	Year         int       `json:"year"`
	Term         string    `json:"term"`
	Perilaku     string    `json:"perilaku"`
	HasilKerja   string    `json:"hasil_kerja"`
	HasilSource  string    `json:"hasil_source"`
	Predikat     string    `json:"predikat"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func toAPIPerilaku(x budaya.PerilakuRating) apiPerilaku {
	return apiPerilaku{EmployeeID: x.EmployeeID, EmployeeName: x.EmployeeName, Year: x.Year, Term: x.Term, Perilaku: x.Perilaku, HasilKerja: x.HasilKerja,
		HasilSource: x.HasilSource, Predikat: x.Predikat, UpdatedAt: x.UpdatedAt}
}

// handleAPIPerilaku lists ratings: admins and auditors all (or of ?unit_id=),
// everyone else their own and those of their direct staff.
func (s *Server) handleAPIPerilaku(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userFrom(ctx)
	q := r.URL.Query()
	f := budaya.PerilakuFilter{Term: strings.ToUpper(q.Get("term"))}
	if v := q.Get("year"); v != "" {
		f.Year, _ = strconv.Atoi(v)
	}
	out := apiList[apiPerilaku]{Items: []apiPerilaku{}}
	var lists [][]budaya.PerilakuRating
	if readerFrom(ctx).SeesAll() {
		f.UnitID, _ = strconv.ParseInt(q.Get("unit_id"), 10, 64)
		xs, err := s.db.ListPerilaku(ctx, f)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		lists = append(lists, xs)
	} else if u.EmployeeID != 0 {
		own, staff := f, f
		own.EmployeeID, staff.SupervisorID = u.EmployeeID, u.EmployeeID
		for _, ff := range []budaya.PerilakuFilter{own, staff} {
			xs, err := s.db.ListPerilaku(ctx, ff)
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			lists = append(lists, xs)
		}
	}
	for _, xs := range lists {
		for _, x := range xs {
			out.Items = append(out.Items, toAPIPerilaku(x))
		}
	}
	out.Total = len(out.Items)
	writeJSON(w, http.StatusOK, out)
}

type apiPerilakuRequest struct {
	EmployeeID int64  `json:"employee_id"`
	Year       int    `json:"year"`
	Term       string `json:"term"`
	Perilaku   string `json:"perilaku"`
	HasilKerja string `json:"hasil_kerja"`
}

func (s *Server) handleAPIPerilakuRate(w http.ResponseWriter, r *http.Request) {
	var req apiPerilakuRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.renderError(w, r, err)
		return
	}
	e, err := s.db.FindEmployee(r.Context(), req.EmployeeID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !budaya.MayRate(readerFrom(r.Context()), e) {
		s.renderError(w, r, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgOnlyAssessingOfficialDirect))
		return
	}
	rules, err := s.performanceRules()
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	x, err := s.db.RatePerilaku(r.Context(), actor(r), rules, budaya.RatingInput{EmployeeID: e.ID, Year: req.Year, Term: strings.ToUpper(req.Term),
		EvaluatorID: userFrom(r.Context()).EmployeeID, Perilaku: req.Perilaku, HasilKerja: req.HasilKerja})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIPerilaku(*x))
}
