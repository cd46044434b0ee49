package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// demoActions are action items leaders typically commit their units to.
var demoActions = []struct {
	title, measure string
	codes          []string
}{
	{"Pesan nilai BerAKHLAK pada setiap apel pagi", "Setiap apel pagi memuat satu pesan nilai; daftar pesan dan foto apel terunggah tiap bulan", []string{"BP", "LO", "LO1"}},
	{"Memasang panduan perilaku BerAKHLAK di ruang layanan dan ruang kerja", "Poster 21 panduan perilaku terpasang di semua ruang; foto terunggah", []string{"AK", "AK1", "HA"}},
	{"Penghargaan BerAKHLAK bulanan untuk pegawai teladan", "Satu pegawai teladan diumumkan setiap bulan dengan alasannya", []string{"HA", "HA1", "KO3"}},
	{"Survei kepuasan layanan dan tindak lanjut keluhan dalam 3 hari", "Laporan survei triwulanan; 90% keluhan ditindaklanjuti dalam 3 hari kerja", []string{"BP", "BP1", "BP3"}},
	{"Unggahan #BanggaMelayaniBangsa di media sosial unit", "Minimal dua unggahan per bulan dengan logo BerAKHLAK", []string{"LO", "LO2", "AD"}},
	{"Berbagi pengetahuan internal setiap Jumat", "Satu sesi berbagi per minggu; materi dan daftar hadir terunggah", []string{"KO", "KO3", "KL1"}},
	{"Inovasi layanan daring untuk satu proses yang masih manual", "Satu proses berpindah ke layanan daring dan dipakai pengguna", []string{"AD", "AD1", "AD2"}},
	{"Rapat koordinasi lintas unit untuk kegiatan bersama", "Notula rapat bulanan dengan keputusan dan penanggung jawabnya", []string{"KL", "KL2", "KL3"}},
}

