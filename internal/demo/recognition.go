package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/signals"
	"github.com/budaya-id/budaya/internal/store"
)

// Stable names of the demo's nomination rounds, for the README and tests.
const (
	DecidedRoundTitle = "Duta BerAKHLAK Berorientasi Pelayanan"
	OpenRoundTitle    = "Duta BerAKHLAK Adaptif"
)

// sender is an employee; actor is set when they have an account (to nominate, to sit on a committee).
type sender struct {
	employee int64
	unit     int64
	actor    budaya.Actor
}

// acts are concrete acts worth thanking, per core value.
var acts = map[string][]string{
	"BP": {"membantu warga lansia mengisi formulir daring sampai selesai", "menjawab aduan masyarakat di kanal layanan pada hari yang sama",
		"menyusun ulang alur loket sehingga antrean berkurang", "tetap melayani tamu dengan ramah meski sudah lewat jam kerja"},
	"AK": {"menyerahkan laporan pertanggungjawaban anggaran lengkap dengan bukti sebelum tenggat", "mengembalikan sisa uang perjalanan dinas tanpa diminta",
		"mencatat setiap keputusan rapat dan membagikannya hari itu juga", "menjaga kerahasiaan data pegawai saat menyiapkan mutasi"},
	"KO": {"menyelesaikan rekap data kinerja triwulan dengan teliti", "mempelajari aplikasi baru lalu mengajari rekan satu tim",
		"memeriksa ulang angka anggaran sehingga kesalahan ketik tertangkap", "menuntaskan tumpukan disposisi surat dalam seminggu"},
	"HA": {"menengahi perbedaan pendapat di rapat dengan tenang", "menyambut pegawai baru dan mengenalkan seluruh ruangan",
		"menghargai masukan staf muda dalam rapat evaluasi", "membantu rekan yang sedang sakit menyelesaikan tugasnya"},
	"LO": {"menolak hadiah dari rekanan dan melaporkannya ke UPG", "menggunakan kendaraan dinas hanya untuk keperluan dinas",
		"membela keputusan pimpinan di depan mitra meski awalnya tidak setuju", "menjaga nama baik instansi saat menjadi narasumber"},
	"AD": {"mengusulkan tanda tangan elektronik sehingga surat tidak lagi tertahan", "cepat beralih ke rapat daring saat banjir",
		"mencoba cara baru mengarsip dokumen dengan pemindai", "menyesuaikan jadwal piket saat ada kebijakan baru"},
	"KL": {"berbagi data dengan unit lain tanpa menunggu surat resmi", "membantu tim sebelah menyiapkan bahan rapat koordinasi",
		"mengajak unit lain membuat satu formulir bersama", "menghubungkan tim kami dengan narasumber dari instansi lain"},
}

var thanksOpeners = []string{"Terima kasih", "Matur nuwun", "Apresiasi untuk", "Salut untuk", "Hatur nuhun"}

