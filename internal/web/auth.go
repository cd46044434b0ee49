package web

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/importer"
)

const sessionCookie = "budaya_session"

// maxRequestBytes bounds the body of any request: two import files at their limit, and the form around them.
const maxRequestBytes = 2*importer.DefaultMaxBytes + 1<<20

// maxPublicRequestBytes bounds the body of a write anyone may send without
// signing in (sign-in, one-time password links): a few short fields.
const maxPublicRequestBytes = 16 << 10

// authorize wraps h with authentication, the access rule of its route, and,
// for state-changing requests made with a session cookie, the CSRF token check.
func (s *Server) authorize(a Access, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.Public {
			if !isSafeMethod(r.Method) {
				r.Body = http.MaxBytesReader(w, r.Body, maxPublicRequestBytes)
			}
			h(w, r)
			return
		}
		r, err := s.authenticate(r)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		u := userFrom(r.Context())
		if u == nil {
			s.unauthenticated(w, r)
			return
		}
		if sess := sessionFrom(r.Context()); sess != nil && sess.Kiosk {
			// Nothing a kiosk shows may stay in the shared browser.
			noStore(w)
			if !a.Kiosk {
				if r.Method == http.MethodGet && !isAPI(r) {
					http.Redirect(w, r, "/tasks", http.StatusSeeOther)
					return
				}
				s.renderError(w, r, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgKioskOnlyAssessmentTasks))
				return
			}
		}
		if !allowed(u, a) {
			s.renderError(w, r, budaya.Forbidden())
			return
		}
		if r, err = s.withReader(r, u); err != nil {
			s.renderError(w, r, err)
			return
		}
		if !isSafeMethod(r.Method) {
			// Bounds uploads before anything (the CSRF check included) reads the body.
			r.Body = http.MaxBytesReader(w, r.Body, maxRequestBytes)
		}
		if !isSafeMethod(r.Method) && r.Context().Value(ctxViaToken) == nil {
			if err := checkCSRF(r); err != nil {
				s.renderError(w, r, err)
				return
			}
		}
		h(w, r)
	})
}

func allowed(u *budaya.User, a Access) bool {
	if len(a.Roles) == 0 {
		return true
	}
	return slices.ContainsFunc(a.Roles, u.HasRole)
}

func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// authenticate finds the user of r from an API bearer token (API paths only)
// or the session cookie, and returns r carrying them. No credentials is not an
// error: the user is then nil.
func (s *Server) authenticate(r *http.Request) (*http.Request, error) {
	ctx := r.Context()
	if auth := r.Header.Get("Authorization"); auth != "" && isAPI(r) {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			return r, budaya.Errorf(budaya.EUNAUTHORIZED, budaya.MsgAuthorizationHeaderMustBeBearer)
		}
		u, err := s.db.FindUserByAPIToken(ctx, strings.TrimSpace(token))
		if err != nil {
			return r, err
		}
		ctx = context.WithValue(ctx, ctxUser, u)
		ctx = context.WithValue(ctx, ctxViaToken, true)
		return r.WithContext(ctx), nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return r, nil
	}
	sess, u, err := s.db.FindSession(ctx, c.Value)
	if budaya.ErrorCode(err) == budaya.EUNAUTHORIZED {
		return r, nil
	}
	if err != nil {
		return r, err
	}
	ctx = context.WithValue(ctx, ctxUser, u)
	ctx = context.WithValue(ctx, ctxSession, sess)
	return r.WithContext(ctx), nil
}

// unauthenticated answers a request that needs a signed-in user and has none.
func (s *Server) unauthenticated(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		s.renderError(w, r, budaya.Errorf(budaya.EUNAUTHORIZED,
			budaya.MsgSignFirstSendPersonal))
		return
	}
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	if r.Header.Get("HX-Request") != "" {
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// checkCSRF compares the token of the form or the X-CSRF-Token header with the session's.
func checkCSRF(r *http.Request) error {
	sess := sessionFrom(r.Context())
	if sess == nil {
		return budaya.Forbidden()
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf_token")
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) != 1 {
		return budaya.Errorf(budaya.EFORBIDDEN,
			budaya.MsgFormExpiredNotValid)
	}
	return nil
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// clientIP is the address the request came from, for the audit log.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// localPath returns next when it is a path on this site, else "/": no open redirects.
func localPath(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

type loginPage struct {
	page
	Username string
	Next     string
}

func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	r, err := s.authenticate(r)
	if err == nil && userFrom(r.Context()) != nil {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", loginPage{page: s.newPage(r, "login.title"), Next: localPath(r.URL.Query().Get("next"))})
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	username := strings.TrimSpace(r.PostFormValue("username"))
	password := r.PostFormValue("password")
	next := localPath(r.PostFormValue("next"))
	if username == "" || password == "" {
		p := s.newPage(r, "login.title")
		p.Error = p.T("login.missing")
		s.render(w, r, http.StatusBadRequest, "login", loginPage{page: p, Username: username, Next: next})
		return
	}
	if s.ldapLogin(w, r, username, password, next) {
		return
	}
	u, err := s.db.Authenticate(r.Context(), username, password, clientIP(r))
	if err != nil {
		e := budaya.AsError(err)
		if e == nil {
			s.renderError(w, r, err)
			return
		}
		status := http.StatusUnauthorized
		switch e.Code {
		case budaya.ELOCKED:
			status = http.StatusTooManyRequests
		case budaya.EFORBIDDEN:
			status = http.StatusForbidden
		case budaya.EBUSY:
			// Too many sign-ins at once (budaya.PasswordHasher): the form
			// again, with "try again in a few seconds".
			status = http.StatusServiceUnavailable
			w.Header().Set("Retry-After", retryAfterBusy)
		}
		p := s.newPage(r, "login.title")
		p.Error = e.Text(p.Lang)
		s.render(w, r, status, "login", loginPage{page: p, Username: username, Next: next})
		return
	}
	token, _, err := s.db.CreateSession(r.Context(), u.ID, clientIP(r), r.UserAgent())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    token,
		Path:     "/",
		HttpOnly: true,
		Secure:   s.secure,
		SameSite: http.SameSiteLaxMode,
		MaxAge:   int(budaya.SessionAbsoluteTimeout / time.Second),
	})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if sess := sessionFrom(r.Context()); sess != nil && sess.Kiosk {
		s.endKioskSession(w, r, "sign-out")
		http.Redirect(w, r, "/kiosk?msg=kiosk_done", http.StatusSeeOther)
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.db.DeleteSession(r.Context(), c.Value); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	_ = s.db.Audit(r.Context(), actor(r), "logout", "user", userFrom(r.Context()).ID, nil)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login?msg=signed_out", http.StatusSeeOther)
}

// handleLanguage sets the language cookie and goes back to where the user was.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if lang != "id" && lang != "en" {
		s.renderError(w, r, budaya.Invalid("lang", budaya.MsgLanguageMustBeID))
		return
	}
	s.rememberLanguage(r, lang)
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
}
