// Package loadtest drives a running budaya server with the mixed traffic of
// many simulated users for a fixed time and reports throughput, latency per
// route, errors and the server's memory. It talks only to loopback addresses,
// so it cannot be aimed at someone else's server.
package loadtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Limits keep a run bounded.
const (
	MaxUsers    = 2000
	MaxDuration = 30 * time.Minute
)

// Options describe a run.
type Options struct {
	BaseURL  string
	Users    []Credential
	Duration time.Duration
	// Think is the mean pause between a user's steps, drawn uniformly from
	// [Think/2, 3*Think/2] so that users do not march in step (0: no pause,
	// each user as fast as the server answers).
	Think time.Duration
	// Steps is the mix each user repeats; nil means DefaultMix.
	Steps []Step
	Seed  uint64
}

// Credential is one simulated user's sign-in.
type Credential struct {
	Username, Password string
	// Steps is this user's own mix (e.g. a leader's, with the index
	// dashboard); nil means Options.Steps.
	Steps []Step
}

// Step is one kind of request in the mix, with its relative weight.
type Step struct {
	Name   string
	Weight int
	// Do makes the request with the user's session; it returns an error for
	// an answer the step does not expect.
	Do func(ctx context.Context, u *User) error
}

// User is a signed-in simulated user.
type User struct {
	Base   string
	Client *http.Client
	CSRF   string
	Name   string
	rng    *rand.Rand
	// record receives the duration and outcome of every HTTP request.
	record func(route string, d time.Duration, err error)

	limitReached bool // the server's daily recognition limit refused this user
	noTasks      bool // every task of the user is answered
}

// NewUser returns a user of the server at base, not yet signed in, for
// running steps one by one (Run makes its own).
func NewUser(base, name string, seed uint64) *User {
	return newUser(strings.TrimRight(base, "/"), name, http.DefaultTransport, seed, 0)
}

func newUser(base, name string, tr http.RoundTripper, seed, i uint64) *User {
	jar, _ := cookiejar.New(nil)
	return &User{Base: base, Name: name, rng: rand.New(rand.NewPCG(seed, i)),
		Client: &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Rand returns the user's random source, for steps that vary their input.
func (u *User) Rand() *rand.Rand { return u.rng }

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

// Get fetches path and checks the status (one of want).
func (u *User) Get(ctx context.Context, path string, want ...int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.Base+path, nil)
	if err != nil {
		return nil, err
	}
	return u.do(req, want)
}

// PostForm posts form values with the user's CSRF token and checks the status (one of want).
func (u *User) PostForm(ctx context.Context, path string, form url.Values, want ...int) ([]byte, error) {
	if form.Get("csrf_token") == "" && u.CSRF != "" {
		form.Set("csrf_token", u.CSRF)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.Base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return u.do(req, want)
}

// PostJSON posts a JSON body with the CSRF header and checks the status (one of want).
func (u *User) PostJSON(ctx context.Context, path, body string, want ...int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.Base+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", u.CSRF)
	return u.do(req, want)
}

// Do sends req with the user's session, records it under its route and
// checks the status (one of want).
func (u *User) Do(req *http.Request, want ...int) ([]byte, error) { return u.do(req, want) }

func (u *User) do(req *http.Request, want []int) ([]byte, error) {
	start := time.Now()
	b, err := u.send(req, want)
	if u.record != nil && req.Context().Err() == nil {
		u.record(RouteOf(req.Method, req.URL.Path), time.Since(start), err)
	}
	return b, err
}

func (u *User) send(req *http.Request, want []int) ([]byte, error) {
	res, err := u.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(want, res.StatusCode) {
		snippet := string(b)
		if len(snippet) > 200 {
			snippet = snippet[:200]
		}
		return b, &StatusError{Got: res.StatusCode, Msg: fmt.Sprintf("%s %s: got %d, want %v: %s", req.Method, req.URL.Path, res.StatusCode, want, snippet)}
	}
	return b, nil
}

// StatusError is an answer with a status the step did not expect.
type StatusError struct {
	Got int
	Msg string
}

func (e *StatusError) Error() string { return e.Msg }

// RouteOf names the route of a request: the method and the path with every
// numeric segment written {id}, so that /tasks/12 and /tasks/13 count as one.
func RouteOf(method, path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = "{id}"
		}
	}
	return method + " " + strings.Join(parts, "/")
}