// seedRecognition gives recognition across units over the last two months,
// runs a decided role-model round and an open one, adds the patterns each
// signal detects (a reciprocal pair, a copied text, a generous committee
// member, nominations crowding before a deadline), and computes the signals.
func seedRecognition(ctx context.Context, b *builder) error {
	if b.org == nil || len(b.org.Employees) == 0 {
		return fmt.Errorf("recognition needs the demo organisation first")
	}
	f, err := b.db.ActiveFramework(ctx)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		loc = time.UTC
	}
	senders, err := demoSenders(ctx, b)
	if err != nil {
		return err
	}
	if len(senders) < 8 {
		return fmt.Errorf("recognition needs at least 8 employees with accounts, found %d", len(senders))
	}
	if err := b.db.SetSetting(ctx, b.actor, budaya.SettingRecognitionDailyLimit, "5"); err != nil {
		return err
	}
	// History is loaded in one transaction; every employee may have given some.
	var people []sender
	for _, p := range b.org.Employees {
		people = append(people, sender{employee: p.ID, unit: p.UnitID})
	}
	var history []budaya.PastRecognition
	perDay := map[string]int{} // sender|day -> recognitions, to keep under the daily limit
	day := func(s sender, at time.Time) string { return fmt.Sprint(s.employee, at.In(loc).Format("2006-01-02")) }
	give := func(s sender, to int64, msg, vis string, values, behaviours []string, at time.Time) {
		for perDay[day(s, at)] >= 5 {
			at = at.Add(-24 * time.Hour)
		}
		perDay[day(s, at)]++
		history = append(history, budaya.PastRecognition{SenderID: s.employee, At: at, RecognitionInput: budaya.RecognitionInput{
			RecipientID: to, Message: msg, Visibility: vis, Values: values, Behaviours: behaviours}})
	}
	names := map[int64]string{}
	for _, p := range b.org.Employees {
		names[p.ID] = p.Name
	}
	core := f.CoreValues()
	instansi := f.InstansiValues()
	// Ordinary recognition: mostly within the sender's eselon II subtree, some across units.
	n := min(len(people)*2, 1500)
	for i := 0; i < n; i++ {
		s := people[b.rng.IntN(len(people))]
		to := b.colleagueOf(s)
		if to == s.employee {
			continue
		}
		v := core[b.rng.IntN(len(core))]
		values := []string{v.Code}
		if len(instansi) > 0 && b.rng.IntN(4) == 0 {
			for _, iv := range instansi {
				if slices.Contains(iv.MapsTo, v.Code) {
					values = append(values, iv.Code)
					break
				}
			}
		}
		behaviours := []string{v.Behaviours[b.rng.IntN(len(v.Behaviours))].Code}
		act := acts[v.Code][b.rng.IntN(len(acts[v.Code]))]
		msg := fmt.Sprintf("%s, %s, sudah %s.", thanksOpeners[b.rng.IntN(len(thanksOpeners))], firstName(names[to]), act)
		vis := budaya.VisibilityUnit
		if b.rng.IntN(7) == 0 {
			vis = budaya.VisibilityPrivate
		}
		give(s, to, msg, vis, values, behaviours, b.now.Add(-time.Duration(1+b.rng.IntN(60*24*60))*time.Minute))
	}
	// A reciprocal pair: two colleagues who keep thanking each other.
	a, c := senders[0], senders[1]
	for i := 0; i < 6; i++ {
		at := b.now.Add(-time.Duration(2+i*5) * 24 * time.Hour)
		give(a, c.employee, fmt.Sprintf("Terima kasih, %s, sudah membantu pekerjaan saya lagi minggu ini (ke-%d).", firstName(names[c.employee]), i+1),
			budaya.VisibilityUnit, []string{"KL"}, nil, at)
		if i < 5 {
			give(c, a.employee, fmt.Sprintf("Sama-sama, %s, terima kasih juga atas bantuannya (ke-%d).", firstName(names[a.employee]), i+1),
				budaya.VisibilityUnit, []string{"KL"}, nil, at.Add(3*time.Hour))
		}
	}
	// A copied text: one sender gives the same words to six people.
	copier := senders[2]
	got := map[int64]bool{copier.employee: true}
	for i := 0; i < 6; i++ {
		to := b.colleagueOf(copier)
		for try := 0; got[to] && try < 50; try++ {
			to = b.org.IDs[b.rng.IntN(len(b.org.IDs))]
		}
		got[to] = true
		give(copier, to, "Mantap, terima kasih atas kerja kerasnya selama ini, terus semangat!", budaya.VisibilityUnit, []string{"KO"}, nil,
			b.now.Add(-time.Duration(1+i*26)*time.Hour))
	}
	if err := b.db.ImportRecognitions(ctx, b.actor, history); err != nil {
		return err
	}
	if err := seedRounds(ctx, b, senders); err != nil {
		return err
	}
	admin, err := b.db.FindUserByUsername(ctx, "admin")
	if err != nil {
		return err
	}
	_, _, _, err = b.db.RecomputeSignals(ctx, budaya.Actor{UserID: admin.ID, Name: admin.Username}, b.now.Add(-180*24*time.Hour), signals.DefaultParams())
	return err
}

