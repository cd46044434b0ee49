package web_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
)

// TestBrowserActivityToBudgetProposal walks from creating an activity with a
// budget line to downloading the budget proposal that holds it.
func TestBrowserActivityToBudgetProposal(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{})
	year := time.Now().Year() + 1
	browsertest.SignIn(t, b, ts.URL+"/roadmaps", "admin", demo.Password, `.tiles a`)
	browsertest.Do(t, b, "open a roadmap and a new activity",
		chromedp.Click(chromedp.CSS(`.tiles a`)),
		chromedp.WaitVisible(chromedp.CSS(`table.timeline`)),
		chromedp.Click(chromedp.CSS(`a[href$="/activities/new"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#code`)),
	)
	unit := browsertest.Get(t, b, "first owner unit", chromedp.Evaluate[string](`document.querySelector('#owner_unit_id option[value]:not([value=""])').value`))
	browsertest.Do(t, b, "fill the activity with a budget line",
		chromedp.SendKeys(chromedp.CSS(`#code`), "B1"),
		chromedp.SendKeys(chromedp.CSS(`#name`), "Uji peramban apresiasi pegawai"),
		chromedp.Click(chromedp.CSS(`input[name="values"][value="HA"]`)),
		chromedp.SetValue(chromedp.CSS(`#owner_unit_id`), unit),
		chromedp.SendKeys(chromedp.CSS(`#quarters`), fmt.Sprintf("%dQ2-%dQ3", year, year)),
		chromedp.SendKeys(chromedp.CSS(`#indicator`), "Pegawai diapresiasi"),
		chromedp.SendKeys(chromedp.CSS(`#target`), "12"),
		chromedp.SetValue(chromedp.CSS(`#n-fiscal_year`), strconv.Itoa(year)),
		chromedp.SendKeys(chromedp.CSS(`#n-account_code`), "521211"),
		chromedp.SendKeys(chromedp.CSS(`#n-ceiling`), "Rp 12.345.678"),
		chromedp.Submit(chromedp.CSS(`#n-ceiling`)),
		chromedp.WaitVisible(chromedp.CSS(`#budget`)),
	)
	if h1 := browsertest.Text(t, b, "h1"); !strings.Contains(h1, "B1") {
		t.Fatalf("after saving: got h1 %q, want the new activity (error: %q)", h1, flashText(t, b))
	}
	if cell := browsertest.Text(t, b, "#budget + .scroll td.num"); cell != "Rp 12.345.678" {
		t.Errorf("budget line on the activity page: got %q, want Rp 12.345.678", cell)
	}
	browsertest.Do(t, b, "open the budget proposal",
		chromedp.Navigate(fmt.Sprintf("%s/budget-proposal?year=%d", ts.URL, year)),
		chromedp.WaitVisible(chromedp.CSS(`#proposal-total`)),
	)
	page := browsertest.Text(t, b, "main")
	if !strings.Contains(page, "B1 Uji peramban apresiasi pegawai") {
		t.Fatalf("the proposal of %d does not list the new activity", year)
	}
	dir := t.TempDir()
	progress := chromedp.Events(b, browser.DownloadProgress)
	browsertest.Do(t, b, "download the XLSX",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			on := true
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &on})
			return err
		}),
		chromedp.Click(chromedp.CSS(`#download-xlsx`)),
	)
	var file string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(dir, ev.GUID)
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download cancelled")
		}
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("open downloaded proposal: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 9 && strings.HasSuffix(r[5], "B1") && r[9] == "12345678" {
			found = true
		}
	}
	if !found {
		t.Errorf("the downloaded proposal has no row for B1 with 12345678")
	}
}

// flashText is the error message on the page, if any.
func flashText(t *testing.T, b context.Context) string {
	t.Helper()
	return browsertest.Get(t, b, "flash", chromedp.Evaluate[string](`(document.querySelector('.flash.error')||{}).textContent||''`))
}
