package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// HasRoute reports whether the server's OpenAPI document lists path, so the
// mix can include a capability's traffic only where the server has it.
func HasRoute(ctx context.Context, base, path string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+"/api/v1/openapi.json", nil)
	if err != nil {
		return false, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return false, err
	}
	defer res.Body.Close()
	var doc struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		return false, fmt.Errorf("openapi.json: %w", err)
	}
	_, ok := doc.Paths[path]
	return ok, nil
}

// PageStep fetches one page or API path and expects 200.
func PageStep(name string, weight int, path string) Step {
	return Step{Name: name, Weight: weight, Do: func(ctx context.Context, u *User) error {
		_, err := u.Get(ctx, path, http.StatusOK)
		return err
	}}
}

// IndexDashboardStep opens the internalisation index dashboard and reads the
// same figures through the API, as a leader or auditor does (GET /index,
// GET /api/v1/index). Only users allowed to see the index may run it.
func IndexDashboardStep(weight int) Step {
	return Step{Name: "index dashboard", Weight: weight, Do: func(ctx context.Context, u *User) error {
		if _, err := u.Get(ctx, "/index", http.StatusOK); err != nil {
			return err
		}
		b, err := u.Get(ctx, "/api/v1/index", http.StatusOK)
		if err != nil {
			return err
		}
		if !bytes.Contains(b, []byte(`"overall"`)) || bytes.Contains(b, []byte(`"computed_at":null`)) {
			return fmt.Errorf("GET /api/v1/index: no computed figures in %.200s", b)
		}
		return nil
	}}
}

var (
	taskItem   = regexp.MustCompile(`(?s)<li class="card task">.*?</li>`)
	taskLink   = regexp.MustCompile(`href="/tasks/(\d+)"`)
	scoreField = regexp.MustCompile(`name="(score_[A-Za-z0-9]+)"`)
	keyField   = regexp.MustCompile(`name="key" value="([^"]*)"`)
)

// AnswerSurveyStep answers a measurement task the way a person does in the
// browser: the task list (GET /tasks), the first open task
// (GET /tasks/{id}), a draft of the first half of the answers
// (POST /tasks/{id}, action draft) and the submission of the rest with the
// page's idempotency key (POST /tasks/{id}, action submit). A user whose
// tasks are all answered only looks at the list.
func AnswerSurveyStep(weight int) Step {
	return Step{Name: "answer a survey", Weight: weight, Do: func(ctx context.Context, u *User) error {
		list, err := u.Get(ctx, "/tasks", http.StatusOK)
		if err != nil || u.noTasks {
			return err
		}
		id := ""
		for _, item := range taskItem.FindAll(list, -1) {
			if bytes.Contains(item, []byte("badge warn")) {
				if m := taskLink.FindSubmatch(item); m != nil {
					id = string(m[1])
					break
				}
			}
		}
		if id == "" {
			u.noTasks = true
			return nil
		}
		path := "/tasks/" + id
		page, err := u.Get(ctx, path, http.StatusOK)
		if err != nil {
			return err
		}
		var fields []string
		for _, m := range scoreField.FindAllSubmatch(page, -1) {
			if f := string(m[1]); !slices.Contains(fields, f) {
				fields = append(fields, f)
			}
		}
		key := keyField.FindSubmatch(page)
		if len(fields) == 0 || key == nil {
			return fmt.Errorf("GET %s: no answer form in the page", path)
		}
		draft := url.Values{"action": {"draft"}}
		submit := url.Values{"action": {"submit"}, "key": {string(key[1])}}
		for i, f := range fields {
			score := strconv.Itoa(1 + u.rng.IntN(5))
			if i < len(fields)/2 {
				draft.Set(f, score)
			} else {
				submit.Set(f, score)
			}
		}
		if _, err := u.PostForm(ctx, path, draft, http.StatusSeeOther); err != nil {
			return err
		}
		_, err = u.PostForm(ctx, path, submit, http.StatusSeeOther)
		return err
	}}
}

// RecognitionStep reads the recognition wall (GET /recognition) and gives
// recognition to one of recipients through the API (POST
// /api/v1/recognitions) until the server's daily limit refuses it; from then
// on the user only reads the wall. valueCode must be a value of the active
// framework (e.g. AK for Akuntabel).
func RecognitionStep(weight int, recipients []int64, valueCode string) Step {
	return Step{Name: "give recognition", Weight: weight, Do: func(ctx context.Context, u *User) error {
		if _, err := u.Get(ctx, "/recognition", http.StatusOK); err != nil {
			return err
		}
		if u.limitReached || len(recipients) < 2 {
			return nil
		}
		to := recipients[u.rng.IntN(len(recipients))]
		body := fmt.Sprintf(`{"recipient_id": %d, "message": "Terima kasih atas bantuannya menyelesaikan laporan tepat waktu.", "visibility": "unit", "values": [%q], "behaviours": []}`, to, valueCode)
		b, err := u.PostJSON(ctx, "/api/v1/recognitions", body, http.StatusCreated, http.StatusConflict, http.StatusBadRequest)
		if err != nil {
			return err
		}
		// Refusals by a rule of the programme are designed behaviour, not
		// errors: the daily limit (409), and oneself as recipient (400,
		// field recipient). Any other refusal is an error of the test.
		switch {
		case bytes.Contains(b, []byte(`"code":"conflict"`)):
			u.limitReached = true
		case bytes.Contains(b, []byte(`"code":"invalid"`)) && bytes.Contains(b, []byte(`"field":"recipient"`)):
		case bytes.Contains(b, []byte(`"error"`)):
			return fmt.Errorf("POST /api/v1/recognitions: refused: %.300s", b)
		}
		return nil
	}}
}
