package engagement

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/errs"
)

// Application statuses: waiting for the advocacy staff, then decided.
const (
	StatusPending  = "pending"
	StatusApproved = "approved"
	StatusRejected = "rejected"
)

// Adopter statuses: listed on the public map, or suspended (off it).
const (
	AdopterActive    = "active"
	AdopterSuspended = "suspended"
)

// Limits on what one application or campaign holds.
const (
	maxName  = 200
	maxText  = 4000
	maxLinks = 10
	maxLink  = 500
	maxFiles = 10
)

// Application is a request to adopt the Blue Heart: a State's through its
// focal point, a business's or a civil society organisation's through its
// account. Checks are the terms of engagement as evaluated when they were
// last checked (CheckedAt); the applicant sees them.
type Application struct {
	ID        int64
	Kind      Kind
	Country   string // ISO3: the State, or the organisation's country
	OrgID     int64  // the organisation's account, for a business or a CSO
	Name      string
	AdoptOn   time.Time // the planned launch of the campaign
	Scope     string
	Links     []string          // campaign material online
	Declared  []string          // criteria the applicant declares it meets
	Evidence  map[string]string // criterion → evidence given as text or a link
	Checks    []Check
	CheckedAt time.Time
	Status    string
	Reason    string // the staff's reasons for the decision
	AppliedBy string
	AppliedAt time.Time
	DecidedBy string
	DecidedAt *time.Time
	Demo      bool
}

// Pending reports whether the application waits for a decision.
func (a *Application) Pending() bool { return a.Status == StatusPending }

// Input is what an applicant fills in.
type Input struct {
	Kind     Kind
	Country  string
	OrgID    int64 // set by the service from the principal (or by the demo loader)
	Name     string
	AdoptOn  string // YYYY-MM-DD
	Scope    string
	Links    []string
	Declared []string
	Evidence map[string]string
}

func tooLong(s string, n int) bool { return utf8.RuneCountInString(s) > n }

// Validate checks the input against kind's terms: known is geo's check of
// a country code.
func (in *Input) Validate(known func(string) bool) (time.Time, error) {
	bad := errs.Invalid()
	if !in.Kind.Valid() {
		bad.Field("kind", "err.blueheart_kind")
	}
	if !known(in.Country) {
		bad.Field("country", "err.country_unknown", "Code", in.Country)
	}
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		bad.Field("name", "err.required")
	} else if tooLong(in.Name, maxName) {
		bad.Field("name", "err.blueheart_too_long", "Max", maxName)
	}
	day, err := time.Parse(time.DateOnly, strings.TrimSpace(in.AdoptOn))
	if err != nil {
		bad.Field("adopt_on", "err.blueheart_date")
	}
	if tooLong(in.Scope, maxText) {
		bad.Field("scope", "err.blueheart_too_long", "Max", maxText)
	}
	links, lerr := cleanLinks(in.Links)
	if lerr != "" {
		bad.Field("links", lerr, "Max", maxLinks)
	}
	in.Links = links
	for _, d := range in.Declared {
		if !HasCriterion(in.Kind, d) {
			bad.Field("declared", "err.blueheart_bad_choice")
		}
	}
	ev := map[string]string{}
	for k, v := range in.Evidence {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
		case !HasCriterion(in.Kind, k):
			bad.Field("evidence."+k, "err.blueheart_bad_choice")
		case tooLong(v, maxText):
			bad.Field("evidence."+k, "err.blueheart_too_long", "Max", maxText)
		default:
			ev[k] = v
		}
	}
	in.Evidence = ev
	return day, bad.OrNil()
}

// cleanLinks trims the links, drops empty ones, and checks each is a web
// address: the catalogue key of the first problem, or "".
func cleanLinks(in []string) ([]string, string) {
	var out []string
	for _, l := range in {
		for _, part := range strings.Split(l, "\n") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			if !strings.HasPrefix(part, "https://") && !strings.HasPrefix(part, "http://") || tooLong(part, maxLink) {
				return nil, "err.blueheart_link"
			}
			out = append(out, part)
		}
	}
	if len(out) > maxLinks {
		return nil, "err.blueheart_too_many_links"
	}
	return out, ""
}

// Adopter is one who adopted the Blue Heart, as approved by the staff.
type Adopter struct {
	ID              int64
	ApplicationID   int64
	Kind            Kind
	Country         string
	OrgID           int64
	Name            string
	AdoptedOn       time.Time
	Scope           string
	Links           []string
	Status          string
	SuspendedReason string
	SuspendedAt     *time.Time
	Demo            bool
	CreatedAt       time.Time
}

// Listed reports whether the adopter is on the public map and list.
func (a *Adopter) Listed() bool { return a.Status == AdopterActive }

// File is a document handed in with an application: evidence for one
// criterion, or campaign material (Criterion "").
type File struct {
	ID            int64
	ApplicationID int64
	Criterion     string
	Name          string
	ContentType   string
	Size          int64
	SHA256        string
	Data          []byte
	UploadedBy    string
	UploadedAt    time.Time
}

