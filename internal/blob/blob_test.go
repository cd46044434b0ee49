package blob

import (
	"context"
	"io"
	"strings"
	"testing"
)

func TestLocalPutOpenDelete(t *testing.T) {
	ctx := context.Background()
	l, err := NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := l.Put(ctx, "2026/11/abc.pdf", strings.NewReader("%PDF-1.4 hello"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Size != 14 || len(info.SHA256) != 64 {
		t.Errorf("info: got %+v", info)
	}
	if _, err := l.Put(ctx, "2026/11/abc.pdf", strings.NewReader("x")); err == nil {
		t.Error("second put of the same key: got nil error")
	}
	rc, err := l.Open(ctx, "2026/11/abc.pdf")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "%PDF-1.4 hello" {
		t.Errorf("content: got %q", b)
	}
	for _, bad := range []string{"../x", "/etc/passwd", "a/../../b", ""} {
		if _, err := l.Put(ctx, bad, strings.NewReader("x")); err == nil {
			t.Errorf("key %q: got nil error", bad)
		}
	}
	if err := l.Delete(ctx, "2026/11/abc.pdf"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Open(ctx, "2026/11/abc.pdf"); err != ErrNotFound {
		t.Errorf("open after delete: got %v, want ErrNotFound", err)
	}
}
