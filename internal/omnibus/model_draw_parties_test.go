package omnibus

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/tipsom/tipsom/data"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/treaty"
)

// drawDay is the date the real draws are made as at. The shipped UN Treaty
// Collection tables record the status on data.TreatiesRecordedOn, so the
// parties as at this day are the parties those tables list.
var drawDay = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

// realGroups reads the UN regional groups as geo seeds them.
func realGroups(t *testing.T, places *geo.Service) map[string]string {
	t.Helper()
	ctx := context.Background()
	if err := places.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	un, err := places.Grouping(ctx, "un-regional-groups")
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]string{}
	for _, m := range un.Members {
		groups[m.ISO3] = m.Group
	}
	if len(groups) < 190 {
		t.Fatalf("the UN regional groups place %d States, want all Member States", len(groups))
	}
	return groups
}

// realParties lists the parties to instrument as at drawDay, from the
// shipped status table: an ISO3 for each State, the name of a non-State
// party (the European Union).
func realParties(t *testing.T, instrument string, resolver *treaty.Resolver) []string {
	t.Helper()
	table, err := treaty.Parse(bytes.NewReader(data.Treaties()[instrument]), resolver)
	if err != nil {
		t.Fatalf("status table of %s: %v", instrument, err)
	}
	var parties []string
	for _, a := range table.Actions {
		if a.PartyAt(drawDay) {
			parties = append(parties, a.Participant)
		}
	}
	if len(parties) < 100 {
		t.Fatalf("%s has %d parties as at %s", instrument, len(parties), drawDay.Format(time.DateOnly))
	}
	return parties
}

// TestDrawRealParties draws, with 300 seeds, the review of every party of
// each instrument among its real parties and the real UN regional groups:
// every draw must pass CheckDraw, and with these data every seed succeeds.
func TestDrawRealParties(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		places := geo.NewService(d)
		groups := realGroups(t, places)
		resolver := treaty.NewResolver(places.Countries())
		for _, instrument := range []string{"untoc", "tip-protocol", "som-protocol"} {
			t.Run(instrument, func(t *testing.T) {
				in := DrawInput{Parties: realParties(t, instrument, resolver), Groups: groups}
				skipped := Skipped(in)
				if !slices.Contains(skipped, "European Union") {
					t.Errorf("Skipped = %v, want the European Union among them", skipped)
				}
				drawn, failed := 0, map[string]int{}
				var slowest time.Duration
				for seed := range int64(300) {
					in.Seed = seed
					start := time.Now()
					pairs, err := Draw(in)
					slowest = max(slowest, time.Since(start))
					if err == nil {
						if err := CheckDraw(in, pairs); err != nil {
							t.Fatalf("seed %d: the draw breaks a rule: %v", seed, err)
						}
						if want := len(in.Parties) - len(skipped); len(pairs) != want {
							t.Fatalf("seed %d: %d States reviewed, want %d", seed, len(pairs), want)
						}
						drawn++
						continue
					}
					var de *DrawError
					if !errors.As(err, &de) || de.State == "" {
						t.Fatalf("seed %d: %v, want a *DrawError naming a State", seed, err)
					}
					failed[de.State+" "+de.Reason]++
				}
				t.Logf("%s: %d parties as at %s, %d reviewed; %d of 300 seeds drawn (slowest %v); skipped (no UN regional group): %v",
					instrument, len(in.Parties), drawDay.Format(time.DateOnly), len(in.Parties)-len(skipped), drawn, slowest, skipped)
				if drawn != 300 {
					t.Errorf("%d of 300 seeds failed: %v", 300-drawn, failed)
				}
			})
		}
	})
}
