package collection

import (
	"slices"
	"time"
)

// Round statuses: focal points save and submit only while a round is open.
const (
	RoundOpen   = "open"
	RoundClosed = "closed"
)

// Submission statuses, in workflow order. A submission goes back to draft
// when the analyst returns it or the focal point revises it.
const (
	StatusDraft        = "draft"
	StatusSubmitted    = "submitted"
	StatusInValidation = "in_validation"
	StatusValidated    = "validated"
	StatusPublished    = "published"
)

// Statuses lists the submission statuses in workflow order (for counts).
var Statuses = []string{StatusDraft, StatusSubmitted, StatusInValidation, StatusValidated, StatusPublished}

// Version statuses: what became of each frozen version.
const (
	VersionSubmitted  = "submitted"  // awaiting or under validation
	VersionReturned   = "returned"   // sent back for revision (by the analyst or the focal point)
	VersionSuperseded = "superseded" // a later version replaced it
	VersionValidated  = "validated"
	VersionPublished  = "published" // its figures are the published ones
)

// Query statuses: validation waits for no query to be open.
const (
	QueryOpen     = "open"
	QueryAnswered = "answered"
	QueryClosed   = "closed"
)

// Round is one collection exercise: which indicators, for which reference
// years, by when.
type Round struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Years      []int     `json:"years"`
	Indicators []string  `json:"indicators"`
	Deadline   string    `json:"deadline"` // YYYY-MM-DD
	Status     string    `json:"status"`
	CreatedBy  string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Late reports whether the deadline has passed on day now (ISO dates
// compare as text).
func (r *Round) Late(now time.Time) bool { return now.UTC().Format(time.DateOnly) > r.Deadline }

// YearsText is the round's years as the form takes them ("2021-2023").
func (r Round) YearsText() string { return YearsText(r.Years) }

// Covers reports whether the round collects indicator for year.
func (r *Round) Covers(indicator string, year int) bool {
	return slices.Contains(r.Indicators, indicator) && slices.Contains(r.Years, year)
}

// Submission is one country's answer to one round.
type Submission struct {
	ID               int64     `json:"id"`
	RoundID          int64     `json:"round_id"`
	ISO3             string    `json:"iso3"`
	Status           string    `json:"status"`
	Version          int       `json:"version"`           // the latest submitted version, 0 before the first
	PublishedVersion int       `json:"published_version"` // 0 until a version is published
	ReturnNote       string    `json:"return_note,omitempty"`
	UpdatedBy        string    `json:"-"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// Version is a frozen submit: its cells never change.
type Version struct {
	ID           int64      `json:"-"`
	SubmissionID int64      `json:"submission_id"`
	Number       int        `json:"version"`
	Status       string     `json:"status"`
	SubmittedBy  string     `json:"submitted_by"`
	SubmittedAt  time.Time  `json:"submitted_at"`
	ValidatedBy  string     `json:"validated_by,omitempty"`
	ValidatedAt  *time.Time `json:"validated_at,omitempty"`
	PublishedBy  string     `json:"published_by,omitempty"`
	PublishedAt  *time.Time `json:"published_at,omitempty"`
}

// Query is an analyst's question on one cell of a version, with the focal
// point's answer and, when the answer changed the figure, the new value.
type Query struct {
	ID           int64      `json:"id"`
	SubmissionID int64      `json:"submission_id"`
	Version      int        `json:"version"`
	Cell         CellKey    `json:"cell"`
	Question     string     `json:"question"`
	AskedBy      string     `json:"asked_by"`
	AskedAt      time.Time  `json:"asked_at"`
	Answer       string     `json:"answer,omitempty"`
	RevisedValue string     `json:"revised_value,omitempty"`
	AnsweredBy   string     `json:"answered_by,omitempty"`
	AnsweredAt   *time.Time `json:"answered_at,omitempty"`
	Status       string     `json:"status"`
	ClosedBy     string     `json:"closed_by,omitempty"`
	ClosedAt     *time.Time `json:"closed_at,omitempty"`
}
