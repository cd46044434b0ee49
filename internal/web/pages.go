package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/tabular"
)

type homePage struct {
	page
	Framework *budaya.Framework
	Todos     []todo // what waits for the user (todos.go)
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	f, err := s.db.ActiveFramework(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := homePage{page: s.newPage(r, "home.title"), Framework: f}
	if p.Todos, err = s.todosFor(r, p.page); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", p)
}

type auditPage struct {
	page
	Filter  budaya.AuditFilter
	Entries []budaya.AuditEntry
	Pager   pager
}

// pager is the paging state of a list.
type pager struct {
	Page, PerPage, Total int
	Query                string // the list's other query parameters, encoded
}

// Pages is the number of pages.
func (p pager) Pages() int {
	if p.PerPage <= 0 {
		return 1
	}
	n := (p.Total + p.PerPage - 1) / p.PerPage
	if n < 1 {
		n = 1
	}
	return n
}

// HasPrev reports whether a previous page exists.
func (p pager) HasPrev() bool { return p.Page > 1 }

// HasNext reports whether a next page exists.
func (p pager) HasNext() bool { return p.Page < p.Pages() }

// Link is the query string for page n.
func (p pager) Link(n int) string {
	q := "page=" + strconv.Itoa(n)
	if p.Query != "" {
		q = p.Query + "&" + q
	}
	return "?" + q
}

// queryPage parses ?page=N (default 1).
func queryPage(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

func auditFilterOf(r *http.Request, loc *time.Location) (budaya.AuditFilter, error) {
	q := r.URL.Query()
	f := budaya.AuditFilter{
		Entity:  strings.TrimSpace(q.Get("entity")),
		Action:  strings.TrimSpace(q.Get("action")),
		Query:   strings.TrimSpace(q.Get("q")),
		Page:    queryPage(r),
		PerPage: 50,
	}
	for _, d := range []struct {
		name string
		dst  *time.Time
		add  int
	}{{"from", &f.From, 0}, {"to", &f.To, 1}} {
		v := q.Get(d.name)
		if v == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", v, loc)
		if err != nil {
			return f, budaya.Invalid(d.name, budaya.MsgDateNotValidWrite, v)
		}
		*d.dst = t.AddDate(0, 0, d.add)
	}
	return f, nil
}

func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request) {
	f, err := auditFilterOf(r, s.loc)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	entries, total, err := s.db.ListAudit(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	q := r.URL.Query()
	q.Del("page")
	p := auditPage{page: s.newPage(r, "audit.title"), Filter: f, Entries: entries,
		Pager: pager{Page: f.Page, PerPage: f.PerPage, Total: total, Query: q.Encode()}}
	if r.Header.Get("HX-Request") != "" {
		s.renderBlock(w, r, http.StatusOK, "audit", "audit-results", p)
		return
	}
	s.render(w, r, http.StatusOK, "audit", p)
}

type profilePage struct {
	page
	Tokens    []budaya.APIToken
	NewToken  string
	DigestOff bool // the person turned the weekly digest off
}

func (s *Server) profilePageData(r *http.Request) (profilePage, error) {
	p := profilePage{page: s.newPage(r, "profile.title")}
	var err error
	if p.Tokens, err = s.db.ListAPITokens(r.Context(), p.User.ID); err != nil {
		return p, err
	}
	p.DigestOff, err = s.db.DigestOff(r.Context(), p.User.ID)
	return p, err
}

func (s *Server) handleProfile(w http.ResponseWriter, r *http.Request) {
	p, err := s.profilePageData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "profile", p)
}

func (s *Server) handleProfilePassword(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	current, next, confirm := r.PostFormValue("current_password"), r.PostFormValue("new_password"), r.PostFormValue("confirm_password")
	err := func() error {
		if next != confirm {
			return budaya.Invalid("confirm_password", budaya.MsgConfirmationDoesNotMatchNew)
		}
		if _, err := s.db.Authenticate(r.Context(), u.Username, current, clientIP(r)); err != nil {
			if budaya.ErrorCode(err) == budaya.EUNAUTHORIZED {
				return budaya.Invalid("current_password", budaya.MsgCurrentPasswordWrong)
			}
			return err
		}
		return s.db.SetPassword(r.Context(), actor(r), u.ID, next)
	}()
	if err != nil {
		if e := budaya.AsError(err); e != nil && (e.Code == budaya.EINVALID || e.Code == budaya.ELOCKED) {
			p, perr := s.profilePageData(r)
			if perr != nil {
				s.renderError(w, r, perr)
				return
			}
			p.Error = e.Text(p.Lang)
			s.render(w, r, http.StatusUnprocessableEntity, "profile", p)
			return
		}
		s.renderError(w, r, err)
		return
	}
	// Changing the password ended every session; sign in again with the new one.
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login?msg=password", http.StatusSeeOther)
}

func (s *Server) handleTokenCreate(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	raw, _, err := s.db.CreateAPIToken(r.Context(), actor(r), u.ID, r.PostFormValue("name"))
	p, perr := s.profilePageData(r)
	if perr != nil {
		s.renderError(w, r, perr)
		return
	}
	if err != nil {
		e := budaya.AsError(err)
		if e == nil {
			s.renderError(w, r, err)
			return
		}
		p.Error = e.Text(p.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "profile", p)
		return
	}
	// The token is shown this once, in this answer; it is never stored in clear.
	p.NewToken = raw
	s.render(w, r, http.StatusOK, "profile", p)
}

func (s *Server) handleTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.RevokeAPIToken(r.Context(), actor(r), userFrom(r.Context()).ID, id); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/profile?msg=token_revoked", http.StatusSeeOther)
}

// handleAuditExport streams the filtered audit log as CSV or XLSX.
func (s *Server) handleAuditExport(w http.ResponseWriter, r *http.Request) {
	f, err := auditFilterOf(r, s.loc)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	audit := s.exportOf(r, "audit_log", "", map[string]any{"entity": f.Entity, "action": f.Action, "q": f.Query})
	s.streamTable(w, r, audit, "log-audit", r.URL.Query().Get("format"), func(tw tabular.Writer) error {
		if err := tw.Header("id", "waktu_utc", "pengguna_id", "pengguna", "tindakan", "objek", "objek_id", "nilai_lama", "nilai_baru", "alamat"); err != nil {
			return err
		}
		return s.db.EachAudit(r.Context(), f, func(e budaya.AuditEntry) error {
			return tw.Row(e.ID, e.At.UTC(), e.ActorID, e.ActorName, e.Action, e.Entity, e.EntityID, e.OldValue, e.NewValue, e.RemoteAddr)
		})
	})
}
