package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
)

// TestBrowserKioskOnAPhone plays a shared 360 px device in a field office:
// one person signs in with the NIP and code of their slip, answers their
// survey and is signed out by the kiosk; the back button then shows nothing
// of theirs and no session cookie is left. The next person is signed out by
// the idle timer.
func TestBrowserKioskOnAPhone(t *testing.T) {
	t.Parallel()
	w := newKioskWorld(t)
	slips := kioskSlips(t, w)
	a, c := slips[0], slips[1]
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true, Timeout: 5 * time.Minute})

	checkPage := func(what string) {
		t.Helper()
		if wd := browsertest.Get(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); wd > 360 {
			t.Errorf("%s is %d px wide on a 360 px phone", what, wd)
		}
		vs, err := browsertest.Axe(b)
		if err != nil {
			t.Fatalf("axe on %s: %v", what, err)
		}
		for _, v := range vs {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: axe %s (%s): %s at %v", what, v.ID, v.Impact, v.Help, v.Targets)
			}
		}
	}
	signIn := func(nip, code string) {
		t.Helper()
		browsertest.Do(t, b, "kiosk sign-in of "+nip,
			chromedp.Navigate(w.ts.URL+"/kiosk"),
			chromedp.WaitVisible(chromedp.CSS(`#kiosk-nip`)),
			browsertest.Loaded(),
			chromedp.SendKeys(chromedp.CSS(`#kiosk-nip`), nip),
			chromedp.SendKeys(chromedp.CSS(`#kiosk-code`), code),
			chromedp.Submit(chromedp.CSS(`#kiosk-code`)),
			chromedp.WaitVisible(chromedp.CSS(`#kiosk-done`)),
			browsertest.Loaded(),
		)
	}
	sessionCookies := func() int {
		t.Helper()
		cookies := browsertest.Get(t, b, "cookies", chromedp.Action[[]*network.Cookie](func(ctx context.Context, tg *chromedp.Target) ([]*network.Cookie, error) {
			res, err := cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{w.ts.URL + "/"}})
			if err != nil {
				return nil, err
			}
			return res.Cookies, nil
		}))
		n := 0
		for _, ck := range cookies {
			if ck.Name == "budaya_session" {
				n++
			}
		}
		return n
	}

	browsertest.Do(t, b, "open the kiosk", chromedp.Navigate(w.ts.URL+"/kiosk"), chromedp.WaitVisible(chromedp.CSS(`#kiosk-nip`)), browsertest.Loaded())
	checkPage("the kiosk sign-in")
	// The code typed by hand: lower case, without its dash.
	signIn(a.Identifier, strings.ToLower(strings.ReplaceAll(a.Code, "-", "")))
	checkPage("the kiosk's tasks")
	if n := sessionCookies(); n != 1 {
		t.Fatalf("session cookies while signed in: got %d, want 1", n)
	}
	if bar := browsertest.Text(t, b, ".kiosk-bar"); !strings.Contains(bar, a.Name) {
		t.Errorf("kiosk bar %q: want the person's name", bar)
	}
	if n := browsertest.Get(t, b, "navigation", chromedp.Evaluate[int](`document.querySelectorAll('#main-nav').length`)); n != 0 {
		t.Error("the kiosk shows the navigation")
	}
	browsertest.Do(t, b, "open the survey",
		chromedp.Click(chromedp.CSS(`.task-list a`)),
		chromedp.WaitVisible(chromedp.CSS(`fieldset.behaviour`)),
		browsertest.Loaded(),
	)
	checkPage("the kiosk's survey")
	n := browsertest.Get(t, b, "answer all", chromedp.Evaluate[int](`(() => {
		const sets = document.querySelectorAll('fieldset.behaviour');
		sets.forEach((fs, i) => fs.querySelectorAll('input[type=radio]')[(i % 5)].click());
		return sets.length; })()`))
	if n != len(w.codes) {
		t.Fatalf("behaviours on the survey page: got %d, want %d", n, len(w.codes))
	}
	browsertest.Get(t, b, "accept the confirmation", chromedp.Evaluate[bool](`window.confirm = () => true; true`))
	browsertest.Do(t, b, "send the survey",
		chromedp.Click(chromedp.CSS(`button[value="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#kiosk-nip`)),
		browsertest.Loaded(),
	)
	if flash := browsertest.Text(t, b, ".flash.ok"); !strings.Contains(flash, "semua tugas Anda sudah terkirim") {
		t.Errorf("after the last task: flash %q, want the thank-you", flash)
	}
	if n := sessionCookies(); n != 0 {
		t.Errorf("session cookies left on the device: %d", n)
	}
	// Back, twice: the survey and the task list are asked for again and
	// answer with a sign-in page, not the person's page.
	for i := range 2 {
		browsertest.Do(t, b, "back", chromedp.NavigateBack(), browsertest.Loaded())
		body := browsertest.Get(t, b, "page text", chromedp.Evaluate[string](`document.body.innerText`))
		if strings.Contains(body, a.Name) || strings.Contains(body, "Survei") {
			t.Errorf("back %d after sign-out shows the person's page: %.200q", i+1, body)
		}
		if n := browsertest.Get(t, b, "answer form", chromedp.Evaluate[int](`document.querySelectorAll('.answer-form, .task-list').length`)); n != 0 {
			t.Errorf("back %d after sign-out shows their tasks", i+1)
		}
	}

	// The next person walks away: the page signs out by itself once idle.
	signIn(c.Identifier, c.Code)
	if bar := browsertest.Text(t, b, ".kiosk-bar"); !strings.Contains(bar, c.Name) || strings.Contains(bar, a.Name) {
		t.Errorf("kiosk bar %q: want only the second person", bar)
	}
	idle := browsertest.Attr(t, b, "body", "data-kiosk-idle")
	// Jump the page's clock past the idle time instead of waiting minutes.
	browsertest.Get(t, b, "time passes", chromedp.Evaluate[bool](`(() => { const real = Date.now; Date.now = () => real() + (`+idle+` + 5) * 1000; return true; })()`))
	browsertest.Do(t, b, "signed out when idle", chromedp.WaitVisible(chromedp.CSS(`#kiosk-nip`)), browsertest.Loaded())
	if flash := browsertest.Text(t, b, ".flash.ok"); !strings.Contains(flash, "Anda sudah keluar") {
		t.Errorf("after the idle time: flash %q", flash)
	}
	if n := sessionCookies(); n != 0 {
		t.Errorf("session cookies after the idle sign-out: %d", n)
	}
	if v := browsertest.Get(t, b, "fields", chromedp.Evaluate[string](`document.querySelector('#kiosk-nip').value + document.querySelector('#kiosk-code').value`)); v != "" {
		t.Errorf("the kiosk form keeps %q for the next person", v)
	}
}
