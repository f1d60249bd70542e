package collection

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/stats"
)

// CellKey is one figure of a questionnaire: the stats key without the
// country, which is the submission's.
type CellKey struct {
	Indicator string `json:"indicator"`
	Dimension string `json:"dimension"`
	Category  string `json:"category"`
	Sex       string `json:"sex"`
	Age       string `json:"age"`
	Year      int    `json:"year"`
}

// DraftCell is a cell as the focal point last wrote it: raw text, so a
// draft keeps what does not yet validate ("12a") for them to fix.
type DraftCell struct {
	CellKey
	Text string `json:"value"`
}

// Cell is a cell of a submitted version: a validated value.
type Cell struct {
	CellKey
	Value        stats.Value `json:"value"`
	CategoryISO3 string      `json:"category_iso3,omitempty"`
}

// StatsKey is k in country iso3.
func (k CellKey) StatsKey(iso3 string) stats.Key {
	return stats.Key{ISO3: iso3, Indicator: k.Indicator, Dimension: k.Dimension, Category: k.Category, Sex: k.Sex, Age: k.Age, Year: k.Year}
}

// keyOf drops the country of a stats key.
func keyOf(k stats.Key) CellKey {
	return CellKey{Indicator: k.Indicator, Dimension: k.Dimension, Category: k.Category, Sex: k.Sex, Age: k.Age, Year: k.Year}
}

// ID is the cell's stable HTML id (and its field name in form and API
// errors): cell-<indicator>-<year>-<dimension>-<category>-<sex>-<age>,
// lower case, anything but letters, digits and "_" as "_".
func (k CellKey) ID() string {
	return "cell-" + sanitise(k.Indicator) + "-" + strconv.Itoa(k.Year) + "-" + sanitise(k.Dimension) + "-" +
		sanitise(k.Category) + "-" + sanitise(k.Sex) + "-" + sanitise(k.Age)
}

// Code is the cell written so it reads back (ParseCellCode): the value of
// the analysts' cell chooser and of the API's cell references.
func (k CellKey) Code() string {
	return strings.Join([]string{k.Indicator, strconv.Itoa(k.Year), k.Dimension, k.Category, k.Sex, k.Age}, "|")
}

// ParseCellCode reads a Code back.
func ParseCellCode(s string) (CellKey, bool) {
	p := strings.Split(s, "|")
	if len(p) != 6 {
		return CellKey{}, false
	}
	y, err := strconv.Atoi(p[1])
	if err != nil {
		return CellKey{}, false
	}
	return CellKey{Indicator: p[0], Year: y, Dimension: p[2], Category: p[3], Sex: p[4], Age: p[5]}, true
}

func (k CellKey) String() string {
	return fmt.Sprintf("%s %d / %s: %s / %s / %s", k.Indicator, k.Year, k.Dimension, k.Category, k.Sex, k.Age)
}

// sanitise keeps an id part to lower-case letters, digits and "_".
func sanitise(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '_'
	}, s)
}

// compareKeys orders cells as the questionnaire shows them: indicator,
// year, row, then category (free citizenship rows by name).
func compareKeys(a, b CellKey) int {
	return cmp.Or(cmp.Compare(indicatorIndex(a.Indicator), indicatorIndex(b.Indicator)), cmp.Compare(a.Year, b.Year),
		cmp.Compare(rowIndex(a), rowIndex(b)), strings.Compare(a.Category, b.Category))
}

func indicatorIndex(code string) int {
	return slices.IndexFunc(stats.Indicators, func(i stats.Indicator) bool { return i.Code == code })
}

// sortDraft puts draft cells in questionnaire order.
func sortDraft(cells []DraftCell) {
	slices.SortFunc(cells, func(a, b DraftCell) int { return compareKeys(a.CellKey, b.CellKey) })
}

// sortCells puts version cells in questionnaire order.
func sortCells(cells []Cell) {
	slices.SortFunc(cells, func(a, b Cell) int { return compareKeys(a.CellKey, b.CellKey) })
}
