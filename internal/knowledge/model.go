package knowledge

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// Kind is what an item of the Hub is.
type Kind string

const (
	KindResource Kind = "resource"
	KindPractice Kind = "practice"
	KindNews     Kind = "news"
	KindEvent    Kind = "event"
)

// Kinds lists the kinds in the order pages show them.
var Kinds = []Kind{KindResource, KindPractice, KindNews, KindEvent}

// Contributed reports whether partners may contribute items of k
// (resources and good practices); news and events are the editors' own.
func (k Kind) Contributed() bool { return k == KindResource || k == KindPractice }

// Status is where an item stands in moderation.
type Status string

const (
	// StatusSubmitted waits in the editors' queue.
	StatusSubmitted Status = "submitted"
	// StatusReturned was sent back to its contributor with a reason.
	StatusReturned Status = "returned"
	// StatusPublished is public: in the library, the search and the feeds.
	StatusPublished Status = "published"
	// StatusWithdrawn was published and taken down by an editor.
	StatusWithdrawn Status = "withdrawn"
)

// ResourceTypes are the types of resources the library holds.
var ResourceTypes = []string{"publication", "tool", "training_manual", "model_law", "legislative_guide",
	"policy_paper", "research_paper", "issue_paper", "video"}

// TopicGroup is one axis of the taxonomy.
type TopicGroup struct {
	Name   string
	Topics []string
}

// Taxonomy is the Hub's topics: the four pillars of the strategy, the two
// crimes, the forms of exploitation and the cross-cutting issues.
var Taxonomy = []TopicGroup{
	{"pillars", []string{"prevention", "protection", "prosecution", "partnership"}},
	{"crimes", []string{"tip", "som"}},
	{"forms", []string{"sexual_exploitation", "forced_labour", "domestic_servitude", "forced_marriage",
		"organ_removal", "forced_begging", "forced_criminality", "child_soldiers"}},
	{"issues", []string{"gender", "children", "human_rights", "technology", "corruption", "climate",
		"conflict", "data", "financial_flows", "victim_participation"}},
}

// IsTopic reports whether t is a topic of the taxonomy.
func IsTopic(t string) bool {
	for _, g := range Taxonomy {
		if slices.Contains(g.Topics, t) {
			return true
		}
	}
	return false
}

// Bodies are the coordination bodies a resource may come from (slugs of
// the bodies room).
var Bodies = []string{"icat", "un-gift", "gmg", "cop-wg-tip", "cop-wg-som"}

// EvidenceMethods say how a good practice's impact was shown.
var EvidenceMethods = []string{"independent_evaluation", "internal_review", "survey", "none"}

// Regions are the M49 regions an item may concern.
var Regions = []string{"002", "019", "142", "150", "009"}

// Content is what an item says. One shape serves the four kinds; Validate
// says which fields each needs.
type Content struct {
	Title     web.Texts `json:"title"`
	Summary   web.Texts `json:"summary,omitempty"` // a resource's abstract, a news item's or an event's text
	Type      string    `json:"type,omitempty"`    // resources: one of ResourceTypes
	Publisher string    `json:"publisher,omitempty"`
	Year      int       `json:"year,omitempty"`
	Languages []string  `json:"languages,omitempty"` // the languages the resource itself exists in
	Topics    []string  `json:"topics,omitempty"`
	Countries []string  `json:"countries,omitempty"`
	Regions   []string  `json:"regions,omitempty"`
	Body      string    `json:"body,omitempty"` // coordination body slug
	Link      string    `json:"link,omitempty"`

	// Good practices.
	What      web.Texts `json:"what,omitempty"`
	Results   web.Texts `json:"results,omitempty"`
	Evaluated bool      `json:"evaluated,omitempty"`
	Method    string    `json:"method,omitempty"`
	Evidence  web.Texts `json:"evidence,omitempty"`
	By        string    `json:"by,omitempty"`
	Contact   string    `json:"contact,omitempty"`

	// News and events.
	Date   string `json:"date,omitempty"`   // news: publication day, YYYY-MM-DD
	Starts string `json:"starts,omitempty"` // events
	Ends   string `json:"ends,omitempty"`
	Place  string `json:"place,omitempty"`
}

