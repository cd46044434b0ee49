package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/importer"
	"github.com/budaya-id/budaya/internal/tabular"
)

// Uploaded files wait between the dry run and the apply in a folder of their
// own under the system temp folder, named by a random id and bound to the
// session that uploaded them. The apply checks the files again against the
// database as it is then, so nothing the dry run saw can go stale. Keeping the
// file (instead of asking for it again) is what lets the admin look at the
// preview and press one button. With several budaya processes behind a load
// balancer, use sticky sessions or point TMPDIR at a shared folder.
const (
	importTTL      = 2 * time.Hour
	maxImportFiles = 2
	sampleSize     = 20
)

func importRoot() string { return filepath.Join(os.TempDir(), "budaya-import") }

// importMeta is what the folder of an upload remembers.
type importMeta struct {
	UserID     int64     `json:"user_id"`
	SessionID  int64     `json:"session_id"`
	Names      []string  `json:"names"`
	Deactivate bool      `json:"deactivate_missing"`
	Created    time.Time `json:"created"`
}

type importPage struct {
	page
	Plan       *budaya.ImportPlan
	UploadID   string
	Deactivate bool
	Applied    bool
	Sample     []budaya.EmployeePlan
	Units      []budaya.UnitPlan
	Deactivs   []budaya.DeactivatePlan
	MaxMB      int64
}

// Issue returns an issue's message in the page's language.
func (p importPage) Issue(i budaya.ImportIssue) string { return i.Text(p.Lang) }

// Fix returns how to fix an issue, in the page's language.
func (p importPage) Fix(i budaya.ImportIssue) string { return i.FixText(p.Lang) }

func (s *Server) newImportPage(r *http.Request) importPage {
	return importPage{page: s.newPage(r, "import.title"), MaxMB: importer.DefaultMaxBytes >> 20}
}

func (s *Server) handleImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "import", s.newImportPage(r))
}

// handleImportUpload saves the uploaded files and shows the dry run.
func (s *Server) handleImportUpload(w http.ResponseWriter, r *http.Request) {
	p := s.newImportPage(r)
	id, meta, err := s.saveUpload(r)
	if err != nil {
		s.importFormError(w, r, p, err)
		return
	}
	plan, err := s.checkUpload(r.Context(), id, meta)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p.Plan, p.UploadID, p.Deactivate = plan, id, meta.Deactivate
	fillSamples(&p, plan)
	status := http.StatusOK
	if !plan.OK() {
		status = http.StatusUnprocessableEntity
		removeUpload(id)
		p.UploadID = ""
	}
	s.render(w, r, status, "import", p)
}

// handleImportApply checks the saved files again and applies them.
func (s *Server) handleImportApply(w http.ResponseWriter, r *http.Request) {
	p := s.newImportPage(r)
	id := r.PathValue("id")
	meta, err := loadUpload(r, id)
	if err != nil {
		s.importFormError(w, r, p, err)
		return
	}
	plan, err := s.checkUpload(r.Context(), id, meta)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p.Plan = plan
	fillSamples(&p, plan)
	if !plan.OK() {
		removeUpload(id)
		s.render(w, r, http.StatusUnprocessableEntity, "import", p)
		return
	}
	if err := s.db.ApplyImport(r.Context(), actor(r), plan, nil); err != nil {
		s.importFormError(w, r, p, err)
		return
	}
	removeUpload(id)
	p.Applied = true
	s.render(w, r, http.StatusOK, "import", p)
}

func (s *Server) importFormError(w http.ResponseWriter, r *http.Request, p importPage, err error) {
	e := budaya.AsError(err)
	if e == nil || e.Code == budaya.EINTERNAL {
		s.renderError(w, r, err)
		return
	}
	p.Error = e.Text(p.Lang)
	s.render(w, r, statusOf(e.Code), "import", p)
}

func fillSamples(p *importPage, plan *budaya.ImportPlan) {
	p.Sample = plan.Employees[:min(sampleSize, len(plan.Employees))]
	p.Units = plan.Units[:min(sampleSize, len(plan.Units))]
	p.Deactivs = plan.Deactivate[:min(sampleSize, len(plan.Deactivate))]
}

