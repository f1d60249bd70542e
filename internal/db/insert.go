package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Rows a bulk statement carries at most, and the parameters a SQLite
// statement may hold (SQLITE_MAX_VARIABLE_NUMBER is 32,766).
const (
	bulkRows   = 5000
	sqliteVars = 32_000
)

// InsertRows writes rows into table in as few statements as each engine
// allows and returns how many rows they affected. cols are "name type"
// pairs, the type being PostgreSQL's ("year int", "body text"); tail ends
// each statement (an ON CONFLICT clause), and may be empty.
//
// PostgreSQL takes one argument per column, a text array, unnested and
// cast to the column's type: the statement stays the same size whatever
// the rows. SQLite takes the rows as VALUES with anonymous ? parameters —
// the one place tipsom writes them instead of $N: the driver resolves each
// $N by a linear scan of the statement's names, which makes a statement of
// thousands of them cost quadratic time, while ? costs nothing to bind.
// Values may be strings, integers, booleans, times (RFC 3339), nil, or
// anything with a driver.Valuer; integer columns (int, integer, bigint)
// travel to PostgreSQL as integer arrays, the others as text cast there.
func InsertRows(ctx context.Context, tx *sql.Tx, d Dialect, table string, cols []string, rows [][]any, tail string) (int64, error) {
	per := rowsPerStatement(d, len(cols))
	var total int64
	for start := 0; start < len(rows); start += per {
		part := rows[start:min(len(rows), start+per)]
		q, args := bulkStatement(d, table, cols, part, tail)
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return total, fmt.Errorf("insert %d rows into %s: %w", len(part), table, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// InsertReturning is InsertRows for a tail that returns rows ("RETURNING
// id, ref"): each returned row is given to scan.
func InsertReturning(ctx context.Context, tx *sql.Tx, d Dialect, table string, cols []string, rows [][]any, tail string,
	scan func(Scanner) error) error {
	return InChunks(rows, rowsPerStatement(d, len(cols)), func(part [][]any) error {
		q, args := bulkStatement(d, table, cols, part, tail)
		return Each(ctx, tx, fmt.Sprintf("insert %d rows into %s", len(part), table), q, scan, args...)
	})
}

// rowsPerStatement is how many rows of n columns one statement carries.
func rowsPerStatement(d Dialect, n int) int {
	if d == SQLite {
		return min(bulkRows, sqliteVars/n)
	}
	return bulkRows
}

// bulkStatement is one INSERT of rows (see InsertRows).
func bulkStatement(d Dialect, table string, cols []string, rows [][]any, tail string) (string, []any) {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i], _, _ = strings.Cut(c, " ")
	}
	head := "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ")"
	if d == Postgres {
		arrays := make([]any, len(cols))
		params := make([]string, len(cols))
		aliases := make([]string, len(cols))
		sel := make([]string, len(cols))
		for i, c := range cols {
			_, typ, _ := strings.Cut(c, " ")
			aliases[i] = fmt.Sprintf("c%d", i)
			if constant(rows, i) {
				// The same in every row (an import's id, its time): sent once.
				arrays[i], params[i], sel[i] = pgText(rows[0][i]), fmt.Sprintf("$%d::text", i+1), fmt.Sprintf("$%d::%s", i+1, typ)
				continue
			}
			switch typ {
			case "int", "integer", "bigint":
				// Integers travel as integers: no text to parse on the server.
				col := make([]*int64, len(rows))
				for j, r := range rows {
					col[j] = pgInt(r[i])
				}
				arrays[i], params[i], sel[i] = col, fmt.Sprintf("$%d::bigint[]", i+1), fmt.Sprintf("c%d::%s", i, typ)
			default:
				col := make([]*string, len(rows))
				for j, r := range rows {
					col[j] = pgText(r[i])
				}
				arrays[i], params[i], sel[i] = col, fmt.Sprintf("$%d::text[]", i+1), fmt.Sprintf("c%d::%s", i, typ)
				if typ == "text" {
					sel[i] = aliases[i]
				}
			}
		}
		var unnested, names []string
		for i := range cols {
			if !strings.HasSuffix(params[i], "::text") {
				unnested, names = append(unnested, params[i]), append(names, aliases[i])
			}
		}
		if len(unnested) == 0 { // every column constant: one row's worth, repeated
			unnested, names = []string{fmt.Sprintf("generate_series(1, %d)", len(rows))}, []string{"n"}
		}
		return head + " SELECT " + strings.Join(sel, ", ") + " FROM unnest(" + strings.Join(unnested, ", ") + ") AS u(" +
			strings.Join(names, ", ") + ")" + tail, arrays
	}
	var b strings.Builder
	b.WriteString(head + " VALUES ")
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	args := make([]any, 0, len(rows)*len(cols))
	for j, r := range rows {
		if j > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
		args = append(args, r...)
	}
	b.WriteString(tail)
	return b.String(), args
}

// constant reports whether column i holds the same value in every row.
func constant(rows [][]any, i int) bool {
	if len(rows) < 2 {
		return false
	}
	first := rows[0][i]
	for _, r := range rows[1:] {
		if !sameValue(r[i], first) {
			return false
		}
	}
	return true
}

// sameValue compares two row values without panicking on values that do
// not compare (slices): those are never the same.
func sameValue(a, b any) bool {
	defer func() { recover() }()
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb)
	}
	return a == b
}

// pgInt is an integer value as PostgreSQL takes it, nil for NULL.
func pgInt(v any) *int64 {
	if vr, ok := v.(driver.Valuer); ok {
		var err error
		if v, err = vr.Value(); err != nil {
			return nil
		}
	}
	var n int64
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int64:
		n = x
	case int32:
		n = int64(x)
	case *int:
		if x == nil {
			return nil
		}
		n = int64(*x)
	case *int64:
		return x
	case bool:
		if x {
			n = 1
		}
	case string:
		p, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return nil
		}
		n = p
	default:
		return nil
	}
	return &n
}

// pgText is a value as PostgreSQL text, nil for NULL.
func pgText(v any) *string {
	if vr, ok := v.(driver.Valuer); ok {
		var err error
		if v, err = vr.Value(); err != nil {
			v = nil
		}
	}
	var s string
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		s = x
	case int:
		s = strconv.Itoa(x)
	case int64:
		s = strconv.FormatInt(x, 10)
	case *int:
		if x == nil {
			return nil
		}
		s = strconv.Itoa(*x)
	case *int64:
		if x == nil {
			return nil
		}
		s = strconv.FormatInt(*x, 10)
	case *string:
		return x
	case bool:
		s = strconv.FormatBool(x)
	case time.Time:
		s = x.Format(time.RFC3339Nano)
	default:
		s = fmt.Sprint(x)
	}
	return &s
}

// Placeholders is "$1, $2, …, $n", numbered from offset+1: the list of an
// IN (…) of n values after offset others.
func Placeholders(n, offset int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = "$" + strconv.Itoa(offset+i+1)
	}
	return strings.Join(p, ", ")
}

// Args makes query arguments of a list of values: the values of an IN (…).
func Args[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// Exec runs a statement that returns no rows, naming what it did in the
// error.
func Exec(ctx context.Context, tx *sql.Tx, what, q string, args ...any) error {
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// Nullable is v as a query argument, NULL for its zero value ("" or 0):
// optional columns store NULL rather than an empty value.
func Nullable[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}
