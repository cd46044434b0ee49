package store

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
)

// BackupFormat names the layout of a backup file: a zip holding one
// JSON-lines file per table (tables/NAME.jsonl, one JSON array per row in the
// column order of the manifest), the blobs its rows name (blobs/KEY) and
// manifest.json with the schema version, row counts and SHA-256 sums.
const BackupFormat = "budaya-backup/1"

// BackupManifest describes a backup file.
type BackupManifest struct {
	Format        string        `json:"format"`
	SchemaVersion int           `json:"schema_version"`
	Migrations    []string      `json:"migrations"`
	Dialect       Dialect       `json:"dialect"`
	CreatedAt     time.Time     `json:"created_at"`
	Tables        []BackupTable `json:"tables"`
	Blobs         []BackupBlob  `json:"blobs"`
	// MissingBlobs are keys named by rows whose file was not in the blob store.
	MissingBlobs []string `json:"missing_blobs,omitempty"`
}

// BackupTable is one table in a backup.
type BackupTable struct {
	Name    string   `json:"name"`
	File    string   `json:"file"`
	Columns []Column `json:"columns"`
	Rows    int64    `json:"rows"`
	SHA256  string   `json:"sha256"`
}

// BackupBlob is one stored file in a backup.
type BackupBlob struct {
	Key    string `json:"key"`
	File   string `json:"file"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Rows returns the total number of rows in the backup.
func (m *BackupManifest) Rows() int64 {
	var n int64
	for _, t := range m.Tables {
		n += t.Rows
	}
	return n
}

// blobColumns names, per table, the column holding a blob-store key. Files
// uploaded by any capability go through evidence_files, so one entry covers
// them; a capability storing blobs elsewhere adds its table here.
func blobColumns() map[string]string {
	return map[string]string{"evidence_files": "blob_key"}
}

// Backup writes a consistent copy of the whole database, and of the blobs its
// rows name, to w while the server keeps running: every table is read in one
// read transaction (a SQLite read snapshot, or REPEATABLE READ on
// PostgreSQL), so the copy is the database as of one instant.
func (db *DB) Backup(ctx context.Context, w io.Writer, blobs blob.Store) (*BackupManifest, error) {
	var opts *sql.TxOptions
	if db.dialect == Postgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("backup: begin: %w", err)
	}
	defer tx.Rollback()

	m := &BackupManifest{Format: BackupFormat, Dialect: db.dialect, CreatedAt: db.Now()}
	// The first read fixes the snapshot: everything below sees the same instant.
	rows, err := tx.QueryContext(ctx, `SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("backup: schema version: %w", err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&m.SchemaVersion, &name); err != nil {
			rows.Close()
			return nil, err
		}
		m.Migrations = append(m.Migrations, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tables, err := db.catalogue(ctx, tx)
	if err != nil {
		return nil, err
	}

	zw := zip.NewWriter(w)
	blobKeys := map[string]bool{}
	for _, t := range tables {
		file := "tables/" + t.Name + ".jsonl"
		fw, err := zw.Create(file)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		bw := bufio.NewWriterSize(io.MultiWriter(fw, h), 64<<10)
		keyCol := -1
		if col, ok := blobColumns()[t.Name]; ok {
			keyCol = slices.Index(t.ColumnNames(), col)
		}
		var n int64
		err = eachRow(ctx, tx, t, func(vals []any) error {
			n++
			if keyCol >= 0 {
				if k, ok := vals[keyCol].(string); ok && k != "" {
					blobKeys[k] = true
				}
			}
			return writeRow(bw, vals)
		})
		if err != nil {
			return nil, fmt.Errorf("backup table %s: %w", t.Name, err)
		}
		if err := bw.Flush(); err != nil {
			return nil, err
		}
		m.Tables = append(m.Tables, BackupTable{Name: t.Name, File: file, Columns: t.Columns, Rows: n, SHA256: hex.EncodeToString(h.Sum(nil))})
	}

	keys := make([]string, 0, len(blobKeys))
	for k := range blobKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if blobs == nil {
			m.MissingBlobs = append(m.MissingBlobs, k)
			continue
		}
		rc, err := blobs.Open(ctx, k)
		if errors.Is(err, blob.ErrNotFound) {
			m.MissingBlobs = append(m.MissingBlobs, k)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("backup blob %s: %w", k, err)
		}
		file := "blobs/" + k
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: file, Method: zip.Store})
		if err != nil {
			rc.Close()
			return nil, err
		}
		h := sha256.New()
		size, err := io.Copy(io.MultiWriter(fw, h), rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("backup blob %s: %w", k, err)
		}
		m.Blobs = append(m.Blobs, BackupBlob{Key: k, File: file, Size: size, SHA256: hex.EncodeToString(h.Sum(nil))})
	}

	fw, err := zw.Create("manifest.json")
	if err != nil {
		return nil, err
	}
	enc := json.NewEncoder(fw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("backup: finish file: %w", err)
	}
	return m, nil
}