// SignIn signs the user in and reads the CSRF token of their session.
func (u *User) SignIn(ctx context.Context, c Credential) error {
	if _, err := u.PostForm(ctx, "/login", url.Values{"username": {c.Username}, "password": {c.Password}}, http.StatusSeeOther); err != nil {
		return fmt.Errorf("sign in %s: %w", c.Username, err)
	}
	page, err := u.Get(ctx, "/profile", http.StatusOK)
	if err != nil {
		return err
	}
	m := csrfMeta.FindSubmatch(page)
	if m == nil {
		return errors.New("no CSRF token after sign-in")
	}
	u.CSRF = string(m[1])
	return nil
}

// DefaultMix is the traffic of the routes every budaya has: the dashboard,
// the framework pages and the JSON API.
func DefaultMix() []Step {
	return []Step{
		{Name: "GET /", Weight: 4, Do: func(ctx context.Context, u *User) error { _, err := u.Get(ctx, "/", http.StatusOK); return err }},
		{Name: "GET /framework", Weight: 2, Do: func(ctx context.Context, u *User) error {
			_, err := u.Get(ctx, "/framework", http.StatusOK)
			return err
		}},
		{Name: "GET /api/v1/me", Weight: 2, Do: func(ctx context.Context, u *User) error {
			_, err := u.Get(ctx, "/api/v1/me", http.StatusOK)
			return err
		}},
		{Name: "GET /api/v1/framework", Weight: 2, Do: func(ctx context.Context, u *User) error {
			_, err := u.Get(ctx, "/api/v1/framework", http.StatusOK)
			return err
		}},
		{Name: "GET /me/data", Weight: 1, Do: func(ctx context.Context, u *User) error { _, err := u.Get(ctx, "/me/data", http.StatusOK); return err }},
	}
}

// RouteStats are the figures of one route (an HTTP method and path) or of
// one step (a user action of several requests).
type RouteStats struct {
	Route  string
	Count  int
	Errors int
	P50    time.Duration
	P99    time.Duration
	Max    time.Duration
}

// Report is the result of a run.
type Report struct {
	Users    int
	Duration time.Duration
	// Requests counts the HTTP requests of the timed run (sign-ins before it
	// are not counted); Throughput is Requests per second.
	Requests   int
	Throughput float64
	// Steps counts the user actions of the timed run; StepRate is per second.
	Steps    int
	StepRate float64
	// Errors counts failed steps (sign-ins included): a step fails at its
	// first unexpected answer, which is also counted on its route.
	Errors      int
	Routes      []RouteStats // per HTTP route, sign-in included
	StepStats   []RouteStats // per step of the mix, "sign in" included
	FirstErrors []string
	RSSStart    int64 // bytes, from the server's /metrics
	RSSPeak     int64
	HeapPeak    int64
	Goroutines  int64

	SignInErrors int
}

// CheckLoopback refuses a base URL whose host is not a loopback address.
func CheckLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("--url %q: give http://127.0.0.1:PORT", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--url %q: the load test only runs against loopback (127.0.0.1, ::1, localhost)", base)
	}
	return nil
}

type sample struct {
	name   string
	d      time.Duration
	err    error
	step   bool // a whole step rather than one request
	timed  bool // during the timed run (not the sign-in before it)
	signIn bool
}

// pick chooses a step of mix by weight.
func pick(rng *rand.Rand, mix []Step, total int) Step {
	n := rng.IntN(total)
	for _, s := range mix {
		if n < s.Weight {
			return s
		}
		n -= s.Weight
	}
	return mix[len(mix)-1]
}

func weights(mix []Step) (int, error) {
	total := 0
	for _, s := range mix {
		if s.Weight < 0 {
			return 0, fmt.Errorf("step %q: negative weight", s.Name)
		}
		total += s.Weight
	}
	if total == 0 {
		return 0, errors.New("the mix has no step with a weight")
	}
	return total, nil
}

