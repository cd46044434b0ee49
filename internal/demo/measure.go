package demo

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/mail"
	"github.com/budaya-id/budaya/internal/store"
)

// measuredStaff bounds how many people the demo periods cover (roughly).
const measuredStaff = 500

// seedMeasurement adds two closed measurement periods with answers (so that
// trends show) and one open period partly answered. Scores vary by unit and
// follow the national pattern per value (Adaptif lowest), improving a little
// from one period to the next. It also rates perilaku kerja for the last
// quarter in the Sekretariat Jenderal.
func seedMeasurement(ctx context.Context, b *builder) error {
	f, err := b.db.ActiveFramework(ctx)
	if err != nil {
		return err
	}
	o, err := budaya.LoadOfficial()
	if err != nil {
		return err
	}
	roots, _, err := b.db.ListUnits(ctx, budaya.UnitFilter{Roots: true})
	if err != nil {
		return err
	}
	// The Sekretariat Jenderal (home of the demo users) was created first.
	sort.Slice(roots, func(i, j int) bool { return roots[i].ID < roots[j].ID })
	// Large demo instansi measure only their first eselon I units (at least
	// measuredStaff people), so that seeding stays quick.
	var rootIDs []int64
	staff := 0
	for i := range roots {
		if staff >= measuredStaff {
			break
		}
		_, n, err := b.db.UnitStaffCount(ctx, &roots[i])
		if err != nil {
			return err
		}
		rootIDs, staff = append(rootIDs, roots[i].ID), staff+n
	}
	// Users who try the demo keep their tasks of the open period to answer themselves.
	keep := map[int64]bool{}
	for _, name := range []string{UserPegawai, UserPimpinan, UserAgen} {
		if u, err := b.db.FindUserByUsername(ctx, name); err == nil && u.EmployeeID != 0 {
			keep[u.EmployeeID] = true
		}
	}
	unitEffect := map[int64]float64{}
	effect := func(unit int64) float64 {
		if e, ok := unitEffect[unit]; ok {
			return e
		}
		e := b.rng.NormFloat64() * 0.35
		unitEffect[unit] = e
		return e
	}
	groupEffect := map[string]float64{budaya.GroupMember: 0, budaya.GroupSelf: 0.45, budaya.GroupAtasan: 0.05, budaya.GroupPeer: 0.15, budaya.GroupBawahan: -0.05}
	// Comments are composed from parts, as people write them differently; a
	// small pool of identical sentences would (rightly) fire the text-reuse signal.
	openings := []string{"Menurut saya", "Di unit kami", "Selama triwulan ini", "Dari pengalaman saya", "Secara umum", "Sejujurnya"}
	observations := []string{"pelayanan sudah berjalan baik", "pimpinan perlu memberi contoh nyata", "koordinasi antarbagian kadang lambat",
		"inovasi layanan mulai terlihat", "rapat sering mulai terlambat", "rekan kerja saling membantu", "berbagi ilmu masih jarang"}
	suggestions := []string{"perlu dipertahankan", "perlu pelatihan digital lebih sering", "sebaiknya ada apel nilai BerAKHLAK tiap Senin",
		"perlu jadwal evaluasi bulanan", "perlu pengakuan bagi yang berprestasi", "target kerja perlu lebih jelas", "perlu forum diskusi lintas bagian"}
	closings := []string{"", " Terima kasih.", " Semoga membaik.", " Mohon ditindaklanjuti.", " Tetap semangat."}
	comment := func() string {
		return openings[b.rng.IntN(len(openings))] + " " + observations[b.rng.IntN(len(observations))] + ", " +
			suggestions[b.rng.IntN(len(suggestions))] + "." + closings[b.rng.IntN(len(closings))]
	}
	year := b.now.Year()
	periods := []struct {
		name   string
		start  time.Time
		closed bool
		share  float64 // of tasks answered
		trend  float64
	}{
		{fmt.Sprintf("Survei Budaya dan 360 Semester I %d", year-1), b.now.AddDate(-1, 0, -14), true, 0.82, 0},
		{fmt.Sprintf("Survei Budaya dan 360 Semester II %d", year-1), b.now.AddDate(0, -6, -14), true, 0.86, 0.12},
		{fmt.Sprintf("Survei Budaya dan 360 Semester I %d", year), b.now.AddDate(0, 0, -7), false, 0.4, 0.2},
	}
	for _, pp := range periods {
		p, err := b.db.CreatePeriod(ctx, b.actor, budaya.PeriodInput{Name: pp.name, StartsAt: pp.start, EndsAt: pp.start.AddDate(0, 0, 28),
			FrameworkID: f.ID, HasSurvey: true, Has360: true, MaxPeers: 3, UnitIDs: rootIDs})
		if err != nil {
			return err
		}
		if _, err := b.db.OpenPeriod(ctx, b.actor, p.ID); err != nil {
			return err
		}
		if err := b.db.GenerateTasks(ctx, p.ID, nil); err != nil {
			return err
		}
		rounds := mail.Rounds{DB: b.db, Composer: mail.Composer{BaseURL: b.baseURL(), Loc: jakarta()}}
		if !pp.closed {
			// The outbox shows what the open period sent: its invitations, and
			// (below) a round of reminders to those who have not answered.
			if _, err := rounds.Invite(ctx, p.ID); err != nil {
				return err
			}
			if err := b.db.SetReminderDays(ctx, b.actor, p.ID, []int{7, 3, 1}); err != nil {
				return err
			}
		}
		var subs []store.Submission
		// One pass over the period's tasks, in id order (all are open here,
		// so the order ListTasks gives): paging costs a scan per page.
		err = b.db.EachTask(ctx, p.ID, func(t *budaya.Task) error {
			if b.rng.Float64() > pp.share || (!pp.closed && keep[t.RaterEmployeeID]) {
				return nil
			}
			base := effect(t.UnitID) + pp.trend + groupEffect[t.RaterGroup] + b.rng.NormFloat64()*0.3
			var answers []budaya.Answer
			for _, v := range f.CoreValues() {
				// The national index per value (percent) as the centre: s = 1 + 4p/100.
				centre := 1 + 4*o.NationalIndex2022.PerValue[v.Code]/100
				for _, bh := range v.Behaviours {
					s := int(math.Round(centre + base + b.rng.NormFloat64()*0.7))
					a := budaya.Answer{BehaviourCode: bh.Code, Score: min(max(s, 1), 5)}
					if b.rng.IntN(150) == 0 {
						a.Comment = comment()
					}
					answers = append(answers, a)
				}
			}
			subs = append(subs, store.Submission{EmployeeID: t.RaterEmployeeID, TaskID: t.ID, Answers: answers})
			return nil
		})
		if err != nil {
			return err
		}
		for len(subs) > 0 {
			n := min(len(subs), 1000)
			if err := b.db.SubmitMany(ctx, subs[:n]); err != nil {
				return err
			}
			subs = subs[n:]
		}
		if pp.closed {
			if err := b.db.ClosePeriod(ctx, b.actor, p.ID); err != nil {
				return err
			}
		} else if _, _, err := rounds.Remind(ctx, b.actor, p.ID, mail.ManualKey(b.now)); err != nil {
			return err
		}
	}
	return seedPerilaku(ctx, b)
}

