package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/budaya-id/budaya/internal/budaya"
)

// apiSamples are API requests whose answers are checked against the OpenAPI
// document. Each capability adds its endpoints here.
var apiSamples = []string{
	"/api/v1/me",
	"/api/v1/me/mail",
	"/api/v1/framework",
	"/api/v1/audit",
	"/api/v1/audit?entity=user&page=1",
	"/api/v1/audit?from=2020-13-45", // a documented 400
	"/api/v1/jobs/999999",           // a documented 404
	"/api/v1/alignment-sessions",
	"/api/v1/alignment-sessions/1",
	"/api/v1/pledges",
	"/api/v1/pledges?session=x",
	"/api/v1/pledges/1",
	"/api/v1/commitments?status=planned",
	"/api/v1/roadmaps",
	"/api/v1/activities?year=2026",
	"/api/v1/activities/999",
	"/api/v1/budget?year=2026",
	"/api/v1/budget?year=26",
	"/api/v1/budget-proposal?year=2026",
	"/api/v1/periods",
	"/api/v1/tasks",
	"/api/v1/tasks/999999",                     // a documented 404
	"/api/v1/employees/1/report?period=999999", // a documented 404
	"/api/v1/employees/1/report",               // a documented 400
	"/api/v1/perilaku?year=2026&term=TW1",
	"/api/v1/periods/999999/response-rates", // a documented 404
	"/api/v1/alignment-sessions",
	"/api/v1/alignment-sessions/1",
	"/api/v1/pledges",
	"/api/v1/pledges?session=x",
	"/api/v1/pledges/1",
	"/api/v1/commitments?status=planned",
	"/api/v1/roadmaps",
	"/api/v1/activities?year=2026",
	"/api/v1/activities/999",
	"/api/v1/budget?year=2026",
	"/api/v1/budget?year=26",
	"/api/v1/budget-proposal?year=2026",
	"/api/v1/units?q=biro&page=1",
	"/api/v1/units/999999", // a documented 404
	"/api/v1/employees?subtree=1&q=siti&page=2",
	"/api/v1/employees?unit=abc", // a documented 400
	"/api/v1/employees/999999",   // a documented 404
	"/api/v1/recognitions",
	"/api/v1/recognitions?value=BP&page=1",
	"/api/v1/recognitions?recipient=x", // a documented 400
	"/api/v1/nominations",
	"/api/v1/signals?reviewed=no",
	"/api/v1/signals?kind=unknown", // a documented 400
	"/api/v1/units/export?format=csv",
	"/api/v1/employees/export?format=csv",
	"/api/v1/employees/export?format=pdf", // a documented 400
}

func loadOpenAPI(t *testing.T, ts *testServer) *openapi3.T {
	t.Helper()
	res, body := ts.anonymous(t).get("/api/v1/openapi.json")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET openapi.json: got %d", res.StatusCode)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData([]byte(body))
	if err != nil {
		t.Fatalf("load OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("OpenAPI document is not valid: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentsEveryAPIRoute(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	doc := loadOpenAPI(t, ts)
	for _, rt := range ts.srv.Routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		if !strings.HasPrefix(path, "/api/v1/") {
			continue
		}
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("route %s is not described in the OpenAPI document", rt.Pattern)
		}
	}
}

func TestAPIAnswersMatchOpenAPI(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	doc := loadOpenAPI(t, ts)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	ts.mustUser(t, "admin_api", budaya.RoleAdmin)
	c := ts.login(t, "admin_api")
	for _, path := range apiSamples {
		t.Run(path, func(t *testing.T) {
			res, body := c.get(path)
			if res.StatusCode >= 500 {
				t.Fatalf("GET %s: got %d %s", path, res.StatusCode, body)
			}
			req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("find %s in OpenAPI: %v", path, err)
			}
			in := &openapi3filter.ResponseValidationInput{
				RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
					Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
				Status: res.StatusCode,
				Header: res.Header,
				Body:   io.NopCloser(bytes.NewReader([]byte(body))),
			}
			if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
				t.Errorf("GET %s answer (%d) does not match the document: %v", path, res.StatusCode, err)
			}
		})
	}
}
