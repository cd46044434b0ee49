package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/web"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("serve", env)
	addr := fs.String("addr", envOr(env, "BUDAYA_ADDR", "127.0.0.1:8080"), "address to listen on (env BUDAYA_ADDR)")
	dsn := dbFlag(fs, env)
	withDemo := fs.Bool("demo", false, "fill an empty database with demo data and show the demo sign-in")
	employees, seed := demoFlags(fs)
	tz := fs.String("timezone", envOr(env, "BUDAYA_TIMEZONE", "Asia/Jakarta"), "time zone of the instansi (env BUDAYA_TIMEZONE)")
	secure := fs.Bool("secure-cookies", env.Getenv("BUDAYA_SECURE_COOKIES") == "1", "mark cookies Secure; set when served over HTTPS (env BUDAYA_SECURE_COOKIES=1)")
	blobDir := fs.String("blob-dir", envOr(env, "BUDAYA_BLOB_DIR", "data/blobs"), "folder for uploaded files; share it between servers (env BUDAYA_BLOB_DIR)")
	baseURL := fs.String("base-url", envOr(env, "BUDAYA_BASE_URL", ""), "public address of budaya for links in documents, e.g. https://budaya.example.go.id (env BUDAYA_BASE_URL; default: from each request)")
	proxies := fs.String("trusted-proxies", env.Getenv("BUDAYA_TRUSTED_PROXIES"), "reverse proxies whose X-Forwarded-For names the client, e.g. 127.0.0.1,10.0.0.0/24 (env BUDAYA_TRUSTED_PROXIES)")
	metricsToken := fs.String("metrics-token", env.Getenv("BUDAYA_METRICS_TOKEN"), "bearer token that /metrics requires, at least 16 characters; prefer the environment, which other users cannot read in the process list (env BUDAYA_METRICS_TOKEN; default: /metrics open, restrict it at the proxy)")
	hubMode := fs.Bool("hub", false, "run as the national hub that receives and compares the index packages of instansi (docs/hub.md)")
	hubKey := hubKeyFlag(fs, env)
	hubDemoCount := fs.Int("hub-demo-instansi", len(hubDemoInstansi), "with --hub --demo: how many demo instansi send packages to the hub")
	hubDemoEmployees := fs.Int("hub-demo-employees", 0, "with --hub --demo: employees of every demo instansi (0: their own sizes, 30 to 120; at least 30)")
	smtpURL, mailFrom := mailFlags(fs, env)
	dir := directoryFlags(fs, env)
	pprofAddr := fs.String("pprof-addr", env.Getenv("BUDAYA_PPROF_ADDR"), "serve the Go profiler (net/http/pprof) on this loopback address, e.g. 127.0.0.1:6060 (env BUDAYA_PPROF_ADDR; default: off)")
	logLevel := fs.String("log-level", envOr(env, "BUDAYA_LOG_LEVEL", "info"), "debug, info, warn or error (env BUDAYA_LOG_LEVEL)")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	trustedProxies, err := web.ParseTrustedProxies(*proxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	if err := checkMetricsToken(*metricsToken); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("--log-level %q: use debug, info, warn or error", *logLevel)
	}
	log := slog.New(slog.NewJSONHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--base-url %q: give the full public address, for example https://budaya.example.go.id", *baseURL)
		}
	}
	sender, err := mailSender(*smtpURL, *mailFrom)
	if err != nil {
		return userMessage(err)
	}
	oidcClient, ldapClient, err := dir.clients(*baseURL)
	if err != nil {
		return err
	}
	if sender != nil && *baseURL == "" {
		return fmt.Errorf("--smtp-url needs --base-url (BUDAYA_BASE_URL): the links in the messages must open budaya from outside")
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return fmt.Errorf("--timezone %q is not a known time zone (for example Asia/Jakarta, Asia/Makassar, Asia/Jayapura)", *tz)
	}

	db, err := openDB(ctx, *dsn, ballotKeyFile(fs, env), log)
	if err != nil {
		return userMessage(err)
	}
	defer db.Close()
	if *withDemo && !*hubMode {
		start := time.Now()
		demoBase := *baseURL
		if demoBase == "" {
			demoBase = "http://" + *addr
		}
		if err := demo.Seed(ctx, db, demo.Options{Employees: *employees, Seed: *seed, Progress: env.Stderr, BaseURL: demoBase}); err != nil {
			return fmt.Errorf("demo data: %w", userMessage(err))
		}
		log.Info("demo data ready", slog.Duration("took", time.Since(start)))
	}

	blobs, err := blob.NewLocal(*blobDir)
	if err != nil {
		return err
	}
	srv, err := web.New(web.Config{DB: db, Logger: log, Demo: *withDemo, Version: Version, Location: loc, SecureCookies: *secure, BaseURL: *baseURL, Blobs: blobs, TrustedProxies: trustedProxies, Mail: sender, MailFrom: *mailFrom,
		OIDC: oidcClient, LDAP: ldapClient, Hub: *hubMode, HubKeyFile: hubKeyFile(fs, env, *hubKey),
		MetricsToken: *metricsToken})
	if err != nil {
		return err
	}
	if *withDemo && *hubMode {
		// The hub's own accounts, then a few dozen demo instansi that send.
		start := time.Now()
		if err := demo.Seed(ctx, db, demo.Options{Employees: demo.MinEmployees, Seed: *seed, Until: "accounts"}); err != nil {
			return fmt.Errorf("demo data: %w", userMessage(err))
		}
		if err := seedHubDemo(ctx, db, srv, *hubDemoCount, *hubDemoEmployees, env.Stderr); err != nil {
			return fmt.Errorf("hub demo: %w", userMessage(err))
		}
		log.Info("hub demo ready", slog.Duration("took", time.Since(start)))
	}
	pln, err := pprofListener(*pprofAddr)
	if err != nil {
		return err
	}
	if pln != nil {
		ps := pprofServer(log)
		defer ps.Close()
		go func() { _ = ps.Serve(pln) }()
		log.Info("profiler listening", slog.String("url", "http://"+pln.Addr().String()+"/debug/pprof/"))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads of large import files
		WriteTimeout:      5 * time.Minute, // streamed exports
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	url := "http://" + ln.Addr().String()
	if strings.HasPrefix(ln.Addr().String(), "[::]") || strings.HasPrefix(ln.Addr().String(), "0.0.0.0") {
		url = "http://127.0.0.1:" + portOf(ln.Addr())
	}
	log.Info("budaya listening", slog.String("url", url), slog.String("database", string(db.Dialect())), slog.String("version", Version))
	fmt.Fprintf(env.Stdout, "budaya is running at %s (stop with Ctrl+C)\n", url)
	if *withDemo {
		fmt.Fprintln(env.Stdout, "demo sign-in: admin / Demo-BerAKHLAK-2021")
	}

	go srv.RunJobs(ctx)
	go srv.RunMail(ctx)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// minMetricsToken is the shortest metrics token accepted: a guessable token
// would protect nothing.
const minMetricsToken = 16

func checkMetricsToken(token string) error {
	if token == "" {
		return nil
	}
	if len(token) < minMetricsToken || strings.ContainsAny(token, " \t\r\n") {
		return fmt.Errorf("--metrics-token (BUDAYA_METRICS_TOKEN): use at least %d characters without spaces, for example from `openssl rand -hex 32`", minMetricsToken)
	}
	return nil
}

func envOr(env Env, key, def string) string {
	if v := env.Getenv(key); v != "" {
		return v
	}
	return def
}

func portOf(a net.Addr) string {
	_, port, _ := net.SplitHostPort(a.String())
	return port
}
