package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// CreateSession starts a session for userID and returns the raw token for the
// cookie. Only the token's hash is stored.
func (db *DB) CreateSession(ctx context.Context, userID int64, remoteAddr, userAgent string) (string, *budaya.Session, error) {
	return db.createSession(ctx, userID, remoteAddr, userAgent, false)
}

// CreateKioskSession starts a kiosk session (budaya.Session.Kiosk) for userID,
// after KioskSignIn.
func (db *DB) CreateKioskSession(ctx context.Context, userID int64, remoteAddr, userAgent string) (string, *budaya.Session, error) {
	return db.createSession(ctx, userID, remoteAddr, userAgent, true)
}

func (db *DB) createSession(ctx context.Context, userID int64, remoteAddr, userAgent string, kiosk bool) (string, *budaya.Session, error) {
	token, err := randomToken(32)
	if err != nil {
		return "", nil, err
	}
	csrf, err := randomToken(32)
	if err != nil {
		return "", nil, err
	}
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	now := db.Now()
	s := &budaya.Session{UserID: userID, CSRFToken: csrf, CreatedAt: now, LastSeenAt: now, Kiosk: kiosk}
	err = db.inTx(ctx, func(tx *Tx) error {
		// Sweep this user's expired sessions while we are here.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND (last_seen_at < ? OR created_at < ?)`,
			userID, now.Add(-budaya.SessionIdleTimeout), now.Add(-budaya.SessionAbsoluteTimeout)); err != nil {
			return err
		}
		s.ID, err = tx.insert(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, remote_addr, user_agent, kiosk)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tokenHash(token), userID, csrf, now, now, remoteAddr, userAgent, kiosk)
		return err
	})
	if err != nil {
		return "", nil, fmt.Errorf("create session: %w", err)
	}
	return token, s, nil
}

// FindSession returns the live session for token and its user. Sessions past
// the idle or absolute timeout are ended and reported as unauthorized.
func (db *DB) FindSession(ctx context.Context, token string) (*budaya.Session, *budaya.User, error) {
	if token == "" {
		return nil, nil, errNoSession()
	}
	// The session and its account in one read: this runs before every
	// signed-in request.
	var s budaya.Session
	var u budaya.User
	err := db.queryRow(ctx, `SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.kiosk,
		app_users.username, app_users.display_name, COALESCE(app_users.employee_id, 0), `+userDisabled+`, app_users.created_at
		FROM sessions s JOIN app_users ON app_users.id = s.user_id WHERE s.token_hash = ?`, tokenHash(token)).
		Scan(&s.ID, &s.UserID, &s.CSRFToken, &s.CreatedAt, &s.LastSeenAt, &s.Kiosk, &u.Username, &u.DisplayName, &u.EmployeeID, &u.Disabled, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errNoSession()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	u.ID = s.UserID
	now := db.Now()
	if now.Sub(s.LastSeenAt) > s.IdleTimeout() || now.Sub(s.CreatedAt) > budaya.SessionAbsoluteTimeout {
		if err := db.DeleteSession(ctx, token); err != nil {
			return nil, nil, err
		}
		return nil, nil, errNoSession()
	}
	if u.Disabled {
		return nil, nil, errNoSession()
	}
	rows, err := db.query(ctx, `SELECT role, COALESCE(unit_id, 0) FROM user_roles WHERE user_id = ? ORDER BY role, unit_id`, u.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("find user roles: %w", err)
	}
	if u.Roles, err = scanRoles(rows); err != nil {
		return nil, nil, fmt.Errorf("find user roles: %w", err)
	}
	// Touch at most once a minute: a write per request would serialise readers behind the writer.
	if now.Sub(s.LastSeenAt) > s.IdleTimeout()/30 {
		err := db.inTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id = ?`, now, s.ID)
			return err
		})
		if err != nil {
			return nil, nil, fmt.Errorf("touch session: %w", err)
		}
		s.LastSeenAt = now
	}
	return &s, &u, nil
}

func errNoSession() error {
	return budaya.Errorf(budaya.EUNAUTHORIZED, budaya.MsgSessionEndedSignAgain)
}

// DeleteSession ends the session with token.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token))
		return err
	})
}

// apiTokenPrefix marks budaya API tokens so that secret scanners can find leaked ones.
const apiTokenPrefix = "bdy_"

// CreateAPIToken creates a personal API token for userID and returns it; it is
// shown once and only its hash is kept.
func (db *DB) CreateAPIToken(ctx context.Context, actor budaya.Actor, userID int64, name string) (string, *budaya.APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", nil, budaya.Invalid("name", budaya.MsgGiveTokenNameCharacters)
	}
	raw, err := randomToken(32)
	if err != nil {
		return "", nil, err
	}
	raw = apiTokenPrefix + raw
	t := &budaya.APIToken{UserID: userID, Name: name, CreatedAt: db.Now()}
	err = db.inTx(ctx, func(tx *Tx) error {
		var err error
		t.ID, err = tx.insert(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)`,
			userID, name, tokenHash(raw), t.CreatedAt)
		if err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "api_token", t.ID, nil, map[string]any{"user_id": userID, "name": name})
	})
	if err != nil {
		return "", nil, fmt.Errorf("create api token: %w", err)
	}
	return raw, t, nil
}

// FindUserByAPIToken returns the user owning a live API token.
func (db *DB) FindUserByAPIToken(ctx context.Context, raw string) (*budaya.User, error) {
	var id, userID int64
	var lastUsed sql.NullTime
	err := db.queryRow(ctx, `SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`, tokenHash(raw)).
		Scan(&id, &userID, &lastUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.Errorf(budaya.EUNAUTHORIZED, budaya.MsgUnknownRevokedAPIToken)
	}
	if err != nil {
		return nil, fmt.Errorf("find api token: %w", err)
	}
	u, err := db.FindUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, budaya.Errorf(budaya.EUNAUTHORIZED, budaya.MsgTokenOwnerAccountDisabled)
	}
	now := db.Now()
	if !lastUsed.Valid || now.Sub(lastUsed.Time) > budaya.SessionIdleTimeout/30 {
		err := db.inTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, now, id)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("touch api token: %w", err)
		}
	}
	return u, nil
}

// ListAPITokens returns the tokens of userID, newest first.
func (db *DB) ListAPITokens(ctx context.Context, userID int64) ([]budaya.APIToken, error) {
	rows, err := db.query(ctx, `SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list api tokens: %w", err)
	}
	defer rows.Close()
	var out []budaya.APIToken
	for rows.Next() {
		var t budaya.APIToken
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &used, &revoked); err != nil {
			return nil, err
		}
		t.LastUsedAt, t.RevokedAt = used.Time, revoked.Time
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken revokes token id of userID.
func (db *DB) RevokeAPIToken(ctx context.Context, actor budaya.Actor, userID, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, db.Now(), id, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.NotFound(budaya.MsgTokenNotFound)
		}
		return tx.audit(ctx, actor, "revoke", "api_token", id, nil, nil)
	})
}
