package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/budaya"
)

// The pages this capability added or changed (the session's edit form and
// its cancel form, the digest setting on the profile, the outbox with a
// calendar message) at a 360 px phone and a 1280 px screen: status 200, no
// page wider than the screen, no serious or critical axe-core finding. The
// crawl of every role covers them too; this checks them on a small instansi.
func TestBrowserMailPages(t *testing.T) {
	t.Parallel()
	o := newAlignOrg(t)
	e := o.lead1
	e.Email = "budi@example.go.id"
	if _, err := o.ts.db.UpdateEmployee(ctx, budaya.SystemActor("test"), e.ID, *e); err != nil {
		t.Fatal(err)
	}
	start := time.Now().UTC().Add(48 * time.Hour)
	if res := o.admin.postForm(o.path(""), url.Values{"title": {"Leader Alignment Session 2026"}, "starts_at": {start.Format("2006-01-02T15:04")},
		"ends_at": {start.Add(2 * time.Hour).Format("2006-01-02T15:04")}, "place": {"Aula Gedung B"},
		"pledge_template": {budaya.DefaultPledgeTemplate}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change the session: %d", res.StatusCode)
	}
	b := browsertest.New(t, browsertest.Options{Timeout: 5 * time.Minute})
	browsertest.SignIn(t, b, o.ts.URL+"/login", "admin1", testPassword, browsertest.SignedIn)
	for _, page := range []string{"/profile", o.path(""), o.path("/edit"), "/admin/mail", "/alignment"} {
		for _, w := range []struct {
			width, height int64
			mobile        bool
		}{{1280, 900, false}, {360, 780, true}} {
			opts := []chromedp.EmulateViewportOption{}
			if w.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			browsertest.Do(t, b, "viewport", chromedp.EmulateViewport(w.width, w.height, opts...))
			res, err := chromedp.Run(b, chromedp.NavigateResponse(o.ts.URL+page))
			if err != nil || res.Status != http.StatusOK {
				t.Errorf("%s at %d px: %v %v, want 200", page, w.width, res, err)
				continue
			}
			browsertest.Do(t, b, "load "+page, browsertest.Loaded())
			widths := browsertest.Get(t, b, "page width", chromedp.Evaluate[[]int64](`[document.documentElement.scrollWidth, window.innerWidth]`))
			if widths[0] > widths[1]+1 {
				t.Errorf("%s at %d px: page is %d px wide", page, w.width, widths[0])
			}
			violations, err := browsertest.Axe(b)
			if err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			for _, v := range violations {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s at %d px: axe %s (%s): %s %v", page, w.width, v.ID, v.Impact, v.Help, v.Targets)
				}
			}
		}
	}
}
