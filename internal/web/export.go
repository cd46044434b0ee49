package web

import (
	"net/http"

	"github.com/budaya-id/budaya/internal/budaya"
)

// One rule for every export (a CSV, XLSX, PDF or JSON file built from the
// data: tables, reports, the signed hub package, Data saya): its audit row is
// written before the first byte is sent, and when the row cannot be written
// the export is refused with a message that says so (503), and nothing is
// sent. streamTable takes the audit as its first step, so a table export
// cannot forget it; every other export calls auditExport before it writes a
// header. TestEveryExportIsAudited walks every export route, with auditing
// working and with auditing failing (docs/architecture.md, "Exports").

// exportAudit writes the audit row of one export.
type exportAudit func() error

// exportOf is the usual audit row of an export: action "export" on entity.
func (s *Server) exportOf(r *http.Request, entity string, entityID any, detail any) exportAudit {
	return func() error { return s.db.Audit(r.Context(), actor(r), "export", entity, entityID, detail) }
}

// auditExport writes an export's audit row; when that fails, the export is
// refused (errExportNotAudited) and the cause goes to the log.
func (s *Server) auditExport(r *http.Request, audit exportAudit) error {
	if err := audit(); err != nil {
		return s.exportNotAudited(r, err)
	}
	return nil
}

// exportNotAudited logs why an export's audit row could not be written and
// returns the error the user sees.
func (s *Server) exportNotAudited(r *http.Request, err error) error {
	s.log.ErrorContext(r.Context(), "export refused: its audit row could not be written", "path", logPath(r.URL.Path, r.Pattern), "err", err)
	return errExportNotAudited()
}

// errExportNotAudited is the refusal of an export whose audit row could not be written.
func errExportNotAudited() *budaya.Error {
	return budaya.Errorf(budaya.EUNAVAILABLE,
		budaya.MsgDownloadRefusedEveryExport)
}
