package web

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/roadmapfile"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/tabular"
)

// maxImportBytes bounds an uploaded roadmap file.
const maxImportBytes = 10 << 20

// handleRoadmapExport streams the roadmap in the layout the import reads.
func (s *Server) handleRoadmapExport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rm, err := s.db.FindRoadmap(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	acts, err := s.db.ListActivities(r.Context(), budaya.ActivityFilter{RoadmapID: rm.ID})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var ids []int64
	for _, a := range acts {
		if a.PICEmployeeID != 0 {
			ids = append(ids, a.PICEmployeeID)
		}
	}
	people, err := s.db.FindEmployees(r.Context(), ids)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "xlsx"
	}
	audit := s.exportOf(r, "roadmap", rm.ID, map[string]string{"format": format})
	s.streamTable(w, r, audit, fmt.Sprintf("roadmap-%d-%d", rm.StartYear, rm.EndYear), format, func(tw tabular.Writer) error {
		return roadmapfile.Write(tw, acts, func(id int64) string {
			if e := people[id]; e != nil {
				return e.Identifier()
			}
			return ""
		})
	})
}

type roadmapImportPage struct {
	page
	Roadmap *budaya.Roadmap
	Result  *store.ImportResult
	Token   string // the stored upload, to apply after the dry run
	Applied bool
}

func (s *Server) handleRoadmapImportPage(w http.ResponseWriter, r *http.Request) {
	rm, err := s.roadmapOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "roadmap_import", roadmapImportPage{page: s.newPage(r, "rmimport.title"), Roadmap: rm})
}

func (s *Server) roadmapOf(r *http.Request) (*budaya.Roadmap, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.db.FindRoadmap(r.Context(), id)
}

var importToken = regexp.MustCompile(`^[0-9a-f]{32}$`)

// handleRoadmapImport runs the dry run of an uploaded file (keeping the file
// for the apply step), or applies a file checked before, all or nothing.
func (s *Server) handleRoadmapImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rm, err := s.roadmapOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := roadmapImportPage{page: s.newPage(r, "rmimport.title"), Roadmap: rm}
	fail := func(err error) {
		if budaya.AsError(err) == nil {
			s.renderError(w, r, err)
			return
		}
		p.Error = budaya.AsError(err).Text(p.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "roadmap_import", p)
	}
	if s.blobs == nil {
		s.renderError(w, r, errors.New("no blob store configured"))
		return
	}
	var data []byte
	if token := r.FormValue("token"); token != "" {
		if !importToken.MatchString(token) {
			fail(budaya.Invalid("token", budaya.MsgUnknownUploadUploadFile))
			return
		}
		rc, err := s.blobs.Open(ctx, "imports/"+token)
		if err != nil {
			fail(budaya.Invalid("token", budaya.MsgUploadExpiredAppliedUpload))
			return
		}
		data, err = io.ReadAll(io.LimitReader(rc, maxImportBytes+1))
		rc.Close()
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		p.Token = token
	} else {
		file, _, err := r.FormFile("file")
		if err != nil {
			fail(budaya.Invalid("file", budaya.MsgChooseRoadmapXLSXFile))
			return
		}
		data, err = io.ReadAll(io.LimitReader(file, maxImportBytes+1))
		file.Close()
		if err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	if len(data) > maxImportBytes {
		fail(budaya.Invalid("file", budaya.MsgFileLargerThanMB))
		return
	}
	items, err := roadmapfile.Read(bytes.NewReader(data))
	if err != nil {
		fail(err)
		return
	}
	if r.FormValue("apply") == "1" && p.Token != "" {
		res, err := s.db.ApplyRoadmapImport(ctx, actor(r), rm.ID, items)
		p.Result = &res
		if err != nil {
			fail(err)
			return
		}
		_ = s.blobs.Delete(ctx, "imports/"+p.Token)
		p.Token, p.Applied = "", true
		s.render(w, r, http.StatusOK, "roadmap_import", p)
		return
	}
	res, err := s.db.PlanRoadmapImport(ctx, rm.ID, items)
	if err != nil {
		fail(err)
		return
	}
	p.Result = &res
	if len(res.Errors) == 0 && p.Token == "" {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			s.renderError(w, r, err)
			return
		}
		p.Token = hex.EncodeToString(b)
		if _, err := s.blobs.Put(ctx, "imports/"+p.Token, bytes.NewReader(data)); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	status := http.StatusOK
	if len(res.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "roadmap_import", p)
}

// RowText is a row error in the page's language.
func (p roadmapImportPage) RowText(e budaya.RowError) string {
	if p.Lang == "en" {
		return e.MessageEN
	}
	return e.Message
}

// RowNumber writes a row number.
func (roadmapImportPage) RowNumber(n int) string { return strconv.Itoa(n) }