// demoSenders are the employees who have accounts (leaders, change agents, the demo pegawai).
func demoSenders(ctx context.Context, b *builder) ([]sender, error) {
	var out []sender
	for _, u := range b.org.Units {
		if u.leader < 0 {
			continue
		}
		p := b.org.Employees[u.leader]
		acct, err := b.db.FindEmployeeUser(ctx, p.ID)
		if err != nil {
			continue
		}
		out = append(out, sender{employee: p.ID, unit: p.UnitID, actor: budaya.Actor{UserID: acct.ID, Name: acct.Username}})
	}
	for _, name := range []string{UserAgen, UserPegawai} {
		acct, err := b.db.FindUserByUsername(ctx, name)
		if err != nil || acct.EmployeeID == 0 {
			continue
		}
		e, err := b.db.FindEmployee(ctx, acct.EmployeeID)
		if err != nil {
			return nil, err
		}
		out = append(out, sender{employee: e.ID, unit: e.UnitID, actor: budaya.Actor{UserID: acct.ID, Name: acct.Username}})
	}
	// A small instansi has few accounts: give some staff one (they sign in
	// with their NIP and the demo password), or use the one they have.
	var extra []demoPerson
	for _, p := range b.org.Employees {
		if len(out)+len(extra) >= 16 {
			break
		}
		if p.unit.leader == indexOf(b.org.IDs, p.ID) || slices.ContainsFunc(out, func(s sender) bool { return s.employee == p.ID }) {
			continue
		}
		acct, err := b.db.FindEmployeeUser(ctx, p.ID)
		switch {
		case err == nil:
			out = append(out, sender{employee: p.ID, unit: p.UnitID, actor: budaya.Actor{UserID: acct.ID, Name: acct.Username}})
		case budaya.ErrorCode(err) == budaya.ENOTFOUND:
			extra = append(extra, p)
		default:
			return nil, err
		}
	}
	if len(extra) > 0 {
		hash, err := b.db.HashPassword(Password)
		if err != nil {
			return nil, err
		}
		err = b.db.WriteOrg(ctx, b.actor, func(w *store.OrgWriter) error {
			for _, p := range extra {
				id, err := w.CreateUser(budaya.UserInput{Username: budaya.UsernameFor(&p.Employee), DisplayName: p.FullName(), EmployeeID: p.ID,
					Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}, hash)
				if err != nil {
					return err
				}
				out = append(out, sender{employee: p.ID, unit: p.UnitID, actor: budaya.Actor{UserID: id, Name: budaya.UsernameFor(&p.Employee)}})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Spread the stable accounts away from the front: senders[0..2] carry the crafted patterns.
	if len(out) > 4 {
		out[0], out[len(out)-2] = out[len(out)-2], out[0]
	}
	return out, nil
}

// colleagueOf picks a recipient for s: usually someone in the same eselon II
// subtree, sometimes anyone in the instansi.
func (b *builder) colleagueOf(s sender) int64 {
	var path string
	for _, u := range b.org.Units {
		if u.ID == s.unit {
			path = u.Path
			break
		}
	}
	if parts := strings.Split(strings.Trim(path, "/"), "/"); len(parts) >= 2 && b.rng.IntN(5) != 0 {
		prefix := "/" + parts[0] + "/" + parts[1] + "/"
		for try := 0; try < 30; try++ {
			p := b.org.Employees[b.rng.IntN(len(b.org.Employees))]
			if strings.HasPrefix(p.unit.Path, prefix) && p.ID != s.employee {
				return p.ID
			}
		}
	}
	return b.org.IDs[b.rng.IntN(len(b.org.IDs))]
}

func indexOf(ids []int64, id int64) int { return slices.Index(ids, id) }

func firstName(name string) string {
	first, _, _ := strings.Cut(name, " ")
	return first
}

// seedRounds runs a decided round (nominations crowd into its last day; one
// committee member declares a conflict, another scores everyone 5) and opens
// a second round that still takes nominations.
func seedRounds(ctx context.Context, b *builder, senders []sender) error {
	admin, err := b.db.FindUserByUsername(ctx, "admin")
	if err != nil {
		return err
	}
	adminActor := budaya.Actor{UserID: admin.ID, Name: admin.Username}
	opened := b.now.Add(-75 * 24 * time.Hour)
	deadline := b.now.Add(-45 * 24 * time.Hour)
	round, err := b.db.CreateRound(ctx, adminActor, budaya.NominationRoundInput{Title: DecidedRoundTitle, Period: "Triwulan III " + fmt.Sprint(opened.Year()),
		ValueCode: "BP", NominateUntil: deadline, Winners: 2, At: opened, Criteria: []budaya.Criterion{
			{Name: "Dampak nyata bagi masyarakat yang dilayani", Description: "Bukti perubahan layanan yang dirasakan warga", Weight: 40},
			{Name: "Konsistensi perilaku sehari-hari", Description: "Dilakukan terus-menerus, bukan sekali", Weight: 35},
			{Name: "Menginspirasi rekan", Description: "Rekan ikut melakukan hal yang sama", Weight: 25}}})
	if err != nil {
		return err
	}
	// Five nominees from the first units; nominators are account holders.
	nominees := []int64{}
	for _, p := range b.org.Employees[len(b.org.Units):] {
		if len(nominees) == 5 {
			break
		}
		nominees = append(nominees, p.ID)
	}
	reasons := []string{
		"Setiap pagi membuka loket lebih awal agar warga dari luar kota tidak menunggu, dan selalu menjelaskan persyaratan dengan sabar.",
		"Membuat panduan bergambar untuk pengurusan izin sehingga pertanyaan berulang di loket turun hampir separuh.",
		"Menindaklanjuti setiap aduan sampai tuntas dan mengabari pelapor, bahkan di luar jam kerja bila mendesak.",
		"Mengajari rekan baru cara melayani warga berkebutuhan khusus dan menyiapkan kursi roda di ruang tunggu.",
		"Mengusulkan layanan jemput bola ke kecamatan terpencil dan ikut turun langsung setiap bulan.",
	}
	count := 0
	for i, s := range senders {
		if count == 14 {
			break
		}
		nominee := nominees[i%len(nominees)]
		if nominee == s.employee {
			continue
		}
		// Ten of fourteen come in the last day before the deadline.
		at := opened.Add(time.Duration(3+count*4) * 24 * time.Hour)
		if count >= 4 {
			at = deadline.Add(-time.Duration(1+count) * time.Hour)
		}
		reason := reasons[i%len(reasons)]
		if _, err := b.db.Nominate(ctx, s.actor, round.ID, budaya.NominationInput{NomineeID: nominee, Reason: reason, At: at}); err != nil {
			if budaya.ErrorCode(err) == budaya.EINVALID {
				continue
			}
			return fmt.Errorf("nomination: %w", err)
		}
		count++
	}
	// The committee: the admin and four unit leaders not nominated.
	committee := []budaya.Actor{adminActor}
	for _, s := range senders[3:] {
		if len(committee) == 5 {
			break
		}
		skip := false
		for _, n := range nominees {
			skip = skip || n == s.employee
		}
		if !skip {
			committee = append(committee, s.actor)
		}
	}
	var ids []int64
	for _, m := range committee {
		ids = append(ids, m.UserID)
	}
	if err := b.db.SetCommittee(ctx, adminActor, round.ID, ids); err != nil {
		return err
	}
	if err := b.db.CloseNominations(ctx, adminActor, round.ID); err != nil {
		return err
	}
	full, err := b.db.FindRound(ctx, round.ID)
	if err != nil {
		return err
	}
	results, err := b.db.RoundResults(ctx, round.ID)
	if err != nil {
		return err
	}
	for mi, m := range committee {
		for ni, res := range results {
			conflict := mi == 1 && ni == 0 // one member is the nominee's relative
			note := ""
			if conflict {
				note = "Calon adalah saudara ipar saya."
			}
			if err := b.db.Declare(ctx, m, round.ID, res.NomineeID, conflict, note); err != nil {
				return fmt.Errorf("declare: %w", err)
			}
			if conflict {
				continue
			}
			scores := map[int64]int{}
			for ci, c := range full.Criteria {
				v := 2 + (ni*7+ci*3+mi)%3 // 2..4, varying by nominee
				if ni == 1 {
					v = min(v+1, 5) // the strongest nominee
				}
				if mi == 4 {
					v = 5 // a generous member who gives everyone full marks
				}
				scores[c.ID] = v
			}
			if err := b.db.ScoreNominee(ctx, m, round.ID, res.NomineeID, scores); err != nil {
				return fmt.Errorf("score: %w", err)
			}
		}
	}
	if _, err := b.db.Announce(ctx, adminActor, round.ID); err != nil {
		return err
	}
	open, err := b.db.CreateRound(ctx, adminActor, budaya.NominationRoundInput{Title: OpenRoundTitle, Period: "Triwulan IV " + fmt.Sprint(b.now.Year()),
		ValueCode: "AD", NominateUntil: b.now.Add(21 * 24 * time.Hour), Winners: 1, At: b.now.Add(-7 * 24 * time.Hour), Criteria: []budaya.Criterion{
			{Name: "Keberanian mencoba cara baru", Weight: 50}, {Name: "Hasil perubahan yang terukur", Weight: 50}}})
	if err != nil {
		return err
	}
	for i, s := range senders[len(senders)-3:] {
		nominee := nominees[(i+2)%len(nominees)]
		if nominee == s.employee {
			continue
		}
		if _, err := b.db.Nominate(ctx, s.actor, open.ID, budaya.NominationInput{NomineeID: nominee,
			Reason: "Memimpin peralihan ke naskah dinas elektronik di unitnya dan menulis panduan singkat untuk semua rekan.", At: b.now.Add(-time.Duration(i+1) * 24 * time.Hour)}); err != nil && budaya.ErrorCode(err) != budaya.EINVALID {
			return err
		}
	}
	return nil
}
