package authorities

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
)

//go:embed demo/entries.json
var demoFiles embed.FS

// DemoFile is the demo content (demo/entries.json), for a loader to tell
// when it changes.
func DemoFile() []byte {
	b, _ := demoFiles.ReadFile("demo/entries.json")
	return b
}

type demoEntries struct {
	Entries []struct {
		Input
		Country string `json:"country"`
		DaysAgo int    `json:"confirmed_days_ago"`
	} `json:"entries"`
}

// LoadDemo adds the fictional entries of demo/entries.json, each confirmed
// the given number of days before today (some stale, on purpose). An entry
// whose country already lists its name is left alone.
func (s *Service) LoadDemo(ctx context.Context) error {
	var d demoEntries
	if err := json.Unmarshal(DemoFile(), &d); err != nil {
		return fmt.Errorf("demo/entries.json: %w", err)
	}
	by := auth.System("demo")
	for _, e := range d.Entries {
		have, err := s.ForCountry(ctx, by, e.Country)
		if err != nil {
			return err
		}
		exists := false
		for _, a := range have {
			exists = exists || a.Name == e.Name
		}
		if exists {
			continue
		}
		in := e.Input
		in.Country = e.Country
		in.LastConfirmed = s.Today().AddDate(0, 0, -e.DaysAgo).Format(time.DateOnly)
		if _, err := s.Create(ctx, by, in); err != nil {
			return fmt.Errorf("demo authority %s: %w", e.Name, err)
		}
	}
	return nil
}
