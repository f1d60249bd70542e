package stats

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tipsom/tipsom/internal/profile"
)

// sectionIndicators are the figures the country profile leads with.
var sectionIndicators = []string{"detected_victims", "convicted"}

// LatestFigure is a country's latest published total of one indicator.
type LatestFigure struct {
	Indicator string `json:"indicator"`
	Year      int    `json:"year"`
	Cell
	Show string `json:"-"` // the cell in the reader's language
}

// countrySection is the statistics part of a country profile.
type countrySection struct {
	Latest  []LatestFigure `json:"latest"`
	Profile *Table         `json:"-"`
	Shares  []profileShare `json:"sex_age_profile,omitempty"`
	Explore string         `json:"explore"`
}

// profileShare is one group of the sex and age profile, for the JSON
// profile.
type profileShare struct {
	Group string `json:"group"`
	Cell
	Share *float64 `json:"share"`
}

// CountrySection implements profile.Provider: the latest year's detected
// victims and convictions, the sex and age profile of the victims that
// year, and a link to the explorer filtered to the country — every figure
// under disclosure control. Nothing when the country has no figure.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	ctx := r.Context()
	v := newViewer(h.UI.Localizer(r), h.Svc.Geo)
	d := countrySection{}
	victimsYear := 0
	for _, ind := range sectionIndicators {
		y, ok, err := h.Svc.countryLatest(ctx, iso3, ind)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		g, err := h.Svc.Trend(ctx, TrendQuery{Indicator: ind, Span: Span{y, y}, Places: countryPlaces([]string{iso3}, v.namer()),
			Total: Place{Code: iso3, Countries: []string{iso3}}})
		if err != nil {
			return nil, err
		}
		c := CellOf(g.Rows[0].Sums[0])
		d.Latest = append(d.Latest, LatestFigure{Indicator: ind, Year: y, Cell: c, Show: v.cell(c).Show})
		if ind == "detected_victims" {
			victimsYear = y
		}
	}
	if len(d.Latest) == 0 {
		return nil, nil
	}
	if victimsYear != 0 {
		g, err := h.Svc.Profile(ctx, ProfileQuery{Indicator: "detected_victims", Dimension: DimTotal, Span: Span{victimsYear, victimsYear},
			Countries: []string{iso3}}, v.namer())
		if err != nil {
			return nil, err
		}
		d.Profile = v.breakdownTable(g)
		d.Profile.ID, d.Profile.Caption = "stats-profile-table", v.T("stats.profile_caption", "Year", victimsYear)
		for i, row := range g.Rows {
			s, ok := g.Share(i, 0)
			ps := profileShare{Group: row.Code, Cell: CellOf(row.Sums[0])}
			if ok {
				ps.Share = &s
			}
			d.Shares = append(d.Shares, ps)
		}
	}
	last := d.Latest[0].Year
	d.Explore = "/stats/explore?" + url.Values{"country": {iso3}, "view": {ViewLine}, "from": {strconv.Itoa(last - 9)},
		"to": {strconv.Itoa(last)}}.Encode()
	html, err := h.UI.Fragment(r, "stats/country", d)
	if err != nil {
		return nil, err
	}
	return &profile.Section{ID: "stats", Title: "stats.profile_title", HTML: html, Data: d}, nil
}

// countryLatest is the last year with a published total of indicator for
// iso3 (the unique key's index answers it).
func (s *Service) countryLatest(ctx context.Context, iso3, indicator string) (int, bool, error) {
	var y sql.NullInt64
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		y, err = countryLatestYear(ctx, tx, iso3, indicator)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("latest %s of %s: %w", indicator, iso3, err)
	}
	return int(y.Int64), y.Valid, nil
}
