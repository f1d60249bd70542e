package omnibus

import (
	"slices"
	"time"
)

// AssessmentStatus is where a self-assessment stands: a draft the focal
// point answers, or submitted (an analyst may reopen it to a draft).
type AssessmentStatus string

const (
	AssessmentDraft     AssessmentStatus = "draft"
	AssessmentSubmitted AssessmentStatus = "submitted"
)

// Assessment is one State's self-assessment on one questionnaire.
type Assessment struct {
	ID            int64            `json:"id"`
	Country       string           `json:"country"`
	Questionnaire string           `json:"questionnaire"`
	Instrument    string           `json:"instrument"`
	Version       int              `json:"version"`
	Status        AssessmentStatus `json:"status"`
	StartedBy     string           `json:"-"`
	StartedAt     time.Time        `json:"started_at"`
	UpdatedAt     time.Time        `json:"updated_at"`
	SubmittedAt   *time.Time       `json:"submitted_at"`
	SubmittedBy   string           `json:"-"`
	Demo          bool             `json:"demo"`
}

// Editable reports whether answers may still change.
func (a *Assessment) Editable() bool { return a.Status == AssessmentDraft }

// File is a file attached to an answer.
type File struct {
	ID           int64     `json:"id"`
	AssessmentID int64     `json:"-"`
	Question     string    `json:"question"`
	Name         string    `json:"name"`
	ContentType  string    `json:"content_type"`
	Size         int64     `json:"size"`
	SHA256       string    `json:"sha256"`
	UploadedBy   string    `json:"-"`
	UploadedAt   time.Time `json:"uploaded_at"`
	Data         []byte    `json:"-"`
}

// Phase is where a review cycle stands, by its dates: the States under
// review assess themselves (six months), the reviewing States give written
// feedback (six months), then the lists of observations are settled and
// summarised for the working groups.
type Phase string

const (
	PhaseSelfAssessment Phase = "self_assessment"
	PhaseFeedback       Phase = "feedback"
	PhaseObservations   Phase = "observations"
	PhaseSummary        Phase = "summary"
)

// Phases lists the phases in order.
var Phases = []Phase{PhaseSelfAssessment, PhaseFeedback, PhaseObservations, PhaseSummary}

// Phase durations, in months from the cycle's start.
const (
	selfAssessmentMonths = 6
	feedbackMonths       = 6
)

// Cycle is one review cycle of an instrument.
type Cycle struct {
	ID         int64     `json:"id"`
	Instrument string    `json:"instrument"`
	Name       string    `json:"name"`
	StartsOn   time.Time `json:"starts_on"`
	Seed       int64     `json:"seed"`
	DrawnAsOf  time.Time `json:"drawn_as_of"`
	CreatedAt  time.Time `json:"created_at"`
	Demo       bool      `json:"demo"`
	Reviews    []*Review `json:"reviews,omitempty"`
}

// SelfAssessmentDue is the last day of the self-assessment phase.
func (c *Cycle) SelfAssessmentDue() time.Time {
	return c.StartsOn.AddDate(0, selfAssessmentMonths, -1)
}

// FeedbackDue is the last day of the written feedback phase.
func (c *Cycle) FeedbackDue() time.Time {
	return c.StartsOn.AddDate(0, selfAssessmentMonths+feedbackMonths, -1)
}

// PhaseOn is the cycle's phase on day: by its dates, and the summary
// phase once every review's summary is published.
func (c *Cycle) PhaseOn(day time.Time) Phase {
	switch {
	case !day.After(c.SelfAssessmentDue()):
		return PhaseSelfAssessment
	case !day.After(c.FeedbackDue()):
		return PhaseFeedback
	}
	if len(c.Reviews) > 0 && !slices.ContainsFunc(c.Reviews, func(r *Review) bool { return r.Status != ReviewPublished }) {
		return PhaseSummary
	}
	return PhaseObservations
}

// ReviewStatus is where one State's review stands.
type ReviewStatus string

const (
	// ReviewOpen: experts read the self-assessment, comment and draft observations.
	ReviewOpen ReviewStatus = "open"
	// ReviewWithState: the observations wait for the State under review.
	ReviewWithState ReviewStatus = "with_state"
	// ReviewAnswered: the State agreed or commented; the secretariat summarises.
	ReviewAnswered ReviewStatus = "answered"
	// ReviewPublished: the summary is public.
	ReviewPublished ReviewStatus = "published"
)

// ReviewStatuses lists them in order.
var ReviewStatuses = []ReviewStatus{ReviewOpen, ReviewWithState, ReviewAnswered, ReviewPublished}

// Review is one State under review in a cycle, with its reviewing States.
type Review struct {
	ID            int64        `json:"id"`
	CycleID       int64        `json:"cycle_id"`
	Country       string       `json:"under_review"`
	ReviewerSame  string       `json:"reviewer_same_group"`
	ReviewerOther string       `json:"reviewer_other_group"`
	Status        ReviewStatus `json:"status"`
	StateAnswer   string       `json:"state_answer,omitempty"` // agree | comment
	StateComment  string       `json:"state_comment,omitempty"`
	AnsweredAt    *time.Time   `json:"answered_at,omitempty"`
	Summary       string       `json:"summary,omitempty"`
	PublishedAt   *time.Time   `json:"published_at,omitempty"`
	UpdatedAt     time.Time    `json:"updated_at"`

	Cycle *Cycle `json:"-"`
}

// State answers to a list of observations.
const (
	AnswerAgree   = "agree"
	AnswerComment = "comment"
)

// MemberRole is what a person does in a review.
type MemberRole string

const (
	MemberExpert   MemberRole = "expert"   // a governmental expert: reads, comments, drafts observations
	MemberObserver MemberRole = "observer" // reads
)

// Member is a person assigned to a review.
type Member struct {
	ReviewID int64      `json:"-"`
	UserID   int64      `json:"user_id"`
	Name     string     `json:"name"`
	Email    string     `json:"-"`
	Role     MemberRole `json:"role"`
}

// Comment is an expert's comment on one question of the self-assessment
// under review.
type Comment struct {
	ID        int64     `json:"id"`
	ReviewID  int64     `json:"-"`
	Question  string    `json:"question"`
	UserID    int64     `json:"-"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// ObservationKind is what an observation says.
type ObservationKind string

const (
	ObsGap          ObservationKind = "gap"
	ObsGoodPractice ObservationKind = "good_practice"
	ObsAssistance   ObservationKind = "assistance_need"
)

// ObservationKinds lists them in the order a list shows them.
var ObservationKinds = []ObservationKind{ObsGap, ObsGoodPractice, ObsAssistance}

// Observation is one entry of a review's list of observations.
type Observation struct {
	ID        int64           `json:"id"`
	ReviewID  int64           `json:"-"`
	Kind      ObservationKind `json:"kind"`
	Article   string          `json:"article"`
	Body      string          `json:"body"`
	Author    string          `json:"-"`
	CreatedAt time.Time       `json:"created_at"`
}
