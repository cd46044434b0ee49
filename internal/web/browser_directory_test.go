package web_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/directory"
	"github.com/budaya-id/budaya/internal/directory/directorytest"
	"github.com/budaya-id/budaya/internal/web"
)

// TestBrowserSSOAndInvitation signs in through the instansi's OpenID
// provider in Chromium, opens the task that the invitation e-mail links to,
// and answers it.
func TestBrowserSSOAndInvitation(t *testing.T) {
	op := directorytest.NewOP(t)
	w := newMailWorldWith(t, func(c *web.Config, base string) {
		o, err := directory.NewOIDC(directory.OIDCConfig{Issuer: op.Issuer, ClientID: op.ClientID, ClientSecret: op.ClientSecret,
			RedirectURL: base + "/auth/oidc/callback", Claim: "preferred_username"})
		if err != nil {
			t.Fatal(err)
		}
		c.OIDC, c.BaseURL = o, base
	})
	person, err := w.ts.db.FindEmployee(ctx, w.users["peg3"])
	if err != nil {
		t.Fatal(err)
	}
	const pw = "Sandi-SSO-Peramban-1"
	op.Start(t, w.ts.URL+"/auth/oidc/callback", []directorytest.OPUser{{Username: person.NIP, Password: pw}})

	var link string
	for _, m := range w.drain(t) {
		if m.To[0].Address == w.emails[person.ID] {
			link = regexp.MustCompile(regexp.QuoteMeta(w.ts.URL) + `/tasks/\d+`).FindString(m.Text)
		}
	}
	if link == "" {
		t.Fatal("no invitation with a task link to the person")
	}

	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 740, Mobile: true})
	browsertest.Do(t, b, "sign in through the provider",
		chromedp.Navigate(w.ts.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`a[href^="/auth/oidc/login"]`)),
		chromedp.Click(chromedp.CSS(`a[href^="/auth/oidc/login"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), person.NIP),
		chromedp.SendKeys(chromedp.CSS(`#password`), pw),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(`.menu-toggle`)),
	)
	browsertest.Do(t, b, "open the task of the invitation",
		chromedp.Navigate(link),
		chromedp.WaitVisible(chromedp.CSS(`.answer-form`)),
		browsertest.Loaded(),
	)
	n := browsertest.Get(t, b, "answer all", chromedp.Evaluate[int](`(() => {
		const sets = document.querySelectorAll('fieldset.behaviour');
		sets.forEach((fs, i) => fs.querySelectorAll('input[type=radio]')[(i % 5)].click());
		return sets.length; })()`))
	if n != 21 {
		t.Fatalf("behaviours on the task page: got %d, want 21", n)
	}
	browsertest.Get(t, b, "accept the confirmation", chromedp.Evaluate[bool](`window.confirm = () => true; true`))
	browsertest.Do(t, b, "submit",
		chromedp.Click(chromedp.CSS(`button[value="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash.ok`)),
	)
	if flash := browsertest.Text(t, b, ".flash.ok"); !strings.Contains(flash, "terkirim") {
		t.Errorf("after submitting: got %q", flash)
	}
	var id int64
	if _, err := fmt.Sscan(link[strings.LastIndex(link, "/")+1:], &id); err != nil {
		t.Fatal(err)
	}
	task, err := w.ts.db.FindTask(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if task.Status != budaya.TaskCompleted || task.RaterEmployeeID != person.ID {
		t.Errorf("the invitation's task: status %s, rater %d; want completed by %d", task.Status, task.RaterEmployeeID, person.ID)
	}
}
