package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// setLang sets the language cookie of c, as the language switch does.
func (c *client) setLang(lang string) {
	u, _ := url.Parse(c.ts.URL)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: lang, Path: "/"}})
}

// Issue 16.11: the methodology and the dashboard read the national reference
// from berakhlak.json, and write it the way the page's language does.
func TestNationalReferenceOneSource(t *testing.T) {
	w := newIndexWorld(t)
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := w.ts.login(t, "admin")
	_, body := c.get("/index/methodology")
	for _, want := range []string{"2022 = 60,9", "2023 = 61,1", "936.476 responden"} {
		if !strings.Contains(body, want) {
			t.Errorf("methodology (id): want %q in the reference line", want)
		}
	}
	_, body = c.get("/index")
	if !strings.Contains(body, "2022: 60,9") {
		t.Errorf("dashboard (id): want the 2022 reference 60,9")
	}
	c.setLang("en")
	_, body = c.get("/index/methodology")
	for _, want := range []string{"2022 = 60.9", "2023 = 61.1", "936,476 respondents"} {
		if !strings.Contains(body, want) {
			t.Errorf("methodology (en): want %q in the reference line", want)
		}
	}
}
