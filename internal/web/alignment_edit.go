package web

import (
	"net/http"
	"strconv"

	"github.com/budaya-id/budaya/internal/budaya"
)

// handleAlignmentEdit shows the form that changes a session's plan.
func (s *Server) handleAlignmentEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sess, err := s.db.FindAlignmentSession(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if sess.Cancelled() {
		s.renderError(w, r, budaya.Errorf(budaya.ECONFLICT, budaya.MsgSessionCancelledCannotChange, sess.Title))
		return
	}
	p := sessionFormPage{page: s.newPage(r, "align.edit"), EditID: id, Form: budaya.SessionInput{Title: sess.Title, Place: sess.Place,
		OnlineURL: sess.OnlineURL, Facilitator: sess.Facilitator, Agenda: sess.Agenda, PledgeTemplate: sess.PledgeTemplate},
		StartsAt: sess.StartsAt.In(s.loc).Format("2006-01-02T15:04"), EndsAt: sess.EndsAt.In(s.loc).Format("2006-01-02T15:04")}
	s.render(w, r, http.StatusOK, "alignment_form", p)
}

// handleAlignmentUpdate changes a session's plan. When the time, place,
// title or agenda changed, every invitee gets the update with their calendar
// entry (store.UpdateAlignmentSession, in the same transaction).
func (s *Server) handleAlignmentUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	f := r.PostForm
	in := budaya.SessionInput{Title: f.Get("title"), Place: f.Get("place"), OnlineURL: f.Get("online_url"), Facilitator: f.Get("facilitator"),
		Agenda: f.Get("agenda"), PledgeTemplate: f.Get("pledge_template")}
	err = func() error {
		var err error
		if in.StartsAt, err = formDateTime(f.Get("starts_at"), "starts_at", s.loc); err != nil {
			return err
		}
		if in.EndsAt, err = formDateTime(f.Get("ends_at"), "ends_at", s.loc); err != nil {
			return err
		}
		_, err = s.db.UpdateAlignmentSession(r.Context(), actor(r), id, in)
		return err
	}()
	if err == nil {
		s.wakeMail()
		http.Redirect(w, r, "/alignment/"+strconv.FormatInt(id, 10)+"?msg=saved", http.StatusSeeOther)
		return
	}
	e := budaya.AsError(err)
	if e == nil || e.Code != budaya.EINVALID {
		s.renderError(w, r, err)
		return
	}
	p := sessionFormPage{page: s.newPage(r, "align.edit"), EditID: id, Form: in, StartsAt: f.Get("starts_at"), EndsAt: f.Get("ends_at")}
	p.Error = e.Text(p.Lang)
	s.render(w, r, http.StatusUnprocessableEntity, "alignment_form", p)
}

// handleAlignmentCancel calls a session off; every invitee gets the cancellation.
func (s *Server) handleAlignmentCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.CancelAlignmentSession(r.Context(), actor(r), id, r.PostFormValue("reason")); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.wakeMail()
	http.Redirect(w, r, "/alignment/"+strconv.FormatInt(id, 10)+"?msg=session_cancelled", http.StatusSeeOther)
}

// wakeMail tells the sender that an event queued mail.
func (s *Server) wakeMail() {
	if s.mailWorker != nil {
		s.mailWorker.Wake()
	}
}

// handleProfileMail turns the weekly digest on or off for the signed-in
// person (invitations to tasks are always sent).
func (s *Server) handleProfileMail(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	if err := s.db.SetDigestOff(r.Context(), actor(r), u.ID, r.PostFormValue("digest") != "on"); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/profile?msg=mail_saved", http.StatusSeeOther)
}

// apiMailSettings is a person's mail setting in the API.
type apiMailSettings struct {
	Digest bool `json:"digest"`
}

func (s *Server) handleAPIMeMail(w http.ResponseWriter, r *http.Request) {
	off, err := s.db.DigestOff(r.Context(), userFrom(r.Context()).ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiMailSettings{Digest: !off})
}

func (s *Server) handleAPIMeMailSet(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Digest *bool `json:"digest"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.renderError(w, r, err)
		return
	}
	if in.Digest == nil {
		s.renderError(w, r, budaya.Invalid("digest", budaya.MsgSetDigestTrueFalse))
		return
	}
	if err := s.db.SetDigestOff(r.Context(), actor(r), userFrom(r.Context()).ID, !*in.Digest); err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiMailSettings{Digest: *in.Digest})
}
