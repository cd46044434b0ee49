package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/xuri/excelize/v2"

	"github.com/budaya-id/budaya/internal/budaya"
)

// roadmapWorld is a test server with units, an admin and a roadmap made through the pages.
type roadmapWorld struct {
	ts        *testServer
	admin     *client
	roadmapID int64
	progID    int64
	units     []*budaya.Unit
}

func newRoadmapWorld(t *testing.T) *roadmapWorld {
	t.Helper()
	ts := newTestServer(t)
	w := &roadmapWorld{ts: ts}
	root, err := ts.db.CreateUnit(ctx, budaya.SystemActor("test"), budaya.Unit{Code: "SJ", Name: "Sekretariat Jenderal", Level: budaya.LevelEselon1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"SJ.01", "SJ.02"} {
		u, err := ts.db.CreateUnit(ctx, budaya.SystemActor("test"), budaya.Unit{Code: c, Name: "Biro " + c, Level: budaya.LevelEselon2, ParentID: root.ID})
		if err != nil {
			t.Fatal(err)
		}
		w.units = append(w.units, u)
	}
	ts.mustUser(t, "admin_rm", budaya.RoleAdmin)
	w.admin = ts.login(t, "admin_rm")
	res := w.admin.postForm("/roadmaps", url.Values{"name": {"Roadmap 2025-2029"}, "start_year": {"2025"}, "end_year": {"2029"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create roadmap: got %d", res.StatusCode)
	}
	w.roadmapID = idFromLocation(t, res)
	if res := w.admin.postForm("/roadmaps/"+itoa(w.roadmapID)+"/programmes", url.Values{"code": {"P1"}, "name": {"Internalisasi"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create programme: got %d", res.StatusCode)
	}
	ps, err := ts.db.ListProgrammes(ctx, w.roadmapID)
	if err != nil || len(ps) != 1 {
		t.Fatalf("programmes: %v", err)
	}
	w.progID = ps[0].ID
	return w
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

var idInPath = regexp.MustCompile(`/(\d+)(\?|$|#)`)

func idFromLocation(t *testing.T, res *http.Response) int64 {
	t.Helper()
	m := idInPath.FindStringSubmatch(res.Header.Get("Location"))
	if m == nil {
		t.Fatalf("no id in Location %q", res.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// activity posts the new-activity form and returns the new id.
func (w *roadmapWorld) activity(t *testing.T, code string, unit int, values []string, status, ceiling, realised, account string) int64 {
	t.Helper()
	form := url.Values{"programme_id": {itoa(w.progID)}, "code": {code}, "name": {"Kegiatan " + code}, "values": values,
		"owner_unit_id": {itoa(w.units[unit].ID)}, "quarters": {"2025Q3-2026Q4"}, "status": {status}, "target": {"10"}, "realisation": {"4"},
		"fiscal_year": {"2026"}, "ceiling": {ceiling}, "realised": {realised}, "funding_source": {"rupiah_murni"}, "account_code": {account}}
	res, body := w.admin.postFormBody("/roadmaps/"+itoa(w.roadmapID)+"/activities", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create activity %s: got %d: %s", code, res.StatusCode, flashError(body))
	}
	return idFromLocation(t, res)
}

var flashRe = regexp.MustCompile(`class="flash error" role="alert">([^<]*)<`)

func flashError(body string) string {
	if m := flashRe.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

func TestActivityFormRefusesBadInput(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	closed, err := w.ts.db.CreateUnit(ctx, budaya.SystemActor("test"), budaya.Unit{Code: "SJ.09", Name: "Biro Lama", Level: budaya.LevelEselon2, ParentID: w.units[0].ParentID})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ts.db.CloseUnit(ctx, budaya.SystemActor("test"), closed.ID); err != nil {
		t.Fatal(err)
	}
	base := url.Values{"programme_id": {itoa(w.progID)}, "code": {"K9"}, "name": {"Apel"}, "owner_unit_id": {itoa(w.units[0].ID)},
		"quarters": {"2026Q1"}, "fiscal_year": {"2026"}, "ceiling": {"Rp 1.000.000"}, "account_code": {"521211"}, "funding_source": {"rupiah_murni"}}
	tests := []struct {
		field, value, want string
	}{
		{"ceiling", "-5.000", "negatif"},
		{"ceiling", "1.000.000,50", "desimal"},
		{"ceiling", "99999999999999999999", "terlalu besar"},
		{"quarters", "2031Q1", "di luar rentang"},
		{"owner_unit_id", itoa(closed.ID), "ditutup"},
		{"fiscal_year", "2024", "di luar rentang"},
		{"account_code", "52", "Kode akun"},
		{"pic", "123", "NIP"},
	}
	for _, tt := range tests {
		t.Run(tt.field+"="+tt.value, func(t *testing.T) {
			form := url.Values{}
			for k, v := range base {
				form[k] = v
			}
			form.Set(tt.field, tt.value)
			res, body := w.admin.postFormBody("/roadmaps/"+itoa(w.roadmapID)+"/activities", form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), tt.want) {
				t.Errorf("got %d %q, want 422 saying %q", res.StatusCode, flashError(body), tt.want)
			}
			if !strings.Contains(body, `value="Apel"`) {
				t.Errorf("the form did not come back filled in")
			}
		})
	}
	as, _ := w.ts.db.ListActivities(ctx, storeFilterRoadmap(w.roadmapID))
	if len(as) != 0 {
		t.Errorf("after refusals: got %d activities, want none saved", len(as))
	}
}

// TestBudgetReconciles checks that the budget figures agree to the rupiah
// between the page, the XLSX export, the API and the budget proposal.
func TestBudgetReconciles(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	w.activity(t, "K1", 0, []string{"AK", "BP"}, "running", "Rp 125.500.000", "Rp 98.765.432", "521211")
	w.activity(t, "K2", 0, nil, "planned", "40.000.000", "", "524111")
	w.activity(t, "K3", 1, []string{"AK"}, "done", "7.250.001", "8.000.000", "521211") // realised above ceiling
	k4 := w.activity(t, "K4", 1, []string{"KO"}, "cancelled", "3.000.000", "", "521211")
	// A line of the previous year, for the proposal's comparison.
	if res := w.admin.postForm("/activities/"+itoa(k4-3)+"/budget", url.Values{"fiscal_year": {"2025"}, "ceiling": {"100.000.000"},
		"realised": {"90.000.000"}, "account_code": {"521211"}, "funding_source": {"rupiah_murni"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add 2025 line: got %d", res.StatusCode)
	}
	const wantCeiling, wantRealised = 125_500_000 + 40_000_000 + 7_250_001 + 3_000_000, 98_765_432 + 8_000_000

	var api struct {
		Total struct {
			Ceiling, Realised int64
		} `json:"total"`
		ByUnit []struct {
			Key      string `json:"key"`
			Ceiling  int64  `json:"ceiling"`
			Realised int64  `json:"realised"`
		} `json:"by_unit"`
		ByValue []struct {
			Key     string `json:"key"`
			Ceiling int64  `json:"ceiling"`
		} `json:"by_value"`
	}
	if res := w.admin.getJSON("/api/v1/budget?year=2026", &api); res.StatusCode != http.StatusOK {
		t.Fatalf("API budget: got %d", res.StatusCode)
	}
	if api.Total.Ceiling != wantCeiling || api.Total.Realised != wantRealised {
		t.Errorf("API total: got %d / %d, want %d / %d", api.Total.Ceiling, api.Total.Realised, wantCeiling, wantRealised)
	}
	apiUnits := map[string][2]int64{}
	for _, u := range api.ByUnit {
		apiUnits[u.Key] = [2]int64{u.Ceiling, u.Realised}
	}
	if apiUnits["SJ.01"] != [2]int64{165_500_000, 98_765_432} || apiUnits["SJ.02"] != [2]int64{10_250_001, 8_000_000} {
		t.Errorf("API by unit: got %v", apiUnits)
	}
	for _, v := range api.ByValue {
		if v.Key == "AK" && v.Ceiling != 125_500_000+7_250_001 {
			t.Errorf("API value AK: got %d, want the full amount of both activities", v.Ceiling)
		}
	}

	// The page shows the same rupiah, in data attributes and as text.
	_, page := w.admin.get("/budget?year=2026&by=unit")
	for _, want := range []string{"Rp 165.500.000", "Rp 98.765.432", "Rp 10.250.001", budaya.FormatRupiah(wantCeiling),
		`data-rupiah="` + strconv.Itoa(wantCeiling) + `"`, "<svg", `class="bar-ceiling"`} {
		if !strings.Contains(page, want) {
			t.Errorf("budget page lacks %q", want)
		}
	}
	if strings.Contains(page, "style=") {
		t.Errorf("budget page has an inline style attribute, which the CSP forbids")
	}

	// The XLSX has the same figures.
	res, body := w.admin.get("/budget/export?year=2026&format=xlsx")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("budget XLSX: got %d", res.StatusCode)
	}
	rows := xlsxRows(t, body)
	xlsx := map[string][2]int64{}
	for _, r := range rows[1:] {
		c, _ := strconv.ParseInt(r[3], 10, 64)
		re, _ := strconv.ParseInt(r[4], 10, 64)
		xlsx[r[0]+"/"+r[1]] = [2]int64{c, re}
	}
	if xlsx["Jumlah/"] != [2]int64{wantCeiling, wantRealised} || xlsx["Unit/SJ.01"] != apiUnits["SJ.01"] || xlsx["Unit/SJ.02"] != apiUnits["SJ.02"] {
		t.Errorf("XLSX figures: got %v, want those of the API %v", xlsx, apiUnits)
	}

	// The proposal leaves out the cancelled activity and compares with 2025.
	var prop struct {
		Amount, Previous int64
	}
	w.admin.getJSON("/api/v1/budget-proposal?year=2026", &prop)
	if prop.Amount != wantCeiling-3_000_000 || prop.Previous != 100_000_000 {
		t.Errorf("proposal: got %d (previous %d), want %d (100000000)", prop.Amount, prop.Previous, wantCeiling-3_000_000)
	}
	res, body = w.admin.get("/budget-proposal?year=2026&format=xlsx")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "usulan-anggaran-budaya-2026.xlsx") {
		t.Fatalf("proposal XLSX: got %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	rows = xlsxRows(t, body)
	last := rows[len(rows)-1]
	if last[1] != "Jumlah seluruhnya" || last[9] != strconv.Itoa(int(prop.Amount)) || last[10] != "100000000" {
		t.Errorf("proposal XLSX total row: got %q, want amount %d and previous 100000000", last, prop.Amount)
	}
	res, page = w.admin.get("/budget-proposal?year=2026")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("proposal page: got %d %s", res.StatusCode, page)
	}
	if !strings.Contains(page, budaya.FormatRupiah(prop.Amount)) || !strings.Contains(page, "Rp 72.750.001") {
		t.Errorf("proposal page lacks the total %s or the change", budaya.FormatRupiah(prop.Amount))
	}
	res, body = w.admin.get("/budget-proposal?year=2026&format=pdf")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
		t.Errorf("proposal PDF: got %d, %d bytes", res.StatusCode, len(body))
	}
	if res, _ := w.admin.get("/budget-proposal?year=2026&format=doc"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("proposal in an unknown format: got %d, want 400", res.StatusCode)
	}
}

func xlsxRows(t *testing.T, body string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("open XLSX: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestRoadmapPagesAndAPI(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	id := w.activity(t, "K1", 0, []string{"AK"}, "running", "1.000.000", "", "521211")
	w.activity(t, "K2", 1, nil, "planned", "", "", "")
	_, body := w.admin.get("/roadmaps/" + itoa(w.roadmapID) + "?by=value")
	for _, want := range []string{"Sosialisasi &amp; internalisasi", "K1 Kegiatan K1", "(tidak melayani nilai)", "tanpa baris anggaran", `class="cell on"`} {
		if !strings.Contains(body, want) {
			t.Errorf("roadmap page lacks %q", want)
		}
	}
	_, body = w.admin.get("/activities/" + itoa(id))
	if !strings.Contains(body, "Rp 1.000.000") || !strings.Contains(body, "2025Q3-2026Q4") {
		t.Errorf("activity page lacks the budget line or the quarters")
	}

	// The API creates all or nothing, and refuses decimals.
	post := func(body string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodPost, w.ts.URL+"/api/v1/activities", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", w.admin.csrf)
		return w.admin.do(req)
	}
	good := map[string]any{"programme_id": w.progID, "code": "K3", "name": "Penghargaan BerAKHLAK", "values": []string{"HA"},
		"owner_unit_id": w.units[1].ID, "quarters": []string{"2027"}, "status": "planned",
		"budget": []map[string]any{{"fiscal_year": 2027, "ceiling": 50000000, "account_code": "521211"}}}
	b, _ := json.Marshal(good)
	res, out := post(string(b))
	if res.StatusCode != http.StatusCreated || !strings.Contains(out, `"ceiling":50000000`) {
		t.Fatalf("API create: got %d %s", res.StatusCode, out)
	}
	good["code"] = "K4"
	good["budget"] = []map[string]any{{"fiscal_year": 2027, "ceiling": 5, "account_code": "521211"}, {"fiscal_year": 2027, "ceiling": -1, "account_code": "524111"}}
	b, _ = json.Marshal(good)
	if res, out := post(string(b)); res.StatusCode != http.StatusBadRequest || !strings.Contains(out, "negatif") {
		t.Errorf("API negative ceiling: got %d %s", res.StatusCode, out)
	}
	if res, out := post(strings.Replace(string(b), `"ceiling":5`, `"ceiling":5.5`, 1)); res.StatusCode != http.StatusBadRequest || !strings.Contains(out, "bilangan bulat") {
		t.Errorf("API decimal ceiling: got %d %s", res.StatusCode, out)
	}
	var list struct {
		Total int `json:"total"`
	}
	w.admin.getJSON("/api/v1/activities?roadmap_id="+itoa(w.roadmapID), &list)
	if list.Total != 3 {
		t.Errorf("activities after the refused API calls: got %d, want 3", list.Total)
	}
}

func storeFilterRoadmap(id int64) budaya.ActivityFilter { return budaya.ActivityFilter{RoadmapID: id} }

func (c *client) uploadRoadmap(path string, fields map[string]string, file []byte) (*http.Response, string) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.WriteField("csrf_token", c.csrf)
	if file != nil {
		fw, _ := mw.CreateFormFile("file", "roadmap.xlsx")
		fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var tokenRe = regexp.MustCompile(`name="token" value="([0-9a-f]{32})"`)

func TestRoadmapImportRoundTrip(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	w.activity(t, "K1", 0, []string{"AK", "BP"}, "running", "Rp 125.500.000", "1.000", "521211")
	w.activity(t, "K2", 1, nil, "planned", "", "", "")
	res, exported := w.admin.get("/roadmaps/" + itoa(w.roadmapID) + "/export")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: got %d", res.StatusCode)
	}
	// A second, empty roadmap receives the file.
	res = w.admin.postForm("/roadmaps", url.Values{"name": {"Salinan"}, "start_year": {"2025"}, "end_year": {"2029"}})
	target := idFromLocation(t, res)
	path := "/roadmaps/" + itoa(target) + "/import"

	// A broken copy: row errors, nothing saved.
	f, err := excelize.OpenReader(bytes.NewReader([]byte(exported)))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	f.SetCellValue(sheet, "S2", "-5")     // negative ceiling
	f.SetCellValue(sheet, "H3", "NOPE")   // unknown unit
	f.SetCellValue(sheet, "J3", "2031Q1") // also outside the span, but the unit is reported first
	var broken bytes.Buffer
	f.WriteTo(&broken)
	res, body := w.admin.uploadRoadmap(path, nil, broken.Bytes())
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "negatif") || !strings.Contains(body, "NOPE") {
		t.Fatalf("dry run of a broken file: got %d, want 422 naming both rows", res.StatusCode)
	}
	if strings.Contains(body, `name="token"`) {
		t.Errorf("a file with errors must not be offered for applying")
	}

	// The good file: dry run, then apply.
	res, body = w.admin.uploadRoadmap(path, nil, []byte(exported))
	m := tokenRe.FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil || !strings.Contains(body, "1 program baru, 2 kegiatan, 1 baris anggaran") {
		t.Fatalf("dry run: got %d, token %v", res.StatusCode, m)
	}
	if as, _ := w.ts.db.ListActivities(ctx, storeFilterRoadmap(target)); len(as) != 0 {
		t.Fatalf("the dry run saved %d activities", len(as))
	}
	res, body = w.admin.uploadRoadmap(path, map[string]string{"token": m[1], "apply": "1"}, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Impor diterapkan") {
		t.Fatalf("apply: got %d %s", res.StatusCode, flashError(body))
	}
	res, again := w.admin.get("/roadmaps/" + itoa(target) + "/export")
	if res.StatusCode != http.StatusOK {
		t.Fatal(res.StatusCode)
	}
	a, b := xlsxRows(t, exported), xlsxRows(t, again)
	if len(a) != len(b) {
		t.Fatalf("re-exported rows: got %d, want %d", len(b), len(a))
	}
	for i := range a {
		if strings.Join(a[i], "|") != strings.Join(b[i], "|") {
			t.Errorf("row %d: got %q, want %q", i+1, b[i], a[i])
		}
	}
	// Applying the same upload twice is refused: the upload is gone.
	if res, _ := w.admin.uploadRoadmap(path, map[string]string{"token": m[1], "apply": "1"}, nil); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("second apply: got %d, want 422", res.StatusCode)
	}
}

// TestRoadmapAPIMatchesOpenAPIWithData checks the roadmap answers against the
// document with real data in them (the shared samples run on an empty database).
func TestRoadmapAPIMatchesOpenAPIWithData(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	id := w.activity(t, "K1", 0, []string{"AK", "BP"}, "running", "Rp 125.500.000", "130.000.000", "521211")
	w.activity(t, "K2", 1, nil, "planned", "", "", "")
	doc := loadOpenAPI(t, w.ts)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/roadmaps", "/api/v1/roadmaps/" + itoa(w.roadmapID), "/api/v1/activities?roadmap_id=" + itoa(w.roadmapID),
		"/api/v1/activities/" + itoa(id), "/api/v1/budget?year=2026", "/api/v1/budget-proposal?year=2026", "/api/v1/budget?year=abc"} {
		res, body := w.admin.get(path)
		req, _ := http.NewRequest(http.MethodGet, w.ts.URL+path, nil)
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

func TestBudgetLineFormsSayWhatToFix(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	id := w.activity(t, "K1", 0, []string{"AK"}, "running", "1.000.000", "", "521211")
	a, err := w.ts.db.FindActivity(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	res, body := w.admin.postFormBody("/activities/"+itoa(id)+"/budget", url.Values{"fiscal_year": {"2027"}, "ceiling": {"Rp 5.000.000,75"}, "account_code": {"524111"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), "desimal") || !strings.Contains(body, `value="Rp 5.000.000,75"`) {
		t.Errorf("add a line with cents: got %d %q, want 422 with the amount kept", res.StatusCode, flashError(body))
	}
	res, body = w.admin.postFormBody("/budget-lines/"+itoa(a.Budget[0].ID), url.Values{"activity_id": {itoa(id)}, "fiscal_year": {"2026"},
		"ceiling": {"1.000.000"}, "realised": {"-1"}, "account_code": {"521211"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), "negatif") {
		t.Errorf("negative realisation: got %d %q", res.StatusCode, flashError(body))
	}
	if a2, _ := w.ts.db.FindActivity(ctx, id); len(a2.Budget) != 1 || a2.Budget[0].Realised != 0 {
		t.Errorf("after refusals the budget changed: %+v", a2.Budget)
	}
	// The API refuses a roadmap whose phase lies outside its span.
	req, _ := http.NewRequest(http.MethodPost, w.ts.URL+"/api/v1/roadmaps", strings.NewReader(
		`{"name":"R","start_year":2025,"end_year":2029,"phases":[{"name":"Aktivasi","start_year":2024,"end_year":2026}]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", w.admin.csrf)
	if res, out := w.admin.do(req); res.StatusCode != http.StatusBadRequest || !strings.Contains(out, "di luar rentang") {
		t.Errorf("API roadmap with a phase outside the span: got %d %s", res.StatusCode, out)
	}
}
