package trustfund

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

func insertGrant(ctx context.Context, tx *sql.Tx, g *Grant) error {
	if err := tx.QueryRowContext(ctx, `INSERT INTO trustfund_grants (proposal_id, amount_minor, starts_on, ends_on, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, g.ProposalID, g.AmountMinor, db.DateArg(g.StartsOn), db.DateArg(g.EndsOn),
		g.Status, g.CreatedAt).Scan(&g.ID); err != nil {
		return err
	}
	for _, t := range g.Tranches {
		t.GrantID = g.ID
		if err := tx.QueryRowContext(ctx, `INSERT INTO trustfund_tranches (grant_id, position, percent, amount_minor, condition)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, g.ID, t.Position, t.Percent, t.AmountMinor, t.Condition).Scan(&t.ID); err != nil {
			return err
		}
	}
	r := g.Report
	r.GrantID = g.ID
	return tx.QueryRowContext(ctx, `INSERT INTO trustfund_reports (grant_id, kind, due_on, status) VALUES ($1, $2, $3, $4) RETURNING id`,
		g.ID, r.Kind, db.DateArg(r.DueOn), r.Status).Scan(&r.ID)
}

const grantCols = `id, proposal_id, amount_minor, starts_on, ends_on, status, created_at`

func scanGrant(row db.Scanner) (*Grant, error) {
	var g Grant
	err := row.Scan(&g.ID, &g.ProposalID, &g.AmountMinor, db.DateInto(&g.StartsOn), db.DateInto(&g.EndsOn), &g.Status, &g.CreatedAt)
	g.CreatedAt = g.CreatedAt.UTC()
	return &g, err
}

func listGrants(ctx context.Context, tx *sql.Tx) ([]*Grant, error) {
	return db.List(ctx, tx, "list grants", scanGrant, `SELECT `+grantCols+` FROM trustfund_grants ORDER BY id`)
}

func getGrant(ctx context.Context, tx *sql.Tx, id int64) (*Grant, error) {
	g, err := scanGrant(tx.QueryRowContext(ctx, `SELECT `+grantCols+` FROM trustfund_grants WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err)
	}
	return g, withParts(ctx, tx, g)
}

// grantsWithParts lists every grant with its tranches and reports.
func grantsWithParts(ctx context.Context, tx *sql.Tx) ([]*Grant, error) {
	gs, err := listGrants(ctx, tx)
	if err != nil {
		return nil, err
	}
	for _, g := range gs {
		if err := withParts(ctx, tx, g); err != nil {
			return nil, err
		}
	}
	return gs, nil
}

// withParts loads a grant's tranches and report.
func withParts(ctx context.Context, tx *sql.Tx, g *Grant) (err error) {
	g.Tranches, err = db.List(ctx, tx, "list tranches", func(row db.Scanner) (*Tranche, error) {
		var t Tranche
		var paid sql.NullTime
		err := row.Scan(&t.ID, &t.GrantID, &t.Position, &t.Percent, &t.AmountMinor, &t.Condition, &paid)
		t.PaidAt = db.TimeOf(paid)
		return &t, err
	}, `SELECT id, grant_id, position, percent, amount_minor, condition, paid_at FROM trustfund_tranches WHERE grant_id = $1
		ORDER BY position`, g.ID)
	if err != nil {
		return err
	}
	g.Report, err = reportOf(ctx, tx, g.ID)
	return err
}

func reportOf(ctx context.Context, tx *sql.Tx, grant int64) (*Report, error) {
	var r Report
	var exp, assisted string
	var submitted, decided sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT id, grant_id, kind, due_on, status, narrative, expenditure, assisted, note, submitted_at,
		decided_at FROM trustfund_reports WHERE grant_id = $1 AND kind = 'final'`, grant).Scan(&r.ID, &r.GrantID, &r.Kind,
		db.DateInto(&r.DueOn), &r.Status, &r.Narrative, &exp, &assisted, &r.Note, &submitted, &decided)
	if err != nil {
		return nil, db.NotFound(err)
	}
	r.SubmittedAt, r.DecidedAt = db.TimeOf(submitted), db.TimeOf(decided)
	if exp != "" {
		if err := json.Unmarshal([]byte(exp), &r.Expenditure); err != nil {
			return nil, err
		}
	}
	if assisted != "" {
		if err := json.Unmarshal([]byte(assisted), &r.Assisted); err != nil {
			return nil, err
		}
	}
	return &r, nil
}

func saveReport(ctx context.Context, tx *sql.Tx, r *Report) error {
	exp, _ := json.Marshal(r.Expenditure)
	assisted, _ := json.Marshal(r.Assisted)
	return db.Exec(ctx, tx, "save a report", `UPDATE trustfund_reports SET status = $2, narrative = $3, expenditure = $4, assisted = $5,
		note = $6, submitted_at = $7, decided_at = $8 WHERE id = $1`, r.ID, r.Status, r.Narrative, string(exp), string(assisted), r.Note,
		db.NullTime(r.SubmittedAt), db.NullTime(r.DecidedAt))
}

func payTranche(ctx context.Context, tx *sql.Tx, id int64, at time.Time, by string) error {
	return db.Exec(ctx, tx, "pay a tranche", `UPDATE trustfund_tranches SET paid_at = $2, paid_by = $3 WHERE id = $1`, id, at, by)
}

func setGrantStatus(ctx context.Context, tx *sql.Tx, id int64, status string) error {
	return db.Exec(ctx, tx, "set a grant's status", `UPDATE trustfund_grants SET status = $2 WHERE id = $1`, id, status)
}

// File is a document attached to an NGO, a proposal or a report.
type File struct {
	ID          int64     `json:"id"`
	OwnerKind   string    `json:"-"`
	OwnerID     int64     `json:"-"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	Data        []byte    `json:"-"`
	UploadedBy  string    `json:"-"`
	UploadedAt  time.Time `json:"uploaded_at"`
}

func insertFile(ctx context.Context, tx *sql.Tx, f *File) error {
	return tx.QueryRowContext(ctx, `INSERT INTO trustfund_files (owner_kind, owner_id, name, content_type, size, sha256, data,
		uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, f.OwnerKind, f.OwnerID, f.Name,
		f.ContentType, f.Size, f.SHA256, f.Data, f.UploadedBy, f.UploadedAt).Scan(&f.ID)
}

func filesOf(ctx context.Context, tx *sql.Tx, kind string, owner int64) ([]*File, error) {
	return db.List(ctx, tx, "list files", func(row db.Scanner) (*File, error) {
		var f File
		err := row.Scan(&f.ID, &f.OwnerKind, &f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.UploadedAt)
		f.UploadedAt = f.UploadedAt.UTC()
		return &f, err
	}, `SELECT id, owner_kind, owner_id, name, content_type, size, sha256, uploaded_at FROM trustfund_files
		WHERE owner_kind = $1 AND owner_id = $2 ORDER BY id`, kind, owner)
}

func getFile(ctx context.Context, tx *sql.Tx, kind string, owner, id int64) (*File, error) {
	var f File
	err := tx.QueryRowContext(ctx, `SELECT id, owner_kind, owner_id, name, content_type, size, sha256, data, uploaded_at
		FROM trustfund_files WHERE owner_kind = $1 AND owner_id = $2 AND id = $3`, kind, owner, id).Scan(&f.ID, &f.OwnerKind,
		&f.OwnerID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Data, &f.UploadedAt)
	return &f, db.NotFound(err)
}
