package treaty

import (
	"slices"
	"time"
)

// Instrument is one of the treaties this room follows. The set is fixed by
// the mandate (the Convention, its three Protocols and UNCAC), so it is data
// in the binary, seeded into the database at start for SQL readers and for
// the actions' foreign key. Titles are catalogue keys, in the six languages.
type Instrument struct {
	ID          string    // stable id used in URLs and the API: "untoc", "tip-protocol"…
	Chapter     string    // UN Treaty Collection chapter and number: "XVIII-12-a"
	Supplements string    // the Convention a Protocol supplements, or ""
	Adopted     time.Time // adoption by the General Assembly
	InForce     time.Time // entry into force
}

// NameKey is the catalogue key of the instrument's official title.
func (i Instrument) NameKey() string { return "treaty.instrument." + i.ID }

// ShortKey is the catalogue key of the instrument's short name.
func (i Instrument) ShortKey() string { return "treaty.instrument_short." + i.ID }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// instruments is the fixed set, in the order pages list them. The dates are
// those of the depositary (UN Treaty Collection, chapter XVIII).
func instruments() []Instrument {
	return []Instrument{
		{ID: "untoc", Chapter: "XVIII-12", Adopted: day(2000, time.November, 15), InForce: day(2003, time.September, 29)},
		{ID: "tip-protocol", Chapter: "XVIII-12-a", Supplements: "untoc", Adopted: day(2000, time.November, 15), InForce: day(2003, time.December, 25)},
		{ID: "som-protocol", Chapter: "XVIII-12-b", Supplements: "untoc", Adopted: day(2000, time.November, 15), InForce: day(2004, time.January, 28)},
		{ID: "firearms-protocol", Chapter: "XVIII-12-c", Supplements: "untoc", Adopted: day(2001, time.May, 31), InForce: day(2005, time.July, 3)},
		{ID: "uncac", Chapter: "XVIII-14", Adopted: day(2003, time.October, 31), InForce: day(2005, time.December, 14)},
	}
}

// InstrumentByID returns the instrument with id.
func InstrumentByID(id string) (Instrument, bool) {
	all := instruments()
	i := slices.IndexFunc(all, func(in Instrument) bool { return in.ID == id })
	if i < 0 {
		return Instrument{}, false
	}
	return all[i], true
}

// InstrumentIDs lists the ids, for messages and the API description.
func InstrumentIDs() []string {
	var out []string
	for _, i := range instruments() {
		out = append(out, i.ID)
	}
	return out
}
