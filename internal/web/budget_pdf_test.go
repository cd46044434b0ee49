package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// helveticaWidth is the width in points of digits and dots in Helvetica at
// size, from the font's metrics (digits 556, dot 278 per 1000).
func helveticaWidth(s string, size float64) float64 {
	w := 0.0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			w += 556
		} else {
			w += 278
		}
	}
	return w * size / 1000
}

// TestBudgetProposalPDFText reads the proposal PDF's text back and finds every
// amount whole (nine digits and the grand total too), right-aligned, the
// quarters unbroken, the funding source in words, no subtotal of Rp 0, and
// the signature block of the official who proposes.
func TestBudgetProposalPDFText(t *testing.T) {
	w := newRoadmapWorld(t)
	sys := budaya.SystemActor("test")
	head, err := w.ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: "197001011995031001", Name: "Hendra Gunawan", FrontTitle: "Dr.",
		UnitID: w.units[0].ParentID, Position: "Sekretaris Jenderal"})
	if err != nil {
		t.Fatal(err)
	}
	root, err := w.ts.db.FindUnit(ctx, w.units[0].ParentID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ts.db.UpdateUnit(ctx, sys, root.ID, store.UnitUpdate{Code: root.Code, Name: root.Name, Level: root.Level, LeaderEmployeeID: head.ID}); err != nil {
		t.Fatal(err)
	}
	signer, err := w.ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: "198002022005012002", Name: "Sri Wahyuni", UnitID: w.units[0].ID, Position: "Kepala Biro SJ.01"})
	if err != nil {
		t.Fatal(err)
	}
	w.activity(t, "K1", 0, []string{"AK"}, "planned", "121.000.000", "", "521211")
	w.activity(t, "K2", 0, nil, "planned", "987.654.321", "", "524111")
	k3 := w.activity(t, "K3", 1, nil, "planned", "5.000.000", "", "521211")
	// Only last year on account 525112: the comparison keeps it, the detail has no subtotal of Rp 0.
	if res := w.admin.postForm("/activities/"+itoa(k3)+"/budget", url.Values{"fiscal_year": {"2025"}, "ceiling": {"2.500.000"},
		"account_code": {"525112"}, "funding_source": {"pnbp"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add 2025 line: got %d", res.StatusCode)
	}

	for _, tc := range []struct {
		path, signs, nip, placeDate string
	}{
		{"/budget-proposal?year=2026&format=pdf", "Dr. Hendra Gunawan", head.NIP, "...................., "},
		{"/api/v1/budget-proposal?year=2026&format=pdf&place=Jakarta&date=2026-12-03&nip=" + signer.NIP, "Sri Wahyuni", signer.NIP, "Jakarta, 3 Desember 2026"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, body := w.admin.get(tc.path)
			if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("got %d %s", res.StatusCode, res.Header.Get("Content-Type"))
			}
			texts, err := pdfdoc.Texts([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			at := map[string][]pdfdoc.Text{}
			var all []string
			for _, x := range texts {
				at[x.S] = append(at[x.S], x)
				all = append(all, x.S)
			}
			for _, want := range []string{"121.000.000", "987.654.321", "5.000.000", "1.113.654.321", "2.500.000", "2026Q1-2026Q4",
				"Rupiah murni (APBN)", "Yang mengusulkan,", tc.signs, "NIP " + tc.nip} {
				if len(at[want]) == 0 {
					t.Errorf("no whole %q in the PDF's text %q", want, all)
				}
			}
			if !containsPrefix(all, tc.placeDate) {
				t.Errorf("no place and date %q in %q", tc.placeDate, all)
			}
			for _, s := range all {
				if strings.Contains(s, "rupiah_murni") {
					t.Errorf("funding source as a code: %q", s)
				}
			}
			if n := len(at["Subjumlah"]); n != 3 {
				t.Errorf("subtotal rows: got %d, want 3 (none for the group of Rp 0 this year)", n)
			}
			// Right-aligned: the amounts of the detail table end where their column ends.
			a, b := at["121.000.000"][0], at["5.000.000"][0]
			if ea, eb := a.X+helveticaWidth("121.000.000", 9), b.X+helveticaWidth("5.000.000", 9); ea-eb > 0.1 || eb-ea > 0.1 {
				t.Errorf("amounts end at %.2f and %.2f pt, want the same right edge", ea, eb)
			}
		})
	}
	if res, _ := w.admin.get("/budget-proposal?year=2026&format=pdf&nip=123"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown signer NIP: got %d, want 400", res.StatusCode)
	}
}

func containsPrefix(all []string, prefix string) bool {
	for _, s := range all {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// TestBudgetProposalPDFFooterInInstansiZone: the time of printing is in the
// instansi's zone (WIB for Asia/Jakarta), not UTC.
func TestBudgetProposalPDFFooterInInstansiZone(t *testing.T) {
	jakarta, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	db := storetest.Open(t)
	srv, err := web.New(web.Config{DB: db, Version: "test", Location: jakarta})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	ts := &testServer{Server: hs, db: db, srv: srv}
	ts.mustUser(t, "admin_tz", budaya.RoleAdmin)
	res, body := ts.login(t, "admin_tz").get("/budget-proposal?year=2026&format=pdf")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("got %d", res.StatusCode)
	}
	texts, err := pdfdoc.Texts([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range texts {
		if strings.Contains(x.S, "dibuat") {
			if !strings.HasSuffix(x.S, " WIB") {
				t.Errorf("footer %q, want the time in WIB", x.S)
			}
			return
		}
	}
	t.Errorf("no footer in %v", texts)
}
