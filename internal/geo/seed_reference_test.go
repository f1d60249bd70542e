package geo

import (
	"encoding/csv"
	"os"
	"testing"

	"github.com/tipsom/tipsom/internal/web"
)

// TestCountriesMatchM49 checks every country built from CLDR against the
// UN Statistics Division's M49 table: the same 249 codes, and the same
// region, sub-region and intermediate region names.
func TestCountriesMatchM49(t *testing.T) {
	f, err := os.Open("../../../shared/data/m49/all.csv")
	if err != nil {
		t.Skipf("reference file: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := web.NewCatalog(Locales)
	if err != nil {
		t.Fatal(err)
	}
	en := cat.For(web.DefaultLang)
	name := func(code string) string {
		if code == "" {
			return ""
		}
		return en.T("geo.m49." + code)
	}
	s := NewService(nil)
	if got := len(s.Countries()); got != len(rows)-1 {
		t.Errorf("%d countries, the M49 table has %d", got, len(rows)-1)
	}
	for _, r := range rows[1:] {
		iso2, iso3, m49, region, sub, inter := r[1], r[2], r[3], r[5], r[6], r[7]
		c, ok := s.Country(iso3)
		if !ok {
			t.Errorf("%s (%s) missing", iso3, r[0])
			continue
		}
		got := [6]string{c.ISO2, c.M49, name(c.Region), name(c.Subregion), name(c.Intermediate), c.Region + c.Subregion + c.Intermediate}
		want := [6]string{iso2, m49, region, sub, inter, r[8] + r[9] + r[10]}
		if got != want {
			t.Errorf("%s: got %q, want %q", iso3, got, want)
		}
		for _, l := range web.LangCodes {
			if c.Names[l] == "" || c.Names[l] == c.ISO2 {
				t.Errorf("%s has no %s name", iso3, l)
			}
		}
	}
}

// TestUNRegionalGroups checks the groups' sizes (193 Member States less
// Kiribati, which sits in none) and that every member is a known country.
func TestUNRegionalGroups(t *testing.T) {
	want := map[string]int{"african": 54, "asia-pacific": 53, "eastern-european": 23, "latin-american-caribbean": 33, "western-european-other": 29}
	s := NewService(nil)
	seen := map[string]string{}
	for g, members := range unRegionalGroups {
		if len(members) != want[g] {
			t.Errorf("%s has %d members, want %d", g, len(members), want[g])
		}
		for _, iso3 := range members {
			if !s.Known(iso3) {
				t.Errorf("%s: unknown %s", g, iso3)
			}
			if other, dup := seen[iso3]; dup {
				t.Errorf("%s in both %s and %s", iso3, other, g)
			}
			seen[iso3] = g
		}
	}
	if len(seen) != 192 {
		t.Errorf("%d States in groups, want 192", len(seen))
	}
}
