package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// page is the data every page template gets; page-specific structs embed it.
type page struct {
	Lang     string
	TitleKey string
	User     *budaya.User
	CSRF     string
	Path     string
	Flash    string
	Error    string
	Demo     bool
	SSO      bool // sign-in through the instansi's OpenID provider is offered
	Kiosk    bool // a kiosk session: no navigation, a "done" button, an idle timer (kiosk.go)
	Version  string
	Nav      []navItem
	loc      *time.Location
}

type navItem struct {
	Href, Key string
	Active    bool
}

// KioskIdleSeconds is when a kiosk page signs out by itself: a little
// before the server ends the idle session, so the next person never meets the
// previous one's page.
func (p page) KioskIdleSeconds() int { return int(budaya.KioskIdleTimeout.Seconds()) - 30 }

// T translates key into the page's language; args fill %s, %d verbs.
func (p page) T(key string, args ...any) string { return translate(p.Lang, key, args...) }

// Time formats t in the instansi's time zone.
func (p page) Time(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.In(p.loc).Format("02-01-2006 15:04")
}

// Has reports whether the signed-in user holds role.
func (p page) Has(role string) bool { return p.User.HasRole(budaya.Role(role)) }

// flashKeys are the messages a redirect may ask to show (?msg=...).
var flashKeys = map[string]string{
	"signed_out":        "flash.signed_out",
	"kiosk_done":        "kiosk.flash_done",
	"kiosk_finished":    "kiosk.flash_finished",
	"saved":             "flash.saved",
	"published":         "flash.published",
	"draft":             "flash.draft",
	"password":          "flash.password",
	"token_revoked":     "flash.token_revoked",
	"moved":             "flash.moved",
	"closed":            "flash.closed",
	"role_granted":      "flash.role_granted",
	"role_revoked":      "flash.role_revoked",
	"password_set":      "flash.password_set",
	"recognition_sent":  "flash.recognition_sent",
	"reviewed":          "flash.reviewed",
	"submitted":         "flash.submitted",
	"draft_saved":       "flash.draft_saved",
	"signed":            "flash.signed",
	"checked_in":        "flash.checked_in",
	"mail_retry":        "flash.mail_retry",
	"reminders_queued":  "flash.reminders_queued",
	"reminders_already": "flash.reminders_already",
	"reminders_saved":   "flash.reminders_saved",
	"period_deleted":    "flash.period_deleted",
}

func (s *Server) newPage(r *http.Request, titleKey string) page {
	p := page{
		Lang:     langOf(r),
		TitleKey: titleKey,
		User:     userFrom(r.Context()),
		Path:     r.URL.Path,
		Demo:     s.demo,
		SSO:      s.oidc != nil,
		Version:  s.version,
		loc:      s.loc,
	}
	if sess := sessionFrom(r.Context()); sess != nil {
		p.CSRF = sess.CSRFToken
		p.Kiosk = sess.Kiosk
	}
	if k, ok := flashKeys[r.URL.Query().Get("msg")]; ok {
		p.Flash = p.T(k)
	}
	if !p.Kiosk {
		p.Nav = navFor(p.User, r.URL.Path)
	}
	return p
}

// navEntry is one link of the navigation and the roles that see it; no roles
// means every signed-in user.
type navEntry struct {
	href, key string
	roles     []budaya.Role
}

var (
	navLeaders  = []budaya.Role{budaya.RoleAdmin, budaya.RolePimpinan, budaya.RoleAuditor}
	navAuditors = []budaya.Role{budaya.RoleAdmin, budaya.RoleAuditor}
	navAdmins   = []budaya.Role{budaya.RoleAdmin}
)

