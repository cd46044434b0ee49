package web

import (
	"context"
	"net/http"

	"github.com/budaya-id/budaya/internal/budaya"
)

// withReader resolves who the signed-in user u is as a reader (the units
// their grants name, with their paths) once per request, and returns r
// carrying it. Every access decision of the handlers reads it (readerFrom).
func (s *Server) withReader(r *http.Request, u *budaya.User) (*http.Request, error) {
	rd, err := s.db.ReaderOf(r.Context(), u)
	if err != nil {
		return r, err
	}
	return r.WithContext(context.WithValue(r.Context(), ctxReader, rd)), nil
}

// readerFrom returns the reader of the request; outside a signed-in route it
// is the anonymous reader, who may see nothing by unit.
func readerFrom(ctx context.Context) budaya.Reader {
	if rd, ok := ctx.Value(ctxReader).(budaya.Reader); ok {
		return rd
	}
	return budaya.NewReader(userFrom(ctx), nil)
}
