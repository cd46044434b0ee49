package web_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/hub"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// demoInstansi is a small demo instansi computed by the demo's own path
// (seal, close, release, compute), with its own signing key.
type demoInstansi struct {
	db      *store.DB
	srv     *web.Server
	period  int64
	code    string
	keyFile string
}

func newDemoInstansi(t *testing.T, seed uint64, employees int, code, name string) *demoInstansi {
	t.Helper()
	db := storetest.Open(t)
	if err := demo.Seed(ctx, db, demo.Options{Employees: employees, Seed: seed, Until: "index", Now: time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatalf("demo seed %d: %v", seed, err)
	}
	a := budaya.SystemActor("test")
	if err := db.SetSetting(ctx, a, store.SettingInstansiCode, code); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, a, store.SettingInstansiName, name); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "keys", "hub-signing.key")
	srv, err := web.New(web.Config{DB: db, Version: "test", HubKeyFile: keyFile})
	if err != nil {
		t.Fatal(err)
	}
	periods, err := db.ListIndexPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	refreshes, err := db.ListIndexRefreshes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := &demoInstansi{db: db, srv: srv, code: code, keyFile: keyFile}
	for _, p := range periods {
		if p.Status == budaya.PeriodClosed && refreshes[p.ID] != nil {
			d.period = p.ID // the newest closed period with figures
		}
	}
	if d.period == 0 {
		t.Fatal("the demo has no closed period with figures")
	}
	return d
}

// newHubServer is a test server in hub mode.
func newHubServer(t *testing.T) *testServer {
	t.Helper()
	db := storetest.Open(t)
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{DB: db, Version: "test", Blobs: blobs, Hub: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, db: db, srv: srv}
}

// push posts a signed package with a bearer token.
func push(t *testing.T, ts *testServer, token string, data []byte) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/hub/packages", bytes.NewReader(data))
	req.Header.Set("Authorization", "Bearer "+token)
	res, body := ts.anonymous(t).do(req)
	return res.StatusCode, body
}

