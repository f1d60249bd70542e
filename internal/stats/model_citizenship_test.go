package stats

import (
	"testing"

	"github.com/tipsom/tipsom/internal/geo"
)

// TestCitizenshipCategoriesMapped: every spelling the published file uses
// for a country reaches it — double-encoded UTF-8, characters lost to
// U+FFFD (matched against the names of the six languages with the damage
// as a wildcard), Spanish and French categories, the reviewed table — and
// what names no one country stays unmapped.
func TestCitizenshipCategoriesMapped(t *testing.T) {
	countries := []geo.Country{
		{ISO3: "ESP", Names: map[string]string{"en": "Spain", "es": "España", "fr": "Espagne"}},
		{ISO3: "PER", Names: map[string]string{"en": "Peru", "es": "Perú", "fr": "Pérou"}},
		{ISO3: "TUR", Names: map[string]string{"en": "Türkiye", "es": "Turquía"}},
		{ISO3: "CIV", Names: map[string]string{"en": "Côte d’Ivoire"}},
		{ISO3: "BEN", Names: map[string]string{"en": "Benin"}},
		{ISO3: "HND", Names: map[string]string{"en": "Honduras"}},
		{ISO3: "PAN", Names: map[string]string{"en": "Panama", "es": "Panamá"}},
		{ISO3: "NER", Names: map[string]string{"en": "Niger"}},
		{ISO3: "NGA", Names: map[string]string{"en": "Nigeria"}},
	}
	known := func(c string) bool {
		for _, k := range countries {
			if k.ISO3 == c {
				return true
			}
		}
		return false
	}
	names := geo.NewNames(countries)
	r := newCategoryResolver(countries, known, names.ISO3)
	for label, want := range map[string]string{
		"TÃ¼rkiye": "TUR", "T\uFFFDrkiye": "TUR", "Espa\uFFFDa": "ESP", "ESPA\uFFFDA": "ESP", "PER\uFFFD": "PER",
		"C\uFFFDte d\uFFFDIvoire": "CIV", "CÃ´te d'Ivoire": "CIV", "Benin Rep": "BEN", "HONDURE\uFFFDA": "HND",
		"PANAM\uFFFD": "PAN", "Ciudadanos de su pa\uFFFDs": OwnCountry, "own country": OwnCountry, "Niger Rep": "NER",
	} {
		if got, ok := r.Resolve(label); !ok || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", label, got, ok, want)
		}
	}
	for _, label := range []string{"Unknown", "Personnes de nationalit\uFFFD \uFFFDtrang\uFFFDre", "Africa others", "Stateless",
		"3 nigériens et 1 tunisien"} {
		if got, ok := r.Resolve(label); ok {
			t.Errorf("Resolve(%q) = %q: a label naming no one country was mapped", label, got)
		}
	}
}

// TestForeignersUnspecified: "Personnes de nationalité étrangère", damaged
// or not, are foreigners of no named country — not an unknown origin.
func TestForeignersUnspecified(t *testing.T) {
	for _, l := range []string{"Personnes de nationalit\uFFFD \uFFFDtrang\uFFFDre", "Personnes de nationalité étrangère", "Africa others", "Extranjeros"} {
		if !foreignUnspecified(l) {
			t.Errorf("%q not read as foreigners", l)
		}
	}
	for _, l := range []string{"Unknown", "Stateless", "Nationals", "Spain", "Desconocido"} {
		if foreignUnspecified(l) {
			t.Errorf("%q read as foreigners", l)
		}
	}
}
