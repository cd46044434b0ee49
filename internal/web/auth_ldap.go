package web

import (
	"errors"
	"net/http"

	"github.com/budaya-id/budaya/internal/directory"
	"github.com/budaya-id/budaya/internal/store"
)

// ldapLogin checks username and password against the directory when one is
// configured. It reports whether it answered the request; it does not when
// the directory knows no such person or password, so that local accounts
// (the admin, staff of an instansi without a directory) sign in as before.
func (s *Server) ldapLogin(w http.ResponseWriter, r *http.Request, username, password, next string) bool {
	if s.ldap == nil {
		return false
	}
	id, err := s.ldap.Authenticate(r.Context(), username, password)
	switch {
	case errors.Is(err, directory.ErrBadCredentials):
		return false
	case err != nil:
		// The directory is down: a local account may still sign in; anyone else is told to wait.
		if u, lerr := s.db.Authenticate(r.Context(), username, password, clientIP(r)); lerr == nil {
			s.startSession(w, r, u, next)
			return true
		}
		s.directoryFailed(w, r, "ldap", err, next)
		return true
	}
	s.signInDirectory(w, r, store.DirectorySignIn{Method: "ldap", Claim: "ldap", Value: id.Value, Subject: id.Subject, RemoteAddr: clientIP(r)}, next)
	return true
}
