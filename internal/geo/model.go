package geo

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/profile"
)

// Country is an ISO 3166-1 country or area with its M49 placement.
type Country struct {
	ISO3         string            `json:"iso3"`
	ISO2         string            `json:"iso2"`
	M49          string            `json:"m49"`
	Region       string            `json:"region_code"`       // M49 region, "" for none (Antarctica)
	Subregion    string            `json:"subregion_code"`    // M49 sub-region
	Intermediate string            `json:"intermediate_code"` // M49 intermediate region, often ""
	Names        map[string]string `json:"names"`             // by language code
	// replaced are CLDR's names where the UN's replaced them ("Turkey",
	// "Congo - Brazzaville"): not shown, but still understood in files.
	replaced []string
}

// Name is the country's name in lang: the UN's (unNames), else CLDR's,
// falling back to English.
func (c Country) Name(lang string) string {
	if n := unNames[c.ISO3].in(lang); n != "" {
		return n
	}
	if n := c.Names[lang]; n != "" {
		return n
	}
	return c.Names["en"]
}

// Grouping kinds. System groupings are seeded and read-only.
const (
	KindM49Region       = "m49_region"
	KindM49Subregion    = "m49_subregion"
	KindM49Intermediate = "m49_intermediate"
	KindUNRegionalGroup = "un_regional_group"
	KindCustom          = "custom"
)

// Grouping is a named partition of countries into groups: the M49 regions,
// the UN regional groups, or an analyst's grouping such as the regions of one
// Global Report edition.
type Grouping struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Edition   string    `json:"edition,omitempty"`
	Kind      string    `json:"kind"`
	System    bool      `json:"system"`
	Countries int       `json:"countries"`
	Groups    []string  `json:"groups,omitempty"`
	Members   []Member  `json:"members,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// labelKey is the catalogue key naming group in a system grouping of kind,
// or "" for analysts' groupings, whose group names are their own text.
func labelKey(kind, group string) string {
	switch kind {
	case KindM49Region, KindM49Subregion, KindM49Intermediate:
		return "geo.m49." + group
	case KindUNRegionalGroup:
		return "geo.unrg." + group
	}
	return ""
}

// GroupKey is the catalogue key of group's name ("" for analysts' groupings).
func (g *Grouping) GroupKey(group string) string { return labelKey(g.Kind, group) }

// Member places one country in one group of a grouping. For system
// groupings Group is a code (an M49 code, a UN regional group id) whose name
// is in the catalogue; for analysts' groupings it is their own label.
type Member struct {
	ISO3  string `json:"iso3"`
	Group string `json:"group"`
}

// GroupingInput is what an analyst submits for a grouping.
type GroupingInput struct {
	Name    string
	Edition string
	Members []Member
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// ID derives the grouping's id from its name and edition.
func (in *GroupingInput) ID() string {
	s := strings.Trim(slugUnsafe.ReplaceAllString(strings.ToLower(in.Name+" "+in.Edition), "-"), "-")
	if len(s) > 60 {
		s = strings.Trim(s[:60], "-")
	}
	return s
}

// Validate checks the grouping against the known countries.
func (in *GroupingInput) Validate(known func(string) bool) error {
	in.Name, in.Edition = strings.TrimSpace(in.Name), strings.TrimSpace(in.Edition)
	e := errs.Invalid()
	if e.Text("name", in.Name, true, 200) && in.ID() == "" {
		e.Field("name", "err.geo_name_letters")
	}
	e.Text("edition", in.Edition, false, 40)
	if len(in.Members) == 0 {
		e.Field("members", "err.geo_members_required")
	}
	seen := map[string]bool{}
	for _, m := range in.Members {
		if !known(m.ISO3) {
			e.Field("members", "err.geo_unknown_country", "Code", m.ISO3)
		} else if seen[m.ISO3] {
			e.Field("members", "err.geo_member_twice", "Code", m.ISO3)
		}
		seen[m.ISO3] = true
	}
	return e.OrNil()
}

// CSVLimits bound a grouping or population table, uploaded or imported
// on the command line: the World Bank's whole population file (about
// 17,000 rows, half a megabyte) fits many times over.
var CSVLimits = intake.Limits{Bytes: 8 << 20, Rows: 200_000}

// ParseMembers reads a grouping's CSV (header iso3,group; one country per
// line). Every bad line is reported with its number, all at once.
func ParseMembers(r io.Reader, known func(string) bool) ([]Member, error) {
	rows, e, err := readCSV(r, []string{"iso3", "group"})
	if err != nil {
		return nil, err
	}
	var out []Member
	seen := map[string]int{}
	for _, row := range rows {
		iso3, group := strings.ToUpper(strings.TrimSpace(row.cells[0])), strings.TrimSpace(row.cells[1])
		switch {
		case !known(iso3):
			e.Field(lineField(row.line), "err.geo_unknown_country", "Code", row.cells[0])
		case group == "":
			e.Field(lineField(row.line), "err.geo_group_required")
		case seen[iso3] != 0:
			e.Field(lineField(row.line), "err.geo_member_twice_line", "Code", iso3, "Line", seen[iso3])
		default:
			seen[iso3] = row.line
			out = append(out, Member{ISO3: iso3, Group: group})
		}
	}
	if err := byLine(e); err != nil {
		return nil, err
	}
	return out, nil
}

func lineField(n int) string { return fmt.Sprintf("line %d", n) }

// byLine orders e's findings by line number, so a report reads like the file.
func byLine(e *errs.Error) error {
	line := func(f errs.FieldError) int {
		var n int
		fmt.Sscanf(f.Field, "line %d", &n)
		return n
	}
	sort.SliceStable(e.Fields, func(i, j int) bool { return line(e.Fields[i]) < line(e.Fields[j]) })
	return e.OrNil()
}

type csvRow struct {
	line  int
	cells []string
}

// readCSV reads a CSV with the given header (case-insensitive, a UTF-8 BOM
// tolerated), returning each well-formed data row with its line number and
// an Invalid error collecting the malformed ones, to which the caller adds
// its own findings so that every bad line is reported at once. A missing or
// wrong header, or no data at all, is returned as err.
func readCSV(r io.Reader, header []string) (rows []csvRow, bad *errs.Error, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	first, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, errs.Invalid().Field("file", "err.geo_csv_empty")
	}
	if err != nil {
		return nil, nil, errs.Invalid().Field("line 1", "err.geo_csv_unreadable", "Detail", err.Error())
	}
	for i := range first {
		first[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(first[i], "\ufeff")))
	}
	if strings.Join(first, ",") != strings.Join(header, ",") {
		return nil, nil, errs.Invalid().Field("line 1", "err.geo_csv_header", "Want", strings.Join(header, ","), "Got", strings.Join(first, ","))
	}
	e := errs.Invalid()
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err := CSVLimits.CheckRow("file", n); err != nil {
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			e.Field(lineField(line), "err.geo_csv_unreadable", "Detail", err.Error())
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if len(rec) != len(header) {
			e.Field(lineField(line), "err.geo_csv_columns", "Want", len(header), "Got", len(rec))
			continue
		}
		rows = append(rows, csvRow{line: line, cells: rec})
	}
	if len(rows) == 0 && len(e.Fields) == 0 {
		return nil, nil, errs.Invalid().Field("file", "err.geo_csv_empty")
	}
	return rows, e, nil
}

// ProfileData is what the country profile page shows: the reference data,
// then each capability's section (assembled by the app).
type ProfileData struct {
	Country    Country
	Groups     []CountryGroup
	Population []Population
	Sections   []profile.Section
	Scripts    []string // assets the sections need (charts, maps)
}
