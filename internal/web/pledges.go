package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
)

type signPage struct {
	page
	Preview  *store.PledgePreview
	Acting   string // "Plt." or "Plh." when the signer acts
	TypedIn  string
	Reason   string
	Correct  bool // a pledge is in force: signing makes a correction
	Verified string
}

func (s *Server) signPreview(r *http.Request) (*store.PledgePreview, error) {
	id, unit, err := twoPathIDs(r, "id", "unit")
	if err != nil {
		return nil, err
	}
	return s.db.PreparePledge(r.Context(), id, unit, userFrom(r.Context()), s.loc)
}

func (s *Server) newSignPage(r *http.Request, p *store.PledgePreview) signPage {
	sp := signPage{page: s.newPage(r, "pledge.sign"), Preview: p, Correct: p.Current != nil}
	if p.Acting != nil {
		sp.Acting = budaya.ActingLabel(p.Acting.Kind)
	}
	return sp
}

func (s *Server) handlePledgeSignPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.signPreview(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "pledge_sign", s.newSignPage(r, p))
}

func (s *Server) handlePledgeSign(w http.ResponseWriter, r *http.Request) {
	p, err := s.signPreview(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	in := budaya.SignInput{SessionID: p.Session.ID, UnitID: p.Invitee.UnitID, Signer: userFrom(r.Context()), Password: r.PostFormValue("password"),
		TypedName: r.PostFormValue("full_name"), Reason: r.PostFormValue("reason"), Location: s.loc, RemoteAddr: clientIP(r)}
	if v := r.PostFormValue("supersedes"); v != "" {
		if in.Supersedes, err = strconv.ParseInt(v, 10, 64); err != nil {
			s.renderError(w, r, budaya.Invalid("supersedes", budaya.MsgPledgeCorrectNotValid))
			return
		}
	}
	pledge, err := s.db.SignPledge(r.Context(), actor(r), in)
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || (e.Code != budaya.EINVALID && e.Code != budaya.ECONFLICT && e.Code != budaya.ELOCKED) {
			s.renderError(w, r, err)
			return
		}
		// Show the page again (with the state now in force) and what to fix.
		if p2, perr := s.signPreview(r); perr == nil {
			p = p2
		}
		sp := s.newSignPage(r, p)
		sp.Error, sp.TypedIn, sp.Reason = e.Text(sp.Lang), in.TypedName, in.Reason
		s.render(w, r, statusOf(e.Code), "pledge_sign", sp)
		return
	}
	http.Redirect(w, r, "/pledges/"+strconv.FormatInt(pledge.ID, 10)+"?msg=signed", http.StatusSeeOther)
}

// loadPledge returns the pledge of the path if the user may see it: admins,
// auditors, leaders of its unit or above, and its signer.
func (s *Server) loadPledge(r *http.Request) (*budaya.Pledge, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	p, err := s.db.FindPledge(r.Context(), id)
	if err != nil {
		return nil, err
	}
	unit, err := s.db.FindUnit(r.Context(), p.UnitID)
	if err != nil {
		return nil, err
	}
	if !budaya.MayReadPledge(readerFrom(r.Context()), p, unit.Path) {
		return nil, budaya.NotFound(budaya.MsgPledgeNotFound)
	}
	return p, nil
}

type pledgePage struct {
	page
	Pledge     *budaya.Pledge
	Session    *budaya.AlignmentSession
	Newer      *budaya.Pledge
	Older      *budaya.Pledge
	VerifyURL  string
	ActingText string
}

func (s *Server) handlePledgeShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadPledge(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ctx := r.Context()
	pp := pledgePage{page: s.newPage(r, "pledge.title"), Pledge: p, VerifyURL: s.publicURL(r, "/verify/"+p.SHA256), ActingText: budaya.ActingLabel(p.ActingKind)}
	if pp.Session, err = s.db.FindAlignmentSession(ctx, p.SessionID); err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.SupersededByID != 0 {
		if pp.Newer, err = s.db.FindPledge(ctx, p.SupersededByID); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	if p.SupersedesID != 0 {
		if pp.Older, err = s.db.FindPledge(ctx, p.SupersedesID); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "pledge", pp)
}

// handlePledgePDF writes the signed pledge: instansi header, the exact text,
// signer, time, hash and a QR code that opens the verification page.
func (s *Server) handlePledgePDF(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadPledge(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	verify := s.publicURL(r, "/verify/"+p.SHA256)
	doc := pdfdoc.New(pdfdoc.Header{Instansi: s.instansiName(r.Context()), Title: "Pakta Komitmen", Subtitle: p.UnitName, Generated: s.localNow()})
	for _, para := range strings.Split(p.Text, "\n\n") {
		doc.Para(para)
	}
	kv := [][2]string{{"Penanda tangan", p.SignerName}, {"NIP", p.SignerNIP}, {"Jabatan", p.SignerPosition}, {"Unit kerja", p.UnitName},
		{"Waktu tanda tangan", p.SignedAt.In(s.loc).Format("02-01-2006 15:04:05 MST")}}
	if p.ActingKind != "" {
		kv = append(kv, [2]string{"Penugasan", budaya.ActingLabel(p.ActingKind) + " berdasarkan " + p.DecreeNumber})
	}
	if !p.Current() {
		kv = append(kv, [2]string{"Status", "DIGANTIKAN oleh pakta yang lebih baru"})
	}
	doc.KV(kv)
	doc.Mono("SHA-256: " + p.SHA256)
	if err := doc.QR(verify, 32); err != nil {
		s.renderError(w, r, err)
		return
	}
	doc.Note("Pindai kode QR atau buka " + verify + " untuk memeriksa keaslian dan keberlakuan pakta ini.")
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="pakta-komitmen-`+strconv.FormatInt(p.ID, 10)+`.pdf"`)
	if err := doc.Output(w); err != nil {
		s.log.ErrorContext(r.Context(), "pledge pdf", "err", err)
	}
}

type verifyPage struct {
	page
	Instansi string
	Pledge   *budaya.Pledge
	Newer    *budaya.Pledge
	Genuine  bool
	Acting   string
	Hash     string
}

// handleVerify is public: it shows whether the pledge with this hash is
// genuine (its stored text still hashes to it) and current, and only what is
// needed to tell: unit, signer name and position, time, status.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	hash := r.PathValue("hash")
	p, err := s.db.FindPledgeByHash(r.Context(), hash)
	vp := verifyPage{page: s.newPage(r, "verify.title"), Hash: hash, Instansi: s.instansiName(r.Context())}
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		s.render(w, r, http.StatusNotFound, "verify", vp)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	vp.Pledge, vp.Genuine, vp.Acting = p, p.Genuine(), budaya.ActingLabel(p.ActingKind)
	if p.SupersededByID != 0 {
		if vp.Newer, err = s.db.FindPledge(r.Context(), p.SupersededByID); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "verify", vp)
}
