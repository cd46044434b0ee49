package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/budaya-id/budaya/internal/budaya"
)

// office is a small instansi for the recognition tests: a biro with a
// bagian, its leader (atasan of everyone) and staff with accounts.
type office struct {
	biro, bagian *budaya.Unit
	emp          []*budaya.Employee
	user         []string // usernames, by employee index
}

func (ts *testServer) newOffice(t *testing.T, n int) *office {
	t.Helper()
	sys := budaya.SystemActor("test")
	o := &office{}
	var err error
	if o.biro, err = ts.db.CreateUnit(ctx, sys, budaya.Unit{Code: "BIRO", Name: "Biro Umum", Level: budaya.LevelEselon2}); err != nil {
		t.Fatal(err)
	}
	if o.bagian, err = ts.db.CreateUnit(ctx, sys, budaya.Unit{Code: "BAG", Name: "Bagian Rumah Tangga", Level: budaya.LevelEselon3, ParentID: o.biro.ID}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		unit, sup := o.bagian.ID, int64(0)
		if i == 0 {
			unit = o.biro.ID
		} else {
			sup = o.emp[0].ID
		}
		e, err := ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: fmt.Sprintf("19800101200501%d%03d", 1+i%2, i+1), Name: fmt.Sprintf("Pegawai %02d", i),
			UnitID: unit, SupervisorID: sup, Position: "Analis"})
		if err != nil {
			t.Fatal(err)
		}
		roles := []budaya.RoleGrant{{Role: budaya.RolePegawai}}
		if i == 0 {
			roles = append(roles, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: o.biro.ID})
		}
		name := fmt.Sprintf("peg%02d", i)
		if _, err := ts.db.CreateUser(ctx, sys, budaya.UserInput{Username: name, DisplayName: e.Name, Password: testPassword, EmployeeID: e.ID, Roles: roles}); err != nil {
			t.Fatal(err)
		}
		o.emp, o.user = append(o.emp, e), append(o.user, name)
	}
	return o
}

// postJSON sends v as JSON with the session's CSRF token and decodes the answer into out.
func (c *client) postJSONDecode(path string, v, out any) *http.Response {
	c.t.Helper()
	b, _ := json.Marshal(v)
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	res, body := c.do(req)
	if out != nil {
		if err := json.Unmarshal([]byte(body), out); err != nil {
			c.t.Fatalf("POST %s: %d %q is not JSON", path, res.StatusCode, body)
		}
	}
	return res
}

