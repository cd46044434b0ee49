package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// FuzzReadAnswers feeds arbitrary bodies to the JSON decoder of the answer
// API: it must answer a user error or the answers, never panic.
func FuzzReadAnswers(f *testing.F) {
	f.Add(`{"answers": [{"behaviour": "BP1", "score": 4, "comment": "baik"}]}`)
	f.Add(`{"answers": [], "idempotency_key": "k"}`)
	f.Add(`{"answers": [{"behaviour": 1}]}`)
	f.Add(`{"unknown": true}`)
	f.Add(`[`)
	f.Add(strings.Repeat(`{"answers":[`, 50))
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/api/v1/tasks/1/answers", strings.NewReader(body))
		req, answers, err := readAnswers(httptest.NewRecorder(), r)
		if err != nil {
			if budaya.AsError(err) == nil {
				t.Fatalf("%q: error %v is not a user error", body, err)
			}
			return
		}
		if len(answers) != len(req.Answers) {
			t.Fatalf("%q: %d answers from %d in the request", body, len(answers), len(req.Answers))
		}
	})
}
