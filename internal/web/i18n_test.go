package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestTranslations fails when a template or a Go file uses a text key that is
// missing, or a text has no translation.
func TestTranslations(t *testing.T) {
	t.Parallel()
	for key, m := range messages {
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("message %q: got id %q en %q, want both", key, m[0], m[1])
		}
		if strings.Count(m[0], "%") != strings.Count(m[1], "%") {
			t.Errorf("message %q: the two languages have different format verbs", key)
		}
	}
	used := regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)
	err := fs.WalkDir(assets, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s uses text %q, which is not in the catalogue", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range flashKeys {
		if _, ok := messages[key]; !ok {
			t.Errorf("flash key %q is not in the catalogue", key)
		}
	}
	for _, e := range navEntries {
		if _, ok := messages[e.key]; !ok {
			t.Errorf("nav key %q is not in the catalogue", e.key)
		}
	}
}
