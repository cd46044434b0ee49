package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// IntSetting returns the integer setting key, or def when it is unset or not a number.
func (db *DB) IntSetting(ctx context.Context, key string, def int) (int, error) {
	v, err := db.Setting(ctx, key, "")
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def, nil
	}
	return n, nil
}

// employeeOfUser returns the employee linked to the signed-in user, or an
// error that says the account must be linked first.
func employeeOfUser(ctx context.Context, q rowQuerier, userID int64) (*budaya.Employee, error) {
	var id sql.NullInt64
	err := q.queryRow(ctx, `SELECT employee_id FROM app_users WHERE id = ?`, userID).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("employee of user %d: %w", userID, err)
	}
	if !id.Valid || id.Int64 == 0 {
		return nil, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgAccountNotLinkedEmployee)
	}
	return findEmployee(ctx, q, `id = ?`, id.Int64)
}

// EmployeeOfUser returns the employee linked to user id.
func (db *DB) EmployeeOfUser(ctx context.Context, userID int64) (*budaya.Employee, error) {
	return employeeOfUser(ctx, db, userID)
}

// dayStart is the start of the calendar day of t in loc, in UTC.
func dayStart(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc).UTC()
}

// CreateRecognition stores a recognition from the employee linked to the
// actor's account. It refuses self-recognition, an unknown or inactive
// recipient, and a sender who reached the daily limit (setting
// recognition_daily_limit, counted per calendar day in loc).
func (db *DB) CreateRecognition(ctx context.Context, actor budaya.Actor, in budaya.RecognitionInput, loc *time.Location) (*budaya.Recognition, error) {
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(f); err != nil {
		return nil, err
	}
	limit, err := db.IntSetting(ctx, budaya.SettingRecognitionDailyLimit, budaya.DefaultRecognitionDailyLimit)
	if err != nil {
		return nil, err
	}
	at := db.Now()
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		sender, err := employeeOfUser(ctx, tx, actor.UserID)
		if err != nil {
			return err
		}
		// Touch the sender's account row first: on PostgreSQL this locks it,
		// so two requests at once cannot both pass the daily limit.
		if _, err := tx.exec(ctx, `UPDATE app_users SET updated_at = updated_at WHERE id = ?`, actor.UserID); err != nil {
			return err
		}
		var today int
		from := dayStart(at, loc)
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM recognitions WHERE sender_employee_id = ? AND created_at >= ? AND created_at < ?`,
			sender.ID, from, from.Add(24*time.Hour)).Scan(&today); err != nil {
			return fmt.Errorf("count today's recognitions: %w", err)
		}
		if today >= limit {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgDailyLimitRecognitionsReached, limit)
		}
		var recipient int64
		if id, recipient, err = tx.insertRecognition(ctx, f, sender.ID, actor.UserID, &in, at); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "recognition", id, nil, map[string]any{"sender": sender.ID, "recipient": recipient,
			"visibility": in.Visibility, "values": in.Values, "behaviours": in.Behaviours})
	})
	if err != nil {
		return nil, err
	}
	return db.FindRecognition(ctx, id)
}

// ImportRecognitions loads recognitions given before budaya held them (the
// demo's history, an earlier system's records) in one transaction with one
// audit entry: all or nothing. Each is checked like a new one, except for the
// daily limit, which applies to giving, not to loading history.
func (db *DB) ImportRecognitions(ctx context.Context, actor budaya.Actor, list []budaya.PastRecognition) error {
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		return err
	}
	for i := range list {
		if err := list[i].Validate(f); err != nil {
			e := budaya.AsError(err)
			e.Message, e.MessageEN = fmt.Sprintf("Apresiasi ke-%d: %s", i+1, e.Message), fmt.Sprintf("Recognition %d: %s", i+1, e.MessageEN)
			return e
		}
		if list[i].At.IsZero() || list[i].At.After(db.Now()) {
			return budaya.Invalid("at", budaya.MsgRecognitionTimeGivenMustBePast, i+1)
		}
	}
	return db.inTx(ctx, func(tx *Tx) error {
		senders := map[int64]bool{}
		for i := range list {
			r := &list[i]
			if !senders[r.SenderID] {
				if _, err := findEmployee(ctx, tx, `id = ?`, r.SenderID); err != nil {
					return budaya.Invalid("sender", budaya.MsgRecognitionSenderEmployeeID, i+1, r.SenderID)
				}
				senders[r.SenderID] = true
			}
			if _, _, err := tx.insertRecognition(ctx, f, r.SenderID, 0, &r.RecognitionInput, r.At.UTC()); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "import", "recognition", "", nil, map[string]int{"count": len(list), "senders": len(senders)})
	})
}

// insertRecognition stores one validated recognition with its tags and
// returns its id and the recipient. It refuses self-recognition and a
// recipient who does not exist or is inactive.
func (tx *Tx) insertRecognition(ctx context.Context, f *budaya.Framework, senderID, senderUserID int64, in *budaya.RecognitionInput, at time.Time) (int64, int64, error) {
	if senderID == in.RecipientID {
		return 0, 0, budaya.Invalid("recipient", budaya.MsgRecognitionColleagueNotYourself)
	}
	var unitID int64
	var active bool
	err := tx.queryRow(ctx, `SELECT unit_id, active FROM employees WHERE id = ?`, in.RecipientID).Scan(&unitID, &active)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !active {
		return 0, 0, budaya.Invalid("recipient", budaya.MsgChosenColleagueDoesNotExist)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("recipient: %w", err)
	}
	if err := refuseRestricted(ctx, tx, in.RecipientID, "recipient"); err != nil {
		return 0, 0, err
	}
	id, err := tx.insert(ctx, `INSERT INTO recognitions (sender_employee_id, sender_user_id, recipient_employee_id, unit_id, message, visibility, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, senderID, nullID(senderUserID), in.RecipientID, unitID, in.Message, in.Visibility, at.UTC())
	if err != nil {
		return 0, 0, fmt.Errorf("insert recognition: %w", err)
	}
	for _, v := range in.Values {
		if _, err := tx.exec(ctx, `INSERT INTO recognition_tags (recognition_id, value_code, behaviour_code) VALUES (?, ?, '')`, id, v); err != nil {
			return 0, 0, fmt.Errorf("tag recognition: %w", err)
		}
	}
	for _, b := range in.Behaviours {
		if _, err := tx.exec(ctx, `INSERT INTO recognition_tags (recognition_id, value_code, behaviour_code) VALUES (?, ?, ?)`, id, valueOfBehaviour(f, in.Values, b), b); err != nil {
			return 0, 0, fmt.Errorf("tag recognition: %w", err)
		}
	}
	return id, in.RecipientID, nil
}

