package notify

import (
	"slices"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
)

// Kind is what a notice is about; preferences are set per kind.
type Kind string

// The kinds of notice the rooms built so far emit.
const (
	KindRoundOpened         Kind = "round_opened"
	KindDeadlineSoon        Kind = "deadline_soon"
	KindDeadlinePassed      Kind = "deadline_passed"
	KindSubmissionReturned  Kind = "submission_returned"
	KindSubmissionValidated Kind = "submission_validated"
	KindCaseSubmitted       Kind = "case_submitted"
	KindCasePublished       Kind = "case_published"
	KindCaseReturned        Kind = "case_returned"
	KindReportBuilt         Kind = "report_built"
	KindReportFailed        Kind = "report_failed"
	KindFollowedSearch      Kind = "followed_search"
	KindAssessmentSubmitted Kind = "assessment_submitted"
	KindReviewerAssigned    Kind = "reviewer_assigned"
	KindObservationsDrafted Kind = "observations_drafted"
	KindSummaryPublished    Kind = "summary_published"
	KindCallOpened          Kind = "call_opened"
	KindProposalScreened    Kind = "proposal_screened"
	KindProposalDecided     Kind = "proposal_decided"
	KindTranchePaid         Kind = "tranche_paid"
	KindReportDue           Kind = "report_due"
	KindContributionDecided Kind = "contribution_decided"
	KindFollowedTopic       Kind = "followed_topic"
	KindBlueHeartDecided    Kind = "blueheart_decided"
	KindSecurity            Kind = "security"
)

// Kinds lists every kind in the order the preferences page shows them.
var Kinds = []Kind{KindRoundOpened, KindDeadlineSoon, KindDeadlinePassed, KindSubmissionReturned,
	KindSubmissionValidated, KindCaseSubmitted, KindCasePublished, KindCaseReturned, KindReportBuilt,
	KindReportFailed, KindFollowedSearch, KindAssessmentSubmitted, KindReviewerAssigned, KindObservationsDrafted,
	KindSummaryPublished, KindCallOpened, KindProposalScreened, KindProposalDecided, KindTranchePaid, KindReportDue,
	KindContributionDecided, KindFollowedTopic, KindBlueHeartDecided, KindSecurity}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Locked reports whether the kind's preference cannot be changed:
// security notices always arrive at once.
func (k Kind) Locked() bool { return k == KindSecurity }

// LabelKey is the catalogue key of the kind's name.
func (k Kind) LabelKey() string { return "notify.kind." + string(k) }

// Mode is how notices of a kind reach a person.
type Mode string

const (
	ModeImmediate Mode = "immediate" // in the app and by e-mail at once
	ModeDigest    Mode = "digest"    // in the app at once, by e-mail in a daily digest
	ModeOff       Mode = "off"       // not at all
)

// Modes lists the modes in the order the form shows them.
var Modes = []Mode{ModeImmediate, ModeDigest, ModeOff}

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool { return slices.Contains(Modes, m) }

// DefaultMode is a kind's mode until the person chooses: followed searches
// come in the digest (the issue wants them daily), the rest at once.
func DefaultMode(k Kind) Mode {
	if k == KindFollowedSearch {
		return ModeDigest
	}
	return ModeImmediate
}

// Audience is who an event is for: the listed users, plus every enabled
// holder of one of Roles (within Country when set, for country roles;
// within Org when set, for organisation roles).
type Audience struct {
	Users   []int64
	Roles   []auth.Role
	Country string
	Org     int64
	// ExceptCountries leaves out the holders of country roles of these
	// (the countries that already answered a round).
	ExceptCountries []string
}

// Event is something a room tells the people it concerns. Key and Params
// make the message (rendered in each recipient's language); URL is the
// path of the object, which the message links to rather than quotes.
type Event struct {
	Kind   Kind
	Key    string
	Params map[string]string
	Object string // "stat_round:12", for the list and dedupe
	URL    string // site-relative path, "/stats/collection/rounds/12"
	To     Audience
	// Dedupe, when set, makes the event reach each user once (scheduled
	// events such as deadlines are emitted again every day).
	Dedupe string
}

// Notice is one event as one person received it.
type Notice struct {
	ID      int64             `json:"id"`
	UserID  int64             `json:"-"`
	Kind    Kind              `json:"kind"`
	Object  string            `json:"-"`
	URL     string            `json:"url"`
	Key     string            `json:"-"`
	Params  map[string]string `json:"-"`
	Digest  bool              `json:"-"`
	Created time.Time         `json:"created"`
	Read    *time.Time        `json:"read"`
}

// Settings are a person's language and time zone for what notify sends.
type Settings struct {
	Lang     string
	TimeZone string
}

// Location is the settings' time zone, UTC when unknown.
func (s Settings) Location() *time.Location {
	if loc, err := time.LoadLocation(s.TimeZone); err == nil && s.TimeZone != "" {
		return loc
	}
	return time.UTC
}

// ValidTimeZone reports whether name is an IANA zone this machine knows.
func ValidTimeZone(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// Task is something waiting for a person: Title is a catalogue key with
// Params, URL the object's page, Due its deadline (nil when none).
type Task struct {
	Kind    string
	Title   string
	Params  map[string]any
	URL     string
	Due     *time.Time
	Created time.Time
}

// SortTasks puts the most urgent first (an earlier deadline), then the
// newest; tasks without a deadline come after those with one.
func SortTasks(ts []Task) {
	slices.SortStableFunc(ts, func(a, b Task) int {
		switch {
		case a.Due != nil && b.Due != nil && !a.Due.Equal(*b.Due):
			return a.Due.Compare(*b.Due)
		case a.Due != nil && b.Due == nil:
			return -1
		case a.Due == nil && b.Due != nil:
			return 1
		}
		return b.Created.Compare(a.Created)
	})
}
