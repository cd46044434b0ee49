package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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

// AnswerSurveyStep answers the user's first open measurement task through
// the API (POST /api/v1/tasks/{id}/answers with an Idempotency-Key), or only
// lists the tasks when none is open.
func AnswerSurveyStep(weight int) Step {
	return Step{Name: "answer a task (API)", Weight: weight, Do: func(ctx context.Context, u *User) error {
		b, err := u.Get(ctx, "/api/v1/tasks", http.StatusOK)
		if err != nil {
			return err
		}
		var list struct {
			Items []struct {
				ID     int64  `json:"id"`
				Status string `json:"status"`
			} `json:"items"`
		}
		if err := json.Unmarshal(b, &list); err != nil {
			return fmt.Errorf("tasks: %w", err)
		}
		if len(list.Items) == 0 {
			return nil
		}
		id := list.Items[0].ID
		b, err = u.Get(ctx, fmt.Sprintf("/api/v1/tasks/%d", id), http.StatusOK)
		if err != nil {
			return err
		}
		var task struct {
			Behaviours []struct {
				Code string `json:"code"`
			} `json:"behaviours"`
		}
		if err := json.Unmarshal(b, &task); err != nil {
			return fmt.Errorf("task %d: %w", id, err)
		}
		type answer struct {
			Behaviour string `json:"behaviour"`
			Score     int    `json:"score"`
		}
		var body struct {
			Answers []answer `json:"answers"`
		}
		for _, bh := range task.Behaviours {
			body.Answers = append(body.Answers, answer{Behaviour: bh.Code, Score: 1 + u.rng.IntN(5)})
		}
		js, _ := json.Marshal(body)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf("%s/api/v1/tasks/%d/answers", u.Base, id), strings.NewReader(string(js)))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", u.CSRF)
		req.Header.Set("Idempotency-Key", fmt.Sprintf("load-%s-%d", u.Name, id))
		res, err := u.Client.Do(req)
		if err != nil {
			return err
		}
		res.Body.Close()
		if res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusOK {
			return fmt.Errorf("POST /api/v1/tasks/%d/answers: got %d, want 201", id, res.StatusCode)
		}
		return nil
	}}
}

// RecognitionStep gives recognition to one of recipients through the API
// until the server's daily limit refuses it; from then on the user reads the
// recognition wall instead.
func RecognitionStep(weight int, recipients []int64) Step {
	return Step{Name: "give recognition (API)", Weight: weight, Do: func(ctx context.Context, u *User) error {
		if u.limitReached || len(recipients) < 2 {
			_, err := u.Get(ctx, "/api/v1/recognitions", http.StatusOK)
			return err
		}
		to := recipients[u.rng.IntN(len(recipients))]
		body := fmt.Sprintf(`{"recipient_id": %d, "message": "Terima kasih atas bantuannya menyelesaikan laporan tepat waktu.", "visibility": "unit", "values": ["AKUNTABEL"], "behaviours": []}`, to)
		b, err := u.PostJSON(ctx, "/api/v1/recognitions", body, http.StatusCreated)
		if err != nil && (strings.Contains(string(b), "batas") || strings.Contains(string(b), "limit") || strings.Contains(string(b), "sendiri") || strings.Contains(string(b), "yourself")) {
			u.limitReached = strings.Contains(string(b), "batas") || strings.Contains(string(b), "limit")
			return nil // refused by a rule of the programme, as designed
		}
		return err
	}}
}