// navEntries is the navigation in order: what every employee does first
// (tasks, recognition), then the programme, then administration.
var navEntries = []navEntry{
	{"/", "nav.home", nil},
	{"/tasks", "nav.tasks", nil},
	{"/periods", "nav.periods", navLeaders},
	{"/perilaku", "nav.perilaku", nil},
	{"/index", "nav.index", navLeaders},
	{"/hub", "nav.hub", navAuditors},
	{"/recognition", "nav.recognition", nil},
	{"/nominations", "nav.nominations", nil},
	{"/framework", "nav.framework", nil},
	{"/units", "nav.units", nil},
	{"/employees", "nav.employees", navLeaders},
	{"/alignment", "nav.alignment", nil},
	{"/roadmaps", "nav.roadmap", nil},
	{"/signals", "nav.signals", navAdmins},
	{"/audit", "nav.audit", navAuditors},
	{"/admin/privacy", "nav.privacy_admin", navAdmins},
	{"/admin/mail", "nav.mail", navAdmins},
	{"/admin/activation", "nav.activation", navAdmins},
	{"/me/data", "nav.mydata", nil},
	{"/import", "nav.import", navAuditors},
	{"/profile", "nav.profile", nil},
}

// navFor is the navigation a user sees, by role, with the link of the current
// page marked.
func navFor(u *budaya.User, current string) []navItem {
	if u == nil {
		return nil
	}
	var items []navItem
	for _, e := range navEntries {
		if e.roles != nil && !slices.ContainsFunc(e.roles, u.HasRole) {
			continue
		}
		active := e.href == current || e.href != "/" && strings.HasPrefix(current, e.href)
		items = append(items, navItem{Href: e.href, Key: e.key, Active: active})
	}
	return items
}

func langOf(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "id"
}

// parseTemplates parses each page with the layout and partials, once, at start.
func parseTemplates() (map[string]*template.Template, error) {
	pages, err := fs.Glob(assets, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"add":    func(a, b int) int { return a + b },
		"join":   strings.Join,
		"kudoOf": kudoOf,
		"num":    templateNum,
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/partials/*.html", p)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// render executes page name into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	s.renderBlock(w, r, status, name, "layout", data)
}

// renderBlock renders one named block of page name, e.g. an htmx fragment.
func (s *Server) renderBlock(w http.ResponseWriter, r *http.Request, status int, name, block string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.renderError(w, r, fmt.Errorf("no template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, data); err != nil {
		s.renderError(w, r, fmt.Errorf("render %s/%s: %w", name, block, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// statusOf maps an error code to its HTTP status, in one place.
func statusOf(code string) int {
	switch code {
	case budaya.EINVALID:
		return http.StatusBadRequest
	case budaya.ENOTFOUND:
		return http.StatusNotFound
	case budaya.ECONFLICT:
		return http.StatusConflict
	case budaya.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case budaya.EFORBIDDEN:
		return http.StatusForbidden
	case budaya.ELOCKED:
		return http.StatusTooManyRequests
	case budaya.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case budaya.EBUSY, budaya.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

type errorPage struct {
	page
	Status  int
	Message string
}

// renderError answers with err: JSON for the API, a page otherwise. Internal
// errors are logged in full and shown to the user as a generic message.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	e := budaya.AsError(err)
	if e == nil {
		s.log.ErrorContext(r.Context(), "internal error", slog.String("method", r.Method), slog.String("path", logPath(r.URL.Path, r.Pattern)), slog.Any("err", err))
		e = budaya.Errorf(budaya.EINTERNAL, budaya.MsgSomethingWentWrongServer)
	}
	status := statusOf(e.Code)
	if e.Code == budaya.EBUSY {
		w.Header().Set("Retry-After", retryAfterBusy)
	}
	lang := langOf(r)
	if isAPI(r) || strings.Contains(r.Header.Get("Accept"), "application/json") {
		writeJSON(w, status, apiError{Error: apiErrorBody{Code: e.Code, Message: e.Text(lang), Field: e.Field}})
		return
	}
	p := s.newPage(r, "error.title")
	s.render(w, r, status, "error", errorPage{page: p, Status: status, Message: e.Text(lang)})
}

// retryAfterBusy is the Retry-After (seconds) of a 503 busy answer.
const retryAfterBusy = "5"

type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"encode"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
