package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/signals"
	"github.com/budaya-id/budaya/internal/store"
)

type signalsPage struct {
	page
	Items  []store.StoredSignal
	Pager  pager
	Filter budaya.SignalFilter
	Kinds  []string
}

// Reason returns the reason in the page's language.
func (p signalsPage) Reason(s store.StoredSignal) string {
	if p.Lang == "en" {
		return s.ReasonEN
	}
	return s.Reason
}

// Evidence lists the evidence of s as "key: value" lines, sorted by key.
func (p signalsPage) Evidence(s store.StoredSignal) []string {
	var out []string
	for k, v := range s.Evidence {
		out = append(out, fmt.Sprintf("%s: %v", k, v))
	}
	slices.Sort(out)
	return out
}

func signalFilterOf(r *http.Request) (budaya.SignalFilter, error) {
	q := r.URL.Query()
	f := budaya.SignalFilter{Kind: strings.TrimSpace(q.Get("kind")), Reviewed: q.Get("reviewed"), Page: queryPage(r), PerPage: 50}
	if f.Kind != "" && !slices.Contains(signals.Kinds, f.Kind) {
		return f, budaya.Invalid("kind", budaya.MsgUnknownSignalKind, f.Kind)
	}
	if f.Reviewed != "" && f.Reviewed != "yes" && f.Reviewed != "no" {
		return f, budaya.Invalid("reviewed", budaya.MsgReviewFilterMustBeYes)
	}
	return f, nil
}

func (s *Server) handleSignals(w http.ResponseWriter, r *http.Request) {
	f, err := signalFilterOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	items, total, err := s.db.ListSignals(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	q := r.URL.Query()
	q.Del("page")
	q.Del("msg")
	s.render(w, r, http.StatusOK, "signals", signalsPage{page: s.newPage(r, "signals.title"), Items: items, Filter: f, Kinds: signals.Kinds,
		Pager: pager{Page: f.Page, PerPage: f.PerPage, Total: total, Query: q.Encode()}})
}

func (s *Server) handleSignalsRecompute(w http.ResponseWriter, r *http.Request) {
	id, err := s.jobs.Enqueue(r.Context(), actor(r), jobSignals, nil)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/jobs/%d", id), http.StatusSeeOther)
}

func (s *Server) handleSignalReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.ReviewSignal(r.Context(), actor(r), id, r.PostFormValue("note")); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/signals?msg=reviewed", http.StatusSeeOther)
}

type apiSignal struct {
	ID         int64          `json:"id"`
	Kind       string         `json:"kind"`
	Subject    string         `json:"subject"`
	Score      float64        `json:"score"`
	Reason     string         `json:"reason"`
	ReasonEN   string         `json:"reason_en"`
	Evidence   map[string]any `json:"evidence"`
	ComputedAt time.Time      `json:"computed_at"`
	Reviewed   bool           `json:"reviewed"`
	ReviewedAt *time.Time     `json:"reviewed_at"`
	ReviewNote string         `json:"review_note"`
}

func toAPISignal(sg store.StoredSignal) apiSignal {
	out := apiSignal{ID: sg.ID, Kind: sg.Kind, Subject: sg.Subject, Score: sg.Score, Reason: sg.Reason, ReasonEN: sg.ReasonEN, Evidence: sg.Evidence,
		ComputedAt: sg.ComputedAt, Reviewed: sg.Reviewed(), ReviewNote: sg.ReviewNote}
	if out.Evidence == nil {
		out.Evidence = map[string]any{}
	}
	if sg.Reviewed() {
		t := sg.ReviewedAt
		out.ReviewedAt = &t
	}
	return out
}

func (s *Server) handleAPISignals(w http.ResponseWriter, r *http.Request) {
	f, err := signalFilterOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	items, total, err := s.db.ListSignals(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiSignal]{Items: []apiSignal{}, Total: total}
	for _, sg := range items {
		out.Items = append(out.Items, toAPISignal(sg))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPISignalReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var in struct {
		Note string `json:"note"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.ReviewSignal(r.Context(), actor(r), id, in.Note); err != nil {
		s.renderError(w, r, err)
		return
	}
	sg, err := s.db.FindSignal(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPISignal(*sg))
}
