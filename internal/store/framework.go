package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// EnsureOfficialFramework stores BerAKHLAK version 1 from the embedded
// official data when no framework exists yet. It is safe to call at every start.
func (db *DB) EnsureOfficialFramework(ctx context.Context) error {
	f, err := budaya.OfficialFramework()
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM frameworks`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		now := db.Now()
		f.PublishedAt, f.CreatedAt = now, now
		id, err := tx.insertFramework(ctx, f)
		if err != nil {
			return err
		}
		return tx.audit(ctx, budaya.SystemActor("budaya"), "seed", "framework", id, nil,
			map[string]any{"code": f.Code, "version": f.Version, "values": len(f.Values)})
	})
}

func (tx *Tx) insertFramework(ctx context.Context, f *budaya.Framework) (int64, error) {
	id, err := tx.insert(ctx, `INSERT INTO frameworks (code, version, name, employer_branding, source, status, published_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, f.Code, f.Version, f.Name, f.EmployerBranding, f.Source, f.Status, nullTime(f.PublishedAt), f.CreatedAt)
	if err != nil {
		return 0, fmt.Errorf("insert framework: %w", err)
	}
	valueIDs := map[string]int64{}
	for _, v := range f.Values {
		vid, err := tx.insertValue(ctx, id, v)
		if err != nil {
			return 0, err
		}
		valueIDs[v.Code] = vid
	}
	for _, v := range f.Values {
		for _, c := range v.MapsTo {
			if _, err := tx.exec(ctx, `INSERT INTO value_mappings (instansi_value_id, core_value_id) VALUES (?, ?)`, valueIDs[v.Code], valueIDs[c]); err != nil {
				return 0, fmt.Errorf("insert mapping %s->%s: %w", v.Code, c, err)
			}
		}
	}
	return id, nil
}

func (tx *Tx) insertValue(ctx context.Context, frameworkID int64, v budaya.Value) (int64, error) {
	vid, err := tx.insert(ctx, `INSERT INTO framework_values (framework_id, code, kind, name, name_en, definition, definition_en, position)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, frameworkID, v.Code, v.Kind, v.Name, v.NameEN, v.Definition, v.DefinitionEN, v.Position)
	if err != nil {
		return 0, fmt.Errorf("insert value %s: %w", v.Code, err)
	}
	for _, b := range v.Behaviours {
		if _, err := tx.exec(ctx, `INSERT INTO framework_behaviours (value_id, code, text, text_en, position) VALUES (?, ?, ?, ?, ?)`,
			vid, b.Code, b.Text, b.TextEN, b.Position); err != nil {
			return 0, fmt.Errorf("insert behaviour %s: %w", b.Code, err)
		}
	}
	return vid, nil
}

const frameworkColumns = `id, code, version, name, employer_branding, source, status, published_at, created_at`

// ActiveFramework returns the newest published framework version.
//
// Which version is active is read with every call (one indexed row, so every
// server sees a publication at once); the version itself, frozen once
// published, comes from the cache of frozen versions: the home page, the
// wall and the framework pages loaded its values, behaviours and mappings
// with three more queries on every view. The caller gets its own copy.
func (db *DB) ActiveFramework(ctx context.Context) (*budaya.Framework, error) {
	var id int64
	err := db.queryRow(ctx, `SELECT id FROM frameworks WHERE status = 'published' ORDER BY version DESC LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgValueFrameworkNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find active framework: %w", err)
	}
	f, err := db.periodFramework(ctx, id)
	if err != nil {
		return nil, err
	}
	return cloneFramework(f), nil
}

// cloneFramework copies f deeply enough that changing the copy's values,
// behaviours or mappings leaves f as it was.
func cloneFramework(f *budaya.Framework) *budaya.Framework {
	c := *f
	c.Values = slices.Clone(f.Values)
	for i := range c.Values {
		c.Values[i].Behaviours = slices.Clone(c.Values[i].Behaviours)
		c.Values[i].MapsTo = slices.Clone(c.Values[i].MapsTo)
	}
	return &c
}

// DraftFramework returns the open draft, if any.
func (db *DB) DraftFramework(ctx context.Context) (*budaya.Framework, error) {
	return db.findFramework(ctx, `status = 'draft' ORDER BY version DESC LIMIT 1`)
}

