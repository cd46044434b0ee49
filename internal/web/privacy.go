package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
)

// The anonymity statement every data-subject export carries.
const (
	anonymousNoteID = "Jawaban survei budaya dan penilaian 360 dari rekan kerja atau bawahan disimpan tanpa identitas pemberinya: basis data hanya mencatat bahwa sebuah penugasan sudah diisi, terpisah dari jawabannya. Karena itu jawaban tersebut, menurut rancangannya, tidak dapat dikaitkan dengan siapa pun—termasuk Anda—dan tidak termasuk dalam ekspor ini."
	anonymousNoteEN = "Answers to culture surveys and 360 ratings from peers or subordinates are stored without the identity of who gave them: the database only records that an assignment was completed, apart from the answers. By design those answers cannot be linked to anyone—including you—and are not part of this export."
)

type privacyPage struct {
	page
	Instansi  string
	Retention []store.RetentionPolicy
}

// Label is the kind's name in the page's language.
func (p privacyPage) Label(k store.RetentionPolicy) string {
	if p.Lang == "en" {
		return k.LabelEN
	}
	return k.Label
}

func (s *Server) handlePrivacyNotice(w http.ResponseWriter, r *http.Request) {
	p := privacyPage{page: s.newPage(r, "privacy.title"), Instansi: s.instansiName(r.Context())}
	var err error
	if p.Retention, err = s.db.RetentionPolicies(r.Context()); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "privacy", p)
}

// subjectOf is the signed-in user as a data subject.
func subjectOf(r *http.Request) store.Subject {
	u := userFrom(r.Context())
	return store.Subject{UserID: u.ID, EmployeeID: u.EmployeeID}
}

type myDataPage struct {
	page
	Export *store.SubjectExport
}

// Title is a section's title in the page's language.
func (p myDataPage) Title(sec store.SubjectSection) string {
	if p.Lang == "en" {
		return sec.TitleEN
	}
	return sec.Title
}

// Label is a column's name in the page's language.
func (p myDataPage) Label(col string) string { return subjectLabel(p.Lang, col) }

// Cell is a value of a row, written for a person: local times, words for
// yes/no and codes, numbers the page's way.
func (p myDataPage) Cell(row map[string]any, col string) string {
	return subjectCell(p.Lang, p.loc, col, row[col])
}

func (s *Server) handleMyData(w http.ResponseWriter, r *http.Request) {
	x, err := s.db.SubjectData(r.Context(), subjectOf(r))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "mydata", myDataPage{page: s.newPage(r, "mydata.title"), Export: x})
}

// subjectLabel is the name of an export column in lang. Every column of every
// collector has one (TestMyDataLabelsEveryColumn).
func subjectLabel(lang, col string) string {
	if _, ok := messages["mydata.col."+col]; ok {
		return translate(lang, "mydata.col."+col)
	}
	return col
}

// subjectBoolColumns hold yes/no values (0/1 on SQLite).
var subjectBoolColumns = map[string]bool{"active": true, "disabled": true}

// subjectCell writes one exported value for a person reading it in lang:
// times in the instansi's zone, yes/no and coded values in words.
func subjectCell(lang string, loc *time.Location, col string, v any) string {
	if subjectBoolColumns[col] {
		yes := false
		switch x := v.(type) {
		case bool:
			yes = x
		case int64:
			yes = x != 0
		}
		if yes {
			return translate(lang, "mydata.yes")
		}
		return translate(lang, "mydata.no")
	}
	switch x := v.(type) {
	case nil:
		return "–"
	case time.Time:
		return x.In(loc).Format("02-01-2006 15:04")
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.In(loc).Format("02-01-2006 15:04")
		}
		if col == "visibility" || col == "status" || col == "term" && x == "TAHUNAN" {
			if _, ok := messages["mydata.val."+x]; ok {
				return translate(lang, "mydata.val."+x)
			}
		}
		return x
	case float64:
		return budaya.FormatNumber(lang, x, 1)
	case map[string]string:
		return translate(lang, "mydata.binary")
	}
	return fmt.Sprint(v)
}

