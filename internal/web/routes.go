package web

import (
	"net/http"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Route is one registered route and who may use it.
type Route struct {
	Pattern string
	Access  Access
}

// Access says who may use a route: anyone, any signed-in user, or holders of some roles.
type Access struct {
	Public bool
	Roles  []budaya.Role // empty and not Public: any signed-in user
	// Kiosk: a kiosk session (budaya.Session.Kiosk) may use the route too.
	// A kiosk session reaches only these: its person's tasks and the way out.
	Kiosk bool
}

var (
	public   = Access{Public: true}
	signedIn = Access{}
)

func roles(rs ...budaya.Role) Access { return Access{Roles: rs} }

// kioskToo returns a with kiosk sessions allowed as well (kiosk.go).
func kioskToo(a Access) Access { a.Kiosk = true; return a }

const (
	admin    = budaya.RoleAdmin
	pimpinan = budaya.RolePimpinan
	agen     = budaya.RoleAgenPerubahan
	pegawai  = budaya.RolePegawai
	auditor  = budaya.RoleAuditor
)

// registerRoutes declares every route of budaya, in one place: who may use
// each route. Which records a route then shows or changes is decided by the
// access rules of internal/budaya/access.go, applied to the request's
// budaya.Reader (reader.go); docs/architecture.md, "Access model".
func (s *Server) registerRoutes() {
	// Operations
	s.handle("GET /healthz", public, s.handleHealthz)
	s.handle("GET /readyz", public, s.handleReadyz)
	s.handle("GET /metrics", public, s.handleMetrics)
	s.handle("GET /static/", public, s.static.ServeHTTP)

	// Sign-in, language
	s.handle("GET /login", public, s.handleLoginPage)
	s.handle("POST /login", public, s.handleLogin)
	s.handle("POST /logout", kioskToo(signedIn), s.handleLogout)
	s.handle("GET /lang/{lang}", public, s.handleLanguage)
	s.handle("GET /auth/oidc/login", public, s.handleOIDCLogin)       // auth_oidc.go
	s.handle("GET /auth/oidc/callback", public, s.handleOIDCCallback) // auth_oidc.go

	// Pages
	s.handle("GET /{$}", signedIn, s.handleHome)
	s.handle("GET /framework", signedIn, s.handleFramework)
	s.handle("GET /framework/versions/{id}", signedIn, s.handleFrameworkVersion)
	s.handle("POST /framework/draft", roles(admin), s.handleFrameworkDraft)
	s.handle("POST /framework/{id}/values", roles(admin), s.handleFrameworkAddValue)
	s.handle("POST /framework/{id}/values/{code}/delete", roles(admin), s.handleFrameworkRemoveValue)
	s.handle("POST /framework/{id}/branding", roles(admin), s.handleFrameworkBranding)
	s.handle("POST /framework/{id}/publish", roles(admin), s.handleFrameworkPublish)
	s.handle("GET /audit", roles(admin, auditor), s.handleAuditList)
	s.handle("GET /audit/export", roles(admin, auditor), s.handleAuditExport)
	s.handle("GET /evidence/{id}", signedIn, s.handleEvidenceDownload)
	s.handle("GET /jobs/{id}", signedIn, s.handleJob)
	s.handle("GET /index", roles(admin, pimpinan, auditor), s.handleIndexDashboard)
	s.handle("GET /index/heatmap", roles(admin, pimpinan, auditor), s.handleIndexHeatmap)
	s.handle("GET /index/methodology", signedIn, s.handleIndexMethodology)
	s.handle("GET /index/followup", roles(admin, pimpinan, auditor), s.handleIndexFollowup)
	s.handle("GET /index/export", roles(admin, pimpinan, auditor), s.handleIndexExport)
	s.handle("GET /index/answers", roles(admin, pimpinan, auditor), s.handleIndexAnswersExport)
	s.handle("GET /index/report", roles(admin, pimpinan, auditor), s.handleIndexReport)
	s.handle("POST /index/refresh", roles(admin), s.handleIndexRefresh)

	// National roll-up (issue 17, hub.go, hub_export.go): the instansi side
	// (its key, its code, its packages) on every server; the hub's pages only
	// on a server started with --hub (others answer 404).
	s.handle("GET /hub", roles(admin, auditor), s.handleHub)
	s.handle("POST /hub/settings", roles(admin), s.handleHubSettings)
	s.handle("GET /index/hub-package", roles(admin), s.handleHubPackageDownload)
	s.handle("GET /hub/instansi", roles(admin, auditor), s.hubOnly(s.handleHubInstansiList))
	s.handle("POST /hub/instansi", roles(admin), s.hubOnly(s.handleHubInstansiRegister))
	s.handle("GET /hub/instansi/{id}", roles(admin, auditor), s.hubOnly(s.handleHubTrend))
	s.handle("POST /hub/packages", roles(admin), s.hubOnly(s.handleHubUpload))
	s.handle("GET /hub/export", roles(admin, auditor), s.hubOnly(s.handleHubExport))
	s.handle("GET /profile", signedIn, s.handleProfile)
	s.handle("POST /profile/password", signedIn, s.handleProfilePassword)
	s.handle("POST /profile/mail", signedIn, s.handleProfileMail)
	s.handle("POST /profile/tokens", signedIn, s.handleTokenCreate)
	s.handle("POST /profile/tokens/{id}/revoke", signedIn, s.handleTokenRevoke)

	// Leader Alignment Sessions, pledges, commitments (alignment.go, pledges.go, commitments.go)
	s.handle("GET /alignment", signedIn, s.handleAlignmentList)
	s.handle("GET /alignment/new", roles(admin), s.handleAlignmentNew)
	s.handle("POST /alignment", roles(admin), s.handleAlignmentCreate)
	s.handle("GET /alignment/coverage", roles(admin, pimpinan, auditor), s.handleCoverage)
	s.handle("GET /alignment/coverage/export", roles(admin, pimpinan, auditor), s.handleCoverageExport)
	s.handle("GET /alignment/delegations", roles(admin, auditor), s.handleDelegations)
	s.handle("POST /alignment/delegations", roles(admin), s.handleDelegationCreate)
	s.handle("GET /alignment/{id}", signedIn, s.handleAlignmentShow)
	s.handle("GET /alignment/{id}/edit", roles(admin), s.handleAlignmentEdit)
	s.handle("POST /alignment/{id}", roles(admin), s.handleAlignmentUpdate)
	s.handle("POST /alignment/{id}/cancel", roles(admin), s.handleAlignmentCancel)
	s.handle("POST /alignment/{id}/invitees", roles(admin), s.handleAlignmentInvite)
	s.handle("POST /alignment/{id}/invitees/{employee}/remove", roles(admin), s.handleAlignmentUninvite)
	s.handle("POST /alignment/{id}/invitees/{employee}/attend", roles(admin), s.handleAlignmentTick)
	s.handle("GET /alignment/{id}/qr", roles(admin), s.handleAlignmentQR)
	s.handle("GET /alignment/{id}/qr.png", roles(admin), s.handleAlignmentQRImage)
	s.handle("GET /alignment/{id}/attendance.pdf", roles(admin, auditor), s.handleAttendancePDF)
	s.handle("GET /alignment/{id}/attendance.xlsx", roles(admin, auditor), s.handleAttendanceExport)
	s.handle("GET /alignment/{id}/sign/{unit}", signedIn, s.handlePledgeSignPage)
	s.handle("POST /alignment/{id}/sign/{unit}", signedIn, s.handlePledgeSign)
	s.handle("GET /checkin/{token}", signedIn, s.handleCheckinPage)
	s.handle("POST /checkin/{token}", signedIn, s.handleCheckin)
	s.handle("GET /pledges/{id}", signedIn, s.handlePledgeShow)
	s.handle("GET /pledges/{id}/pdf", signedIn, s.handlePledgePDF)
	s.handle("GET /verify/{hash}", public, s.handleVerify)
	s.handle("GET /commitments", roles(admin, pimpinan, auditor), s.handleCommitmentList)
	s.handle("GET /commitments/export", roles(admin, pimpinan, auditor), s.handleCommitmentExport)
	s.handle("POST /commitments", roles(admin, pimpinan), s.handleCommitmentCreate)
	s.handle("GET /commitments/{id}", roles(admin, pimpinan, auditor), s.handleCommitmentShow)
	s.handle("POST /commitments/{id}/progress", roles(admin, pimpinan), s.handleCommitmentProgress)
	// Data protection (UU PDP): notice, the subject's own data, requests, restrictions, retention
	s.handle("GET /privacy", public, s.handlePrivacyNotice)
	s.handle("GET /me/data", signedIn, s.handleMyData)
	s.handle("GET /me/data.json", signedIn, s.handleMyDataJSON)
	s.handle("GET /me/data.pdf", signedIn, s.handleMyDataPDF)
	s.handle("GET /admin/privacy", roles(admin), s.handlePrivacyAdmin)
	s.handle("POST /admin/privacy/requests", roles(admin), s.handleSubjectRequestCreate)
	s.handle("POST /admin/privacy/requests/{id}/answer", roles(admin), s.handleSubjectRequestAnswer)
	s.handle("GET /admin/privacy/requests/{id}/files/{file}", roles(admin), s.handleSubjectRequestFile)
	s.handle("POST /admin/privacy/restrictions", roles(admin), s.handleRestrictionCreate)
	s.handle("POST /admin/privacy/restrictions/{id}/lift", roles(admin), s.handleRestrictionLift)
	s.handle("GET /admin/retention", roles(admin), s.handleRetention)
	// Mail: the outbox, reminders of a period (mail.go)
	s.handle("GET /admin/mail", roles(admin), s.handleMailList)
	s.handle("POST /admin/mail/{id}/retry", roles(admin), s.handleMailRetry)
	s.handle("POST /periods/{id}/remind", roles(admin), s.handlePeriodRemind)
	s.handle("POST /periods/{id}/reminders", roles(admin), s.handlePeriodReminders)
	s.handle("POST /admin/retention", roles(admin), s.handleRetentionSave)

	// Organisation: everyone sees the unit tree; admins manage; a pimpinan sees the staff of the units they lead.
	s.handle("GET /units", signedIn, s.handleUnitTree)
	s.handle("GET /units/new", roles(admin), s.handleUnitNew)
	s.handle("POST /units", roles(admin), s.handleUnitCreate)
	s.handle("GET /units/{id}", signedIn, s.handleUnitPage)
	s.handle("POST /units/{id}", roles(admin), s.handleUnitUpdate)
	s.handle("POST /units/{id}/move", roles(admin), s.handleUnitMove)
	s.handle("POST /units/{id}/close", roles(admin), s.handleUnitClose)
	s.handle("POST /units/{id}/reopen", roles(admin), s.handleUnitReopen)
	s.handle("GET /employees", roles(admin, auditor, pimpinan), s.handleEmployeeList)
	s.handle("GET /employees/new", roles(admin), s.handleEmployeeNew)
	s.handle("POST /employees", roles(admin), s.handleEmployeeCreate)
	s.handle("GET /employees/{id}", signedIn, s.handleEmployeePage) // record rule budaya.MaySeeEmployee: self, led subtrees, or all
	s.handle("GET /employees/{id}/edit", roles(admin), s.handleEmployeeEdit)
	s.handle("POST /employees/{id}", roles(admin), s.handleEmployeeUpdate)
	s.handle("POST /employees/{id}/roles", roles(admin), s.handleEmployeeGrantRole)
	s.handle("POST /employees/{id}/roles/revoke", roles(admin), s.handleEmployeeRevokeRole)
	s.handle("POST /employees/{id}/password-link", roles(admin), s.handleEmployeePasswordLink)
	s.handle("POST /employees/{id}/password", roles(admin), s.handleEmployeeSetPassword)
	s.handle("GET /password/{token}", public, s.handlePasswordLinkPage)
	s.handle("POST /password/{token}", public, s.handlePasswordLinkSet)
	// Activation at scale and the kiosk of a shared device (activation.go, kiosk.go, docs/activation.md)
	s.handle("GET /admin/activation", roles(admin), s.handleActivationPage)
	s.handle("POST /admin/activation", roles(admin), s.handleActivationCreate)
	s.handle("GET /kiosk", public, s.handleKioskPage)
	s.handle("POST /kiosk", public, s.handleKioskSignIn)
	s.handle("POST /kiosk/done", kioskToo(signedIn), s.handleKioskDone)

	// Roadmap budaya kerja, budget, change agents, internalisation checklist (docs/roadmap.md)
	s.registerRoadmapRoutes()
	// Recognition, role models, signals (recognition.go, nominations.go, signals.go)
	s.handle("GET /recognition", signedIn, s.handleRecognitionWall)
	s.handle("POST /recognition", signedIn, s.handleRecognitionCreate)
	s.handle("GET /recognition/people", signedIn, s.handleRecognitionPeople)
	s.handle("GET /recognition/people/{id}", signedIn, s.handleRecognitionPerson)
	s.handle("GET /recognition/stats", roles(admin, pimpinan), s.handleRecognitionStats)
	s.handle("POST /recognition/settings", roles(admin), s.handleRecognitionSettings)
	s.handle("GET /nominations", signedIn, s.handleNominations)
	s.handle("POST /nominations", roles(admin), s.handleRoundCreate)
	s.handle("GET /nominations/{id}", signedIn, s.handleRound)
	s.handle("POST /nominations/{id}/nominate", signedIn, s.handleNominate)
	s.handle("POST /nominations/{id}/committee", roles(admin), s.handleRoundCommittee)
	s.handle("POST /nominations/{id}/close", roles(admin), s.handleRoundClose)
	s.handle("POST /nominations/{id}/declare", signedIn, s.handleRoundDeclare)
	s.handle("POST /nominations/{id}/score", signedIn, s.handleRoundScore)
	s.handle("POST /nominations/{id}/announce", roles(admin), s.handleRoundAnnounce)
	s.handle("GET /nominations/{id}/evidence/{evidence}", signedIn, s.handleRoundEvidence)
	s.handle("GET /nominations/{id}/certificates/{employee}", signedIn, s.handleCertificate)
	s.handle("GET /signals", roles(admin), s.handleSignals)
	s.handle("POST /signals/recompute", roles(admin), s.handleSignalsRecompute)
	s.handle("POST /signals/{id}/review", roles(admin), s.handleSignalReview)
	// Organisation import and export
	s.handle("GET /import", roles(admin, auditor), s.handleImportPage)
	s.handle("POST /import", roles(admin), s.handleImportUpload)
	s.handle("POST /import/{id}/apply", roles(admin), s.handleImportApply)
	s.handle("GET /export/units", roles(admin, auditor), s.handleExport("units"))
	s.handle("GET /export/employees", roles(admin, auditor), s.handleExport("employees"))

	// JSON API
	s.handle("GET /api/v1/openapi.json", public, s.handleOpenAPI)
	s.handle("GET /api/v1/me", signedIn, s.handleAPIMe)
	s.handle("GET /api/v1/me/mail", signedIn, s.handleAPIMeMail)
	s.handle("POST /api/v1/me/mail", signedIn, s.handleAPIMeMailSet)
	s.handle("GET /api/v1/framework", signedIn, s.handleAPIFramework)
	s.handle("GET /api/v1/audit", roles(admin, auditor), s.handleAPIAudit)
	s.handle("GET /api/v1/units", signedIn, s.handleAPIUnits)
	s.handle("POST /api/v1/units", roles(admin), s.handleAPIUnitCreate)
	s.handle("GET /api/v1/units/{id}", signedIn, s.handleAPIUnit)
	s.handle("GET /api/v1/employees", roles(admin, auditor, pimpinan), s.handleAPIEmployees)
	s.handle("POST /api/v1/employees", roles(admin), s.handleAPIEmployeeCreate)
	s.handle("GET /api/v1/employees/{id}", signedIn, s.handleAPIEmployee) // record rule budaya.MaySeeEmployee
	s.handle("GET /api/v1/recognitions", signedIn, s.handleAPIRecognitions)
	s.handle("POST /api/v1/recognitions", signedIn, s.handleAPIRecognitionCreate)
	s.handle("GET /api/v1/nominations", signedIn, s.handleAPINominations)
	s.handle("POST /api/v1/nominations", signedIn, s.handleAPINominate)
	s.handle("GET /api/v1/signals", roles(admin), s.handleAPISignals)
	s.handle("POST /api/v1/signals/{id}/review", roles(admin), s.handleAPISignalReview)
	s.handle("POST /api/v1/imports", roles(admin), s.handleAPIImport)
	s.handle("GET /api/v1/units/export", roles(admin, auditor), s.handleExport("units"))
	s.handle("GET /api/v1/employees/export", roles(admin, auditor), s.handleExport("employees"))
	s.handle("GET /api/v1/jobs/{id}", signedIn, s.handleAPIJob)
	s.handle("GET /api/v1/index", roles(admin, pimpinan, auditor), s.handleAPIIndex)
	// A registered instansi pushes with the API token of its own hub account
	// (a pegawai without a password); ReceiveHubPackage checks the account
	// is the package's instansi's, or a hub admin.
	s.handle("POST /api/v1/hub/packages", roles(admin, pegawai), s.hubOnly(s.handleAPIHubPackage))
	s.handle("GET /api/v1/hub/index", roles(admin, auditor), s.hubOnly(s.handleAPIHubIndex))
	s.handle("GET /api/v1/index/trend", roles(admin, pimpinan, auditor), s.handleAPIIndexTrend)
	s.handle("GET /api/v1/index/followup", roles(admin, pimpinan, auditor), s.handleAPIIndexFollowup)
	s.handle("GET /api/v1/heatmap", roles(admin, pimpinan, auditor), s.handleAPIHeatmap)
	s.handle("GET /api/v1/alignment-sessions", signedIn, s.handleAPISessions)
	s.handle("GET /api/v1/alignment-sessions/{id}", signedIn, s.handleAPISession)
	s.handle("GET /api/v1/pledges", signedIn, s.handleAPIPledges)
	s.handle("GET /api/v1/pledges/{id}", signedIn, s.handleAPIPledge)
	s.handle("GET /api/v1/commitments", roles(admin, pimpinan, auditor), s.handleAPICommitments)

	s.registerMeasureRoutes()
}

// registerMeasureRoutes declares the routes of measurement (issue 6). Pages
// and API under signedIn apply the record rules of budaya/access.go (the
// rater answers their own task, MayReadReport360, MayRate, MayViewPerilaku;
// response rates and distributions by the reader's scope).
func (s *Server) registerMeasureRoutes() {
	s.handle("GET /tasks", kioskToo(signedIn), s.handleTasks)
	s.handle("GET /tasks/{id}", kioskToo(signedIn), s.handleTask)
	s.handle("POST /tasks/{id}", kioskToo(signedIn), s.handleTaskSave)
	s.handle("GET /periods", roles(admin, pimpinan, auditor), s.handlePeriods)
	s.handle("POST /periods", roles(admin), s.handlePeriodCreate)
	s.handle("GET /periods/{id}", signedIn, s.handlePeriod)
	s.handle("POST /periods/{id}", roles(admin), s.handlePeriodUpdate)
	s.handle("POST /periods/{id}/delete", roles(admin), s.handlePeriodDelete)
	s.handle("POST /periods/{id}/open", roles(admin), s.handlePeriodOpen)
	s.handle("POST /periods/{id}/close", roles(admin), s.handlePeriodClose)
	s.handle("POST /periods/{id}/reopen", roles(admin), s.handlePeriodReopen)
	s.handle("GET /periods/{id}/reports/{employee}", signedIn, s.handleReport)
	s.handle("GET /periods/{id}/reports/{employee}/pdf", signedIn, s.handleReportPDF)
	s.handle("GET /perilaku", signedIn, s.handlePerilaku)
	s.handle("GET /perilaku/{employee}", signedIn, s.handlePerilakuEmployee)
	s.handle("POST /perilaku/{employee}/expectations", signedIn, s.handlePerilakuExpectation)
	s.handle("POST /perilaku/{employee}/rating", signedIn, s.handlePerilakuRating)
	s.handle("GET /perilaku/evidence/{id}", signedIn, s.handlePerilakuEvidence)
	s.handle("POST /perilaku/capaian", roles(admin), s.handlePerilakuCapaian)
	s.handle("POST /perilaku/import", roles(admin), s.handlePerilakuImport)

	s.handle("GET /api/v1/periods", signedIn, s.handleAPIPeriods)
	s.handle("GET /api/v1/periods/{id}/response-rates", roles(admin, pimpinan, auditor), s.handleAPIResponseRates)
	s.handle("GET /api/v1/tasks", signedIn, s.handleAPITasks)
	s.handle("GET /api/v1/tasks/{id}", signedIn, s.handleAPITask)
	s.handle("POST /api/v1/tasks/{id}/draft", signedIn, s.handleAPITaskDraft)
	s.handle("POST /api/v1/tasks/{id}/answers", signedIn, s.handleAPITaskAnswers)
	s.handle("GET /api/v1/employees/{id}/report", signedIn, s.handleAPIReport)
	s.handle("GET /api/v1/perilaku", signedIn, s.handleAPIPerilaku)
	s.handle("POST /api/v1/perilaku", signedIn, s.handleAPIPerilakuRate)
}

// registerRoadmapRoutes declares the routes of the roadmap capability.
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
	s.handle("GET /api/v1/roadmaps/{id}/progress", signedIn, s.handleAPIRoadmapProgress)
	s.handle("GET /api/v1/activities", signedIn, s.handleAPIActivities)
	s.handle("POST /api/v1/activities", roles(admin), s.handleAPIActivityCreate)
	s.handle("GET /api/v1/activities/{id}", signedIn, s.handleAPIActivity)
	s.handle("GET /api/v1/budget", signedIn, s.handleAPIBudget)
	s.handle("GET /api/v1/budget-proposal", signedIn, s.handleBudgetProposal)
}

// registerAgentRoutes declares the change-agent and checklist routes. Being
// appointed grants agen_perubahan for the unit; an agent acts only on their
// own appointment (budaya.MayActAsAgent) and a leader decides only for the
// units of their pimpinan grants (budaya.MayDecideAgentReport).
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

// handle registers pattern with its access rule. Whether the user may use the
// route at all is decided here, before any handler runs (authorize, which
// also resolves the request's Reader); which records it may read or change
// is decided by the rules of budaya/access.go.
func (s *Server) handle(pattern string, access Access, h http.HandlerFunc) {
	s.routes = append(s.routes, Route{Pattern: pattern, Access: access})
	s.mux.Handle(pattern, s.authorize(access, h))
}
