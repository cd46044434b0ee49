package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// The catalogue is read from the database itself (sqlite_master and its
// pragmas, or information_schema and pg_catalog for the current schema), so
// that backup, restore and the table comparison of the tests cover every
// table a capability adds without a list to keep up to date.

// Column is one column of a table as the database describes it.
type Column struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	NotNull  bool   `json:"not_null"`
	Identity bool   `json:"identity,omitempty"`
}

// Table is one table of the schema, with the columns other tables' rows
// point at, in catalogue order.
type Table struct {
	Name       string   `json:"name"`
	Columns    []Column `json:"columns"`
	PrimaryKey []string `json:"primary_key"`
	// Refs maps a column to the table its foreign key references.
	Refs map[string]string `json:"-"`
	// Deferred are foreign-key columns that take part in a cycle (a row
	// pointing at its own table, or units and employees pointing at each
	// other). Restore writes them as NULL first and fills them in once every
	// row exists, so no superuser rights are needed to lift the checks.
	Deferred []string `json:"deferred,omitempty"`
}

// Column returns the column named name.
func (t *Table) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// ColumnNames returns the names of the columns in order.
func (t *Table) ColumnNames() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

type sqlQuerier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// Tables returns every table of the database in foreign-key order: a table
// comes after the tables it references, cycles broken by deferred columns.
func (db *DB) Tables(ctx context.Context) ([]*Table, error) {
	return db.catalogue(ctx, db.read)
}

func (db *DB) catalogue(ctx context.Context, q sqlQuerier) ([]*Table, error) {
	var tables map[string]*Table
	var err error
	if db.dialect == Postgres {
		tables, err = postgresCatalogue(ctx, q)
	} else {
		tables, err = sqliteCatalogue(ctx, q)
	}
	if err != nil {
		return nil, fmt.Errorf("read catalogue: %w", err)
	}
	return orderTables(tables)
}

