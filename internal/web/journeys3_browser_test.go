package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
)

// phoneWidthJS lists the elements that stick out of a 360 px screen, outside
// a scroll box, or nothing when the page fits.
const phoneWidthJS = `document.documentElement.scrollWidth > 360 ? [...document.querySelectorAll('body *')]
	.filter(e => e.getBoundingClientRect().right > 361 && (!e.closest('.scroll') || e.classList.contains('scroll'))).slice(0, 12)
	.map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)) : []`

// TestBrowserReportAndDashboardOnAPhone opens an employee's own 360 report
// and the index dashboard on a 360 px phone: neither page may be wider than
// the screen, nor may a table scroll sideways, and the value chart shows its
// whole 0-100 range inside the screen.
func TestBrowserReportAndDashboardOnAPhone(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true, Timeout: 4 * time.Minute})
	browsertest.SignIn(t, b, ts.URL+"/login", demo.UserPimpinan, demo.Password, browsertest.SignedIn)

	browsertest.Do(t, b, "open my tasks", chromedp.Navigate(ts.URL+"/tasks"), chromedp.WaitReady(chromedp.CSS(`main`)))
	reports := browsertest.Get(t, b, "report links", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('main a[href*="/reports/"]')].map(a => a.getAttribute('href'))`))
	report := ""
	for _, link := range reports { // the report of the open period is refused; take a closed one
		browsertest.Do(t, b, "open "+link, chromedp.Navigate(ts.URL+link), chromedp.WaitReady(chromedp.CSS(`h1`)))
		if browsertest.Get(t, b, "figures", chromedp.Evaluate[int](`document.querySelectorAll('.report-row, main table').length`)) > 0 {
			report = link
			break
		}
	}
	if report == "" {
		t.Fatalf("none of the 360 reports linked from the leader's tasks %q shows figures", reports)
	}
	if wide := browsertest.Get(t, b, "report width", chromedp.Evaluate[[]string](phoneWidthJS)); len(wide) > 0 {
		t.Errorf("%s is wider than a 360 px phone: %q", report, wide)
	}
	if n := browsertest.Get(t, b, "sideways scrolling", chromedp.Evaluate[int](
		`[...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible').length`)); n > 0 {
		t.Errorf("%s has %d boxes that scroll sideways on a phone, want none", report, n)
	}

	browsertest.Do(t, b, "open the dashboard", chromedp.Navigate(ts.URL+"/index"), chromedp.WaitReady(chromedp.CSS(`#values-table`)))
	if wide := browsertest.Get(t, b, "dashboard width", chromedp.Evaluate[[]string](phoneWidthJS)); len(wide) > 0 {
		t.Errorf("/index is wider than a 360 px phone: %q", wide)
	}
	// The end of the scale (the tick "100") and the end of every bar lie inside the screen.
	out := browsertest.Get(t, b, "chart outside the screen", chromedp.Evaluate[[]string](`(() => {
		const w = document.documentElement.clientWidth, out = [];
		const svg = document.querySelector('.chart-svg'), box = svg.getBoundingClientRect();
		for (const e of svg.querySelectorAll('rect.bar, text.tick')) {
			const r = e.getBoundingClientRect();
			if (r.right > Math.min(w, box.right) + 0.5 || r.width === 0) out.push(e.tagName + ' ' + (e.textContent || '') + ' ' + Math.round(r.right) + '/' + w);
		}
		return out; })()`))
	if len(out) > 0 {
		t.Log(browsertest.Get(t, b, "chain", chromedp.Evaluate[[]string](`(() => { const o = []; for (let e = document.querySelector('.chart-svg'); e; e = e.parentElement) { const cs = getComputedStyle(e); o.push(e.tagName + '.' + e.className.baseVal + e.className + ' w=' + Math.round(e.getBoundingClientRect().width) + ' ' + cs.overflowX + ' ' + cs.display + ' ' + cs.minWidth + ' ' + cs.width); } return o; })()`)))
		t.Errorf("value chart parts outside the 360 px screen: %q", out)
	}
	// The chosen period's whole name is readable: a select on a phone shows
	// only the start of a long name, so the page writes it out beside it.
	chosen := browsertest.Get(t, b, "chosen period", chromedp.Evaluate[[]string](`(() => {
		const sel = document.querySelector('#period'), note = document.querySelector('#period-chosen');
		const r = note ? note.getBoundingClientRect() : {right: 0, width: 0};
		return [sel.selectedOptions[0].text, note && r.width > 0 && r.right <= 360 ? note.textContent : '']; })()`))
	if !strings.Contains(chosen[1], chosen[0]) {
		t.Errorf("the chosen period %q is not written out within the screen; got %q", chosen[0], chosen[1])
	}
}
