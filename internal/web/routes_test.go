package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// who is allowed on each route. Every registered route must be listed here, so
// that adding a route without deciding its access fails this test.
var routeAccess = map[string][]string{
	"GET /healthz":                                  {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /readyz":                                   {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /metrics":                                  {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /static/":                                  {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /login":                                    {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /login":                                   {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /lang/{lang}":                              {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /auth/oidc/login":                          {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /auth/oidc/callback":                       {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/openapi.json":                      {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /logout":                                  {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /{$}":                                      {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /framework":                                {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /framework/versions/{id}":                  {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /framework/draft":                         {"admin"},
	"POST /framework/{id}/values":                   {"admin"},
	"POST /framework/{id}/values/{code}/delete":     {"admin"},
	"POST /framework/{id}/branding":                 {"admin"},
	"POST /framework/{id}/publish":                  {"admin"},
	"GET /audit":                                    {"admin", "auditor"},
	"GET /audit/export":                             {"admin", "auditor"},
	"GET /evidence/{id}":                            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /jobs/{id}":                                {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/jobs/{id}":                         {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /profile":                                  {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /profile/password":                        {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/me/mail":                           {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/me/mail":                          {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /profile/mail":                            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /profile/tokens":                          {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /profile/tokens/{id}/revoke":              {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/me":                                {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/framework":                         {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/audit":                             {"admin", "auditor"},
	"GET /units":                                    {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /units/new":                                {"admin"},
	"POST /units":                                   {"admin"},
	"GET /units/{id}":                               {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /units/{id}":                              {"admin"},
	"POST /units/{id}/move":                         {"admin"},
	"POST /units/{id}/close":                        {"admin"},
	"POST /units/{id}/reopen":                       {"admin"},
	"GET /employees":                                {"admin", "auditor", "pimpinan"},
	"GET /employees/new":                            {"admin"},
	"POST /employees":                               {"admin"},
	"GET /employees/{id}":                           {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /employees/{id}/edit":                      {"admin"},
	"POST /employees/{id}":                          {"admin"},
	"POST /employees/{id}/roles":                    {"admin"},
	"POST /employees/{id}/roles/revoke":             {"admin"},
	"POST /employees/{id}/password-link":            {"admin"},
	"POST /employees/{id}/password":                 {"admin"},
	"GET /password/{token}":                         {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /password/{token}":                        {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /admin/activation":                         {"admin"},
	"POST /admin/activation":                        {"admin"},
	"GET /kiosk":                                    {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /kiosk":                                   {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /kiosk/done":                              {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/units":                             {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/units":                            {"admin"},
	"GET /api/v1/units/{id}":                        {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/employees":                         {"admin", "auditor", "pimpinan"},
	"POST /api/v1/employees":                        {"admin"},
	"GET /api/v1/employees/{id}":                    {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /roadmaps":                                 {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /roadmaps":                                {"admin"},
	"GET /roadmaps/{id}":                            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /roadmaps/{id}/programmes":                {"admin"},
	"GET /roadmaps/{id}/activities/new":             {"admin"},
	"POST /roadmaps/{id}/activities":                {"admin"},
	"GET /activities/{id}":                          {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /activities/{id}":                         {"admin"},
	"POST /activities/{id}/delete":                  {"admin"},
	"POST /activities/{id}/budget":                  {"admin"},
	"POST /budget-lines/{id}":                       {"admin"},
	"POST /budget-lines/{id}/delete":                {"admin"},
	"GET /budget":                                   {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /budget/export":                            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /budget-proposal":                          {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/roadmaps":                          {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/roadmaps":                         {"admin"},
	"GET /api/v1/roadmaps/{id}":                     {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/roadmaps/{id}/progress":            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/activities":                        {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/activities":                       {"admin"},
	"GET /api/v1/activities/{id}":                   {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/budget":                            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/budget-proposal":                   {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /agents":                                   {"admin", "pimpinan", "agen_perubahan", "auditor"},
	"POST /agents":                                  {"admin"},
	"POST /agents/{id}/end":                         {"admin"},
	"POST /agents/{id}/actions":                     {"agen_perubahan"},
	"POST /agents/{id}/reports":                     {"agen_perubahan"},
	"POST /agent-reports/{id}/decide":               {"pimpinan"},
	"GET /checklist":                                {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /checklist/criteria":                      {"admin"},
	"POST /checklist/periods":                       {"admin"},
	"POST /checklist/reports":                       {"pimpinan", "agen_perubahan"},
	"POST /checklist/reports/{id}/verify":           {"admin"},
	"GET /roadmaps/{id}/export":                     {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /roadmaps/{id}/import":                     {"admin"},
	"POST /roadmaps/{id}/import":                    {"admin"},
	"GET /privacy":                                  {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /me/data":                                  {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /me/data.json":                             {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /me/data.pdf":                              {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /admin/privacy":                            {"admin"},
	"POST /admin/privacy/requests":                  {"admin"},
	"POST /admin/privacy/requests/{id}/answer":      {"admin"},
	"POST /admin/privacy/restrictions":              {"admin"},
	"GET /admin/privacy/requests/{id}/files/{file}": {"admin"},
	"POST /admin/privacy/restrictions/{id}/lift":    {"admin"},
	"GET /admin/retention":                          {"admin"},
	"POST /admin/retention":                         {"admin"},
	"GET /admin/mail":                               {"admin"},
	"POST /admin/mail/{id}/retry":                   {"admin"},
	"POST /periods/{id}/remind":                     {"admin"},
	"POST /periods/{id}/reminders":                  {"admin"},
	"GET /import":                                   {"admin", "auditor"},
	"POST /import":                                  {"admin"},
	"POST /import/{id}/apply":                       {"admin"},
	"GET /export/units":                             {"admin", "auditor"},
	"GET /export/employees":                         {"admin", "auditor"},
	"POST /api/v1/imports":                          {"admin"},
	"GET /api/v1/units/export":                      {"admin", "auditor"},
	"GET /api/v1/employees/export":                  {"admin", "auditor"},
	"GET /recognition":                              {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /recognition":                             {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /recognition/people":                       {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /recognition/people/{id}":                  {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /recognition/settings":                    {"admin"},
	"GET /recognition/stats":                        {"admin", "pimpinan"},
	"GET /nominations":                              {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /nominations":                             {"admin"},
	"GET /nominations/{id}":                         {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /nominations/{id}/nominate":               {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /nominations/{id}/committee":              {"admin"},
	"POST /nominations/{id}/close":                  {"admin"},
	"POST /nominations/{id}/declare":                {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /nominations/{id}/score":                  {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /nominations/{id}/announce":               {"admin"},
	"GET /nominations/{id}/evidence/{evidence}":     {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /nominations/{id}/certificates/{employee}": {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /signals":                                  {"admin"},
	"POST /signals/recompute":                       {"admin"},
	"POST /signals/{id}/review":                     {"admin"},
	"GET /api/v1/recognitions":                      {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/recognitions":                     {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/nominations":                       {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/nominations":                      {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/signals":                           {"admin"},
	"POST /api/v1/signals/{id}/review":              {"admin"},
	// Measurement (issue 6)
	"GET /tasks":                               {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /tasks/{id}":                          {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /tasks/{id}":                         {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /periods":                             {"admin", "pimpinan", "auditor"},
	"POST /periods":                            {"admin"},
	"GET /periods/{id}":                        {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /periods/{id}":                       {"admin"},
	"POST /periods/{id}/delete":                {"admin"},
	"POST /periods/{id}/open":                  {"admin"},
	"POST /periods/{id}/close":                 {"admin"},
	"POST /periods/{id}/reopen":                {"admin"},
	"GET /periods/{id}/reports/{employee}":     {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /periods/{id}/reports/{employee}/pdf": {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /perilaku":                            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /perilaku/{employee}":                 {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /perilaku/{employee}/expectations":   {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /perilaku/{employee}/rating":         {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /perilaku/evidence/{id}":              {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /perilaku/capaian":                   {"admin"},
	"POST /perilaku/import":                    {"admin"},
	"GET /api/v1/periods":                      {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/periods/{id}/response-rates":  {"admin", "pimpinan", "auditor"},
	"GET /api/v1/tasks":                        {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/tasks/{id}":                   {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/tasks/{id}/draft":            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/tasks/{id}/answers":          {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/employees/{id}/report":        {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/perilaku":                     {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /api/v1/perilaku":                    {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /index":                               {"admin", "pimpinan", "auditor"},
	"GET /index/heatmap":                       {"admin", "pimpinan", "auditor"},
	"GET /index/followup":                      {"admin", "pimpinan", "auditor"},
	"GET /index/methodology":                   {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /index/export":                        {"admin", "pimpinan", "auditor"},
	"GET /index/answers":                       {"admin", "pimpinan", "auditor"},
	"GET /index/report":                        {"admin", "pimpinan", "auditor"},
	"POST /index/refresh":                      {"admin"},
	// National roll-up (issue 17)
	"GET /hub":                                        {"admin", "auditor"},
	"POST /hub/settings":                              {"admin"},
	"GET /index/hub-package":                          {"admin"},
	"GET /hub/instansi":                               {"admin", "auditor"},
	"POST /hub/instansi":                              {"admin"},
	"GET /hub/instansi/{id}":                          {"admin", "auditor"},
	"POST /hub/packages":                              {"admin"},
	"GET /hub/export":                                 {"admin", "auditor"},
	"POST /api/v1/hub/packages":                       {"admin", "pegawai"},
	"GET /api/v1/hub/index":                           {"admin", "auditor"},
	"GET /api/v1/index":                               {"admin", "pimpinan", "auditor"},
	"GET /api/v1/index/trend":                         {"admin", "pimpinan", "auditor"},
	"GET /api/v1/index/followup":                      {"admin", "pimpinan", "auditor"},
	"GET /api/v1/heatmap":                             {"admin", "pimpinan", "auditor"},
	"GET /alignment":                                  {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /alignment/new":                              {"admin"},
	"POST /alignment":                                 {"admin"},
	"GET /alignment/coverage":                         {"admin", "pimpinan", "auditor"},
	"GET /alignment/coverage/export":                  {"admin", "pimpinan", "auditor"},
	"GET /alignment/delegations":                      {"admin", "auditor"},
	"POST /alignment/delegations":                     {"admin"},
	"GET /alignment/{id}":                             {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /alignment/{id}/edit":                        {"admin"},
	"POST /alignment/{id}":                            {"admin"},
	"POST /alignment/{id}/cancel":                     {"admin"},
	"POST /alignment/{id}/invitees":                   {"admin"},
	"POST /alignment/{id}/invitees/{employee}/remove": {"admin"},
	"POST /alignment/{id}/invitees/{employee}/attend": {"admin"},
	"GET /alignment/{id}/qr":                          {"admin"},
	"GET /alignment/{id}/qr.png":                      {"admin"},
	"GET /alignment/{id}/attendance.pdf":              {"admin", "auditor"},
	"GET /alignment/{id}/attendance.xlsx":             {"admin", "auditor"},
	"GET /alignment/{id}/sign/{unit}":                 {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /alignment/{id}/sign/{unit}":                {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /checkin/{token}":                            {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"POST /checkin/{token}":                           {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /pledges/{id}":                               {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /pledges/{id}/pdf":                           {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /verify/{hash}":                              {"anon", "admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /commitments":                                {"admin", "pimpinan", "auditor"},
	"GET /commitments/export":                         {"admin", "pimpinan", "auditor"},
	"POST /commitments":                               {"admin", "pimpinan"},
	"GET /commitments/{id}":                           {"admin", "pimpinan", "auditor"},
	"POST /commitments/{id}/progress":                 {"admin", "pimpinan"},
	"GET /api/v1/alignment-sessions":                  {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/alignment-sessions/{id}":             {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/pledges":                             {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/pledges/{id}":                        {"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"},
	"GET /api/v1/commitments":                         {"admin", "pimpinan", "auditor"},
	// Measurement (issue 6)
}

// concretePath fills the wildcards of a pattern with sample values.
func concretePath(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.ReplaceAll(path, "{$}", "")
	r := strings.NewReplacer("{id}", "1", "{code}", "JUJUR", "{lang}", "en", "{hash}", "0000", "{token}", "not-a-token",
		"{evidence}", "1", "{employee}", "1", "{file}", "1")
	path = r.Replace(path)
	if strings.HasSuffix(path, "/static/") {
		path += "style.css"
	}
	return method, path
}

func TestEveryRouteWithEveryRole(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	roles := []string{"admin", "pimpinan", "agen_perubahan", "pegawai", "auditor"}
	clients := map[string]*client{"anon": ts.anonymous(t)}
	for _, r := range roles {
		ts.mustUser(t, "u_"+r, budaya.Role(r))
		clients[r] = ts.login(t, "u_"+r)
	}
	registered := map[string]bool{}
	for _, rt := range ts.srv.Routes() {
		registered[rt.Pattern] = true
		if _, ok := routeAccess[rt.Pattern]; !ok {
			t.Errorf("route %q is not in routeAccess: decide who may use it", rt.Pattern)
		}
	}
	for p := range routeAccess {
		if !registered[p] {
			t.Errorf("routeAccess lists %q, which is not registered", p)
		}
	}
	for _, rt := range ts.srv.Routes() {
		allowedRoles := routeAccess[rt.Pattern]
		for _, who := range append([]string{"anon"}, roles...) {
			// Logging out would end the session the next checks need.
			if rt.Pattern == "POST /logout" || rt.Pattern == "POST /profile/password" {
				continue
			}
			t.Run(rt.Pattern+"/"+who, func(t *testing.T) {
				c := clients[who]
				method, path := concretePath(rt.Pattern)
				var res *http.Response
				if method == http.MethodPost {
					res = c.postForm(path, url.Values{})
				} else {
					res, _ = c.get(path)
				}
				ok := slices.Contains(allowedRoles, who)
				isAPI := strings.HasPrefix(path, "/api/")
				switch {
				case ok && (res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden):
					t.Errorf("%s %s as %s: got %d, want access", method, path, who, res.StatusCode)
				case ok && res.StatusCode >= 500:
					t.Errorf("%s %s as %s: got %d", method, path, who, res.StatusCode)
				case !ok && who == "anon" && isAPI && res.StatusCode != http.StatusUnauthorized:
					t.Errorf("%s %s anonymous: got %d, want 401", method, path, res.StatusCode)
				case !ok && who == "anon" && !isAPI && (res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login")):
					t.Errorf("%s %s anonymous: got %d to %q, want 303 to /login", method, path, res.StatusCode, res.Header.Get("Location"))
				case !ok && who != "anon" && res.StatusCode != http.StatusForbidden:
					t.Errorf("%s %s as %s: got %d, want 403", method, path, who, res.StatusCode)
				}
			})
		}
	}
}
