package stats

import "sort"

// Part is one category of a breakdown: what it is called and which
// figures it adds up. Parts of one breakdown never overlap, so their sum is
// exactly the breakdown's total.
type Part struct {
	Code  string
	Key   string // catalogue key of its name; "" when Label is the category as published
	Label string
	Match func(obsRow) bool
}

// Sex and age profile: the report's four groups of victims.
const (
	PartWomen = "women"
	PartMen   = "men"
	PartGirls = "girls"
	PartBoys  = "boys"
)

// Origins of detected victims, from the citizenship breakdown.
const (
	OriginDomestic = "domestic" // citizens of the detecting country (Nationals)
	OriginAbroad   = "abroad"   // citizens of another country
	OriginUnknown  = "unknown"  // a citizenship label that names no country
)

// sexAgeParts are women (Female × 18 or over), men, girls (Female × 0 to
// 17) and boys, read from the Total breakdown.
func sexAgeParts() []Part {
	part := func(code, sex, age string) Part {
		return Part{Code: code, Key: "stats.part." + code, Match: func(o obsRow) bool {
			return o.Category == CategoryTotal && o.Sex == sex && o.Age == age
		}}
	}
	return []Part{part(PartWomen, "female", "adult"), part(PartMen, "male", "adult"),
		part(PartGirls, "female", "child"), part(PartBoys, "male", "child")}
}

// originParts split the citizenship breakdown by where victims come from,
// as resolved at import: Nationals and the detecting country's own name
// resolve to the detecting country.
func originParts() []Part {
	part := func(code string, match func(o obsRow) bool) Part {
		return Part{Code: code, Key: "stats.origin." + code, Match: match}
	}
	return []Part{
		part(OriginDomestic, func(o obsRow) bool { return o.CategoryISO3 == o.ISO3 }),
		part(OriginAbroad, func(o obsRow) bool { return o.CategoryISO3 != "" && o.CategoryISO3 != o.ISO3 }),
		part(OriginUnknown, func(o obsRow) bool { return o.CategoryISO3 == "" }),
	}
}

// categoryParts are the categories present in ix, the vocabulary's first
// (in its order: the three published forms of exploitation lead), then
// the others alphabetically.
func categoryParts(dim string, ix rowIndex) []Part {
	present := map[string]bool{}
	for _, byCountry := range ix {
		for _, rows := range byCountry {
			for _, o := range rows {
				present[o.Category] = true
			}
		}
	}
	var cats []string
	for _, c := range Categories[dim] {
		if present[c] {
			cats = append(cats, c)
			delete(present, c)
		}
	}
	var rest []string
	for c := range present {
		rest = append(rest, c)
	}
	sort.Strings(rest)
	out := make([]Part, 0, len(cats)+len(rest))
	for _, c := range append(cats, rest...) {
		out = append(out, Part{Code: c, Key: CategoryKey(c), Label: c, Match: func(o obsRow) bool { return o.Category == c }})
	}
	return out
}

// partsOf is the breakdown of a dimension: the sex and age profile for the
// Total dimension, origins for citizenship, the categories otherwise.
func partsOf(dim string, ix rowIndex) []Part {
	switch dim {
	case DimTotal:
		return sexAgeParts()
	case DimCitizenship:
		return originParts()
	}
	return categoryParts(dim, ix)
}

// anyPart matches a figure that some part matches.
func anyPart(parts []Part) func(obsRow) bool {
	return func(o obsRow) bool {
		for _, p := range parts {
			if p.Match(o) {
				return true
			}
		}
		return false
	}
}
