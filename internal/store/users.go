package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// CreateUser validates and stores a new user with a hashed password.
func (db *DB) CreateUser(ctx context.Context, actor budaya.Actor, in budaya.UserInput) (*budaya.User, error) {
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	if err := budaya.ValidateUsername(in.Username); err != nil {
		return nil, err
	}
	if err := budaya.ValidatePassword(in.Password, in.Username); err != nil {
		return nil, err
	}
	if in.DisplayName == "" {
		in.DisplayName = in.Username
	}
	hash, err := db.hashPassword(ctx, in.Password)
	if err != nil {
		return nil, err
	}
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		now := db.Now()
		id, err = tx.insert(ctx, `INSERT INTO app_users (username, display_name, password_hash, password_changed_at, employee_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, in.Username, in.DisplayName, hash, now, nullID(in.EmployeeID), now, now)
		if isUniqueViolation(err) {
			return budaya.Invalid("username", budaya.MsgUsernameAlreadyTaken, in.Username)
		}
		if err != nil {
			return fmt.Errorf("insert user: %w", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)`, id, hash, now); err != nil {
			return err
		}
		for _, g := range in.Roles {
			if err := tx.grantRole(ctx, id, g); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "create", "user", id, nil, map[string]any{"username": in.Username, "display_name": in.DisplayName, "roles": in.Roles})
	})
	if err != nil {
		return nil, err
	}
	return db.FindUser(ctx, id)
}

func (tx *Tx) grantRole(ctx context.Context, userID int64, g budaya.RoleGrant) error {
	if _, err := budaya.ParseRole(string(g.Role)); err != nil {
		return err
	}
	// ON CONFLICT DO NOTHING rather than catching the error: on PostgreSQL a
	// failed statement aborts the whole transaction.
	_, err := tx.exec(ctx, `INSERT INTO user_roles (user_id, role, unit_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, userID, string(g.Role), nullID(g.UnitID))
	return err
}

// SetRoles replaces the roles of a user.
func (db *DB) SetRoles(ctx context.Context, actor budaya.Actor, userID int64, roles []budaya.RoleGrant) error {
	return db.inTx(ctx, func(tx *Tx) error {
		old, err := tx.roles(ctx, userID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM user_roles WHERE user_id = ?`, userID); err != nil {
			return err
		}
		for _, g := range roles {
			if err := tx.grantRole(ctx, userID, g); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "update_roles", "user", userID, old, roles)
	})
}

func (tx *Tx) roles(ctx context.Context, userID int64) ([]budaya.RoleGrant, error) {
	rows, err := tx.query(ctx, `SELECT role, COALESCE(unit_id, 0) FROM user_roles WHERE user_id = ? ORDER BY role, unit_id`, userID)
	if err != nil {
		return nil, err
	}
	return scanRoles(rows)
}

func scanRoles(rows *sql.Rows) ([]budaya.RoleGrant, error) {
	defer rows.Close()
	var out []budaya.RoleGrant
	for rows.Next() {
		var g budaya.RoleGrant
		if err := rows.Scan(&g.Role, &g.UnitID); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// userDisabled is true for an account that is disabled, or whose employee is
// no longer active (a leaver, deactivated by hand or by the organisation
// import): such an account can neither sign in nor keep a session or API
// token, and regains access if the employee is activated again.
const userDisabled = `(disabled OR EXISTS (SELECT 1 FROM employees leaver WHERE leaver.id = app_users.employee_id AND NOT leaver.active))`

const userColumns = `id, username, display_name, COALESCE(employee_id, 0), ` + userDisabled + `, created_at`

func scanUser(row interface{ Scan(...any) error }) (*budaya.User, error) {
	var u budaya.User
	if err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.EmployeeID, &u.Disabled, &u.CreatedAt); err != nil {
		return nil, err
	}
	return &u, nil
}

// FindUser returns the user with id, with roles.
func (db *DB) FindUser(ctx context.Context, id int64) (*budaya.User, error) {
	return db.findUser(ctx, `id = ?`, id)
}

// FindUserByUsername returns the user named username (case-insensitive).
func (db *DB) FindUserByUsername(ctx context.Context, username string) (*budaya.User, error) {
	return db.findUser(ctx, `username = ?`, strings.ToLower(strings.TrimSpace(username)))
}

func (db *DB) findUser(ctx context.Context, cond string, arg any) (*budaya.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM app_users WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgUserNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	rows, err := db.query(ctx, `SELECT role, COALESCE(unit_id, 0) FROM user_roles WHERE user_id = ? ORDER BY role, unit_id`, u.ID)
	if err != nil {
		return nil, fmt.Errorf("find user roles: %w", err)
	}
	if u.Roles, err = scanRoles(rows); err != nil {
		return nil, fmt.Errorf("find user roles: %w", err)
	}
	return u, nil
}

// CountUsers returns how many users exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM app_users`).Scan(&n)
	return n, err
}