// Run signs every user in, then runs the mix until the duration ends.
func Run(ctx context.Context, opt Options) (*Report, error) {
	if err := CheckLoopback(opt.BaseURL); err != nil {
		return nil, err
	}
	if len(opt.Users) == 0 || len(opt.Users) > MaxUsers {
		return nil, fmt.Errorf("users: give 1 to %d", MaxUsers)
	}
	if opt.Duration <= 0 || opt.Duration > MaxDuration {
		return nil, fmt.Errorf("duration: give up to %s", MaxDuration)
	}
	if opt.Think < 0 || opt.Think > time.Minute {
		return nil, errors.New("think: give 0 to 1m")
	}
	if opt.Steps == nil {
		opt.Steps = DefaultMix()
	}
	if _, err := weights(opt.Steps); err != nil {
		return nil, err
	}
	for _, c := range opt.Users {
		if c.Steps != nil {
			if _, err := weights(c.Steps); err != nil {
				return nil, fmt.Errorf("user %s: %w", c.Username, err)
			}
		}
	}
	base := strings.TrimRight(opt.BaseURL, "/")
	transport := &http.Transport{MaxIdleConnsPerHost: len(opt.Users), MaxConnsPerHost: 0, IdleConnTimeout: time.Minute}
	defer transport.CloseIdleConnections()

	rep := &Report{Users: len(opt.Users)}
	mem := startMemoryWatch(ctx, base, transport)

	samples := make(chan sample, 4096)
	var collected []sample
	collectDone := make(chan struct{})
	go func() {
		for s := range samples {
			collected = append(collected, s)
		}
		close(collectDone)
	}()
	var timed atomic.Bool
	record := func(route string, d time.Duration, err error) {
		samples <- sample{name: route, d: d, err: err, timed: timed.Load()}
	}

	// Sign in first (argon2id is deliberately slow), a few at a time.
	users := make([]*User, len(opt.Users))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, c := range opt.Users {
		wg.Add(1)
		go func(i int, c Credential) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			u := newUser(base, c.Username, transport, opt.Seed, uint64(i))
			u.record = record
			start := time.Now()
			err := u.SignIn(ctx, c)
			samples <- sample{name: "sign in", d: time.Since(start), err: err, step: true, signIn: true}
			if err == nil {
				users[i] = u
			}
		}(i, c)
	}
	wg.Wait()

	runCtx, cancel := context.WithTimeout(ctx, opt.Duration)
	defer cancel()
	timed.Store(true)
	started := time.Now()
	for i, u := range users {
		if u == nil {
			continue
		}
		mix := opt.Users[i].Steps
		if mix == nil {
			mix = opt.Steps
		}
		total, _ := weights(mix)
		wg.Add(1)
		go func(u *User) {
			defer wg.Done()
			// Start at a random moment of the first think time, as people do.
			if opt.Think > 0 && !sleep(runCtx, time.Duration(u.rng.Int64N(int64(opt.Think)))) {
				return
			}
			for runCtx.Err() == nil {
				step := pick(u.rng, mix, total)
				t0 := time.Now()
				err := step.Do(runCtx, u)
				if runCtx.Err() != nil {
					return // the run ended mid-step; not the server's fault
				}
				samples <- sample{name: step.Name, d: time.Since(t0), err: err, step: true, timed: true}
				if opt.Think > 0 && !sleep(runCtx, opt.Think/2+time.Duration(u.rng.Int64N(int64(opt.Think)+1))) {
					return
				}
			}
		}(u)
	}
	wg.Wait()
	rep.Duration = time.Since(started)
	close(samples)
	<-collectDone
	m := mem.stop()
	rep.RSSStart, rep.RSSPeak, rep.HeapPeak, rep.Goroutines = m.rssStart, m.rssPeak, m.heapPeak, m.goroutines

	type series struct {
		ds   []time.Duration
		errs int
	}
	routes, steps := map[string]*series{}, map[string]*series{}
	for _, s := range collected {
		m := routes
		if s.step {
			m = steps
		}
		x := m[s.name]
		if x == nil {
			x = &series{}
			m[s.name] = x
		}
		x.ds = append(x.ds, s.d)
		if s.err != nil {
			x.errs++
		}
		switch {
		case s.step && s.err != nil:
			rep.Errors++
			if s.signIn {
				rep.SignInErrors++
			}
			if len(rep.FirstErrors) < 10 {
				rep.FirstErrors = append(rep.FirstErrors, s.name+": "+s.err.Error())
			}
		case s.step && s.timed:
			rep.Steps++
		case !s.step && s.timed:
			rep.Requests++
		}
		if s.step && s.timed && s.err != nil {
			rep.Steps++
		}
	}
	stats := func(m map[string]*series) []RouteStats {
		var out []RouteStats
		for name, x := range m {
			ds := x.ds
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			out = append(out, RouteStats{Route: name, Count: len(ds), Errors: x.errs,
				P50: ds[(len(ds)-1)*50/100], P99: ds[(len(ds)-1)*99/100], Max: ds[len(ds)-1]})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Route < out[j].Route })
		return out
	}
	rep.Routes, rep.StepStats = stats(routes), stats(steps)
	if rep.Duration > 0 {
		rep.Throughput = float64(rep.Requests) / rep.Duration.Seconds()
		rep.StepRate = float64(rep.Steps) / rep.Duration.Seconds()
	}
	return rep, nil
}

