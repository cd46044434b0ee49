package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// FindEmployeeUser returns the account linked to the employee.
func (db *DB) FindEmployeeUser(ctx context.Context, employeeID int64) (*budaya.User, error) {
	return db.findUser(ctx, `employee_id = ?`, employeeID)
}

// GrantEmployeeRole gives the employee's account the role g, first creating
// the account when there is none: its username is the NIP (or the other
// identifier), it holds the role pegawai, and it has no password until one is
// set through a one-time link or by an admin. pimpinan and agen_perubahan
// need an open unit; the other roles are not tied to a unit.
func (db *DB) GrantEmployeeRole(ctx context.Context, actor budaya.Actor, employeeID int64, g budaya.RoleGrant) (*budaya.User, error) {
	if _, err := budaya.ParseRole(string(g.Role)); err != nil {
		return nil, err
	}
	if !budaya.UnitScoped(g.Role) {
		g.UnitID = 0
	} else if g.UnitID == 0 {
		return nil, budaya.Invalid("unit", budaya.MsgRoleMustBeTied, g.Role)
	}
	var userID int64
	err := db.inTx(ctx, func(tx *Tx) error {
		e, err := findEmployee(ctx, tx, `id = ?`, employeeID)
		if err != nil {
			return err
		}
		if !e.Active {
			return budaya.Invalid("employee", budaya.MsgInactiveActivateThemBeforeGranting, e.FullName())
		}
		if g.UnitID != 0 {
			u, err := findUnit(ctx, tx, `id = ?`, g.UnitID)
			if budaya.ErrorCode(err) == budaya.ENOTFOUND {
				return budaya.Invalid("unit", budaya.MsgUnitIDDoesNotExist, g.UnitID)
			}
			if err != nil {
				return err
			}
			if u.Closed() {
				return budaya.Invalid("unit", budaya.MsgUnitClosed, u.Code, u.Name)
			}
		}
		err = tx.queryRow(ctx, `SELECT id FROM app_users WHERE employee_id = ?`, employeeID).Scan(&userID)
		if errors.Is(err, sql.ErrNoRows) {
			username := budaya.UsernameFor(e)
			if userID, err = tx.insertUser(ctx, budaya.UserInput{Username: username, DisplayName: e.FullName(), EmployeeID: e.ID,
				Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}, ""); err != nil {
				return err
			}
			if err := tx.audit(ctx, actor, "create", "user", userID, nil, map[string]any{"username": username, "employee_id": e.ID}); err != nil {
				return err
			}
		} else if err != nil {
			return fmt.Errorf("find account of employee %d: %w", employeeID, err)
		}
		if err := tx.grantRole(ctx, userID, g); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "grant_role", "user", userID, nil, map[string]any{"role": g.Role, "unit_id": g.UnitID, "employee_id": employeeID})
	})
	if err != nil {
		return nil, err
	}
	return db.FindUser(ctx, userID)
}

// RevokeRole takes role g from a user. The last admin keeps the role, so that
// someone can always manage budaya.
func (db *DB) RevokeRole(ctx context.Context, actor budaya.Actor, userID int64, g budaya.RoleGrant) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if g.Role == budaya.RoleAdmin {
			var admins int
			if err := tx.queryRow(ctx, `SELECT COUNT(DISTINCT r.user_id) FROM user_roles r JOIN app_users ON app_users.id = r.user_id
				WHERE r.role = ? AND NOT `+userDisabled+` AND r.user_id <> ?`, string(budaya.RoleAdmin), userID).Scan(&admins); err != nil {
				return err
			}
			if admins == 0 {
				return budaya.Errorf(budaya.ECONFLICT, budaya.MsgLastAdministratorGrantAdmin)
			}
		}
		res, err := tx.exec(ctx, `DELETE FROM user_roles WHERE user_id = ? AND role = ? AND COALESCE(unit_id, 0) = ?`, userID, string(g.Role), g.UnitID)
		if err != nil {
			return fmt.Errorf("revoke role: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.NotFound(budaya.MsgRoleNotFound)
		}
		return tx.audit(ctx, actor, "revoke_role", "user", userID, map[string]any{"role": g.Role, "unit_id": g.UnitID}, nil)
	})
}

// CreatePasswordLink makes a one-time link with which the user sets a
// password, valid for budaya.PasswordLinkLifetime. Earlier unused links of the
// user stop working. Only the token's hash is stored; the token is returned
// this once.
func (db *DB) CreatePasswordLink(ctx context.Context, actor budaya.Actor, userID int64) (string, time.Time, error) {
	token, err := randomToken(32)
	if err != nil {
		return "", time.Time{}, err
	}
	now := db.Now()
	expires := now.Add(budaya.PasswordLinkLifetime)
	err = db.inTx(ctx, func(tx *Tx) error {
		if _, err := findUserTx(ctx, tx, userID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE password_links SET expires_at = ? WHERE user_id = ? AND used_at IS NULL AND expires_at > ?`, now, userID, now); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO password_links (user_id, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			userID, tokenHash(token), nullID(actor.UserID), now, expires); err != nil {
			return fmt.Errorf("insert password link: %w", err)
		}
		return tx.audit(ctx, actor, "password_link", "user", userID, nil, map[string]any{"expires_at": expires})
	})
	if err != nil {
		return "", time.Time{}, err
	}
	return token, expires, nil
}

func findUserTx(ctx context.Context, tx *Tx, id int64) (string, error) {
	var username string
	err := tx.queryRow(ctx, `SELECT username FROM app_users WHERE id = ?`, id).Scan(&username)
	if errors.Is(err, sql.ErrNoRows) {
		return "", budaya.NotFound(budaya.MsgUserNotFound)
	}
	return username, err
}

func errBadPasswordLink() error {
	return budaya.Errorf(budaya.ENOTFOUND, budaya.MsgLinkNotValidUsed)
}

// FindPasswordLink returns the user a valid (unused, unexpired) link belongs to.
func (db *DB) FindPasswordLink(ctx context.Context, token string) (*budaya.User, error) {
	var userID int64
	err := db.queryRow(ctx, `SELECT user_id FROM password_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`, tokenHash(token), db.Now()).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBadPasswordLink()
	}
	if err != nil {
		return nil, fmt.Errorf("find password link: %w", err)
	}
	return db.FindUser(ctx, userID)
}

// UsePasswordLink sets the password of the link's user under the password
// policy and spends the link, so it works once.
func (db *DB) UsePasswordLink(ctx context.Context, token, password, remoteAddr string) (*budaya.User, error) {
	u, err := db.FindPasswordLink(ctx, token)
	if err != nil {
		return nil, err
	}
	if err := budaya.ValidatePassword(password, u.Username); err != nil {
		return nil, err
	}
	hash, err := db.hashPassword(ctx, password)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		now := db.Now()
		res, err := tx.exec(ctx, `UPDATE password_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`, now, tokenHash(token), now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errBadPasswordLink()
		}
		if err := tx.setPassword(ctx, u.ID, password, hash); err != nil {
			return err
		}
		return tx.audit(ctx, budaya.Actor{UserID: u.ID, Name: u.Username, RemoteAddr: remoteAddr}, "set_password", "user", u.ID, nil, map[string]string{"via": "one-time link"})
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
