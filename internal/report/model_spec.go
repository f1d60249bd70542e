package report

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// DefaultGrouping partitions the world into the report's regions when the
// analyst names none: the M49 regions, with the M49 sub-regions below them.
const (
	DefaultGrouping    = "m49-regions"
	DefaultSubgrouping = "m49-subregions"
)

// DefaultLangCode is an edition's main language when none is named.
var DefaultLangCode = web.DefaultLang.Code

// maxSpan is the most years one edition covers.
const maxSpan = 40

// Spec says which edition to build.
type Spec struct {
	Edition     string     // the edition's name, used in its URL: "2024", "2024-preview"
	Years       stats.Span // the years it covers, both included
	Grouping    string     // the grouping whose groups are the regions
	Subgrouping string     // the grouping whose groups are the sub-regions; "none" for none
	Langs       []string   // language codes; the first is the edition's main language
	PDF         bool       // also print report.pdf (needs Chromium)
}

var editionName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// ParseYears reads "FROM-TO" (or one year).
func ParseYears(s string) (stats.Span, bool) {
	from, to, found := strings.Cut(strings.TrimSpace(s), "-")
	if !found {
		to = from
	}
	f, err1 := strconv.Atoi(strings.TrimSpace(from))
	t, err2 := strconv.Atoi(strings.TrimSpace(to))
	if err1 != nil || err2 != nil {
		return stats.Span{}, false
	}
	return stats.Span{From: f, To: t}, true
}

// ParseLangs reads a comma-separated list of language codes.
func ParseLangs(s string) []string {
	var out []string
	for _, l := range strings.Split(s, ",") {
		if l = strings.ToLower(strings.TrimSpace(l)); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Normalize fills the defaults: English, the M49 regions and, under them,
// the M49 sub-regions.
func (s *Spec) Normalize() {
	s.Edition = strings.ToLower(strings.TrimSpace(s.Edition))
	if s.Grouping == "" {
		s.Grouping = DefaultGrouping
	}
	s.Grouping = stats.GroupingID(s.Grouping)
	if s.Subgrouping == "" && s.Grouping == DefaultGrouping {
		s.Subgrouping = DefaultSubgrouping
	}
	if s.Subgrouping == stats.GroupingNone {
		s.Subgrouping = ""
	}
	s.Subgrouping = stats.GroupingID(s.Subgrouping)
	if len(s.Langs) == 0 {
		s.Langs = []string{web.DefaultLang.Code}
	}
}

// Validate checks the spec on its own (the groupings are checked against
// the database when the edition is built), naming every field at fault.
func (s *Spec) Validate() error {
	s.Normalize()
	e := errs.Invalid()
	if !editionName.MatchString(s.Edition) {
		e.Field("edition", "err.report_edition_invalid")
	}
	y := s.Years
	switch {
	case y.From < 1990 || y.To > 2100 || y.From > y.To:
		e.Field("years", "err.report_years_invalid")
	case y.To-y.From+1 > maxSpan:
		e.Field("years", "err.report_years_too_many", "Max", maxSpan)
	}
	seen := map[string]bool{}
	for _, l := range s.Langs {
		if _, ok := web.LangByCode(l); !ok || seen[l] {
			e.Field("langs", "err.report_lang_unknown", "Code", l)
		}
		seen[l] = true
	}
	if s.Subgrouping != "" && s.Subgrouping == s.Grouping {
		e.Field("subgrouping", "err.report_subgrouping_same")
	}
	return e.OrNil()
}

// languages returns the spec's languages, in its order.
func (s *Spec) languages() []web.Lang {
	out := make([]web.Lang, 0, len(s.Langs))
	for _, c := range s.Langs {
		if l, ok := web.LangByCode(c); ok {
			out = append(out, l)
		}
	}
	return out
}
