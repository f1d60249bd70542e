package bodies

import (
	"slices"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// Membership says who sits in a body: UN-system and other organisations
// (ICAT, GMG), or the States parties to a treaty (the Conference's working
// groups), whose membership follows ratification and is not kept here.
type Membership string

const (
	MembershipOrganisations Membership = "organisations"
	MembershipStatesParties Membership = "states_parties"
)

// Memberships lists the kinds in the order forms offer them.
var Memberships = []Membership{MembershipOrganisations, MembershipStatesParties}

// Valid reports whether m is a known kind.
func (m Membership) Valid() bool { return slices.Contains(Memberships, m) }

// Role is what an organisation does in a body beyond sitting in it. The
// chair is not a role: it rotates, so it is kept as dated periods (Chair).
type Role string

const (
	RoleMember      Role = "member"
	RoleCoordinator Role = "coordinator" // UNODC in ICAT
	RoleSecretariat Role = "secretariat" // hosts the secretariat: UNODC in UN.GIFT
)

// Roles lists the member roles in the order forms offer them.
var Roles = []Role{RoleMember, RoleCoordinator, RoleSecretariat}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Org is an organisation that sits in coordination bodies. It is shared by
// every body, so the comparison can tell where the same agency sits.
type Org struct {
	ID      int64  `json:"id"`
	Acronym string `json:"acronym"`
	Name    string `json:"name"`
}

// Body is a coordination body with everything its page shows.
type Body struct {
	ID          int64      `json:"id"`
	Slug        string     `json:"slug"`
	Acronym     string     `json:"acronym"`
	Name        string     `json:"name"`
	Mandate     string     `json:"mandate"`
	Membership  Membership `json:"membership"`
	Position    int        `json:"-"`
	MemberCount int        `json:"member_count"`
	Members     []Member   `json:"members"`
	Chairs      []Chair    `json:"chairs"` // newest first
	Groups      []Group    `json:"working_groups"`
	Meetings    []Meeting  `json:"meetings"` // newest first
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Paragraphs splits the mandate on blank lines, for the page.
func (b *Body) Paragraphs() []string { return paragraphs(b.Mandate) }

// CurrentChair returns the period that covers today, or nil.
func (b *Body) CurrentChair() *Chair {
	for i := range b.Chairs {
		if b.Chairs[i].Current {
			return &b.Chairs[i]
		}
	}
	return nil
}

// Member is an organisation's seat in a body.
type Member struct {
	ID   int64 `json:"id"`
	Org  Org   `json:"organisation"`
	Role Role  `json:"role"`
}

// Chair is one period during which an organisation chaired a body. To is
// the last day; a zero To means the period is open-ended.
type Chair struct {
	ID      int64   `json:"id"`
	Org     Org     `json:"organisation"`
	Holder  string  `json:"holder,omitempty"` // the office or person, when known
	From    db.Date `json:"from"`
	To      db.Date `json:"to"`
	Current bool    `json:"current"`
}

// Covers reports whether the period includes day.
func (c *Chair) Covers(day db.Date) bool {
	return !day.Before(c.From) && (c.To.IsZero() || !day.After(c.To))
}

// Overlaps reports whether two periods share at least one day.
func (c *Chair) Overlaps(o *Chair) bool {
	endsBefore := func(a, b *Chair) bool { return !a.To.IsZero() && a.To.Before(b.From) }
	return !endsBefore(c, o) && !endsBefore(o, c)
}

// Group is a working group of a body, whose members are among the body's.
type Group struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Mandate string `json:"mandate,omitempty"`
	Members []Org  `json:"members"`
}

// Has reports whether org sits in the group.
func (g *Group) Has(orgID int64) bool {
	return slices.ContainsFunc(g.Members, func(o Org) bool { return o.ID == orgID })
}

// Meeting is a meeting of a body with its documents.
type Meeting struct {
	ID        int64      `json:"id"`
	Title     string     `json:"title"`
	Date      db.Date    `json:"date"`
	Place     string     `json:"place"`
	Agenda    string     `json:"agenda"`
	Documents []Document `json:"documents"`
}

// AgendaParagraphs splits the agenda on blank lines, for the page.
func (m *Meeting) AgendaParagraphs() []string { return paragraphs(m.Agenda) }

// Document is a file attached to a meeting. Data is loaded only for
// download; listings carry the metadata.
type Document struct {
	ID          int64     `json:"id"`
	MeetingID   int64     `json:"meeting_id"`
	Title       string    `json:"title"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedAt  time.Time `json:"uploaded_at"`
	URL         string    `json:"url"`
	Data        []byte    `json:"-"`
}

// Summary is a body as the list shows it.
type Summary struct {
	Slug        string     `json:"slug"`
	Acronym     string     `json:"acronym"`
	Name        string     `json:"name"`
	Membership  Membership `json:"membership"`
	MemberCount int        `json:"member_count"`
	GroupCount  int        `json:"working_group_count"`
	Chair       *Org       `json:"current_chair"`
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sortOrgs orders organisations by acronym, ignoring case, the same way on
// every database engine whatever its collation.
func sortOrgs(orgs []Org) {
	slices.SortFunc(orgs, func(a, b Org) int { return compareAcronyms(a.Acronym, b.Acronym) })
}

func compareAcronyms(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
