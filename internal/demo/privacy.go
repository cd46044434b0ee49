package demo

import (
	"context"
	"strconv"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// seedPrivacy adds what a running programme's privacy register looks like:
// answered and open data-subject requests (one close to its 3 x 24 hour
// deadline), a restriction of processing, and retention periods set by the
// admin.
func seedPrivacy(ctx context.Context, b *builder) error {
	if b.org == nil || len(b.org.IDs) < 10 {
		return nil
	}
	person := func(i int) (int64, string) {
		i = i % len(b.org.IDs)
		return b.org.IDs[i], b.org.Employees[i].Name
	}
	type req struct {
		who      int
		kind     budaya.SubjectRequestKind
		detail   string
		received time.Duration // before now
		answer   string
	}
	reqs := []req{
		{3, budaya.RequestAccess, "Meminta salinan seluruh data pribadi yang disimpan budaya.", 40 * 24 * time.Hour, "Salinan data (JSON dan PDF) dikirim lewat surel dinas; pegawai juga dapat mengunduhnya di halaman Data saya."},
		{17, budaya.RequestRectification, "Gelar belakang tertulis S.E., seharusnya S.E., M.M.", 12 * 24 * time.Hour, "Data diperbaiki dari SK terbaru melalui impor data kepegawaian."},
		{29, budaya.RequestRestriction, "Sedang cuti di luar tanggungan negara; mohon tidak diikutkan dalam survei dan nominasi.", 3 * 24 * time.Hour, "Pemrosesan dibatasi sampai pegawai aktif kembali."},
		{41, budaya.RequestAccess, "Meminta riwayat pemrosesan data (jejak audit) tahun ini.", 50 * time.Hour, ""},
		{53, budaya.RequestObjection, "Keberatan atas peringkat otomatis pada papan apresiasi.", 6 * time.Hour, ""},
	}
	for _, r := range reqs {
		id, name := person(r.who)
		sr := &budaya.SubjectRequest{EmployeeID: id, RequesterName: name, Kind: r.kind, Detail: r.detail, ReceivedAt: b.db.Now().Add(-r.received)}
		if err := b.db.CreateSubjectRequest(ctx, b.actor, sr); err != nil {
			return err
		}
		if r.answer != "" {
			if err := b.db.AnswerSubjectRequest(ctx, b.actor, sr.ID, r.answer); err != nil {
				return err
			}
		}
		if r.kind == budaya.RequestRestriction {
			if _, err := b.db.RestrictProcessing(ctx, b.actor, id, sr.ID, "Cuti di luar tanggungan negara (permintaan #"+strconv.FormatInt(sr.ID, 10)+")"); err != nil {
				return err
			}
		}
	}
	for kind, days := range map[string]int{"sessions": 30, "finished_jobs": 90, "revoked_api_tokens": 365} {
		if err := b.db.SetRetention(ctx, b.actor, kind, days); err != nil {
			return err
		}
	}
	return nil
}