// postMultipart posts fields and one file (name -> content) as multipart/form-data.
func (c *client) postMultipartFile(path string, fields url.Values, field, filename string, content []byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fields.Set("csrf_token", c.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	if field != "" {
		fw, _ := mw.CreateFormFile(field, filename)
		_, _ = fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestRecognitionPagesAndAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	o := ts.newOffice(t, 7)
	c1 := ts.login(t, o.user[1])

	res, body := c1.postFormBody("/recognition", url.Values{"recipient": {o.emp[2].NIP + " " + o.emp[2].Name},
		"message": {"Menata ulang arsip ruang rapat sampai rapi."}, "values": {"AK", "KO"}, "behaviours": {"AK1"}, "visibility": {"unit"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("give recognition: got %d %s", res.StatusCode, body)
	}
	res, body = c1.postFormBody("/recognition", url.Values{"recipient": {o.emp[1].NIP}, "message": {"Saya sendiri rajin sekali."}, "values": {"AK"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "bukan kepada diri sendiri") || !strings.Contains(body, "Saya sendiri rajin") {
		t.Errorf("self recognition: got %d, want 422 with the message and the input kept", res.StatusCode)
	}
	var created struct {
		ID         int64    `json:"id"`
		Visibility string   `json:"visibility"`
		Values     []string `json:"values"`
	}
	if res := c1.postJSONDecode("/api/v1/recognitions", map[string]any{"recipient_id": o.emp[3].ID, "message": "Terima kasih sudah menggantikan piket pelayanan Jumat lalu.",
		"values": []string{"BP"}, "visibility": "private"}, &created); res.StatusCode != http.StatusCreated || created.Visibility != "private" {
		t.Fatalf("API create: got %d %+v", res.StatusCode, created)
	}
	if res := c1.postJSONDecode("/api/v1/recognitions", map[string]any{"recipient_id": o.emp[3].ID, "message": "x"}, nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("API invalid: got %d, want 400", res.StatusCode)
	}

	// Private: the atasan (0) and the recipient (3) see it; employee 4 does not.
	for who, want := range map[int]bool{0: true, 3: true, 4: false} {
		c := ts.login(t, o.user[who])
		_, wall := c.get("/recognition")
		if got := strings.Contains(wall, "piket pelayanan"); got != want {
			t.Errorf("employee %d sees the private recognition on the wall: got %v, want %v", who, got, want)
		}
		var list struct {
			Total int `json:"total"`
		}
		c.getJSON(fmt.Sprintf("/api/v1/recognitions?recipient=%d", o.emp[3].ID), &list)
		if (list.Total == 1) != want {
			t.Errorf("employee %d API: got total %d", who, list.Total)
		}
	}
	_, page := c1.get(fmt.Sprintf("/recognition?unit=%d&value=AK", o.biro.ID))
	if !strings.Contains(page, "arsip ruang rapat") || strings.Contains(page, "piket pelayanan") {
		t.Errorf("unit wall filtered by AK: want the AK recognition only")
	}
	_, page = c1.get(fmt.Sprintf("/recognition/people/%d", o.emp[2].ID))
	if !strings.Contains(page, "arsip ruang rapat") {
		t.Errorf("person page: want the recognition received")
	}
	_, opts := c1.get("/recognition/people?recipient=" + url.QueryEscape("Pegawai 0"))
	if !strings.Contains(opts, "<option value=\""+o.emp[2].NIP) {
		t.Errorf("colleague search: got %q", opts)
	}

	// The leader's counts: two recipients are fewer than K = 5.
	lead := ts.login(t, o.user[0])
	_, stats := lead.get("/recognition/stats")
	if !strings.Contains(stats, "kurang dari 5 penerima") {
		t.Errorf("stats with two recipients: want the counts withheld")
	}
	if err := ts.db.SetSetting(ctx, budaya.SystemActor("test"), budaya.SettingRecognitionMinGroup, "2"); err != nil {
		t.Fatal(err)
	}
	_, stats = lead.get("/recognition/stats")
	if strings.Contains(stats, "kurang dari") || !strings.Contains(stats, "<td>2</td><td>2</td>") {
		t.Errorf("stats with K = 2: want the counts shown")
	}
	if res, _ := ts.login(t, o.user[4]).get("/recognition/stats"); res.StatusCode != http.StatusForbidden {
		t.Errorf("stats as pegawai: got %d, want 403", res.StatusCode)
	}
	if res, _ := lead.get("/recognition/stats?unit=99999"); res.StatusCode != http.StatusForbidden {
		t.Errorf("stats of a unit outside the leader's: got %d, want 403", res.StatusCode)
	}

	// The admin sets the daily limit and K; bad values are refused and change nothing.
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	admin := ts.login(t, "admin1")
	for _, tt := range []struct {
		limit, k string
		want     int
	}{{"0", "5", http.StatusBadRequest}, {"3", "2", http.StatusBadRequest}, {"1", "4", http.StatusSeeOther}} {
		if res := admin.postForm("/recognition/settings", url.Values{"daily_limit": {tt.limit}, "min_group": {tt.k}}); res.StatusCode != tt.want {
			t.Errorf("settings %s/%s: got %d, want %d", tt.limit, tt.k, res.StatusCode, tt.want)
		}
	}
	if k, _ := ts.db.IntSetting(ctx, budaya.SettingRecognitionMinGroup, 0); k != 4 {
		t.Errorf("K after saving: got %d, want 4", k)
	}
	// With a limit of 1, employee 1 (who gave two today) is refused.
	if res := c1.postJSONDecode("/api/v1/recognitions", map[string]any{"recipient_id": o.emp[5].ID, "message": "Terima kasih atas rapat yang tertib hari ini.",
		"values": []string{"HA"}}, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("over the daily limit: got %d, want 409", res.StatusCode)
	}
}

func TestNominationRoundOverHTTP(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	o := ts.newOffice(t, 6)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	admin := ts.login(t, "admin1")
	until := time.Now().Add(72 * time.Hour).Format("2006-01-02T15:04")
	res, body := admin.postFormBody("/nominations", url.Values{"title": {"Duta Akuntabel"}, "period": {"Triwulan II 2026"}, "value": {"AK"}, "nominate_until": {until},
		"winners": {"1"}, "criterion_name": {"Dampak", "Konsistensi"}, "criterion_weight": {"70", "20"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "saat ini 90") {
		t.Fatalf("weights adding to 90: got %d, want 422 saying so", res.StatusCode)
	}
	res = admin.postForm("/nominations", url.Values{"title": {"Duta Akuntabel"}, "period": {"Triwulan II 2026"}, "value": {"AK"}, "nominate_until": {until},
		"winners": {"1"}, "criterion_name": {"Dampak", "Konsistensi"}, "criterion_weight": {"70", "30"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create round: got %d", res.StatusCode)
	}
	roundURL := strings.SplitN(res.Header.Get("Location"), "?", 2)[0]
	var roundID int64
	fmt.Sscanf(roundURL, "/nominations/%d", &roundID)

	c1 := ts.login(t, o.user[1])
	pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	res, body = c1.postMultipartFile(roundURL+"/nominate", url.Values{"nominee": {o.emp[2].NIP}, "reason": {"Menyusun laporan keuangan unit tepat waktu dan terbuka selama setahun."}},
		"evidence", "laporan.pdf", pdf)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("nominate with evidence: got %d %s", res.StatusCode, body)
	}
	res, body = c1.postMultipartFile(roundURL+"/nominate", url.Values{"nominee": {o.emp[3].NIP}, "reason": {"Selalu jujur dalam melaporkan pekerjaannya kepada atasan."}},
		"evidence", "foto.png", []byte("not a png at all"))
	if res.StatusCode == http.StatusSeeOther || !strings.Contains(body, "Selalu jujur") {
		t.Errorf("evidence that is not what its name claims: got %d, want the form again", res.StatusCode)
	}
	var nom struct {
		ID int64 `json:"id"`
	}
	if res := ts.login(t, o.user[4]).postJSONDecode("/api/v1/nominations", map[string]any{"round_id": roundID, "nominee_id": o.emp[3].ID,
		"reason": "Membimbing pegawai baru memahami SOP tanpa diminta."}, &nom); res.StatusCode != http.StatusCreated {
		t.Fatalf("API nominate: got %d", res.StatusCode)
	}
	_, page := c1.get(roundURL)
	evLink := regexpFind(t, page, `/nominations/\d+/evidence/\d+`)
	if res, _ := c1.get(evLink); res.StatusCode != http.StatusOK {
		t.Errorf("nominator opens own evidence: got %d", res.StatusCode)
	}
	if res, _ := ts.login(t, o.user[5]).get(evLink); res.StatusCode != http.StatusNotFound {
		t.Errorf("another employee opens the evidence: got %d, want 404", res.StatusCode)
	}

	// Committee: the leader (0) and employee 5.
	users := map[int]int64{}
	for _, i := range []int{0, 5} {
		u, err := ts.db.FindUserByUsername(ctx, o.user[i])
		if err != nil {
			t.Fatal(err)
		}
		users[i] = u.ID
	}
	if res := admin.postForm(roundURL+"/committee", url.Values{"usernames": {o.user[0] + ", " + o.user[5]}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("set committee: got %d", res.StatusCode)
	}
	if res := admin.postForm(roundURL+"/close", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: got %d", res.StatusCode)
	}
	round, err := ts.db.FindRound(ctx, roundID)
	if err != nil || len(round.Committee) != 2 {
		t.Fatalf("round: %+v %v", round, err)
	}
	score := func(c *client, nominee int64, a, b int) *http.Response {
		return c.postForm(roundURL+"/score", url.Values{"nominee_id": {fmt.Sprint(nominee)},
			fmt.Sprintf("score_%d", round.Criteria[0].ID): {fmt.Sprint(a)}, fmt.Sprintf("score_%d", round.Criteria[1].ID): {fmt.Sprint(b)}})
	}
	m0, m5 := ts.login(t, o.user[0]), ts.login(t, o.user[5])
	if res := score(m0, o.emp[2].ID, 5, 5); res.StatusCode != http.StatusConflict {
		t.Errorf("score before declaring: got %d, want 409", res.StatusCode)
	}
	declare := func(c *client, nominee int64, conflict string) *http.Response {
		return c.postForm(roundURL+"/declare", url.Values{"nominee_id": {fmt.Sprint(nominee)}, "conflict": {conflict}})
	}
	for _, step := range []struct {
		res  *http.Response
		want int
	}{
		{declare(m0, o.emp[2].ID, "yes"), http.StatusSeeOther}, // the leader has a conflict with nominee 2
		{score(m0, o.emp[2].ID, 5, 5), http.StatusForbidden},
		{declare(m0, o.emp[3].ID, "no"), http.StatusSeeOther},
		{score(m0, o.emp[3].ID, 3, 3), http.StatusSeeOther}, // 50
		{declare(m5, o.emp[2].ID, "no"), http.StatusSeeOther},
		{score(m5, o.emp[2].ID, 4, 4), http.StatusSeeOther}, // 75
		{declare(m5, o.emp[3].ID, "no"), http.StatusSeeOther},
		{score(m5, o.emp[3].ID, 4, 5), http.StatusSeeOther}, // 70*.75+30 = 82.5 -> mean 66.25
	} {
		if step.res.StatusCode != step.want {
			t.Fatalf("committee step: got %d, want %d", step.res.StatusCode, step.want)
		}
	}
	_, page = m0.get(roundURL)
	if !strings.Contains(page, "Anda menyatakan konflik kepentingan") {
		t.Errorf("committee page: want the declared conflict shown")
	}
	if res := admin.postForm(roundURL+"/announce", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("announce: got %d", res.StatusCode)
	}
	var rounds struct {
		Items []struct {
			Status    string `json:"status"`
			Announced []struct {
				EmployeeID int64   `json:"employee_id"`
				Total      float64 `json:"total"`
			} `json:"announced_winners"`
		} `json:"items"`
	}
	c1.getJSON("/api/v1/nominations", &rounds)
	if len(rounds.Items) != 1 || rounds.Items[0].Status != "announced" || len(rounds.Items[0].Announced) != 1 ||
		rounds.Items[0].Announced[0].EmployeeID != o.emp[2].ID || rounds.Items[0].Announced[0].Total != 75 {
		t.Fatalf("announced: got %+v, want nominee 2 with 75 (the conflicted leader's scores do not count)", rounds)
	}
	res, body = c1.get(fmt.Sprintf("%s/certificates/%d", roundURL, o.emp[2].ID))
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("certificate: got %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if res, _ := c1.get(fmt.Sprintf("%s/certificates/%d", roundURL, o.emp[3].ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("certificate of a non-winner: got %d, want 404", res.StatusCode)
	}
	_, page = c1.get(fmt.Sprintf("/recognition/people/%d", o.emp[2].ID))
	if !strings.Contains(page, "Duta BerAKHLAK Akuntabel") {
		t.Errorf("profile badge: want the award shown on the person page")
	}
}

func TestSignalsPageJobAndAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	o := ts.newOffice(t, 8)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	admin := ts.login(t, "admin1")
	if err := ts.db.SetSetting(ctx, budaya.SystemActor("test"), budaya.SettingRecognitionDailyLimit, "50"); err != nil {
		t.Fatal(err)
	}
	// Employee 1 sends the same text to six colleagues.
	c1 := ts.login(t, o.user[1])
	for i := 2; i < 8; i++ {
		if res := c1.postJSONDecode("/api/v1/recognitions", map[string]any{"recipient_id": o.emp[i].ID, "message": "Mantap, kerja bagus sekali, pertahankan semangatnya!",
			"values": []string{"KO"}}, nil); res.StatusCode != http.StatusCreated {
			t.Fatalf("recognition: got %d", res.StatusCode)
		}
	}
	res := admin.postForm("/signals/recompute", nil)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/jobs/") {
		t.Fatalf("recompute: got %d to %q, want the job page", res.StatusCode, res.Header.Get("Location"))
	}
	if ran, err := ts.srv.Jobs().RunOnce(context.Background()); !ran || err != nil {
		t.Fatalf("run job: %v %v", ran, err)
	}
	_, page := admin.get("/signals")
	if !strings.Contains(page, "Teks berulang") || !strings.Contains(page, "Pegawai 01 menulis teks yang sama") {
		t.Fatalf("signals page: want the text reuse signal with its reason")
	}
	var list struct {
		Items []struct {
			ID       int64          `json:"id"`
			Kind     string         `json:"kind"`
			Evidence map[string]any `json:"evidence"`
		} `json:"items"`
	}
	admin.getJSON("/api/v1/signals?reviewed=no", &list)
	if len(list.Items) != 1 || list.Items[0].Kind != "text_reuse" || list.Items[0].Evidence["targets"] != float64(6) {
		t.Fatalf("API signals: got %+v", list)
	}
	var reviewed struct {
		Reviewed   bool   `json:"reviewed"`
		ReviewNote string `json:"review_note"`
	}
	if res := admin.postJSONDecode(fmt.Sprintf("/api/v1/signals/%d/review", list.Items[0].ID), map[string]string{"note": "Sudah diingatkan untuk menulis apresiasi yang spesifik."}, &reviewed); res.StatusCode != http.StatusOK || !reviewed.Reviewed {
		t.Errorf("review: got %d %+v", res.StatusCode, reviewed)
	}
	if res := admin.postForm(fmt.Sprintf("/signals/%d/review", list.Items[0].ID), nil); res.StatusCode != http.StatusConflict {
		t.Errorf("second review: got %d, want 409", res.StatusCode)
	}

	// Every API answer with data matches the OpenAPI document.
	doc := loadOpenAPI(t, ts)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/recognitions", "/api/v1/recognitions?value=KO", "/api/v1/signals", "/api/v1/nominations"} {
		res, body := admin.get(path)
		req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Fatalf("find %s: %v", path, err)
		}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
			Status: res.StatusCode, Header: res.Header, Body: io.NopCloser(strings.NewReader(body)),
		}
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			t.Errorf("GET %s (%d) does not match the document: %v", path, res.StatusCode, err)
		}
	}
}

// regexpFind returns the first match of pattern in s, failing t when there is none.
func regexpFind(t *testing.T, s, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindString(s)
	if m == "" {
		t.Fatalf("no %s in the page", pattern)
	}
	return m
}