func sqliteCatalogue(ctx context.Context, q sqlQuerier) (map[string]*Table, error) {
	names, err := queryStrings(ctx, q, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	tables := map[string]*Table{}
	for _, name := range names {
		t := &Table{Name: name, Refs: map[string]string{}}
		rows, err := q.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, name)
		if err != nil {
			return nil, err
		}
		type pkCol struct {
			name string
			pos  int
		}
		var pks []pkCol
		for rows.Next() {
			var c Column
			var pk int
			if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &pk); err != nil {
				rows.Close()
				return nil, err
			}
			c.Type = strings.ToUpper(c.Type)
			if pk > 0 {
				pks = append(pks, pkCol{c.Name, pk})
			}
			t.Columns = append(t.Columns, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		sort.Slice(pks, func(i, j int) bool { return pks[i].pos < pks[j].pos })
		for _, p := range pks {
			t.PrimaryKey = append(t.PrimaryKey, p.name)
		}
		if len(pks) == 1 {
			if c, ok := t.Column(pks[0].name); ok && c.Type == "INTEGER" {
				for i := range t.Columns {
					if t.Columns[i].Name == c.Name {
						t.Columns[i].Identity = true
					}
				}
			}
		}
		frows, err := q.QueryContext(ctx, `SELECT "from", "table" FROM pragma_foreign_key_list(?)`, name)
		if err != nil {
			return nil, err
		}
		for frows.Next() {
			var from, to string
			if err := frows.Scan(&from, &to); err != nil {
				frows.Close()
				return nil, err
			}
			t.Refs[from] = to
		}
		frows.Close()
		if err := frows.Err(); err != nil {
			return nil, err
		}
		tables[name] = t
	}
	return tables, nil
}

func postgresCatalogue(ctx context.Context, q sqlQuerier) (map[string]*Table, error) {
	names, err := queryStrings(ctx, q, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	tables := map[string]*Table{}
	for _, n := range names {
		tables[n] = &Table{Name: n, Refs: map[string]string{}}
	}
	rows, err := q.QueryContext(ctx, `SELECT table_name, column_name, data_type, is_nullable, is_identity
		FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, nullable, identity string
		var c Column
		if err := rows.Scan(&table, &c.Name, &c.Type, &nullable, &identity); err != nil {
			rows.Close()
			return nil, err
		}
		c.Type = strings.ToUpper(c.Type)
		c.NotNull = nullable == "NO"
		c.Identity = identity == "YES"
		if t := tables[table]; t != nil {
			t.Columns = append(t.Columns, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT cl.relname, a.attname
		FROM pg_index i
		JOIN pg_class cl ON cl.oid = i.indrelid
		JOIN pg_namespace ns ON ns.oid = cl.relnamespace
		JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) ON true
		JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = k.attnum
		WHERE i.indisprimary AND ns.nspname = current_schema()
		ORDER BY cl.relname, k.pos`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			rows.Close()
			return nil, err
		}
		if t := tables[table]; t != nil {
			t.PrimaryKey = append(t.PrimaryKey, col)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT cl.relname, a.attname, rf.relname
		FROM pg_constraint c
		JOIN pg_class cl ON cl.oid = c.conrelid
		JOIN pg_class rf ON rf.oid = c.confrelid
		JOIN pg_namespace ns ON ns.oid = c.connamespace
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		WHERE c.contype = 'f' AND ns.nspname = current_schema()`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, col, ref string
		if err := rows.Scan(&table, &col, &ref); err != nil {
			rows.Close()
			return nil, err
		}
		if t := tables[table]; t != nil {
			t.Refs[col] = ref
		}
	}
	rows.Close()
	return tables, rows.Err()
}

func queryStrings(ctx context.Context, q sqlQuerier, query string) ([]string, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// orderTables sorts tables so that each comes after those it references.
// Where references form a cycle, the alphabetically first table of the rest
// goes next and its references into the rest become deferred columns.
func orderTables(tables map[string]*Table) ([]*Table, error) {
	placed := map[string]bool{}
	var out []*Table
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	ready := func(t *Table) bool {
		for col, ref := range t.Refs {
			if ref == t.Name || placed[ref] || tables[ref] == nil || slices.Contains(t.Deferred, col) {
				continue
			}
			return false
		}
		return true
	}
	for len(out) < len(names) {
		progressed := false
		for _, n := range names {
			if t := tables[n]; !placed[n] && ready(t) {
				placed[n] = true
				out = append(out, t)
				progressed = true
			}
		}
		if progressed {
			continue
		}
		// Stuck: the rest hold a cycle. Defer the references of the first
		// table on a cycle whose references into the rest may be NULL.
		picked := false
		for _, n := range names {
			t := tables[n]
			if placed[n] || !onCycle(tables, placed, n) {
				continue
			}
			nullable := true
			for col, ref := range t.Refs {
				if c, _ := t.Column(col); !placed[ref] && tables[ref] != nil && ref != n && c.NotNull {
					nullable = false
				}
			}
			if !nullable {
				continue
			}
			for col, ref := range t.Refs {
				if !placed[ref] && tables[ref] != nil && ref != n {
					t.Deferred = append(t.Deferred, col)
				}
			}
			picked = true
			break
		}
		if !picked {
			return nil, fmt.Errorf("tables hold a reference cycle of NOT NULL columns; restore cannot order them")
		}
	}
	for _, t := range out {
		for col, ref := range t.Refs {
			if ref == t.Name && !slices.Contains(t.Deferred, col) {
				t.Deferred = append(t.Deferred, col)
			}
		}
		sort.Strings(t.Deferred)
		for _, col := range t.Deferred {
			if c, _ := t.Column(col); c.NotNull {
				return nil, fmt.Errorf("table %s: column %s takes part in a reference cycle but is NOT NULL; restore cannot order it", t.Name, col)
			}
		}
		if len(t.Deferred) > 0 && len(t.PrimaryKey) == 0 {
			return nil, fmt.Errorf("table %s: has deferred references but no primary key", t.Name)
		}
	}
	return out, nil
}

// onCycle reports whether following the references of unplaced tables from
// start leads back to it.
func onCycle(tables map[string]*Table, placed map[string]bool, start string) bool {
	seen := map[string]bool{}
	stack := []string{start}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, ref := range tables[n].Refs {
			if ref == n || placed[ref] || tables[ref] == nil {
				continue
			}
			if ref == start {
				return true
			}
			if !seen[ref] {
				seen[ref] = true
				stack = append(stack, ref)
			}
		}
	}
	return false
}

// quoteIdent quotes a table or column name read from the catalogue.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