func (s *Server) checkUpload(ctx context.Context, id string, meta importMeta) (*budaya.ImportPlan, error) {
	var inputs []importer.Input
	for i, name := range meta.Names {
		inputs = append(inputs, importer.Input{Path: filepath.Join(importRoot(), id, strconv.Itoa(i)), Name: name})
	}
	snap, err := s.db.OrgSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	return importer.Check(ctx, inputs, snap, importer.Options{DeactivateMissing: meta.Deactivate})
}

var errNoFile = budaya.Invalid("file", budaya.MsgChooseCSVXLSXFile)

// saveUpload copies the uploaded files (form fields "file" and "file2") into
// a new folder and returns its id.
func (s *Server) saveUpload(r *http.Request) (string, importMeta, error) {
	meta := importMeta{Created: time.Now().UTC()}
	if u := userFrom(r.Context()); u != nil {
		meta.UserID = u.ID
	}
	if sess := sessionFrom(r.Context()); sess != nil {
		meta.SessionID = sess.ID
	}
	if r.MultipartForm == nil {
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return "", meta, budaya.Invalid("file", budaya.MsgUploadOverMB, maxRequestBytes>>20)
			}
			return "", meta, errNoFile
		}
	}
	var headers []*multipart.FileHeader
	for _, field := range []string{"file", "file2"} {
		for _, fh := range r.MultipartForm.File[field] {
			if fh.Filename != "" && fh.Size >= 0 {
				headers = append(headers, fh)
			}
		}
	}
	if len(headers) == 0 {
		return "", meta, errNoFile
	}
	if len(headers) > maxImportFiles {
		return "", meta, budaya.Invalid("file", budaya.MsgChooseMostTwoFiles)
	}
	for _, fh := range headers {
		if fh.Size > importer.DefaultMaxBytes {
			return "", meta, budaya.Invalid("file", budaya.MsgFileMBOverLimit,
				budaya.SanitizeFilename(fh.Filename), float64(fh.Size)/(1<<20), importer.DefaultMaxBytes>>20)
		}
	}
	meta.Deactivate = r.FormValue("deactivate_missing") != ""
	sweepUploads()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", meta, err
	}
	id := hex.EncodeToString(b)
	dir := filepath.Join(importRoot(), id)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", meta, err
	}
	for i, fh := range headers {
		if err := copyUpload(fh, filepath.Join(dir, strconv.Itoa(i))); err != nil {
			os.RemoveAll(dir)
			return "", meta, err
		}
		meta.Names = append(meta.Names, budaya.SanitizeFilename(fh.Filename))
	}
	mb, _ := json.Marshal(meta)
	if err := os.WriteFile(filepath.Join(dir, "meta.json"), mb, 0o600); err != nil {
		os.RemoveAll(dir)
		return "", meta, err
	}
	return id, meta, nil
}

func copyUpload(fh *multipart.FileHeader, dst string) error {
	src, err := fh.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

var errUploadGone = budaya.Errorf(budaya.ENOTFOUND, budaya.MsgUploadNoLongerExists)

// loadUpload finds the folder of upload id, for the user and session of r only.
func loadUpload(r *http.Request, id string) (importMeta, error) {
	var meta importMeta
	if _, err := hex.DecodeString(id); err != nil || len(id) != 32 {
		return meta, errUploadGone
	}
	b, err := os.ReadFile(filepath.Join(importRoot(), id, "meta.json"))
	if err != nil {
		return meta, errUploadGone
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		return meta, errUploadGone
	}
	u, sess := userFrom(r.Context()), sessionFrom(r.Context())
	if u == nil || meta.UserID != u.ID || sess != nil && meta.SessionID != sess.ID || time.Since(meta.Created) > importTTL {
		return meta, errUploadGone
	}
	return meta, nil
}

func removeUpload(id string) { _ = os.RemoveAll(filepath.Join(importRoot(), id)) }

// sweepUploads removes uploads older than importTTL that nobody applied.
func sweepUploads() {
	entries, err := os.ReadDir(importRoot())
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > importTTL {
			_ = os.RemoveAll(filepath.Join(importRoot(), e.Name()))
		}
	}
}