// valueOfBehaviour is the first chosen value that covers behaviour b.
func valueOfBehaviour(f *budaya.Framework, values []string, b string) string {
	for _, code := range values {
		v := f.Value(code)
		if v == nil {
			continue
		}
		for _, core := range f.CoreOf(v) {
			for _, cb := range core.Behaviours {
				if cb.Code == b {
					return code
				}
			}
		}
	}
	return values[0]
}

const recognitionSelect = `SELECT r.id, r.sender_employee_id, s.name, r.recipient_employee_id, e.name, r.unit_id, u.name, r.message, r.visibility, r.created_at
	FROM recognitions r JOIN employees s ON s.id = r.sender_employee_id JOIN employees e ON e.id = r.recipient_employee_id JOIN units u ON u.id = r.unit_id`

func scanRecognition(row interface{ Scan(...any) error }) (*budaya.Recognition, error) {
	var r budaya.Recognition
	if err := row.Scan(&r.ID, &r.SenderID, &r.SenderName, &r.RecipientID, &r.Recipient, &r.UnitID, &r.UnitName, &r.Message, &r.Visibility, &r.CreatedAt); err != nil {
		return nil, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return &r, nil
}

// FindRecognition returns the recognition with id, with its tags. It does not
// check who may see it: callers use CanSeeRecognition.
func (db *DB) FindRecognition(ctx context.Context, id int64) (*budaya.Recognition, error) {
	r, err := scanRecognition(db.queryRow(ctx, recognitionSelect+` WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgRecognitionNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find recognition %d: %w", id, err)
	}
	list := []budaya.Recognition{*r}
	if err := db.loadTags(ctx, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// CanSeeRecognition reports whether the reader may read r
// (budaya.MaySeeRecognition), loading the recipient's atasan langsung.
func (db *DB) CanSeeRecognition(ctx context.Context, r *budaya.Recognition, rd budaya.Reader) (bool, error) {
	var sup sql.NullInt64
	if r.Visibility != budaya.VisibilityUnit && rd.EmployeeID() != 0 {
		if err := db.queryRow(ctx, `SELECT supervisor_id FROM employees WHERE id = ?`, r.RecipientID).Scan(&sup); err != nil {
			return false, fmt.Errorf("recipient supervisor: %w", err)
		}
	}
	return budaya.MaySeeRecognition(rd, r, sup.Int64), nil
}

// recognitionWhere is the condition (on r alone) of the recognitions f
// selects that its viewer may see.
func (db *DB) recognitionWhere(ctx context.Context, f budaya.RecognitionFilter) ([]string, []any, error) {
	var where []string
	var args []any
	if f.ViewerEmployeeID != 0 {
		where = append(where, `(r.visibility = 'unit' OR r.sender_employee_id = ? OR r.recipient_employee_id = ?
			OR r.recipient_employee_id IN (SELECT id FROM employees WHERE supervisor_id = ?))`)
		args = append(args, f.ViewerEmployeeID, f.ViewerEmployeeID, f.ViewerEmployeeID)
	} else {
		where = append(where, `r.visibility = 'unit'`)
	}
	if f.UnitID != 0 {
		u, err := db.FindUnit(ctx, f.UnitID)
		if err != nil {
			return nil, nil, err
		}
		where, args = append(where, `r.unit_id IN (SELECT id FROM units WHERE path LIKE ?)`), append(args, u.Path+"%")
	}
	if f.RecipientID != 0 {
		where, args = append(where, `r.recipient_employee_id = ?`), append(args, f.RecipientID)
	}
	if f.SenderID != 0 {
		where, args = append(where, `r.sender_employee_id = ?`), append(args, f.SenderID)
	}
	if f.Value != "" {
		where, args = append(where, `EXISTS (SELECT 1 FROM recognition_tags t WHERE t.recognition_id = r.id AND t.value_code = ? AND t.behaviour_code = '')`), append(args, f.Value)
	}
	return where, args, nil
}

// ListRecognitions returns a page of the recognitions f selects that the
// viewer may see, newest first, and how many there are.
func (db *DB) ListRecognitions(ctx context.Context, f budaya.RecognitionFilter) ([]budaya.Recognition, int, error) {
	where, args, err := db.recognitionWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	cond := whereClause(where)
	var total int
	// The conditions use only r, so that the count reads the recognitions alone.
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM recognitions r`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count recognitions: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, recognitionSelect+cond+` ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list recognitions: %w", err)
	}
	defer rows.Close()
	out := []budaya.Recognition{}
	for rows.Next() {
		r, err := scanRecognition(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, *r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	return out, total, db.loadTags(ctx, out)
}

// RecognitionCursor is a place on the recognition wall: the time and id of
// the last recognition shown; the zero cursor is the newest end.
type RecognitionCursor struct {
	At time.Time
	ID int64
}

// RecognitionWall returns up to f.PerPage of the recognitions f selects that
// its viewer may see, newest first, older than before, and whether older
// ones remain (keyset pagination). It counts nothing: the wall once counted
// every visible recognition on each view, which grows with the programme's
// age; reading one page past the cursor on the (created_at, id) order costs
// the same on the first day and after five years.
func (db *DB) RecognitionWall(ctx context.Context, f budaya.RecognitionFilter, before RecognitionCursor) ([]budaya.Recognition, bool, error) {
	where, args, err := db.recognitionWhere(ctx, f)
	if err != nil {
		return nil, false, err
	}
	if before.ID != 0 {
		at := before.At.UTC()
		where = append(where, `(r.created_at < ? OR (r.created_at = ? AND r.id < ?))`)
		args = append(args, at, at, before.ID)
	}
	per := f.PerPage
	if per <= 0 {
		per = 20
	}
	// The page is chosen from the recognitions alone, then joined to the
	// names: with the joins in the same SELECT, SQLite read every
	// recognition unit by unit and sorted them all for one page.
	rows, err := db.query(ctx, `SELECT r.id, r.sender_employee_id, s.name, r.recipient_employee_id, e.name, r.unit_id, u.name, r.message, r.visibility, r.created_at
		FROM (SELECT r.* FROM recognitions r`+whereClause(where)+` ORDER BY r.created_at DESC, r.id DESC LIMIT ?) r
		JOIN employees s ON s.id = r.sender_employee_id JOIN employees e ON e.id = r.recipient_employee_id JOIN units u ON u.id = r.unit_id
		ORDER BY r.created_at DESC, r.id DESC`, append(args, per+1)...)
	if err != nil {
		return nil, false, fmt.Errorf("recognition wall: %w", err)
	}
	defer rows.Close()
	out := []budaya.Recognition{}
	for rows.Next() {
		r, err := scanRecognition(rows)
		if err != nil {
			return nil, false, err
		}
		out = append(out, *r)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	rows.Close()
	more := len(out) > per
	if more {
		out = out[:per]
	}
	return out, more, db.loadTags(ctx, out)
}

func (db *DB) loadTags(ctx context.Context, list []budaya.Recognition) error {
	if len(list) == 0 {
		return nil
	}
	idx := map[int64]int{}
	args := make([]any, len(list))
	for i, r := range list {
		idx[r.ID] = i
		args[i] = r.ID
	}
	rows, err := db.query(ctx, `SELECT recognition_id, value_code, behaviour_code FROM recognition_tags WHERE recognition_id IN (`+placeholders(len(args))+`)
		ORDER BY recognition_id, value_code, behaviour_code`, args...)
	if err != nil {
		return fmt.Errorf("recognition tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v, b string
		if err := rows.Scan(&id, &v, &b); err != nil {
			return err
		}
		r := &list[idx[id]]
		if b == "" {
			r.Values = append(r.Values, v)
		} else {
			r.Behaviours = append(r.Behaviours, b)
		}
	}
	return rows.Err()
}

// UnitRecognitionStats counts the recognitions received in unit u (with the
// units below it) since since, per value. When fewer than K distinct people
// (setting recognition_min_group) received them, the counts per value are
// withheld so that no one is singled out.
func (db *DB) UnitRecognitionStats(ctx context.Context, unitID int64, since time.Time) (*budaya.UnitRecognitionStats, error) {
	u, err := db.FindUnit(ctx, unitID)
	if err != nil {
		return nil, err
	}
	k, err := db.IntSetting(ctx, budaya.SettingRecognitionMinGroup, budaya.DefaultRecognitionMinGroup)
	if err != nil {
		return nil, err
	}
	st := &budaya.UnitRecognitionStats{UnitID: unitID, MinGroup: k}
	const from = ` FROM recognitions r JOIN units u ON u.id = r.unit_id WHERE u.path LIKE ? AND r.created_at >= ?`
	pat := likeEscape(u.Path) + "%"
	if err := db.queryRow(ctx, `SELECT COUNT(*), COUNT(DISTINCT r.recipient_employee_id)`+from, pat, since.UTC()).Scan(&st.Total, &st.Recipients); err != nil {
		return nil, fmt.Errorf("unit recognition stats: %w", err)
	}
	if st.Recipients < k {
		st.Suppressed = true
		return st, nil
	}
	rows, err := db.query(ctx, `SELECT t.value_code, COUNT(*) FROM recognition_tags t JOIN recognitions r ON r.id = t.recognition_id JOIN units u ON u.id = r.unit_id
		WHERE t.behaviour_code = '' AND u.path LIKE ? AND r.created_at >= ? GROUP BY t.value_code ORDER BY COUNT(*) DESC, t.value_code`, pat, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("unit recognition per value: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c budaya.ValueCount
		if err := rows.Scan(&c.Code, &c.Count); err != nil {
			return nil, err
		}
		st.PerValue = append(st.PerValue, c)
	}
	return st, rows.Err()
}
