package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Setting keys.
const (
	SettingInstansiName = "instansi_name"
	SettingInstansiCode = "instansi_code" // the code a national hub knows the instansi by (issue 17)
	SettingTimezone     = "timezone"
	SettingDemo         = "demo"
)

// Setting returns the value of key, or def when it is not set.
func (db *DB) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := db.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores key = value and audits the change.
func (db *DB) SetSetting(ctx context.Context, actor budaya.Actor, key, value string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var old string
		err := tx.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, key, value); err != nil {
				return err
			}
		case err != nil:
			return err
		case old == value:
			return nil
		default:
			if _, err := tx.exec(ctx, `UPDATE settings SET value = ? WHERE key = ?`, value, key); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "update", "setting", key, old, value)
	})
}
