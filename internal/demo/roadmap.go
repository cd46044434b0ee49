package demo

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// seedRoadmap builds a five-year roadmap budaya kerja (last year to four years
// ahead) of the seven-step method, with funded activities of several units in
// every state, change agents appointed by decree with their records and
// monthly reports, and an internalisation checklist with unit reports.
func seedRoadmap(ctx context.Context, b *builder) error {
	thisYear := b.now.Year()
	start := thisYear - 1
	rm, err := b.db.CreateRoadmap(ctx, b.actor, budaya.RoadmapInput{
		Name:        fmt.Sprintf("Roadmap Budaya Kerja BerAKHLAK %d-%d", start, start+4),
		Description: "Peta jalan internalisasi nilai dasar ASN BerAKHLAK: dari komitmen pimpinan ke kegiatan yang direncanakan, didanai dan dibuktikan.",
		StartYear:   start, EndYear: start + 4,
		Phases: []budaya.Phase{
			{Name: "Sosialisasi & internalisasi", StartYear: start, EndYear: start},
			{Name: "Aktivasi", StartYear: start + 1, EndYear: start + 2},
			{Name: "Penguatan", StartYear: start + 3, EndYear: start + 4},
		},
	})
	if err != nil {
		return err
	}
	progs := []budaya.ProgrammeInput{
		{Code: "P1", Name: "Pemetaan dan peluncuran", Description: "Memetakan kondisi budaya kerja dan meluncurkan komitmen BerAKHLAK."},
		{Code: "P2", Name: "Internalisasi nilai", Description: "Membiasakan nilai dalam keseharian: apel, rapat, media sosial, lingkungan kantor."},
		{Code: "P3", Name: "Kompetensi pembangun budaya", Description: "Membekali pimpinan dan pegawai untuk menjadi teladan."},
		{Code: "P4", Name: "Agen perubahan", Description: "Mengangkat, membina dan menggerakkan agen perubahan di setiap unit."},
		{Code: "P5", Name: "Pengukuran dan intervensi", Description: "Mengukur indeks budaya dan menindaklanjuti hasilnya."},
		{Code: "P6", Name: "Penghargaan dan apresiasi", Description: "Mengapresiasi unit dan pegawai yang hidup dengan nilai BerAKHLAK."},
	}
	progID := map[string]int64{}
	for _, p := range progs {
		pr, err := b.db.CreateProgramme(ctx, b.actor, rm.ID, p)
		if err != nil {
			return err
		}
		progID[p.Code] = pr.ID
	}
	units, _, err := b.db.ListUnits(ctx, budaya.UnitFilter{})
	if err != nil {
		return err
	}
	var owners []budaya.Unit // eselon I and II units own the activities
	for _, u := range units {
		if u.Level == budaya.LevelEselon1 || u.Level == budaya.LevelEselon2 {
			owners = append(owners, u)
		}
	}
	if len(owners) == 0 {
		return fmt.Errorf("no eselon I or II units to own activities")
	}
	// The first biro owns several activities, so that its change agent ("agen") has work to record.
	agentUser, err := b.db.FindUserByUsername(ctx, UserAgen)
	var agentUnit int64
	if err == nil {
		for _, g := range agentUser.Roles {
			if g.Role == budaya.RoleAgenPerubahan {
				agentUnit = g.UnitID
			}
		}
	}
	leaderOf := map[int64]int64{}
	for _, u := range units {
		leaderOf[u.ID] = u.LeaderEmployeeID
	}
	owner := func(i int) int64 {
		if i%3 == 0 && agentUnit != 0 {
			return agentUnit
		}
		return owners[i%len(owners)].ID
	}
	type plan struct {
		prog, name, values, behaviours, indicator, unit string
		from, to                                        int // years relative to start
		target                                          int64
		ceiling                                         int64 // per year
		account                                         string
		cancelled, noBudget                             bool
	}
	plans := []plan{
		{"P1", "Survei awal budaya kerja dan pemetaan nilai", "AK AD", "AK1 AD1", "Laporan pemetaan", "laporan", 0, 0, 1, 85_000_000, "522151", false, false},
		{"P1", "Peluncuran komitmen BerAKHLAK pimpinan", "AK LO", "LO1", "Pimpinan menandatangani komitmen", "orang", 0, 0, 40, 60_000_000, "524114", false, false},
		{"P2", "Pesan BerAKHLAK pada apel pagi dan rapat", "BP HA KO", "BP1 HA2", "Apel dengan pesan BerAKHLAK", "kali", 0, 4, 240, 12_000_000, "521211", false, false},
		{"P2", "Logo BerAKHLAK dan #BanggaMelayaniBangsa di media sosial", "AD KL", "AD2", "Unggahan kampanye", "unggahan", 0, 4, 600, 18_500_000, "521219", false, false},
		{"P2", "Pemasangan panduan perilaku di ruang kerja", "AK", "AK2", "Unit memasang panduan", "unit", 0, 1, 60, 45_750_000, "521211", false, false},
		{"P2", "Pembacaan nilai dasar pada upacara", "LO", "LO2", "Upacara dengan pembacaan nilai", "kali", 1, 4, 48, 0, "", false, true},
		{"P3", "Pelatihan pimpinan sebagai teladan budaya", "KO HA", "KO1 HA1", "Pimpinan terlatih", "orang", 1, 3, 120, 150_000_000, "524119", false, false},
		{"P3", "Coaching clinic perilaku melayani", "BP", "BP2 BP3", "Pegawai mengikuti coaching", "orang", 1, 2, 300, 72_000_000, "522151", false, false},
		{"P3", "Modul e-learning BerAKHLAK", "", "", "Modul terbit", "modul", 2, 2, 7, 95_000_000, "522151", false, false},
		{"P4", "Pengangkatan dan pembekalan agen perubahan", "AD KL", "KL1", "Agen perubahan dibekali", "orang", 0, 1, 45, 64_000_000, "524114", false, false},
		{"P4", "Forum berbagi praktik baik agen perubahan", "KL", "KL2 KL3", "Forum terlaksana", "kali", 1, 4, 16, 22_000_000, "524113", false, false},
		{"P5", "Survei indeks budaya kerja tahunan", "AK AD", "AK3", "Indeks terukur", "survei", 0, 4, 5, 55_000_000, "522151", false, false},
		{"P5", "Intervensi unit dengan indeks tidak sehat", "", "", "Unit diintervensi", "unit", 2, 4, 12, 80_000_000, "524119", false, false},
		{"P6", "BerAKHLAK Awards unit kerja", "HA LO", "HA3", "Unit menerima penghargaan", "unit", 1, 4, 20, 110_000_000, "521219", false, false},
		{"P6", "Apresiasi pegawai teladan bulanan", "HA", "HA1", "Pegawai diapresiasi", "orang", 0, 4, 60, 9_000_000, "521211", false, false},
		{"P6", "Gala apresiasi budaya (dibatalkan, dialihkan ke Awards)", "HA", "", "Acara terlaksana", "kali", 1, 1, 1, 200_000_000, "524114", true, false},
	}
	var agentActivities []int64
	for i, p := range plans {
		status := budaya.ActivityPlanned
		switch {
		case p.cancelled:
			status = budaya.ActivityCancelled
		case start+p.to < thisYear:
			status = budaya.ActivityDone
		case start+p.from <= thisYear:
			status = budaya.ActivityRunning
		}
		var realisation int64
		switch status {
		case budaya.ActivityDone:
			realisation = p.target * int64(90+b.rng.IntN(15)) / 100
		case budaya.ActivityRunning:
			realisation = p.target * int64(25+b.rng.IntN(40)) / 100
		}
		in := budaya.ActivityInput{ProgrammeID: progID[p.prog], Code: fmt.Sprintf("%s.%d", p.prog, i+1), Name: p.name,
			ValueCodes: []string{p.values}, BehaviourCodes: []string{p.behaviours}, OwnerUnitID: owner(i),
			Quarters: fmt.Sprintf("%dQ1-%dQ4", start+p.from, start+p.to), Indicator: p.indicator, IndicatorUnit: p.unit,
			Target: strconv.FormatInt(p.target, 10), Realisation: strconv.FormatInt(realisation, 10), Status: status}
		in.PICEmployeeID = leaderOf[in.OwnerUnitID] // the unit's leader is in charge
		if p.from == p.to && i%2 == 1 {
			in.Quarters = fmt.Sprintf("%dQ2-%dQ3", start+p.from, start+p.to)
		}
		var lines []budaya.BudgetLineInput
		for y := start + p.from; y <= start+p.to && !p.noBudget; y++ {
			ceiling := p.ceiling + p.ceiling*int64(y-start)/10 // a tenth more each year
			var spent int64
			switch {
			case p.cancelled:
			case y < thisYear:
				spent = ceiling * int64(82+b.rng.IntN(18)) / 100
				if i == 4 {
					spent = ceiling + ceiling/20 // realised above the ceiling: allowed, flagged
				}
			case y == thisYear:
				spent = ceiling * int64(30+b.rng.IntN(35)) / 100
			}
			lines = append(lines, budaya.BudgetLineInput{FiscalYear: strconv.Itoa(y), Ceiling: strconv.FormatInt(ceiling, 10),
				Realised: strconv.FormatInt(spent, 10), FundingSource: "rupiah_murni", AccountCode: p.account})
		}
		a, err := b.db.CreateActivity(ctx, b.actor, in, lines...)
		if err != nil {
			return fmt.Errorf("activity %s: %w", in.Code, err)
		}
		if a.OwnerUnitID == agentUnit && status != budaya.ActivityCancelled {
			agentActivities = append(agentActivities, a.ID)
		}
	}
	if err := seedChangeAgents(ctx, b, units, agentActivities, agentUnit); err != nil {
		return err
	}
	return seedChecklist(ctx, b, units, agentUnit)
}

