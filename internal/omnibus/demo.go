package omnibus

import (
	"context"
	"fmt"
	"net/url"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

type demoAssessment struct {
	Country       string                         `json:"country"`
	Questionnaire string                         `json:"questionnaire"`
	Submit        bool                           `json:"submit"`
	Articles      map[string]map[string][]string `json:"articles"`
	Files         []struct {
		Question, Name, Text string
	} `json:"files"`
}

type demoContent struct {
	Assessments []demoAssessment `json:"assessments"`
	Cycle       struct {
		Instrument      string `json:"instrument"`
		Name            string `json:"name"`
		Seed            int64  `json:"seed"`
		StartsMonthsAgo int    `json:"starts_months_ago"`
	} `json:"cycle"`
	Members []struct {
		Email, Country string
		Role           MemberRole
	} `json:"members"`
	Comments []struct {
		Country, Question, Body string
	} `json:"comments"`
	Observations []struct {
		Country, Article, Body string
		Kind                   ObservationKind
	} `json:"observations"`
}

// LoadDemo writes the room's fictional demo content through the service,
// as its users would: the demo focal point's State's Trafficking in Persons
// Protocol self-assessment, half answered with two assistance needs; the
// French demo focal point's, submitted; a review cycle drawn from the real
// parties, in its feedback phase, with the demo reviewer assigned to both
// and its comments and observations on the submitted one; a second run finds the assessment and the cycle and changes
// nothing.
func (s *Service) LoadDemo(ctx context.Context) error {
	var c demoContent
	if err := DemoFiles().JSON("demo/omnibus.json", &c); err != nil {
		return fmt.Errorf("omnibus demo: %w", err)
	}
	by := auth.System("demo")
	for _, a := range c.Assessments {
		if err := s.demoAssessment(ctx, by, a); err != nil {
			return fmt.Errorf("omnibus demo assessment of %s: %w", a.Country, err)
		}
	}
	return s.demoCycle(ctx, by, &c)
}

func (s *Service) demoAssessment(ctx context.Context, by *auth.Principal, in demoAssessment) error {
	a, err := s.start(ctx, by, in.Country, in.Questionnaire, true)
	if errs.Is(err, errs.KindConflict) {
		return nil // loaded before
	}
	if err != nil {
		return err
	}
	for _, number := range sortedKeys(in.Articles) {
		if _, err := s.SaveArticle(ctx, by, a.ID, number, url.Values(in.Articles[number])); err != nil {
			return fmt.Errorf("article %s: %w", number, err)
		}
	}
	for _, f := range in.Files {
		if _, err := s.Attach(ctx, by, a.ID, f.Question, f.Name, []byte(f.Text)); err != nil {
			return fmt.Errorf("file %s: %w", f.Name, err)
		}
	}
	if in.Submit {
		_, err = s.Submit(ctx, by, a.ID)
	}
	return err
}

func (s *Service) demoCycle(ctx context.Context, by *auth.Principal, c *demoContent) error {
	cycles, err := s.Cycles(ctx)
	if err != nil {
		return err
	}
	for _, have := range cycles {
		if have.Instrument == c.Cycle.Instrument && have.Name == c.Cycle.Name {
			return nil
		}
	}
	starts := s.Today().AddDate(0, -c.Cycle.StartsMonthsAgo, 0)
	starts = starts.AddDate(0, 0, 1-starts.Day()) // the first of the month
	cy, err := s.commitDraw(ctx, by, DrawRequest{Instrument: c.Cycle.Instrument, Cycle: c.Cycle.Name, Seed: c.Cycle.Seed,
		AsOf: starts, StartsOn: starts}, true)
	if err != nil {
		return err
	}
	reviewOf := map[string]int64{}
	for _, r := range cy.Reviews {
		reviewOf[r.Country] = r.ID
	}
	for _, m := range c.Members {
		id, ok := reviewOf[m.Country]
		if !ok {
			return fmt.Errorf("member %s: %s is not under review", m.Email, m.Country)
		}
		if _, err := s.Assign(ctx, by, id, m.Email, m.Role); err != nil {
			return fmt.Errorf("member %s: %w", m.Email, err)
		}
	}
	expert, err := s.demoExpert(ctx, c.Members[0].Email)
	if err != nil {
		return err
	}
	for _, cm := range c.Comments {
		if _, err := s.Comment(ctx, expert, reviewOf[cm.Country], cm.Question, cm.Body); err != nil {
			return fmt.Errorf("comment on %s: %w", cm.Question, err)
		}
	}
	for _, o := range c.Observations {
		if _, err := s.AddObservation(ctx, expert, reviewOf[o.Country], o.Kind, o.Article, o.Body); err != nil {
			return fmt.Errorf("observation on %s: %w", o.Article, err)
		}
	}
	return nil
}

// demoExpert is the demo reviewer as a principal, for the comments and
// observations it writes as it would signed in.
func (s *Service) demoExpert(ctx context.Context, email string) (*auth.Principal, error) {
	u, err := s.Accounts.UserByEmail(ctx, auth.System("demo"), email)
	if err != nil {
		return nil, err
	}
	return &auth.Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Roles: u.Roles, Method: "demo"}, nil
}
