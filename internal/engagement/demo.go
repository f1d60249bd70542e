package engagement

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/auth"
)

type demoApplication struct {
	Kind     Kind
	Country  string
	Name     string
	AdoptOn  string `json:"adopt_on"`
	Scope    string
	Links    []string
	Evidence map[string]string
}

type demoCampaign struct {
	Adopter, Title, Audience string
	Channels                 []string
	Countries                []string
	Languages                []string
	StartsOn                 string `json:"starts_on"`
	EndsOn                   string `json:"ends_on"`
	Messages                 []string
	Measures                 []struct {
		Name, Unit, Better string
		Baseline           float64
		FollowUp           float64 `json:"follow_up"`
		SampleSize         int     `json:"sample_size"`
		Source             string
	}
}

type demoContent struct {
	Adopters  []demoApplication
	Pending   demoApplication
	Campaigns []demoCampaign
}

func (d demoApplication) input() Input {
	in := Input{Kind: d.Kind, Country: d.Country, Name: d.Name, AdoptOn: d.AdoptOn, Scope: d.Scope, Links: d.Links, Evidence: d.Evidence}
	if in.Evidence == nil {
		in.Evidence = map[string]string{}
	}
	return in
}

// LoadDemo writes the room's fictional demo content through the service,
// as the applicants and the advocacy staff would: six States, four
// businesses and four civil society organisations listed as adopters
// (each applied with evidence the staff accepted), Senegal's application
// waiting for a decision with its criteria partly met, and three awareness
// campaigns, two of them evaluated. A second run finds the demo
// applications and changes nothing.
func (s *Service) LoadDemo(ctx context.Context) error {
	var c demoContent
	if err := DemoFiles().JSON("demo/engagement.json", &c); err != nil {
		return fmt.Errorf("blue heart demo: %w", err)
	}
	sys := auth.System("demo")
	have, err := s.Applications(ctx, sys)
	if err != nil {
		return err
	}
	for _, a := range have {
		if a.Demo {
			return nil
		}
	}
	byName := map[string]int64{}
	for _, d := range c.Adopters {
		in := d.input()
		var accept []string
		for _, cr := range Terms[d.Kind] {
			in.Evidence[cr.Key] = "Evidence handed in with the application (fictional demo record)."
			accept = append(accept, cr.Key)
		}
		a, err := s.apply(ctx, sys, in, true)
		if err != nil {
			return fmt.Errorf("demo adopter %s: %w", d.Name, err)
		}
		dec, err := s.Decide(ctx, sys, a.ID, Decision{Approve: true, Reason: "The terms of engagement are met (fictional demo decision).", Accept: accept})
		if err != nil {
			return fmt.Errorf("demo adopter %s: decide: %w", d.Name, err)
		}
		byName[d.Name] = dec.Adopter.ID
	}
	if _, err := s.apply(ctx, sys, c.Pending.input(), true); err != nil {
		return fmt.Errorf("demo application: %w", err)
	}
	for _, dc := range c.Campaigns {
		in := CampaignInput{AdopterID: byName[dc.Adopter], Title: dc.Title, Audience: dc.Audience, Channels: dc.Channels,
			Countries: dc.Countries, Languages: dc.Languages, StartsOn: dc.StartsOn, EndsOn: dc.EndsOn}
		for _, m := range dc.Messages {
			in.Messages += m + "\n"
		}
		cp, err := s.createCampaign(ctx, sys, in, true)
		if err != nil {
			return fmt.Errorf("demo campaign %s: %w", dc.Title, err)
		}
		for _, m := range dc.Measures {
			if _, err := s.AddMeasure(ctx, sys, cp.ID, Measure{Name: m.Name, Unit: m.Unit, Better: m.Better, Baseline: m.Baseline,
				FollowUp: m.FollowUp, SampleSize: m.SampleSize, Source: m.Source}); err != nil {
				return fmt.Errorf("demo campaign %s: measure: %w", dc.Title, err)
			}
		}
	}
	return nil
}
