package engagement

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tipsom/tipsom/internal/db"
)

func join(s []string, sep string) string { return strings.Join(s, sep) }

func split(s, sep string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

const applicationCols = `id, kind, country, org_id, name, adopt_on, scope, links, declared, evidence, checks, checked_at, status,
	reason, applied_by, applied_at, decided_by, decided_at, demo`

func scanApplication(row db.Scanner) (*Application, error) {
	var a Application
	var links, declared, evidence, checks string
	var decided sql.NullTime
	if err := row.Scan(&a.ID, &a.Kind, &a.Country, &a.OrgID, &a.Name, db.DateInto(&a.AdoptOn), &a.Scope, &links, &declared, &evidence,
		&checks, &a.CheckedAt, &a.Status, &a.Reason, &a.AppliedBy, &a.AppliedAt, &a.DecidedBy, &decided, &a.Demo); err != nil {
		return nil, err
	}
	a.Links, a.Declared, a.DecidedAt = split(links, "\n"), split(declared, ","), db.TimeOf(decided)
	a.CheckedAt, a.AppliedAt = a.CheckedAt.UTC(), a.AppliedAt.UTC()
	if err := json.Unmarshal([]byte(evidence), &a.Evidence); err != nil {
		return nil, fmt.Errorf("application %d: evidence: %w", a.ID, err)
	}
	if err := json.Unmarshal([]byte(checks), &a.Checks); err != nil {
		return nil, fmt.Errorf("application %d: checks: %w", a.ID, err)
	}
	return &a, nil
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func insertApplication(ctx context.Context, tx *sql.Tx, a *Application) error {
	return tx.QueryRowContext(ctx, `INSERT INTO engagement_applications (kind, country, org_id, name, adopt_on, scope, links, declared,
		evidence, checks, checked_at, status, applied_by, applied_at, demo)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
		a.Kind, a.Country, a.OrgID, a.Name, db.DateArg(a.AdoptOn), a.Scope, join(a.Links, "\n"), join(a.Declared, ","),
		jsonText(a.Evidence), jsonText(a.Checks), a.CheckedAt, a.Status, a.AppliedBy, a.AppliedAt, a.Demo).Scan(&a.ID)
}

func getApplication(ctx context.Context, tx *sql.Tx, id int64) (*Application, error) {
	a, err := scanApplication(tx.QueryRowContext(ctx, `SELECT `+applicationCols+` FROM engagement_applications WHERE id = $1`, id))
	return a, db.NotFound(err)
}

// listApplications lists the applications, newest first: all of them
// (country "" and org 0), a country's States' or an organisation's.
func listApplications(ctx context.Context, tx *sql.Tx, country string, org int64) ([]*Application, error) {
	return db.List(ctx, tx, "list Blue Heart applications", scanApplication, `SELECT `+applicationCols+`
		FROM engagement_applications WHERE ($1 = '' AND $2 = 0) OR ($1 <> '' AND kind = 'state' AND country = $1) OR ($2 <> 0 AND org_id = $2)
		ORDER BY applied_at DESC, id DESC`, country, org)
}

// pendingOf counts the applicant's applications waiting for a decision.
func pendingOf(ctx context.Context, tx *sql.Tx, kind Kind, country string, org int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM engagement_applications WHERE status = 'pending'
		AND ((kind = 'state' AND CAST($1 AS TEXT) = 'state' AND country = $2) OR (CAST($1 AS TEXT) <> 'state' AND org_id = $3 AND org_id <> 0))`,
		kind, country, org).Scan(&n)
	return n, err
}

func updateChecks(ctx context.Context, tx *sql.Tx, a *Application) error {
	return db.Exec(ctx, tx, "store the Blue Heart checks", `UPDATE engagement_applications SET checks = $2, checked_at = $3
		WHERE id = $1`, a.ID, jsonText(a.Checks), a.CheckedAt)
}

func decideApplication(ctx context.Context, tx *sql.Tx, a *Application) error {
	return db.Exec(ctx, tx, "decide a Blue Heart application", `UPDATE engagement_applications SET status = $2, reason = $3,
		decided_by = $4, decided_at = $5, checks = $6, checked_at = $7 WHERE id = $1`,
		a.ID, a.Status, a.Reason, a.DecidedBy, db.NullTime(a.DecidedAt), jsonText(a.Checks), a.CheckedAt)
}

const fileCols = `id, application_id, criterion, name, content_type, size, sha256, uploaded_by, uploaded_at`

func scanFile(row db.Scanner) (*File, error) {
	var f File
	err := row.Scan(&f.ID, &f.ApplicationID, &f.Criterion, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.UploadedBy, &f.UploadedAt)
	f.UploadedAt = f.UploadedAt.UTC()
	return &f, err
}

func insertFile(ctx context.Context, tx *sql.Tx, f *File) error {
	return tx.QueryRowContext(ctx, `INSERT INTO engagement_files (application_id, criterion, name, content_type, size, sha256, data,
		uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, f.ApplicationID, f.Criterion, f.Name,
		f.ContentType, f.Size, f.SHA256, f.Data, f.UploadedBy, f.UploadedAt).Scan(&f.ID)
}

func filesOf(ctx context.Context, tx *sql.Tx, application int64) ([]*File, error) {
	return db.List(ctx, tx, "list Blue Heart files", scanFile, `SELECT `+fileCols+` FROM engagement_files
		WHERE application_id = $1 ORDER BY id`, application)
}

func getFile(ctx context.Context, tx *sql.Tx, application, id int64) (*File, error) {
	var f File
	err := tx.QueryRowContext(ctx, `SELECT id, application_id, criterion, name, content_type, size, sha256, data, uploaded_by, uploaded_at
		FROM engagement_files WHERE application_id = $1 AND id = $2`, application, id).Scan(&f.ID, &f.ApplicationID, &f.Criterion,
		&f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Data, &f.UploadedBy, &f.UploadedAt)
	return &f, db.NotFound(err)
}

const adopterCols = `id, application_id, kind, country, org_id, name, adopted_on, scope, links, status, suspended_reason,
	suspended_at, demo, created_at`

func scanAdopter(row db.Scanner) (*Adopter, error) {
	var a Adopter
	var links string
	var suspended sql.NullTime
	if err := row.Scan(&a.ID, &a.ApplicationID, &a.Kind, &a.Country, &a.OrgID, &a.Name, db.DateInto(&a.AdoptedOn), &a.Scope, &links,
		&a.Status, &a.SuspendedReason, &suspended, &a.Demo, &a.CreatedAt); err != nil {
		return nil, err
	}
	a.Links, a.SuspendedAt, a.CreatedAt = split(links, "\n"), db.TimeOf(suspended), a.CreatedAt.UTC()
	return &a, nil
}

func insertAdopter(ctx context.Context, tx *sql.Tx, a *Adopter) error {
	return tx.QueryRowContext(ctx, `INSERT INTO engagement_adopters (application_id, kind, country, org_id, name, adopted_on, scope,
		links, status, demo, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		a.ApplicationID, a.Kind, a.Country, a.OrgID, a.Name, db.DateArg(a.AdoptedOn), a.Scope, join(a.Links, "\n"), a.Status, a.Demo,
		a.CreatedAt).Scan(&a.ID)
}

// listAdopters lists the adopters, every one or only those listed.
func listAdopters(ctx context.Context, tx *sql.Tx, listedOnly bool) ([]*Adopter, error) {
	return db.List(ctx, tx, "list Blue Heart adopters", scanAdopter, `SELECT `+adopterCols+` FROM engagement_adopters
		WHERE $1 = 0 OR status = 'active' ORDER BY kind DESC, country, name`, boolInt(listedOnly))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func getAdopter(ctx context.Context, tx *sql.Tx, id int64) (*Adopter, error) {
	a, err := scanAdopter(tx.QueryRowContext(ctx, `SELECT `+adopterCols+` FROM engagement_adopters WHERE id = $1`, id))
	return a, db.NotFound(err)
}

// activeAdopter finds the applicant's listed adoption, if any.
func activeAdopter(ctx context.Context, tx *sql.Tx, kind Kind, country string, org int64) (*Adopter, error) {
	a, err := scanAdopter(tx.QueryRowContext(ctx, `SELECT `+adopterCols+` FROM engagement_adopters WHERE status = 'active'
		AND ((kind = 'state' AND CAST($1 AS TEXT) = 'state' AND country = $2) OR (CAST($1 AS TEXT) <> 'state' AND org_id = $3 AND org_id <> 0)) LIMIT 1`,
		kind, country, org))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return a, err
}

func setAdopterStatus(ctx context.Context, tx *sql.Tx, a *Adopter) error {
	return db.Exec(ctx, tx, "change a Blue Heart adopter's status", `UPDATE engagement_adopters SET status = $2, suspended_reason = $3,
		suspended_at = $4 WHERE id = $1`, a.ID, a.Status, a.SuspendedReason, db.NullTime(a.SuspendedAt))
}

const campaignCols = `id, adopter_id, title, audience, channels, countries, languages, starts_on, ends_on, messages, created_by,
	created_at, demo`

func scanCampaign(row db.Scanner) (*Campaign, error) {
	var c Campaign
	var channels, countries, languages, messages string
	if err := row.Scan(&c.ID, &c.AdopterID, &c.Title, &c.Audience, &channels, &countries, &languages, db.DateInto(&c.StartsOn),
		db.DateInto(&c.EndsOn), &messages, &c.CreatedBy, &c.CreatedAt, &c.Demo); err != nil {
		return nil, err
	}
	c.Channels, c.Countries, c.Languages, c.Messages = split(channels, ","), split(countries, ","), split(languages, ","), split(messages, "\n")
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, nil
}

func insertCampaign(ctx context.Context, tx *sql.Tx, c *Campaign) error {
	return tx.QueryRowContext(ctx, `INSERT INTO engagement_campaigns (adopter_id, title, audience, channels, countries, languages,
		starts_on, ends_on, messages, created_by, created_at, demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		c.AdopterID, c.Title, c.Audience, join(c.Channels, ","), join(c.Countries, ","), join(c.Languages, ","), db.DateArg(c.StartsOn),
		db.DateArg(c.EndsOn), join(c.Messages, "\n"), c.CreatedBy, c.CreatedAt, c.Demo).Scan(&c.ID)
}

func listCampaigns(ctx context.Context, tx *sql.Tx) ([]*Campaign, error) {
	cs, err := db.List(ctx, tx, "list campaigns", scanCampaign, `SELECT `+campaignCols+` FROM engagement_campaigns
		ORDER BY starts_on DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	ms, err := db.List(ctx, tx, "list measures", scanMeasure, `SELECT `+measureCols+` FROM engagement_measures ORDER BY id`)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*Campaign{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	for _, m := range ms {
		if c := byID[m.CampaignID]; c != nil {
			c.Measures = append(c.Measures, *m)
		}
	}
	return cs, nil
}

func getCampaign(ctx context.Context, tx *sql.Tx, id int64) (*Campaign, error) {
	c, err := scanCampaign(tx.QueryRowContext(ctx, `SELECT `+campaignCols+` FROM engagement_campaigns WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err)
	}
	ms, err := db.List(ctx, tx, "list a campaign's measures", scanMeasure, `SELECT `+measureCols+` FROM engagement_measures
		WHERE campaign_id = $1 ORDER BY id`, id)
	for _, m := range ms {
		c.Measures = append(c.Measures, *m)
	}
	return c, err
}

const measureCols = `id, campaign_id, name, unit, better, baseline, follow_up, sample_size, source, created_at`

func scanMeasure(row db.Scanner) (*Measure, error) {
	var m Measure
	err := row.Scan(&m.ID, &m.CampaignID, &m.Name, &m.Unit, &m.Better, &m.Baseline, &m.FollowUp, &m.SampleSize, &m.Source, &m.CreatedAt)
	m.CreatedAt = m.CreatedAt.UTC()
	return &m, err
}

func insertMeasure(ctx context.Context, tx *sql.Tx, m *Measure) error {
	return tx.QueryRowContext(ctx, `INSERT INTO engagement_measures (campaign_id, name, unit, better, baseline, follow_up, sample_size,
		source, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, m.CampaignID, m.Name, m.Unit, m.Better, m.Baseline,
		m.FollowUp, m.SampleSize, m.Source, m.CreatedAt).Scan(&m.ID)
}
