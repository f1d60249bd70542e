package stats

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/db"
)

// categoryAliases reads the category labels analysts mapped to countries:
// label → ISO3, as written.
func categoryAliases(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	out := map[string]string{}
	err := db.Each(ctx, tx, "category aliases", `SELECT label, iso3 FROM stat_category_aliases`, func(row db.Scanner) error {
		var l, c string
		err := row.Scan(&l, &c)
		out[l] = c
		return err
	})
	return out, err
}

// extraCategories reads the categories analysts added, by dimension.
func extraCategories(ctx context.Context, tx *sql.Tx) (map[string][]string, error) {
	out := map[string][]string{}
	err := db.Each(ctx, tx, "added categories", `SELECT dimension, label FROM stat_categories`, func(row db.Scanner) error {
		var d, l string
		err := row.Scan(&d, &l)
		out[d] = append(out[d], l)
		return err
	})
	return out, err
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
