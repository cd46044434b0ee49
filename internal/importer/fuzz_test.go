package importer_test

import (
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/importer"
)

// FuzzCheckCSV feeds arbitrary bytes as an organisation file: the importer
// must answer with a plan (whose issues say what to fix) or a user error,
// never panic, and never plan a change while it reports an error.
func FuzzCheckCSV(f *testing.F) {
	f.Add([]byte(header + "198503152010011001,Siti Aminah,Analis,SJ,Sekretariat Jenderal,,eselon1,\n"))
	f.Add([]byte(header + "19850315201001100,Budi,,X,,Y,eselon9,1\n"))
	f.Add([]byte("NIP;Nama\n\"1985;\"\"x\n"))
	f.Add([]byte("\xef\xbb\xbfKode Unit,Unit Kerja,Kode Induk,Eselon\nSJ,Sekjen,,eselon1\nB1,Biro,SJ,eselon2\n"))
	f.Add([]byte{0xff, 0xfe, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := writeFile(t, "pegawai.csv", data)
		p, err := importer.Check(ctx, []importer.Input{in}, &budaya.OrgSnapshot{}, importer.Options{MaxBytes: 1 << 20})
		if err != nil {
			if budaya.AsError(err) == nil {
				t.Fatalf("error %v is not a user error", err)
			}
			return
		}
		if p == nil {
			t.Fatal("nil plan without error")
		}
		for _, i := range p.Issues {
			if i.Message == "" || i.MessageEN == "" {
				t.Fatalf("issue without a message in both languages: %+v", i)
			}
		}
	})
}