// seedAlignment adds a past Leader Alignment Session of the eselon I and II
// leaders, with attendance, signed pledges (one signed by a Plh., one
// superseded by a correction) and action items in every status with dated
// notes, and an upcoming session for the eselon III leaders.
func seedAlignment(ctx context.Context, b *builder) error {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		loc = time.FixedZone("WIB", 7*3600)
	}
	day := b.now.In(loc).AddDate(0, -3, 0)
	start := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, loc)
	sess, err := b.db.CreateAlignmentSession(ctx, b.actor, budaya.SessionInput{
		Title:       fmt.Sprintf("Leader Alignment Session Budaya Kerja BerAKHLAK %d", start.Year()),
		StartsAt:    start,
		EndsAt:      start.Add(4 * time.Hour),
		Place:       "Aula Utama Gedung A lantai 2",
		OnlineURL:   "https://vidcon.example.go.id/las-berakhlak",
		Facilitator: "Biro Organisasi dan Sumber Daya Manusia",
		Agenda: "09.00 Pembukaan oleh Sekretaris Jenderal\n09.30 Paparan nilai dasar ASN BerAKHLAK dan employer branding Bangga Melayani Bangsa\n" +
			"10.30 Diskusi kelompok: rencana aksi unit kerja\n12.00 Penandatanganan pakta komitmen\n12.45 Penutupan",
	})
	if err != nil {
		return err
	}
	if _, err := b.db.InviteByLevels(ctx, b.actor, sess.ID, []string{budaya.LevelEselon1, budaya.LevelEselon2}); err != nil {
		return err
	}
	invitees, err := b.db.ListInvitees(ctx, sess.ID)
	if err != nil {
		return err
	}
	if len(invitees) == 0 {
		return fmt.Errorf("no leaders to invite")
	}

	// One eselon II leader is away: the leader of a unit below acts as Plh. for the day.
	actingFor := -1
	var actingUser *budaya.User
	for i, inv := range invitees {
		if inv.UnitLevel != budaya.LevelEselon2 || i == 0 {
			continue
		}
		children, _, err := b.db.ListUnits(ctx, budaya.UnitFilter{ParentID: inv.UnitID})
		if err != nil {
			return err
		}
		for _, c := range children {
			if c.LeaderEmployeeID == 0 {
				continue
			}
			if u, err := b.db.FindEmployeeUser(ctx, c.LeaderEmployeeID); err == nil {
				if _, err := b.db.CreateDelegation(ctx, b.actor, budaya.Delegation{UnitID: inv.UnitID, EmployeeID: c.LeaderEmployeeID, Kind: budaya.ActingPlh,
					DecreeNumber: fmt.Sprintf("SP-%03d/SJ/%d", 40+i, start.Year()), StartsOn: start, EndsOn: start}); err != nil {
					return err
				}
				actingFor, actingUser = i, u
				break
			}
		}
		if actingFor >= 0 {
			break
		}
	}

	sys := budaya.Actor{Name: "demo"}
	var signed []*budaya.Pledge
	var signedBy []*budaya.User
	for i, inv := range invitees {
		// Commitments first, so that the pledges name them.
		n := 2 + b.rng.IntN(2)
		for k := 0; k < n; k++ {
			a := demoActions[(i*3+k)%len(demoActions)]
			due := start.AddDate(0, 1+b.rng.IntN(6), b.rng.IntN(28))
			c, err := b.db.CreateCommitment(ctx, b.actor, budaya.CommitmentInput{SessionID: sess.ID, UnitID: inv.UnitID, Title: a.title, Codes: a.codes,
				DueDate: due, OwnerID: inv.EmployeeID, Measure: a.measure})
			if err != nil {
				return fmt.Errorf("commitment of %s: %w", inv.UnitName, err)
			}
			if err := demoProgress(ctx, b, c, (i+k)%5, start); err != nil {
				return err
			}
		}
		// Most leaders came and signed; a few missed the session.
		if i%9 == 8 {
			continue
		}
		method, by := budaya.CheckinQR, inv.Name
		if i%4 == 3 {
			method, by = budaya.CheckinAdmin, "admin"
		}
		signer, err := b.db.FindEmployeeUser(ctx, inv.EmployeeID)
		if i == actingFor {
			signer, by = actingUser, actingUser.DisplayName+" (Plh.)"
		}
		if err != nil {
			return fmt.Errorf("account of %s: %w", inv.Name, err)
		}
		at := start.Add(time.Duration(b.rng.IntN(25)) * time.Minute)
		if err := b.db.RecordAttendance(ctx, sys, sess.ID, inv.EmployeeID, method, by, at); err != nil {
			return err
		}
		if i%7 == 5 {
			continue // attended, but has not signed yet
		}
		e, err := b.db.FindEmployee(ctx, signer.EmployeeID)
		if err != nil {
			return err
		}
		p, err := b.db.SignPledge(ctx, budaya.Actor{UserID: signer.ID, Name: signer.Username}, budaya.SignInput{SessionID: sess.ID, UnitID: inv.UnitID,
			Signer: signer, Password: Password, TypedName: e.Name, Location: loc, At: start.Add(3*time.Hour + time.Duration(i)*time.Minute)})
		if err != nil {
			return fmt.Errorf("pledge of %s: %w", inv.UnitName, err)
		}
		signed, signedBy = append(signed, p), append(signedBy, signer)
	}
	// The first pledge was corrected the next day: the new one supersedes it, both are kept.
	if len(signed) > 0 {
		p, u := signed[0], signedBy[0]
		e, err := b.db.FindEmployee(ctx, u.EmployeeID)
		if err != nil {
			return err
		}
		if _, err := b.db.SignPledge(ctx, budaya.Actor{UserID: u.ID, Name: u.Username}, budaya.SignInput{SessionID: sess.ID, UnitID: p.UnitID, Signer: u,
			Password: Password, TypedName: e.Name, Location: loc, Supersedes: p.ID, At: start.Add(26 * time.Hour),
			Reason: "Rencana aksi unit dilengkapi setelah rapat pimpinan; target tanggal diperbaiki."}); err != nil {
			return fmt.Errorf("correction: %w", err)
		}
	}

	// The eselon III leaders meet in two weeks: from here on, events write
	// their mail (the calendar invitations of this session, the agent report
	// returned in seedRoadmap) to the outbox.
	b.db.SetMailer(b.composer())
	next := time.Date(b.now.In(loc).Year(), b.now.In(loc).Month(), b.now.In(loc).Day(), 13, 30, 0, 0, loc).AddDate(0, 0, 14)
	up, err := b.db.CreateAlignmentSession(ctx, b.actor, budaya.SessionInput{Title: "Leader Alignment Session Pejabat Administrator", StartsAt: next,
		EndsAt: next.Add(3 * time.Hour), Place: "Ruang Rapat Lantai 5", Facilitator: "Biro Organisasi dan Sumber Daya Manusia",
		Agenda: "Penyelarasan komitmen pejabat administrator dan rencana aksi bidang"})
	if err != nil {
		return err
	}
	_, err = b.db.InviteByLevels(ctx, b.actor, up.ID, []string{budaya.LevelEselon3})
	return err
}

// demoProgress moves a commitment along: kind 0 stays planned, 1 is in
// progress, 2 and 3 are done, 4 was dropped; notes are dated after the session.
func demoProgress(ctx context.Context, b *builder, c *budaya.Commitment, kind int, start time.Time) error {
	type step struct {
		status, text string
		days         int
	}
	var steps []step
	switch kind {
	case 1:
		steps = []step{{budaya.CommitmentInProgress, "Kegiatan dimulai; jadwal disepakati dalam rapat unit.", 10}}
	case 2, 3:
		steps = []step{{budaya.CommitmentInProgress, "Kegiatan berjalan sesuai rencana.", 7}, {"", "Separuh target tercapai; dokumentasi dikumpulkan.", 30},
			{budaya.CommitmentDone, "Target tercapai; laporan akhir disampaikan kepada pimpinan.", 60}}
	case 4:
		steps = []step{{budaya.CommitmentDropped, "Digabung dengan rencana aksi unit induk agar tidak tumpang tindih.", 20}}
	}
	for _, s := range steps {
		at := start.AddDate(0, 0, s.days)
		if at.After(b.now) {
			at = b.now.Add(-time.Hour)
		}
		// The owner reports their own progress, under their name.
		if err := b.db.AddCommitmentNote(ctx, budaya.Actor{Name: c.OwnerName}, c.ID, budaya.NoteInput{Status: s.status, Text: s.text, At: at}); err != nil {
			return err
		}
	}
	return nil
}