// eachRow streams every row of t in primary-key order.
func eachRow(ctx context.Context, q sqlQuerier, t *Table, fn func([]any) error) error {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = quoteIdent(c.Name)
	}
	order := "1"
	if len(t.PrimaryKey) > 0 {
		pk := make([]string, len(t.PrimaryKey))
		for i, c := range t.PrimaryKey {
			pk[i] = quoteIdent(c)
		}
		order = strings.Join(pk, ", ")
	} else {
		order = strings.Join(cols, ", ")
	}
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+quoteIdent(t.Name)+` ORDER BY `+order)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachRow calls fn with every row of table (in primary-key order), each value
// in its portable form: nil, bool, int64, float64, string (times as RFC 3339
// in UTC), or {"base64": ...} for bytes. Tests use it to compare databases.
func (db *DB) EachRow(ctx context.Context, table string, fn func([]any) error) error {
	tables, err := db.Tables(ctx)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if t.Name == table {
			return eachRow(ctx, db.read, t, func(vals []any) error {
				out := make([]any, len(vals))
				for i, v := range vals {
					out[i] = portable(v)
				}
				return fn(out)
			})
		}
	}
	return fmt.Errorf("no table %s", table)
}

// portable turns a value read from either driver into its backup form.
func portable(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case []byte:
		return map[string]string{"base64": base64.StdEncoding.EncodeToString(x)}
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case float32:
		return float64(x)
	}
	return v
}

func writeRow(w io.Writer, vals []any) error {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = portable(v)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// ReadBackupManifest reads and checks the manifest of a backup file.
func ReadBackupManifest(r io.ReaderAt, size int64) (*BackupManifest, *zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, nil, invalidBackup(budaya.MsgBackupNotZipFile, err)
	}
	f := zipFile(zr, "manifest.json")
	if f == nil {
		return nil, nil, invalidBackup(budaya.MsgBackupManifestJSONMissing)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, invalidBackup(budaya.MsgBackupManifestJSONUnreadable, err)
	}
	defer rc.Close()
	m, err := DecodeBackupManifest(io.LimitReader(rc, 64<<20))
	if err != nil {
		return nil, nil, err
	}
	return m, zr, nil
}

// DecodeBackupManifest decodes and checks a manifest.
func DecodeBackupManifest(r io.Reader) (*BackupManifest, error) {
	var m BackupManifest
	dec := json.NewDecoder(r)
	if err := dec.Decode(&m); err != nil {
		return nil, invalidBackup(budaya.MsgBackupManifestJSONNotValid, err)
	}
	if m.Format != BackupFormat {
		return nil, invalidBackup(budaya.MsgBackupUnknownFormatWant, m.Format, BackupFormat)
	}
	seen := map[string]bool{}
	for _, t := range m.Tables {
		if t.Name == "" || seen[t.Name] || len(t.Columns) == 0 || t.Rows < 0 {
			return nil, invalidBackup(budaya.MsgBackupTableListManifest, t.Name)
		}
		seen[t.Name] = true
	}
	for _, b := range m.Blobs {
		if b.Key == "" || b.File != "blobs/"+b.Key || b.Size < 0 {
			return nil, invalidBackup(budaya.MsgBackupFileListManifest, b.Key)
		}
	}
	return &m, nil
}

func invalidBackup(m budaya.Msg, args ...any) error {
	return budaya.Errorf(budaya.EINVALID, m, args...)
}

func zipFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Restore loads a backup file into this database, which must be empty (no
// rows in any table; it is migrated first). Everything happens in one
// transaction: on any error, nothing is written. Row counts and SHA-256 sums
// of every table and blob are checked against the manifest. A backup from a
// schema this binary does not know is refused. The engines need not match: a
// SQLite backup restores into PostgreSQL and back.
func (db *DB) Restore(ctx context.Context, actor budaya.Actor, r io.ReaderAt, size int64, blobs blob.Store) (*BackupManifest, error) {
	m, zr, err := ReadBackupManifest(r, size)
	if err != nil {
		return nil, err
	}
	known, err := db.migrations()
	if err != nil {
		return nil, err
	}
	knownNames := map[string]bool{}
	maxKnown := 0
	for _, k := range known {
		knownNames[k.name] = true
		maxKnown = max(maxKnown, k.version)
	}
	for _, name := range m.Migrations {
		if !knownNames[name] {
			return nil, budaya.Errorf(budaya.ECONFLICT,
				budaya.MsgBackupMadeSchemaVersion,
				m.SchemaVersion, name, maxKnown)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		tables, err := db.catalogue(ctx, tx.tx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			if t.Name == "schema_migrations" {
				continue
			}
			var one int
			err := tx.queryRow(ctx, `SELECT 1 FROM `+quoteIdent(t.Name)+` LIMIT 1`).Scan(&one)
			if err == nil {
				return budaya.Errorf(budaya.ECONFLICT,
					budaya.MsgTargetDatabaseNotEmpty, t.Name)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("check %s is empty: %w", t.Name, err)
			}
		}
		byName := map[string]BackupTable{}
		for _, bt := range m.Tables {
			byName[bt.Name] = bt
			if bt.Name == "schema_migrations" {
				continue
			}
			found := false
			for _, t := range tables {
				found = found || t.Name == bt.Name
			}
			if !found {
				return invalidBackup(budaya.MsgBackupTableDoesNotExist, bt.Name)
			}
		}
		var fillIns []func() error
		for _, t := range tables {
			bt, ok := byName[t.Name]
			if !ok || t.Name == "schema_migrations" {
				continue
			}
			fill, err := restoreTable(ctx, tx, zr, t, bt)
			if err != nil {
				return fmt.Errorf("restore table %s: %w", t.Name, err)
			}
			if fill != nil {
				fillIns = append(fillIns, fill)
			}
		}
		// Every row exists now, so the deferred references can point at them.
		for _, fill := range fillIns {
			if err := fill(); err != nil {
				return err
			}
		}
		if db.dialect == Postgres {
			for _, t := range tables {
				for _, c := range t.Columns {
					if !c.Identity {
						continue
					}
					q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'), COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)`,
						strings.ReplaceAll(quoteIdent(t.Name), "'", "''"), strings.ReplaceAll(c.Name, "'", "''"), quoteIdent(c.Name), quoteIdent(t.Name))
					if _, err := tx.exec(ctx, q); err != nil {
						return fmt.Errorf("reset sequence of %s.%s: %w", t.Name, c.Name, err)
					}
				}
			}
		}
		for _, b := range m.Blobs {
			if err := restoreBlob(ctx, zr, b, blobs); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "restore", "database", m.SchemaVersion, nil, map[string]any{
			"created_at": m.CreatedAt, "dialect": m.Dialect, "tables": len(m.Tables), "rows": m.Rows(), "blobs": len(m.Blobs)})
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

func restoreBlob(ctx context.Context, zr *zip.Reader, b BackupBlob, blobs blob.Store) error {
	if blobs == nil {
		return errors.New("restore: the backup holds files but no blob folder was given")
	}
	f := zipFile(zr, b.File)
	if f == nil {
		return invalidBackup(budaya.MsgBackupFileMissing, b.File)
	}
	// A blob already in the folder (restoring next to the old files) is kept
	// when its content is the same.
	if rc, err := blobs.Open(ctx, b.Key); err == nil {
		h := sha256.New()
		_, err := io.Copy(h, rc)
		rc.Close()
		if err != nil {
			return err
		}
		if hex.EncodeToString(h.Sum(nil)) != b.SHA256 {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgBlobFolderAlreadyHolds, b.Key)
		}
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	info, err := blobs.Put(ctx, b.Key, rc)
	if err != nil {
		return fmt.Errorf("restore blob %s: %w", b.Key, err)
	}
	if info.SHA256 != b.SHA256 || info.Size != b.Size {
		_ = blobs.Delete(ctx, b.Key)
		return invalidBackup(budaya.MsgBackupContentDoesNotMatch, b.Key)
	}
	return nil
}

// restoreTable inserts the rows of bt into t in batches, writing deferred
// columns as NULL. It returns a function that fills those in with a second
// pass over the file, to be run once every table is restored.
func restoreTable(ctx context.Context, tx *Tx, zr *zip.Reader, t *Table, bt BackupTable) (fill func() error, err error) {
	cols := make([]Column, len(bt.Columns))
	for i, bc := range bt.Columns {
		c, ok := t.Column(bc.Name)
		if !ok {
			return nil, invalidBackup(budaya.MsgBackupColumnDoesNotExist, t.Name, bc.Name)
		}
		cols[i] = c
	}
	deferred := make([]bool, len(cols))
	selfRef := make([]bool, len(cols))
	var deferredIdx []int
	for i, c := range cols {
		if slices.Contains(t.Deferred, c.Name) {
			deferred[i] = true
			selfRef[i] = t.Refs[c.Name] == t.Name
			deferredIdx = append(deferredIdx, i)
		}
	}
	var pkIdx []int
	if len(deferredIdx) > 0 {
		for _, pk := range t.PrimaryKey {
			j := slices.IndexFunc(cols, func(c Column) bool { return c.Name == pk })
			if j < 0 {
				return nil, invalidBackup(budaya.MsgBackupTableLacksKey, t.Name, pk)
			}
			pkIdx = append(pkIdx, j)
		}
	}
	rowKey := func(vals []any) string {
		var b strings.Builder
		for _, i := range pkIdx {
			fmt.Fprint(&b, vals[i], "\x00")
		}
		return b.String()
	}
	// A reference to a row of the same table that is already inserted (rows
	// come in key order, so a correction pointing at the pledge it supersedes,
	// or a unit under an older parent) is written at once. Only references to
	// rows not there yet are held back and filled in later: some tables (signed
	// pledges) refuse any UPDATE, and held-back NULLs could break unique rules.
	seen := map[string]bool{}
	pending := map[string]bool{}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = quoteIdent(c.Name)
	}
	perRow := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	batchRows := max(1, 4000/len(cols))
	var batch []any
	inBatch := 0
	flush := func() error {
		if inBatch == 0 {
			return nil
		}
		q := `INSERT INTO ` + quoteIdent(t.Name) + ` (` + strings.Join(names, ", ") + `) VALUES ` +
			strings.TrimSuffix(strings.Repeat(perRow+", ", inBatch), ", ")
		_, err := tx.exec(ctx, q, batch...)
		batch, inBatch = batch[:0], 0
		return err
	}
	n, sum, err := readTableFile(zr, bt, cols, tx.db.dialect, func(vals []any) error {
		held := false
		for i, v := range vals {
			if deferred[i] && v != nil {
				alreadyIn := selfRef[i] && len(pkIdx) == 1 && seen[fmt.Sprint(v, "\x00")]
				if !alreadyIn {
					v, held = nil, true
				}
			}
			batch = append(batch, v)
		}
		if len(deferredIdx) > 0 {
			key := rowKey(vals)
			seen[key] = true
			if held {
				pending[key] = true
			}
		}
		inBatch++
		if inBatch >= batchRows {
			return flush()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if n != bt.Rows || sum != bt.SHA256 {
		return nil, invalidBackup(budaya.MsgBackupTableRowsSHA, t.Name, n, sum, bt.Rows, bt.SHA256)
	}
	if len(deferredIdx) == 0 {
		return nil, nil
	}
	if len(pending) == 0 {
		return nil, nil
	}
	var set, where []string
	for _, i := range deferredIdx {
		set = append(set, quoteIdent(cols[i].Name)+" = ?")
	}
	for _, i := range pkIdx {
		where = append(where, quoteIdent(cols[i].Name)+" = ?")
	}
	update := `UPDATE ` + quoteIdent(t.Name) + ` SET ` + strings.Join(set, ", ") + ` WHERE ` + strings.Join(where, " AND ")
	return func() error {
		_, _, err := readTableFile(zr, bt, cols, tx.db.dialect, func(vals []any) error {
			if !pending[rowKey(vals)] {
				return nil
			}
			var args []any
			set := false
			for _, i := range deferredIdx {
				args = append(args, vals[i])
				set = set || vals[i] != nil
			}
			if !set {
				return nil
			}
			for _, i := range pkIdx {
				args = append(args, vals[i])
			}
			_, err := tx.exec(ctx, update, args...)
			return err
		})
		if err != nil {
			return fmt.Errorf("restore references of %s: %w", t.Name, err)
		}
		return nil
	}, nil
}

// readTableFile decodes the rows of bt, converting each value to the type of
// the target column, and returns the row count and SHA-256 of the file.
func readTableFile(zr *zip.Reader, bt BackupTable, cols []Column, d Dialect, fn func([]any) error) (int64, string, error) {
	f := zipFile(zr, bt.File)
	if f == nil {
		return 0, "", invalidBackup(budaya.MsgBackupFileMissing, bt.File)
	}
	rc, err := f.Open()
	if err != nil {
		return 0, "", err
	}
	defer rc.Close()
	h := sha256.New()
	sc := bufio.NewScanner(io.TeeReader(rc, h))
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	var n int64
	for sc.Scan() {
		n++
		vals, err := DecodeBackupRow(sc.Bytes(), cols, d)
		if err != nil {
			return n, "", invalidBackup(budaya.MsgBackupLine, bt.File, n, err)
		}
		if err := fn(vals); err != nil {
			return n, "", err
		}
	}
	if err := sc.Err(); err != nil {
		return n, "", invalidBackup(budaya.MsgBackupReason, bt.File, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// DecodeBackupRow decodes one line of a table file into values for cols on
// the engine d.
func DecodeBackupRow(line []byte, cols []Column, d Dialect) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var raw []any
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("extra data after the row")
	}
	if len(raw) != len(cols) {
		return nil, fmt.Errorf("%d values for %d columns", len(raw), len(cols))
	}
	out := make([]any, len(raw))
	for i, v := range raw {
		c, err := convertValue(v, cols[i], d)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", cols[i].Name, err)
		}
		out[i] = c
	}
	return out, nil
}

func isTimeType(t string) bool {
	return strings.Contains(t, "TIMESTAMP") || strings.Contains(t, "DATE") || strings.HasPrefix(t, "TIME")
}

func isBoolType(t string) bool { return t == "BOOLEAN" || t == "BOOL" }

func isTextType(t string) bool {
	return strings.Contains(t, "TEXT") || strings.Contains(t, "CHAR") || strings.Contains(t, "CLOB")
}

func convertValue(v any, c Column, d Dialect) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		s, ok := x["base64"].(string)
		if !ok || len(x) != 1 {
			return nil, errors.New("an object value must be {\"base64\": ...}")
		}
		return base64.StdEncoding.DecodeString(s)
	case []any:
		return nil, errors.New("a list is not a value")
	case bool:
		if isBoolType(c.Type) {
			return x, nil
		}
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case json.Number:
		if isBoolType(c.Type) {
			switch x.String() {
			case "0":
				return false, nil
			case "1":
				return true, nil
			}
			return nil, fmt.Errorf("%s is not a boolean", x)
		}
		if isTextType(c.Type) {
			return x.String(), nil
		}
		if i, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
			return i, nil
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("%s is not a number", x)
		}
		return f, nil
	case string:
		if isTimeType(c.Type) {
			t, err := time.Parse(time.RFC3339Nano, x)
			if err != nil {
				return nil, fmt.Errorf("%q is not an RFC 3339 time", x)
			}
			return t.UTC(), nil
		}
		if isBoolType(c.Type) {
			switch x {
			case "true", "1":
				return true, nil
			case "false", "0":
				return false, nil
			}
			return nil, fmt.Errorf("%q is not a boolean", x)
		}
		return x, nil
	}
	return nil, fmt.Errorf("unexpected value %T", v)
}
