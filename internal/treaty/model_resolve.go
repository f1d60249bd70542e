package treaty

import "github.com/tipsom/tipsom/internal/geo"

// Participant is who a name in a status table designates: a State (ISO3)
// or a non-State party (Name, no ISO3).
type Participant struct {
	ISO3 string
	Name string // the non-State party's stored name; "" for States
}

// Key is how the participant is stored: its ISO3, or its name.
func (p Participant) Key() string {
	if p.ISO3 != "" {
		return p.ISO3
	}
	return p.Name
}

// Resolver turns participant names, as the UN writes them, into
// participants: the non-State parties by name, States through geo's names
// (the UN's spellings, then CLDR's).
type Resolver struct {
	names    *geo.Names
	nonState map[string]string
}

// NewResolver indexes the names of countries and the non-State parties.
func NewResolver(countries []geo.Country) *Resolver {
	r := &Resolver{names: geo.NewNames(countries), nonState: map[string]string{}}
	for name, party := range nonStateParties() {
		r.nonState[geo.FoldName(name)] = party
	}
	return r
}

// Resolve returns the participant name designates, or false.
func (r *Resolver) Resolve(name string) (Participant, bool) {
	if party, ok := r.nonState[geo.FoldName(name)]; ok {
		return Participant{Name: party}, true
	}
	iso3, ok := r.names.ISO3(name)
	return Participant{ISO3: iso3}, ok
}
