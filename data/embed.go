// Package data embeds the published files shipped with tipsom (see
// README.md beside it: source, licence and release date of each), so the
// binary can load them into a demo database on a machine that has nothing
// else.
package data

import (
	_ "embed"
	"time"
)

// GLOTIP is UNODC's published GLOTIP file (dataUNODC, data_glotip.xlsx).
//
//go:embed glotip/data_glotip.xlsx
var GLOTIP []byte

// GLOTIPFile, GLOTIPSource and GLOTIPRelease describe GLOTIP.
const (
	GLOTIPFile    = "data_glotip.xlsx"
	GLOTIPSource  = "UNODC, dataUNODC (data_glotip.xlsx)"
	GLOTIPRelease = "2023-05-30"
)

// Population is the World Bank's total population by country and year
// (SP.POP.TOTL), in the layout Country Name,Country Code,Year,Value.
//
//go:embed population/population.csv
var Population []byte

// PopulationSource names Population's source, as pages cite it.
const PopulationSource = "World Bank SP.POP.TOTL (UN World Population Prospects and national sources)"

// Treaty status tables of the UN Treaty Collection, by tipsom instrument id.
var (
	//go:embed treaties/untc_18-12.csv
	untoc []byte
	//go:embed treaties/untc_18-12-a.csv
	tipProtocol []byte
	//go:embed treaties/untc_18-12-b.csv
	somProtocol []byte
)

// Treaties are the UN Treaty Collection status tables, by instrument id.
func Treaties() map[string][]byte {
	return map[string][]byte{"untoc": untoc, "tip-protocol": tipProtocol, "som-protocol": somProtocol}
}

// TreatiesSource names the tables' source, as pages cite it.
const TreatiesSource = "UN Treaty Collection (treaties.un.org), status tables of chapter XVIII"

// TreatiesRecordedOn is the date the tables record the status on: the
// latest action any of them holds (they were scraped in 2013–2015).
var TreatiesRecordedOn = time.Date(2013, time.December, 13, 0, 0, 0, 0, time.UTC)

// M49 is the table of countries and areas with their M49 regions.
//
//go:embed m49/all.csv
var M49 []byte
