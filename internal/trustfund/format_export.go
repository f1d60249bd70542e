package trustfund

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"strings"
	"time"
)

// WriteProjectsCSV writes the funded projects as open data: one row per
// grant, amounts in USD.
func WriteProjectsCSV(ps []Project) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"grant_id", "title", "ngo", "country", "assistance", "amount_usd", "disbursed_usd", "starts_on", "ends_on", "demo"})
	for _, p := range ps {
		demo := "false"
		if p.Demo {
			demo = "true"
		}
		w.Write([]string{itoa(p.GrantID), p.Title, p.NGO, p.Country, strings.Join(p.Assistance, ";"), FormatMinor(p.AmountMinor, "USD"),
			FormatMinor(p.DisbursedMinor, "USD"), p.StartsOn, p.EndsOn, demo})
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// The IATI activity standard, version 2.03: the parts a small grant fills.
type iatiActivities struct {
	XMLName     xml.Name       `xml:"iati-activities"`
	Version     string         `xml:"version,attr"`
	GeneratedAt string         `xml:"generated-datetime,attr"`
	Activities  []iatiActivity `xml:"iati-activity"`
}

type iatiActivity struct {
	LastUpdated  string            `xml:"last-updated-datetime,attr"`
	Lang         string            `xml:"xml:lang,attr"`
	Currency     string            `xml:"default-currency,attr"`
	Identifier   string            `xml:"iati-identifier"`
	Reporting    iatiOrg           `xml:"reporting-org"`
	Title        iatiNarrative     `xml:"title"`
	Description  iatiNarrative     `xml:"description"`
	Partners     []iatiPartner     `xml:"participating-org"`
	Status       iatiCode          `xml:"activity-status"`
	Dates        []iatiDate        `xml:"activity-date"`
	Country      iatiCountry       `xml:"recipient-country"`
	Budget       iatiBudget        `xml:"budget"`
	Transactions []iatiTransaction `xml:"transaction"`
}

type iatiOrg struct {
	Ref       string   `xml:"ref,attr"`
	Type      string   `xml:"type,attr"`
	Narrative iatiText `xml:"narrative"`
}

type iatiNarrative struct {
	Narrative iatiText `xml:"narrative"`
}

type iatiText struct {
	Text string `xml:",chardata"`
}

type iatiPartner struct {
	Role      string   `xml:"role,attr"`
	Type      string   `xml:"type,attr,omitempty"`
	Narrative iatiText `xml:"narrative"`
}

type iatiCode struct {
	Code string `xml:"code,attr"`
}

type iatiDate struct {
	Type string `xml:"type,attr"`
	Date string `xml:"iso-date,attr"`
}

type iatiCountry struct {
	Code       string `xml:"code,attr"`
	Percentage string `xml:"percentage,attr"`
}

type iatiBudget struct {
	Type   string    `xml:"type,attr"`
	Status string    `xml:"status,attr"`
	Start  iatiDay   `xml:"period-start"`
	End    iatiDay   `xml:"period-end"`
	Value  iatiValue `xml:"value"`
}

type iatiDay struct {
	Date string `xml:"iso-date,attr"`
}

type iatiValue struct {
	Currency string `xml:"currency,attr"`
	Date     string `xml:"value-date,attr"`
	Amount   string `xml:",chardata"`
}

type iatiTransaction struct {
	Type  iatiCode  `xml:"transaction-type"`
	Date  iatiDay   `xml:"transaction-date"`
	Value iatiValue `xml:"value"`
}

// iatiPrefix names the fund as the reporting organisation (its own
// identifier, not a registered one: the file says so in its narrative).
const iatiPrefix = "XM-TIPSOM-UNVTF"

// WriteIATI writes the grants as an IATI 2.03 activity file: one activity
// per grant, its commitment and what was disbursed. alpha2 gives a
// country's ISO 3166-1 alpha-2 code, which IATI uses.
func WriteIATI(ps []Project, alpha2 func(string) string, now time.Time) ([]byte, error) {
	doc := iatiActivities{Version: "2.03", GeneratedAt: now.UTC().Format(time.RFC3339)}
	for _, p := range ps {
		a := iatiActivity{LastUpdated: now.UTC().Format(time.RFC3339), Lang: "en", Currency: "USD",
			Identifier: iatiPrefix + "-" + itoa(p.GrantID),
			Reporting:  iatiOrg{Ref: iatiPrefix, Type: "40", Narrative: iatiText{"UN Voluntary Trust Fund for Victims of Trafficking in Persons (tipsom)"}},
			Title:      iatiNarrative{iatiText{p.Title}}, Description: iatiNarrative{iatiText{p.Summary}},
			Partners: []iatiPartner{{Role: "1", Type: "40", Narrative: iatiText{"UN Voluntary Trust Fund for Victims of Trafficking in Persons"}},
				{Role: "4", Type: "22", Narrative: iatiText{p.NGO}}},
			Status:  iatiCode{"2"},
			Dates:   []iatiDate{{"2", p.StartsOn}, {"3", p.EndsOn}},
			Country: iatiCountry{Code: alpha2(p.Country), Percentage: "100"},
			Budget: iatiBudget{Type: "1", Status: "2", Start: iatiDay{p.StartsOn}, End: iatiDay{p.EndsOn},
				Value: iatiValue{Currency: "USD", Date: p.StartsOn, Amount: FormatMinor(p.AmountMinor, "USD")}},
			Transactions: []iatiTransaction{{Type: iatiCode{"2"}, Date: iatiDay{p.StartsOn},
				Value: iatiValue{Currency: "USD", Date: p.StartsOn, Amount: FormatMinor(p.AmountMinor, "USD")}}},
		}
		if p.DisbursedMinor > 0 {
			a.Transactions = append(a.Transactions, iatiTransaction{Type: iatiCode{"3"}, Date: iatiDay{p.StartsOn},
				Value: iatiValue{Currency: "USD", Date: p.StartsOn, Amount: FormatMinor(p.DisbursedMinor, "USD")}})
		}
		doc.Activities = append(doc.Activities, a)
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}
