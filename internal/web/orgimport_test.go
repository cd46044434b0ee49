package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/xuri/excelize/v2"

	"github.com/budaya-id/budaya/internal/budaya"
)

const orgCSV = "NIP;Nama;Jabatan;Kode Unit;Unit Kerja;Kode Induk;Eselon;NIP Atasan\n" +
	"198503122010011001;Budi Santoso;Kepala Biro;BU;Biro Umum;;II;\n" +
	"198807202012122002;Siti Aminah;Kepala Bagian;BU-KEU;Bagian Keuangan;BU;III;198503122010011001\n" +
	"199001152015031003;Andi Wijaya;Pranata Komputer;BU-KEU;Bagian Keuangan;BU;III;198807202012122002\n"

// upload posts files as multipart form fields file, file2, ... with the
// client's CSRF token, or with bearer when it is not empty.
func (c *client) upload(path, bearer string, fields map[string]string, files ...[2]string) (*http.Response, string) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if bearer == "" && c.csrf != "" {
		mw.WriteField("csrf_token", c.csrf)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for i, f := range files {
		field := "file"
		if i > 0 {
			field = "file2"
		}
		w, _ := mw.CreateFormFile(field, f[0])
		w.Write([]byte(f[1]))
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	return c.do(req)
}

var applyAction = regexp.MustCompile(`action="(/import/[0-9a-f]{32}/apply)"`)

func countEmployees(t *testing.T, ts *testServer) int {
	t.Helper()
	snap, err := ts.db.OrgSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return len(snap.Employees)
}

func TestImportPageDryRunThenApply(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := ts.login(t, "admin")
	res, body := c.get("/import")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `enctype="multipart/form-data"`) || !strings.Contains(body, `name="csrf_token"`) {
		t.Fatalf("GET /import: got %d, want the upload form", res.StatusCode)
	}
	res, body = c.upload("/import", "", nil, [2]string{"pegawai.csv", orgCSV})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("dry run: got %d %s", res.StatusCode, body)
	}
	if !strings.Contains(body, `<td id="count-employees-created">3</td>`) || !strings.Contains(body, "Siti Aminah") {
		t.Errorf("dry run page lacks the counts or the sample:\n%s", body)
	}
	if n := countEmployees(t, ts); n != 0 {
		t.Fatalf("the dry run wrote %d employees, want 0", n)
	}
	m := applyAction.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no apply form on the dry-run page:\n%s", body)
	}
	// Another admin cannot apply this upload.
	ts.mustUser(t, "admin2", budaya.RoleAdmin)
	if res := ts.login(t, "admin2").postForm(m[1], nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("apply by another admin: got %d, want 404", res.StatusCode)
	}
	res, body = c.postFormBody(m[1], nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `id="import-result"`) {
		t.Fatalf("apply: got %d %s", res.StatusCode, body)
	}
	if n := countEmployees(t, ts); n != 3 {
		t.Errorf("got %d employees, want 3", n)
	}
	// Applying twice: the upload is gone.
	if res := c.postForm(m[1], nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("second apply: got %d, want 404", res.StatusCode)
	}
}

