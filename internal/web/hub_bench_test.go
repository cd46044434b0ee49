package web_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/hub"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// BenchmarkHubPages measures the hub's pages at national scale: 630
// instansi, each with a package (instansi, two eselon I units) for 4 period
// labels. Figures are computed by the index code from simulated answers;
// the packages are stored as received, without signing (not what is timed).
//
//	go test -run '^$' -bench BenchmarkHubPages -benchtime 20x ./internal/web/
func BenchmarkHubPages(b *testing.B) {
	db := storetest.Open(b)
	srv, err := web.New(web.Config{DB: db, Version: "bench", Hub: true})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(ts.Close)
	h := &testServer{Server: ts, db: db, srv: srv}
	if _, err := db.CreateUser(ctx, budaya.SystemActor("bench"), budaya.UserInput{Username: "hubadmin", Password: testPassword, Roles: []budaya.RoleGrant{{Role: budaya.RoleAdmin}}}); err != nil {
		b.Fatal(err)
	}
	f, err := budaya.OfficialFramework()
	if err != nil {
		b.Fatal(err)
	}
	l, err := index.NewLayout(f)
	if err != nil {
		b.Fatal(err)
	}
	o, err := budaya.LoadOfficial()
	if err != nil {
		b.Fatal(err)
	}
	bands := index.NewBands(o)
	rng := rand.New(rand.NewPCG(7, 9))
	labels := []string{"2025-S1", "2025-S2", "2026-S1", "2026-S2"}
	const instansi = 630
	for i := 0; i < instansi; i++ {
		pub, _, _ := ed25519.GenerateKey(nil)
		inst, _, err := h.db.RegisterHubInstansi(ctx, budaya.SystemActor("bench"), hub.InstansiInput{Code: fmt.Sprintf("INST-%03d", i), Name: fmt.Sprintf("Instansi %03d", i),
			Kind: hub.Kinds[i%len(hub.Kinds)], Region: []string{"Jawa", "Sumatera", "Sulawesi", "Kalimantan", "Papua"}[i%5], PublicKey: base64.StdEncoding.EncodeToString(pub)})
		if err != nil {
			b.Fatal(err)
		}
		for li, label := range labels {
			p := &hub.Package{Format: hub.Format, Instansi: hub.Instansi{Code: inst.Code, Name: inst.Name}, Method: index.Version,
				Period: hub.Period{Label: label, Name: label, Starts: fmt.Sprintf("%d-%02d-01", 2025+li/2, 1+6*(li%2)), Ends: "2026-12-31", K: 5}}
			for gi := 0; gi < 3; gi++ {
				g := index.NewGroup(l)
				n := 5 + rng.IntN(60)
				base := 1 + rng.IntN(3)
				for r := 0; r < n; r++ {
					scores := make([]int, len(l.Behaviours()))
					for j := range scores {
						scores[j] = min(5, base+rng.IntN(3))
					}
					g.AddResponse(scores)
				}
				grp := hub.Group{Code: fmt.Sprintf("U%d", gi), Name: "Unit", Level: hub.LevelEselon1, N: int64(n), TasksTotal: int64(n), TasksDone: int64(n), ResponseRate: 100}
				if gi == 0 {
					grp.Code, grp.Level = inst.Code, hub.LevelInstansi
				}
				grp.Overall, grp.Values = hub.FromResult(index.Compute(l, g, bands, false))
				p.Groups = append(p.Groups, grp)
			}
			if _, err := h.db.AcceptHubPackage(ctx, budaya.SystemActor("bench"), inst, p, []byte(`{}`), fmt.Sprintf("%064d", i*10+li)); err != nil {
				b.Fatal(err)
			}
		}
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if res, err := c.PostForm(ts.URL+"/login", url.Values{"username": {"hubadmin"}, "password": {testPassword}}); err != nil || res.StatusCode != http.StatusOK {
		b.Fatalf("login: %v %v", res, err)
	}
	// Each sub-benchmark reports p50 and p95 besides the mean: the goal is
	// a p95 under 100 ms.
	// fn does one request and returns how long the part that counts took.
	timed := func(b *testing.B, fn func() time.Duration) {
		var ds []time.Duration
		cpu0 := cpuTime()
		for b.Loop() {
			ds = append(ds, fn())
		}
		// CPU time of the process (server and client) per request: on a
		// shared machine it moves far less than the wall time does.
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(ds)), "cpu-ms/op")
		slices.Sort(ds)
		q := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
		b.ReportMetric(q(0.5), "p50-ms")
		b.ReportMetric(q(0.95), "p95-ms")
	}
	get := func(b *testing.B, path string) time.Duration {
		t0 := time.Now()
		res, err := c.Get(ts.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("%s: got %d", path, res.StatusCode)
		}
		return time.Since(t0)
	}
	b.Run("store.HubIndex", func(b *testing.B) {
		timed(b, func() time.Duration {
			t0 := time.Now()
			if _, err := db.HubIndex(ctx, []string{"2026-S1"}, 0); err != nil {
				b.Fatal(err)
			}
			return time.Since(t0)
		})
	})
	for _, path := range []string{"/hub?period=2026-S1", "/api/v1/hub/index?period=2026-S1", "/hub/export?period=2026-S1&format=csv", "/hub/instansi/1"} {
		b.Run(path, func(b *testing.B) { timed(b, func() time.Duration { return get(b, path) }) })
	}
	// The first view after the hub changed (a new instansi registered,
	// outside the timing) is computed from the database, not the cache.
	extra := 0
	b.Run("/hub uncached", func(b *testing.B) {
		timed(b, func() time.Duration {
			b.StopTimer()
			extra++
			pub, _, _ := ed25519.GenerateKey(nil)
			if _, _, err := h.db.RegisterHubInstansi(ctx, budaya.SystemActor("bench"), hub.InstansiInput{Code: fmt.Sprintf("NEW-%04d", extra), Name: "Instansi baru",
				Kind: hub.Kinds[0], Region: "Jawa", PublicKey: base64.StdEncoding.EncodeToString(pub)}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			return get(b, "/hub?period=2026-S1")
		})
	})
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
