package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// valueNames helps templates name values and behaviours in the page's language.
type valueNames struct {
	Framework *budaya.Framework
	lang      string
}

// ValueName returns the name of value code in the page's language (the code when unknown).
func (v valueNames) ValueName(code string) string {
	if v.Framework == nil {
		return code
	}
	if val := v.Framework.Value(code); val != nil {
		if v.lang == "en" && val.NameEN != "" {
			return val.NameEN
		}
		return val.Name
	}
	return code
}

// statusBadge is a round status as shown.
type statusBadge struct{ Class, Text string }

// RoundStatus names a nomination round status in the page's language.
func (v valueNames) RoundStatus(status string) statusBadge {
	class := map[string]string{budaya.RoundOpen: "ok", budaya.RoundScoring: "warn", budaya.RoundAnnounced: "award"}[status]
	return statusBadge{Class: class, Text: translate(v.lang, "nomination.status."+status)}
}

// BehaviourText returns the text of behaviour b in the page's language.
func (v valueNames) BehaviourText(b budaya.Behaviour) string {
	if v.lang == "en" && b.TextEN != "" {
		return b.TextEN
	}
	return b.Text
}

// kudoView is what the "kudo" partial shows: one recognition on a page.
type kudoView struct {
	P     page
	Names valueNames
	R     budaya.Recognition
}

// kudoHost is a page that lists recognitions.
type kudoHost interface {
	kudoParts() (page, valueNames)
}

func (p recognitionPage) kudoParts() (page, valueNames) { return p.page, p.valueNames }
func (p personPage) kudoParts() (page, valueNames)      { return p.page, p.valueNames }

// kudoOf pairs a recognition with the page that shows it, for the partial.
func kudoOf(host kudoHost, r budaya.Recognition) kudoView {
	p, n := host.kudoParts()
	return kudoView{P: p, Names: n, R: r}
}

type recognitionForm struct {
	Recipient  string
	Message    string
	Visibility string
	Values     []string
	Behaviours []string
}

// Has reports whether the form has code among its values or behaviours.
func (f recognitionForm) Has(code string) bool {
	return slices.Contains(f.Values, code) || slices.Contains(f.Behaviours, code)
}

type recognitionPage struct {
	page
	valueNames
	Items  []budaya.Recognition
	Filter budaya.RecognitionFilter
	// Older is the query of the next (older) part of the wall, empty at its
	// end; Newest the query of its start, empty on the start itself.
	Older, Newest string
	Units         []budaya.Unit
	Me            *budaya.Employee
	Form          recognitionForm
	Limit         int
}

// viewerID is the employee linked to the signed-in user, 0 when none.
func viewerID(r *http.Request) int64 {
	if u := userFrom(r.Context()); u != nil {
		return u.EmployeeID
	}
	return 0
}

func recognitionFilterOf(r *http.Request) (budaya.RecognitionFilter, error) {
	q := r.URL.Query()
	f := budaya.RecognitionFilter{Value: strings.ToUpper(strings.TrimSpace(q.Get("value"))), Page: queryPage(r), PerPage: 20}
	if v := q.Get("unit"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, budaya.Invalid("unit", budaya.MsgUnitFilterNotValid)
		}
		f.UnitID = id
	}
	return f, nil
}

func (s *Server) recognitionPageData(r *http.Request) (recognitionPage, error) {
	ctx := r.Context()
	p := recognitionPage{page: s.newPage(r, "recognition.title")}
	var err error
	if p.Framework, err = s.db.ActiveFramework(ctx); err != nil {
		return p, err
	}
	p.lang = p.Lang
	if p.Filter, err = recognitionFilterOf(r); err != nil {
		return p, err
	}
	if id := viewerID(r); id != 0 {
		if p.Me, err = s.db.FindEmployee(ctx, id); err != nil {
			return p, err
		}
		p.Filter.ViewerEmployeeID = id
	}
	if p.Units, _, err = s.db.ListUnits(ctx, budaya.UnitFilter{}); err != nil {
		return p, err
	}
	if p.Limit, err = s.db.IntSetting(ctx, budaya.SettingRecognitionDailyLimit, budaya.DefaultRecognitionDailyLimit); err != nil {
		return p, err
	}
	before, err := wallCursorOf(r)
	if err != nil {
		return p, err
	}
	var more bool
	if p.Items, more, err = s.db.RecognitionWall(ctx, p.Filter, before); err != nil {
		return p, err
	}
	q := r.URL.Query()
	q.Del("before")
	q.Del("page")
	q.Del("msg")
	if before.ID != 0 {
		p.Newest = "?" + q.Encode()
	}
	if more {
		last := p.Items[len(p.Items)-1]
		q.Set("before", wallCursor(store.RecognitionCursor{At: last.CreatedAt, ID: last.ID}))
		p.Older = "?" + q.Encode()
	}
	p.Form.Visibility = budaya.VisibilityUnit
	return p, nil
}