// seedPerilaku rates the staff of the Sekretariat Jenderal for the last
// finished quarter, sets the organisation's capaian, and leaves expectations
// and feedback for a few of them.
func seedPerilaku(ctx context.Context, b *builder) error {
	o, err := budaya.LoadOfficial()
	if err != nil {
		return err
	}
	rules, err := o.PerformanceRules()
	if err != nil {
		return err
	}
	q := (int(b.now.Month())-1)/3 + 1
	year, term := b.now.Year(), fmt.Sprintf("TW%d", q-1)
	if q == 1 {
		year, term = year-1, "TW4"
	}
	sj, err := b.db.FindUnitByCode(ctx, "SJ")
	if err != nil {
		return nil // a very small demo instansi without the Sekretariat Jenderal
	}
	staff, _, err := b.db.ListEmployees(ctx, budaya.EmployeeFilter{UnitID: sj.ID, Subtree: true, PerPage: 10000})
	if err != nil {
		return err
	}
	scale := rules.Scale // lowest first
	pick := func() string {
		switch x := b.rng.Float64(); {
		case x < 0.12:
			return scale[0]
		case x < 0.75:
			return scale[1]
		default:
			return scale[2]
		}
	}
	expectations := map[string][2]string{
		"AD": {"Mengusulkan minimal satu perbaikan proses kerja di unit.", "Sudah mengusulkan digitalisasi disposisi surat; uji coba berjalan."},
		"KO": {"Aktif dalam rapat koordinasi lintas biro.", "Hadir dan memberi masukan di 3 rapat koordinasi."},
	}
	for i, e := range staff {
		if e.SupervisorID == 0 {
			continue
		}
		in := budaya.RatingInput{EmployeeID: e.ID, Year: year, Term: term, EvaluatorID: e.SupervisorID, Perilaku: pick(), HasilKerja: pick()}
		if b.rng.IntN(3) == 0 {
			in.HasilSource = "ekinerja"
		}
		if _, err := b.db.RatePerilaku(ctx, b.actor, rules, in); err != nil {
			return err
		}
		if i%4 == 0 {
			for code, ef := range expectations {
				if _, err := b.db.SaveExpectation(ctx, b.actor, budaya.Expectation{EmployeeID: e.ID, Year: year, Term: term, ValueCode: code,
					Expectation: ef[0], Feedback: ef[1], EvaluatorID: e.SupervisorID}); err != nil {
					return err
				}
			}
		}
	}
	return b.db.SetCapaian(ctx, b.actor, rules, year, term, "Baik")
}
