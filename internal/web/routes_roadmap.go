package web

// registerRoadmapRoutes declares the routes of the roadmap capability. They
// live beside registerRoutes so that capabilities merge without touching each
// other's lines; the access rule of each is still decided here, in one place.
func (s *Server) registerRoadmapRoutes() {
	s.handle("GET /roadmaps", signedIn, s.handleRoadmapList)
	s.handle("POST /roadmaps", roles(admin), s.handleRoadmapCreate)
	s.handle("GET /roadmaps/{id}", signedIn, s.handleRoadmapShow)
	s.handle("GET /roadmaps/{id}/export", signedIn, s.handleRoadmapExport)
	s.handle("GET /roadmaps/{id}/import", roles(admin), s.handleRoadmapImportPage)
	s.handle("POST /roadmaps/{id}/import", roles(admin), s.handleRoadmapImport)
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
	s.registerAgentRoutes()

	s.handle("GET /api/v1/roadmaps", signedIn, s.handleAPIRoadmaps)
	s.handle("POST /api/v1/roadmaps", roles(admin), s.handleAPIRoadmapCreate)
	s.handle("GET /api/v1/roadmaps/{id}", signedIn, s.handleAPIRoadmap)
	s.handle("GET /api/v1/activities", signedIn, s.handleAPIActivities)
	s.handle("POST /api/v1/activities", roles(admin), s.handleAPIActivityCreate)
	s.handle("GET /api/v1/activities/{id}", signedIn, s.handleAPIActivity)
	s.handle("GET /api/v1/budget", signedIn, s.handleAPIBudget)
	s.handle("GET /api/v1/budget-proposal", signedIn, s.handleBudgetProposal)
}

// registerAgentRoutes declares the change-agent and checklist routes. Being
// appointed grants agen_perubahan for the unit; handlers check that an agent
// acts only on their own appointment and a leader decides only for units they lead.
func (s *Server) registerAgentRoutes() {
	s.handle("GET /agents", roles(admin, auditor, agen, pimpinan), s.handleAgents)
	s.handle("POST /agents", roles(admin), s.handleAgentAppoint)
	s.handle("POST /agents/{id}/end", roles(admin), s.handleAgentEnd)
	s.handle("POST /agents/{id}/actions", roles(agen), s.handleAgentAction)
	s.handle("POST /agents/{id}/reports", roles(agen), s.handleAgentReport)
	s.handle("POST /agent-reports/{id}/decide", roles(pimpinan), s.handleAgentReportDecide)

	s.handle("GET /checklist", signedIn, s.handleChecklist)
	s.handle("POST /checklist/criteria", roles(admin), s.handleChecklistCriterion)
	s.handle("POST /checklist/periods", roles(admin), s.handleChecklistPeriod)
	s.handle("POST /checklist/reports", roles(agen, pimpinan), s.handleChecklistReport)
	s.handle("POST /checklist/reports/{id}/verify", roles(admin), s.handleChecklistVerify)
}