// localRows are the rows of sec with their times in the instansi's zone
// (RFC 3339 with the zone's offset), for the JSON download.
func localRows(sec store.SubjectSection, loc *time.Location) []map[string]any {
	out := make([]map[string]any, 0, len(sec.Rows))
	for _, row := range sec.Rows {
		r := make(map[string]any, len(row))
		for k, v := range row {
			if str, ok := v.(string); ok {
				if t, err := time.Parse(time.RFC3339Nano, str); err == nil {
					v = t.In(loc).Format(time.RFC3339)
				}
			}
			r[k] = v
		}
		out = append(out, r)
	}
	return out
}

// subjectDocument is the JSON a data subject downloads.
type subjectDocument struct {
	Format        string                `json:"format"`
	Controller    string                `json:"controller"`
	GeneratedAt   time.Time             `json:"generated_at"`
	TimeZone      string                `json:"time_zone"`
	Subject       store.Subject         `json:"subject"`
	Sections      []subjectSectionDoc   `json:"sections"`
	History       []subjectHistoryEntry `json:"processing_history"`
	Truncated     bool                  `json:"processing_history_truncated,omitempty"`
	Anonymous     map[string]string     `json:"anonymous_answers"`
	Rights        map[string]string     `json:"your_rights"`
	NotIncludedID string                `json:"secrets_not_included"`
}

// subjectSectionDoc is one section of the download: the rows keep their
// column keys (for a program) and column_labels name them in the person's
// language; times carry the instansi's offset.
type subjectSectionDoc struct {
	Key          string            `json:"key"`
	Title        string            `json:"title"`
	TitleEN      string            `json:"title_en"`
	Columns      []string          `json:"columns"`
	ColumnLabels map[string]string `json:"column_labels"`
	Rows         []map[string]any  `json:"rows"`
}

type subjectHistoryEntry struct {
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"`
	Entity   string    `json:"entity"`
	EntityID string    `json:"entity_id"`
	Old      string    `json:"old_value,omitempty"`
	New      string    `json:"new_value,omitempty"`
	Address  string    `json:"remote_addr,omitempty"`
}

func (s *Server) subjectDocument(r *http.Request, subj store.Subject) (*subjectDocument, error) {
	x, err := s.db.SubjectData(r.Context(), subj)
	if err != nil {
		return nil, err
	}
	lang := langOf(r)
	d := &subjectDocument{
		Format: "budaya-subject-export/1", Controller: s.instansiName(r.Context()), GeneratedAt: x.GeneratedAt.In(s.loc), TimeZone: s.loc.String(),
		Subject: x.Subject, Truncated: x.HistoryTruncated,
		Anonymous: map[string]string{"id": anonymousNoteID, "en": anonymousNoteEN},
		Rights: map[string]string{
			"id": translate("id", "privacy.rights_short"),
			"en": translate("en", "privacy.rights_short"),
		},
		NotIncludedID: "password and token hashes are held but never exported / hash kata sandi dan token disimpan tetapi tidak pernah diekspor",
	}
	for _, sec := range x.Sections {
		doc := subjectSectionDoc{Key: sec.Key, Title: sec.Title, TitleEN: sec.TitleEN, Columns: sec.Columns, ColumnLabels: map[string]string{},
			Rows: localRows(sec, s.loc)}
		for _, c := range sec.Columns {
			doc.ColumnLabels[c] = subjectLabel(lang, c)
		}
		d.Sections = append(d.Sections, doc)
	}
	for _, e := range x.History {
		d.History = append(d.History, subjectHistoryEntry{At: e.At.In(s.loc), Actor: e.ActorName, Action: e.Action, Entity: e.Entity, EntityID: e.EntityID, Old: e.OldValue, New: e.NewValue, Address: e.RemoteAddr})
	}
	return d, nil
}