// Material reports whether the file is campaign material, public once
// its adopter is listed.
func (f *File) Material() bool { return f.Criterion == "" }

// Audiences and Channels are the vocabularies of a campaign.
var (
	Audiences = []string{"general_public", "potential_migrants", "youth", "businesses", "law_enforcement", "journalists", "government"}
	Channels  = []string{"television", "radio", "social_media", "print", "outdoor", "events", "schools"}
)

// Campaign is an awareness-raising campaign, with the measures that
// evaluate it.
type Campaign struct {
	ID        int64
	AdopterID int64 // 0 when the campaign is UNODC's own
	Title     string
	Audience  string
	Channels  []string
	Countries []string
	Languages []string
	StartsOn  time.Time
	EndsOn    time.Time
	Messages  []string
	CreatedBy string
	CreatedAt time.Time
	Demo      bool
	Measures  []Measure
}

// CampaignInput is the campaign form.
type CampaignInput struct {
	AdopterID int64
	Title     string
	Audience  string
	Channels  []string
	Countries []string
	Languages []string
	StartsOn  string
	EndsOn    string
	Messages  string // one a line
}

// Validate checks the campaign: known checks country codes, lang language
// codes.
func (in CampaignInput) Validate(known, lang func(string) bool) (*Campaign, error) {
	bad := errs.Invalid()
	c := &Campaign{AdopterID: in.AdopterID, Title: strings.TrimSpace(in.Title), Audience: in.Audience, Channels: in.Channels,
		Countries: in.Countries, Languages: in.Languages}
	if c.Title == "" {
		bad.Field("title", "err.required")
	} else if tooLong(c.Title, maxName) {
		bad.Field("title", "err.blueheart_too_long", "Max", maxName)
	}
	if !slices.Contains(Audiences, c.Audience) {
		bad.Field("audience", "err.blueheart_bad_choice")
	}
	for _, ch := range c.Channels {
		if !slices.Contains(Channels, ch) {
			bad.Field("channels", "err.blueheart_bad_choice")
		}
	}
	if len(c.Countries) == 0 {
		bad.Field("countries", "err.required")
	}
	for _, iso3 := range c.Countries {
		if !known(iso3) {
			bad.Field("countries", "err.country_unknown", "Code", iso3)
		}
	}
	for _, l := range c.Languages {
		if !lang(l) {
			bad.Field("languages", "err.blueheart_bad_choice")
		}
	}
	var err1, err2 error
	c.StartsOn, err1 = time.Parse(time.DateOnly, strings.TrimSpace(in.StartsOn))
	c.EndsOn, err2 = time.Parse(time.DateOnly, strings.TrimSpace(in.EndsOn))
	switch {
	case err1 != nil:
		bad.Field("starts_on", "err.blueheart_date")
	case err2 != nil:
		bad.Field("ends_on", "err.blueheart_date")
	case c.EndsOn.Before(c.StartsOn):
		bad.Field("ends_on", "err.blueheart_period")
	}
	for _, m := range strings.Split(in.Messages, "\n") {
		if m = strings.TrimSpace(m); m != "" {
			c.Messages = append(c.Messages, m)
		}
	}
	if len(c.Messages) == 0 {
		bad.Field("messages", "err.required")
	} else if tooLong(in.Messages, maxText) {
		bad.Field("messages", "err.blueheart_too_long", "Max", maxText)
	}
	return c, bad.OrNil()
}

// Better is the direction in which a measure improves.
const (
	HigherBetter = "higher"
	LowerBetter  = "lower"
)

// Measure is one evaluation of a campaign: the same measure before
// (baseline) and after (follow-up), for example the share of people
// surveyed who know the risks of being smuggled.
type Measure struct {
	ID         int64
	CampaignID int64
	Name       string
	Unit       string
	Better     string
	Baseline   float64
	FollowUp   float64
	SampleSize int
	Source     string
	CreatedAt  time.Time
}

// Validate checks a measure.
func (m *Measure) Validate() error {
	bad := errs.Invalid()
	m.Name, m.Unit, m.Source = strings.TrimSpace(m.Name), strings.TrimSpace(m.Unit), strings.TrimSpace(m.Source)
	if m.Name == "" {
		bad.Field("name", "err.required")
	} else if tooLong(m.Name, maxName) {
		bad.Field("name", "err.blueheart_too_long", "Max", maxName)
	}
	if m.Unit == "" {
		bad.Field("unit", "err.required")
	} else if tooLong(m.Unit, 40) {
		bad.Field("unit", "err.blueheart_too_long", "Max", 40)
	}
	if m.Better != HigherBetter && m.Better != LowerBetter {
		bad.Field("better", "err.blueheart_bad_choice")
	}
	if m.SampleSize < 1 {
		bad.Field("sample_size", "err.blueheart_sample")
	}
	if m.Source == "" {
		bad.Field("source", "err.required")
	} else if tooLong(m.Source, maxName) {
		bad.Field("source", "err.blueheart_too_long", "Max", maxName)
	}
	return bad.OrNil()
}