// Limits on what one item may hold.
const (
	maxTitle    = 300
	maxText     = 8000
	maxName     = 200
	maxList     = 40
	minYear     = 1950
	maxLinkSize = 2000
)

// Item is one resource, good practice, news item or event.
type Item struct {
	ID          int64
	Kind        Kind
	Status      Status
	Content     Content
	OrgID       int64  // the contributing organisation, 0 for the editors' own
	Org         string // its short name
	AuthorID    int64
	Author      string
	Reason      string // why it was returned or withdrawn
	Demo        bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt time.Time
	File        *File // nil: none
}

// Title is the item's title for a reader of lang.
func (it *Item) Title(lang string) string { return it.Content.Title.For(lang) }

// TitleLang is the language of the title a reader of lang is shown, for
// the lang attribute of a link to it.
func (it *Item) TitleLang(lang string) string {
	_, l := it.Content.Title.In(lang)
	return l
}

// Day is the date the item is filed under: a news item's, an event's
// first day, a resource's or practice's year, else when it was published.
func (it *Item) Day() time.Time {
	c := &it.Content
	dates := []string{c.Date, c.Starts}
	if it.Kind == KindEvent {
		dates = []string{c.Starts}
	}
	for _, s := range dates {
		if d, err := time.Parse(time.DateOnly, s); err == nil {
			return d
		}
	}
	if c.Year > 0 {
		return time.Date(c.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return it.PublishedAt
}

// File is a document attached to a resource (a PDF), stored with its text
// for the search.
type File struct {
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	Searchable  bool
}

// Validate checks c as an item of kind k; known says whether a country
// code exists. Each error names its field.
func (c *Content) Validate(k Kind, known func(string) bool, now time.Time) error {
	e := errs.Invalid()
	c.Title = c.Title.Clean()
	for _, f := range []*web.Texts{&c.Summary, &c.What, &c.Results, &c.Evidence} {
		*f = f.Clean()
	}
	c.Publisher, c.By, c.Contact, c.Place = strings.TrimSpace(c.Publisher), strings.TrimSpace(c.By), strings.TrimSpace(c.Contact), strings.TrimSpace(c.Place)
	c.Link = strings.TrimSpace(c.Link)
	if len(c.Title) == 0 {
		e.Field("title_en", "err.knowledge_title_required")
	}
	for l, t := range c.Title {
		if utf8.RuneCountInString(t) > maxTitle {
			e.Field("title_"+l, "err.knowledge_too_long", "Max", maxTitle)
		}
	}
	for name, texts := range map[string]web.Texts{"summary": c.Summary, "what": c.What, "results": c.Results, "evidence": c.Evidence} {
		for l, t := range texts {
			if utf8.RuneCountInString(t) > maxText {
				e.Field(name+"_"+l, "err.knowledge_too_long", "Max", maxText)
			}
		}
	}
	for name, v := range map[string]string{"publisher": c.Publisher, "by": c.By, "contact": c.Contact, "place": c.Place} {
		if utf8.RuneCountInString(v) > maxName {
			e.Field(name, "err.knowledge_too_long", "Max", maxName)
		}
	}
	c.Topics = cleanList(c.Topics)
	if len(c.Topics) > maxList {
		e.Field("topics", "err.knowledge_too_many", "Max", maxList)
	}
	for _, t := range c.Topics {
		if !IsTopic(t) {
			e.Field("topics", "err.knowledge_topic_unknown")
			break
		}
	}
	for i, iso := range c.Countries {
		c.Countries[i] = strings.ToUpper(strings.TrimSpace(iso))
	}
	c.Countries = cleanList(c.Countries)
	if len(c.Countries) > maxList {
		e.Field("countries", "err.knowledge_too_many", "Max", maxList)
	}
	for _, iso := range c.Countries {
		if !known(iso) {
			e.Field("countries", "err.knowledge_country_unknown")
			break
		}
	}
	c.Regions = cleanList(c.Regions)
	for _, r := range c.Regions {
		if !slices.Contains(Regions, r) {
			e.Field("regions", "err.knowledge_region_unknown")
			break
		}
	}
	if c.Link != "" && !validLink(c.Link) {
		e.Field("link", "err.knowledge_link_invalid")
	}
	if c.Year != 0 && (c.Year < minYear || c.Year > now.Year()+1) {
		e.Field("year", "err.knowledge_year_invalid", "Max", now.Year()+1)
	}
	switch k {
	case KindResource:
		if !slices.Contains(ResourceTypes, c.Type) {
			e.Field("type", "err.knowledge_type_required")
		}
		if c.Publisher == "" {
			e.Field("publisher", "err.knowledge_publisher_required")
		}
		if c.Year == 0 {
			e.Field("year", "err.knowledge_year_invalid", "Max", now.Year()+1)
		}
		c.Languages = cleanList(c.Languages)
		if len(c.Languages) > maxList {
			e.Field("languages", "err.knowledge_too_many", "Max", maxList)
		}
		for _, l := range c.Languages {
			if len(l) < 2 || len(l) > 3 || strings.ToLower(l) != l {
				e.Field("languages", "err.knowledge_language_invalid")
				break
			}
		}
		if c.Body != "" && !slices.Contains(Bodies, c.Body) {
			e.Field("body", "err.knowledge_body_unknown")
		}
	case KindPractice:
		if len(c.What) == 0 {
			e.Field("what_en", "err.knowledge_what_required")
		}
		if c.By == "" {
			e.Field("by", "err.knowledge_by_required")
		}
		if len(c.Countries) == 0 {
			e.Field("countries", "err.knowledge_countries_required")
		}
		if c.Method == "" {
			c.Method = "none"
		}
		if !slices.Contains(EvidenceMethods, c.Method) {
			e.Field("method", "err.knowledge_method_invalid")
		}
		if c.Evaluated && c.Method == "none" {
			e.Field("method", "err.knowledge_method_required")
		}
		if !c.Evaluated && c.Method != "none" {
			c.Evaluated = true // a method of evaluation named is an evaluation
		}
	case KindNews:
		if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
			e.Field("date", "err.knowledge_date_invalid")
		}
		if len(c.Summary) == 0 {
			e.Field("summary_en", "err.knowledge_text_required")
		}
	case KindEvent:
		s, err1 := time.Parse(time.DateOnly, c.Starts)
		if err1 != nil {
			e.Field("starts", "err.knowledge_date_invalid")
		}
		if c.Ends == "" {
			c.Ends = c.Starts
		}
		if en, err := time.Parse(time.DateOnly, c.Ends); err != nil {
			e.Field("ends", "err.knowledge_date_invalid")
		} else if err1 == nil && en.Before(s) {
			e.Field("ends", "err.knowledge_ends_before")
		}
		if c.Place == "" {
			e.Field("place", "err.knowledge_place_required")
		}
	default:
		return errs.NotFound()
	}
	return e.OrNil()
}

// validLink accepts absolute http and https addresses.
func validLink(s string) bool {
	if len(s) > maxLinkSize {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// cleanList trims, drops empty values and repeats, and sorts.
func cleanList(in []string) []string {
	var out []string
	for _, v := range in {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// Path is the item's public page.
func (it *Item) Path() string { return ItemPath(it.Kind, it.ID) }

// MB is the file's size in megabytes, one decimal.
func (f *File) MB() string { return strconv.FormatFloat(float64(f.Size)/(1<<20), 'f', 1, 64) }
