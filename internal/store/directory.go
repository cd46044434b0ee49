package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// DirectorySignIn is a person the instansi's directory vouched for.
type DirectorySignIn struct {
	Method     string // "oidc" or "ldap"
	Claim      string // what Value is: "email", or a NIP / other identifier ("nip", "preferred_username", "ldap")
	Value      string
	Subject    string // the directory's own id, for the audit log
	RemoteAddr string
}

// SignInDirectory signs in the employee the directory named: an employee
// known by NIP (or e-mail address) signs in as themselves, and one without an
// account gets a pegawai account at first sign-in. A person budaya does not
// know, and a leaver, are refused with a message that says what to do; no
// account is made for them. Every answer is audited.
func (db *DB) SignInDirectory(ctx context.Context, in DirectorySignIn) (*budaya.User, error) {
	in.Value = strings.TrimSpace(in.Value)
	actor := budaya.Actor{Name: in.Method + ":" + in.Value, RemoteAddr: in.RemoteAddr}
	detail := map[string]any{"method": in.Method, "claim": in.Claim, "subject": in.Subject}
	var refusal error
	var reason string
	var userID int64
	err := db.inTx(ctx, func(tx *Tx) error {
		e, err := tx.directoryEmployee(ctx, in)
		if err != nil && !errors.Is(err, errNoDirectoryMatch) {
			return err
		}
		if e == nil {
			reason = "unknown"
			refusal = budaya.Errorf(budaya.EUNAUTHORIZED,
				budaya.MsgInstansiDirectoryKnowsBut,
				in.Value)
			return nil
		}
		if !e.Active {
			reason = "leaver"
			refusal = budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgEmployeeRecordBudayaNoLonger)
			return nil
		}
		var disabled bool
		err = tx.queryRow(ctx, `SELECT id, disabled FROM app_users WHERE employee_id = ?`, e.ID).Scan(&userID, &disabled)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			username := budaya.UsernameFor(e)
			var other int64
			if err := tx.queryRow(ctx, `SELECT id FROM app_users WHERE username = ?`, username).Scan(&other); err == nil {
				reason = "username taken"
				refusal = budaya.Errorf(budaya.ECONFLICT, budaya.MsgUsernameTakenAnotherAccount, username)
				return nil
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if userID, err = tx.insertUser(ctx, budaya.UserInput{Username: username, DisplayName: e.FullName(), EmployeeID: e.ID,
				Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}, ""); err != nil {
				return err
			}
			if err := tx.audit(ctx, actor, "create", "user", userID, nil, map[string]any{"username": username, "employee_id": e.ID, "via": in.Method}); err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("account of employee %d: %w", e.ID, err)
		case disabled:
			reason = "disabled"
			refusal = budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgAccountDisabledContactAdministrator)
			return nil
		}
		actor.UserID = userID
		return tx.audit(ctx, actor, "login", "user", userID, nil, detail)
	})
	if err != nil {
		return nil, fmt.Errorf("directory sign-in: %w", err)
	}
	if refusal != nil {
		detail["reason"] = reason
		_ = db.Audit(ctx, actor, "login_refused", "user", nullableID(userID), detail)
		return nil, refusal
	}
	return db.FindUser(ctx, userID)
}

func nullableID(id int64) any {
	if id == 0 {
		return ""
	}
	return id
}

var errNoDirectoryMatch = errors.New("no single employee matches")

// directoryEmployee finds the one employee in matches; errNoDirectoryMatch
// when there is none or when an e-mail address is shared (it then identifies no one).
func (tx *Tx) directoryEmployee(ctx context.Context, in DirectorySignIn) (*budaya.Employee, error) {
	if in.Value == "" {
		return nil, errNoDirectoryMatch
	}
	cond, args := `nip = ? OR other_id = ?`, []any{budaya.NormalizeNIP(in.Value), in.Value}
	if in.Claim == "email" {
		cond, args = `LOWER(email) = LOWER(?)`, []any{in.Value}
	}
	rows, err := tx.query(ctx, `SELECT id FROM employees WHERE `+cond+` LIMIT 2`, args...)
	if err != nil {
		return nil, fmt.Errorf("find employee: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) != 1 {
		return nil, errNoDirectoryMatch
	}
	return findEmployee(ctx, tx, `id = ?`, ids[0])
}
