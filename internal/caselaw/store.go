package caselaw

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// stored is a case row: which revisions exist and which one is public.
// LatestTitle is the latest revision's title — a draft's when there is
// one — for the drafters' lists; what the public reads of a case comes
// from its published revision (see publishedCases), never from here.
// Country and the decision date are the same in every revision that
// matters to the public: the reference fixes the country, and the date
// changes only on publication.
type stored struct {
	ID           int64
	Ref          string
	Country      string
	LatestTitle  string
	LatestRev    int
	PublishedRev int // 0: never published
	DecisionDate string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

const selectCase = `SELECT id, ref, country, latest_title, latest_rev, published_rev, decision_date, created_at, updated_at
	FROM caselaw_cases`

func scanCase(row db.Scanner) (*stored, error) {
	var s stored
	var pub sql.NullInt64
	var date time.Time
	if err := row.Scan(&s.ID, &s.Ref, &s.Country, &s.LatestTitle, &s.LatestRev, &pub, db.DateInto(&date), &s.CreatedAt, &s.UpdatedAt); err != nil {
		return nil, err
	}
	s.PublishedRev, s.DecisionDate = int(pub.Int64), db.FormatDate(date)
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return &s, nil
}

// caseByRef returns the case ref, or not found.
func caseByRef(ctx context.Context, tx *sql.Tx, ref string) (*stored, error) {
	return db.One(ctx, tx, fmt.Sprintf("case %s", ref), scanCase, selectCase+` WHERE ref = $1`, ref)
}

// casesByRef returns the stored cases among refs, by ref.
func casesByRef(ctx context.Context, tx *sql.Tx, refs []string) (map[string]*stored, error) {
	out := map[string]*stored{}
	err := db.InChunks(refs, inChunk, func(part []string) error {
		return db.Each(ctx, tx, "cases by reference", selectCase+` WHERE ref IN (`+db.Placeholders(len(part), 0)+`)`, func(rows db.Scanner) error {
			s, err := scanCase(rows)
			if err == nil {
				out[s.Ref] = s
			}
			return err
		}, db.Args(part)...)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// revision is one stored revision of a case.
type revision struct {
	Rev         int
	Body        string
	Findings    []Finding
	ConfirmedBy string
	AuthorID    int64
	Author      string
	Note        string
	CreatedAt   time.Time
}

func scanRevision(row db.Scanner) (*revision, error) {
	var r revision
	var findings string
	var confirmed sql.NullString
	var author sql.NullInt64
	if err := row.Scan(&r.Rev, &r.Body, &findings, &confirmed, &author, &r.Author, &r.Note, &r.CreatedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(findings), &r.Findings); err != nil {
		return nil, fmt.Errorf("findings of revision %d: %w", r.Rev, err)
	}
	r.ConfirmedBy, r.AuthorID, r.CreatedAt = confirmed.String, author.Int64, r.CreatedAt.UTC()
	return &r, nil
}

const selectRevision = `SELECT rev, body, findings, confirmed_by, author_id, author, note, created_at FROM caselaw_revisions`

// revisionOf returns revision rev of case id.
func revisionOf(ctx context.Context, tx *sql.Tx, id int64, rev int) (*revision, error) {
	return db.One(ctx, tx, fmt.Sprintf("revision %d of case %d", rev, id), scanRevision, selectRevision+` WHERE case_id = $1 AND rev = $2`, id, rev)
}

// revisionCase reads revision rev of a stored case with its case.
func revisionCase(ctx context.Context, tx *sql.Tx, st *stored, rev int) (*revision, *Case, error) {
	r, err := revisionOf(ctx, tx, st.ID, rev)
	if err != nil {
		return nil, nil, err
	}
	var c Case
	if err := json.Unmarshal([]byte(r.Body), &c); err != nil {
		return nil, nil, fmt.Errorf("case %s revision %d: %w", st.Ref, rev, err)
	}
	return r, &c, nil
}

// revisionsOf returns every revision of case id, newest first.
func revisionsOf(ctx context.Context, tx *sql.Tx, id int64) ([]revision, error) {
	return db.List(ctx, tx, fmt.Sprintf("revisions of case %d", id), func(row db.Scanner) (revision, error) {
		r, err := scanRevision(row)
		if err != nil {
			return revision{}, err
		}
		return *r, nil
	}, selectRevision+` WHERE case_id = $1 ORDER BY rev DESC`, id)
}

// confirmFindings records that by's editor judged revision rev's findings harmless.
func confirmFindings(ctx context.Context, tx *sql.Tx, id int64, rev int, who string) error {
	_, err := tx.ExecContext(ctx, `UPDATE caselaw_revisions SET confirmed_by = $3 WHERE case_id = $1 AND rev = $2`, id, rev, who)
	if err != nil {
		return fmt.Errorf("confirm findings of case %d revision %d: %w", id, rev, err)
	}
	return nil
}

// eachPublishedBody calls fn with the published revision's body (its JSON
// form) of every case, ordered by reference.
func eachPublishedBody(ctx context.Context, tx *sql.Tx, fn func(body []byte) error) error {
	return db.Each(ctx, tx, "published bodies", `SELECT r.body FROM caselaw_cases c
			JOIN caselaw_revisions r ON r.case_id = c.id AND r.rev = c.published_rev ORDER BY c.ref`, func(rows db.Scanner) error {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			return err
		}
		return fn(body)
	})
}

// pendingCases lists the cases with a revision newer than the published
// one, of country when it is set, the latest changed first (500 at most).
func pendingCases(ctx context.Context, tx *sql.Tx, country string) ([]Pending, error) {
	return db.List(ctx, tx, "drafts", func(row db.Scanner) (Pending, error) {
		var p Pending
		var pub sql.NullInt64
		err := row.Scan(&p.Ref, &p.Country, &p.Title, &p.LatestRev, &pub, &p.UpdatedAt, &p.Blocked)
		p.PublishedRev = int(pub.Int64)
		return p, err
	}, `SELECT c.ref, c.country, c.latest_title, c.latest_rev, c.published_rev, c.updated_at,
		r.findings <> '[]' AND r.confirmed_by IS NULL
		FROM caselaw_cases c JOIN caselaw_revisions r ON r.case_id = c.id AND r.rev = c.latest_rev
		WHERE (c.published_rev IS NULL OR c.published_rev < c.latest_rev) AND ($1 = '' OR c.country = $1)
		ORDER BY c.updated_at DESC LIMIT 500`, country)
}

// inChunk is how many values one IN (…) list of a statement holds.
const inChunk = 500

// storedIDs are the row ids of stored cases, as query arguments.
func storedIDs(existing map[string]*stored) []any {
	ids := make([]any, 0, len(existing))
	for _, st := range existing {
		ids = append(ids, st.ID)
	}
	return ids
}
