package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Sealed ballots and drafts (docs/measurement.md, "Threat model"). An
// anonymous submission is encrypted with XChaCha20-Poly1305 under the
// instance's ballot key, a file kept outside the database, so that someone
// who reads the database (its tables with their system columns, its files,
// its write-ahead log, a backup) cannot read a ballot while it is linked to
// its task by the transaction that wrote both. The associated data binds a
// ciphertext to its period and group (or to its task, for a draft), so rows
// cannot be swapped between groups.

// BallotKeySize is the length of the ballot key in bytes.
const BallotKeySize = chacha20poly1305.KeySize

// DefaultBallotKeyFile is the key file under a blob folder: the one folder
// every server of an instansi already shares.
func DefaultBallotKeyFile(blobDir string) string {
	return filepath.Join(blobDir, "keys", "ballot.key")
}

// sealPad rounds plaintexts up to a multiple of this many bytes, so that a
// ciphertext's length says little about the comments inside.
const sealPad = 512

func errNoBallotKey() error {
	return budaya.Errorf(budaya.EINTERNAL, budaya.MsgNoBallotKeyFile)
}

func errBallotKeyLost(path string) error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgBallotKeyFileMissing, path)
}

func errBallotUnreadable() error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgSealedAnswersCannotBeOpened)
}

