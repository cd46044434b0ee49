package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

type frameworkPage struct {
	page
	Framework *budaya.Framework // the version shown
	Draft     *budaya.Framework // the open draft, if any (admins edit it)
	Versions  []budaya.Framework
	Form      budaya.InstansiValueInput
}

// Name returns the value's name in the page's language.
func (p frameworkPage) Name(v budaya.Value) string {
	if p.Lang == "en" && v.NameEN != "" {
		return v.NameEN
	}
	return v.Name
}

// Definition returns the value's definition in the page's language.
func (p frameworkPage) Definition(v budaya.Value) string {
	if p.Lang == "en" && v.DefinitionEN != "" {
		return v.DefinitionEN
	}
	return v.Definition
}

// Behaviour returns the behaviour text in the page's language.
func (p frameworkPage) Behaviour(b budaya.Behaviour) string {
	if p.Lang == "en" && b.TextEN != "" {
		return b.TextEN
	}
	return b.Text
}

// Mapped reports whether the form maps to core value code.
func (p frameworkPage) Mapped(code string) bool {
	for _, c := range p.Form.MapsTo {
		if c == code {
			return true
		}
	}
	return false
}

func (s *Server) frameworkPageData(r *http.Request, shown *budaya.Framework) (frameworkPage, error) {
	ctx := r.Context()
	p := frameworkPage{page: s.newPage(r, "framework.title"), Framework: shown}
	var err error
	if p.Versions, err = s.db.ListFrameworks(ctx); err != nil {
		return p, err
	}
	if p.Has(string(budaya.RoleAdmin)) {
		d, err := s.db.DraftFramework(ctx)
		if err != nil && budaya.ErrorCode(err) != budaya.ENOTFOUND {
			return p, err
		}
		p.Draft = d
	}
	return p, nil
}

func (s *Server) handleFramework(w http.ResponseWriter, r *http.Request) {
	f, err := s.db.ActiveFramework(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.frameworkPageData(r, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "framework", p)
}

func (s *Server) handleFrameworkVersion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, err := s.db.FindFramework(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !f.Frozen() && !userFrom(r.Context()).HasRole(budaya.RoleAdmin) {
		s.renderError(w, r, budaya.NotFound(budaya.MsgValueFrameworkNotFound))
		return
	}
	p, err := s.frameworkPageData(r, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "framework", p)
}

func (s *Server) handleFrameworkDraft(w http.ResponseWriter, r *http.Request) {
	d, err := s.db.OpenDraft(r.Context(), actor(r))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/framework/versions/"+strconv.FormatInt(d.ID, 10)+"?msg=draft", http.StatusSeeOther)
}

func (s *Server) handleFrameworkAddValue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	in := budaya.InstansiValueInput{
		Code:         r.PostForm.Get("code"),
		Name:         r.PostForm.Get("name"),
		NameEN:       r.PostForm.Get("name_en"),
		Definition:   strings.TrimSpace(r.PostForm.Get("definition")),
		DefinitionEN: strings.TrimSpace(r.PostForm.Get("definition_en")),
		MapsTo:       r.PostForm["maps_to"],
	}
	if err := s.db.AddInstansiValue(r.Context(), actor(r), id, in); err != nil {
		s.frameworkFormError(w, r, id, in, err)
		return
	}
	http.Redirect(w, r, "/framework/versions/"+strconv.FormatInt(id, 10)+"?msg=saved", http.StatusSeeOther)
}

// frameworkFormError shows the draft again with the user's input and what to fix.
func (s *Server) frameworkFormError(w http.ResponseWriter, r *http.Request, id int64, in budaya.InstansiValueInput, err error) {
	e := budaya.AsError(err)
	if e == nil || e.Code != budaya.EINVALID {
		s.renderError(w, r, err)
		return
	}
	f, ferr := s.db.FindFramework(r.Context(), id)
	if ferr != nil {
		s.renderError(w, r, ferr)
		return
	}
	p, perr := s.frameworkPageData(r, f)
	if perr != nil {
		s.renderError(w, r, perr)
		return
	}
	p.Error = e.Text(p.Lang)
	p.Form = in
	s.render(w, r, http.StatusUnprocessableEntity, "framework", p)
}

func (s *Server) handleFrameworkRemoveValue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.RemoveInstansiValue(r.Context(), actor(r), id, r.PathValue("code")); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/framework/versions/"+strconv.FormatInt(id, 10)+"?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleFrameworkBranding(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.SetEmployerBranding(r.Context(), actor(r), id, r.PostFormValue("employer_branding")); err != nil {
		s.frameworkFormError(w, r, id, budaya.InstansiValueInput{}, err)
		return
	}
	http.Redirect(w, r, "/framework/versions/"+strconv.FormatInt(id, 10)+"?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleFrameworkPublish(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.PublishFramework(r.Context(), actor(r), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/framework?msg=published", http.StatusSeeOther)
}

// pathID parses the path value name as a positive id.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, budaya.Invalid(name, budaya.MsgIDAddressMustBePositive)
	}
	return id, nil
}

// parseForm parses the request's form, with a message the user can read when
// the form is broken.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return budaya.Invalid("", budaya.MsgFormCouldNotBeRead)
	}
	return nil
}

// twoPathIDs reads two ids of the address, such as a session and one of its
// invitees; the error is the first one's.
func twoPathIDs(r *http.Request, first, second string) (int64, int64, error) {
	a, err := pathID(r, first)
	if err != nil {
		return 0, 0, err
	}
	b, err := pathID(r, second)
	if err != nil {
		return 0, 0, err
	}
	return a, b, nil
}
