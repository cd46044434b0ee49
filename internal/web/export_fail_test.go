package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/tabular"
)

// TestFailedExportNeverLooksWhole (issue 18.3): a table export that fails
// after its audit row never reaches the user as a whole file. Failing before
// the first byte (any XLSX table: it leaves only when finished), the user gets
// an error page in both languages and no file; failing later, the connection
// is cut before the answer's end, so the client reads an error, and the CSV
// received so far ends with a line saying it is incomplete. Each failure is
// in the audit log as export_failed.
func TestFailedExportNeverLooksWhole(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	s, err := New(Config{DB: db, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format    string
		rows      int  // rows written before the failure
		errorPage bool // the failure comes before the first byte left
	}{
		{"csv", 3, true},
		{"xlsx", 50000, true},
		{"csv", 50000, false},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s-%d", tt.format, tt.rows)
		t.Run(name, func(t *testing.T) {
			ts := httptest.NewServer(s.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				s.streamTable(w, r, func() error { return nil }, name, tt.format, func(tw tabular.Writer) error {
					if err := tw.Header("no", "unit"); err != nil {
						return err
					}
					for i := 0; i < tt.rows; i++ {
						if err := tw.Row(i, "Biro Umum"); err != nil {
							return err
						}
					}
					return errors.New("database gone")
				})
			})))
			defer ts.Close()
			res, err := http.Get(ts.URL)
			if err != nil {
				t.Fatal(err)
			}
			body, readErr := io.ReadAll(res.Body)
			res.Body.Close()
			if tt.errorPage {
				if res.StatusCode != http.StatusInternalServerError || readErr != nil || res.Header.Get("Content-Disposition") != "" ||
					!strings.Contains(string(body), "Ekspor gagal sebelum berkas terkirim") {
					t.Errorf("got %d, %s, disposition %q, read error %v; want a 500 error page saying the export failed, no file",
						res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"), readErr)
				}
			} else {
				if readErr == nil {
					t.Errorf("read %d bytes without an error, want the answer cut short", len(body))
				}
				lines := strings.Split(strings.TrimSpace(string(body)), "\n")
				want := "#," + budaya.MsgExportIncomplete.Text("id") + " / " + budaya.MsgExportIncomplete.Text("en")
				if last := strings.TrimSpace(lines[len(lines)-1]); last != want {
					t.Errorf("last line of the CSV received: got %q, want %q", last, want)
				}
			}
			entries, _, err := db.ListAudit(context.Background(), budaya.AuditFilter{Action: "export_failed", Query: name + "." + tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 {
				t.Errorf("audit rows export_failed of %s: got %d, want 1", name, len(entries))
			}
		})
	}
}
