package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
)

// TestBrowserFormsFitAPhone opens the forms a change agent, a leader and an
// admin fill in on a 360 px phone (recording an activity, adding an action
// item, a roadmap, alignment sessions) and measures that none of them makes
// the page wider than the screen.
func TestBrowserFormsFitAPhone(t *testing.T) {
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true, Timeout: 4 * time.Minute})
	signedIn := false
	signIn := func(user string) {
		if signedIn {
			browsertest.Do(t, b, "sign out",
				chromedp.Navigate(ts.URL+"/profile"),
				chromedp.WaitReady(chromedp.CSS(`form[action="/logout"]`)),
				chromedp.Submit(chromedp.CSS(`form[action="/logout"]`)),
				chromedp.WaitVisible(chromedp.CSS(`#username`)),
			)
		}
		signedIn = true
		browsertest.Do(t, b, "sign in as "+user,
			chromedp.Navigate(ts.URL+"/login"),
			chromedp.WaitVisible(chromedp.CSS(`#username`)),
			chromedp.SendKeys(chromedp.CSS(`#username`), user),
			chromedp.SendKeys(chromedp.CSS(`#password`), demo.Password),
			chromedp.Submit(chromedp.CSS(`#password`)),
			chromedp.WaitReady(chromedp.CSS(`form[action="/logout"]`)),
		)
	}
	for _, tc := range []struct {
		user  string
		pages []struct{ path, ready string }
	}{
		{demo.UserAgen, []struct{ path, ready string }{{"/agents", `form[action$="/actions"] textarea`}}},
		{demo.UserPimpinan, []struct{ path, ready string }{{"/commitments", `#new-h`}}},
		{"admin", []struct{ path, ready string }{{"/roadmaps/1", `h1`}, {"/alignment/1", `h1`}, {"/alignment/3", `h1`}, {"/commitments", `#new-h`}}},
	} {
		signIn(tc.user)
		for _, p := range tc.pages {
			browsertest.Do(t, b, tc.user+" opens "+p.path,
				chromedp.Navigate(ts.URL+p.path),
				chromedp.WaitReady(chromedp.CSS(p.ready)),
			)
			if w := browsertest.Get(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
				wide := browsertest.Get(t, b, "widest elements", chromedp.Evaluate[[]string](`[...document.querySelectorAll('body *')]
					.filter(e => e.getBoundingClientRect().right > 361 && (!e.closest('.scroll') || e.classList.contains('scroll'))).slice(0, 12)
					.map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`))
				t.Errorf("%s as %s is %d px wide on a 360 px phone; too wide: %q", p.path, tc.user, w, wide)
			}
		}
	}

	// The public verification page of a signed pledge names the instansi and fits the phone.
	browsertest.Do(t, b, "list pledges", chromedp.Navigate(ts.URL+"/api/v1/pledges"), chromedp.WaitReady(chromedp.CSS(`body`)))
	hash := browsertest.Get(t, b, "a pledge's hash", chromedp.Evaluate[string](`JSON.parse(document.body.innerText).items[0].sha256`))
	browsertest.Do(t, b, "verify a pledge", chromedp.Navigate(ts.URL+"/verify/"+hash), chromedp.WaitVisible(chromedp.CSS(`#verify-status`)))
	if got := browsertest.Get(t, b, "instansi", chromedp.Evaluate[string](`document.querySelector('#verify-instansi').textContent`)); got != "Kementerian Contoh Republik Indonesia" {
		t.Errorf("verify page names %q, want the instansi", got)
	}
	if w := browsertest.Get(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("/verify is %d px wide on a 360 px phone", w)
	}

	// The survey's comment box spans the behaviour it belongs to.
	signIn(demo.UserPegawai)
	browsertest.Do(t, b, "open my tasks", chromedp.Navigate(ts.URL+"/tasks"), chromedp.WaitVisible(chromedp.CSS(`.task-list`)))
	survey := browsertest.Get(t, b, "survey link", chromedp.Evaluate[string](
		`[...document.querySelectorAll('.task-list a')].find(a => a.textContent.startsWith('Survei budaya'))?.getAttribute('href') || ''`))
	if survey == "" {
		t.Fatal("no survey among the pegawai's tasks")
	}
	browsertest.Do(t, b, "open the survey", chromedp.Navigate(ts.URL+survey), chromedp.WaitVisible(chromedp.CSS(`.behaviour textarea`)))
	ratio := browsertest.Get(t, b, "comment box width", chromedp.Evaluate[float64](`(() => {
		const ta = document.querySelector('.behaviour textarea'), fs = ta.closest('fieldset');
		return ta.getBoundingClientRect().width / fs.clientWidth; })()`))
	if ratio < 0.85 {
		t.Errorf("the survey comment box is %.0f%% of its behaviour's width, want it full width", ratio*100)
	}
}
