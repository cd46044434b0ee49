package web

import (
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// TestTaskTitleNamesOneRater: a 360 task is done by one person, so the title
// says "as a subordinate", not "as Subordinates".
func TestTaskTitleNamesOneRater(t *testing.T) {
	for _, tc := range []struct {
		lang, group, want string
	}{
		{"en", budaya.GroupBawahan, "360 assessment: Budi (as a subordinate)"},
		{"en", budaya.GroupPeer, "360 assessment: Budi (as a peer)"},
		{"en", budaya.GroupAtasan, "360 assessment: Budi (as their superior)"},
		{"id", budaya.GroupBawahan, "Penilaian 360: Budi (sebagai bawahan)"},
	} {
		got := taskTitle(page{Lang: tc.lang}, budaya.Task{Instrument: budaya.Instrument360, RaterGroup: tc.group, RateeName: "Budi"})
		if got != tc.want {
			t.Errorf("%s %s: got %q, want %q", tc.lang, tc.group, got, tc.want)
		}
	}
}

func TestFileSize(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int64
		want string
	}{
		{"id", 830, "830 B"}, {"id", 150 * 1024, "150 KB"}, {"id", 1468006, "1,4 MB"}, {"en", 1468006, "1.4 MB"},
	} {
		if got := (page{Lang: tc.lang}).FileSize(tc.n); got != tc.want {
			t.Errorf("FileSize(%d) in %s: got %q, want %q", tc.n, tc.lang, got, tc.want)
		}
	}
}
