package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
)

// step runs actions with a time limit of its own; when they fail it says
// where the browser is and what the page shows, then fails t.
func step(t *testing.T, b context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		page, _ := chromedp.Run(b, chromedp.Evaluate[string](`location.href + "\n" + (document.querySelector("main") || document.body).innerText.slice(0, 800)`))
		t.Fatalf("%s: %v\nthe browser shows %s", what, err, page)
	}
}

// TestBrowserAlignmentWholePath drives the whole path in Chromium: an admin
// plans a session and shows its QR code; a leader checks in on a phone,
// adds a commitment with evidence, signs, downloads the PDF and opens the
// verification page through the pledge's QR link.
func TestBrowserAlignmentWholePath(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	adminB := browsertest.New(t, browsertest.Options{Timeout: 4 * time.Minute})
	signIn := func(user string) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.WaitVisible(chromedp.CSS(`#username`)),
			chromedp.SendKeys(chromedp.CSS(`#username`), user),
			chromedp.SendKeys(chromedp.CSS(`#password`), demo.Password),
			chromedp.Submit(chromedp.CSS(`#password`)),
		}
	}
	now := time.Now().UTC()
	step(t, adminB, "admin plans a session", append(append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(ts.URL + "/alignment/new")},
		signIn("admin")...),
		chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Leader Alignment Session Uji"),
		chromedp.SetValue(chromedp.CSS(`#starts_at`), now.Add(-30*time.Minute).Format("2006-01-02T15:04")),
		chromedp.SetValue(chromedp.CSS(`#ends_at`), now.Add(2*time.Hour).Format("2006-01-02T15:04")),
		chromedp.SendKeys(chromedp.CSS(`#place`), "Aula Utama"),
		chromedp.SendKeys(chromedp.CSS(`#facilitator`), "Biro Organisasi"),
		chromedp.Click(chromedp.CSS(`form[action="/alignment"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#invitees`)),
		chromedp.Click(chromedp.CSS(`a[href$="/qr"]`)),
		chromedp.WaitVisible(chromedp.CSS(`figure.qr img`)),
	)...)
	// Read the link by script, after the page has loaded: a node id taken
	// while the page is still settling can be gone when its text is asked for.
	checkin := browsertest.Get(t, adminB, "check-in link of the QR page", chromedp.Poll[string](
		`document.readyState === "complete" && (document.querySelector('figure.qr code') || {}).textContent`,
		chromedp.WithPollingTimeout(60*time.Second)))
	if !strings.Contains(checkin, "/checkin/") {
		t.Fatalf("QR page: got URL %q, want a check-in link", checkin)
	}
	// The image may still be on its way: wait until it has loaded (a broken image never gets a width).
	if w := browsertest.Get(t, adminB, "QR image loaded", chromedp.Poll[int](`document.querySelector('figure.qr img').complete && document.querySelector('figure.qr img').naturalWidth`,
		chromedp.WithPollingTimeout(60*time.Second))); w < 100 {
		t.Errorf("QR image width: got %d, want a real image", w)
	}

	// The leader, on a 360 px phone, scans the code: sign in, then check in.
	phone := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true, Timeout: 4 * time.Minute})
	step(t, phone, "leader checks in", append(append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(checkin)}, signIn(demo.UserPimpinan)...),
		// Wait for an element only the check-in page has: the login page also has a primary button.
		chromedp.WaitReady(chromedp.CSS(`input[name="employee_id"]`)),
		browsertest.Loaded(),
		chromedp.WaitReady(chromedp.CSS(`input[name="employee_id"]`)),
		chromedp.Submit(chromedp.CSS(`input[name="employee_id"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash.ok`)),
	)...)
	if msg := browsertest.Text(t, phone, ".flash.ok"); msg != "Kehadiran tercatat." {
		t.Errorf("after check-in: got %q", msg)
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, phone, filepath.Join(dir, "alignment-session-phone.png"))
	}

	// Add a commitment with evidence before signing.
	// Links are followed by their address: a tap on a 360 px page may land beside a target that is still moving.
	signURL := ts.URL + browsertest.Attr(t, phone, `a.button.primary[href*="/sign/"]`, "href")
	step(t, phone, "open the sign page", chromedp.Navigate(signURL), chromedp.WaitVisible(chromedp.CSS(`#pledge-text`)))
	commitmentsURL := ts.URL + browsertest.Attr(t, phone, `a[href^="/commitments?session="]`, "href")
	evidence := filepath.Join(t.TempDir(), "foto-apel.png")
	if err := os.WriteFile(evidence, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644); err != nil {
		t.Fatal(err)
	}
	step(t, phone, "add a commitment with evidence",
		chromedp.Navigate(commitmentsURL),
		chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Pesan BerAKHLAK pada apel pagi"),
		chromedp.SetAttributeValue(chromedp.CSS(`input[name="codes"][value="BP1"]`), "checked", "checked"),
		chromedp.SetValue(chromedp.CSS(`#due_date`), now.AddDate(0, 2, 0).Format("2006-01-02")),
		chromedp.SendKeys(chromedp.CSS(`#measure`), "Delapan apel dengan pesan nilai"),
		chromedp.Submit(chromedp.CSS(`form[method="post"][action="/commitments"] button[type="submit"]`)),
	)
	step(t, phone, "record progress with evidence",
		chromedp.WaitVisible(chromedp.CSS(`#commit-status`)),
		chromedp.SetValue(chromedp.CSS(`#status`), "in_progress"),
		chromedp.SendKeys(chromedp.CSS(`#note`), "Apel pertama terlaksana"),
		chromedp.SetUploadFiles(chromedp.CSS(`#evidence`), []string{evidence}),
		chromedp.Submit(chromedp.CSS(`form[action$="/progress"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.evidence a`)),
	)
	if got := browsertest.Text(t, phone, ".evidence a"); got != "foto-apel.png" {
		t.Errorf("evidence link: got %q", got)
	}
	if got := browsertest.Text(t, phone, "#commit-status"); got != "berjalan" {
		t.Errorf("status after progress: got %q, want berjalan", got)
	}

	// Sign: the text names the commitment; the typed name is the leader's own.
	step(t, phone, "back to signing", chromedp.Navigate(signURL), chromedp.WaitVisible(chromedp.CSS(`#pledge-text`)))
	if text := browsertest.Text(t, phone, "#pledge-text"); !strings.Contains(text, "Pesan BerAKHLAK pada apel pagi") {
		t.Errorf("pledge text lacks the new commitment")
	}
	help := browsertest.Text(t, phone, "#name-help")
	name := strings.TrimSpace(help[strings.LastIndex(help, ":")+1:])
	step(t, phone, "sign",
		chromedp.SendKeys(chromedp.CSS(`#full_name`), name),
		chromedp.SendKeys(chromedp.CSS(`#password`), demo.Password),
		chromedp.Submit(chromedp.CSS(`form[action*="/sign/"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#pledge-hash`)),
	)
	hash := browsertest.Text(t, phone, "#pledge-hash")
	if len(hash) != 64 {
		t.Fatalf("pledge hash: got %q", hash)
	}
	pdf := browsertest.Get(t, phone, "download the PDF", chromedp.Evaluate[string](
		`fetch(document.querySelector('#pledge-pdf').href).then(r => r.headers.get('content-type') + ' ' + r.headers.get('content-disposition'))`,
		chromedp.EvalAwaitPromise))
	if !strings.HasPrefix(pdf, "application/pdf attachment") {
		t.Errorf("PDF download: got %q", pdf)
	}
	head := browsertest.Get(t, phone, "PDF bytes", chromedp.Evaluate[string](
		`fetch(document.querySelector('#pledge-pdf').href).then(r => r.text()).then(t => t.slice(0, 5))`, chromedp.EvalAwaitPromise))
	if head != "%PDF-" {
		t.Errorf("PDF starts with %q", head)
	}
	if href := browsertest.Attr(t, phone, "#pledge-verify", "href"); href != ts.URL+"/verify/"+hash {
		t.Errorf("verification link (the PDF's QR content): got %q, want %q", href, ts.URL+"/verify/"+hash)
	}

	// Anyone who scans the QR code sees that the pledge is genuine and in force.
	anyone := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true, Timeout: 4 * time.Minute})
	step(t, anyone, "verify through the QR link", chromedp.Navigate(ts.URL+"/verify/"+hash), chromedp.WaitVisible(chromedp.CSS(`#verify-status`)))
	if got := browsertest.Text(t, anyone, "#verify-status"); !strings.HasPrefix(got, "ASLI dan BERLAKU") {
		t.Errorf("verify page: got %q", got)
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, anyone, filepath.Join(dir, "verify-phone.png"))
	}
	step(t, anyone, "unknown hash", chromedp.Navigate(ts.URL+"/verify/"+strings.Repeat("0", 64)), chromedp.WaitVisible(chromedp.CSS(`#verify-status`)))
	if got := browsertest.Text(t, anyone, "#verify-status"); !strings.Contains(got, "Tidak ada pakta") {
		t.Errorf("unknown hash: got %q", got)
	}

	// The admin sees the leader signed on the session's coverage board.
	step(t, adminB, "coverage", chromedp.Navigate(ts.URL+"/alignment"), chromedp.WaitVisible(chromedp.CSS(`table`)),
		chromedp.Click(chromedp.CSS(`a[href="/alignment/coverage"]`)), chromedp.WaitVisible(chromedp.CSS(`#cover-signed`)))
	if got := browsertest.Text(t, adminB, "#cover-signed"); got == "0" {
		t.Errorf("coverage signed count: got %q, want some", got)
	}
}