// sleep waits d or until ctx ends; it reports whether the wait completed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Write prints the report as plain tables.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "users %d, duration %s, requests %d, throughput %.1f req/s, steps %d (%.1f/s), errors %d (sign-in errors %d)\n",
		r.Users, r.Duration.Round(time.Millisecond), r.Requests, r.Throughput, r.Steps, r.StepRate, r.Errors, r.SignInErrors)
	table := func(title string, rows []RouteStats) {
		fmt.Fprintf(w, "%-40s %8s %7s %9s %9s %9s\n", title, "count", "errors", "p50", "p99", "max")
		for _, s := range rows {
			fmt.Fprintf(w, "%-40s %8d %7d %9s %9s %9s\n", s.Route, s.Count, s.Errors, ms(s.P50), ms(s.P99), ms(s.Max))
		}
	}
	table("step", r.StepStats)
	table("route", r.Routes)
	fmt.Fprintf(w, "server memory: RSS %s at start, peak %s; Go heap in use peak %s; goroutines at end %d\n",
		mib(r.RSSStart), mib(r.RSSPeak), mib(r.HeapPeak), r.Goroutines)
	for _, e := range r.FirstErrors {
		fmt.Fprintf(w, "error: %s\n", e)
	}
}

// WriteMarkdown prints the report as Markdown tables, for docs/operations.md.
func (r *Report) WriteMarkdown(w io.Writer) {
	table := func(title string, rows []RouteStats) {
		fmt.Fprintf(w, "| %s | count | errors | p50 | p99 | max |\n| --- | ---: | ---: | ---: | ---: | ---: |\n", title)
		for _, s := range rows {
			fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s |\n", strings.ReplaceAll(s.Route, "|", `\|`), thousands(int64(s.Count)), s.Errors, msDoc(s.P50), msDoc(s.P99), msDoc(s.Max))
		}
		fmt.Fprintln(w)
	}
	table("step", r.StepStats)
	table("route", r.Routes)
	fmt.Fprintf(w, "%d users, %s: %s requests (**%.1f requests/s**), %s steps (%.1f/s), **%d errors**. Server memory: RSS %s at start, "+
		"peak %s; Go heap in use peak %s; %d goroutines at the end.\n",
		r.Users, r.Duration.Round(100*time.Millisecond), thousands(int64(r.Requests)), r.Throughput, thousands(int64(r.Steps)), r.StepRate, r.Errors,
		mib(r.RSSStart), mib(r.RSSPeak), mib(r.HeapPeak), r.Goroutines)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// msDoc writes d in milliseconds as docs/operations.md does: 1,234.5 ms.
func msDoc(d time.Duration) string {
	us := d.Microseconds()
	return fmt.Sprintf("%s.%d ms", thousands(us/1000), us%1000/100)
}

// thousands writes n with a comma between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

type memFigures struct {
	rssStart, rssPeak, heapPeak, goroutines int64
}

type memWatch struct {
	mu   sync.Mutex
	m    memFigures
	done chan struct{}
	wg   sync.WaitGroup
}

// startMemoryWatch samples the server's /metrics every half second.
func startMemoryWatch(ctx context.Context, base string, tr http.RoundTripper) *memWatch {
	w := &memWatch{done: make(chan struct{})}
	c := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	read := func() {
		f, err := scrape(ctx, c, base)
		if err != nil {
			return
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.m.rssStart == 0 {
			w.m.rssStart = f["process_resident_memory_bytes"]
		}
		w.m.rssPeak = max(w.m.rssPeak, f["process_resident_memory_bytes"])
		w.m.heapPeak = max(w.m.heapPeak, f["go_memstats_heap_inuse_bytes"])
		w.m.goroutines = f["go_goroutines"]
	}
	read()
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return w
}

func (w *memWatch) stop() memFigures {
	close(w.done)
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.m
}

// scrape reads the plain gauges of the Prometheus text format.
func scrape(ctx context.Context, c *http.Client, base string) (map[string]int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	out := map[string]int64{}
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.Contains(line, "{") {
			continue
		}
		name, val, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err == nil {
			out[name] = int64(f)
		}
	}
	return out, sc.Err()
}