// FindFramework returns the framework version with id.
func (db *DB) FindFramework(ctx context.Context, id int64) (*budaya.Framework, error) {
	return db.findFramework(ctx, `id = ?`, id)
}

func (db *DB) findFramework(ctx context.Context, cond string, args ...any) (*budaya.Framework, error) {
	var f budaya.Framework
	var published sql.NullTime
	err := db.queryRow(ctx, `SELECT `+frameworkColumns+` FROM frameworks WHERE `+cond, args...).
		Scan(&f.ID, &f.Code, &f.Version, &f.Name, &f.EmployerBranding, &f.Source, &f.Status, &published, &f.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgValueFrameworkNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find framework: %w", err)
	}
	f.PublishedAt = published.Time
	if err := db.loadValues(ctx, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

func (db *DB) loadValues(ctx context.Context, f *budaya.Framework) error {
	rows, err := db.query(ctx, `SELECT id, code, kind, name, name_en, definition, definition_en, position
		FROM framework_values WHERE framework_id = ? ORDER BY kind, position, id`, f.ID)
	if err != nil {
		return fmt.Errorf("load values: %w", err)
	}
	byID := map[int64]int{}
	for rows.Next() {
		var v budaya.Value
		if err := rows.Scan(&v.ID, &v.Code, &v.Kind, &v.Name, &v.NameEN, &v.Definition, &v.DefinitionEN, &v.Position); err != nil {
			rows.Close()
			return err
		}
		byID[v.ID] = len(f.Values)
		f.Values = append(f.Values, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.query(ctx, `SELECT b.id, b.value_id, b.code, b.text, b.text_en, b.position FROM framework_behaviours b
		JOIN framework_values v ON v.id = b.value_id WHERE v.framework_id = ? ORDER BY b.position, b.id`, f.ID)
	if err != nil {
		return fmt.Errorf("load behaviours: %w", err)
	}
	for rows.Next() {
		var b budaya.Behaviour
		var vid int64
		if err := rows.Scan(&b.ID, &vid, &b.Code, &b.Text, &b.TextEN, &b.Position); err != nil {
			rows.Close()
			return err
		}
		v := &f.Values[byID[vid]]
		v.Behaviours = append(v.Behaviours, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.query(ctx, `SELECT m.instansi_value_id, c.code FROM value_mappings m
		JOIN framework_values c ON c.id = m.core_value_id WHERE c.framework_id = ? ORDER BY c.position`, f.ID)
	if err != nil {
		return fmt.Errorf("load mappings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var vid int64
		var code string
		if err := rows.Scan(&vid, &code); err != nil {
			return err
		}
		v := &f.Values[byID[vid]]
		v.MapsTo = append(v.MapsTo, code)
	}
	return rows.Err()
}

// ListFrameworks returns every version, newest first, without values.
func (db *DB) ListFrameworks(ctx context.Context) ([]budaya.Framework, error) {
	rows, err := db.query(ctx, `SELECT `+frameworkColumns+` FROM frameworks ORDER BY version DESC`)
	if err != nil {
		return nil, fmt.Errorf("list frameworks: %w", err)
	}
	defer rows.Close()
	var out []budaya.Framework
	for rows.Next() {
		var f budaya.Framework
		var published sql.NullTime
		if err := rows.Scan(&f.ID, &f.Code, &f.Version, &f.Name, &f.EmployerBranding, &f.Source, &f.Status, &published, &f.CreatedAt); err != nil {
			return nil, err
		}
		f.PublishedAt = published.Time
		out = append(out, f)
	}
	return out, rows.Err()
}

// OpenDraft returns the open draft, or makes one as a copy of the active
// version with the next version number. Published versions are never edited.
func (db *DB) OpenDraft(ctx context.Context, actor budaya.Actor) (*budaya.Framework, error) {
	if d, err := db.DraftFramework(ctx); err == nil {
		return d, nil
	} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
		return nil, err
	}
	active, err := db.ActiveFramework(ctx)
	if err != nil {
		return nil, err
	}
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		var maxVersion int
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM frameworks WHERE code = ?`, active.Code).Scan(&maxVersion); err != nil {
			return err
		}
		d := *active
		d.Version, d.Status, d.PublishedAt, d.CreatedAt = maxVersion+1, budaya.FrameworkDraft, db.Now(), db.Now()
		d.PublishedAt = time.Time{}
		var err error
		if id, err = tx.insertFramework(ctx, &d); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create_draft", "framework", id, nil, map[string]any{"from_version": active.Version, "version": d.Version})
	})
	if err != nil {
		return nil, err
	}
	return db.FindFramework(ctx, id)
}

// draftForUpdate loads framework id inside tx and refuses if it is published.
func (tx *Tx) draftForUpdate(ctx context.Context, id int64) (string, error) {
	var status string
	err := tx.queryRow(ctx, `SELECT status FROM frameworks WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", budaya.NotFound(budaya.MsgValueFrameworkNotFound)
	}
	if err != nil {
		return "", err
	}
	if status == budaya.FrameworkPublished {
		return "", budaya.Errorf(budaya.ECONFLICT,
			budaya.MsgPublishedVersionFrozenCannotChange)
	}
	return status, nil
}

// AddInstansiValue adds an instansi value to draft framework id.
func (db *DB) AddInstansiValue(ctx context.Context, actor budaya.Actor, frameworkID int64, in budaya.InstansiValueInput) error {
	f, err := db.FindFramework(ctx, frameworkID)
	if err != nil {
		return err
	}
	if f.Frozen() {
		return db.inTx(ctx, func(tx *Tx) error { _, err := tx.draftForUpdate(ctx, frameworkID); return err })
	}
	if err := in.Validate(f); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.draftForUpdate(ctx, frameworkID); err != nil {
			return err
		}
		pos := len(f.InstansiValues()) + 1
		vid, err := tx.insertValue(ctx, frameworkID, budaya.Value{Code: in.Code, Kind: budaya.ValueInstansi, Name: in.Name, NameEN: in.NameEN,
			Definition: in.Definition, DefinitionEN: in.DefinitionEN, Position: pos})
		if isUniqueViolation(err) {
			return budaya.Invalid("code", budaya.MsgCodeAlreadyUsedVersion, in.Code)
		}
		if err != nil {
			return err
		}
		for _, c := range in.MapsTo {
			if _, err := tx.exec(ctx, `INSERT INTO value_mappings (instansi_value_id, core_value_id)
				SELECT ?, id FROM framework_values WHERE framework_id = ? AND code = ? AND kind = 'core'`, vid, frameworkID, c); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "add_value", "framework", frameworkID, nil, in)
	})
}

// RemoveInstansiValue removes an instansi value from a draft framework.
func (db *DB) RemoveInstansiValue(ctx context.Context, actor budaya.Actor, frameworkID int64, code string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.draftForUpdate(ctx, frameworkID); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM framework_values WHERE framework_id = ? AND code = ? AND kind = 'instansi'`, frameworkID, code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.NotFound(budaya.MsgInstansiValueNotFound, code)
		}
		return tx.audit(ctx, actor, "remove_value", "framework", frameworkID, map[string]string{"code": code}, nil)
	})
}

// SetEmployerBranding changes the employer-branding line of a draft framework.
func (db *DB) SetEmployerBranding(ctx context.Context, actor budaya.Actor, frameworkID int64, branding string) error {
	branding = strings.TrimSpace(branding)
	if branding == "" || len(branding) > 200 {
		return budaya.Invalid("employer_branding", budaya.MsgEmployerBrandingRequiredMostCharacters)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.draftForUpdate(ctx, frameworkID); err != nil {
			return err
		}
		var old string
		if err := tx.queryRow(ctx, `SELECT employer_branding FROM frameworks WHERE id = ?`, frameworkID).Scan(&old); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE frameworks SET employer_branding = ? WHERE id = ?`, branding, frameworkID); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "update", "framework", frameworkID, map[string]string{"employer_branding": old}, map[string]string{"employer_branding": branding})
	})
}

// PublishFramework publishes a draft; from then on it is frozen and becomes the active version.
func (db *DB) PublishFramework(ctx context.Context, actor budaya.Actor, frameworkID int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.draftForUpdate(ctx, frameworkID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE frameworks SET status = 'published', published_at = ? WHERE id = ?`, db.Now(), frameworkID); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "publish", "framework", frameworkID, map[string]string{"status": "draft"}, map[string]string{"status": "published"})
	})
}