// seedChangeAgents appoints the change agents the organisation step gave the
// agen_perubahan role, by decree, and lets the demo agent record work and
// report monthly: approved, returned and waiting reports.
func seedChangeAgents(ctx context.Context, b *builder, units []budaya.Unit, activities []int64, agentUnit int64) error {
	today := time.Date(b.now.Year(), b.now.Month(), b.now.Day(), 0, 0, 0, 0, time.UTC)
	termStart := time.Date(b.now.Year()-1, 1, 2, 0, 0, 0, 0, time.UTC)
	n := 0
	var demoAgent *budaya.ChangeAgent
	for _, u := range units {
		holders, err := b.db.UnitRoleHolders(ctx, u.ID, budaya.RoleAgenPerubahan)
		if err != nil {
			return err
		}
		for _, e := range holders {
			n++
			a, err := b.db.AppointChangeAgent(ctx, b.actor, budaya.ChangeAgentInput{UnitID: u.ID, EmployeeID: e.ID,
				DecreeNumber: fmt.Sprintf("800.1.2/%03d/SK/%d", n, termStart.Year()),
				StartsOn:     termStart.Format("2006-01-02"), EndsOn: termStart.AddDate(3, 0, -2).Format("2006-01-02")})
			if err != nil {
				return fmt.Errorf("appoint change agent of %s: %w", u.Code, err)
			}
			if u.ID == agentUnit && demoAgent == nil {
				demoAgent = a
			}
		}
	}
	if demoAgent == nil || len(activities) == 0 {
		return nil
	}
	leaders, err := b.db.UnitRoleHolders(ctx, agentUnit, budaya.RolePimpinan)
	if err != nil {
		return err
	}
	var leader *budaya.User
	if len(leaders) > 0 {
		if leader, err = b.db.FindEmployeeUser(ctx, leaders[0].ID); err != nil {
			return err
		}
	}
	agentActor := budaya.Actor{UserID: demoAgent.UserID, Name: demoAgent.EmployeeName}
	what := []string{
		"Menyampaikan pesan nilai Berorientasi Pelayanan pada apel pagi Senin.",
		"Mengunggah konten #BanggaMelayaniBangsa di akun media sosial unit.",
		"Memasang poster panduan perilaku di ruang layanan.",
		"Memfasilitasi diskusi praktik baik Kolaboratif dalam rapat staf.",
	}
	for m := 4; m >= 1; m-- {
		month := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -m, 0)
		if month.Before(termStart) {
			continue
		}
		for k := 0; k < 3; k++ {
			day := month.AddDate(0, 0, 3+k*8)
			if _, err := b.db.RecordAgentAction(ctx, agentActor, demoAgent.ID, budaya.AgentActionInput{ActivityID: activities[(m+k)%len(activities)],
				DoneOn: day.Format("2006-01-02"), Description: what[(m+k)%len(what)]}, nil); err != nil {
				return fmt.Errorf("agent action: %w", err)
			}
		}
		rep, err := b.db.SubmitAgentReport(ctx, agentActor, demoAgent.ID, budaya.AgentReportInput{Month: month.Format("2006-01"), Today: today,
			Summary: fmt.Sprintf("Bulan %s: tiga kegiatan internalisasi terlaksana di unit; partisipasi pegawai meningkat.", month.Format("01/2006"))}, nil)
		if err != nil {
			return fmt.Errorf("agent report: %w", err)
		}
		if leader == nil {
			continue
		}
		lead := budaya.Actor{UserID: leader.ID, Name: leader.Username}
		switch m {
		case 4, 3:
			err = b.db.DecideAgentReport(ctx, lead, rep.ID, true, "Terima kasih, lanjutkan.")
		case 2:
			err = b.db.DecideAgentReport(ctx, lead, rep.ID, false, "Lengkapi dengan foto kegiatan dan daftar hadir.")
		}
		if err != nil {
			return fmt.Errorf("decide agent report: %w", err)
		}
	}
	return nil
}