// errBadLogin is the one message for an unknown user and a wrong password, so
// that sign-in does not reveal which usernames exist.
func errBadLogin() error {
	return budaya.Errorf(budaya.EUNAUTHORIZED, budaya.MsgWrongUsernamePassword)
}

// HashPassword hashes password at the database's password cost
// (Options.PasswordCost), for code that stores a hash it made itself (the demo).
func (db *DB) HashPassword(password string) (string, error) {
	return budaya.HashPasswordCost(password, db.passwordCost)
}

// hashPassword is HashPassword in one of the hasher's slots: sign-ins and
// password changes never run more argon2id computations at once than the
// hasher allows (budaya.PasswordHasher).
func (db *DB) hashPassword(ctx context.Context, password string) (string, error) {
	release, err := db.hasher.Reserve(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return db.HashPassword(password)
}

// Authenticate checks a username and password. Failures are counted: the
// (MaxFailedLogins+1)th failure inside LockoutWindow locks the account for
// LockoutDuration, during which even the right password is refused. A name
// without an account gets the same answers in the same time, its failures
// counted and locked out by name (failUnknownLogin).
func (db *DB) Authenticate(ctx context.Context, username, password, remoteAddr string) (*budaya.User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	var (
		id                       int64
		hash                     string
		disabled                 bool
		failed                   int
		firstFailed, lockedUntil sql.NullTime
	)
	err := db.queryRow(ctx, `SELECT id, password_hash, `+userDisabled+`, failed_logins, first_failed_at, locked_until FROM app_users WHERE username = ?`, username).
		Scan(&id, &hash, &disabled, &failed, &firstFailed, &lockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, db.failUnknownLogin(ctx, username, password, remoteAddr)
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	now := db.Now()
	actor := budaya.Actor{UserID: id, Name: username, RemoteAddr: remoteAddr}
	state := budaya.LoginFailures{Count: failed, FirstAt: firstFailed.Time, LockedUntil: lockedUntil.Time}
	if state.Locked(now) {
		if _, err := db.hasher.Check(ctx, db.dummyHash, password); budaya.ErrorCode(err) == budaya.EBUSY {
			return nil, err
		}
		_ = db.Audit(ctx, actor, "login_refused", "user", id, map[string]string{"reason": "locked"})
		return nil, lockedError(state.LockedUntil, now)
	}
	ok := false
	if hash == "" {
		if _, err := db.hasher.Check(ctx, db.dummyHash, password); budaya.ErrorCode(err) == budaya.EBUSY {
			return nil, err
		}
	} else if ok, err = db.hasher.Check(ctx, hash, password); budaya.ErrorCode(err) == budaya.EBUSY {
		// Not a failed attempt: nothing was checked, nothing is counted.
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("authenticate %s: %w", username, err)
	}
	if ok && disabled {
		_ = db.Audit(ctx, actor, "login_refused", "user", id, map[string]string{"reason": "disabled"})
		return nil, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgAccountDisabledContactAdministrator)
	}
	if ok {
		err := db.inTx(ctx, func(tx *Tx) error {
			if _, err := tx.exec(ctx, `UPDATE app_users SET failed_logins = 0, first_failed_at = NULL, locked_until = NULL WHERE id = ?`, id); err != nil {
				return err
			}
			return tx.audit(ctx, actor, "login", "user", id, nil, nil)
		})
		if err != nil {
			return nil, fmt.Errorf("authenticate %s: %w", username, err)
		}
		return db.FindUser(ctx, id)
	}
	state = state.Fail(now)
	err = db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE app_users SET failed_logins = ?, first_failed_at = ?, locked_until = ? WHERE id = ?`,
			state.Count, nullTime(state.FirstAt), nullTime(state.LockedUntil), id); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "login_failed", "user", id, nil, loginFailureDetail("wrong password", state))
	})
	if err != nil {
		return nil, fmt.Errorf("authenticate %s: %w", username, err)
	}
	if state.Locked(now) {
		return nil, lockedError(state.LockedUntil, now)
	}
	return nil, errBadLogin()
}

// failUnknownLogin answers a sign-in under a name that has no account as a
// wrong password for an account is answered: after checking the password
// against a hash (the same time), counting the failure and locking the name
// out by the same rule (in login_failures), with the same messages. Rows
// untouched for the lockout window and duration are pruned, so the table holds
// only the names tried lately.
func (db *DB) failUnknownLogin(ctx context.Context, username, password, remoteAddr string) error {
	if _, err := db.hasher.Check(ctx, db.dummyHash, password); budaya.ErrorCode(err) == budaya.EBUSY {
		return err
	}
	if err := db.countUnknownFailure(ctx, username, remoteAddr, "unknown user"); err != nil {
		return err
	}
	return errBadLogin()
}

// countUnknownFailure counts one failed sign-in under a name without an
// account (in login_failures) and returns the lockout's error when the name
// is locked; nil when the caller should answer its own "wrong" message.
func (db *DB) countUnknownFailure(ctx context.Context, username, remoteAddr, reason string) error {
	now := db.Now()
	actor := budaya.Actor{Name: username, RemoteAddr: remoteAddr}
	var state budaya.LoginFailures
	err := db.inTx(ctx, func(tx *Tx) error {
		var first, locked sql.NullTime
		err := tx.queryRow(ctx, `SELECT failed_logins, first_failed_at, locked_until FROM login_failures WHERE username = ?`, username).
			Scan(&state.Count, &first, &locked)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		state.FirstAt, state.LockedUntil = first.Time, locked.Time
		if state.Locked(now) {
			return tx.audit(ctx, actor, "login_refused", "user", "", nil, map[string]string{"reason": "locked, " + reason})
		}
		state = state.Fail(now)
		if _, err := tx.exec(ctx, `DELETE FROM login_failures WHERE updated_at < ?`, now.Add(-budaya.LockoutWindow-budaya.LockoutDuration)); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO login_failures (username, failed_logins, first_failed_at, locked_until, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (username) DO UPDATE SET failed_logins = excluded.failed_logins, first_failed_at = excluded.first_failed_at,
			locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
			username, state.Count, nullTime(state.FirstAt), nullTime(state.LockedUntil), now); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "login_failed", "user", "", nil, loginFailureDetail(reason, state))
	})
	if err != nil {
		return fmt.Errorf("authenticate unknown name: %w", err)
	}
	if state.Locked(now) {
		return lockedError(state.LockedUntil, now)
	}
	return nil
}

// loginFailureDetail is the audit detail of a failed sign-in.
func loginFailureDetail(reason string, state budaya.LoginFailures) map[string]any {
	detail := map[string]any{"reason": reason}
	if !state.LockedUntil.IsZero() {
		detail["locked_until"] = state.LockedUntil
	}
	return detail
}

func lockedError(until, now time.Time) error {
	mins := int(until.Sub(now).Round(time.Minute).Minutes())
	if mins < 1 {
		mins = 1
	}
	return budaya.Errorf(budaya.ELOCKED,
		budaya.MsgAccountLockedNowAfterToo,
		mins, until.UTC().Format("15:04"))
}

// SetPassword changes the password of a user after checking the policy and
// that it repeats none of the last PasswordHistoryDepth passwords. It ends the
// user's other sessions.
func (db *DB) SetPassword(ctx context.Context, actor budaya.Actor, userID int64, password string) error {
	u, err := db.FindUser(ctx, userID)
	if err != nil {
		return err
	}
	if err := budaya.ValidatePassword(password, u.Username); err != nil {
		return err
	}
	hash, err := db.hashPassword(ctx, password)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.setPassword(ctx, userID, password, hash); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "set_password", "user", userID, nil, nil)
	})
}

// setPassword stores hash as the password of userID after checking that
// password repeats none of the recent ones, and ends the user's sessions.
func (tx *Tx) setPassword(ctx context.Context, userID int64, password, hash string) error {
	rows, err := tx.query(ctx, `SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, budaya.PasswordHistoryDepth)
	if err != nil {
		return err
	}
	var old []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			rows.Close()
			return err
		}
		old = append(old, h)
	}
	rows.Close()
	// Checked inside the write transaction without the hasher's bound:
	// waiting for a slot here would hold every other write back, and a
	// password change is rare next to sign-ins.
	for _, h := range old {
		if same, _ := budaya.CheckPassword(h, password); same {
			return budaya.Invalid("password", budaya.MsgPasswordUsedBeforeChoose, budaya.PasswordHistoryDepth)
		}
	}
	now := tx.db.Now()
	if _, err := tx.exec(ctx, `UPDATE app_users SET password_hash = ?, password_changed_at = ?, failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?`,
		hash, now, now, userID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)`, userID, hash, now); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return err
}

// randomToken returns n random bytes, URL-safe encoded.
func randomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// tokenHash is what is stored for a session or API token: its SHA-256, so a
// leaked database does not hand out live sessions.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
