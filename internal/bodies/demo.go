package bodies

import (
	"context"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
)

type demoBodies struct {
	Bodies []struct {
		Slug   string `json:"slug"`
		Chairs []struct {
			Org    string `json:"org"`
			Holder string `json:"holder"`
			From   int    `json:"from_days"`
			To     int    `json:"to_days"`
		} `json:"chairs"`
		Meetings []struct {
			Title  string `json:"title"`
			InDays int    `json:"in_days"`
			Place  string `json:"place"`
			Agenda string `json:"agenda"`
		} `json:"meetings"`
	} `json:"bodies"`
}

// LoadDemo adds the fictional chairs and upcoming meetings of
// demo/meetings.json to the seeded bodies, dated from today. A meeting of
// the same title, or a chair already held by the organisation, is left
// alone, so a second run changes nothing.
func (s *Service) LoadDemo(ctx context.Context, today time.Time) error {
	var d demoBodies
	if err := DemoFiles().JSON("demo/meetings.json", &d); err != nil {
		return err
	}
	by := auth.System("demo")
	day := func(n int) string { return today.AddDate(0, 0, n).Format(time.DateOnly) }
	for _, body := range d.Bodies {
		b, err := s.Get(ctx, body.Slug)
		if err != nil {
			return fmt.Errorf("demo body %s: %w", body.Slug, err)
		}
		for _, c := range body.Chairs {
			var orgID int64
			held := false
			for _, m := range b.Members {
				if m.Org.Acronym == c.Org {
					orgID = m.Org.ID
				}
			}
			for _, ch := range b.Chairs {
				held = held || ch.Org.Acronym == c.Org
			}
			if orgID == 0 || held {
				continue
			}
			if _, err := s.AddChair(ctx, by, body.Slug, ChairInput{OrgID: orgID, Holder: c.Holder, From: day(c.From), To: day(c.To)}); err != nil {
				return fmt.Errorf("demo chair of %s: %w", body.Slug, err)
			}
		}
		for _, m := range body.Meetings {
			exists := false
			for _, have := range b.Meetings {
				exists = exists || have.Title == m.Title
			}
			if exists {
				continue
			}
			if _, err := s.AddMeeting(ctx, by, body.Slug, MeetingInput{Title: m.Title, Date: day(m.InDays), Place: m.Place, Agenda: m.Agenda}); err != nil {
				return fmt.Errorf("demo meeting of %s: %w", body.Slug, err)
			}
		}
	}
	return nil
}
