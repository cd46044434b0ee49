package web

import "net/http"

// followupSummary is "what is being done" about a group's weakest values:
// commitments and roadmap activities that target them.
type followupSummary struct{}

// followupSummary returns nil until commitments and roadmaps are available.
func (s *Server) followupSummary(r *http.Request, c *indexCut, g *groupFigures) (*followupSummary, error) {
	return nil, nil
}
