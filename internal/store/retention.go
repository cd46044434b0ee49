package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// RetentionKind is a kind of data budaya destroys once it is older than the
// period an admin set (or the default). The audit log is not a kind: it is
// the processing record that UU PDP and BSSN 4/2021 ask to keep, and its
// table refuses UPDATE and DELETE (see docs/privacy.md).
type RetentionKind struct {
	Kind        string
	Table       string
	DateColumn  string // rows whose date is older than now - days are due
	Condition   string // extra SQL condition, "" for none
	DefaultDays int    // 0: kept until an admin sets a period
	MinDays     int    // shortest period allowed
	Label       string // Bahasa Indonesia
	LabelEN     string
}

// MaxRetentionDays is the longest period an admin may set (10 years).
const MaxRetentionDays = 3650

// RetentionKinds lists every kind. Capabilities add theirs here (e.g.
// finished measurement periods' raw answers, old recognition).
func RetentionKinds() []RetentionKind {
	return []RetentionKind{
		{Kind: "sessions", Table: "sessions", DateColumn: "last_seen_at", DefaultDays: 30, MinDays: 1,
			Label: "Sesi masuk yang tidak dipakai lagi", LabelEN: "Sign-in sessions no longer used"},
		{Kind: "password_links", Table: "password_links", DateColumn: "expires_at", DefaultDays: 30, MinDays: 1,
			Label: "Tautan pembuatan kata sandi yang kedaluwarsa", LabelEN: "Expired password links"},
		{Kind: "revoked_api_tokens", Table: "api_tokens", DateColumn: "revoked_at", Condition: "revoked_at IS NOT NULL", DefaultDays: 365, MinDays: 1,
			Label: "Token API yang dicabut", LabelEN: "Revoked API tokens"},
		{Kind: "finished_jobs", Table: "jobs", DateColumn: "finished_at", Condition: "status IN ('done', 'failed')", DefaultDays: 90, MinDays: 7,
			Label: "Pekerjaan latar yang selesai", LabelEN: "Finished background jobs"},
		{Kind: "password_history", Table: "password_history", DateColumn: "created_at", DefaultDays: 730, MinDays: 365,
			Label: "Riwayat hash kata sandi (untuk menolak sandi lama)", LabelEN: "Password hash history (to refuse old passwords)"},
		{Kind: "answered_subject_requests", Table: "subject_requests", DateColumn: "answered_at", Condition: "answered_at IS NOT NULL", DefaultDays: 1825, MinDays: 365,
			Label: "Permintaan subjek data yang sudah dijawab", LabelEN: "Answered data-subject requests"},
		{Kind: "sent_mail", Table: "mail_outbox", DateColumn: "created_at", Condition: "status IN ('sent', 'failed')", DefaultDays: 180, MinDays: 7,
			Label: "Surel yang sudah terkirim atau gagal (alamat dan isi)", LabelEN: "Mail sent or failed (addresses and text)"},
	}
}

func retentionSettingKey(kind string) string { return "retention." + kind }

// RetentionPolicy is a kind with its period in force and what is due now.
type RetentionPolicy struct {
	RetentionKind
	Days   int       // 0: kept
	Cutoff time.Time // rows dated before this are due
	Due    int64
}

// RetentionPolicies returns every kind with its period and how many rows are due.
func (db *DB) RetentionPolicies(ctx context.Context) ([]RetentionPolicy, error) {
	now := db.Now()
	var out []RetentionPolicy
	for _, k := range RetentionKinds() {
		p := RetentionPolicy{RetentionKind: k, Days: k.DefaultDays}
		v, err := db.Setting(ctx, retentionSettingKey(k.Kind), "")
		if err != nil {
			return nil, err
		}
		if v != "" {
			if p.Days, err = strconv.Atoi(v); err != nil {
				return nil, fmt.Errorf("setting %s: %w", retentionSettingKey(k.Kind), err)
			}
		}
		if p.Days > 0 {
			p.Cutoff = now.AddDate(0, 0, -p.Days)
			cond, args := p.where()
			if err := db.queryRow(ctx, `SELECT COUNT(*) FROM `+quoteIdent(k.Table)+cond, args...).Scan(&p.Due); err != nil {
				return nil, fmt.Errorf("count due %s: %w", k.Kind, err)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func (p *RetentionPolicy) where() (string, []any) {
	cond := ` WHERE ` + quoteIdent(p.DateColumn) + ` < ?`
	if p.Condition != "" {
		cond += ` AND (` + p.Condition + `)`
	}
	return cond, []any{p.Cutoff}
}

// SetRetention sets how many days data of kind is kept (0: keep).
func (db *DB) SetRetention(ctx context.Context, actor budaya.Actor, kind string, days int) error {
	for _, k := range RetentionKinds() {
		if k.Kind != kind {
			continue
		}
		if days != 0 && (days < k.MinDays || days > MaxRetentionDays) {
			return budaya.Invalid("days", budaya.MsgRetentionMustBeKept, k.Label, k.MinDays, MaxRetentionDays)
		}
		if days < 0 {
			return budaya.Invalid("days", budaya.MsgRetentionPeriodCannotBeNegative)
		}
		return db.SetSetting(ctx, actor, retentionSettingKey(kind), strconv.Itoa(days))
	}
	return budaya.Invalid("kind", budaya.MsgDataKindNotKnown, kind)
}

// RetentionResult is what a retention run destroyed (or would destroy) of a kind.
type RetentionResult struct {
	Kind    string    `json:"kind"`
	Days    int       `json:"days"`
	Cutoff  time.Time `json:"cutoff"`
	Deleted int64     `json:"deleted"`
}

// ApplyRetention destroys every row that is due, in one transaction, and
// leaves one audit entry with the counts (never the content). With dryRun it
// only counts.
func (db *DB) ApplyRetention(ctx context.Context, actor budaya.Actor, dryRun bool) ([]RetentionResult, error) {
	policies, err := db.RetentionPolicies(ctx)
	if err != nil {
		return nil, err
	}
	var out []RetentionResult
	if dryRun {
		for _, p := range policies {
			if p.Days > 0 {
				out = append(out, RetentionResult{Kind: p.Kind, Days: p.Days, Cutoff: p.Cutoff, Deleted: p.Due})
			}
		}
		return out, nil
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		counts := map[string]int64{}
		for _, p := range policies {
			if p.Days == 0 {
				continue
			}
			cond, args := p.where()
			res, err := tx.exec(ctx, `DELETE FROM `+quoteIdent(p.Table)+cond, args...)
			if err != nil {
				return fmt.Errorf("retention %s: %w", p.Kind, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			counts[p.Kind] = n
			out = append(out, RetentionResult{Kind: p.Kind, Days: p.Days, Cutoff: p.Cutoff, Deleted: n})
		}
		return tx.audit(ctx, actor, "retention", "data", "", nil, map[string]any{"deleted": counts})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
