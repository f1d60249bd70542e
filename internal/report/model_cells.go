package report

import "github.com/tipsom/tipsom/internal/stats"

// cell is one figure the report reads for every place and year: an
// indicator's total, one group of the sex and age profile, or one form of
// exploitation — each exactly one query of GET /api/v1/stats/aggregate.
type cell struct {
	ID        string
	Indicator string
	Dimension string
	Category  string
	Sex, Age  string
}

// query is the aggregate query of the cell in year.
func (c cell) query(year int) stats.Query {
	return stats.Query{Indicator: c.Indicator, Dimension: c.Dimension, Category: c.Category, Sex: c.Sex, Age: c.Age, Year: year}
}

// Cell ids.
const (
	cellVictims    = "victims"
	cellProsecuted = "prosecuted"
	cellConvicted  = "convicted"
)

// The report's parts: the sex and age profile and the published forms of
// exploitation (which partition the victims whose form is known).
var (
	sexAgeParts = []string{stats.PartWomen, stats.PartMen, stats.PartGirls, stats.PartBoys}
	formParts   = []string{"sexual", "labour", "other"}
)

// reportCells are every cell the report reads.
var reportCells = []cell{
	total(cellVictims, "detected_victims"),
	{stats.PartWomen, "detected_victims", stats.DimTotal, stats.CategoryTotal, "female", "adult"},
	{stats.PartMen, "detected_victims", stats.DimTotal, stats.CategoryTotal, "male", "adult"},
	{stats.PartGirls, "detected_victims", stats.DimTotal, stats.CategoryTotal, "female", "child"},
	{stats.PartBoys, "detected_victims", stats.DimTotal, stats.CategoryTotal, "male", "child"},
	{"sexual", "detected_victims", stats.DimExploitation, "Sexual exploitation", "total", "total"},
	{"labour", "detected_victims", stats.DimExploitation, "Forced labour", "total", "total"},
	{"other", "detected_victims", stats.DimExploitation, "Other forms of exploitation", "total", "total"},
	total(cellProsecuted, "prosecuted"),
	total(cellConvicted, "convicted"),
}

func total(id, indicator string) cell {
	return cell{id, indicator, stats.DimTotal, stats.CategoryTotal, "total", "total"}
}

// cellByID returns the cell with id.
func cellByID(id string) cell {
	for _, c := range reportCells {
		if c.ID == id {
			return c
		}
	}
	panic("report: no cell " + id)
}

// partKey is the catalogue key naming a part of a breakdown.
func partKey(id string) string {
	switch id {
	case "sexual", "labour", "other":
		return "report.form." + id
	case cellVictims, cellProsecuted, cellConvicted:
		return "report.cell." + id
	}
	return "stats.part." + id
}
