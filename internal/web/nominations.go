package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
)

type roundForm struct {
	Title, Period, Value, Until, Winners string
	Criteria                             []budaya.Criterion
}

type nominationsPage struct {
	page
	valueNames
	Rounds []budaya.NominationRound
	Form   roundForm
}

func (s *Server) nominationsPageData(r *http.Request) (nominationsPage, error) {
	p := nominationsPage{page: s.newPage(r, "nomination.title")}
	var err error
	if p.Framework, err = s.db.ActiveFramework(r.Context()); err != nil {
		return p, err
	}
	p.lang = p.Lang
	if p.Rounds, err = s.db.ListRounds(r.Context()); err != nil {
		return p, err
	}
	p.Form = roundForm{Winners: "1", Criteria: []budaya.Criterion{
		{Name: p.T("nomination.default_c1"), Weight: 40}, {Name: p.T("nomination.default_c2"), Weight: 30}, {Name: p.T("nomination.default_c3"), Weight: 30}, {}}}
	return p, nil
}

func (s *Server) handleNominations(w http.ResponseWriter, r *http.Request) {
	p, err := s.nominationsPageData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "nominations", p)
}

func (s *Server) handleRoundCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	f := r.PostForm
	form := roundForm{Title: f.Get("title"), Period: f.Get("period"), Value: f.Get("value"), Until: f.Get("nominate_until"), Winners: f.Get("winners")}
	names, descs, weights := f["criterion_name"], f["criterion_description"], f["criterion_weight"]
	for i := range names {
		c := budaya.Criterion{Name: names[i]}
		if i < len(descs) {
			c.Description = descs[i]
		}
		if i < len(weights) {
			c.Weight, _ = strconv.Atoi(strings.TrimSpace(weights[i]))
		}
		form.Criteria = append(form.Criteria, c)
	}
	in := budaya.NominationRoundInput{Title: form.Title, Period: form.Period, ValueCode: form.Value, Criteria: form.Criteria}
	var err error
	if in.Winners, err = strconv.Atoi(strings.TrimSpace(form.Winners)); err != nil && form.Winners != "" {
		err = budaya.Invalid("winners", budaya.MsgNumberWinnersMustBeWhole)
	} else {
		err = nil
		if t, perr := time.ParseInLocation("2006-01-02T15:04", form.Until, s.loc); perr == nil {
			in.NominateUntil = t
		}
	}
	var round *budaya.NominationRound
	if err == nil {
		round, err = s.db.CreateRound(r.Context(), actor(r), in)
	}
	if err != nil {
		if budaya.ErrorCode(err) != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		p, perr := s.nominationsPageData(r)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		p.Error, p.Form = budaya.AsError(err).Text(p.Lang), form
		s.render(w, r, http.StatusUnprocessableEntity, "nominations", p)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/nominations/%d?msg=saved", round.ID), http.StatusSeeOther)
}

// nomineeRow is one nominee as the committee sees them.
type nomineeRow struct {
	budaya.NomineeResult
	Proposals []budaya.Nomination // the nominations of this nominee, with reasons
	Declared  bool
	Conflict  bool
	MyScores  map[int64]int
}

// Score returns my score of criterion id, 0 when none.
func (n nomineeRow) Score(id int64) int { return n.MyScores[id] }

type roundPage struct {
	page
	valueNames
	Round       *budaya.NominationRound
	IsCommittee bool
	IsAdmin     bool
	CanNominate bool
	Mine        []budaya.Nomination // my own nominations
	Nominees    []nomineeRow        // committee and admin
	Winners     []budaya.NomineeResult
	Users       []budaya.User // admin: candidates for the committee
	Scale       []int
	NomineeText string
	ReasonText  string
}

// InCommittee reports whether user id sits on the committee.
func (p roundPage) InCommittee(id int64) bool {
	return slices.ContainsFunc(p.Round.Committee, func(m budaya.CommitteeMember) bool { return m.UserID == id })
}

