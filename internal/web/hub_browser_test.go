package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/hub"
)

// TestBrowserHubHeatmap opens the national heatmap of a hub that received
// the packages of two demo instansi, on a desktop and on a 360 px phone: both
// instansi are side by side with a band on every value cell, and the page
// does not scroll sideways beyond the heatmap's own scroll box.
func TestBrowserHubHeatmap(t *testing.T) {
	if browsertest.Path() == "" {
		browsertest.New(t, browsertest.Options{}) // skips, or fails where a browser is required
	}
	a := newDemoInstansi(t, 11, 60, "KEMEN-A", "Kementerian Uji A")
	b := newDemoInstansi(t, 29, 90, "PROV-B", "Pemerintah Provinsi Uji B")
	h := newHubServer(t)
	admin := h.mustUser(t, "hubadmin", budaya.RoleAdmin)
	for _, d := range []*demoInstansi{a, b} {
		key, err := d.srv.HubPublicKey()
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := h.db.RegisterHubInstansi(ctx, budaya.SystemActor("test"), hub.InstansiInput{Code: d.code, Name: d.code + " uji", Kind: "kota", Region: "Jawa", PublicKey: key}); err != nil {
			t.Fatal(err)
		}
		data, _, err := d.srv.SignedHubPackage(ctx, budaya.SystemActor("test"), d.period, "2026-S1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.srv.ReceiveHubPackage(ctx, budaya.SystemActor("test"), admin, data); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		opt  browsertest.Options
	}{
		{"desktop", browsertest.Options{}},
		{"phone", browsertest.Options{Width: 360, Height: 740, Mobile: true, Timeout: 3 * time.Minute}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			br := browsertest.New(t, tc.opt)
			browsertest.Do(t, br, "sign in",
				chromedp.Navigate(h.URL+"/login"),
				chromedp.WaitVisible(chromedp.CSS(`#username`)),
				chromedp.SendKeys(chromedp.CSS(`#username`), "hubadmin"),
				chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
				chromedp.Submit(chromedp.CSS(`#password`)),
				chromedp.WaitReady(chromedp.CSS(`form[action="/logout"]`)),
				chromedp.Navigate(h.URL+"/hub?period=2026-S1"),
				chromedp.WaitVisible(chromedp.CSS(`#hub-heatmap`)),
			)
			rows := browsertest.Get(t, br, "instansi rows", chromedp.Evaluate[[]string](`[...document.querySelectorAll('#hub-heatmap tbody th')].map(th => th.textContent.trim())`))
			if len(rows) != 2 || !strings.Contains(strings.Join(rows, "|"), "KEMEN-A uji") || !strings.Contains(strings.Join(rows, "|"), "PROV-B uji") {
				t.Errorf("heatmap rows: got %q, want both instansi", rows)
			}
			banded := browsertest.Get(t, br, "banded cells", chromedp.Evaluate[int](`document.querySelectorAll('#hub-heatmap td.cell[class*="band-"]:not(.band-none)').length`))
			if banded != 16 {
				t.Errorf("cells with a band: got %d, want 16 (overall and 7 values for 2 instansi)", banded)
			}
			label := browsertest.Attr(t, br, `#hub-heatmap td.cell[data-cell="KEMEN-A-ALL"]`, "aria-label")
			if !strings.Contains(label, "KEMEN-A uji") {
				t.Errorf("overall cell label: got %q", label)
			}
			if overflow := browsertest.Get(t, br, "page overflow", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); overflow {
				t.Errorf("the page scrolls sideways at width %d", tc.opt.Width)
			}
		})
	}
}