// wallCursor writes a place on the wall for ?before=: the recognition's time
// in Unix nanoseconds and its id.
func wallCursor(c store.RecognitionCursor) string {
	return strconv.FormatInt(c.At.UnixNano(), 10) + "-" + strconv.FormatInt(c.ID, 10)
}

// wallCursorOf reads ?before= (absent: the newest end of the wall).
func wallCursorOf(r *http.Request) (store.RecognitionCursor, error) {
	v := r.URL.Query().Get("before")
	if v == "" {
		return store.RecognitionCursor{}, nil
	}
	at, id, ok := strings.Cut(v, "-")
	ns, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil || n <= 0 {
		return store.RecognitionCursor{}, budaya.Invalid("before", budaya.MsgLinkPartRecognitionWall)
	}
	return store.RecognitionCursor{At: time.Unix(0, ns).UTC(), ID: n}, nil
}

func (s *Server) handleRecognitionWall(w http.ResponseWriter, r *http.Request) {
	p, err := s.recognitionPageData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if r.Header.Get("HX-Request") != "" {
		s.renderBlock(w, r, http.StatusOK, "recognition", "recognition-list", p)
		return
	}
	s.render(w, r, http.StatusOK, "recognition", p)
}

// resolveRecipient finds the colleague named in the form: by NIP or other
// identifier, else by a name that matches exactly one active employee.
func (s *Server) resolveRecipient(r *http.Request, v string) (int64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	// The colleague list offers "<NIP> <name>": the identifier comes first.
	if id, _, ok := strings.Cut(v, " "); ok {
		if e, err := s.db.FindEmployeeByIdentifier(r.Context(), id); err == nil {
			return e.ID, nil
		}
	}
	if e, err := s.db.FindEmployeeByIdentifier(r.Context(), v); err == nil {
		return e.ID, nil
	} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
		return 0, err
	}
	list, total, err := s.db.ListEmployees(r.Context(), budaya.EmployeeFilter{Query: v, PerPage: 2})
	if err != nil {
		return 0, err
	}
	if total == 1 {
		return list[0].ID, nil
	}
	if total == 0 {
		return 0, budaya.Invalid("recipient", budaya.MsgNoActiveEmployeeNIP, v)
	}
	return 0, budaya.Invalid("recipient", budaya.MsgSeveralEmployeesMatchPick, v)
}

func (s *Server) handleRecognitionCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	form := recognitionForm{Recipient: r.PostForm.Get("recipient"), Message: r.PostForm.Get("message"), Visibility: r.PostForm.Get("visibility"),
		Values: r.PostForm["values"], Behaviours: r.PostForm["behaviours"]}
	id, err := s.resolveRecipient(r, form.Recipient)
	if err == nil {
		_, err = s.db.CreateRecognition(r.Context(), actor(r), budaya.RecognitionInput{RecipientID: id, Message: form.Message,
			Visibility: form.Visibility, Values: form.Values, Behaviours: form.Behaviours}, s.loc)
	}
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || (e.Code != budaya.EINVALID && e.Code != budaya.ECONFLICT) {
			s.renderError(w, r, err)
			return
		}
		p, perr := s.recognitionPageData(r)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		p.Error, p.Form = e.Text(p.Lang), form
		s.render(w, r, http.StatusUnprocessableEntity, "recognition", p)
		return
	}
	http.Redirect(w, r, "/recognition?msg=recognition_sent", http.StatusSeeOther)
}

type personOption struct {
	Value, Label string
}

type peoplePage struct {
	page
	Options []personOption
}