func TestHubRollUp(t *testing.T) {
	t.Parallel()
	a := newDemoInstansi(t, 11, 60, "KEMEN-A", "Kementerian Uji A")
	b := newDemoInstansi(t, 29, 90, "PROV-B", "Pemerintah Provinsi Uji B")
	h := newHubServer(t)
	h.mustUser(t, "hubadmin", budaya.RoleAdmin)
	adminC := h.login(t, "hubadmin")

	// Package of A: only figures the index publishes, nothing under K.
	dataA, pkgA, err := a.srv.SignedHubPackage(ctx, budaya.SystemActor("test"), a.period, "2026-S1")
	if err != nil {
		t.Fatalf("package A: %v", err)
	}
	for _, g := range pkgA.Groups {
		if g.N < int64(pkgA.Period.K) {
			t.Errorf("package A holds group %s with n = %d < K = %d", g.Code, g.N, pkgA.Period.K)
		}
	}
	t.Logf("package A: %d groups, K = %d, overall %.1f (n %d)", len(pkgA.Groups), pkgA.Period.K, pkgA.Groups[0].Overall.Score, pkgA.Groups[0].N)
	dataB, _, err := b.srv.SignedHubPackage(ctx, budaya.SystemActor("test"), b.period, "2026-S1")
	if err != nil {
		t.Fatalf("package B: %v", err)
	}
	keyA, _ := a.srv.HubPublicKey()
	keyB, _ := b.srv.HubPublicKey()

	// Register both through the admin page; the token is shown once.
	tokens := map[string]string{}
	for _, reg := range []struct{ code, name, kind, region, key string }{
		{"KEMEN-A", "Kementerian Uji A", "kementerian", "Nasional", keyA},
		{"PROV-B", "Pemerintah Provinsi Uji B", "provinsi", "Sumatera", keyB},
	} {
		res, body := adminC.postFormBody("/hub/instansi", map[string][]string{"code": {reg.code}, "name": {reg.name}, "kind": {reg.kind}, "region": {reg.region}, "public_key": {reg.key}})
		if res.StatusCode != http.StatusOK {
			t.Fatalf("register %s: got %d: %s", reg.code, res.StatusCode, body)
		}
		i := strings.Index(body, `id="hub-new-token">`)
		if i < 0 {
			t.Fatalf("register %s: no token shown", reg.code)
		}
		tok := body[i+len(`id="hub-new-token">`):]
		tokens[reg.code] = tok[:strings.Index(tok, "<")]
	}

	// Not sent yet: both listed as missing once labels exist; push A and B.
	if code, body := push(t, h, tokens["KEMEN-A"], dataA); code != http.StatusCreated {
		t.Fatalf("push A: got %d: %s", code, body)
	}
	// B's token cannot push A's package (and vice versa).
	if code, _ := push(t, h, tokens["KEMEN-A"], dataB); code != http.StatusForbidden {
		t.Errorf("A's token pushing B's package: got %d, want 403", code)
	}
	if code, body := push(t, h, tokens["PROV-B"], dataB); code != http.StatusCreated {
		t.Fatalf("push B: got %d: %s", code, body)
	}

	// Side by side on the national heatmap and in the API.
	res, body := adminC.get("/hub?period=2026-S1")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/hub: got %d", res.StatusCode)
	}
	for _, want := range []string{"Kementerian Uji A", "Pemerintah Provinsi Uji B", `data-cell="KEMEN-A-ALL"`, `data-cell="PROV-B-ALL"`, "hub-ranking"} {
		if !strings.Contains(body, want) {
			t.Errorf("/hub lacks %q", want)
		}
	}
	var idx struct {
		Items []struct {
			Instansi string
			Overall  struct {
				Score  float64
				N      int64
				CILow  *float64 `json:"ci_low"`
				CIHigh *float64 `json:"ci_high"`
			}
			Values []json.RawMessage
		}
		Total int
	}
	adminC.getJSON("/api/v1/hub/index?period=2026-S1", &idx)
	if idx.Total != 2 || len(idx.Items) != 2 {
		t.Fatalf("api: got %d items, want 2", idx.Total)
	}
	byCode := map[string]float64{}
	for _, it := range idx.Items {
		byCode[it.Instansi] = it.Overall.Score
		if len(it.Values) != 7 || it.Overall.CILow == nil || it.Overall.N < 5 {
			t.Errorf("api item %s: %d values, ci %v, n %d", it.Instansi, len(it.Values), it.Overall.CILow, it.Overall.N)
		}
	}
	if byCode["KEMEN-A"] != pkgA.Groups[0].Overall.Score {
		t.Errorf("hub shows A's overall %v, the instansi published %v", byCode["KEMEN-A"], pkgA.Groups[0].Overall.Score)
	}

	// Refusals, each with a reason in both languages.
	refused := func(name string, data []byte, token, wantID string) {
		t.Helper()
		code, body := push(t, h, token, data)
		if code != http.StatusBadRequest || !strings.Contains(body, wantID) {
			t.Errorf("%s: got %d %s, want 400 saying %q", name, code, body, wantID)
		}
	}
	// One byte altered: a digit of the first score in the package.
	tampered := bytes.Clone(dataA)
	i := bytes.Index(tampered, []byte(`\"score\":`))
	if i < 0 {
		i = bytes.Index(tampered, []byte(`"score":`))
	}
	j := i + bytes.IndexAny(tampered[i:], "0123456789")
	if tampered[j] == '9' {
		tampered[j] = '8'
	} else {
		tampered[j]++
	}
	refused("one byte altered", tampered, tokens["KEMEN-A"], "tanda tangan tidak cocok")
	// Signed by a key that is not registered.
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	p2 := *pkgA
	foreign, _ := hub.Sign(&p2, other)
	refused("unregistered key", foreign, tokens["KEMEN-A"], "kunci yang tidak terdaftar")
	// A group under K, signed with the instansi's own key.
	small := *pkgA
	small.Groups = append([]hub.Group(nil), pkgA.Groups...)
	small.Groups[len(small.Groups)-1].N = int64(small.Period.K - 1)
	smallSigned := signWith(t, a, &small)
	refused("group under K", smallSigned, tokens["KEMEN-A"], "di bawah K")
	// Unknown instansi.
	unknown := *pkgA
	unknown.Instansi.Code = "NOT-REGISTERED"
	refused("unknown instansi", signWith(t, a, &unknown), tokens["KEMEN-A"], "belum terdaftar")

	// A corrected package supersedes; both versions are kept.
	time.Sleep(1100 * time.Millisecond) // a new created_at, so a new package
	again, _, err := a.srv.SignedHubPackage(ctx, budaya.SystemActor("test"), a.period, "2026-S1")
	if err != nil {
		t.Fatal(err)
	}
	if code, body := push(t, h, tokens["KEMEN-A"], again); code != http.StatusCreated || !strings.Contains(body, `"version":2`) {
		t.Fatalf("corrected package: got %d %s, want 201 version 2", code, body)
	}
	if code, body := push(t, h, tokens["KEMEN-A"], again); code != http.StatusConflict {
		t.Errorf("same package twice: got %d %s, want 409", code, body)
	}
	instA, err := h.db.FindHubInstansi(ctx, "code", "KEMEN-A")
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := h.db.ListHubPackages(ctx, instA.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 2 || pkgs[0].Version != 2 || pkgs[0].Superseded || !pkgs[1].Superseded {
		t.Errorf("versions kept: got %+v, want v2 current and v1 superseded", pkgs)
	}
	adminC.getJSON("/api/v1/hub/index?period=2026-S1", &idx)
	if idx.Total != 2 {
		t.Errorf("after a correction: got %d instansi, want 2 (one current package each)", idx.Total)
	}
	// Each row carries its current package's figures, not an empty or a
	// superseded one's.
	for _, it := range idx.Items {
		if it.Overall.N == 0 || it.Overall.Score == 0 || len(it.Values) == 0 {
			t.Errorf("after a correction, %s: got overall %+v and %d values, want the current package's figures", it.Instansi, it.Overall, len(it.Values))
		}
	}
	if res, body := adminC.get("/hub/instansi/" + strconv.FormatInt(instA.ID, 10)); res.StatusCode != http.StatusOK || !strings.Contains(body, "2026-S1") {
		t.Errorf("trend page: got %d", res.StatusCode)
	}
	for _, f := range []string{"csv", "xlsx"} {
		if res, body := adminC.get("/hub/export?period=2026-S1&format=" + f); res.StatusCode != http.StatusOK || len(body) < 100 {
			t.Errorf("export %s: got %d, %d bytes", f, res.StatusCode, len(body))
		}
	}
	if _, body := adminC.get("/hub/export?period=2026-S1&format=csv"); !strings.Contains(body, "KEMEN-A") || !strings.Contains(body, "PROV-B") {
		t.Error("CSV lacks an instansi")
	}

	// The upload form goes through the same checks: B's package again is
	// refused on the page with the reason; a tampered one too.
	for _, tc := range []struct {
		data   []byte
		status int
		want   string
	}{
		{dataB, http.StatusConflict, "sudah diterima"},
		{tampered, http.StatusBadRequest, "tanda tangan tidak cocok"},
	} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.WriteField("csrf_token", adminC.csrf)
		fw, _ := mw.CreateFormFile("package", "paket.json")
		_, _ = fw.Write(tc.data)
		_ = mw.Close()
		req, _ := http.NewRequest(http.MethodPost, h.URL+"/hub/packages", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res, body := adminC.do(req)
		if res.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("upload: got %d, want %d saying %q", res.StatusCode, tc.status, tc.want)
		}
	}

	// Not a hub: the hub routes answer 404 on an instansi's server.
	inst := newTestServer(t)
	inst.mustUser(t, "instadmin", budaya.RoleAdmin)
	ic := inst.login(t, "instadmin")
	if res, _ := ic.get("/hub/instansi"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/hub/instansi on an instansi server: got %d, want 404", res.StatusCode)
	}
}

// signWith signs p with d's own key.
func signWith(t *testing.T, d *demoInstansi, p *hub.Package) []byte {
	t.Helper()
	key, err := hub.LoadOrCreateKey(d.keyFile)
	if err != nil {
		t.Fatal(err)
	}
	out, err := hub.Sign(p, key)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
