package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/demo"
)

// TestBrowserAnswerSurveyAnd360OnPhone answers the culture survey (all
// behaviours on one page) and a 360 self-assessment (one behaviour per
// screen) as the demo pegawai on a 360 px phone.
func TestBrowserAnswerSurveyAnd360OnPhone(t *testing.T) {
	t.Parallel()
	ts := newDemoServer(t)
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true})
	browsertest.SignIn(t, b, ts.URL+"/login", demo.UserPegawai, demo.Password, `.menu-toggle`)
	browsertest.Do(t, b, "open the task list",
		chromedp.Navigate(ts.URL+"/tasks"),
		chromedp.WaitVisible(chromedp.CSS(`.task-list`)),
	)
	surveyHref := browsertest.Get(t, b, "survey link", chromedp.Evaluate[string](
		`[...document.querySelectorAll('.task-list a')].find(a => a.textContent.startsWith('Survei budaya'))?.getAttribute('href') || ''`))
	selfHref := browsertest.Get(t, b, "self link", chromedp.Evaluate[string](
		`[...document.querySelectorAll('.task-list a')].find(a => a.textContent.includes('diri sendiri'))?.getAttribute('href') || ''`))
	if surveyHref == "" || selfHref == "" {
		t.Fatalf("my tasks: want a survey and a self-assessment, got %q %q", surveyHref, selfHref)
	}

	// Survey: every behaviour on one page.
	browsertest.Do(t, b, "open the survey",
		chromedp.Navigate(ts.URL+surveyHref),
		chromedp.WaitVisible(chromedp.CSS(`.answer-form`)),
		browsertest.Loaded(),
	)
	if w := browsertest.Get(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("the survey scrolls sideways on a phone: width %d", w)
	}
	n := browsertest.Get(t, b, "answer all", chromedp.Evaluate[int](`(() => {
		const sets = document.querySelectorAll('fieldset.behaviour');
		sets.forEach((fs, i) => fs.querySelectorAll('input[type=radio]')[(i % 5)].click());
		return sets.length; })()`))
	if n != 21 {
		t.Fatalf("behaviours on the survey page: got %d, want 21", n)
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, b, filepath.Join(dir, "survey-phone.png"))
	}
	browsertest.Get(t, b, "accept the confirmation", chromedp.Evaluate[bool](`window.confirm = () => true; true`))
	browsertest.Do(t, b, "submit the survey",
		chromedp.Click(chromedp.CSS(`button[value="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash.ok`)),
	)
	if flash := browsertest.Text(t, b, ".flash.ok"); !strings.Contains(flash, "terkirim") {
		t.Errorf("after submitting: got %q", flash)
	}

	// 360 self-assessment: one behaviour per screen, Next saves each.
	browsertest.Do(t, b, "open the self-assessment one per screen",
		chromedp.Navigate(ts.URL+selfHref+"?step=1"),
		chromedp.WaitVisible(chromedp.CSS(`fieldset.behaviour`)),
		browsertest.Loaded(),
	)
	for i := 1; i <= 21; i++ {
		if got := browsertest.Get(t, b, "one behaviour", chromedp.Evaluate[int](`document.querySelectorAll('fieldset.behaviour').length`)); got != 1 {
			t.Fatalf("screen %d: got %d behaviours, want 1", i, got)
		}
		button, next := `button[value="next"]`, fmt.Sprintf(`input[name="step"][value="%d"]`, i+1)
		if i == 21 {
			button, next = `button[value="submit"]`, `.flash.ok`
		}
		browsertest.Get(t, b, "accept the confirmation", chromedp.Evaluate[bool](`window.confirm = () => true; true`))
		browsertest.Do(t, b, "answer and go on",
			chromedp.Click(chromedp.CSS(`fieldset.behaviour label.likert-option:nth-child(4) input`)),
			chromedp.Click(chromedp.CSS(button)),
			chromedp.WaitReady(chromedp.CSS(next)),
			// The next screen must finish loading before its radios are
			// clicked, or the click can reach a node of the page being replaced.
			browsertest.Loaded(),
		)
	}
	browsertest.Do(t, b, "back on my tasks", chromedp.WaitVisible(chromedp.CSS(`.flash.ok`)))
	done := browsertest.Get(t, b, "completed tasks", chromedp.Evaluate[int](`document.querySelectorAll('.task .badge.ok').length`))
	if done < 2 {
		t.Errorf("my tasks after both: got %d completed, want at least 2", done)
	}
}
