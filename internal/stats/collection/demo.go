package collection

import (
	"context"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

type demoRound struct {
	Round struct {
		Name       string   `json:"name"`
		Years      string   `json:"years"`
		Indicators []string `json:"indicators"`
		InDays     int      `json:"deadline_in_days"`
	} `json:"round"`
	Submissions []struct {
		Country    string `json:"country"`
		FocalPoint string `json:"focal_point"`
		FocalName  string `json:"focal_point_name"`
		Submit     bool   `json:"submit"`
		Cells      []struct {
			CellKey
			Value string `json:"value"`
		} `json:"cells"`
		Query *struct {
			Analyst  string `json:"analyst"`
			Cell     string `json:"cell"`
			Question string `json:"question"`
		} `json:"query"`
	} `json:"submissions"`
}

// LoadDemo opens the fictional demo round (demo/round.json) when no round
// of its name exists, with its submissions: each saved and submitted by
// its country's focal point, the queries raised by the analyst. account
// returns the principal of a demo account by email; a submission without
// an account is made by a fictional focal point of its country.
func (s *Service) LoadDemo(ctx context.Context, account func(email string) (*auth.Principal, error)) error {
	var d demoRound
	if err := DemoFiles().JSON("demo/round.json", &d); err != nil {
		return err
	}
	by := auth.System("demo")
	rounds, err := s.Rounds(ctx, by)
	if err != nil {
		return err
	}
	for _, r := range rounds {
		if r.Name == d.Round.Name {
			return nil
		}
	}
	r, err := s.OpenRound(ctx, by, RoundInput{Name: d.Round.Name, Years: d.Round.Years, Indicators: d.Round.Indicators,
		Deadline: s.now().AddDate(0, 0, d.Round.InDays).Format(time.DateOnly)})
	if err != nil {
		return fmt.Errorf("demo round: %w", err)
	}
	for _, sub := range d.Submissions {
		fp := &auth.Principal{Name: sub.FocalName, Email: sub.FocalName, Roles: []auth.Role{auth.RoleFocalPoint}, Country: sub.Country, Method: "session", MFA: true}
		if sub.FocalPoint != "" {
			if fp, err = account(sub.FocalPoint); err != nil {
				return fmt.Errorf("demo round: %s: %w", sub.FocalPoint, err)
			}
		}
		started, err := s.Start(ctx, fp, r.ID)
		if err != nil {
			return fmt.Errorf("demo round: start %s: %w", sub.Country, err)
		}
		cells := make([]DraftCell, len(sub.Cells))
		for i, c := range sub.Cells {
			cells[i] = DraftCell{CellKey: c.CellKey, Text: c.Value}
		}
		if _, err := s.SaveDraft(ctx, fp, started.ID, cells); err != nil {
			return fmt.Errorf("demo round: draft of %s: %w", sub.Country, err)
		}
		if sub.Submit {
			if _, err := s.Submit(ctx, fp, started.ID); err != nil {
				return fmt.Errorf("demo round: submit %s: %w", sub.Country, describeDemo(err))
			}
		}
		if q := sub.Query; q != nil {
			analyst, err := account(q.Analyst)
			if err != nil {
				return fmt.Errorf("demo round: %s: %w", q.Analyst, err)
			}
			if _, err := s.RaiseQuery(ctx, analyst, started.ID, QueryInput{Cell: q.Cell, Question: q.Question}); err != nil {
				return fmt.Errorf("demo round: query to %s: %w", sub.Country, describeDemo(err))
			}
		}
	}
	return nil
}

// describeDemo names the fields of a refusal, for the start-up log.
func describeDemo(err error) error {
	e := errs.As(err)
	if len(e.Fields) == 0 {
		return err
	}
	return fmt.Errorf("%w: %v", err, e.Fields)
}
