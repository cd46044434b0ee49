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
