// Package web serves budaya's HTML pages and its JSON API under /api/v1.
// Every route is declared in routes.go with the roles that may use it.
package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/directory"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/jobs"
	"github.com/budaya-id/budaya/internal/mail"
	"github.com/budaya-id/budaya/internal/store"
)

//go:embed templates static openapi
var assets embed.FS

// Config is what a Server needs; every dependency is passed in.
type Config struct {
	DB       *store.DB
	Logger   *slog.Logger
	Demo     bool   // show the demo sign-in on the login page
	Version  string // shown in the footer and /api/v1/openapi.json
	Location *time.Location
	// Blobs stores uploaded files (evidence); nil refuses uploads.
	Blobs blob.Store
	// TrustedProxies are the reverse proxies (nginx, load balancers) whose
	// X-Forwarded-For names the real client; empty ignores that header.
	TrustedProxies []netip.Prefix
	// SecureCookies marks cookies Secure; set when budaya is served over TLS
	// (directly or behind a TLS-terminating proxy).
	SecureCookies bool
	// BaseURL is the public address of budaya (e.g. https://budaya.example.go.id),
	// used in links that leave the browser, such as the QR code on a signed
	// pledge. Empty: derived from each request's Host.
	BaseURL string
	// Hub runs the national roll-up hub (issue 17): registered instansi push
	// signed index packages and the hub compares them (docs/hub.md).
	Hub bool
	// HubKeyFile is the instansi's own Ed25519 signing key for hub packages,
	// made at first use (default BLOB-DIR/keys/hub-signing.key).
	HubKeyFile string
	// Mail sends the outbox; nil (no --smtp-url) keeps messages in the
	// outbox, where the admin page "Surat keluar" shows them.
	Mail mail.Sender
	// MailFrom is the sender of the mail (--mail-from), the ORGANIZER of the
	// calendar invitations of alignment sessions.
	MailFrom string
	// OIDC, when set, offers "Masuk dengan SSO instansi" (--oidc-issuer).
	OIDC *directory.OIDC
	// LDAP, when set, checks the sign-in form's password by a bind (--ldap-url).
	LDAP *directory.LDAP
	// MetricsToken, when set, is the bearer token /metrics requires
	// (Authorization: Bearer <token>); empty leaves /metrics open, for a
	// deployment that keeps it off the public address at the proxy.
	MetricsToken string
}

// Server holds the dependencies of the handlers, which are its methods.
type Server struct {
	db         *store.DB
	log        *slog.Logger
	demo       bool
	version    string
	loc        *time.Location
	secure     bool
	baseURL    string
	blobs      blob.Store
	jobs       *jobs.Runner
	mailRounds mail.Rounds
	mailSched  mail.Schedule
	mailWorker *mail.Worker // nil without SMTP
	oidc       *directory.OIDC
	ldap       *directory.LDAP
	pages      map[string]*template.Template
	mux        *http.ServeMux
	routes     []Route
	metrics    *metrics
	registry   *prometheus.Registry
	static     http.Handler
	openAPI    []byte
	startedAt  time.Time

	metricsToken string

	trustedProxies []netip.Prefix
	bands          index.Bands      // health bands of the index
	official       *budaya.Official // national reference figures
	snapshots      snapshotCache    // frozen trees of periods with figures
	figureCache    figureCache      // stored figures of closed periods, by figures_version
	hubMode        bool             // this server is a national hub
	hubKeyFile     string           // the instansi's hub signing key
	hubViews       hubViewCache     // national views of the current hub version
}

// New builds a Server: it parses every template (a broken one stops the
// binary, not a user) and registers every route.
func New(cfg Config) (*Server, error) {
	if cfg.DB == nil {
		return nil, fmt.Errorf("web: no database")
	}
	s := &Server{
		db:        cfg.DB,
		log:       cfg.Logger,
		demo:      cfg.Demo,
		version:   cfg.Version,
		loc:       cfg.Location,
		secure:    cfg.SecureCookies,
		baseURL:   strings.TrimRight(cfg.BaseURL, "/"),
		blobs:     cfg.Blobs,
		mux:       http.NewServeMux(),
		registry:  prometheus.NewRegistry(),
		startedAt: time.Now(),

		metricsToken: cfg.MetricsToken,

		trustedProxies: cfg.TrustedProxies,
		hubMode:        cfg.Hub,
		hubKeyFile:     cfg.HubKeyFile,
		oidc:           cfg.OIDC,
		ldap:           cfg.LDAP,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	var err error
	if s.pages, err = parseTemplates(); err != nil {
		return nil, err
	}
	staticFS, err := fs.Sub(assets, "static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(staticFS))
	if s.openAPI, err = openAPIDocument(); err != nil {
		return nil, err
	}
	if s.bands, s.official, err = indexBands(); err != nil {
		return nil, err
	}
	s.metrics = newMetrics(s.registry)
	s.jobs = jobs.New(s.db, s.log)
	s.setupMail(cfg.Mail, cfg.MailFrom)
	s.registerJobs()
	s.registerRoutes()
	return s, nil
}

// Handler returns the root handler with the middleware every request passes.
func (s *Server) Handler() http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, budaya.Errorf(budaya.EFORBIDDEN,
			budaya.MsgCrossSiteRequestRefused))
	}))
	return s.recoverPanics(s.realClientAddr(s.securityHeaders(s.observe(csrf.Handler(s.mux)))))
}

// Routes lists every route with its access rule, for tests and documentation.
func (s *Server) Routes() []Route { return s.routes }

// ctxKey keys request-scoped values.
type ctxKey int

const (
	ctxUser ctxKey = iota
	ctxSession
	ctxViaToken
	ctxReader // the budaya.Reader of the request (reader.go)
)

func userFrom(ctx context.Context) *budaya.User {
	u, _ := ctx.Value(ctxUser).(*budaya.User)
	return u
}

func sessionFrom(ctx context.Context) *budaya.Session {
	s, _ := ctx.Value(ctxSession).(*budaya.Session)
	return s
}

// actor is who makes the change in r, for the audit log.
func actor(r *http.Request) budaya.Actor {
	a := budaya.Actor{RemoteAddr: clientIP(r)}
	if u := userFrom(r.Context()); u != nil {
		a.UserID, a.Name = u.ID, u.Username
	}
	return a
}
