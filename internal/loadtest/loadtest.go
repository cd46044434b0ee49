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
	"sort"
	"strconv"
	"strings"
	"sync"
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
	// Think is the pause between a user's requests (0: none, as fast as the server answers).
	Think time.Duration
	// Steps is the mix each user repeats; nil means DefaultMix.
	Steps []Step
	Seed  uint64
}

// Credential is one simulated user's sign-in.
type Credential struct{ Username, Password string }

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

	limitReached bool // the server's daily recognition limit refused this user
}

// Rand returns the user's random source, for steps that vary their input.
func (u *User) Rand() *rand.Rand { return u.rng }

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

// Get fetches path and checks the status.
func (u *User) Get(ctx context.Context, path string, want int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.Base+path, nil)
	if err != nil {
		return nil, err
	}
	return u.do(req, want)
}

// PostForm posts form values with the user's CSRF token and checks the status.
func (u *User) PostForm(ctx context.Context, path string, form url.Values, want int) ([]byte, error) {
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

// PostJSON posts a JSON body with the CSRF header and checks the status.
func (u *User) PostJSON(ctx context.Context, path, body string, want int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.Base+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", u.CSRF)
	return u.do(req, want)
}

func (u *User) do(req *http.Request, want int) ([]byte, error) {
	res, err := u.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != want {
		snippet := string(b)
		if len(snippet) > 200 {
			snippet = snippet[:200]
		}
		return b, fmt.Errorf("%s %s: got %d, want %d: %s", req.Method, req.URL.Path, res.StatusCode, want, snippet)
	}
	return b, nil
}

// SignIn signs the user in and reads the CSRF token of their session.
func (u *User) SignIn(ctx context.Context, c Credential) error {
	b, err := u.PostForm(ctx, "/login", url.Values{"username": {c.Username}, "password": {c.Password}}, http.StatusSeeOther)
	if err != nil {
		return fmt.Errorf("sign in %s: %w", c.Username, err)
	}
	_ = b
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

// RouteStats are the figures of one route.
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
	Users        int
	Duration     time.Duration
	Requests     int
	Errors       int
	Throughput   float64 // requests per second
	Routes       []RouteStats
	FirstErrors  []string
	RSSStart     int64 // bytes, from the server's /metrics
	RSSPeak      int64
	HeapPeak     int64
	Goroutines   int64
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
	route string
	d     time.Duration
	err   error
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
	steps := opt.Steps
	if steps == nil {
		steps = DefaultMix()
	}
	total := 0
	for _, s := range steps {
		total += s.Weight
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

	// Sign in first (argon2id is deliberately slow), a few at a time.
	users := make([]*User, len(opt.Users))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	var mu sync.Mutex
	for i, c := range opt.Users {
		wg.Add(1)
		go func(i int, c Credential) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			jar, _ := cookiejar.New(nil)
			u := &User{Base: base, Name: c.Username, rng: rand.New(rand.NewPCG(opt.Seed, uint64(i))),
				Client: &http.Client{Jar: jar, Transport: transport, Timeout: 30 * time.Second,
					CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
			start := time.Now()
			err := u.SignIn(ctx, c)
			samples <- sample{route: "POST /login", d: time.Since(start), err: err}
			if err != nil {
				mu.Lock()
				rep.SignInErrors++
				mu.Unlock()
				return
			}
			users[i] = u
		}(i, c)
	}
	wg.Wait()

	runCtx, cancel := context.WithTimeout(ctx, opt.Duration)
	defer cancel()
	started := time.Now()
	for _, u := range users {
		if u == nil {
			continue
		}
		wg.Add(1)
		go func(u *User) {
			defer wg.Done()
			for runCtx.Err() == nil {
				n := u.rng.IntN(total)
				var step Step
				for _, s := range steps {
					if n < s.Weight {
						step = s
						break
					}
					n -= s.Weight
				}
				t0 := time.Now()
				err := step.Do(runCtx, u)
				if runCtx.Err() != nil && err != nil {
					return // the run ended mid-request; not the server's fault
				}
				samples <- sample{route: step.Name, d: time.Since(t0), err: err}
				if opt.Think > 0 {
					select {
					case <-runCtx.Done():
					case <-time.After(opt.Think):
					}
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

	byRoute := map[string][]time.Duration{}
	errs := map[string]int{}
	for _, s := range collected {
		byRoute[s.route] = append(byRoute[s.route], s.d)
		if s.err != nil {
			errs[s.route]++
			rep.Errors++
			if len(rep.FirstErrors) < 10 {
				rep.FirstErrors = append(rep.FirstErrors, s.err.Error())
			}
		}
		if s.route != "POST /login" {
			rep.Requests++
		}
	}
	for route, ds := range byRoute {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		rep.Routes = append(rep.Routes, RouteStats{Route: route, Count: len(ds), Errors: errs[route],
			P50: ds[len(ds)*50/100], P99: ds[min(len(ds)-1, len(ds)*99/100)], Max: ds[len(ds)-1]})
	}
	sort.Slice(rep.Routes, func(i, j int) bool { return rep.Routes[i].Route < rep.Routes[j].Route })
	if rep.Duration > 0 {
		rep.Throughput = float64(rep.Requests) / rep.Duration.Seconds()
	}
	return rep, nil
}

// Write prints the report as a table.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "users %d, duration %s, requests %d, throughput %.1f req/s, errors %d (sign-in errors %d)\n",
		r.Users, r.Duration.Round(time.Millisecond), r.Requests, r.Throughput, r.Errors, r.SignInErrors)
	fmt.Fprintf(w, "%-34s %8s %7s %9s %9s %9s\n", "route", "count", "errors", "p50", "p99", "max")
	for _, s := range r.Routes {
		fmt.Fprintf(w, "%-34s %8d %7d %9s %9s %9s\n", s.Route, s.Count, s.Errors, ms(s.P50), ms(s.P99), ms(s.Max))
	}
	fmt.Fprintf(w, "server memory: RSS %s at start, peak %s; Go heap in use peak %s; goroutines at end %d\n",
		mib(r.RSSStart), mib(r.RSSPeak), mib(r.HeapPeak), r.Goroutines)
	for _, e := range r.FirstErrors {
		fmt.Fprintf(w, "error: %s\n", e)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

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
