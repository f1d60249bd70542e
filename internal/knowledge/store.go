package knowledge

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// Every statement of the Hub, on knowledge_items, knowledge_files and
// knowledge_follows.

const itemColumns = `i.id, i.kind, i.status, i.content, COALESCE(i.org_id, 0), COALESCE(o.short_name, ''),
	COALESCE(i.author_id, 0), i.author, i.reason, i.demo, i.created_at, i.updated_at, i.published_at,
	f.name, f.content_type, f.size, f.sha256, f.text <> ''`

const itemFrom = ` FROM knowledge_items i LEFT JOIN organisations o ON o.id = i.org_id
	LEFT JOIN knowledge_files f ON f.item_id = i.id`

func scanItem(row db.Scanner) (*Item, error) {
	it := &Item{}
	var content string
	var published sql.NullTime
	var fname, ftype, fsha sql.NullString
	var fsize sql.NullInt64
	var searchable sql.NullBool
	err := row.Scan(&it.ID, &it.Kind, &it.Status, &content, &it.OrgID, &it.Org, &it.AuthorID, &it.Author, &it.Reason,
		&it.Demo, &it.CreatedAt, &it.UpdatedAt, &published, &fname, &ftype, &fsize, &fsha, &searchable)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(content), &it.Content); err != nil {
		return nil, fmt.Errorf("knowledge item %d: %w", it.ID, err)
	}
	it.CreatedAt, it.UpdatedAt = it.CreatedAt.UTC(), it.UpdatedAt.UTC()
	if published.Valid {
		it.PublishedAt = published.Time.UTC()
	}
	if fname.Valid {
		it.File = &File{Name: fname.String, ContentType: ftype.String, Size: fsize.Int64, SHA256: fsha.String, Searchable: searchable.Bool}
	}
	return it, nil
}

func encodeContent(c *Content) (string, error) {
	b, err := json.Marshal(c)
	return string(b), err
}

