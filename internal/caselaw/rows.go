package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
