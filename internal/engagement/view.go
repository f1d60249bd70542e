package engagement

import (
	"html/template"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// adopterMap colours the States that adopted the campaign; the table on
// the page lists them, and the businesses and organisations with their
// country. No links on the map (the table links each adopter).
func adopterMap(ads []*Adopter, countries []geo.Country, loc *web.Localizer) template.JS {
	adopted := map[string]bool{}
	for _, a := range ads {
		if a.Kind == KindState {
			adopted[a.Country] = true
		}
	}
	values := map[string]geo.MapValue{}
	for _, c := range countries {
		if c.M49 == "" {
			continue
		}
		v := geo.MapValue{Class: "m0", Title: c.Name(loc.Lang.Code)}
		if adopted[c.ISO3] {
			v = geo.MapValue{Class: "m2", Title: c.Name(loc.Lang.Code) + " — " + loc.T("blueheart.map_adopted")}
		}
		values[c.M49] = v
	}
	return geo.MapData(values)
}

// number writes a measured value without needless decimals.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// BaselineText, FollowUpText and ChangeText are a measure's figures for a
// page (in the reader's digits through Localizer.Digits); the change
// carries its sign.
func (m Measure) BaselineText() string { return number(m.Baseline) }
func (m Measure) FollowUpText() string { return number(m.FollowUp) }
func (m Measure) ChangeText() string {
	c := m.Change()
	// Round away the float noise of a subtraction (52.1 - 40.3).
	c, _ = strconv.ParseFloat(strconv.FormatFloat(c, 'f', 6, 64), 64)
	if c > 0 {
		return "+" + number(c)
	}
	return number(c)
}

// Improved reports whether the measure moved the right way.
func (m Measure) Improved() bool { return m.Improvement() > 0 }

// AdopterJSON is an adopter in the API.
type AdopterJSON struct {
	ID        int64    `json:"id"`
	Kind      Kind     `json:"kind"`
	Country   string   `json:"country"`
	Name      string   `json:"name"`
	AdoptedOn string   `json:"adopted_on"`
	Scope     string   `json:"scope"`
	Links     []string `json:"links"`
	Demo      bool     `json:"demo"`
}

func adopterJSON(a *Adopter) AdopterJSON {
	links := a.Links
	if links == nil {
		links = []string{}
	}
	return AdopterJSON{ID: a.ID, Kind: a.Kind, Country: a.Country, Name: a.Name, AdoptedOn: a.AdoptedOn.Format(time.DateOnly),
		Scope: a.Scope, Links: links, Demo: a.Demo}
}

// MeasureJSON is one evaluation in the API.
type MeasureJSON struct {
	Name       string  `json:"name"`
	Unit       string  `json:"unit"`
	Better     string  `json:"better"`
	Baseline   float64 `json:"baseline"`
	FollowUp   float64 `json:"follow_up"`
	Change     float64 `json:"change"`
	SampleSize int     `json:"sample_size"`
	Source     string  `json:"source"`
}

// CampaignJSON is a campaign in the API: effective only when evaluated
// and improved.
type CampaignJSON struct {
	ID        int64         `json:"id"`
	Title     string        `json:"title"`
	AdopterID int64         `json:"adopter_id,omitempty"`
	Audience  string        `json:"audience"`
	Channels  []string      `json:"channels"`
	Countries []string      `json:"countries"`
	Languages []string      `json:"languages"`
	StartsOn  string        `json:"starts_on"`
	EndsOn    string        `json:"ends_on"`
	Messages  []string      `json:"messages"`
	Evaluated bool          `json:"evaluated"`
	Effective bool          `json:"effective"`
	Measures  []MeasureJSON `json:"measures"`
	Demo      bool          `json:"demo"`
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func campaignJSON(c *Campaign) CampaignJSON {
	out := CampaignJSON{ID: c.ID, Title: c.Title, AdopterID: c.AdopterID, Audience: c.Audience, Channels: orEmpty(c.Channels),
		Countries: orEmpty(c.Countries), Languages: orEmpty(c.Languages), StartsOn: c.StartsOn.Format(time.DateOnly),
		EndsOn: c.EndsOn.Format(time.DateOnly), Messages: orEmpty(c.Messages), Evaluated: c.Evaluated(), Effective: c.Effective(),
		Measures: []MeasureJSON{}, Demo: c.Demo}
	for _, m := range c.Measures {
		ch, _ := strconv.ParseFloat(strconv.FormatFloat(m.Change(), 'f', 6, 64), 64)
		out.Measures = append(out.Measures, MeasureJSON{Name: m.Name, Unit: m.Unit, Better: m.Better, Baseline: m.Baseline,
			FollowUp: m.FollowUp, Change: ch, SampleSize: m.SampleSize, Source: m.Source})
	}
	return out
}
