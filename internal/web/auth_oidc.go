package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/directory"
	"github.com/budaya-id/budaya/internal/store"
)

// oidcCookie carries the state, nonce and PKCE verifier of one sign-in from
// /auth/oidc/login to the callback. It is HttpOnly, lives ten minutes, and is
// deleted by the callback, so that a callback URL replayed later finds none.
const oidcCookie = "budaya_oidc"

type oidcFlow struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"x"`
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// handleOIDCLogin sends the browser to the instansi's provider.
func (s *Server) handleOIDCLogin(w http.ResponseWriter, r *http.Request) {
	if s.oidc == nil {
		s.renderError(w, r, budaya.NotFound(budaya.MsgSignInstansiSSONotFound))
		return
	}
	f := oidcFlow{State: randomToken(), Nonce: randomToken(), Verifier: oauth2.GenerateVerifier(), Next: localPath(r.URL.Query().Get("next"))}
	target, err := s.oidc.AuthCodeURL(r.Context(), f.State, f.Nonce, f.Verifier)
	if err != nil {
		s.directoryFailed(w, r, "oidc", err, f.Next)
		return
	}
	b, _ := json.Marshal(f)
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: base64.RawURLEncoding.EncodeToString(b), Path: "/auth/oidc/",
		MaxAge: 600, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, target, http.StatusFound)
}

// handleOIDCCallback finishes the sign-in the provider sends back.
func (s *Server) handleOIDCCallback(w http.ResponseWriter, r *http.Request) {
	if s.oidc == nil {
		s.renderError(w, r, budaya.NotFound(budaya.MsgSignInstansiSSONotFound))
		return
	}
	var f oidcFlow
	c, err := r.Cookie(oidcCookie)
	if err == nil {
		var b []byte
		if b, err = base64.RawURLEncoding.DecodeString(c.Value); err == nil {
			err = json.Unmarshal(b, &f)
		}
	}
	// One use only, whatever happens next.
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: "", Path: "/auth/oidc/", MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
	q := r.URL.Query()
	switch {
	case err != nil || f.State == "":
		s.directoryFailed(w, r, "oidc", errors.Join(directory.ErrRefused, errors.New("no sign-in under way (cookie missing or expired)")), "/")
		return
	case q.Get("error") != "":
		s.directoryFailed(w, r, "oidc", errors.Join(directory.ErrRefused, errors.New("provider: "+q.Get("error")+" "+q.Get("error_description"))), f.Next)
		return
	case subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.State)) != 1:
		s.directoryFailed(w, r, "oidc", errors.Join(directory.ErrRefused, errors.New("state does not match")), f.Next)
		return
	}
	id, err := s.oidc.Identify(r.Context(), q.Get("code"), f.Verifier, f.Nonce)
	if err != nil {
		s.directoryFailed(w, r, "oidc", err, f.Next)
		return
	}
	s.signInDirectory(w, r, store.DirectorySignIn{Method: "oidc", Claim: s.oidc.Claim(), Value: id.Value, Subject: id.Subject, RemoteAddr: clientIP(r)}, f.Next)
}

// signInDirectory signs in the person the directory vouched for, or shows why not.
func (s *Server) signInDirectory(w http.ResponseWriter, r *http.Request, in store.DirectorySignIn, next string) {
	u, err := s.db.SignInDirectory(r.Context(), in)
	if err != nil {
		e := budaya.AsError(err)
		if e == nil {
			s.renderError(w, r, err)
			return
		}
		p := s.newPage(r, "login.title")
		p.Error = e.Text(p.Lang)
		s.render(w, r, statusOf(e.Code), "login", loginPage{page: p, Next: next})
		return
	}
	s.startSession(w, r, u, next)
}

// startSession signs u in on this browser and goes to next.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *budaya.User, next string) {
	token, _, err := s.db.CreateSession(r.Context(), u.ID, clientIP(r), r.UserAgent())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
		MaxAge: int(budaya.SessionAbsoluteTimeout / time.Second)})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// directoryFailed shows the sign-in page with what went wrong, audited: the
// directory could not be reached (503), or its answer proved nothing (401).
func (s *Server) directoryFailed(w http.ResponseWriter, r *http.Request, method string, cause error, next string) {
	p := s.newPage(r, "login.title")
	status, reason := http.StatusUnauthorized, "refused"
	p.Error = p.T("sso.refused")
	if errors.Is(cause, directory.ErrUnavailable) {
		status, reason = http.StatusServiceUnavailable, "unavailable"
		p.Error = p.T("sso.unavailable")
	}
	s.log.Warn("directory sign-in failed", slog.String("method", method), slog.Any("err", cause))
	_ = s.db.Audit(r.Context(), budaya.Actor{Name: method, RemoteAddr: clientIP(r)}, "login_refused", "user", "",
		map[string]any{"method": method, "reason": reason, "detail": cause.Error()})
	s.render(w, r, status, "login", loginPage{page: p, Next: next})
}
