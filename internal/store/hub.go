package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/hub"
)

// HubInstansi is an instansi registered at a national hub (issue 17).
type HubInstansi struct {
	ID        int64
	Code      string
	Name      string
	Kind      string
	Region    string
	PublicKey string
	UserID    int64 // the account whose API tokens push the instansi's packages
	CreatedAt time.Time
}

const hubInstansiColumns = `id, code, name, kind, region, public_key, user_id, created_at`

func scanHubInstansi(row interface{ Scan(...any) error }) (*HubInstansi, error) {
	var h HubInstansi
	if err := row.Scan(&h.ID, &h.Code, &h.Name, &h.Kind, &h.Region, &h.PublicKey, &h.UserID, &h.CreatedAt); err != nil {
		return nil, err
	}
	h.CreatedAt = h.CreatedAt.UTC()
	return &h, nil
}

// RegisterHubInstansi registers an instansi with its public key, makes the
// account its packages are pushed with (no password: it cannot sign in) and
// returns an API token of that account, shown once.
func (db *DB) RegisterHubInstansi(ctx context.Context, actor budaya.Actor, in hub.InstansiInput) (*HubInstansi, string, error) {
	if err := in.Validate(); err != nil {
		return nil, "", err
	}
	raw, err := randomToken(32)
	if err != nil {
		return nil, "", err
	}
	raw = apiTokenPrefix + raw
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM hub_instansi WHERE code = ? OR public_key = ?`, in.Code, in.PublicKey).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return budaya.Invalid("code", budaya.MsgInstansiPublicKeyAlreadyRegistered, in.Code)
		}
		uid, err := tx.insertUser(ctx, budaya.UserInput{Username: "hub-" + strings.ToLower(in.Code), DisplayName: in.Name,
			Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}, "")
		if err != nil {
			return err
		}
		now := db.Now()
		if id, err = tx.insert(ctx, `INSERT INTO hub_instansi (code, name, kind, region, public_key, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			in.Code, in.Name, in.Kind, in.Region, in.PublicKey, uid, now); err != nil {
			return fmt.Errorf("insert hub instansi: %w", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)`,
			uid, "hub-push", tokenHash(raw), now); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "hub_instansi", id, nil, in)
	})
	if err != nil {
		return nil, "", err
	}
	h, err := db.FindHubInstansi(ctx, "id", id)
	return h, raw, err
}

// FindHubInstansi returns the registered instansi whose column by ("id",
// "code" or "user_id") equals v.
func (db *DB) FindHubInstansi(ctx context.Context, by string, v any) (*HubInstansi, error) {
	switch by {
	case "id", "code", "user_id":
	default:
		return nil, fmt.Errorf("find hub instansi by %q", by)
	}
	h, err := scanHubInstansi(db.queryRow(ctx, `SELECT `+hubInstansiColumns+` FROM hub_instansi WHERE `+by+` = ?`, v))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgRegisteredInstansiNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find hub instansi: %w", err)
	}
	return h, nil
}

// ListHubInstansi returns every registered instansi by code.
func (db *DB) ListHubInstansi(ctx context.Context) ([]HubInstansi, error) {
	rows, err := db.query(ctx, `SELECT `+hubInstansiColumns+` FROM hub_instansi ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("list hub instansi: %w", err)
	}
	defer rows.Close()
	var out []HubInstansi
	for rows.Next() {
		h, err := scanHubInstansi(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *h)
	}
	return out, rows.Err()
}

// HubPackage is one accepted package.
type HubPackage struct {
	ID           int64
	InstansiID   int64
	Label        string
	Version      int
	Superseded   bool
	K            int
	Digest       string
	ReceivedAt   time.Time
	ReceivedBy   string
	InstansiCode string
}