func (s *Server) handleMyDataJSON(w http.ResponseWriter, r *http.Request) {
	d, err := s.subjectDocument(r, subjectOf(r))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.auditExport(r, func() error {
		return s.db.Audit(r.Context(), actor(r), "subject_export", "user", userFrom(r.Context()).ID, map[string]string{"format": "json"})
	}); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="data-saya.json"`)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		s.log.WarnContext(r.Context(), "subject export", "err", err)
	}
}

func (s *Server) handleMyDataPDF(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	d, err := s.subjectDocument(r, subjectOf(r))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.auditExport(r, func() error {
		return s.db.Audit(r.Context(), actor(r), "subject_export", "user", userFrom(r.Context()).ID, map[string]string{"format": "pdf"})
	}); err != nil {
		s.renderError(w, r, err)
		return
	}
	doc := pdfdoc.New(pdfdoc.Header{Instansi: d.Controller, Title: translate(lang, "mydata.pdf_title"), Subtitle: userFrom(r.Context()).DisplayName, Generated: d.GeneratedAt, Lang: lang})
	doc.Para(translate(lang, "mydata.pdf_intro"))
	for _, sec := range d.Sections {
		title := sec.Title
		if lang == "en" {
			title = sec.TitleEN
		}
		doc.Heading(title)
		if len(sec.Rows) == 0 {
			doc.Para(translate(lang, "mydata.none"))
			continue
		}
		// A section of one row, or of many columns, is written as label:
		// value pairs, which wrap; a narrow one as a table.
		if len(sec.Rows) == 1 || len(sec.Columns) > 5 {
			for _, row := range sec.Rows {
				var kv [][2]string
				for _, c := range sec.Columns {
					kv = append(kv, [2]string{sec.ColumnLabels[c], subjectCell(lang, s.loc, c, row[c])})
				}
				doc.KV(kv)
			}
			continue
		}
		var headers []string
		for _, c := range sec.Columns {
			headers = append(headers, sec.ColumnLabels[c])
		}
		var rows [][]string
		for _, row := range sec.Rows {
			var out []string
			for _, c := range sec.Columns {
				out = append(out, subjectCell(lang, s.loc, c, row[c]))
			}
			rows = append(rows, out)
		}
		doc.Table(headers, nil, rows)
	}
	doc.Heading(translate(lang, "mydata.history"))
	var rows [][]string
	for _, e := range d.History {
		rows = append(rows, []string{e.At.In(s.loc).Format("02-01-2006 15:04"), e.Actor, e.Action, e.Entity + " " + e.EntityID})
	}
	if d.Truncated {
		doc.Para(translate(lang, "mydata.history_truncated", store.SubjectHistoryLimit))
	}
	if len(rows) == 0 {
		doc.Para(translate(lang, "mydata.none"))
	} else {
		doc.Table([]string{translate(lang, "audit.when"), translate(lang, "audit.who"), translate(lang, "audit.action"), translate(lang, "audit.entity")}, []float64{32, 40, 42, 60}, rows)
	}
	doc.Heading(translate(lang, "mydata.anonymous"))
	doc.Para(d.Anonymous[lang])
	doc.Heading(translate(lang, "mydata.not_here"))
	doc.Para(translate(lang, "mydata.not_here_text"))
	doc.Heading(translate(lang, "privacy.rights"))
	doc.Para(d.Rights[lang])
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="data-saya.pdf"`)
	if err := doc.Output(w); err != nil {
		s.log.WarnContext(r.Context(), "subject export pdf", "err", err)
	}
}

type privacyAdminPage struct {
	page
	Requests     []budaya.SubjectRequest
	Pager        pager
	Restrictions []budaya.Restriction
	Kinds        []budaya.SubjectRequestKind
	Now          time.Time
	Names        map[int64]string
	Files        map[int64][]budaya.Evidence
}

// Remaining says how long is left until due, or how late it is.
func (p privacyAdminPage) Remaining(r budaya.SubjectRequest) string {
	if !r.Open() {
		return ""
	}
	d := r.DueAt.Sub(p.Now)
	if d < 0 {
		return p.T("privacy_admin.overdue_by", int((-d).Hours()))
	}
	return p.T("privacy_admin.hours_left", int(d.Hours()))
}

