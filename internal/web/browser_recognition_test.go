package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/budaya-id/budaya/internal/browsertest"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/webtest"
)

func TestBrowserGiveRecognitionAndNominate(t *testing.T) {
	t.Parallel()
	w := webtest.NewDemoServer(t, 120)
	db, ts := w.DB, w.Server

	me, err := db.FindUserByUsername(ctx, demo.UserPegawai)
	if err != nil {
		t.Fatal(err)
	}
	self, err := db.FindEmployee(ctx, me.EmployeeID)
	if err != nil {
		t.Fatal(err)
	}
	colleagues, _, err := db.ListEmployees(ctx, budaya.EmployeeFilter{UnitID: self.UnitID, PerPage: 5})
	if err != nil {
		t.Fatal(err)
	}
	var colleague budaya.Employee
	for _, e := range colleagues {
		if e.ID != self.ID && e.NIP != "" {
			colleague = e
			break
		}
	}
	if colleague.ID == 0 {
		t.Fatal("no colleague with a NIP in the demo pegawai's unit")
	}

	rounds, err := db.ListRounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var openRound int64
	for _, r := range rounds {
		if r.Title == demo.OpenRoundTitle {
			openRound = r.ID
		}
	}
	b := browsertest.New(t, browsertest.Options{Width: 360, Height: 800, Mobile: true})
	browsertest.SignIn(t, b, ts.URL+"/recognition", demo.UserPegawai, demo.Password, `#give-form`)
	const message = "Membantu saya menyiapkan bahan rapat koordinasi sampai larut malam."
	browsertest.Do(t, b, "give recognition",
		chromedp.SendKeys(chromedp.CSS(`#recipient`), colleague.NIP),
		chromedp.SendKeys(chromedp.CSS(`#message`), message),
		chromedp.Click(chromedp.CSS(`#give-form input[name="values"][value="KL"]`)),
		chromedp.Click(chromedp.CSS(`#give-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash.ok`)),
	)
	if flash := browsertest.Text(t, b, ".flash.ok"); !strings.Contains(flash, "Apresiasi terkirim") {
		t.Errorf("after giving recognition: got flash %q", flash)
	}
	if first := browsertest.Text(t, b, ".kudos .kudo"); !strings.Contains(first, message) || !strings.Contains(first, colleague.Name) {
		t.Errorf("wall: first recognition %q, want the one just given to %s", first, colleague.Name)
	}
	if dir := os.Getenv("BUDAYA_SCREENSHOTS"); dir != "" {
		browsertest.Screenshot(t, b, filepath.Join(dir, "recognition.png"))
	}

	const reason = "Selalu mencoba cara kerja baru dan mengajak rekan satu bagian ikut belajar aplikasi naskah dinas."
	browsertest.Do(t, b, "open the round",
		chromedp.Navigate(ts.URL+"/nominations"),
		chromedp.WaitVisible(chromedp.CSS(`table.table`)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/nominations/%d"]`, openRound))),
		chromedp.WaitVisible(chromedp.CSS(`#nominate-form`)),
	)
	browsertest.Do(t, b, "nominate a colleague",
		chromedp.SendKeys(chromedp.CSS(`#nominee`), colleague.NIP),
		chromedp.SendKeys(chromedp.CSS(`#reason`), reason),
		chromedp.Click(chromedp.CSS(`#nominate-form button[type="submit"]`)),
		// The page before may already list my nominations: wait for the answer's flash.
		chromedp.WaitVisible(chromedp.CSS(`.flash.ok`)),
		chromedp.WaitVisible(chromedp.CSS(`#mine-h`)),
	)
	if flash := browsertest.Text(t, b, ".flash.ok"); flash != "Perubahan disimpan." {
		t.Errorf("after nominating: got flash %q", flash)
	}
	mine := browsertest.Get(t, b, "my nominations", chromedp.Evaluate[string](`document.querySelector('#mine-h').parentElement.innerText`))
	if !strings.Contains(mine, colleague.Name) || !strings.Contains(mine, reason) {
		t.Errorf("my nominations: got %q, want %s with the reason", mine, colleague.Name)
	}
	overflow := browsertest.Get(t, b, "page width", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if overflow {
		t.Errorf("the round page scrolls sideways on a 360 px phone")
	}
}
