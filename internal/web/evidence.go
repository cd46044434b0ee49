package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/tabular"
)

// maxUploadRequest bounds a whole multipart request: a few evidence files and the form.
const maxUploadRequest = 5*budaya.MaxEvidenceBytes + 1<<20

// receiveEvidence stores the files of multipart field, after checking each
// one's size and that its bytes are what its name claims. On any failure no
// file is kept. A request without files returns none and no error.
func (s *Server) receiveEvidence(r *http.Request, field string, scope string) ([]budaya.Evidence, error) {
	if s.blobs == nil {
		return nil, errors.New("no blob store configured")
	}
	if err := parseUpload(r, field); err != nil || r.MultipartForm == nil {
		return nil, err
	}
	// First check every file, so that one bad file refuses the whole upload before anything is kept.
	type upload struct {
		name, ctype string
		index       int
	}
	files := r.MultipartForm.File[field]
	var ok []upload
	for i, fh := range files {
		if fh.Size == 0 {
			continue
		}
		name := budaya.SanitizeFilename(fh.Filename)
		if fh.Size > budaya.MaxEvidenceBytes {
			return nil, budaya.Invalid(field, budaya.MsgFileTooLargeMB,
				name, fh.Size>>20, budaya.MaxEvidenceBytes>>20)
		}
		head, err := readHead(fh.Open)
		if err != nil {
			return nil, fmt.Errorf("open upload: %w", err)
		}
		ctype, err := budaya.SniffEvidence(name, head)
		if err != nil {
			return nil, err
		}
		ok = append(ok, upload{name: name, ctype: ctype, index: i})
	}
	var stored []budaya.Evidence
	for _, u := range ok {
		ev, err := s.storeUpload(r, files[u.index].Open, u.name, u.ctype, scope)
		if err != nil {
			for _, done := range stored {
				_ = s.blobs.Delete(r.Context(), done.BlobKey)
			}
			return nil, err
		}
		stored = append(stored, ev)
	}
	return stored, nil
}

// parseUpload reads a multipart form once, within the upload limit, so that
// a handler can check the other fields before any file is kept. A form that
// is not multipart is left to r.PostFormValue.
func parseUpload(r *http.Request, field string) error {
	if r.MultipartForm != nil {
		return nil
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxUploadRequest)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if errors.Is(err, http.ErrNotMultipart) {
			return nil
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return budaya.Invalid(field, budaya.MsgUploadTooLargeMostMB, budaya.MaxEvidenceBytes>>20)
		}
		return budaya.Invalid(field, budaya.MsgUploadCouldNotBeRead)
	}
	return nil
}

func readHead(open func() (multipart.File, error)) ([]byte, error) {
	f, err := open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return head[:n], nil
}

// storeUpload puts one checked upload into the blob store and records it.
func (s *Server) storeUpload(r *http.Request, open func() (multipart.File, error), name, ctype, scope string) (budaya.Evidence, error) {
	key, err := blobKey(s.db.Now().Format("2006/01"), name)
	if err != nil {
		return budaya.Evidence{}, err
	}
	f, err := open()
	if err != nil {
		return budaya.Evidence{}, fmt.Errorf("open upload: %w", err)
	}
	info, err := s.blobs.Put(r.Context(), key, f)
	f.Close()
	if err != nil {
		return budaya.Evidence{}, fmt.Errorf("store upload: %w", err)
	}
	ev := budaya.Evidence{BlobKey: key, Filename: name, ContentType: ctype, Size: info.Size, SHA256: info.SHA256, Scope: scope}
	if err := s.db.CreateEvidence(r.Context(), actor(r), &ev); err != nil {
		_ = s.blobs.Delete(r.Context(), key)
		return budaya.Evidence{}, err
	}
	return ev, nil
}

func blobKey(prefix, name string) (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	ext := ""
	for i := len(name) - 1; i >= 0 && i > len(name)-7; i-- {
		if name[i] == '.' {
			ext = name[i:]
			break
		}
	}
	return prefix + "/" + hex.EncodeToString(b) + ext, nil
}

// serveEvidence sends an evidence file as a download.
func (s *Server) serveEvidence(w http.ResponseWriter, r *http.Request, ev *budaya.Evidence) {
	rc, err := s.blobs.Open(r.Context(), ev.BlobKey)
	if err != nil {
		s.renderError(w, r, fmt.Errorf("open evidence %d: %w", ev.ID, err))
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", ev.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(ev.Size, 10))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": ev.Filename}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = io.Copy(w, rc)
}

