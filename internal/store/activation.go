package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// ActivationTarget says whose accounts a batch activates: the active staff
// of a unit (with Subtree, of every unit below it too), or the raters of a
// measurement period. Exactly one of UnitID and PeriodID is set.
type ActivationTarget struct {
	UnitID   int64
	Subtree  bool
	PeriodID int64
}

// ActivationSlip is one person's part of a batch: what the slip prints. The
// token and code are known only here; the database keeps their hashes.
type ActivationSlip struct {
	EmployeeID int64
	UserID     int64
	Identifier string // NIP, or the other identifier of non-PNS staff
	Name       string // with academic titles
	UnitCode   string
	UnitName   string
	Token      string // for /password/{token}
	Code       string // for the kiosk, "K7QM-3TXA"
}

// ActivationBatch is the result of CreateActivationBatch.
type ActivationBatch struct {
	ID              string // groups the batch's links (password_links.batch_id) and names it in the audit log
	Expires         time.Time
	AccountsCreated int
	Slips           []ActivationSlip
}

type activationCandidate struct {
	slip   ActivationSlip
	hash   string // of the code
	nip    string
	other  string
	front  string
	back   string
	plain  string // name without titles
	hasAcc bool
}

// CreateActivationBatch makes one-time links, each with a kiosk code, for
// every active employee of the target who has no password yet: an employee
// without an account first gets a pegawai account, as GrantEmployeeRole
// makes one. Older unused links of those people stop working. The batch is
// one transaction and one audit entry (the count, never the links). A target
// with nobody to activate is refused with a message that says so.
func (db *DB) CreateActivationBatch(ctx context.Context, actor budaya.Actor, t ActivationTarget) (*ActivationBatch, error) {
	cond, args, entity, entityID, err := db.activationCond(ctx, t)
	if err != nil {
		return nil, err
	}
	cands, err := db.activationCandidates(ctx, cond, args)
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return nil, budaya.Invalid("target", budaya.MsgNoActiveEmployeeWithoutPassword)
	}
	if err := secretsFor(cands); err != nil {
		return nil, err
	}
	batchID, err := randomToken(9)
	if err != nil {
		return nil, err
	}
	now := db.Now()
	b := &ActivationBatch{ID: batchID, Expires: now.Add(budaya.PasswordLinkLifetime)}
	err = db.inTx(ctx, func(tx *Tx) error {
		b.Slips, b.AccountsCreated = nil, 0
		for i := range cands {
			c := &cands[i]
			if !c.hasAcc {
				e := &budaya.Employee{NIP: c.nip, OtherID: c.other}
				username := budaya.UsernameFor(e)
				var existing int64
				err := tx.queryRow(ctx, `SELECT id FROM app_users WHERE employee_id = ?`, c.slip.EmployeeID).Scan(&existing)
				switch {
				case err == nil:
					c.slip.UserID = existing
				case errors.Is(err, sql.ErrNoRows):
					id, err := tx.insertUser(ctx, budaya.UserInput{Username: username, DisplayName: c.slip.Name, EmployeeID: c.slip.EmployeeID,
						Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}, "")
					if err != nil {
						return fmt.Errorf("account of %s: %w", c.slip.Name, err)
					}
					c.slip.UserID = id
					b.AccountsCreated++
				default:
					return fmt.Errorf("find account of employee %d: %w", c.slip.EmployeeID, err)
				}
			}
			if _, err := tx.exec(ctx, `UPDATE password_links SET expires_at = ? WHERE user_id = ? AND used_at IS NULL AND expires_at > ?`,
				now, c.slip.UserID, now); err != nil {
				return fmt.Errorf("void older links: %w", err)
			}
			// Only while the account still has no password and is not disabled:
			// one set between the reading above and this transaction is kept.
			res, err := tx.exec(ctx, `INSERT INTO password_links (user_id, token_hash, code_hash, batch_id, created_by, created_at, expires_at)
				SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM app_users WHERE id = ? AND password_hash = '' AND NOT disabled)`,
				c.slip.UserID, tokenHash(c.slip.Token), c.hash, batchID, nullID(actor.UserID), now, b.Expires, c.slip.UserID)
			if err != nil {
				return fmt.Errorf("insert activation link: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				b.Slips = append(b.Slips, c.slip)
			}
		}
		return tx.audit(ctx, actor, "activation_batch", entity, entityID, nil, map[string]any{
			"batch_id": batchID, "count": len(b.Slips), "accounts_created": b.AccountsCreated,
			"subtree": t.Subtree, "expires_at": b.Expires,
		})
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// activationCond is the SQL condition on employees e and units un that picks
// the target's people, with the entity the audit entry names.
func (db *DB) activationCond(ctx context.Context, t ActivationTarget) (string, []any, string, int64, error) {
	switch {
	case t.UnitID != 0 && t.PeriodID != 0, t.UnitID == 0 && t.PeriodID == 0:
		return "", nil, "", 0, budaya.Invalid("target", budaya.MsgChooseOneUnitOneMeasurement)
	case t.PeriodID != 0:
		if _, err := db.FindPeriod(ctx, t.PeriodID); err != nil {
			return "", nil, "", 0, err
		}
		return `e.id IN (SELECT rater_employee_id FROM measurement_tasks WHERE period_id = ?)`, []any{t.PeriodID}, "measurement_period", t.PeriodID, nil
	}
	u, err := db.FindUnit(ctx, t.UnitID)
	if err != nil {
		return "", nil, "", 0, err
	}
	if t.Subtree {
		return `un.path LIKE ?`, []any{likeEscape(u.Path) + "%"}, "unit", u.ID, nil
	}
	return `e.unit_id = ?`, []any{u.ID}, "unit", u.ID, nil
}

func (db *DB) activationCandidates(ctx context.Context, cond string, args []any) ([]activationCandidate, error) {
	rows, err := db.query(ctx, `SELECT e.id, COALESCE(e.nip, ''), COALESCE(e.other_id, ''), e.name, e.front_title, e.back_title, un.code, un.name, COALESCE(a.id, 0)
		FROM employees e JOIN units un ON un.id = e.unit_id LEFT JOIN app_users a ON a.employee_id = e.id
		WHERE e.active = ? AND (a.id IS NULL OR (a.password_hash = '' AND NOT a.disabled)) AND `+cond+`
		ORDER BY un.path, e.name, e.id`, append([]any{true}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("people to activate: %w", err)
	}
	defer rows.Close()
	var out []activationCandidate
	for rows.Next() {
		var c activationCandidate
		if err := rows.Scan(&c.slip.EmployeeID, &c.nip, &c.other, &c.plain, &c.front, &c.back, &c.slip.UnitCode, &c.slip.UnitName, &c.slip.UserID); err != nil {
			return nil, fmt.Errorf("people to activate: %w", err)
		}
		e := budaya.Employee{NIP: c.nip, OtherID: c.other, Name: c.plain, FrontTitle: c.front, BackTitle: c.back}
		c.slip.Identifier, c.slip.Name, c.hasAcc = e.Identifier(), e.FullName(), c.slip.UserID != 0
		out = append(out, c)
	}
	return out, rows.Err()
}

// secretsFor draws each candidate's token and code and hashes the code, on
// every core: the code's hash is deliberately slow (budaya.HashKioskCode).
func secretsFor(cands []activationCandidate) error {
	workers := max(1, runtime.GOMAXPROCS(0))
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				err := func() error {
					tok, err := randomToken(32)
					if err != nil {
						return err
					}
					code, err := budaya.NewKioskCode()
					if err != nil {
						return err
					}
					h, err := budaya.HashKioskCode(code)
					if err != nil {
						return err
					}
					cands[i].slip.Token, cands[i].slip.Code, cands[i].hash = tok, code, h
					return nil
				}()
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range cands {
		next <- i
	}
	close(next)
	wg.Wait()
	return firstErr
}

// errBadKioskCode is the one answer to a wrong NIP, a wrong code, and a code
// used or expired, so that the kiosk does not tell which NIPs exist.
func errBadKioskCode() error {
	return budaya.Errorf(budaya.EUNAUTHORIZED,
		budaya.MsgWrongNIPCodeCode)
}

// KioskSignIn checks the NIP (or other identifier) and the code of an
// activation slip. The code opens one kiosk session: it is spent, while the
// slip's link stays valid to set a password later. Failures are counted and
// locked out with the sign-in's failures of the same name (budaya.LoginFailures),
// and a NIP without an account is answered alike, in the same time.
func (db *DB) KioskSignIn(ctx context.Context, ident, code, remoteAddr string) (*budaya.User, error) {
	ident = strings.TrimSpace(ident)
	if ident == "" || budaya.NormalizeKioskCode(code) == "" {
		return nil, errBadKioskCode()
	}
	var (
		id                       int64
		username                 string
		disabled                 bool
		failed                   int
		firstFailed, lockedUntil sql.NullTime
	)
	err := db.queryRow(ctx, `SELECT a.id, a.username, `+strings.ReplaceAll(userDisabled, "app_users.", "a.")+`, a.failed_logins, a.first_failed_at, a.locked_until
		FROM app_users a JOIN employees e ON e.id = a.employee_id WHERE e.nip = ? OR LOWER(e.other_id) = ?`, ident, strings.ToLower(ident)).
		Scan(&id, &username, &disabled, &failed, &firstFailed, &lockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		budaya.CheckNoKioskCode(code)
		if err := db.countUnknownFailure(ctx, strings.ToLower(ident), remoteAddr, "kiosk, unknown NIP"); err != nil {
			return nil, err
		}
		return nil, errBadKioskCode()
	}
	if err != nil {
		return nil, fmt.Errorf("kiosk sign-in: %w", err)
	}
	now := db.Now()
	actor := budaya.Actor{UserID: id, Name: username, RemoteAddr: remoteAddr}
	state := budaya.LoginFailures{Count: failed, FirstAt: firstFailed.Time, LockedUntil: lockedUntil.Time}
	if state.Locked(now) {
		budaya.CheckNoKioskCode(code)
		_ = db.Audit(ctx, actor, "login_refused", "user", id, map[string]string{"reason": "locked", "via": "kiosk"})
		return nil, lockedError(state.LockedUntil, now)
	}
	var (
		linkID   int64
		codeHash string
	)
	err = db.queryRow(ctx, `SELECT id, code_hash FROM password_links WHERE user_id = ? AND used_at IS NULL AND code_used_at IS NULL
		AND expires_at > ? AND code_hash <> '' ORDER BY id DESC LIMIT 1`, id, now).Scan(&linkID, &codeHash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("kiosk sign-in: %w", err)
	}
	ok := false
	if codeHash == "" {
		budaya.CheckNoKioskCode(code)
	} else {
		ok = budaya.CheckKioskCode(codeHash, code)
	}
	if ok && disabled {
		_ = db.Audit(ctx, actor, "login_refused", "user", id, map[string]string{"reason": "disabled", "via": "kiosk"})
		return nil, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgAccountDisabledContactAdministrator)
	}
	if ok {
		err := db.inTx(ctx, func(tx *Tx) error {
			// Spent here, in the transaction: two kiosks given one code at once let one in.
			res, err := tx.exec(ctx, `UPDATE password_links SET code_used_at = ? WHERE id = ? AND code_used_at IS NULL AND used_at IS NULL AND expires_at > ?`, now, linkID, now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return errBadKioskCode()
			}
			if _, err := tx.exec(ctx, `UPDATE app_users SET failed_logins = 0, first_failed_at = NULL, locked_until = NULL WHERE id = ?`, id); err != nil {
				return err
			}
			return tx.audit(ctx, actor, "login", "user", id, nil, map[string]string{"via": "kiosk"})
		})
		if err != nil {
			return nil, err
		}
		return db.FindUser(ctx, id)
	}
	state = state.Fail(now)
	err = db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE app_users SET failed_logins = ?, first_failed_at = ?, locked_until = ? WHERE id = ?`,
			state.Count, nullTime(state.FirstAt), nullTime(state.LockedUntil), id); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "login_failed", "user", id, nil, loginFailureDetail("wrong kiosk code", state))
	})
	if err != nil {
		return nil, fmt.Errorf("kiosk sign-in: %w", err)
	}
	if state.Locked(now) {
		return nil, lockedError(state.LockedUntil, now)
	}
	return nil, errBadKioskCode()
}
