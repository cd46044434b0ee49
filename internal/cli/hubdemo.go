package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/hub"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/web"
)

// hubDemoInstansi are the instansi of the demo hub: kinds, regions and sizes
// differ; each is a real demo instansi (its own seed) whose packages are made
// by the same code as any instansi's (web.Server.SignedHubPackage).
var hubDemoInstansi = []struct {
	code, name, kind, region string
	employees                int
}{
	{"KEMEN-PAN", "Kementerian Pendayagunaan Aparatur (demo)", "kementerian", "Nasional", 90},
	{"KEMEN-KEU", "Kementerian Keuangan (demo)", "kementerian", "Nasional", 120},
	{"KEMEN-DIK", "Kementerian Pendidikan (demo)", "kementerian", "Nasional", 100},
	{"KEMEN-KES", "Kementerian Kesehatan (demo)", "kementerian", "Nasional", 80},
	{"KEMEN-DAG", "Kementerian Perdagangan (demo)", "kementerian", "Nasional", 60},
	{"BKN", "Badan Kepegawaian Negara (demo)", "lembaga", "Nasional", 70},
	{"BPS", "Badan Pusat Statistik (demo)", "lembaga", "Nasional", 60},
	{"LAN", "Lembaga Administrasi Negara (demo)", "lembaga", "Nasional", 40},
	{"BMKG", "Badan Meteorologi (demo)", "lembaga", "Nasional", 50},
	{"PROV-JABAR", "Pemerintah Provinsi Jawa Barat (demo)", "provinsi", "Jawa", 110},
	{"PROV-JATIM", "Pemerintah Provinsi Jawa Timur (demo)", "provinsi", "Jawa", 100},
	{"PROV-SUMUT", "Pemerintah Provinsi Sumatera Utara (demo)", "provinsi", "Sumatera", 80},
	{"PROV-SULSEL", "Pemerintah Provinsi Sulawesi Selatan (demo)", "provinsi", "Sulawesi", 70},
	{"PROV-PAPUA", "Pemerintah Provinsi Papua (demo)", "provinsi", "Papua", 50},
	{"PROV-KALTIM", "Pemerintah Provinsi Kalimantan Timur (demo)", "provinsi", "Kalimantan", 60},
	{"KAB-BOGOR", "Pemerintah Kabupaten Bogor (demo)", "kabupaten", "Jawa", 70},
	{"KAB-SLEMAN", "Pemerintah Kabupaten Sleman (demo)", "kabupaten", "Jawa", 50},
	{"KAB-GOWA", "Pemerintah Kabupaten Gowa (demo)", "kabupaten", "Sulawesi", 40},
	{"KAB-DELI", "Pemerintah Kabupaten Deli Serdang (demo)", "kabupaten", "Sumatera", 45},
	{"KAB-KUTAI", "Pemerintah Kabupaten Kutai Kartanegara (demo)", "kabupaten", "Kalimantan", 35},
	{"KAB-JAYAPURA", "Pemerintah Kabupaten Jayapura (demo)", "kabupaten", "Papua", 30},
	{"KOTA-BANDUNG", "Pemerintah Kota Bandung (demo)", "kota", "Jawa", 80},
	{"KOTA-SURABAYA", "Pemerintah Kota Surabaya (demo)", "kota", "Jawa", 90},
	{"KOTA-MEDAN", "Pemerintah Kota Medan (demo)", "kota", "Sumatera", 60},
	{"KOTA-MAKASSAR", "Pemerintah Kota Makassar (demo)", "kota", "Sulawesi", 50},
	{"KOTA-BALIKPAPAN", "Pemerintah Kota Balikpapan (demo)", "kota", "Kalimantan", 35},
	{"KOTA-AMBON", "Pemerintah Kota Ambon (demo)", "kota", "Maluku", 30},
}