// insertItem stores a new item and sets its id.
func insertItem(ctx context.Context, tx *sql.Tx, it *Item, demoKey string) error {
	content, err := encodeContent(&it.Content)
	if err != nil {
		return err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO knowledge_items (kind, status, content, org_id, author_id, author, reason,
		day, demo, demo_key, created_at, updated_at, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		RETURNING id`, it.Kind, it.Status, content, db.Nullable(it.OrgID), db.Nullable(it.AuthorID), it.Author, it.Reason,
		db.DateArg(it.Day()), it.Demo, db.Nullable(demoKey), it.CreatedAt, it.UpdatedAt, db.Nullable(it.PublishedAt)).Scan(&it.ID)
	if err != nil {
		return fmt.Errorf("store knowledge item: %w", err)
	}
	return nil
}

// updateItem writes an item's content, status and reason back.
func updateItem(ctx context.Context, tx *sql.Tx, it *Item) error {
	content, err := encodeContent(&it.Content)
	if err != nil {
		return err
	}
	return db.Exec(ctx, tx, "update knowledge item", `UPDATE knowledge_items SET status = $2, content = $3, reason = $4,
		day = $5, updated_at = $6, published_at = $7 WHERE id = $1`,
		it.ID, it.Status, content, it.Reason, db.DateArg(it.Day()), it.UpdatedAt, db.Nullable(it.PublishedAt))
}

// itemByID reads one item; for update takes the row's lock on PostgreSQL.
func itemByID(ctx context.Context, tx *sql.Tx, id int64) (*Item, error) {
	it, err := scanItem(tx.QueryRowContext(ctx, `SELECT `+itemColumns+itemFrom+` WHERE i.id = $1`, id))
	return it, db.NotFound(err)
}

// itemIDByDemoKey finds a demo item by its key (0 when absent).
func itemIDByDemoKey(ctx context.Context, tx *sql.Tx, key string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM knowledge_items WHERE demo_key = $1`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// ItemFilter selects items for a list.
type ItemFilter struct {
	Kind     Kind     // "" any
	Statuses []Status // none: any
	OrgID    int64    // 0 any
	AuthorID int64    // 0 any
	IDs      []int64  // none: any
	Limit    int
	Offset   int
}

// listItems returns the items passing f, the latest first.
func listItems(ctx context.Context, tx *sql.Tx, f ItemFilter) ([]*Item, error) {
	var w db.Where
	w.When(f.Kind != "", "i.kind = ?", f.Kind)
	w.In("i.status", db.Args(f.Statuses))
	w.When(f.OrgID != 0, "i.org_id = ?", f.OrgID)
	w.When(f.AuthorID != 0, "i.author_id = ?", f.AuthorID)
	w.In("i.id", db.Args(f.IDs))
	q := `SELECT ` + itemColumns + itemFrom + w.SQL() + ` ORDER BY i.updated_at DESC, i.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + w.Arg(f.Limit) + ` OFFSET ` + w.Arg(f.Offset)
	}
	return db.List(ctx, tx, "list knowledge items", scanItem, q, w.Args()...)
}

// countByStatus counts the items of each kind in each status.
func countByStatus(ctx context.Context, tx *sql.Tx) (map[Kind]map[Status]int, error) {
	out := map[Kind]map[Status]int{}
	err := db.Each(ctx, tx, "count knowledge items", `SELECT kind, status, COUNT(*) FROM knowledge_items GROUP BY kind, status`,
		func(row db.Scanner) error {
			var k Kind
			var s Status
			var n int
			if err := row.Scan(&k, &s, &n); err != nil {
				return err
			}
			if out[k] == nil {
				out[k] = map[Status]int{}
			}
			out[k][s] = n
			return nil
		})
	return out, err
}

// putFile stores (or replaces) an item's document.
func putFile(ctx context.Context, tx *sql.Tx, id int64, f *File, data []byte, text string, at time.Time) error {
	return db.Exec(ctx, tx, "store knowledge file", `INSERT INTO knowledge_files (item_id, name, content_type, size, sha256, data, text, uploaded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (item_id) DO UPDATE SET name = excluded.name,
		content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256, data = excluded.data,
		text = excluded.text, uploaded_at = excluded.uploaded_at`, id, f.Name, f.ContentType, f.Size, f.SHA256, data, text, at)
}

// fileData reads an item's document.
func fileData(ctx context.Context, tx *sql.Tx, id int64) ([]byte, error) {
	var data []byte
	err := tx.QueryRowContext(ctx, `SELECT data FROM knowledge_files WHERE item_id = $1`, id).Scan(&data)
	return data, db.NotFound(err)
}

// fileText reads the extracted text of an item's document ("" without one).
func fileText(ctx context.Context, tx *sql.Tx, id int64) (string, error) {
	var text string
	err := tx.QueryRowContext(ctx, `SELECT text FROM knowledge_files WHERE item_id = $1`, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return text, err
}

// setFollow starts or stops user following topic.
func setFollow(ctx context.Context, tx *sql.Tx, user int64, topic string, on bool) error {
	if on {
		return db.Exec(ctx, tx, "follow topic", `INSERT INTO knowledge_follows (user_id, topic) VALUES ($1, $2)
			ON CONFLICT (user_id, topic) DO NOTHING`, user, topic)
	}
	return db.Exec(ctx, tx, "unfollow topic", `DELETE FROM knowledge_follows WHERE user_id = $1 AND topic = $2`, user, topic)
}

// followedBy lists the topics user follows.
func followedBy(ctx context.Context, tx *sql.Tx, user int64) ([]string, error) {
	return db.List(ctx, tx, "followed topics", db.Column[string],
		`SELECT topic FROM knowledge_follows WHERE user_id = $1 ORDER BY topic`, user)
}

// followers lists the users following any of topics.
func followers(ctx context.Context, tx *sql.Tx, topics []string) ([]int64, error) {
	if len(topics) == 0 {
		return nil, nil
	}
	return db.List(ctx, tx, "followers of topics", db.Column[int64],
		`SELECT DISTINCT user_id FROM knowledge_follows WHERE topic IN (`+db.Placeholders(len(topics), 0)+`) ORDER BY user_id`, db.Args(topics)...)
}