// Overdue reports whether r is late.
func (p privacyAdminPage) Overdue(r budaya.SubjectRequest) bool { return r.Overdue(p.Now) }

func (s *Server) privacyAdminData(r *http.Request) (privacyAdminPage, error) {
	p := privacyAdminPage{page: s.newPage(r, "privacy_admin.title"), Kinds: budaya.SubjectRequestKinds, Now: s.db.Now(), Names: map[int64]string{}}
	var err error
	p.Pager = pager{Page: queryPage(r), PerPage: 50}
	if p.Requests, p.Pager.Total, err = s.db.ListSubjectRequests(r.Context(), budaya.SubjectRequestFilter{Page: p.Pager.Page, PerPage: 50}); err != nil {
		return p, err
	}
	if p.Restrictions, err = s.db.ListRestrictions(r.Context(), false); err != nil {
		return p, err
	}
	var ids, reqIDs []int64
	for _, q := range p.Requests {
		reqIDs = append(reqIDs, q.ID)
		if q.EmployeeID != 0 {
			ids = append(ids, q.EmployeeID)
		}
	}
	if p.Files, err = s.db.SubjectRequestFiles(r.Context(), reqIDs); err != nil {
		return p, err
	}
	if len(ids) > 0 {
		emps, err := s.db.FindEmployees(r.Context(), ids)
		if err != nil {
			return p, err
		}
		for id, e := range emps {
			p.Names[id] = e.FullName()
		}
	}
	return p, nil
}

func (s *Server) handlePrivacyAdmin(w http.ResponseWriter, r *http.Request) {
	p, err := s.privacyAdminData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "privacy_admin", p)
}

// privacyAdminError shows a user's mistake on the register page.
func (s *Server) privacyAdminError(w http.ResponseWriter, r *http.Request, err error) {
	e := budaya.AsError(err)
	if e == nil || (e.Code != budaya.EINVALID && e.Code != budaya.ECONFLICT && e.Code != budaya.ENOTFOUND) {
		s.renderError(w, r, err)
		return
	}
	p, perr := s.privacyAdminData(r)
	if perr != nil {
		s.renderError(w, r, perr)
		return
	}
	p.Error = e.Text(p.Lang)
	s.render(w, r, http.StatusUnprocessableEntity, "privacy_admin", p)
}

// employeeByIdentifier finds the employee a form names by NIP or other id; "" is none.
func (s *Server) employeeByIdentifier(r *http.Request, field string) (int64, error) {
	v := strings.TrimSpace(r.PostFormValue(field))
	if v == "" {
		return 0, nil
	}
	e, err := s.db.FindEmployeeByIdentifier(r.Context(), v)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return 0, budaya.Invalid(field, budaya.MsgNoEmployeeNIPIdentifier, v)
	}
	if err != nil {
		return 0, err
	}
	return e.ID, nil
}