// handleRecognitionPeople answers the colleague search of the form (an htmx fragment of datalist options).
func (s *Server) handleRecognitionPeople(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("recipient"))
	if q == "" {
		q = strings.TrimSpace(r.URL.Query().Get("nominee"))
	}
	p := peoplePage{page: s.newPage(r, "recognition.title")}
	if len([]rune(q)) >= 2 {
		list, _, err := s.db.ListEmployees(r.Context(), budaya.EmployeeFilter{Query: q, PerPage: 10})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		// The unit tells two people of the same name apart.
		ids := make([]int64, 0, len(list))
		for _, e := range list {
			ids = append(ids, e.UnitID)
		}
		units, err := s.db.FindUnits(r.Context(), ids)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, e := range list {
			label := e.Position
			if u := units[e.UnitID]; u != nil {
				label = strings.TrimPrefix(label+" · "+u.Name, " · ")
			}
			p.Options = append(p.Options, personOption{Value: e.Identifier() + " " + e.Name, Label: label})
		}
	}
	s.renderBlock(w, r, http.StatusOK, "recognition", "people-options", p)
}

type personPage struct {
	page
	valueNames
	Person   *budaya.Employee
	Unit     *budaya.Unit
	Badges   []budaya.Badge
	Items    []budaya.Recognition
	PerValue []budaya.ValueCount
	Pager    pager
}

func (s *Server) handleRecognitionPerson(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := personPage{page: s.newPage(r, "recognition.person_title")}
	if p.Person, err = s.db.FindEmployee(ctx, id); err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.Unit, err = s.db.FindUnit(ctx, p.Person.UnitID); err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.Framework, err = s.db.ActiveFramework(ctx); err != nil {
		s.renderError(w, r, err)
		return
	}
	p.lang = p.Lang
	if p.Badges, err = s.db.Badges(ctx, id); err != nil {
		s.renderError(w, r, err)
		return
	}
	f := budaya.RecognitionFilter{RecipientID: id, ViewerEmployeeID: viewerID(r), Page: queryPage(r), PerPage: 20}
	var total int
	if p.Items, total, err = s.db.ListRecognitions(ctx, f); err != nil {
		s.renderError(w, r, err)
		return
	}
	p.Pager = pager{Page: f.Page, PerPage: f.PerPage, Total: total}
	// Counts per value over every recognition this viewer may see.
	all := f
	all.Page, all.PerPage = 1, 500
	seen, _, err := s.db.ListRecognitions(ctx, all)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	counts := map[string]int{}
	for _, rec := range seen {
		for _, v := range rec.Values {
			counts[v]++
		}
	}
	for _, v := range p.Framework.Values {
		if counts[v.Code] > 0 {
			p.PerValue = append(p.PerValue, budaya.ValueCount{Code: v.Code, Count: counts[v.Code]})
		}
	}
	s.render(w, r, http.StatusOK, "recognition_person", p)
}

type statsRow struct {
	Unit  budaya.Unit
	Stats *budaya.UnitRecognitionStats
}

type recognitionStatsPage struct {
	page
	valueNames
	Unit    *budaya.Unit
	Choices []budaya.Unit // units the viewer may look at
	Rows    []statsRow    // the unit, then its direct sub-units
	Days    int
	Limit   int // the daily limit, for the admin's settings form
	K       int
}

// statsUnits are the units whose recognition counts the reader may see:
// every unit for an admin, a pimpinan's own units and those below them.
func (s *Server) statsUnits(r *http.Request) ([]budaya.Unit, error) {
	all, _, err := s.db.ListUnits(r.Context(), budaya.UnitFilter{})
	if err != nil {
		return nil, err
	}
	rd := readerFrom(r.Context())
	var out []budaya.Unit
	for _, un := range all {
		if budaya.MaySeeUnit(rd, un.Path) {
			out = append(out, un)
		}
	}
	return out, nil
}

