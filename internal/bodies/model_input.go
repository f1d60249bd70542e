package bodies

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Limits on what editors type; the messages name them.
const (
	maxAcronym = 30
	maxName    = 300
	maxSlug    = 40
	maxHolder  = 200
	maxPlace   = 200
	maxText    = 20000 // mandates and agendas
	// MaxDocument is the largest document a meeting accepts.
	MaxDocument = 20 << 20
)

// slugPattern keeps body addresses readable and stable: lower-case words
// joined by hyphens.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// reservedSlugs are the literal paths under /bodies/ that a body's address
// would shadow.
var reservedSlugs = []string{"compare", "documents"}

// checkDate parses a YYYY-MM-DD field, adding an error when it is missing
// (and required) or malformed.
func checkDate(e *errs.Error, field, s string, required bool) db.Date {
	if s == "" {
		if required {
			e.Field(field, "err.required")
		}
		return db.Date{}
	}
	d, err := db.ParseDate(s)
	if err != nil {
		e.Field(field, "err.date_invalid")
	}
	return d
}

// BodyInput is what an editor sets on a body. The slug is set at creation
// and never changes, so links to a body keep working.
type BodyInput struct {
	Slug       string     `json:"slug"`
	Acronym    string     `json:"acronym"`
	Name       string     `json:"name"`
	Mandate    string     `json:"mandate"`
	Membership Membership `json:"membership"`
}

// Normalise trims the input and defaults the membership to organisations.
func (in *BodyInput) Normalise() {
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	in.Acronym = strings.TrimSpace(in.Acronym)
	in.Name = strings.TrimSpace(in.Name)
	in.Mandate = strings.TrimSpace(in.Mandate)
	if in.Membership == "" {
		in.Membership = MembershipOrganisations
	}
}

// Validate checks every field and reports each problem against its field.
func (in *BodyInput) Validate() error {
	e := errs.Invalid()
	switch {
	case in.Slug == "":
		e.Field("slug", "err.required")
	case len(in.Slug) > maxSlug:
		e.Field("slug", "err.too_long", "Max", maxSlug)
	case !slugPattern.MatchString(in.Slug):
		e.Field("slug", "err.bodies_slug_invalid")
	case slices.Contains(reservedSlugs, in.Slug):
		e.Field("slug", "err.bodies_slug_reserved")
	}
	e.Text("acronym", in.Acronym, true, maxAcronym)
	e.Text("name", in.Name, true, maxName)
	e.Text("mandate", in.Mandate, false, maxText)
	if !in.Membership.Valid() {
		e.Field("membership", "err.bodies_membership_unknown")
	}
	return e.OrNil()
}

// MemberInput seats an organisation in a body. The organisation is named by
// its acronym; its full name is needed only the first time it is seen.
type MemberInput struct {
	Acronym string `json:"acronym"`
	Name    string `json:"name"`
	Role    Role   `json:"role"`
}

// Normalise trims the input and defaults the role to a plain member.
func (in *MemberInput) Normalise() {
	in.Acronym = strings.TrimSpace(in.Acronym)
	in.Name = strings.TrimSpace(in.Name)
	if in.Role == "" {
		in.Role = RoleMember
	}
}

// Validate checks the fields that need no database.
func (in *MemberInput) Validate() error {
	e := errs.Invalid()
	e.Text("acronym", in.Acronym, true, maxAcronym)
	e.Text("name", in.Name, false, maxName)
	if !in.Role.Valid() {
		e.Field("role", "err.bodies_role_unknown")
	}
	return e.OrNil()
}

// ChairInput records who chairs a body from one day to another (the last
// day, inclusive); an empty To leaves the period open.
type ChairInput struct {
	OrgID  int64  `json:"org_id"`
	Holder string `json:"holder"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// Normalise trims the input.
func (in *ChairInput) Normalise() {
	in.Holder = strings.TrimSpace(in.Holder)
	in.From = strings.TrimSpace(in.From)
	in.To = strings.TrimSpace(in.To)
}

// Validate checks the fields and returns the period they describe.
func (in *ChairInput) Validate() (Chair, error) {
	e := errs.Invalid()
	if in.OrgID <= 0 {
		e.Field("org_id", "err.required")
	}
	e.Text("holder", in.Holder, false, maxHolder)
	c := Chair{Org: Org{ID: in.OrgID}, Holder: in.Holder,
		From: checkDate(e, "from", in.From, true), To: checkDate(e, "to", in.To, false)}
	if !c.From.IsZero() && !c.To.IsZero() && c.To.Before(c.From) {
		e.Field("to", "err.bodies_to_before_from")
	}
	return c, e.OrNil()
}

// GroupInput creates a working group of a body.
type GroupInput struct {
	Name    string `json:"name"`
	Mandate string `json:"mandate"`
}

// Validate trims and checks the input.
func (in *GroupInput) Validate() error {
	in.Name, in.Mandate = strings.TrimSpace(in.Name), strings.TrimSpace(in.Mandate)
	e := errs.Invalid()
	e.Text("name", in.Name, true, maxName)
	e.Text("mandate", in.Mandate, false, maxText)
	return e.OrNil()
}

// MeetingInput records a meeting of a body.
type MeetingInput struct {
	Title  string `json:"title"`
	Date   string `json:"date"`
	Place  string `json:"place"`
	Agenda string `json:"agenda"`
}

// Validate trims and checks the input and returns the meeting's day.
func (in *MeetingInput) Validate() (db.Date, error) {
	in.Title, in.Date = strings.TrimSpace(in.Title), strings.TrimSpace(in.Date)
	in.Place, in.Agenda = strings.TrimSpace(in.Place), strings.TrimSpace(in.Agenda)
	e := errs.Invalid()
	e.Text("title", in.Title, true, maxName)
	day := checkDate(e, "date", in.Date, true)
	e.Text("place", in.Place, false, maxPlace)
	e.Text("agenda", in.Agenda, false, maxText)
	return day, e.OrNil()
}

// DocumentInput is an uploaded file for a meeting. The title defaults to
// the file's name.
type DocumentInput struct {
	Title    string
	Filename string
	Data     []byte
}

// Validate trims and checks the input.
func (in *DocumentInput) Validate() error {
	in.Title, in.Filename = strings.TrimSpace(in.Title), cleanFilename(in.Filename)
	if in.Title == "" {
		in.Title = in.Filename
	}
	e := errs.Invalid()
	switch {
	case in.Filename == "" && len(in.Data) == 0:
		e.Field("file", "err.bodies_file_required")
	case len(in.Data) == 0:
		e.Field("file", "err.bodies_file_empty")
	case len(in.Data) > MaxDocument:
		e.Field("file", "err.bodies_file_too_large", "Max", MaxDocument>>20)
	}
	e.Text("title", in.Title, len(in.Data) > 0, maxName)
	return e.OrNil()
}

// cleanFilename keeps the last path element of an uploaded file's name and
// drops characters that would break a Content-Disposition header.
func cleanFilename(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > maxName {
		name = string([]rune(name)[:maxName])
	}
	return name
}
