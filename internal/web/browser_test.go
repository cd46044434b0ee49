package web_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/webtest"
)

// newDemoServer serves the demo instansi, as `serve --demo` does.
func newDemoServer(t *testing.T) *httptest.Server {
	t.Helper()
	return webtest.NewDemoServer(t, 120).Server
}

func TestBrowserSignInFrameworkLanguageSignOut(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{})
	browsertest.Do(t, b, "open login",
		chromedp.Navigate(ts.URL+"/framework"),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
	)
	if hint := browsertest.Text(t, b, ".notice"); !strings.Contains(hint, "Demo-BerAKHLAK-2021") {
		t.Fatalf("demo login hint: got %q", hint)
	}
	browsertest.Do(t, b, "sign in",
		chromedp.SendKeys(chromedp.CSS(`#username`), "admin"),
		chromedp.SendKeys(chromedp.CSS(`#password`), demo.Password),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(`.values`)),
	)
	heading, lang := browsertest.Text(t, b, "h1"), browsertest.Attr(t, b, "html", "lang")
	if heading != "Kerangka nilai" || lang != "id" {
		t.Fatalf("framework page after sign-in: got h1 %q lang %q, want Kerangka nilai / id", heading, lang)
	}
	behaviours := browsertest.Get(t, b, "count behaviours", chromedp.Evaluate[int](`document.querySelectorAll('.behaviours li').length`))
	if behaviours != 21 {
		t.Errorf("behaviours shown: got %d, want 21", behaviours)
	}
	browsertest.Do(t, b, "switch to English",
		browsertest.Loaded(),
		chromedp.Click(chromedp.CSS(`a[hreflang="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[hreflang="id"]`)),
	)
	heading, lang = browsertest.Text(t, b, "h1"), browsertest.Attr(t, b, "html", "lang")
	if heading != "Value framework" || lang != "en" {
		t.Fatalf("after switching: got h1 %q lang %q, want Value framework / en", heading, lang)
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, b, filepath.Join(dir, "framework.png"))
	}
	browsertest.Do(t, b, "sign out",
		browsertest.Loaded(),
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
	)
	if url := browsertest.Get(t, b, "location", chromedp.Location()); !strings.Contains(url, "/login") {
		t.Errorf("after sign out: at %q, want the login page", url)
	}
	if flash := browsertest.Text(t, b, ".flash.ok"); flash != "You have signed out." {
		t.Errorf("sign-out message: got %q", flash)
	}
}

func TestBrowserPhoneMenu(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true})
	browsertest.SignIn(t, b, ts.URL+"/login", "admin", demo.Password, `.menu-toggle`)
	if got := browsertest.Get(t, b, "nav hidden", chromedp.Evaluate[bool](`getComputedStyle(document.getElementById('main-nav')).display === 'none'`)); !got {
		t.Fatal("on a 360 px screen the navigation should fold behind the menu button")
	}
	if w := browsertest.Get(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("page scrolls sideways on a phone: width %d", w)
	}
	browsertest.Do(t, b, "open the menu and go to the framework",
		browsertest.Loaded(),
		chromedp.Click(chromedp.CSS(`.menu-toggle`)),
		chromedp.WaitVisible(chromedp.CSS(`#main-nav a[href="/framework"]`)),
		chromedp.Click(chromedp.CSS(`#main-nav a[href="/framework"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.values`)),
	)
	if got := browsertest.Attr(t, b, ".menu-toggle", "aria-expanded"); got != "false" {
		t.Errorf("menu after navigating: aria-expanded %q, want false", got)
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, b, filepath.Join(dir, "framework-phone.png"))
	}
}
