package cli_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/cli"
	"github.com/budaya-id/budaya/internal/hub"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestHubServeExportPush boots `serve --hub --demo` with three demo
// instansi, then makes a fourth instansi with `budaya demo`, shows its key
// with `hub key`, exports and pushes a package with `hub export` and
// `hub push`, and reads it back from the hub's API.
func TestHubServeExportPush(t *testing.T) {
	hubDSN := storetest.DSN(t)
	addr := freeAddr(t)
	e, _, errOut := env(map[string]string{"BUDAYA_DB": hubDSN, "BUDAYA_ADDR": addr, "BUDAYA_BLOB_DIR": t.TempDir()}, "")
	sctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		errc <- cli.Run(sctx, []string{"budaya", "serve", "--hub", "--demo", "--hub-demo-instansi", "3", "--hub-demo-employees", "30"}, e)
	}()
	base := "http://" + addr
	waitHealthy(t, base, errc)
	if !strings.Contains(errOut.String(), "hub demo: KEMEN-PAN ready") {
		t.Errorf("hub demo progress lacks KEMEN-PAN: %s", errOut.String())
	}

	// The instansi.
	dir := t.TempDir()
	instDSN := filepath.Join(dir, "budaya.db")
	ie, out, _ := env(map[string]string{"BUDAYA_DB": instDSN, "BUDAYA_BLOB_DIR": dir}, "")
	if err := cli.Run(context.Background(), []string{"budaya", "demo", "--employees", "50", "--seed", "77"}, ie); err != nil {
		t.Fatal(err)
	}
	out.b.Reset()
	if err := cli.Run(context.Background(), []string{"budaya", "hub", "key"}, ie); err != nil {
		t.Fatal(err)
	}
	pub := strings.TrimSpace(out.String())
	if _, err := os.Stat(hub.DefaultKeyFile(dir)); err != nil || len(pub) != 44 {
		t.Fatalf("hub key: got %q (%v), want a 44-character key and its file under the blob dir", pub, err)
	}
	idb, err := store.Open(context.Background(), instDSN, store.Options{BallotKeyFile: filepath.Join(dir, "keys", "ballot.key")})
	if err != nil {
		t.Fatal(err)
	}
	periods, _ := idb.ListIndexPeriods(context.Background())
	idb.Close()
	var period int64
	for _, p := range periods {
		if p.Status == budaya.PeriodClosed {
			period = p.ID
		}
	}
	// Register it at the hub (as the hub admin would on /hub/instansi).
	hdb, err := store.Open(context.Background(), hubDSN, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, token, err := hdb.RegisterHubInstansi(context.Background(), budaya.SystemActor("test"), hub.InstansiInput{Code: "KOTA-UJI", Name: "Kota Uji", Kind: "kota", Region: "Jawa", PublicKey: pub})
	hdb.Close()
	if err != nil {
		t.Fatal(err)
	}

	pkgFile := filepath.Join(dir, "paket.json")
	if err := cli.Run(context.Background(), []string{"budaya", "hub", "export", "--instansi-code", "KOTA-UJI", "--period", strconv.FormatInt(period, 10), "--label", "UJI-1", "--out", pkgFile}, ie); err != nil {
		t.Fatalf("hub export: %v", err)
	}
	data, err := os.ReadFile(pkgFile)
	if err != nil {
		t.Fatal(err)
	}
	p, key, _, err := hub.Open(data)
	if err != nil || key != pub || p.Instansi.Code != "KOTA-UJI" || p.Period.Label != "UJI-1" {
		t.Fatalf("exported package: %v, key %q, %+v", err, key, p)
	}
	// An open period is refused with the reason.
	if err := cli.Run(context.Background(), []string{"budaya", "hub", "export", "--period", "999", "--out", pkgFile}, ie); err == nil {
		t.Error("export of an unknown period: got no error")
	}
	out.b.Reset()
	if err := cli.Run(context.Background(), []string{"budaya", "hub", "push", "--url", base, "--token", token, "--period", strconv.FormatInt(period, 10), "--label", "UJI-1"}, ie); err != nil {
		t.Fatalf("hub push: %v", err)
	}
	if !strings.Contains(out.String(), "version 1") {
		t.Errorf("push output: %q", out.String())
	}
	if err := cli.Run(context.Background(), []string{"budaya", "hub", "push", "--url", base, "--token", "bdy_wrong", "--period", strconv.FormatInt(period, 10)}, ie); err == nil {
		t.Error("push with a wrong token: got no error")
	}

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	res, err := c.PostForm(base+"/login", url.Values{"username": {"admin"}, "password": {"Demo-BerAKHLAK-2021"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for label, want := range map[string]int{"UJI-1": 1} {
		res, err = c.Get(base + "/api/v1/hub/index?period=" + label)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		var idx struct{ Total int }
		_ = json.Unmarshal(body, &idx)
		if res.StatusCode != 200 || idx.Total != want {
			t.Errorf("hub index %s: got %d, %d items; want %d", label, res.StatusCode, idx.Total, want)
		}
	}
	// The demo instansi sent their own periods: two sent, the third not.
	res, _ = c.Get(base + "/api/v1/hub/index")
	var labels struct{ Periods []string }
	_ = json.NewDecoder(res.Body).Decode(&labels)
	res.Body.Close()
	demoLabel := ""
	for _, l := range labels.Periods {
		if l != "UJI-1" {
			demoLabel = l
		}
	}
	res, _ = c.Get(base + "/hub?period=" + url.QueryEscape(demoLabel))
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "KEMEN-PAN-ALL") || !strings.Contains(string(body), "Kementerian Pendidikan (demo) (KEMEN-DIK)") {
		t.Errorf("hub page of %q (labels %v) lacks the demo heatmap or the not-sent instansi", demoLabel, labels.Periods)
	}
	cancel()
	select {
	case <-errc:
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop")
	}
}
