package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/tabular"
)

type commitmentForm struct {
	SessionID int64
	UnitID    int64
	Title     string
	Codes     map[string]bool
	DueDate   string
	Owner     string
	Measure   string
}

type commitmentsPage struct {
	page
	Filter      budaya.CommitmentFilter
	Commitments []budaya.Commitment
	Pager       pager
	Today       time.Time
	CanEdit     bool
	Units       []budaya.Unit // units the user may add commitments for
	Sessions    []budaya.AlignmentSession
	Framework   *budaya.Framework
	Form        commitmentForm
	Statuses    []string
}

// Overdue reports whether c is overdue today.
func (p commitmentsPage) Overdue(c budaya.Commitment) bool { return c.Overdue(p.Today) }

// scopeUnits lists the open units in scope (for choosing one in a form).
func (s *Server) scopeUnits(r *http.Request, sc budaya.UnitScope) ([]budaya.Unit, error) {
	if sc.All {
		list, _, err := s.db.ListUnits(r.Context(), budaya.UnitFilter{})
		return list, err
	}
	var out []budaya.Unit
	seen := map[int64]bool{}
	for _, led := range readerFrom(r.Context()).Led {
		list, _, err := s.db.ListUnits(r.Context(), budaya.UnitFilter{UnderID: led.ID})
		if err != nil {
			return nil, err
		}
		for _, u := range list {
			if !seen[u.ID] {
				seen[u.ID] = true
				out = append(out, u)
			}
		}
	}
	return out, nil
}

func (s *Server) commitmentsData(r *http.Request) (commitmentsPage, error) {
	ctx := r.Context()
	u := userFrom(ctx)
	q := r.URL.Query()
	p := commitmentsPage{page: s.newPage(r, "commit.title"), Today: s.localNow(), Statuses: budaya.CommitmentStatuses,
		CanEdit: u.HasRole(budaya.RoleAdmin) || u.HasRole(budaya.RolePimpinan)}
	sc := readerFrom(ctx).Scope()
	var err error
	p.Filter = budaya.CommitmentFilter{Scope: sc, Status: q.Get("status"), Overdue: q.Get("overdue") == "1", Today: p.Today, Page: queryPage(r), PerPage: 50}
	p.Filter.SessionID, _ = strconv.ParseInt(q.Get("session"), 10, 64)
	p.Filter.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	var total int
	if p.Commitments, total, err = s.db.ListCommitments(ctx, p.Filter); err != nil {
		return p, err
	}
	q.Del("page")
	p.Pager = pager{Page: p.Filter.Page, PerPage: p.Filter.PerPage, Total: total, Query: q.Encode()}
	p.Form = commitmentForm{SessionID: p.Filter.SessionID, UnitID: p.Filter.UnitID, Codes: map[string]bool{}}
	if p.CanEdit {
		if p.Units, err = s.scopeUnits(r, sc); err != nil {
			return p, err
		}
		if p.Sessions, _, err = s.db.ListAlignmentSessions(ctx, budaya.SessionFilter{Scope: sc, EmployeeID: u.EmployeeID, PerPage: 50}); err != nil {
			return p, err
		}
		if p.Framework, err = s.db.ActiveFramework(ctx); err != nil {
			return p, err
		}
	}
	return p, nil
}

func (s *Server) handleCommitmentList(w http.ResponseWriter, r *http.Request) {
	p, err := s.commitmentsData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "commitments", p)
}

// handleCommitmentExport streams the commitments in the user's scope that match the filter.
func (s *Server) handleCommitmentExport(w http.ResponseWriter, r *http.Request) {
	p, err := s.commitmentsData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := p.Filter
	audit := s.exportOf(r, "commitment", "", map[string]any{"format": r.URL.Query().Get("format"), "query": r.URL.RawQuery})
	s.streamTable(w, r, audit, "rencana-aksi", r.URL.Query().Get("format"), func(tw tabular.Writer) error {
		if err := tw.Header("id", "sesi_id", "unit", "rencana_aksi", "nilai_perilaku", "target", "penanggung_jawab", "ukuran_selesai", "status", "terlambat"); err != nil {
			return err
		}
		for page := 1; ; page++ {
			f.Page, f.PerPage = page, 500
			list, _, err := s.db.ListCommitments(r.Context(), f)
			if err != nil {
				return err
			}
			for _, c := range list {
				if err := tw.Row(c.ID, c.SessionID, c.UnitName, c.Title, strings.Join(c.Codes, " "), c.DueDate.Format(time.DateOnly), c.OwnerName,
					c.Measure, c.Status, c.Overdue(p.Today)); err != nil {
					return err
				}
			}
			if len(list) < 500 {
				return nil
			}
		}
	})
}

