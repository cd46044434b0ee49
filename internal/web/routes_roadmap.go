package web

// registerRoadmapRoutes declares the routes of the roadmap capability. They
// live beside registerRoutes so that capabilities merge without touching each
// other's lines; the access rule of each is still decided here, in one place.
func (s *Server) registerRoadmapRoutes() {
	s.handle("GET /roadmaps", signedIn, s.handleRoadmapList)
	s.handle("POST /roadmaps", roles(admin), s.handleRoadmapCreate)
	s.handle("GET /roadmaps/{id}", signedIn, s.handleRoadmapShow)
	s.handle("POST /roadmaps/{id}/programmes", roles(admin), s.handleProgrammeCreate)
	s.handle("GET /roadmaps/{id}/activities/new", roles(admin), s.handleActivityNew)
	s.handle("POST /roadmaps/{id}/activities", roles(admin), s.handleActivityCreate)
	s.handle("GET /activities/{id}", signedIn, s.handleActivityShow)
	s.handle("POST /activities/{id}", roles(admin), s.handleActivityUpdate)
	s.handle("POST /activities/{id}/delete", roles(admin), s.handleActivityDelete)
	s.handle("POST /activities/{id}/budget", roles(admin), s.handleBudgetLineAdd)
	s.handle("POST /budget-lines/{id}", roles(admin), s.handleBudgetLineUpdate)
	s.handle("POST /budget-lines/{id}/delete", roles(admin), s.handleBudgetLineDelete)
	s.handle("GET /budget", signedIn, s.handleBudget)
	s.handle("GET /budget/export", signedIn, s.handleBudgetExport)
	s.handle("GET /budget-proposal", signedIn, s.handleBudgetProposal)

	s.handle("GET /api/v1/roadmaps", signedIn, s.handleAPIRoadmaps)
	s.handle("POST /api/v1/roadmaps", roles(admin), s.handleAPIRoadmapCreate)
	s.handle("GET /api/v1/roadmaps/{id}", signedIn, s.handleAPIRoadmap)
	s.handle("GET /api/v1/activities", signedIn, s.handleAPIActivities)
	s.handle("POST /api/v1/activities", roles(admin), s.handleAPIActivityCreate)
	s.handle("GET /api/v1/activities/{id}", signedIn, s.handleAPIActivity)
	s.handle("GET /api/v1/budget", signedIn, s.handleAPIBudget)
	s.handle("GET /api/v1/budget-proposal", signedIn, s.handleBudgetProposal)
}
