package web

import (
	"net/http"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// The kiosk (docs/activation.md): one shared device in a field office. A
// person signs in with their NIP and the code of their activation slip, answers
// their tasks and is signed out when done, after KioskIdleTimeout idle, or by
// the button on every page. A kiosk session reaches only the routes declared
// kioskToo in routes.go; every page it sees is sent with Cache-Control:
// no-store, so the back button after sign-out asks the server again and gets
// the sign-in page.

type kioskPage struct {
	page
	Identifier string
}

// noStore marks a response as never to be kept by the browser or a proxy.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	w.Header().Set("Referrer-Policy", "no-referrer")
}

func (s *Server) handleKioskPage(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	s.render(w, r, http.StatusOK, "kiosk", kioskPage{page: s.newPage(r, "kiosk.title")})
}

func (s *Server) handleKioskSignIn(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	ident := strings.TrimSpace(r.PostFormValue("nip"))
	if ident == "" || budaya.NormalizeKioskCode(r.PostFormValue("code")) == "" {
		p := kioskPage{page: s.newPage(r, "kiosk.title"), Identifier: ident}
		p.Error = p.T("kiosk.missing")
		s.render(w, r, http.StatusBadRequest, "kiosk", p)
		return
	}
	u, err := s.db.KioskSignIn(r.Context(), ident, r.PostFormValue("code"), clientIP(r))
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
		}
		p := kioskPage{page: s.newPage(r, "kiosk.title"), Identifier: ident}
		p.Error = e.Text(p.Lang)
		s.render(w, r, status, "kiosk", p)
		return
	}
	token, _, err := s.db.CreateKioskSession(r.Context(), u.ID, clientIP(r), r.UserAgent())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// No MaxAge: a browser session cookie, gone when the browser closes even
	// if nobody presses "done".
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/tasks", http.StatusSeeOther)
}

// handleKioskDone ends the session and asks the browser to forget what it
// kept of the site, then shows the kiosk's sign-in page for the next person.
func (s *Server) handleKioskDone(w http.ResponseWriter, r *http.Request) {
	if sess := sessionFrom(r.Context()); sess == nil || !sess.Kiosk {
		// Not a kiosk: nothing to end here (sign-out is POST /logout).
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.endKioskSession(w, r, "done")
	http.Redirect(w, r, "/kiosk?msg=kiosk_done", http.StatusSeeOther)
}

func (s *Server) endKioskSession(w http.ResponseWriter, r *http.Request, how string) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.db.DeleteSession(r.Context(), c.Value); err != nil {
			s.log.Error("end kiosk session", "err", err)
		}
	}
	if u := userFrom(r.Context()); u != nil {
		_ = s.db.Audit(r.Context(), actor(r), "logout", "user", u.ID, map[string]string{"via": "kiosk", "how": how})
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode})
	// Not "cache": every kiosk page is no-store, so there is nothing cached
	// to clear, and Chromium can stall the next page for seconds (longer on
	// a busy machine: the likely cause of a kiosk browser test timing out in
	// a full suite run) while it walks its disk cache (crbug.com/40233601).
	w.Header().Set("Clear-Site-Data", `"storage"`)
	noStore(w)
}

// kioskFinished reports whether the kiosk person of r has no open task left,
// after a submission: the kiosk then signs them out by itself.
func (s *Server) kioskFinished(r *http.Request) bool {
	sess, u := sessionFrom(r.Context()), userFrom(r.Context())
	if sess == nil || !sess.Kiosk || u == nil || u.EmployeeID == 0 {
		return false
	}
	_, open, err := s.db.ListTasks(r.Context(), budaya.TaskFilter{RaterEmployeeID: u.EmployeeID, OpenPeriodsOnly: true, OpenOnly: true, PerPage: 1})
	return err == nil && open == 0
}
