package pdfdoc

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

func TestDocument(t *testing.T) {
	d := New(Header{Instansi: "Kementerian Contoh", Title: "Pakta Komitmen", Subtitle: "Biro Organisasi", Generated: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)})
	d.Heading("Pakta Komitmen Budaya Kerja BerAKHLAK")
	d.Para("Saya yang bertanda tangan di bawah ini berkomitmen untuk menginternalisasikan nilai dasar ASN BerAKHLAK — Berorientasi Pelayanan, Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, Kolaboratif.")
	d.KV([][2]string{{"Penanda tangan", "Dr. Siti Aminah, S.E., M.Si."}, {"SHA-256", "ab12"}})
	var rows [][]string
	for i := 0; i < 80; i++ {
		rows = append(rows, []string{fmt.Sprint(i + 1), "Biro Organisasi dan Tata Laksana", "Rp 1.250.000"})
	}
	d.Table([]string{"No", "Unit", "Pagu"}, []float64{15, 110, 49}, rows)
	d.BarChart("Indeks per nilai", []string{"Berorientasi Pelayanan", "Adaptif"}, []float64{72.5, 38.9}, 100)
	if err := d.QR("https://budaya.example.go.id/verify/ab12", 30); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || buf.Len() < 2000 {
		t.Fatalf("got %d bytes starting %q, want a PDF", buf.Len(), b[:8])
	}
	if pages := bytes.Count(b, []byte("/Type /Page\n")); pages < 2 {
		t.Errorf("pages: got %d, want the long table to break onto at least 2", pages)
	}
}

// helveticaWidth is the width in points of digits, dots and spaces in
// Helvetica at size, from the font's metrics (digits 556, dot and space 278).
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

func TestGridKeepsAmountsWholeAndRightAligned(t *testing.T) {
	d := New(Header{Instansi: "Kementerian Contoh", Title: "Usulan"})
	amounts := []string{"121.000.000", "5.000", "1.234.567.890"}
	var rows []Row
	for i, a := range amounts {
		rows = append(rows, Row{Cells: []string{"Biro Organisasi dan Tata Laksana Sekretariat Jenderal", "2026Q1-2026Q4", a}, Bold: i == 2})
	}
	d.Grid([]Column{{Header: "Unit", Weight: 1}, {Header: "Triwulan", Fit: true}, {Header: "Usulan (Rp)", Fit: true, Right: true}}, rows)
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	texts, err := Texts(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]Text{}
	for _, x := range texts {
		at[x.S] = x
	}
	for _, want := range append([]string{"2026Q1-2026Q4"}, amounts...) {
		if _, ok := at[want]; !ok {
			t.Errorf("no whole %q in the PDF's text %v", want, texts)
		}
	}
	right := at[amounts[0]].X + helveticaWidth(amounts[0], 9)
	for _, a := range amounts[1:2] {
		if got := at[a].X + helveticaWidth(a, 9); got < right-0.1 || got > right+0.1 {
			t.Errorf("%s ends at %.2f pt, want %.2f like %s (right-aligned)", a, got, right, amounts[0])
		}
	}
}
