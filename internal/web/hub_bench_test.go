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
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/hub"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
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
	if _, err := db.CreateUser(ctx, budaya.SystemActor("bench"), store.UserInput{Username: "hubadmin", Password: testPassword, Roles: []budaya.RoleGrant{{Role: budaya.RoleAdmin}}}); err != nil {
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
	b.Run("store.HubIndex", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.HubIndex(ctx, []string{"2026-S1"}, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, path := range []string{"/hub?period=2026-S1", "/api/v1/hub/index?period=2026-S1", "/hub/export?period=2026-S1&format=csv", "/hub/instansi/1"} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				res, err := c.Get(ts.URL + path)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("%s: got %d", path, res.StatusCode)
				}
			}
		})
	}
}