// ballotKey returns the AEAD of the ballot key, reading the key file or, when
// it does not exist yet and the database holds nothing sealed, creating it.
// q is the transaction the caller is in, if any: counting the sealed rows
// through the pool instead would wait for a connection that the callers
// queued behind keyMu are holding (a deadlock under concurrent first
// submissions on PostgreSQL).
func (db *DB) ballotAEAD(ctx context.Context, q rowQuerier) (aeadCipher, error) {
	db.keyMu.Lock()
	defer db.keyMu.Unlock()
	if db.aead != nil {
		return db.aead, nil
	}
	path := db.keyFile
	if path == "" {
		return nil, errNoBallotKey()
	}
	key, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		var sealed int
		if err := q.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM measurement_ballots) + (SELECT COUNT(*) FROM measurement_sealed_drafts)`).Scan(&sealed); err != nil {
			return nil, fmt.Errorf("count sealed rows: %w", err)
		}
		if sealed > 0 {
			return nil, errBallotKeyLost(path)
		}
		key, err = createKeyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("ballot key file %s: %w", path, err)
	}
	if len(key) != BallotKeySize {
		return nil, budaya.Errorf(budaya.EINTERNAL, budaya.MsgBallotKeyFileMustHold, path, BallotKeySize, len(key))
	}
	a, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("ballot key: %w", err)
	}
	db.aead = a
	return a, nil
}

// createKeyFile writes 32 random bytes to path (mode 0600) unless another
// server made it first, and returns the key in the file. The key is written
// to a temporary file and linked into place, so that nobody reads half a key.
func createKeyFile(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	key := make([]byte, BallotKeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ballot-key-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, err
	}
	if _, err := tmp.Write(key); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return os.ReadFile(path)
		}
		return nil, err
	}
	return key, nil
}

// aeadCipher is the part of cipher.AEAD used here.
type aeadCipher interface {
	NonceSize() int
	Overhead() int
	Seal(dst, nonce, plaintext, additionalData []byte) []byte
	Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
}

// seal encrypts v (as JSON, padded) with associated data ad and returns
// base64(nonce || ciphertext).
func (db *DB) seal(ctx context.Context, q rowQuerier, v any, ad string) (string, error) {
	a, err := db.ballotAEAD(ctx, q)
	if err != nil {
		return "", err
	}
	body, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	// 4 bytes of length, the JSON, zeros up to a multiple of sealPad.
	n := 4 + len(body)
	plain := make([]byte, (n+sealPad-1)/sealPad*sealPad)
	binary.BigEndian.PutUint32(plain, uint32(len(body)))
	copy(plain[4:], body)
	nonce := make([]byte, a.NonceSize(), a.NonceSize()+len(plain)+a.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(a.Seal(nonce, nonce, plain, []byte(ad))), nil
}

// unseal decrypts what seal made into v.
func (db *DB) unseal(ctx context.Context, q rowQuerier, sealed, ad string, v any) error {
	a, err := db.ballotAEAD(ctx, q)
	if err != nil {
		return err
	}
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil || len(raw) < a.NonceSize()+a.Overhead() {
		return errBallotUnreadable()
	}
	plain, err := a.Open(nil, raw[:a.NonceSize()], raw[a.NonceSize():], []byte(ad))
	if err != nil || len(plain) < 4 {
		return errBallotUnreadable()
	}
	n := int(binary.BigEndian.Uint32(plain))
	if n > len(plain)-4 {
		return errBallotUnreadable()
	}
	if err := json.Unmarshal(plain[4:4+n], v); err != nil {
		return errBallotUnreadable()
	}
	return nil
}

// ballotAD is the associated data of a ballot: its period and group.
func ballotAD(periodID int64, instrument, group string, unit, ratee int64) string {
	return "budaya-ballot/1|" + strconv.FormatInt(periodID, 10) + "|" + instrument + "|" + group + "|" +
		strconv.FormatInt(unit, 10) + "|" + strconv.FormatInt(ratee, 10)
}

// draftAD is the associated data of a task's draft.
func draftAD(taskID int64) string { return "budaya-draft/1|" + strconv.FormatInt(taskID, 10) }

// sealedAnswer is one answer inside a ballot or draft (short names: smaller ciphertext).
type sealedAnswer struct {
	Code    string `json:"b"`
	Score   int    `json:"s"`
	Comment string `json:"c,omitempty"`
}

func toSealed(as []budaya.Answer) []sealedAnswer {
	out := make([]sealedAnswer, len(as))
	for i, a := range as {
		out[i] = sealedAnswer{a.BehaviourCode, a.Score, a.Comment}
	}
	return out
}

func fromSealed(ss []sealedAnswer) []budaya.Answer {
	out := make([]budaya.Answer, len(ss))
	for i, s := range ss {
		out[i] = budaya.Answer{BehaviourCode: s.Code, Score: s.Score, Comment: s.Comment}
	}
	return out
}

// insertBallot seals answers into a new ballot of the group inside tx.
func (tx *Tx) insertBallot(ctx context.Context, periodID int64, instrument, group string, unit, ratee int64, answers []budaya.Answer) error {
	sealed, err := tx.db.seal(ctx, tx, toSealed(answers), ballotAD(periodID, instrument, group, unit, ratee))
	if err != nil {
		return err
	}
	id, err := newResponseID()
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO measurement_ballots (id, period_id, instrument, rater_group, unit_id, ratee_employee_id, sealed)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, periodID, instrument, group, unit, ratee, sealed); err != nil {
		return fmt.Errorf("store ballot: %w", err)
	}
	return nil
}

// loadDraft returns the saved draft of task id inside tx (nil when there is none).
func (tx *Tx) loadDraft(ctx context.Context, id int64) ([]budaya.Answer, error) {
	var sealed string
	err := tx.queryRow(ctx, `SELECT sealed FROM measurement_sealed_drafts WHERE task_id = ?`, id).Scan(&sealed)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, fmt.Errorf("load draft: %w", err)
	}
	var ss []sealedAnswer
	if err := tx.db.unseal(ctx, tx, sealed, draftAD(id), &ss); err != nil {
		return nil, err
	}
	return fromSealed(ss), nil
}

// SealLegacyDrafts seals the drafts saved in clear by versions before
// migration 0010 and deletes the clear rows. It runs at start-up; with
// nothing to convert it only reads.
func (db *DB) SealLegacyDrafts(ctx context.Context) error {
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM measurement_drafts`).Scan(&n); err != nil {
		return fmt.Errorf("count clear drafts: %w", err)
	}
	if n == 0 {
		return nil
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT task_id, behaviour_code, score, comment FROM measurement_drafts ORDER BY task_id, behaviour_code`)
		if err != nil {
			return err
		}
		byTask := map[int64][]budaya.Answer{}
		var order []int64
		for rows.Next() {
			var id int64
			var a budaya.Answer
			if err := rows.Scan(&id, &a.BehaviourCode, &a.Score, &a.Comment); err != nil {
				rows.Close()
				return err
			}
			if byTask[id] == nil {
				order = append(order, id)
			}
			byTask[id] = append(byTask[id], a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range order {
			if err := tx.storeDraft(ctx, id, byTask[id]); err != nil {
				return err
			}
		}
		_, err = tx.exec(ctx, `DELETE FROM measurement_drafts`)
		return err
	})
	if err != nil || db.dialect != SQLite {
		return err
	}
	// The clear drafts' old page images are still frames of the write-ahead
	// log: copy the log into the database (where secure_delete left zeros)
	// and truncate it.
	if _, err := db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint after sealing drafts: %w", err)
	}
	return nil
}

// storeDraft seals answers as the draft of task id inside tx.
func (tx *Tx) storeDraft(ctx context.Context, id int64, answers []budaya.Answer) error {
	sealed, err := tx.db.seal(ctx, tx, toSealed(answers), draftAD(id))
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO measurement_sealed_drafts (task_id, answered, sealed, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (task_id) DO UPDATE SET answered = excluded.answered, sealed = excluded.sealed, updated_at = excluded.updated_at`,
		id, len(answers), sealed, tx.db.Now())
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	return nil
}

// SealedBallots returns how many sealed ballots wait for release: of period
// id, or of every period when id is 0.
func (db *DB) SealedBallots(ctx context.Context, periodID int64) (int, error) {
	q, args := `SELECT COUNT(*) FROM measurement_ballots`, []any{}
	if periodID != 0 {
		q, args = q+` WHERE period_id = ?`, append(args, periodID)
	}
	var n int
	if err := db.queryRow(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count sealed ballots: %w", err)
	}
	return n, nil
}