// API

type apiImportIssue struct {
	File     string `json:"file,omitempty"`
	Row      int    `json:"row"`
	Column   string `json:"column,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

type apiImportEmployee struct {
	Row        int    `json:"row"`
	Op         string `json:"op"`
	NIP        string `json:"nip,omitempty"`
	OtherID    string `json:"other_id,omitempty"`
	Name       string `json:"name"`
	UnitCode   string `json:"unit_code"`
	Supervisor string `json:"supervisor,omitempty"`
}

type apiImportReport struct {
	Applied    bool                `json:"applied"`
	DryRun     bool                `json:"dry_run"`
	Kind       string              `json:"kind"`
	Files      []string            `json:"files"`
	Counts     budaya.ImportCounts `json:"counts"`
	Issues     []apiImportIssue    `json:"issues"`
	Sample     []apiImportEmployee `json:"sample"`
	Deactivate []string            `json:"deactivate"`
}

// handleAPIImport checks the uploaded files and, unless dry_run is set and
// there are no errors, applies them. A file with errors answers 422 with the
// report; nothing is written.
func (s *Server) handleAPIImport(w http.ResponseWriter, r *http.Request) {
	dry := r.URL.Query().Get("dry_run")
	dryRun := dry == "1" || dry == "true"
	id, meta, err := s.saveUpload(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	defer removeUpload(id)
	if v := r.URL.Query().Get("deactivate_missing"); v == "1" || v == "true" {
		meta.Deactivate = true
	}
	plan, err := s.checkUpload(r.Context(), id, meta)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lang := langOf(r)
	out := apiImportReport{DryRun: dryRun, Kind: plan.Kind, Files: plan.Files, Counts: plan.Counts, Issues: []apiImportIssue{},
		Sample: []apiImportEmployee{}, Deactivate: []string{}}
	if out.Files == nil {
		out.Files = []string{}
	}
	for _, i := range plan.Issues {
		out.Issues = append(out.Issues, apiImportIssue{File: i.File, Row: i.Row, Column: i.Column, Severity: i.Severity, Message: i.Text(lang), Fix: i.FixText(lang)})
	}
	for _, e := range plan.Employees[:min(sampleSize, len(plan.Employees))] {
		out.Sample = append(out.Sample, apiImportEmployee{Row: e.Row, Op: e.Op, NIP: e.NIP, OtherID: e.OtherID, Name: e.Name, UnitCode: e.UnitCode, Supervisor: strings.TrimPrefix(e.SupervisorKey, "#")})
	}
	for _, d := range plan.Deactivate {
		out.Deactivate = append(out.Deactivate, d.Key)
	}
	if !plan.OK() {
		writeJSON(w, http.StatusUnprocessableEntity, out)
		return
	}
	if !dryRun {
		if err := s.db.ApplyImport(r.Context(), actor(r), plan, nil); err != nil {
			s.renderError(w, r, err)
			return
		}
		out.Applied = true
	}
	writeJSON(w, http.StatusOK, out)
}

// handleExport streams units or employees as CSV or XLSX, and records the export.
func (s *Server) handleExport(what string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		format := r.URL.Query().Get("format")
		if format == "" {
			format = importer.FormatCSV
		}
		if format != importer.FormatCSV && format != importer.FormatXLSX {
			s.renderError(w, r, budaya.Invalid("format", budaya.MsgExportFormatNotKnown, format))
			return
		}
		name := map[string]string{"units": "unit", "employees": "pegawai"}[what]
		filename := name + "-" + time.Now().In(s.loc).Format("20060102")
		s.streamTable(w, r, s.exportOf(r, what, format, nil), filename, format, func(tw tabular.Writer) error {
			return importer.ExportTo(r.Context(), s.db, tw, what)
		})
	}
}