func (s *Server) handleCommitmentCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	f := r.PostForm
	form := commitmentForm{Title: f.Get("title"), DueDate: f.Get("due_date"), Owner: f.Get("owner"), Measure: f.Get("measure"), Codes: map[string]bool{}}
	form.SessionID, _ = strconv.ParseInt(f.Get("session"), 10, 64)
	form.UnitID, _ = strconv.ParseInt(f.Get("unit"), 10, 64)
	for _, c := range f["codes"] {
		form.Codes[c] = true
	}
	var created *budaya.Commitment
	err := func() error {
		u := userFrom(ctx)
		unit, err := s.db.FindUnit(ctx, form.UnitID)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND || form.UnitID == 0 {
			return budaya.Invalid("unit", budaya.MsgChooseUnitActionItem)
		}
		if err != nil {
			return err
		}
		if !budaya.MaySeeUnit(readerFrom(ctx), unit.Path) {
			return budaya.Forbidden()
		}
		in := budaya.CommitmentInput{SessionID: form.SessionID, UnitID: unit.ID, Title: form.Title, Codes: f["codes"], Measure: form.Measure}
		if in.DueDate, err = formDate(form.DueDate, "due_date"); err != nil {
			return err
		}
		if strings.TrimSpace(form.Owner) == "" {
			in.OwnerID = u.EmployeeID
		} else {
			e, err := s.db.FindEmployeeByIdentifier(ctx, form.Owner)
			if budaya.ErrorCode(err) == budaya.ENOTFOUND {
				return budaya.Invalid("owner", budaya.MsgNoEmployeeNIPOwn, form.Owner)
			}
			if err != nil {
				return err
			}
			in.OwnerID = e.ID
		}
		created, err = s.db.CreateCommitment(ctx, actor(r), in)
		return err
	}()
	if err == nil {
		http.Redirect(w, r, "/commitments/"+strconv.FormatInt(created.ID, 10)+"?msg=saved", http.StatusSeeOther)
		return
	}
	e := budaya.AsError(err)
	if e == nil || e.Code != budaya.EINVALID {
		s.renderError(w, r, err)
		return
	}
	p, perr := s.commitmentsData(r)
	if perr != nil {
		s.renderError(w, r, perr)
		return
	}
	p.Form, p.Error = form, e.Text(p.Lang)
	s.render(w, r, http.StatusUnprocessableEntity, "commitments", p)
}

type commitmentPage struct {
	page
	Commitment *budaya.Commitment
	Today      time.Time
	CanEdit    bool
	Statuses   []string
	Note       string
}

// loadCommitment returns the commitment of the path if its unit is in the user's scope.
func (s *Server) loadCommitment(r *http.Request) (*budaya.Commitment, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	c, err := s.db.FindCommitment(r.Context(), id)
	if err != nil {
		return nil, err
	}
	unit, err := s.db.FindUnit(r.Context(), c.UnitID)
	if err != nil {
		return nil, err
	}
	if !budaya.MaySeeUnit(readerFrom(r.Context()), unit.Path) {
		return nil, budaya.NotFound(budaya.MsgActionItemNotFound)
	}
	return c, nil
}

