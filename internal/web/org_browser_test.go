package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
)

// TestBrowserOrgOnPhone walks the organisation pages as the demo pimpinan on a
// 360 px phone: the unit tree, a unit page, its staff list and a name search.
func TestBrowserOrgOnPhone(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true})
	browsertest.SignIn(t, b, ts.URL+"/login", demo.UserPimpinan, demo.Password, `.menu-toggle`)
	browsertest.Do(t, b, "open the unit tree",
		chromedp.Navigate(ts.URL+"/units"),
		chromedp.WaitVisible(chromedp.CSS(`ul.tree`)),
	)
	noSideways := func(where string) {
		t.Helper()
		if w := browsertest.Get(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			t.Errorf("%s scrolls sideways on a phone: width %d", where, w)
		}
	}
	noSideways("unit tree")
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, b, filepath.Join(dir, "units-phone.png"))
	}
	browsertest.Do(t, b, "search the tree by code and open the unit",
		chromedp.SetValue(chromedp.CSS(`#q`), "SJ.01"),
		chromedp.Submit(chromedp.CSS(`#q`)),
		chromedp.WaitVisible(chromedp.CSS(`.unit-list a`)),
		chromedp.Click(chromedp.CSS(`.unit-list li:first-child a`)),
		chromedp.WaitVisible(chromedp.CSS(`dl.facts`)),
	)
	if h := browsertest.Text(t, b, "h1"); !strings.Contains(h, "Biro Organisasi dan Sumber Daya Manusia") {
		t.Fatalf("unit page heading: got %q", h)
	}
	noSideways("unit page")
	browsertest.Do(t, b, "open the staff list of the unit",
		chromedp.Click(chromedp.CSS(`a[href*="subtree=1"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#employee-results table`)),
	)
	noSideways("employee list")
	first := browsertest.Text(t, b, "#employee-results tbody tr:first-child td:first-child a")
	name := strings.Fields(first)[0]
	// Mark the old results so that the wait below sees them replaced.
	browsertest.Get(t, b, "mark old results", chromedp.Evaluate[string](`document.querySelector('#employee-results tbody').dataset.old = '1'`))
	browsertest.Do(t, b, "search the first name (htmx swaps the results)",
		chromedp.SetValue(chromedp.CSS(`#q`), name),
		chromedp.Click(chromedp.CSS(`form[role="search"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#employee-results tbody[data-old]`)),
		chromedp.WaitVisible(chromedp.CSS(`#employee-results tbody tr`)),
	)
	rows := browsertest.Get(t, b, "result names", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#employee-results tbody td:first-child a')).map(a => a.textContent)`))
	if len(rows) == 0 {
		t.Fatalf("search %q found nobody", name)
	}
	for _, r := range rows {
		if !strings.Contains(strings.ToLower(r), strings.ToLower(name)) {
			t.Errorf("search %q shows %q", name, r)
		}
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, b, filepath.Join(dir, "employees-phone.png"))
	}
}