func (s *Server) handleSubjectRequestCreate(w http.ResponseWriter, r *http.Request) {
	err := func() error {
		empID, err := s.employeeByIdentifier(r, "employee")
		if err != nil {
			return err
		}
		req := &budaya.SubjectRequest{EmployeeID: empID, RequesterName: r.PostFormValue("requester_name"),
			Kind: budaya.SubjectRequestKind(r.PostFormValue("kind")), Detail: r.PostFormValue("detail")}
		if v := r.PostFormValue("received_at"); v != "" {
			t, err := time.ParseInLocation("2006-01-02T15:04", v, s.loc)
			if err != nil {
				return budaya.Invalid("received_at", budaya.MsgDateReceivedMustBeDate)
			}
			req.ReceivedAt = t
		}
		if empID != 0 {
			if u, err := s.db.FindEmployeeUser(r.Context(), empID); err == nil {
				req.UserID = u.ID
			}
		}
		if err := req.Validate(s.db.Now()); err != nil {
			return err
		}
		// The request letter and proof of identity are kept as restricted evidence.
		evs, err := s.receiveEvidence(r, "evidence", budaya.EvidenceRestricted)
		if err != nil {
			return err
		}
		var ids []int64
		for _, ev := range evs {
			ids = append(ids, ev.ID)
		}
		return s.db.CreateSubjectRequest(r.Context(), actor(r), req, ids...)
	}()
	if err != nil {
		s.privacyAdminError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/privacy?msg=saved", http.StatusSeeOther)
}

// handleSubjectRequestFile serves a document of a request to admins only.
func (s *Server) handleSubjectRequestFile(w http.ResponseWriter, r *http.Request) {
	id, fileID, err := twoPathIDs(r, "id", "file")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	files, err := s.db.SubjectRequestFiles(r.Context(), []int64{id})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, ev := range files[id] {
		if ev.ID == fileID {
			if err := s.db.Audit(r.Context(), actor(r), "download", "evidence", ev.ID, map[string]int64{"subject_request": id}); err != nil {
				s.renderError(w, r, err)
				return
			}
			s.serveEvidence(w, r, &ev)
			return
		}
	}
	s.renderError(w, r, budaya.NotFound(budaya.MsgRequestFileNotFound))
}

func (s *Server) handleSubjectRequestAnswer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.db.AnswerSubjectRequest(r.Context(), actor(r), id, r.PostFormValue("answer"))
	}
	if err != nil {
		s.privacyAdminError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/privacy?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleRestrictionCreate(w http.ResponseWriter, r *http.Request) {
	err := func() error {
		empID, err := s.employeeByIdentifier(r, "employee")
		if err != nil {
			return err
		}
		if empID == 0 {
			return budaya.Invalid("employee", budaya.MsgFillEmployeeNIPIdentifier)
		}
		var reqID int64
		if v := strings.TrimSpace(r.PostFormValue("request_id")); v != "" {
			if reqID, err = strconv.ParseInt(v, 10, 64); err != nil || reqID <= 0 {
				return budaya.Invalid("request_id", budaya.MsgRequestNumberMustBePositive)
			}
		}
		_, err = s.db.RestrictProcessing(r.Context(), actor(r), empID, reqID, r.PostFormValue("reason"))
		return err
	}()
	if err != nil {
		s.privacyAdminError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/privacy?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleRestrictionLift(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.db.LiftRestriction(r.Context(), actor(r), id)
	}
	if err != nil {
		s.privacyAdminError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/privacy?msg=saved", http.StatusSeeOther)
}

type retentionPage struct {
	privacyPage
}

func (s *Server) retentionData(r *http.Request) (retentionPage, error) {
	p := retentionPage{privacyPage{page: s.newPage(r, "retention.title")}}
	var err error
	p.Retention, err = s.db.RetentionPolicies(r.Context())
	return p, err
}

func (s *Server) handleRetention(w http.ResponseWriter, r *http.Request) {
	p, err := s.retentionData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "retention", p)
}

func (s *Server) handleRetentionSave(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, budaya.Invalid("form", budaya.MsgFormCouldNotBeRead))
		return
	}
	var keys []string
	for k := range r.PostForm {
		if strings.HasPrefix(k, "days.") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		days, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get(k)))
		if err == nil {
			err = s.db.SetRetention(r.Context(), actor(r), strings.TrimPrefix(k, "days."), days)
		} else {
			err = budaya.Invalid(k, budaya.MsgRetentionPeriodMustBeWhole)
		}
		if err != nil {
			e := budaya.AsError(err)
			p, perr := s.retentionData(r)
			if e == nil || perr != nil {
				s.renderError(w, r, err)
				return
			}
			p.Error = e.Text(p.Lang)
			s.render(w, r, http.StatusUnprocessableEntity, "retention", p)
			return
		}
	}
	http.Redirect(w, r, "/admin/retention?msg=saved", http.StatusSeeOther)
}
