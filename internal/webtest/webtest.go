// Package webtest is the test support shared by every package that needs a
// running budaya: a database holding the demo instansi (built once per test
// binary and copied for each test, see storetest.OpenTemplate) and the real
// router served over real HTTP.
//
//	db := webtest.DemoDB(t, 120)                  // the demo of 120 employees, for this test alone
//	ts := webtest.NewServer(t, webtest.Options{DB: db, Demo: true})
//	b := browsertest.New(t, browsertest.Options{})
//	browsertest.SignIn(t, b, ts.URL+"/login", "admin", demo.Password, `.tiles`)
//
// Tests that use it may run in parallel: each gets its own database, blob
// folder and server.
package webtest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// DemoDB returns a database of tb's own holding the demo instansi of the
// given number of employees, seeded with the default seed. The demo is
// seeded once per test binary and size; each call gets a copy.
func DemoDB(tb testing.TB, employees int) *store.DB {
	tb.Helper()
	return DemoDBWith(tb, demo.Options{Employees: employees}, store.Options{})
}

// DemoDBWith is DemoDB with the demo's and the store's options. A demo with
// a Progress writer or a zero Now is still cached: Now then is the time of
// the first seeding, and progress is written only then.
func DemoDBWith(tb testing.TB, opt demo.Options, sopt store.Options) *store.DB {
	tb.Helper()
	key := fmt.Sprintf("demo-%d-seed%d-until%q-now%d", opt.Employees, opt.Seed, opt.Until, opt.Now.UnixNano())
	if opt.Now.IsZero() {
		key = fmt.Sprintf("demo-%d-seed%d-until%q-now", opt.Employees, opt.Seed, opt.Until)
	}
	return storetest.OpenTemplate(tb, key, sopt, func(ctx context.Context, db *store.DB) error {
		return demo.Seed(ctx, db, opt)
	})
}

// Options tune NewServer.
type Options struct {
	// DB is the database to serve; nil opens a fresh, empty one (storetest.Open).
	DB *store.DB
	// Demo shows the demo sign-in on the login page, as `serve --demo` does.
	Demo bool
	// Config, when set, adjusts the web configuration before the server is
	// made (e.g. a logger, secure cookies). DB, Blobs and Version are set already.
	Config func(*web.Config)
}

// Server is the real router on a real database, over real HTTP.
type Server struct {
	*httptest.Server
	DB    *store.DB
	Web   *web.Server
	Blobs blob.Store
}

// NewServer serves budaya for tb: a local blob folder, version "test", and
// the database of opt. It is shut down when tb ends.
func NewServer(tb testing.TB, opt Options) *Server {
	tb.Helper()
	db := opt.DB
	if db == nil {
		db = storetest.Open(tb)
	}
	blobs, err := blob.NewLocal(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	cfg := web.Config{DB: db, Demo: opt.Demo, Version: "test", Blobs: blobs}
	if opt.Config != nil {
		opt.Config(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	return &Server{Server: ts, DB: db, Web: srv, Blobs: blobs}
}

// NewDemoServer serves the demo instansi of the given size, as
// `serve --demo` does, on a database of tb's own.
func NewDemoServer(tb testing.TB, employees int) *Server {
	tb.Helper()
	return NewServer(tb, Options{DB: DemoDB(tb, employees), Demo: true})
}
