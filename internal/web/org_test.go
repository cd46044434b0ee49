package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/web"
)

var sysActor = budaya.SystemActor("test")

// orgFixture is a small tree: SJ > SJ.01 > SJ.01.01, and IJ, with staff.
type orgFixture struct {
	sj, biro, bagian, ij  *budaya.Unit
	kepala, staf, auditor *budaya.Employee
}

func (ts *testServer) mustOrg(t *testing.T) orgFixture {
	t.Helper()
	unit := func(code, level string, parent int64) *budaya.Unit {
		u, err := ts.db.CreateUnit(ctx, sysActor, budaya.Unit{Code: code, Name: "Unit " + code, Level: level, ParentID: parent})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	emp := func(nip, name string, unit, sup int64) *budaya.Employee {
		e, err := ts.db.CreateEmployee(ctx, sysActor, budaya.Employee{NIP: nip, Name: name, UnitID: unit, SupervisorID: sup, Position: "Analis"})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	var f orgFixture
	f.sj = unit("SJ", budaya.LevelEselon1, 0)
	f.biro = unit("SJ.01", budaya.LevelEselon2, f.sj.ID)
	f.bagian = unit("SJ.01.01", budaya.LevelEselon3, f.biro.ID)
	f.ij = unit("IJ", budaya.LevelEselon1, 0)
	f.kepala = emp("197001011995031001", "Bambang Sutrisno", f.biro.ID, 0)
	f.staf = emp("198503152010012003", "Siti Aminah", f.bagian.ID, f.kepala.ID)
	f.auditor = emp("199001012015031002", "Andi Wijaya", f.ij.ID, 0)
	return f
}

// mustUserWith creates a user with unit-scoped grants, optionally linked to an employee.
func (ts *testServer) mustUserWith(t *testing.T, username string, employeeID int64, grants ...budaya.RoleGrant) {
	t.Helper()
	if _, err := ts.db.CreateUser(ctx, sysActor, budaya.UserInput{Username: username, Password: testPassword, EmployeeID: employeeID, Roles: grants}); err != nil {
		t.Fatal(err)
	}
}

func (c *client) postJSON(path string, v any) (*http.Response, string) {
	c.t.Helper()
	b, _ := json.Marshal(v)
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	return c.do(req)
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

func TestUnitFormsCreateMoveClose(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	f := ts.mustOrg(t)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	c := ts.login(t, "admin1")

	res := c.postForm("/units", url.Values{"parent": {"sj.01"}, "code": {"SJ.01.02"}, "name": {"Bagian Kepegawaian"}, "level": {"eselon3"}, "leader": {f.kepala.NIP}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create unit: got %d, want 303", res.StatusCode)
	}
	u, err := ts.db.FindUnitByCode(ctx, "SJ.01.02")
	if err != nil || u.ParentID != f.biro.ID || u.LeaderEmployeeID != f.kepala.ID {
		t.Fatalf("created unit: got %+v (%v)", u, err)
	}
	res, body := c.postFormBody("/units", url.Values{"parent": {"SJ.01"}, "code": {"SJ.01.03"}, "name": {"X"}, "level": {"eselon1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "tidak dapat berada di bawah") || !strings.Contains(body, `value="SJ.01.03"`) {
		t.Errorf("eselon I under eselon II: got %d, want 422 with the message and the input kept", res.StatusCode)
	}

	// Rename, then move the biro below IJ and back; a move below its own sub-unit is refused.
	if res := c.postForm("/units/"+id(f.biro.ID), url.Values{"code": {"SJ.01"}, "name": {"Biro Organisasi"}, "level": {"eselon2"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("rename: got %d, want 303", res.StatusCode)
	}
	if res := c.postForm("/units/"+id(f.biro.ID)+"/move", url.Values{"parent": {"IJ"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("move: got %d, want 303", res.StatusCode)
	}
	moved, _ := ts.db.FindUnit(ctx, f.bagian.ID)
	if !strings.HasPrefix(moved.Path, f.ij.Path) {
		t.Errorf("sub-unit path after move: got %q, want below %q", moved.Path, f.ij.Path)
	}
	res, body = c.postFormBody("/units/"+id(f.biro.ID)+"/move", url.Values{"parent": {"SJ.01.01"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "sub-unit") {
		t.Errorf("move below own sub-unit: got %d, want 422 explaining", res.StatusCode)
	}

	// Closing with staff is refused and says where the staff are.
	res, body = c.postFormBody("/units/"+id(f.biro.ID)+"/close", nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "SJ.01.01 Unit SJ.01.01 (1)") {
		t.Errorf("close with staff: got %d, want 422 naming SJ.01.01 (1)", res.StatusCode)
	}
	if res := c.postForm("/units/"+id(u.ID)+"/close", nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("close empty unit: got %d, want 303", res.StatusCode)
	}

	// Browse and search.
	_, body = c.get("/units")
	for _, want := range []string{"Biro Organisasi", "SJ.01.01", "IJ"} {
		if !strings.Contains(body, want) {
			t.Errorf("tree lacks %q", want)
		}
	}
	_, body = c.get("/units?q=organisasi")
	if !strings.Contains(body, "Biro Organisasi") || strings.Contains(body, "Unit SJ.01.01<") {
		t.Errorf("search by name: wrong results")
	}
	_, body = c.get("/units/" + id(u.ID))
	if !strings.Contains(body, "Bambang Sutrisno") || !strings.Contains(body, "ditutup") {
		t.Error("page of the closed unit lacks its leader or its closed badge")
	}
	_, body = c.get("/units/" + id(f.biro.ID))
	for _, want := range []string{"1 di unit ini, 2 termasuk sub-unit", "SJ.01.01"} {
		if !strings.Contains(body, want) {
			t.Errorf("unit page lacks %q", want)
		}
	}
}

func TestEmployeeFormsListAndRoles(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	f := ts.mustOrg(t)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	c := ts.login(t, "admin1")

	form := url.Values{"nip": {"19850230 201001 1 003"}, "name": {"Dewi Lestari"}, "front_title": {"Dr."}, "back_title": {"S.E., M.Si."},
		"position": {"Analis Kebijakan Ahli Muda"}, "position_kind": {"fungsional"}, "rank": {"III/c"}, "status": {"PNS"},
		"unit_code": {"SJ.01.01"}, "supervisor": {f.kepala.NIP}, "email": {"dewi@contoh.go.id"}}
	res, body := c.postFormBody("/employees", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "bukan tanggal yang ada") {
		t.Fatalf("bad NIP: got %d, want 422 saying the birth date is not real", res.StatusCode)
	}
	form.Set("nip", "19850228 201001 2 003")
	if res := c.postForm("/employees", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create employee: got %d, want 303", res.StatusCode)
	}
	dewi, err := ts.db.FindEmployeeByIdentifier(ctx, "198502282010012003")
	if err != nil || dewi.FullName() != "Dr. Dewi Lestari, S.E., M.Si." || dewi.SupervisorID != f.kepala.ID {
		t.Fatalf("created: got %+v (%v)", dewi, err)
	}

	lists := []struct {
		query string
		want  []string
		not   []string
	}{
		{"", []string{"Bambang", "Siti", "Dewi", "Andi"}, nil},
		{"?unit=" + id(f.biro.ID), []string{"Bambang"}, []string{"Siti", "Andi"}},
		{"?unit=" + id(f.biro.ID) + "&subtree=1", []string{"Bambang", "Siti", "Dewi"}, []string{"Andi"}},
		{"?unit_code=SJ&subtree=1&q=siti", []string{"Siti"}, []string{"Bambang", "Dewi"}},
		{"?q=19850228", []string{"Dewi"}, []string{"Siti"}},
	}
	for _, tt := range lists {
		t.Run("list"+tt.query, func(t *testing.T) {
			res, body := c.get("/employees" + tt.query)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("got %d", res.StatusCode)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %s", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("shows %s", w)
				}
			}
		})
	}

	// Edit: deactivate, then the default list hides her.
	edit := url.Values{}
	for k, v := range form {
		edit[k] = v
	}
	if res := c.postForm("/employees/"+id(dewi.ID), edit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: got %d", res.StatusCode)
	}
	if _, body := c.get("/employees?q=dewi"); strings.Contains(body, "Dewi Lestari") {
		t.Error("inactive employee listed by default")
	}
	edit.Set("active", "1")
	edit.Set("supervisor", dewi.NIP)
	if res, body := c.postFormBody("/employees/"+id(dewi.ID), edit); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "atasan langsungnya sendiri") {
		t.Errorf("own supervisor: got %d, want 422", res.StatusCode)
	}
	edit.Set("supervisor", f.kepala.NIP)
	c.postForm("/employees/"+id(dewi.ID), edit)

	// Grant pimpinan of SJ.01.01: the account appears, linked to the employee.
	if res := c.postForm("/employees/"+id(dewi.ID)+"/roles", url.Values{"role": {"pimpinan"}, "unit_code": {"SJ.01.01"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grant: got %d", res.StatusCode)
	}
	acc, err := ts.db.FindEmployeeUser(ctx, dewi.ID)
	if err != nil || acc.Username != dewi.NIP || !acc.HasRole(budaya.RolePimpinan) {
		t.Fatalf("account: got %+v (%v)", acc, err)
	}
	_, body = c.get("/units/" + id(f.bagian.ID))
	if !strings.Contains(body, "Pemegang peran pimpinan") || !strings.Contains(body, "Dewi Lestari") {
		t.Error("unit page does not show the new pimpinan")
	}
	if res := c.postForm("/employees/"+id(f.staf.ID)+"/roles", url.Values{"role": {"agen_perubahan"}, "unit_code": {"SJ.01"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grant agen: got %d", res.StatusCode)
	}
	_, body = c.get("/units/" + id(f.biro.ID))
	if !strings.Contains(body, "Siti Aminah") {
		t.Error("unit page does not show the change agent")
	}

	// One-time link: shown once, sets a password under the policy, works once.
	res, body = c.postFormBody("/employees/"+id(dewi.ID)+"/password-link", nil)
	m := regexp.MustCompile(`/password/([A-Za-z0-9_-]+)`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("password link: got %d, no link on the page", res.StatusCode)
	}
	anon := ts.anonymous(t)
	if res, _ := anon.get("/password/" + m[1]); res.StatusCode != http.StatusOK {
		t.Fatalf("link page: got %d", res.StatusCode)
	}
	res, body = anon.postFormBody("/password/"+m[1], url.Values{"password": {"pendek"}, "confirm_password": {"pendek"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "minimal 12") {
		t.Errorf("weak password: got %d, want 422 with the rule", res.StatusCode)
	}
	if res := anon.postForm("/password/"+m[1], url.Values{"password": {testPassword}, "confirm_password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("set password: got %d", res.StatusCode)
	}
	if res, _ := anon.get("/password/" + m[1]); res.StatusCode != http.StatusNotFound {
		t.Errorf("used link: got %d, want 404", res.StatusCode)
	}

	// Dewi now signs in as pimpinan of SJ.01.01 and sees only its staff.
	p := ts.login(t, dewi.NIP)
	if res, body := p.get("/employees"); res.StatusCode != http.StatusOK || !strings.Contains(body, "Siti") || strings.Contains(body, "Andi") {
		t.Errorf("pimpinan list: got %d, want own unit only", res.StatusCode)
	}
	if res, _ := p.get("/employees?unit=" + id(f.ij.ID)); res.StatusCode != http.StatusForbidden {
		t.Errorf("pimpinan list of another unit: got %d, want 403", res.StatusCode)
	}
	if res, _ := p.get("/employees/" + id(f.auditor.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("pimpinan page of someone outside: got %d, want 404", res.StatusCode)
	}
	if res, _ := p.get("/employees/" + id(f.staf.ID)); res.StatusCode != http.StatusOK {
		t.Errorf("pimpinan page of own staff: got %d, want 200", res.StatusCode)
	}

	// Revoke.
	if res := c.postForm("/employees/"+id(dewi.ID)+"/roles/revoke", url.Values{"role": {"pimpinan"}, "unit_id": {id(f.bagian.ID)}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("revoke: got %d", res.StatusCode)
	}
	// Admin sets a password directly.
	if res := c.postForm("/employees/"+id(f.staf.ID)+"/password", url.Values{"password": {"Kata-Sandi-Baru-9!"}, "confirm_password": {"Kata-Sandi-Baru-9!"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("admin sets password: got %d", res.StatusCode)
	}
}

func TestEmployeeSeesOwnPageOnly(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	f := ts.mustOrg(t)
	ts.mustUserWith(t, "siti", f.staf.ID, budaya.RoleGrant{Role: budaya.RolePegawai})
	c := ts.login(t, "siti")
	if res, body := c.get("/employees/" + id(f.staf.ID)); res.StatusCode != http.StatusOK || !strings.Contains(body, "Siti Aminah") {
		t.Errorf("own page: got %d", res.StatusCode)
	}
	if res, _ := c.get("/employees/" + id(f.kepala.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("someone else's page: got %d, want 404", res.StatusCode)
	}
	if res, _ := c.get("/employees"); res.StatusCode != http.StatusForbidden {
		t.Errorf("list as pegawai: got %d, want 403", res.StatusCode)
	}
	if res, _ := c.get("/units/" + id(f.biro.ID)); res.StatusCode != http.StatusOK {
		t.Errorf("unit page as pegawai: got %d, want 200", res.StatusCode)
	}
}

type apiUnitList struct {
	Items []struct {
		ID   int64  `json:"id"`
		Code string `json:"code"`
	} `json:"items"`
	Total int `json:"total"`
}

type apiEmployeeList struct {
	Items []struct {
		ID       int64  `json:"id"`
		NIP      string `json:"nip"`
		FullName string `json:"full_name"`
		UnitID   int64  `json:"unit_id"`
	} `json:"items"`
	Total int `json:"total"`
}

func TestOrgAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	f := ts.mustOrg(t)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	c := ts.login(t, "admin1")

	var units apiUnitList
	if res := c.getJSON("/api/v1/units?q=sj.01", &units); res.StatusCode != http.StatusOK || units.Total != 2 || len(units.Items) != 2 {
		t.Errorf("GET units?q=sj.01: got %d %+v, want 2", res.StatusCode, units)
	}
	res, body := c.postJSON("/api/v1/units", map[string]any{"code": "SJ.02", "name": "Biro Hukum", "level": "eselon2", "parent_id": f.sj.ID})
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"path":"`+f.sj.Path) {
		t.Fatalf("POST unit: got %d %s", res.StatusCode, body)
	}
	res, body = c.postJSON("/api/v1/units", map[string]any{"code": "SJ.03", "name": "X", "level": "eselon9"})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"code":"invalid"`) {
		t.Errorf("POST bad unit: got %d %s, want 400 invalid", res.StatusCode, body)
	}
	var detail struct {
		StaffCount        int `json:"staff_count"`
		StaffCountSubtree int `json:"staff_count_subtree"`
		Leader            *struct {
			ID int64 `json:"id"`
		} `json:"leader"`
		SubUnits []struct {
			Code string `json:"code"`
		} `json:"sub_units"`
	}
	if res := c.getJSON("/api/v1/units/"+id(f.sj.ID), &detail); res.StatusCode != http.StatusOK || detail.StaffCountSubtree != 2 || len(detail.SubUnits) != 2 {
		t.Errorf("GET unit: got %d %+v", res.StatusCode, detail)
	}

	res, body = c.postJSON("/api/v1/employees", map[string]any{"nip": "199203032019031004", "name": "Rudi Hartono", "unit_id": f.bagian.ID, "supervisor_id": f.kepala.ID})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST employee: got %d %s", res.StatusCode, body)
	}
	res, body = c.postJSON("/api/v1/employees", map[string]any{"nip": "199203032019033004", "name": "X", "unit_id": f.bagian.ID})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"field":"nip"`) {
		t.Errorf("POST employee with gender 3: got %d %s, want 400 on nip", res.StatusCode, body)
	}
	tests := []struct {
		query string
		total int
	}{
		{"", 4},
		{"?unit=" + id(f.sj.ID) + "&subtree=1", 3},
		{"?unit=" + id(f.sj.ID), 0},
		{"?unit=" + id(f.biro.ID) + "&subtree=1&q=rudi", 1},
		{"?q=1970", 1},
		{"?page=2&per_page=3", 4},
	}
	for _, tt := range tests {
		var list apiEmployeeList
		if res := c.getJSON("/api/v1/employees"+tt.query, &list); res.StatusCode != http.StatusOK || list.Total != tt.total {
			t.Errorf("GET employees%s: got %d total %d, want %d", tt.query, res.StatusCode, list.Total, tt.total)
		}
	}
	var page2 apiEmployeeList
	c.getJSON("/api/v1/employees?page=2&per_page=3", &page2)
	if len(page2.Items) != 1 {
		t.Errorf("page 2 of 3: got %d items, want 1", len(page2.Items))
	}
	var one struct {
		FullName string `json:"full_name"`
	}
	if res := c.getJSON("/api/v1/employees/"+id(f.staf.ID), &one); res.StatusCode != http.StatusOK || one.FullName != "Siti Aminah" {
		t.Errorf("GET employee: got %d %+v", res.StatusCode, one)
	}
	if res, body := c.get("/api/v1/employees?unit=abc"); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "unit") {
		t.Errorf("bad unit param: got %d %s", res.StatusCode, body)
	}

	// The populated answers match the OpenAPI document.
	doc := loadOpenAPI(t, ts)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/units", "/api/v1/units/" + id(f.sj.ID), "/api/v1/employees?unit=" + id(f.sj.ID) + "&subtree=1",
		"/api/v1/employees/" + id(f.staf.ID)} {
		res, body := c.get(path)
		req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Fatalf("find %s in OpenAPI: %v", path, err)
		}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
			Status: res.StatusCode, Header: res.Header, Body: io.NopCloser(strings.NewReader(body)),
		}
		if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
			t.Errorf("GET %s answer (%d) does not match the document: %v", path, res.StatusCode, err)
		}
	}
}

var missingKey = regexp.MustCompile(`\[[a-z_0-9]+\.[a-z_0-9.]+\]`)

func TestOrgPagesTranslated(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	f := ts.mustOrg(t)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	c := ts.login(t, "admin1")
	if _, err := ts.db.GrantEmployeeRole(ctx, sysActor, f.staf.ID, budaya.RoleGrant{Role: budaya.RoleAgenPerubahan, UnitID: f.biro.ID}); err != nil {
		t.Fatal(err)
	}
	pages := []string{"/units", "/units?q=sj", "/units/" + id(f.biro.ID), "/units/new?parent=" + id(f.sj.ID), "/employees", "/employees?unit=" + id(f.sj.ID) + "&subtree=1",
		"/employees/" + id(f.staf.ID), "/employees/" + id(f.kepala.ID), "/employees/new", "/employees/" + id(f.staf.ID) + "/edit"}
	for _, lang := range []string{"id", "en"} {
		c.get("/lang/" + lang)
		for _, p := range pages {
			res, body := c.get(p)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s %s: got %d, want 200", lang, p, res.StatusCode)
			}
			if m := missingKey.FindString(body); m != "" {
				t.Errorf("%s %s: untranslated %s", lang, p, m)
			}
		}
	}
	for k, v := range web.OrgMessagesForTest() {
		if v[0] == "" || v[1] == "" {
			t.Errorf("key %s lacks a language", k)
		}
	}
}

// TestOrgOpenAPI checks that the merged document describes the organisation
// paths and that every $ref in it points at a defined component.
func TestOrgOpenAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	var doc map[string]any
	if res := ts.anonymous(t).getJSON("/api/v1/openapi.json", &doc); res.StatusCode != http.StatusOK {
		t.Fatalf("openapi.json: got %d", res.StatusCode)
	}
	paths, _ := doc["paths"].(map[string]any)
	for _, p := range []string{"/api/v1/units", "/api/v1/units/{id}", "/api/v1/employees", "/api/v1/employees/{id}"} {
		if _, ok := paths[p]; !ok {
			t.Errorf("openapi lacks %s", p)
		}
	}
	comps, _ := doc["components"].(map[string]any)
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
				section, _ := comps[parts[0]].(map[string]any)
				if len(parts) != 2 || section[parts[1]] == nil {
					t.Errorf("dangling $ref %s", ref)
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
}