// seedChecklist defines the internalisation criteria and lets units report
// them for last semester (verified) and this one (partly verified).
func seedChecklist(ctx context.Context, b *builder, units []budaya.Unit, agentUnit int64) error {
	criteria := []budaya.ChecklistCriterionInput{
		{Code: "PAJANG", Name: "Nilai BerAKHLAK dan panduan perilaku dipasang di kantor", Points: "15"},
		{Code: "APEL", Name: "Pesan BerAKHLAK disampaikan pada apel pagi", Points: "20"},
		{Code: "MEDSOS", Name: "Logo BerAKHLAK dan #BanggaMelayaniBangsa di media sosial unit", Points: "20"},
		{Code: "APRESIASI", Name: "Apresiasi pegawai yang menjadi teladan", Points: "25"},
		{Code: "AGEN", Name: "Agen perubahan aktif melapor setiap bulan", Points: "20"},
	}
	var ids []int64
	for _, c := range criteria {
		cr, err := b.db.CreateChecklistCriterion(ctx, b.actor, c)
		if err != nil {
			return err
		}
		ids = append(ids, cr.ID)
	}
	y := b.now.Year()
	first, second := "Semester I", "Semester II"
	prevName, prevStart, prevEnd := fmt.Sprintf("%s %d", second, y-1), fmt.Sprintf("%d-07-01", y-1), fmt.Sprintf("%d-12-31", y-1)
	curName, curStart, curEnd := fmt.Sprintf("%s %d", first, y), fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-06-30", y)
	if b.now.Month() > 6 {
		prevName, prevStart, prevEnd = fmt.Sprintf("%s %d", first, y), fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-06-30", y)
		curName, curStart, curEnd = fmt.Sprintf("%s %d", second, y), fmt.Sprintf("%d-07-01", y), fmt.Sprintf("%d-12-31", y)
	}
	prev, err := b.db.CreateChecklistPeriod(ctx, b.actor, prevName, prevStart, prevEnd)
	if err != nil {
		return err
	}
	cur, err := b.db.CreateChecklistPeriod(ctx, b.actor, curName, curStart, curEnd)
	if err != nil {
		return err
	}
	notes := []string{"Foto terlampir pada arsip unit.", "Dilaksanakan setiap Senin.", "Akun Instagram dan X unit.", "Pegawai teladan bulan ini diumumkan.", "Laporan bulanan terkirim."}
	// The demo agent's unit reports first, so that its page shows a score.
	var reporting []budaya.Unit
	for _, u := range units {
		if u.ID == agentUnit {
			reporting = append([]budaya.Unit{u}, reporting...)
		} else if u.Level == budaya.LevelEselon2 {
			reporting = append(reporting, u)
		}
	}
	k := 0
	for _, u := range reporting {
		k++
		for _, period := range []*budaya.ChecklistPeriod{prev, cur} {
			for j, cid := range ids {
				if b.rng.IntN(10) < 3 {
					continue // not every unit reports everything
				}
				rid, err := b.db.ReportChecklist(ctx, b.actor, period.ID, u.ID, cid, notes[j], nil)
				if err != nil {
					return fmt.Errorf("checklist report: %w", err)
				}
				if period == cur && b.rng.IntN(3) == 0 {
					continue // waiting for the verifier
				}
				accept := b.rng.IntN(6) != 0
				comment := ""
				if !accept {
					comment = "Bukti dukung belum menunjukkan pelaksanaan; lampirkan foto atau tautan."
				}
				if err := b.db.VerifyChecklist(ctx, b.actor, rid, accept, comment); err != nil {
					return err
				}
			}
		}
		if k >= 24 {
			break
		}
	}
	return nil
}
