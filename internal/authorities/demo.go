package authorities

import (
	"context"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
)

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
	if err := DemoFiles().JSON("demo/entries.json", &d); err != nil {
		return err
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
