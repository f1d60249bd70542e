package search

// FacetView is one facet of a results page, labelled in the reader's
// language, as the "facets" partial of the web templates shows it: a group of checkboxes with
// counts, the checked ones being the active filters.
type FacetView struct {
	Name   string
	Label  string // catalogue key of the facet's name
	Values []FacetValueView
	More   int // values not shown
}

// FacetValueView is one value of a facet.
type FacetValueView struct {
	Value    string
	Label    string
	Count    int
	Selected bool
}

// FacetViews labels the counted facets in the order of names: each facet
// shows at most shown values (selected ones always), its label is
// prefix+name, and label names a value.
func FacetViews(names []string, counts map[string][]FacetCount, prefix string, shown int, label func(facet, value string) string) []FacetView {
	var out []FacetView
	for _, name := range names {
		f := FacetView{Name: name, Label: prefix + name}
		for _, c := range counts[name] {
			if len(f.Values) >= shown && !c.Selected {
				f.More++
				continue
			}
			f.Values = append(f.Values, FacetValueView{Value: c.Value, Label: label(name, c.Value), Count: c.Count, Selected: c.Selected})
		}
		if len(f.Values) > 0 {
			out = append(out, f)
		}
	}
	return out
}