// seedHubDemo fills the hub srv (database db) with registered demo instansi
// and their packages: the first count of hubDemoInstansi are built, each in
// its own temporary SQLite database by demo.Seed, their closed periods
// packaged and signed, and pushed through srv.ReceiveHubPackage like any
// package. The last one is registered but sends nothing (the "not sent" list).
// employees, when above 0, sizes every instansi alike (a quicker demo hub).
func seedHubDemo(ctx context.Context, db *store.DB, srv *web.Server, count, employees int, progress io.Writer) error {
	if list, err := db.ListHubInstansi(ctx); err != nil || len(list) > 0 {
		return err // already there
	}
	if count <= 0 || count > len(hubDemoInstansi) {
		count = len(hubDemoInstansi)
	}
	admin, err := db.FindUserByUsername(ctx, "admin")
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "budaya-hub-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	type built struct {
		data [][]byte
		key  string
		err  error
	}
	out := make([]built, count)
	now := time.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2) // two at a time: the demo is CPU-bound
	for i := 0; i < count; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			d := hubDemoInstansi[i]
			size := d.employees
			if employees > 0 {
				size = max(employees, demo.MinEmployees)
			}
			out[i].data, out[i].key, out[i].err = buildDemoInstansi(ctx, filepath.Join(tmp, d.code), uint64(1000+i*7919), size, d.code, d.name, now)
			if progress != nil && out[i].err == nil {
				fmt.Fprintf(progress, "hub demo: %s ready (%d packages)\n", d.code, len(out[i].data))
			}
		}(i)
	}
	wg.Wait()
	actor := budaya.Actor{UserID: admin.ID, Name: admin.Username}
	for i := 0; i < count; i++ {
		if out[i].err != nil {
			return fmt.Errorf("demo instansi %s: %w", hubDemoInstansi[i].code, out[i].err)
		}
		d := hubDemoInstansi[i]
		if _, _, err := db.RegisterHubInstansi(ctx, actor, hub.InstansiInput{Code: d.code, Name: d.name, Kind: d.kind, Region: d.region, PublicKey: out[i].key}); err != nil {
			return err
		}
		if i == count-1 && count > 2 {
			continue // registered, has not sent
		}
		for _, data := range out[i].data {
			if _, err := srv.ReceiveHubPackage(ctx, actor, admin, data); err != nil {
				return fmt.Errorf("package of %s: %w", d.code, err)
			}
		}
	}
	return nil
}

// buildDemoInstansi seeds a demo instansi in dir and returns the signed
// packages of its closed periods (labelled by period name) and its public key.
func buildDemoInstansi(ctx context.Context, dir string, seed uint64, employees int, code, name string, now time.Time) ([][]byte, string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", err
	}
	db, err := openDB(ctx, filepath.Join(dir, "budaya.db"), filepath.Join(dir, "keys", "ballot.key"), nil)
	if err != nil {
		return nil, "", err
	}
	defer db.Close()
	if err := demo.Seed(ctx, db, demo.Options{Employees: employees, Seed: seed, Until: "index", Now: now}); err != nil {
		return nil, "", err
	}
	a := budaya.SystemActor("hub demo")
	if err := db.SetSetting(ctx, a, store.SettingInstansiCode, code); err != nil {
		return nil, "", err
	}
	if err := db.SetSetting(ctx, a, store.SettingInstansiName, name); err != nil {
		return nil, "", err
	}
	srv, err := web.New(web.Config{DB: db, Version: Version, HubKeyFile: hub.DefaultKeyFile(dir)})
	if err != nil {
		return nil, "", err
	}
	periods, err := db.ListIndexPeriods(ctx)
	if err != nil {
		return nil, "", err
	}
	var packages [][]byte
	for _, p := range periods {
		if p.Status != budaya.PeriodClosed {
			continue
		}
		data, _, err := srv.SignedHubPackage(ctx, a, p.ID, "")
		if budaya.ErrorCode(err) == budaya.ECONFLICT || budaya.ErrorCode(err) == budaya.ENOTFOUND {
			continue // no figures to send for this period (too few respondents, not computed)
		}
		if err != nil {
			return nil, "", err
		}
		packages = append(packages, data)
	}
	key, err := srv.HubPublicKey()
	return packages, key, err
}
