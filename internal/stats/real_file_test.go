package stats_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/geo"
)

// realFile is UNODC's published GLOTIP file: skipped when it is absent,
// failed when CI=true.
func realFile(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../../shared/data/glotip/data_glotip.xlsx")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the real GLOTIP file is required in CI: %v", err)
		}
		t.Skipf("the real GLOTIP file is absent (../../../shared/data/glotip/data_glotip.xlsx): %v", err)
	}
	return b
}

// worldBankPopulation converts the World Bank's layout (Country Name,
// Country Code, Year, Value; aggregates such as "Arab World" among the
// countries) to the importer's iso3,year,population, keeping the codes
// tipsom knows. The importer of that layout is another room's work.
func worldBankPopulation(t *testing.T, known func(string) bool) []geo.Population {
	t.Helper()
	f, err := os.Open("../../../shared/data/population/population.csv")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("population file absent: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.WriteString("iso3,year,population\n")
	for _, r := range rows[1:] {
		n := len(r)
		if n < 3 || !known(r[n-3]) || strings.TrimSpace(r[n-1]) == "" {
			continue
		}
		buf.WriteString(r[n-3] + "," + r[n-2] + "," + r[n-1] + "\n")
	}
	pop, err := geo.ParsePopulation(&buf, known, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return pop
}

// eachReal runs fn on every engine with the app started with the real file imported (its findings
// accepted, its conflicts queued) and, when asked, the population.
func eachReal(t *testing.T, fn func(t *testing.T, srv *apptest.Server), population bool) {
	t.Helper()
	data := realFile(t)
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		importFile(t, srv.App.Rooms.Stats, "data_glotip.xlsx", data)
		if population {
			g := srv.App.Rooms.Geo
			if _, err := g.ImportPopulation(ctx, analyst, worldBankPopulation(t, g.Known), "World Bank"); err != nil {
				t.Fatal(err)
			}
		}
		fn(t, srv)
	})
}
