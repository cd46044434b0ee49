package web_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
)

// TestBrowserIndexDashboard opens the dashboard of the demo instansi, drills
// into a heatmap cell and downloads the unit's PDF report.
func TestBrowserIndexDashboard(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{})
	browsertest.SignIn(t, b, ts.URL+"/login", "admin", demo.Password, `a[href="/index"]`)
	browsertest.Do(t, b, "open the dashboard from the home page",
		chromedp.Click(chromedp.CSS(`main a.button[href="/index"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#values-table`)),
	)
	if bars := browsertest.Get(t, b, "count bars", chromedp.Evaluate[int](`document.querySelectorAll('svg rect.bar').length`)); bars != 8 {
		t.Errorf("bars in the value chart: got %d, want 8 (overall and 7 values)", bars)
	}
	if overall := browsertest.Text(t, b, "#overall .kpi-value"); overall == "–" || overall == "" {
		t.Errorf("overall index of the instansi: got %q, want a number", overall)
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, b, filepath.Join(dir, "dashboard.png"))
	}
	browsertest.Do(t, b, "open the heatmap",
		chromedp.Click(chromedp.CSS(`a[href*="/index/heatmap"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#heatmap`)),
	)
	cell := browsertest.Attr(t, b, `#heatmap td.cell a[data-cell]`, "data-cell")
	unitName := browsertest.Get(t, b, "unit of the cell", chromedp.Evaluate[string](`document.querySelector('#heatmap td.cell a[data-cell]').closest('tr').querySelector('th').textContent.trim()`))
	browsertest.Do(t, b, "drill into cell "+cell,
		chromedp.Click(chromedp.CSS(`#heatmap td.cell a[data-cell="`+cell+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#values-table`)),
	)
	if h1 := browsertest.Text(t, b, "h1"); !strings.Contains(h1, unitName) {
		t.Errorf("after drilling into %s: got h1 %q at %s, want the unit %q", cell, h1, browsertest.Get(t, b, "location", chromedp.Location()), unitName)
	}
	dir := t.TempDir()
	progress := chromedp.Events(b, browser.DownloadProgress)
	browsertest.Do(t, b, "download the unit PDF",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: ptrTrue()})
			return err
		}),
		chromedp.Click(chromedp.CSS(`#report-pdf`)),
	)
	deadline := time.Now().Add(30 * time.Second)
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if time.Now().After(deadline) {
			t.Fatal("download did not finish in 30 s")
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download cancelled")
		}
		if ev.State != browser.DownloadProgressStateCompleted {
			continue
		}
		pdf, err := os.ReadFile(filepath.Join(dir, ev.GUID))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 2000 {
			t.Errorf("downloaded report: %d bytes starting %q, want a PDF", len(pdf), pdf[:min(len(pdf), 8)])
		}
		break
	}
}

func ptrTrue() *bool { v := true; return &v }