func (s *Server) handleCommitmentShow(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadCommitment(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	s.render(w, r, http.StatusOK, "commitment", commitmentPage{page: s.newPage(r, "commit.item"), Commitment: c, Today: s.localNow(),
		CanEdit: u.HasRole(budaya.RoleAdmin) || u.HasRole(budaya.RolePimpinan), Statuses: budaya.CommitmentStatuses})
}

// handleCommitmentProgress records a progress note, maybe a new status, and
// evidence files (checked by type and size; all refused if one is bad).
func (s *Server) handleCommitmentProgress(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadRequest)
	perr := r.ParseMultipartForm(1 << 20)
	if perr != nil && !errors.Is(perr, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(perr, &tooBig) {
			s.renderError(w, r, budaya.Invalid("evidence", budaya.MsgUploadTooLargeMostMB,
				budaya.MaxEvidenceBytes>>20))
			return
		}
		s.renderError(w, r, budaya.Invalid("evidence", budaya.MsgUploadCouldNotBeRead))
		return
	}
	c, err := s.loadCommitment(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	in := budaya.NoteInput{Status: r.FormValue("status"), Text: r.FormValue("note")}
	err = func() error {
		if strings.TrimSpace(in.Text) == "" {
			return budaya.Invalid("note", budaya.MsgWriteProgressNoteMostCharacters)
		}
		var evs []budaya.Evidence
		if r.MultipartForm != nil {
			if evs, err = s.receiveEvidence(r, "evidence", budaya.EvidenceInternal); err != nil {
				return err
			}
		}
		for _, ev := range evs {
			in.Evidence = append(in.Evidence, ev.ID)
		}
		return s.db.AddCommitmentNote(r.Context(), actor(r), c.ID, in)
	}()
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || e.Code != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		u := userFrom(r.Context())
		p := commitmentPage{page: s.newPage(r, "commit.item"), Commitment: c, Today: s.localNow(),
			CanEdit: u.HasRole(budaya.RoleAdmin) || u.HasRole(budaya.RolePimpinan), Statuses: budaya.CommitmentStatuses, Note: in.Text}
		p.Error = e.Text(p.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "commitment", p)
		return
	}
	http.Redirect(w, r, "/commitments/"+strconv.FormatInt(c.ID, 10)+"?msg=saved", http.StatusSeeOther)
}

type coveragePage struct {
	page
	Filter   budaya.CoverageFilter
	Rows     []budaya.CoverageRow
	Sessions []budaya.AlignmentSession
	Levels   []string
	Totals   coverageTotals
	Query    string
}

// coverageTotals sums the board: how many units were invited, attended and signed.
type coverageTotals struct {
	Units, Invited, Attended, Signed, Commitments, Overdue int
}

func (s *Server) coverageData(r *http.Request) (coveragePage, error) {
	ctx := r.Context()
	u := userFrom(ctx)
	p := coveragePage{page: s.newPage(r, "cover.title"), Levels: budaya.UnitLevels}
	sc := readerFrom(ctx).Scope()
	var err error
	q := r.URL.Query()
	p.Filter = budaya.CoverageFilter{Level: q.Get("level"), Scope: sc}
	if p.Filter.Level != "" && budaya.LevelRank(p.Filter.Level) < 0 {
		return p, budaya.Invalid("level", budaya.MsgUnknownUnitLevel, p.Filter.Level)
	}
	p.Filter.SessionID, _ = strconv.ParseInt(q.Get("session"), 10, 64)
	if p.Rows, err = s.db.Coverage(ctx, p.Filter, s.localNow()); err != nil {
		return p, err
	}
	if p.Sessions, _, err = s.db.ListAlignmentSessions(ctx, budaya.SessionFilter{Scope: sc, EmployeeID: u.EmployeeID, PerPage: 100}); err != nil {
		return p, err
	}
	for _, row := range p.Rows {
		t := &p.Totals
		t.Units++
		t.Commitments += row.Commitments()
		t.Overdue += row.Overdue
		for _, c := range []struct {
			on bool
			n  *int
		}{{row.Invited, &t.Invited}, {row.Attended, &t.Attended}, {row.Signed, &t.Signed}} {
			if c.on {
				*c.n++
			}
		}
	}
	p.Query = url.Values{"session": {q.Get("session")}, "level": {p.Filter.Level}}.Encode()
	return p, nil
}

func (s *Server) handleCoverage(w http.ResponseWriter, r *http.Request) {
	p, err := s.coverageData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "coverage", p)
}

func (s *Server) handleCoverageExport(w http.ResponseWriter, r *http.Request) {
	p, err := s.coverageData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	audit := s.exportOf(r, "coverage", "", map[string]any{"format": r.URL.Query().Get("format"), "query": r.URL.RawQuery})
	s.streamTable(w, r, audit, "cakupan-komitmen", r.URL.Query().Get("format"), func(tw tabular.Writer) error {
		if err := tw.Header("kode_unit", "unit", "tingkat", "pimpinan", "diundang", "hadir", "menandatangani", "pakta_id",
			"direncanakan", "berjalan", "selesai", "dibatalkan", "terlambat"); err != nil {
			return err
		}
		for _, row := range p.Rows {
			if err := tw.Row(row.UnitCode, row.UnitName, row.UnitLevel, row.Leader, row.Invited, row.Attended, row.Signed, row.PledgeID,
				row.Planned, row.InProgress, row.Done, row.Dropped, row.Overdue); err != nil {
				return err
			}
		}
		return nil
	})
}