func (s *Server) handleRecognitionStats(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := recognitionStatsPage{page: s.newPage(r, "recognition.stats_title"), Days: 90}
	var err error
	if p.Framework, err = s.db.ActiveFramework(ctx); err != nil {
		s.renderError(w, r, err)
		return
	}
	p.lang = p.Lang
	if d, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && d >= 7 && d <= 730 {
		p.Days = d
	}
	if p.Limit, err = s.db.IntSetting(ctx, budaya.SettingRecognitionDailyLimit, budaya.DefaultRecognitionDailyLimit); err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.K, err = s.db.IntSetting(ctx, budaya.SettingRecognitionMinGroup, budaya.DefaultRecognitionMinGroup); err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.Choices, err = s.statsUnits(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	if len(p.Choices) == 0 {
		s.render(w, r, http.StatusOK, "recognition_stats", p)
		return
	}
	chosen := p.Choices[0]
	if v := r.URL.Query().Get("unit"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		i := slices.IndexFunc(p.Choices, func(u budaya.Unit) bool { return u.ID == id })
		if i < 0 {
			s.renderError(w, r, budaya.Forbidden())
			return
		}
		chosen = p.Choices[i]
	}
	p.Unit = &chosen
	since := s.db.Now().AddDate(0, 0, -p.Days)
	rows := []budaya.Unit{chosen}
	for _, u := range p.Choices {
		if u.ParentID == chosen.ID {
			rows = append(rows, u)
		}
	}
	for _, u := range rows {
		st, err := s.db.UnitRecognitionStats(ctx, u.ID, since)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		p.Rows = append(p.Rows, statsRow{Unit: u, Stats: st})
	}
	s.render(w, r, http.StatusOK, "recognition_stats", p)
}

func (s *Server) handleRecognitionSettings(w http.ResponseWriter, r *http.Request) {
	limit, k, err := budaya.ParseRecognitionSettings(r.PostFormValue("daily_limit"), r.PostFormValue("min_group"))
	if err == nil {
		err = s.db.SetSetting(r.Context(), actor(r), budaya.SettingRecognitionDailyLimit, strconv.Itoa(limit))
	}
	if err == nil {
		err = s.db.SetSetting(r.Context(), actor(r), budaya.SettingRecognitionMinGroup, strconv.Itoa(k))
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/recognition/stats?msg=saved", http.StatusSeeOther)
}

// Count returns the count of value code in st, for the table.
func (p recognitionStatsPage) Count(st *budaya.UnitRecognitionStats, code string) int {
	for _, c := range st.PerValue {
		if c.Code == code {
			return c.Count
		}
	}
	return 0
}

// The JSON API.

type apiRecognition struct {
	ID          int64     `json:"id"`
	SenderID    int64     `json:"sender_id"`
	SenderName  string    `json:"sender_name"`
	RecipientID int64     `json:"recipient_id"`
	Recipient   string    `json:"recipient_name"`
	UnitID      int64     `json:"unit_id"`
	UnitName    string    `json:"unit_name"`
	Message     string    `json:"message"`
	Visibility  string    `json:"visibility"`
	Values      []string  `json:"values"`
	Behaviours  []string  `json:"behaviours"`
	CreatedAt   time.Time `json:"created_at"`
}

func toAPIRecognition(r budaya.Recognition) apiRecognition {
	out := apiRecognition{ID: r.ID, SenderID: r.SenderID, SenderName: r.SenderName, RecipientID: r.RecipientID, Recipient: r.Recipient,
		UnitID: r.UnitID, UnitName: r.UnitName, Message: r.Message, Visibility: r.Visibility, Values: []string{}, Behaviours: []string{}, CreatedAt: r.CreatedAt}
	out.Values = append(out.Values, r.Values...)
	out.Behaviours = append(out.Behaviours, r.Behaviours...)
	return out
}

func (s *Server) handleAPIRecognitions(w http.ResponseWriter, r *http.Request) {
	f, err := recognitionFilterOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	q := r.URL.Query()
	for _, k := range []struct {
		name string
		dst  *int64
	}{{"recipient", &f.RecipientID}, {"sender", &f.SenderID}} {
		if v := q.Get(k.name); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				s.renderError(w, r, budaya.Invalid(k.name, budaya.MsgParameterMustBeEmployee, k.name))
				return
			}
			*k.dst = id
		}
	}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 && n <= 200 {
		f.PerPage = n
	}
	f.ViewerEmployeeID = viewerID(r)
	list, total, err := s.db.ListRecognitions(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiRecognition]{Items: []apiRecognition{}, Total: total}
	for _, rec := range list {
		out.Items = append(out.Items, toAPIRecognition(rec))
	}
	writeJSON(w, http.StatusOK, out)
}

type apiRecognitionInput struct {
	RecipientID int64    `json:"recipient_id"`
	Message     string   `json:"message"`
	Visibility  string   `json:"visibility"`
	Values      []string `json:"values"`
	Behaviours  []string `json:"behaviours"`
}

func (s *Server) handleAPIRecognitionCreate(w http.ResponseWriter, r *http.Request) {
	var in apiRecognitionInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.renderError(w, r, err)
		return
	}
	rec, err := s.db.CreateRecognition(r.Context(), actor(r), budaya.RecognitionInput{RecipientID: in.RecipientID, Message: in.Message,
		Visibility: in.Visibility, Values: in.Values, Behaviours: in.Behaviours}, s.loc)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/recognitions?recipient="+url.QueryEscape(strconv.FormatInt(rec.RecipientID, 10)))
	writeJSON(w, http.StatusCreated, toAPIRecognition(*rec))
}
