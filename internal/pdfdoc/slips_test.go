package pdfdoc

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestSlipSheet(t *testing.T) {
	t.Parallel()
	var slips []Slip
	for i := range 11 {
		slips = append(slips, Slip{Name: fmt.Sprintf("Dr. Siti Aminah %d, S.E.", i), Identifier: fmt.Sprintf("1985031520100120%02d", i),
			Unit: "U001 Biro Organisasi dan Tata Laksana", Link: fmt.Sprintf("https://budaya.example.go.id/password/tok%02dAbCdEfGhIjKlMnOpQrStUvWxYz0123456789", i),
			Code: fmt.Sprintf("K7QM-3T%02d", i)})
	}
	var buf bytes.Buffer
	l := SlipLabels{Heading: "Aktivasi akun", Identifier: "NIP", Unit: "Unit", Code: "Kode kios", Expires: "Berlaku sampai 04-03-2026 08:00", HowTo: "Pindai QR.", Cut: "potong"}
	if err := SlipSheet(&buf, "Kementerian Contoh", "Slip aktivasi", l, slips); err != nil {
		t.Fatal(err)
	}
	if pages := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); pages != 2 {
		t.Errorf("pages: got %d, want 2 (10 slips a page, 11 slips)", pages)
	}
	texts, err := Texts(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	onPage2 := 0
	for _, x := range texts {
		all.WriteString(x.S + "\n")
		if x.Page == 2 && strings.HasPrefix(x.S, "K7QM") {
			onPage2++
		}
	}
	for _, s := range slips {
		for _, want := range []string{s.Name, "NIP: " + s.Identifier, s.Code} {
			if !strings.Contains(all.String(), want) {
				t.Errorf("sheet lacks %q", want)
			}
		}
	}
	if onPage2 != 1 {
		t.Errorf("codes on page 2: got %d, want 1", onPage2)
	}
	if n := bytes.Count(buf.Bytes(), []byte("/Subtype /Image")); n != 11 {
		t.Errorf("QR images: got %d, want 11", n)
	}
}
