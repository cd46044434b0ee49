package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCommitmentPageNamesThings: the commitment page names its session by
// title (not "#1"), the author of a note by their name (not the username),
// and gives file sizes in KB or MB.
func TestCommitmentPageNamesThings(t *testing.T) {
	o := newAlignOrg(t)
	res := o.c1.postForm("/commitments", url.Values{"unit": {strconv.FormatInt(o.b1.ID, 10)}, "session": {strconv.FormatInt(o.sessionID, 10)},
		"title": {"Apel pagi dengan pesan BerAKHLAK"}, "codes": {"BP"}, "due_date": {time.Now().AddDate(0, 2, 0).Format("2006-01-02")}, "measure": {"8 apel"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add commitment: got %d", res.StatusCode)
	}
	path := strings.Split(res.Header.Get("Location"), "?")[0]
	photo := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 150*1024)...)
	if res, body := o.c1.postMultipart(path+"/progress", url.Values{"status": {"in_progress"}, "note": {"Apel pertama"}},
		map[string][]byte{"foto.png": photo}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("progress: got %d %s", res.StatusCode, flashError(body))
	}
	_, page := o.c1.get(path)
	for _, want := range []string{`>Leader Alignment Session 2026</a>`, "· Budi Santoso", "(150 KB)"} {
		if !strings.Contains(page, want) {
			t.Errorf("commitment page lacks %q", want)
		}
	}
	for _, bad := range []string{">#" + strconv.FormatInt(o.sessionID, 10) + "<", "· budi ·", " B)"} {
		if strings.Contains(page, bad) {
			t.Errorf("commitment page shows %q", bad)
		}
	}
}
