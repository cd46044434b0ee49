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

// importTestFile writes a CSV of three employees in a new unit.
func importTestFile(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "pegawai.csv")
	csv := "NIP;Nama;Jabatan;Kode Unit;Unit Kerja;Kode Induk;Eselon;NIP Atasan\n" +
		"196905172001121001;Hendra Gunawan;Kepala Pusat;PUSDATIN-X;Pusat Data Uji;;II;\n" +
		"197711032005012002;Ratna Sari;Pranata Komputer;PUSDATIN-X;Pusat Data Uji;;II;196905172001121001\n" +
		"198402142009011003;Yusuf Maulana;Analis Data;PUSDATIN-X;Pusat Data Uji;;II;196905172001121001\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestBrowserImport signs in as the admin, uploads a CSV on the import page,
// sees the dry run, applies it and sees how many employees were imported.
func TestBrowserImport(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	file := importTestFile(t)
	b := browsertest.New(t, browsertest.Options{})
	browsertest.SignIn(t, b, ts.URL+"/login", "admin", demo.Password, browsertest.SignedIn)
	browsertest.Do(t, b, "open the import page, which the menu links",
		chromedp.WaitReady(chromedp.CSS(`nav a[href="/import"]`)),
		chromedp.Navigate(ts.URL+"/import"),
		chromedp.WaitVisible(chromedp.CSS(`#import-file`)),
	)
	browsertest.Do(t, b, "upload and run the dry run",
		chromedp.SetUploadFiles(chromedp.CSS(`#import-file`), []string{file}),
		chromedp.Click(chromedp.CSS(`#import-check`)),
		chromedp.WaitVisible(chromedp.CSS(`#import-counts`)),
	)
	if got := browsertest.Text(t, b, "#count-employees-created"); got != "3" {
		t.Fatalf("dry run: got %q employees to create, want 3", got)
	}
	if sample := browsertest.Text(t, b, "#import-sample"); !strings.Contains(sample, "Ratna Sari") {
		t.Errorf("dry-run sample: got %q, want Ratna Sari listed", sample)
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, b, filepath.Join(dir, "import-dry-run.png"))
	}
	browsertest.Do(t, b, "apply",
		// The apply button asks for confirmation; answer yes.
		chromedp.Evaluate[chromedp.Void](`window.confirm = function () { return true; }`),
		chromedp.Click(chromedp.CSS(`#import-apply`)),
		chromedp.WaitVisible(chromedp.CSS(`#import-result`)),
	)
	if got := browsertest.Text(t, b, "#import-result"); !strings.Contains(got, "3 baru") {
		t.Errorf("after apply: got %q, want 3 new employees", got)
	}
	if got := browsertest.Text(t, b, "#count-employees-created"); got != "3" {
		t.Errorf("after apply: got %q in the counts, want 3", got)
	}
}

// TestBrowserImportOnPhone runs the dry run on a 360 px phone: the preview
// and its tables must not make the page scroll sideways.
func TestBrowserImportOnPhone(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	file := importTestFile(t)
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true})
	browsertest.SignIn(t, b, ts.URL+"/login", "admin", demo.Password, browsertest.SignedIn)
	browsertest.Do(t, b, "run the dry run on a phone",
		chromedp.Navigate(ts.URL+"/import"),
		chromedp.WaitVisible(chromedp.CSS(`#import-file`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#import-file`), []string{file}),
		chromedp.Click(chromedp.CSS(`#import-check`)),
		chromedp.WaitVisible(chromedp.CSS(`#import-apply`)),
	)
	if w := browsertest.Get(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("the dry-run page scrolls sideways on a phone: width %d", w)
	}
}