func (s *Server) roundPageData(r *http.Request, id int64) (roundPage, error) {
	ctx := r.Context()
	u := userFrom(ctx)
	p := roundPage{page: s.newPage(r, "nomination.title"), Scale: []int{1, 2, 3, 4, 5}}
	var err error
	if p.Round, err = s.db.FindRound(ctx, id); err != nil {
		return p, err
	}
	if p.Framework, err = s.db.ActiveFramework(ctx); err != nil {
		return p, err
	}
	p.lang = p.Lang
	p.IsAdmin = u.HasRole(budaya.RoleAdmin)
	p.IsCommittee = p.InCommittee(u.ID)
	p.CanNominate = p.Round.Status == budaya.RoundOpen && s.db.Now().Before(p.Round.NominateUntil) && u.EmployeeID != 0
	if u.EmployeeID != 0 {
		if p.Mine, err = s.db.ListNominations(ctx, id, u.EmployeeID); err != nil {
			return p, err
		}
	}
	results, err := s.db.RoundResults(ctx, id)
	if err != nil {
		return p, err
	}
	for _, res := range results {
		if res.Winner {
			p.Winners = append(p.Winners, res)
		}
	}
	if p.IsAdmin {
		if p.Users, err = s.db.CommitteeCandidates(ctx, id); err != nil {
			return p, err
		}
	}
	if !p.IsAdmin && !p.IsCommittee {
		return p, nil
	}
	all, err := s.db.ListNominations(ctx, id, 0)
	if err != nil {
		return p, err
	}
	decls, err := s.db.Declarations(ctx, id, u.ID)
	if err != nil {
		return p, err
	}
	scores, err := s.db.Scores(ctx, id, u.ID)
	if err != nil {
		return p, err
	}
	for _, res := range results {
		row := nomineeRow{NomineeResult: res, MyScores: map[int64]int{}}
		for _, n := range all {
			if n.NomineeID == res.NomineeID {
				row.Proposals = append(row.Proposals, n)
			}
		}
		for _, d := range decls {
			if d.NomineeID == res.NomineeID {
				row.Declared, row.Conflict = true, d.Conflict
			}
		}
		for _, sc := range scores {
			if sc.NomineeID == res.NomineeID {
				row.MyScores[sc.CriterionID] = sc.Value
			}
		}
		p.Nominees = append(p.Nominees, row)
	}
	return p, nil
}

func (s *Server) handleRound(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.roundPageData(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "nomination", p)
}

// roundAction runs a committee or admin action on a round and goes back to it,
// showing an error a user can fix on the round page.
func (s *Server) roundAction(w http.ResponseWriter, r *http.Request, fn func(id int64) error) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := fn(id); err != nil {
		e := budaya.AsError(err)
		if e == nil || e.Code == budaya.ENOTFOUND || e.Code == budaya.EFORBIDDEN {
			s.renderError(w, r, err)
			return
		}
		p, perr := s.roundPageData(r, id)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		p.Error = e.Text(p.Lang)
		if r.MultipartForm != nil || r.PostForm != nil {
			p.NomineeText, p.ReasonText = r.FormValue("nominee"), r.FormValue("reason")
		}
		s.render(w, r, statusOf(e.Code), "nomination", p)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/nominations/%d?msg=saved", id), http.StatusSeeOther)
}

func (s *Server) handleNominate(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) error {
		if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			return budaya.Invalid("evidence", budaya.MsgUploadCouldNotBeRead)
		}
		nominee, err := s.resolveRecipient(r, r.FormValue("nominee"))
		if err != nil {
			if e := budaya.AsError(err); e != nil {
				e.Field = "nominee"
			}
			return err
		}
		in := budaya.NominationInput{NomineeID: nominee, Reason: r.FormValue("reason")}
		// Refuse what can be refused before any file is stored.
		if err := s.db.CheckNomination(r.Context(), actor(r), id, in); err != nil {
			return err
		}
		evidence, err := s.receiveEvidence(r, "evidence", budaya.EvidenceRestricted)
		if err != nil {
			return err
		}
		for _, ev := range evidence {
			in.EvidenceIDs = append(in.EvidenceIDs, ev.ID)
		}
		_, err = s.db.Nominate(r.Context(), actor(r), id, in)
		return err
	})
}

