package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func uploadRequest(t *testing.T, files map[string][]byte) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, content := range files {
		fw, err := mw.CreateFormFile("evidence", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/x", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

func TestReceiveEvidence(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{DB: db, Blobs: blobs})
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4\n% laporan kegiatan apel pagi\n")
	png := []byte("\x89PNG\r\n\x1a\n....")
	tests := []struct {
		name    string
		files   map[string][]byte
		want    int
		errPart string
	}{
		{"pdf and png", map[string][]byte{"laporan apel.pdf": pdf, "foto.png": png}, 2, ""},
		{"exe renamed to pdf", map[string][]byte{"laporan.pdf": []byte("MZ\x90\x00 not a pdf")}, 0, "tidak sesuai dengan jenisnya"},
		{"script", map[string][]byte{"x.html": []byte("<script>")}, 0, "tidak diterima"},
		{"one good one bad keeps nothing", map[string][]byte{"a.pdf": pdf, "b.jpg": pdf}, 0, "tidak sesuai"},
		{"path in name", map[string][]byte{"../../etc/passwd.pdf": pdf}, 1, ""},
		{"right-to-left override in name", map[string][]byte{"laporan\u202Egnp.pdf": pdf}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.receiveEvidence(uploadRequest(t, tt.files), "evidence", budaya.EvidenceInternal)
			if tt.errPart != "" {
				if err == nil || !strings.Contains(budaya.AsError(err).Message, tt.errPart) {
					t.Fatalf("got %v, want an error containing %q", err, tt.errPart)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Fatalf("stored %d files, want %d", len(got), tt.want)
			}
			for _, ev := range got {
				if strings.ContainsAny(ev.Filename, "/\\\u202E") || ev.SHA256 == "" || ev.ID == 0 {
					t.Errorf("evidence %+v: unsafe name or missing hash/id", ev)
				}
				if _, err := blobs.Open(t.Context(), ev.BlobKey); err != nil {
					t.Errorf("blob of %s: %v", ev.Filename, err)
				}
			}
		})
	}
	// The refused uploads left no evidence rows behind: only the 4 accepted ones exist.
	_, total, err := db.ListAudit(t.Context(), budaya.AuditFilter{Entity: "evidence"})
	if err != nil || total != 4 {
		t.Errorf("evidence rows audited: got %d (%v), want 4", total, err)
	}
}
