package omnibus

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/errs"
)

// Facts is what iso3's submitted self-assessment on instrument says, for
// another room's rules (the Blue Heart's terms of engagement): each
// article's implementation status by its number, and each answered
// choice by question id. A draft says nothing: both maps are empty until
// the State submits. Only these derived facts leave the room, never the
// answers' texts or files.
func (s *Service) Facts(ctx context.Context, iso3, instrument string) (articles, choices map[string]string, err error) {
	articles, choices = map[string]string{}, map[string]string{}
	err = s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		a, err := findAssessment(ctx, tx, iso3, instrument)
		if errs.Is(err, errs.KindNotFound) {
			return nil
		}
		if err != nil || a.Status != AssessmentSubmitted {
			return err
		}
		q := s.Set.Get(a.Questionnaire)
		if q == nil {
			return nil
		}
		answers, err := loadAnswers(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		for _, art := range q.Articles {
			articles[art.Number] = string(ArticleStatus(q, art, answers))
		}
		for id, v := range answers {
			if v.Choice != "" {
				choices[id] = v.Choice
			}
		}
		return nil
	})
	return articles, choices, err
}