// handleEvidenceDownload serves an internal evidence file to whoever may read
// a record it belongs to (a commitment, a change agent's action, a checklist
// report), by the same rule as that record's page; to anyone else it does
// not exist. Restricted evidence is served only by the routes of the feature
// that owns it.
func (s *Server) handleEvidenceDownload(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ev, err := s.db.FindEvidence(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ok := false
	if ev.Scope == budaya.EvidenceInternal {
		if ok, err = s.mayReadEvidence(r.Context(), readerFrom(r.Context()), id); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	if !ok {
		s.renderError(w, r, budaya.NotFound(budaya.MsgEvidenceFileNotFound))
		return
	}
	s.serveEvidence(w, r, ev)
}

// mayReadEvidence reports whether the reader may read a record the internal
// evidence file id is attached to (budaya.MayReadEvidence). A file attached
// to nothing is nobody's to read.
func (s *Server) mayReadEvidence(ctx context.Context, rd budaya.Reader, id int64) (bool, error) {
	owners, err := s.db.EvidenceOwners(ctx, id)
	if err != nil {
		return false, err
	}
	for _, o := range owners {
		unit, err := s.db.FindUnit(ctx, o.UnitID)
		if err != nil {
			return false, err
		}
		if budaya.MayReadEvidence(rd, o, unit.Path) {
			return true, nil
		}
	}
	return false, nil
}

// streamTable streams a table export as CSV or XLSX, after its audit row
// (export.go: no row, no export). A table that fails part way never looks
// like a whole one (exportFailed).
func (s *Server) streamTable(w http.ResponseWriter, r *http.Request, audit exportAudit, filename, format string, fill func(tabular.Writer) error) {
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" {
		s.renderError(w, r, budaya.Invalid("format", budaya.MsgExportFormatMustBeCSV))
		return
	}
	if err := s.auditExport(r, audit); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", tabular.ContentType(format))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename + "." + format}))
	out := &sentBytes{w: w}
	tw, err := tabular.NewWriter(out, format)
	if err != nil {
		s.exportFailed(w, r, filename+"."+format, out.n, err)
		return
	}
	if err := fill(tw); err != nil {
		// Nothing sent yet (an XLSX file leaves only when finished, a CSV
		// file after its first 4 KiB): the user can still get an error page.
		note := ""
		if out.n > 0 {
			note = budaya.MsgExportIncomplete.Text("id") + " / " + budaya.MsgExportIncomplete.Text("en")
		}
		if aerr := tw.Abort(note); aerr != nil {
			err = fmt.Errorf("%w (and on abort: %v)", err, aerr)
		}
		s.exportFailed(w, r, filename+"."+format, out.n, err)
		return
	}
	if err := tw.Close(); err != nil {
		s.exportFailed(w, r, filename+"."+format, out.n, err)
	}
}

// sentBytes counts the bytes of an answer written so far.
type sentBytes struct {
	w io.Writer
	n int64
}

func (c *sentBytes) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// exportFailed ends a streamed export that failed after its audit row, so
// that it cannot pass for a whole download (docs/architecture.md, "Exports"). The log and the audit log say that it failed and how much had
// left. When nothing was sent yet the user gets an error page instead of a
// file. Otherwise the connection is cut before the end of the answer (the
// last chunk never comes): browsers mark the download as failed, curl exits
// with an error, a CSV file ends with a line saying it is incomplete and an
// XLSX file is never finished, so it does not open.
func (s *Server) exportFailed(w http.ResponseWriter, r *http.Request, file string, sent int64, err error) {
	ctx := r.Context()
	s.log.ErrorContext(ctx, "export failed: the file is incomplete", "file", file, "bytes_sent", sent, "err", err)
	// The request's context may be what failed (the user went away); the
	// record that the export did not complete is written all the same.
	if aerr := s.db.Audit(context.WithoutCancel(ctx), actor(r), "export_failed", "export", file, map[string]any{"bytes_sent": sent}); aerr != nil {
		s.log.ErrorContext(ctx, "export failed and its audit row could not be written", "file", file, "err", aerr)
	}
	if sent == 0 {
		w.Header().Del("Content-Disposition")
		e := budaya.AsError(err)
		if e == nil || e.Code == budaya.EINTERNAL {
			e = budaya.Errorf(budaya.EINTERNAL, budaya.MsgExportFailedNothingSent)
		}
		s.renderError(w, r, e)
		return
	}
	panic(http.ErrAbortHandler)
}

// FileSize writes a file's size for people: "830 B", "12 KB", "1,4 MB"
// (a decimal point in English).
func (p page) FileSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1024*1024:
		return strconv.FormatInt((n+512)/1024, 10) + " KB"
	}
	s := strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64)
	if p.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " MB"
}
