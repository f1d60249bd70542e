package treaty

import (
	"context"
	"database/sql"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// instrument returns the instrument with id, or not found.
func instrument(id string) (Instrument, error) {
	in, ok := InstrumentByID(id)
	if !ok {
		return Instrument{}, errs.NotFound()
	}
	return in, nil
}

// Actions returns every participant's action on instrument, as stored
// (AsAt narrows one to a date).
func (s *Service) Actions(ctx context.Context, id string) ([]Action, error) {
	if _, err := instrument(id); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]Action, error) {
		return actionsOf(ctx, tx, id)
	})
}

// Parties returns the parties to instrument as at asOf, earliest first.
func (s *Service) Parties(ctx context.Context, id string, asOf time.Time) ([]Action, error) {
	if _, err := instrument(id); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]Action, error) {
		return partiesAsAt(ctx, tx, id, asOf)
	})
}

// Count is how many participants stood where as at a date.
type Count struct {
	Parties     int // bound, States and others
	States      int // bound States
	Signatories int // signed, not (yet) bound
}

// Counts returns the parties and signatories of every instrument as at
// asOf; an instrument with nothing stored counts zero.
func (s *Service) Counts(ctx context.Context, asOf time.Time) (map[string]Count, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (map[string]Count, error) {
		return countsAsAt(ctx, tx, asOf)
	})
}

// CountryActions returns a State's action on each instrument it took part
// in, keyed by instrument id.
func (s *Service) CountryActions(ctx context.Context, iso3 string) (map[string]Action, error) {
	list, err := db.Read(ctx, s.DB, func(tx *sql.Tx) ([]Action, error) { return actionsOfCountry(ctx, tx, iso3) })
	out := map[string]Action{}
	for _, a := range list {
		out[a.Instrument] = a
	}
	return out, err
}

// Recorded reports, per instrument, whether any status has been imported,
// so pages can tell "not a party" from "not known".
func (s *Service) Recorded(ctx context.Context) (map[string]bool, error) {
	counts, err := s.Counts(ctx, s.Today())
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for id := range counts {
		out[id] = true
	}
	return out, nil
}

// Series is the number of parties to one instrument at the end of each
// year, for the chart of parties over time.
type Series struct {
	Instrument string
	Counts     []int // one per year of Years
}

// OverTime returns, for each instrument with stored consents, its parties
// at the end of each year from the first adoption to the year of the latest
// stored consent: a table saved in 2013 says nothing of 2014, so the series
// stops where the data does rather than running flat to today.
func (s *Service) OverTime(ctx context.Context) (years []int, series []Series, err error) {
	dates, err := db.Read(ctx, s.DB, func(tx *sql.Tx) (map[string][]time.Time, error) { return consentDates(ctx, tx) })
	if err != nil {
		return nil, nil, err
	}
	last := 0
	for _, ds := range dates {
		last = max(last, ds[len(ds)-1].Year()) // each list is in date order
	}
	if last == 0 {
		return nil, nil, nil
	}
	years, series = overTime(dates, last)
	return years, series, nil
}

// overTime counts, per instrument and year, the consents dated on or
// before 31 December of that year (dates are sorted ascending).
func overTime(dates map[string][]time.Time, lastYear int) ([]int, []Series) {
	first := lastYear
	for _, in := range instruments() {
		first = min(first, in.Adopted.Year())
	}
	var years []int
	for y := first; y <= lastYear; y++ {
		years = append(years, y)
	}
	var out []Series
	for _, in := range instruments() {
		ds := dates[in.ID]
		if len(ds) == 0 {
			continue
		}
		se := Series{Instrument: in.ID}
		n := 0
		for _, y := range years {
			for n < len(ds) && ds[n].Year() <= y {
				n++
			}
			se.Counts = append(se.Counts, n)
		}
		out = append(out, se)
	}
	return years, out
}
