package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// insertNotice stores n for its user unless a notice with the same dedupe
// key is there already; it reports whether it stored one.
func insertNotice(ctx context.Context, tx *sql.Tx, n *Notice, dedupe string) (bool, error) {
	if dedupe != "" {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM notices WHERE user_id = $1 AND dedupe = $2`, n.UserID, dedupe).Scan(&one)
		if err == nil {
			return false, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("find notice: %w", err)
		}
	}
	params, err := json.Marshal(n.Params)
	if err != nil {
		return false, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO notices (user_id, kind, object, url, message_key, params, dedupe, digest, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		n.UserID, string(n.Kind), n.Object, n.URL, n.Key, string(params), dedupe, n.Digest, n.Created).Scan(&n.ID)
	if err != nil {
		return false, fmt.Errorf("insert notice: %w", err)
	}
	return true, nil
}

const noticeColumns = `id, user_id, kind, object, url, message_key, params, digest, created_at, read_at`

func scanNotice(row db.Scanner) (*Notice, error) {
	var n Notice
	var kind, params string
	var read sql.NullTime
	if err := row.Scan(&n.ID, &n.UserID, &kind, &n.Object, &n.URL, &n.Key, &params, &n.Digest, &n.Created, &read); err != nil {
		return nil, err
	}
	n.Kind, n.Read = Kind(kind), db.TimeOf(read)
	n.Created = n.Created.UTC()
	if err := json.Unmarshal([]byte(params), &n.Params); err != nil {
		return nil, fmt.Errorf("notice %d params: %w", n.ID, err)
	}
	return &n, nil
}

func queryNotices(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]*Notice, error) {
	out, err := db.List(ctx, tx, "list notices", scanNotice, q, args...)
	if out == nil && err == nil {
		out = []*Notice{}
	}
	return out, err
}

// listNotices returns a user's newest notices, only the unread ones when
// asked.
func listNotices(ctx context.Context, tx *sql.Tx, userID int64, unread bool, limit int) ([]*Notice, error) {
	return queryNotices(ctx, tx, `SELECT `+noticeColumns+` FROM notices
		WHERE user_id = $1 AND ($2 = 0 OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT $3`,
		userID, boolInt(unread), limit)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// unreadCount is how many of a user's notices are unread.
func unreadCount(ctx context.Context, tx *sql.Tx, userID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM notices WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread notices: %w", err)
	}
	return n, nil
}

// markRead marks notice id of userID read (not found when it is another
// person's).
func markRead(ctx context.Context, tx *sql.Tx, userID, id int64, at time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE notices SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3`, at, id, userID)
	if err != nil {
		return fmt.Errorf("mark notice read: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound()
	}
	return nil
}

// markAllRead marks every notice of userID read.
func markAllRead(ctx context.Context, tx *sql.Tx, userID int64, at time.Time) error {
	return db.Exec(ctx, tx, "mark notices read", `UPDATE notices SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL`, at, userID)
}

// markMailed records that notices went by mail (alone or in a digest).
func markMailed(ctx context.Context, tx *sql.Tx, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{at}
	for _, id := range ids {
		args = append(args, id)
	}
	return db.Exec(ctx, tx, "mark notices mailed", `UPDATE notices SET mailed_at = $1 WHERE id IN (`+db.Placeholders(len(ids), 1)+`)`, args...)
}

// digestPending returns the users with digest notices not mailed yet.
func digestPending(ctx context.Context, tx *sql.Tx) ([]int64, error) {
	return db.List(ctx, tx, "digest users", db.Column[int64],
		`SELECT DISTINCT user_id FROM notices WHERE digest = $1 AND mailed_at IS NULL ORDER BY user_id`, true)
}

// digestNotices returns a user's digest notices not mailed yet.
func digestNotices(ctx context.Context, tx *sql.Tx, userID int64) ([]*Notice, error) {
	return queryNotices(ctx, tx, `SELECT `+noticeColumns+` FROM notices
		WHERE user_id = $1 AND digest = $2 AND mailed_at IS NULL ORDER BY created_at, id`, userID, true)
}

// lastDigest is when a user's last digest was queued (zero when never).
func lastDigest(ctx context.Context, tx *sql.Tx, userID int64) (time.Time, error) {
	var t time.Time
	// Not MAX(created_at): SQLite returns an aggregate's time as text.
	err := tx.QueryRowContext(ctx, `SELECT created_at FROM mail_outbox WHERE user_id = $1 AND kind = $2
		ORDER BY created_at DESC LIMIT 1`, userID, mailKindDigest).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("last digest: %w", err)
	}
	return t, nil
}

// getSettings returns a user's settings, ok false when none are stored.
func getSettings(ctx context.Context, tx *sql.Tx, userID int64) (Settings, bool, error) {
	var s Settings
	err := tx.QueryRowContext(ctx, `SELECT lang, time_zone FROM notify_settings WHERE user_id = $1`, userID).Scan(&s.Lang, &s.TimeZone)
	if errors.Is(err, sql.ErrNoRows) {
		return Settings{Lang: "en", TimeZone: "UTC"}, false, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("settings: %w", err)
	}
	return s, true, nil
}

// putSettings stores a user's settings.
func putSettings(ctx context.Context, tx *sql.Tx, userID int64, s Settings, at time.Time) error {
	return db.Exec(ctx, tx, "store settings", `INSERT INTO notify_settings (user_id, lang, time_zone, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id) DO UPDATE SET lang = excluded.lang, time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
		userID, s.Lang, s.TimeZone, at)
}

// getPrefs returns the modes a user chose, by kind.
func getPrefs(ctx context.Context, tx *sql.Tx, userID int64) (map[Kind]Mode, error) {
	out := map[Kind]Mode{}
	err := db.Each(ctx, tx, "preferences", `SELECT kind, mode FROM notify_prefs WHERE user_id = $1`, func(row db.Scanner) error {
		var k, m string
		err := row.Scan(&k, &m)
		out[Kind(k)] = Mode(m)
		return err
	}, userID)
	return out, err
}

// putPref stores a user's mode for kind.
func putPref(ctx context.Context, tx *sql.Tx, userID int64, k Kind, m Mode) error {
	return db.Exec(ctx, tx, "store preference", `INSERT INTO notify_prefs (user_id, kind, mode) VALUES ($1, $2, $3)
		ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode`, userID, string(k), string(m))
}

// knowAddr records that userID signed in from addr; it reports whether
// the address is new and the account had signed in from others before.
func knowAddr(ctx context.Context, tx *sql.Tx, userID int64, addr string, at time.Time) (bool, error) {
	var known, total int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN addr = $2 THEN 1 ELSE 0 END), 0)
		FROM notify_known_addrs WHERE user_id = $1`, userID, addr).Scan(&total, &known)
	if err != nil {
		return false, fmt.Errorf("known addresses: %w", err)
	}
	if known > 0 {
		return false, nil
	}
	if err := db.Exec(ctx, tx, "remember address", `INSERT INTO notify_known_addrs (user_id, addr, first_seen) VALUES ($1, $2, $3)
		ON CONFLICT (user_id, addr) DO NOTHING`, userID, addr, at); err != nil {
		return false, err
	}
	return total > 0, nil
}
