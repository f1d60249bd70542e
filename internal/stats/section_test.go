package stats_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
)

// TestCountrySection: the country profile shows the latest figures, the
// sex and age profile and a link to the explorer.
func TestCountrySection(t *testing.T) {
	eachWithData(t, func(t *testing.T, srv *apptest.Server) {
		res, body := get(t, srv, "/countries/NGA")
		if res.StatusCode != 200 {
			t.Fatalf("profile: %d", res.StatusCode)
		}
		rows := pageTable(t, body, "stats-profile-table")
		// Nigeria 2021: women 641, men 61, girls 585, boys 183.
		if rows[1][0] != "Women" || rows[1][1] != "641" || rows[1][2] != "43.6" || rows[len(rows)-1][1] != "1,470" {
			t.Errorf("profile table: %v", rows)
		}
		for _, want := range []string{`id="stats"`, `id="stats-explore-country" href="/stats/explore?country=NGA&amp;from=2012&amp;to=2021&amp;view=line"`} {
			if !strings.Contains(body, want) {
				t.Errorf("profile lacks %q", want)
			}
		}
		_, body = get(t, srv, "/api/v1/countries/NGA")
		var p countryProfile
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatal(err)
		}
		l := p.Sections.Stats.Latest
		if len(l) != 2 || l[0].Indicator != "detected_victims" || l[0].Year != 2021 || l[0].Value == nil || *l[0].Value != 1470 {
			t.Errorf("latest: %+v", l)
		}
		// A country without figures has no section.
		if _, body = get(t, srv, "/countries/ISL"); strings.Contains(body, `id="stats"`) {
			t.Error("Iceland has a statistics section without figures")
		}
	}, "sample")
}
