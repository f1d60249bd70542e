package omnibus

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// ArticleGap is one article's status in a State's self-assessment.
type ArticleGap struct {
	Article  string   `json:"article"`
	Level    Level    `json:"level"`
	Status   Status   `json:"status"`
	Progress Progress `json:"-"`
}

// Gaps is the gap analysis of one State's self-assessment of an
// instrument: status per article, counts per status, assistance needs.
type Gaps struct {
	Country       string         `json:"country"`
	Instrument    string         `json:"instrument"`
	Questionnaire string         `json:"questionnaire"`
	Version       int            `json:"version"`
	Status        string         `json:"assessment_status"`
	Articles      []ArticleGap   `json:"articles"`
	Counts        map[Status]int `json:"counts"`
	Needs         []Need         `json:"assistance_needs"`
	Demo          bool           `json:"demo"`
}

// Count is how many articles have status s (a string, for templates).
func (g *Gaps) Count(s string) int { return g.Counts[Status(s)] }

// GapsOf computes the gap analysis of a sheet.
func GapsOf(sh *Sheet) *Gaps {
	q, a := sh.Questionnaire, sh.Assessment
	g := &Gaps{Country: a.Country, Instrument: a.Instrument, Questionnaire: q.ID, Version: a.Version,
		Status: string(a.Status), Counts: map[Status]int{}, Needs: Needs(q, sh.Answers), Demo: a.Demo}
	for _, s := range Statuses {
		g.Counts[s] = 0
	}
	for _, art := range q.Articles {
		st := ArticleStatus(q, art, sh.Answers)
		g.Articles = append(g.Articles, ArticleGap{Article: art.Number, Level: art.Level, Status: st,
			Progress: ArticleProgress(q, art, sh.Answers)})
		g.Counts[st]++
	}
	if g.Needs == nil {
		g.Needs = []Need{}
	}
	return g
}

// Gaps returns the gap analysis of iso3's self-assessment of instrument,
// to whoever may read the assessment.
func (s *Service) Gaps(ctx context.Context, by *auth.Principal, iso3, instrument string) (*Gaps, error) {
	if err := auth.Require(by, readersOfAssessments...); err != nil {
		return nil, err
	}
	sh, err := db.Read(ctx, s.DB, func(tx *sql.Tx) (*Sheet, error) {
		a, err := findAssessment(ctx, tx, iso3, instrument)
		if err != nil {
			return nil, err
		}
		if a, err = readable(ctx, tx, by, a.ID); err != nil {
			return nil, err
		}
		return s.sheet(ctx, tx, by, a)
	})
	if err != nil {
		return nil, err
	}
	return GapsOf(sh), nil
}

// Overview is the regional view of one instrument: the status of each
// article in each State that has an assessment, and the count of States
// per status per article.
type Overview struct {
	Questionnaire *Questionnaire
	Rows          []*Gaps                   // one per State, by country code
	Counts        map[string]map[Status]int // article → status → States
	Drafts        int                       // rows whose assessment is not submitted
}

// Overview builds the regional view of instrument over the countries for
// which keep returns true (nil: all): the secretariat only.
func (s *Service) Overview(ctx context.Context, by *auth.Principal, instrument string, keep func(iso3 string) bool) (*Overview, error) {
	if err := auth.Require(by, auth.Analysts...); err != nil {
		return nil, err
	}
	q := s.Set.ForInstrument(instrument)
	if q == nil {
		return nil, errs.NotFound()
	}
	o := &Overview{Questionnaire: q, Counts: map[string]map[Status]int{}}
	for _, art := range q.Articles {
		o.Counts[art.Number] = map[Status]int{}
	}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		all, err := listAssessments(ctx, tx, "")
		if err != nil {
			return err
		}
		for _, a := range all {
			if a.Instrument != instrument || (keep != nil && !keep(a.Country)) {
				continue
			}
			sh, err := s.sheet(ctx, tx, by, a)
			if err != nil {
				return err
			}
			g := GapsOf(sh)
			o.Rows = append(o.Rows, g)
			if a.Status != AssessmentSubmitted {
				o.Drafts++
			}
			for _, ag := range g.Articles {
				o.Counts[ag.Article][ag.Status]++
			}
		}
		return nil
	})
	return o, err
}

// Busiest is the questionnaire with the most assessments the reader may see, the
// regional view's default (the first questionnaire when there are none).
func (s *Service) Busiest(ctx context.Context, by *auth.Principal) *Questionnaire {
	best, most := s.Set.All()[0], 0
	as, err := s.Assessments(ctx, by)
	if err != nil {
		return best
	}
	n := map[string]int{}
	for _, a := range as {
		n[a.Questionnaire]++
	}
	for _, q := range s.Set.All() {
		if n[q.ID] > most {
			best, most = q, n[q.ID]
		}
	}
	return best
}