// AcceptHubPackage keeps a verified package of inst (hub.Open and hub.Check
// passed, the key is inst's): version 1, or the next version superseding the
// current one of the same period label. The same package twice is refused.
func (db *DB) AcceptHubPackage(ctx context.Context, actor budaya.Actor, inst *HubInstansi, p *hub.Package, signed []byte, digest string) (*HubPackage, error) {
	out := &HubPackage{InstansiID: inst.ID, Label: p.Period.Label, K: p.Period.K, Digest: digest, ReceivedAt: db.Now(), ReceivedBy: actor.Name, InstansiCode: inst.Code}
	err := db.inTx(ctx, func(tx *Tx) error {
		var dup int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM hub_packages WHERE instansi_id = ? AND digest = ?`, inst.ID, digest).Scan(&dup); err != nil {
			return err
		}
		if dup > 0 {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgPackageReceivedBeforeNotKept)
		}
		var prev sql.NullInt64
		if err := tx.queryRow(ctx, `SELECT MAX(version) FROM hub_packages WHERE instansi_id = ? AND period_label = ?`, inst.ID, p.Period.Label).Scan(&prev); err != nil {
			return err
		}
		out.Version = int(prev.Int64) + 1
		var err error
		if out.ID, err = tx.insert(ctx, `INSERT INTO hub_packages (instansi_id, period_label, period_starts, version, k, digest, signed, received_at, received_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, inst.ID, p.Period.Label, p.Period.Starts, out.Version, p.Period.K, digest, string(signed), out.ReceivedAt, actor.Name); err != nil {
			return fmt.Errorf("insert hub package: %w", err)
		}
		if _, err := tx.exec(ctx, `UPDATE hub_packages SET superseded_by = ? WHERE instansi_id = ? AND period_label = ? AND id <> ? AND superseded_by IS NULL`,
			out.ID, inst.ID, p.Period.Label, out.ID); err != nil {
			return err
		}
		groups := newBatch(tx, `INSERT INTO hub_groups (package_id, code, name, level, n, tasks_total, tasks_done, response_rate) VALUES `, 8)
		figs := newBatch(tx, `INSERT INTO hub_figures (package_id, group_code, kind, code, score, n, ci_low, ci_high, alpha, band) VALUES `, 10)
		fig := func(g, kind string, f hub.Figure, alpha *float64) error {
			return figs.add(ctx, out.ID, g, kind, f.Code, f.Score, f.N, nullFloat(f.CILow), nullFloat(f.CIHigh), nullFloat(alpha), f.Band)
		}
		for _, g := range p.Groups {
			if err := groups.add(ctx, out.ID, g.Code, g.Name, g.Level, g.N, g.TasksTotal, g.TasksDone, g.ResponseRate); err != nil {
				return err
			}
			if err := fig(g.Code, "overall", g.Overall, nil); err != nil {
				return err
			}
			for _, v := range g.Values {
				if err := fig(g.Code, "value", v.Figure, v.Alpha); err != nil {
					return err
				}
				for _, b := range v.Behaviours {
					if err := fig(g.Code, "behaviour", b, nil); err != nil {
						return err
					}
				}
			}
		}
		if err := groups.flush(ctx); err != nil {
			return err
		}
		if err := figs.flush(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "hub_package", out.ID, nil, map[string]any{"instansi": inst.Code, "label": p.Period.Label, "version": out.Version, "digest": digest})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// ListHubPackages returns the packages of instansi id (0: all), newest first.
func (db *DB) ListHubPackages(ctx context.Context, instansiID int64) ([]HubPackage, error) {
	q := `SELECT p.id, p.instansi_id, p.period_label, p.version, p.superseded_by IS NOT NULL, p.k, p.digest, p.received_at, p.received_by, i.code
		FROM hub_packages p JOIN hub_instansi i ON i.id = p.instansi_id`
	var args []any
	if instansiID != 0 {
		q += ` WHERE p.instansi_id = ?`
		args = append(args, instansiID)
	}
	rows, err := db.query(ctx, q+` ORDER BY p.received_at DESC, p.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("list hub packages: %w", err)
	}
	defer rows.Close()
	var out []HubPackage
	for rows.Next() {
		var h HubPackage
		if err := rows.Scan(&h.ID, &h.InstansiID, &h.Label, &h.Version, &h.Superseded, &h.K, &h.Digest, &h.ReceivedAt, &h.ReceivedBy, &h.InstansiCode); err != nil {
			return nil, err
		}
		h.ReceivedAt = h.ReceivedAt.UTC()
		out = append(out, h)
	}
	return out, rows.Err()
}

// HubLabels returns the period labels of the current packages, oldest first.
func (db *DB) HubLabels(ctx context.Context) ([]string, error) {
	rows, err := db.query(ctx, `SELECT period_label FROM hub_packages WHERE superseded_by IS NULL GROUP BY period_label ORDER BY MIN(period_starts), period_label`)
	if err != nil {
		return nil, fmt.Errorf("hub labels: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// HubFigure is one stored figure of a package's instansi level.
type HubFigure struct {
	Kind   string
	Code   string
	Score  float64
	N      int64
	CILow  sql.NullFloat64
	CIHigh sql.NullFloat64
	Alpha  sql.NullFloat64
	Band   string
}

// HubRow is one instansi's current instansi-level figures of a period label.
type HubRow struct {
	Instansi     HubInstansi
	PackageID    int64
	Version      int
	Label        string
	K            int
	N            int64
	ResponseRate float64
	ReceivedAt   time.Time
	Overall      HubFigure
	Values       map[string]HubFigure
}

// HubIndex returns the instansi-level figures (the group whose code is the
// instansi's code, which hub.Check makes the first group of a package) (overall and values) of the
// current packages of the labels (nil: all), by label then instansi code.
// instansiID limits it to one instansi (0: all).
//
// It reads in three narrow queries (instansi, packages, figures) and joins
// them here: one wide joined row per figure repeated every instansi and
// package column nine times, and scanning those columns was most of the
// cost of an uncached national view.
func (db *DB) HubIndex(ctx context.Context, labels []string, instansiID int64) ([]HubRow, error) {
	where := `p.superseded_by IS NULL`
	var args []any
	if labels != nil {
		if len(labels) == 0 {
			return nil, nil
		}
		where += ` AND p.period_label IN (` + placeholders(len(labels)) + `)`
		for _, l := range labels {
			args = append(args, l)
		}
	}
	if instansiID != 0 {
		where += ` AND p.instansi_id = ?`
		args = append(args, instansiID)
	}
	all, err := db.ListHubInstansi(ctx)
	if err != nil {
		return nil, err
	}
	instansi := make(map[int64]HubInstansi, len(all))
	for _, in := range all {
		instansi[in.ID] = in
	}
	rows, err := db.query(ctx, `SELECT p.id, p.instansi_id, p.version, p.period_label, p.k, p.received_at, g.n, g.response_rate
		FROM hub_packages p
		JOIN hub_instansi i ON i.id = p.instansi_id
		JOIN hub_groups g ON g.package_id = p.id AND g.code = i.code
		WHERE `+where+` ORDER BY p.period_starts, p.period_label, i.code, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("hub index: %w", err)
	}
	var out []HubRow
	at := map[int64]int{} // package id → its row in out
	for rows.Next() {
		var r HubRow
		var inst int64
		if err := rows.Scan(&r.PackageID, &inst, &r.Version, &r.Label, &r.K, &r.ReceivedAt, &r.N, &r.ResponseRate); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan hub index: %w", err)
		}
		r.Instansi = instansi[inst]
		r.ReceivedAt = r.ReceivedAt.UTC()
		r.Values = map[string]HubFigure{}
		at[r.PackageID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("hub index: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	// The figures are read with the same filter but without "not
	// superseded", and kept only for the packages just listed: a package's
	// figures never change once accepted, so a package superseded or
	// accepted in between changes nothing here.
	var fargs []any
	fwhere := `1 = 1`
	if labels != nil {
		fwhere += ` AND p.period_label IN (` + placeholders(len(labels)) + `)`
		for _, l := range labels {
			fargs = append(fargs, l)
		}
	}
	if instansiID != 0 {
		fwhere += ` AND p.instansi_id = ?`
		fargs = append(fargs, instansiID)
	}
	rows, err = db.query(ctx, `SELECT f.package_id, f.kind, f.code, f.score, f.n, f.ci_low, f.ci_high, f.alpha, f.band
		FROM hub_packages p
		JOIN hub_instansi i ON i.id = p.instansi_id
		JOIN hub_figures f ON f.package_id = p.id AND f.group_code = i.code AND f.kind IN ('overall', 'value')
		WHERE `+fwhere, fargs...)
	if err != nil {
		return nil, fmt.Errorf("hub figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var f HubFigure
		if err := rows.Scan(&id, &f.Kind, &f.Code, &f.Score, &f.N, &f.CILow, &f.CIHigh, &f.Alpha, &f.Band); err != nil {
			return nil, fmt.Errorf("scan hub figures: %w", err)
		}
		i, ok := at[id]
		if !ok {
			continue // a superseded version, or one accepted since the list was read
		}
		if f.Kind == "overall" {
			out[i].Overall = f
		} else {
			out[i].Values[f.Code] = f
		}
	}
	return out, rows.Err()
}

// HubVersion changes whenever a package is accepted or an instansi is
// registered, so that a hub may cache its views (any process sees it).
func (db *DB) HubVersion(ctx context.Context) (string, error) {
	var pk, pn, ik, in sql.NullInt64
	if err := db.queryRow(ctx, `SELECT (SELECT MAX(id) FROM hub_packages), (SELECT COUNT(*) FROM hub_packages), (SELECT MAX(id) FROM hub_instansi), (SELECT COUNT(*) FROM hub_instansi)`).Scan(&pk, &pn, &ik, &in); err != nil {
		return "", fmt.Errorf("hub version: %w", err)
	}
	return fmt.Sprintf("%d/%d/%d/%d", pk.Int64, pn.Int64, ik.Int64, in.Int64), nil
}
