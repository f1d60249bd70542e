package stats

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/db"
)

// categoryAliases reads the category labels analysts mapped to countries:
// label → ISO3, as written.
func categoryAliases(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT label, iso3 FROM stat_category_aliases`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var l, c string
		if err := rows.Scan(&l, &c); err != nil {
			return nil, err
		}
		out[l] = c
	}
	return out, rows.Err()
}

// extraCategories reads the categories analysts added, by dimension.
func extraCategories(ctx context.Context, tx *sql.Tx) (map[string][]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT dimension, label FROM stat_categories`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var d, l string
		if err := rows.Scan(&d, &l); err != nil {
			return nil, err
		}
		out[d] = append(out[d], l)
	}
	return out, rows.Err()
}

// insertImport records an import of rep's file with no row written yet and
// returns its id.
func insertImport(ctx context.Context, tx *sql.Tx, rep *ImportReport, conflicts int, findings, by string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO stat_imports (file_name, sha256, rows_read, rows_written, conflicts, findings,
		imported_by, imported_at) VALUES ($1, $2, $3, 0, $4, $5, $6, $7) RETURNING id`,
		rep.File, rep.SHA256, rep.Read, conflicts, findings, by, db.Now()).Scan(&id)
	return id, err
}

// deleteImport removes the record of import id.
func deleteImport(ctx context.Context, tx *sql.Tx, id int64) error {
	return db.Exec(ctx, tx, "delete import", `DELETE FROM stat_imports WHERE id = $1`, id)
}

// setImportWritten records how many rows import id wrote.
func setImportWritten(ctx context.Context, tx *sql.Tx, id, written int64) error {
	return db.Exec(ctx, tx, "count the rows of import", `UPDATE stat_imports SET rows_written = $1 WHERE id = $2`, written, id)
}