func (s *Server) handleRoundCommittee(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) error {
		if err := parseForm(r); err != nil {
			return err
		}
		var ids []int64
		for _, v := range r.PostForm["member"] {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return budaya.Invalid("committee", budaya.MsgCommitteeChoiceNotValid)
			}
			ids = append(ids, n)
		}
		for _, name := range strings.FieldsFunc(r.PostFormValue("usernames"), func(c rune) bool { return c == ',' || c == ' ' || c == '\n' }) {
			u, err := s.db.FindUserByUsername(r.Context(), name)
			if budaya.ErrorCode(err) == budaya.ENOTFOUND {
				return budaya.Invalid("usernames", budaya.MsgUserDoesNotExist, name)
			}
			if err != nil {
				return err
			}
			ids = append(ids, u.ID)
		}
		return s.db.SetCommittee(r.Context(), actor(r), id, ids)
	})
}

func (s *Server) handleRoundClose(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) error { return s.db.CloseNominations(r.Context(), actor(r), id) })
}

func (s *Server) handleRoundAnnounce(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) error {
		_, err := s.db.Announce(r.Context(), actor(r), id)
		return err
	})
}

func formNominee(r *http.Request) (int64, error) {
	n, err := strconv.ParseInt(r.PostFormValue("nominee_id"), 10, 64)
	if err != nil || n <= 0 {
		return 0, budaya.Invalid("nominee", budaya.MsgNomineeNotRecognised)
	}
	return n, nil
}

func (s *Server) handleRoundDeclare(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) error {
		nominee, err := formNominee(r)
		if err != nil {
			return err
		}
		var conflict bool
		switch r.PostFormValue("conflict") {
		case "yes":
			conflict = true
		case "no":
		default:
			return budaya.Invalid("conflict", budaya.MsgChooseWhetherConflictInterest)
		}
		return s.db.Declare(r.Context(), actor(r), id, nominee, conflict, strings.TrimSpace(r.PostFormValue("note")))
	})
}

func (s *Server) handleRoundScore(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) error {
		nominee, err := formNominee(r)
		if err != nil {
			return err
		}
		round, err := s.db.FindRound(r.Context(), id)
		if err != nil {
			return err
		}
		scores := map[int64]int{}
		for _, c := range round.Criteria {
			v, err := strconv.Atoi(r.PostFormValue(fmt.Sprintf("score_%d", c.ID)))
			if err != nil {
				return budaya.Invalid("score", budaya.MsgGiveScoreFromCriterion, budaya.MaxScore, c.Name)
			}
			scores[c.ID] = v
		}
		return s.db.ScoreNominee(r.Context(), actor(r), id, nominee, scores)
	})
}