func TestImportPageRefusesBadFile(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := ts.login(t, "admin")
	bad := orgCSV + "198503122010011001;Budi Kembar;Staf;BU;Biro Umum;;II;\n"
	res, body := c.upload("/import", "", nil, [2]string{"pegawai.csv", bad})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="import-refused"`) || !strings.Contains(body, "sudah ada di baris 2") {
		t.Errorf("got %d, want 422 with the duplicate on row 5:\n%s", res.StatusCode, body)
	}
	if applyAction.MatchString(body) {
		t.Error("a refused file offers an apply button")
	}
	// A 41 MB file: refused with its size and the limit, before it is read.
	big := strings.Repeat("198503122010011001;Budi Santoso;Kepala Biro;BU;Biro Umum;;II;\n", 41<<20/62)
	res, body = c.upload("/import", "", nil, [2]string{"besar.csv", big})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "melebihi batas 40 MB") {
		t.Errorf("41 MB file: got %d, want 400 with the limit", res.StatusCode)
	}
	if res, _ := c.upload("/import", "", nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("no file: got %d, want 400", res.StatusCode)
	}
	if n := countEmployees(t, ts); n != 0 {
		t.Errorf("got %d employees written, want 0", n)
	}
}

type importReport struct {
	Applied bool `json:"applied"`
	Counts  struct {
		EmployeesCreated int `json:"employees_created"`
		Errors           int `json:"errors"`
	} `json:"counts"`
	Issues []struct {
		Row     int    `json:"row"`
		Column  string `json:"column"`
		Message string `json:"message"`
		Fix     string `json:"fix"`
	} `json:"issues"`
}

// matchesOpenAPI checks an answer of POST path against the OpenAPI document.
func matchesOpenAPI(t *testing.T, ts *testServer, path string, res *http.Response, body string) {
	t.Helper()
	doc := loadOpenAPI(t, ts)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, nil)
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("find %s in OpenAPI: %v", path, err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status: res.StatusCode, Header: res.Header, Body: io.NopCloser(strings.NewReader(body)),
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("POST %s answer (%d) does not match the document: %v", path, res.StatusCode, err)
	}
}

func TestImportAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	u := ts.mustUser(t, "skrip", budaya.RoleAdmin)
	raw, _, err := ts.db.CreateAPIToken(ctx, budaya.SystemActor("t"), u.ID, "skrip")
	if err != nil {
		t.Fatal(err)
	}
	c := ts.anonymous(t)
	var rep importReport
	res, body := c.upload("/api/v1/imports?dry_run=1", raw, nil, [2]string{"pegawai.csv", orgCSV})
	if err := json.Unmarshal([]byte(body), &rep); err != nil || res.StatusCode != http.StatusOK || rep.Applied || rep.Counts.EmployeesCreated != 3 {
		t.Fatalf("dry run: got %d %s", res.StatusCode, body)
	}
	matchesOpenAPI(t, ts, "/api/v1/imports?dry_run=1", res, body)
	if n := countEmployees(t, ts); n != 0 {
		t.Fatalf("dry run wrote %d employees", n)
	}
	res, body = c.upload("/api/v1/imports", raw, nil, [2]string{"pegawai.csv", orgCSV})
	if err := json.Unmarshal([]byte(body), &rep); err != nil || res.StatusCode != http.StatusOK || !rep.Applied {
		t.Fatalf("apply: got %d %s", res.StatusCode, body)
	}
	if n := countEmployees(t, ts); n != 3 {
		t.Fatalf("got %d employees, want 3", n)
	}
	bad := strings.Replace(orgCSV, "198807202012122002;Siti", "198813202012122002;Siti", 1)
	res, body = c.upload("/api/v1/imports", raw, nil, [2]string{"pegawai.csv", bad})
	rep = importReport{}
	if err := json.Unmarshal([]byte(body), &rep); err != nil || res.StatusCode != http.StatusUnprocessableEntity || rep.Applied || rep.Counts.Errors == 0 {
		t.Fatalf("bad file: got %d %s, want 422", res.StatusCode, body)
	}
	matchesOpenAPI(t, ts, "/api/v1/imports", res, body)
	if is := rep.Issues[0]; is.Row != 3 || is.Column != "NIP" || is.Message == "" || is.Fix == "" {
		t.Errorf("got issue %+v, want row 3, column NIP, message and fix", is)
	}
}

func TestExport(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "admin", budaya.RoleAdmin)
	ts.mustUser(t, "aud", budaya.RoleAuditor)
	a := ts.login(t, "admin")
	if res, body := a.upload("/api/v1/imports", "", nil, [2]string{"pegawai.csv", orgCSV}); res.StatusCode != http.StatusOK {
		t.Fatalf("import: %d %s", res.StatusCode, body)
	}
	c := ts.login(t, "aud")
	res, body := c.get("/import")
	if res.StatusCode != http.StatusOK || strings.Contains(body, `type="file"`) || !strings.Contains(body, `href="/export/employees?format=xlsx"`) {
		t.Errorf("auditor's import page: got %d, want the export links and no upload form", res.StatusCode)
	}
	res, body = c.get("/api/v1/employees/export?format=csv")
	disp, params, _ := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
	if res.StatusCode != http.StatusOK || disp != "attachment" || !strings.HasPrefix(params["filename"], "pegawai-") || !strings.HasSuffix(params["filename"], ".csv") {
		t.Fatalf("csv: got %d %v, want an attachment pegawai-DATE.csv", res.StatusCode, res.Header)
	}
	if !strings.HasPrefix(body, "\ufeffNIP,ID Lain,Nama") || !strings.Contains(body, "198807202012122002,,Siti Aminah,") {
		t.Errorf("csv body:\n%s", body)
	}
	res, body = c.get("/export/units?format=xlsx")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("xlsx: got %d %v", res.StatusCode, res.Header)
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Sheet1")
	if len(rows) != 3 || rows[2][0] != "BU-KEU" || rows[2][2] != "BU" {
		t.Errorf("got units %v, want header, BU, BU-KEU under BU", rows)
	}
	if res, _ := c.get("/export/units?format=pdf"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("format pdf: got %d, want 400", res.StatusCode)
	}
	_, total, _ := ts.db.ListAudit(ctx, budaya.AuditFilter{Action: "export"})
	if total != 2 {
		t.Errorf("got %d export audit entries, want 2", total)
	}
}
