package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// maxParams bounds the parameters of one statement. SQLite resolves each
// numbered parameter by a linear scan of those before it, so a statement
// with thousands of them costs quadratic time; under a thousand, a batch
// is still one round trip per few hundred rows on PostgreSQL.
const maxParams = 240

// insertRows writes rows into table in as few multi-row INSERTs as the
// parameter limit allows: bulk imports cost a handful of round trips per
// thousand cases instead of one per row.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	per := max(1, maxParams/len(cols))
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(len(rows), start+per)]
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(chunk)*len(cols))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "$%d", len(args)+j+1)
			}
			b.WriteByte(')')
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("insert %d rows into %s: %w", len(chunk), table, err)
		}
	}
	return nil
}

// idList is ids as a list of placeholders' values: "$1, $2, …" from offset.
func placeholders(n, offset int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("$%d", offset+i+1)
	}
	return strings.Join(p, ", ")
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// bulkRows is the most rows one bulk statement carries.
const bulkRows = 5000

// sqliteVars is how many parameters one SQLite statement may hold
// (SQLITE_MAX_VARIABLE_NUMBER is 32,766).
const sqliteVars = 32_000

// bulkPer is how many rows of cols one bulk statement carries on d.
func bulkPer(d db.Dialect, cols []string) int {
	if d == db.Postgres {
		return bulkRows
	}
	return min(bulkRows, sqliteVars/len(cols))
}

// bulkStatement writes an INSERT of rows into table as one statement.
// PostgreSQL takes one argument per column, a text array, unnested and
// cast to the column's type: the statement stays the same size whatever
// the rows. SQLite takes the rows as VALUES with anonymous ? parameters —
// the one place tipsom writes them instead of $N: the driver resolves
// each $N by a linear scan of the statement's names, which makes a
// statement of thousands of them cost quadratic time, while ? costs
// nothing to bind. cols are "name type" pairs, the type being
// PostgreSQL's; tail ends the statement (RETURNING …).
func bulkStatement(d db.Dialect, table string, cols []string, rows [][]any, tail string) (string, []any, error) {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i], _, _ = strings.Cut(c, " ")
	}
	head := "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ")"
	if d == db.Postgres {
		arrays := make([]any, len(cols))
		params := make([]string, len(cols))
		aliases := make([]string, len(cols))
		sel := make([]string, len(cols))
		for i, c := range cols {
			_, typ, _ := strings.Cut(c, " ")
			col := make([]*string, len(rows))
			for j, r := range rows {
				col[j] = pgText(r[i])
			}
			arrays[i] = col
			params[i] = fmt.Sprintf("$%d::text[]", i+1)
			aliases[i] = fmt.Sprintf("c%d", i)
			sel[i] = fmt.Sprintf("c%d::%s", i, typ)
		}
		return head + " SELECT " + strings.Join(sel, ", ") + " FROM unnest(" + strings.Join(params, ", ") + ") AS u(" +
			strings.Join(aliases, ", ") + ")" + tail, arrays, nil
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
	return b.String(), args, nil
}

// pgText is a value as PostgreSQL text, nil for NULL.
func pgText(v any) *string {
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
	case time.Time:
		s = x.Format(time.RFC3339Nano)
	default:
		s = fmt.Sprint(x)
	}
	return &s
}

// bulkInsert writes rows into table, as many at a time as bulkPer allows
// (see bulkStatement).
func bulkInsert(ctx context.Context, tx *sql.Tx, d db.Dialect, table string, cols []string, rows [][]any) error {
	per := bulkPer(d, cols)
	for start := 0; start < len(rows); start += per {
		part := rows[start:min(len(rows), start+per)]
		q, args, err := bulkStatement(d, table, cols, part, "")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("insert %d rows into %s: %w", len(part), table, err)
		}
	}
	return nil
}
