package hub

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	mrand "math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
)

// testPackage computes a package with the index code from n simulated
// respondents per group.
func testPackage(t *testing.T, ns ...int) (*Package, index.Bands) {
	t.Helper()
	o, err := budaya.LoadOfficial()
	if err != nil {
		t.Fatal(err)
	}
	f, err := budaya.OfficialFramework()
	if err != nil {
		t.Fatal(err)
	}
	l, err := index.NewLayout(f)
	if err != nil {
		t.Fatal(err)
	}
	bands := index.NewBands(o)
	rng := mrand.New(mrand.NewPCG(1, 2))
	p := &Package{Instansi: Instansi{Code: "KEMEN-X", Name: "Kementerian X"}, Method: index.Version,
		Period:    Period{Label: "2026-S1", Name: "Semester I 2026", Starts: "2026-01-01", Ends: "2026-06-30", K: 5},
		Framework: Framework{Code: f.Code, Version: f.Version}, CreatedAt: "2026-07-01T00:00:00Z"}
	for i, n := range ns {
		g := index.NewGroup(l)
		for r := 0; r < n; r++ {
			scores := make([]int, len(l.Behaviours()))
			for j := range scores {
				scores[j] = 2 + rng.IntN(4)
			}
			g.AddResponse(scores)
		}
		res := index.Compute(l, g, bands, false)
		grp := Group{Code: "U" + string(rune('0'+i)), Name: "Unit", Level: LevelEselon1, N: int64(n), TasksTotal: int64(n + 2), TasksDone: int64(n)}
		if i == 0 {
			grp.Code, grp.Level = "KEMEN-X", LevelInstansi
		}
		grp.ResponseRate = index.Round1(float64(grp.TasksDone) / float64(grp.TasksTotal) * 100)
		grp.Overall, grp.Values = FromResult(res)
		p.Groups = append(p.Groups, grp)
	}
	return p, bands
}

func TestSignOpenCheck(t *testing.T) {
	p, bands := testPackage(t, 40, 12, 5)
	key, err := LoadOrCreateKey(filepath.Join(t.TempDir(), "keys", "hub-signing.key"))
	if err != nil {
		t.Fatal(err)
	}
	signed, err := Sign(p, key)
	if err != nil {
		t.Fatal(err)
	}
	got, pub, digest, err := Open(signed)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if pub != PublicKeyString(key) || len(digest) != 64 {
		t.Errorf("got key %q digest %q, want %q and a SHA-256", pub, digest, PublicKeyString(key))
	}
	if err := Check(got, bands); err != nil {
		t.Fatalf("check of a computed package: %v", err)
	}
	if got.Groups[1].Overall.Score != p.Groups[1].Overall.Score || got.Groups[1].N != 12 {
		t.Errorf("round trip changed figures: got %+v", got.Groups[1].Overall)
	}

	// Every single byte changed inside the signed package is refused.
	start := bytes.Index(signed, []byte(`"package"`))
	for i := start + 12; i < start+400; i++ {
		bad := bytes.Clone(signed)
		bad[i] ^= 0x01
		if _, _, _, err := Open(bad); err == nil {
			t.Fatalf("byte %d changed (%q): accepted", i, signed[i])
		}
	}
	// A package signed by another key still opens (the hub checks the key is
	// registered), but says which key signed it.
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	signed2, _ := Sign(p, other)
	if _, pub2, _, err := Open(signed2); err != nil || pub2 == pub {
		t.Errorf("other key: got %q, %v; want a different key and no error", pub2, err)
	}
	// Key file: created once, read back the same.
	path := filepath.Join(t.TempDir(), "k")
	k1, _ := LoadOrCreateKey(path)
	k2, _ := LoadOrCreateKey(path)
	if !k1.Equal(k2) {
		t.Error("key file read back differently")
	}
}

func TestCheckRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p *Package)
		want string
	}{
		{"group under K", func(p *Package) { p.Groups[2].N = 4 }, "below K"},
		{"figure under K", func(p *Package) { p.Groups[1].Values[0].Behaviours[0].N = 2 }, "below K"},
		{"K below minimum", func(p *Package) { p.Period.K = 2 }, "outside"},
		{"band wrong", func(p *Package) {
			f := &p.Groups[0].Overall
			if f.Band == "Sehat" {
				f.Band = "Tidak Sehat"
			} else {
				f.Band = "Sehat"
			}
		}, "band"},
		{"interval too wide for n", func(p *Package) {
			lo, hi := p.Groups[0].Overall.Score-30, p.Groups[0].Overall.Score+30
			p.Groups[0].Overall.CILow, p.Groups[0].Overall.CIHigh = &lo, &hi
		}, "wider"},
		{"interval misses score", func(p *Package) { lo := p.Groups[0].Overall.Score + 1; p.Groups[0].Overall.CILow = &lo }, "does not hold"},
		{"value not mean of behaviours", func(p *Package) { p.Groups[0].Values[1].Score += 3 }, "mean of its behaviours"},
		{"overall not mean of values", func(p *Package) { p.Groups[0].Overall.Score += 1 }, ""},
		{"person-level group", func(p *Package) { p.Groups[1].Level = "eselon4" }, "level"},
		{"more respondents than tasks done", func(p *Package) { p.Groups[1].N = 100 }, "response rate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, bands := testPackage(t, 40, 12, 5)
			if err := Check(p, bands); err != nil {
				t.Fatalf("untouched package refused: %v", err)
			}
			tc.edit(p)
			err := Check(p, bands)
			if err == nil {
				t.Fatal("got accepted, want refused")
			}
			e := budaya.AsError(err)
			if e == nil || !strings.HasPrefix(e.Message, "Paket ditolak") || !strings.Contains(e.MessageEN, tc.want) {
				t.Errorf("got %v, want a bilingual refusal mentioning %q", err, tc.want)
			}
		})
	}
}