// handleRoundEvidence serves a nomination's evidence to the committee, the admin and the nominator.
func (s *Server) handleRoundEvidence(w http.ResponseWriter, r *http.Request) {
	id, evID, err := twoPathIDs(r, "id", "evidence")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	n, err := s.db.NominationForEvidence(r.Context(), id, evID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	member, err := s.db.IsCommitteeMember(r.Context(), id, u.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !budaya.MayReadNominationEvidence(readerFrom(r.Context()), n.NominatorID, member) {
		s.renderError(w, r, budaya.NotFound(budaya.MsgEvidenceNotFound))
		return
	}
	ev, err := s.db.FindEvidence(r.Context(), evID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.serveEvidence(w, r, ev)
}

// handleCertificate writes the certificate PDF of a winner (public once announced).
func (s *Server) handleCertificate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, emp, err := twoPathIDs(r, "id", "employee")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	c, err := s.db.FindCertificate(ctx, id, emp)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	instansi, err := s.db.Setting(ctx, store.SettingInstansiName, "Instansi")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, err := s.db.ActiveFramework(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	value := valueNames{Framework: f, lang: "id"}.ValueName(c.Round.ValueCode)
	doc := pdfdoc.New(pdfdoc.Header{Instansi: instansi, Title: "Sertifikat Teladan BerAKHLAK", Subtitle: c.Number, Generated: c.Announced})
	doc.Heading("PIAGAM PENGHARGAAN")
	doc.Para("Diberikan kepada")
	doc.Heading(c.Employee.FullName())
	doc.KV([][2]string{
		{"NIP / identitas", c.Employee.Identifier()},
		{"Jabatan", c.Employee.Position},
		{"Penghargaan", fmt.Sprintf("Duta BerAKHLAK nilai %s (peringkat %d)", value, c.Rank)},
		{"Putaran", c.Round.Title},
		{"Periode", c.Round.Period},
		{"Nilai panitia", budaya.FormatNumber("id", c.Total, 1) + " dari 100"},
		{"Nomor sertifikat", c.Number},
		{"Diumumkan", c.Announced.In(s.loc).Format("02-01-2006")},
	})
	doc.Para("Atas keteladanan dalam menghidupkan nilai dasar ASN BerAKHLAK di lingkungan kerja. Bangga Melayani Bangsa.")
	if err := doc.QR(fmt.Sprintf("budaya:certificate:%s", c.Number), 30); err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="sertifikat-teladan-%d-%d.pdf"`, id, emp))
	_, _ = buf.WriteTo(w)
}

// The JSON API.

type apiCriterion struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Weight      int    `json:"weight"`
}

type apiWinner struct {
	EmployeeID int64   `json:"employee_id"`
	Name       string  `json:"name"`
	Rank       int     `json:"rank"`
	Total      float64 `json:"total"`
}

type apiRound struct {
	ID            int64          `json:"id"`
	Title         string         `json:"title"`
	Period        string         `json:"period"`
	Value         string         `json:"value"`
	NominateUntil time.Time      `json:"nominate_until"`
	Status        string         `json:"status"`
	Winners       int            `json:"winners"`
	Nominations   int            `json:"nominations"`
	Criteria      []apiCriterion `json:"criteria"`
	Announced     []apiWinner    `json:"announced_winners"`
}

func (s *Server) handleAPINominations(w http.ResponseWriter, r *http.Request) {
	rounds, err := s.db.ListRounds(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiRound]{Items: []apiRound{}, Total: len(rounds)}
	for _, rd := range rounds {
		full, err := s.db.FindRound(r.Context(), rd.ID)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		a := apiRound{ID: rd.ID, Title: rd.Title, Period: rd.Period, Value: rd.ValueCode, NominateUntil: rd.NominateUntil, Status: rd.Status,
			Winners: rd.Winners, Nominations: rd.NominationCount, Criteria: []apiCriterion{}, Announced: []apiWinner{}}
		for _, c := range full.Criteria {
			a.Criteria = append(a.Criteria, apiCriterion{ID: c.ID, Name: c.Name, Description: c.Description, Weight: c.Weight})
		}
		if rd.Status == budaya.RoundAnnounced {
			res, err := s.db.RoundResults(r.Context(), rd.ID)
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			for _, x := range res {
				if x.Winner {
					a.Announced = append(a.Announced, apiWinner{EmployeeID: x.NomineeID, Name: x.Name, Rank: x.Rank, Total: x.Total})
				}
			}
		}
		out.Items = append(out.Items, a)
	}
	writeJSON(w, http.StatusOK, out)
}

type apiNominationInput struct {
	RoundID   int64  `json:"round_id"`
	NomineeID int64  `json:"nominee_id"`
	Reason    string `json:"reason"`
}

type apiNomination struct {
	ID          int64     `json:"id"`
	RoundID     int64     `json:"round_id"`
	NomineeID   int64     `json:"nominee_id"`
	NomineeName string    `json:"nominee_name"`
	Reason      string    `json:"reason"`
	CreatedAt   time.Time `json:"created_at"`
}

func (s *Server) handleAPINominate(w http.ResponseWriter, r *http.Request) {
	var in apiNominationInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.renderError(w, r, err)
		return
	}
	n, err := s.db.Nominate(r.Context(), actor(r), in.RoundID, budaya.NominationInput{NomineeID: in.NomineeID, Reason: in.Reason})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, apiNomination{ID: n.ID, RoundID: n.RoundID, NomineeID: n.NomineeID, NomineeName: n.NomineeName, Reason: n.Reason, CreatedAt: n.CreatedAt})
}
