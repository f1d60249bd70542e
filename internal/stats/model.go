package stats

import (
	"fmt"
	"strings"
)

// Key identifies an observation: no two stored observations share one.
type Key struct {
	ISO3      string `json:"iso3"`
	Indicator string `json:"indicator"`
	Dimension string `json:"dimension"`
	Category  string `json:"category"`
	Sex       string `json:"sex"`
	Age       string `json:"age"`
	Year      int    `json:"year"`
}

func (k Key) String() string {
	return fmt.Sprintf("%s %s %d / %s: %s / %s / %s", k.ISO3, k.Indicator, k.Year, k.Dimension, k.Category, k.Sex, k.Age)
}

// Observation is one figure for a key.
type Observation struct {
	Key
	Unit         string `json:"unit"`
	Value        Value  `json:"value"`
	CategoryISO3 string `json:"category_iso3,omitempty"` // the country a citizenship or repatriation category names
	Source       string `json:"source"`
	Status       string `json:"status"`
	Line         int    `json:"-"`
	// Aggregate marks a published regional aggregate (a code that is not a
	// country, e.g. SAM): kept apart and never summed with countries.
	Aggregate bool   `json:"aggregate,omitempty"`
	Name      string `json:"-"` // the aggregate's name as published
	// PublishedName and PublishedSource are the row's Country and Source
	// cells exactly as the imported file has them: what an export in the
	// published layout gives back. Empty for figures from elsewhere.
	PublishedName, PublishedSource string `json:"-"`
	PublishedCode                  string `json:"-"` // an aggregate's code as written`
}

// Observation statuses.
const (
	StatusDraft     = "draft"
	StatusSubmitted = "submitted"
	StatusValidated = "validated"
	StatusPublished = "published"
)

// Finding severities. Errors and conflicts stop a strict import; the rest
// are reported.
const (
	SevError     = "error"
	SevConflict  = "conflict"
	SevDuplicate = "duplicate"
	SevWarning   = "warning"
)

// Finding is one thing validation found, with every line involved.
type Finding struct {
	Severity string         `json:"severity"`
	Lines    []int          `json:"lines"`
	Key      string         `json:"code"` // catalogue key of the message
	Args     map[string]any `json:"args,omitempty"`
}

// Candidate is one of the values a conflict offers.
type Candidate struct {
	Value  Value  `json:"value"`
	Line   int    `json:"line"`
	Source string `json:"source"`
}

// Conflict is a key given different values: until an analyst chooses, it
// takes no part in any aggregate.
type Conflict struct {
	Key        Key         `json:"key"`
	Unit       string      `json:"unit"`
	Candidates []Candidate `json:"candidates"`
}

// candidatesText lists a conflict's values for messages: "62 (line 1750), 43 (line 1751)".
func candidatesText(cs []Candidate) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s (line %d)", c.Value.String(), c.Line)
	}
	return strings.Join(parts, ", ")
}
