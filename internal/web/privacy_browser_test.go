package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
)

// TestBrowserPrivacyOnPhone opens the privacy notice, "Data saya" and the
// admin's request register (with the demo's open and answered requests) on a
// 360 px phone: none may scroll sideways, and the register shows deadlines.
func TestBrowserPrivacyOnPhone(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true})
	browsertest.SignIn(t, b, ts.URL+"/login", "admin", demo.Password, browsertest.SignedIn)
	for _, page := range []struct{ path, ready string }{
		{"/privacy", `#p-rights`},
		{"/me/data", `#hist-h`},
		{"/admin/privacy", `#requester_name`},
		{"/admin/retention", `#days-sessions`},
	} {
		browsertest.Do(t, b, "open "+page.path,
			chromedp.Navigate(ts.URL+page.path),
			chromedp.WaitVisible(chromedp.CSS(page.ready)),
		)
		if w := browsertest.Get(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			t.Errorf("%s scrolls sideways on a phone: width %d", page.path, w)
		}
	}
	browsertest.Do(t, b, "the register lists the demo requests with deadlines",
		chromedp.Navigate(ts.URL+"/admin/privacy"),
		chromedp.WaitVisible(chromedp.CSS(`.badge`)),
	)
}
