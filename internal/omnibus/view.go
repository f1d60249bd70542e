package omnibus

import (
	"slices"
	"strconv"

	"github.com/tipsom/tipsom/internal/web"
)

// QuestionView is one question as the answering and reading pages show it.
type QuestionView struct {
	Q        *Question
	Visible  bool
	Value    Value
	Answered bool
	Files    []*File
	Comments []*Comment
}

// Has reports whether the answer holds choice c (for checkboxes and radios).
func (v QuestionView) Has(c string) bool {
	return v.Value.Choice == c || slices.Contains(v.Value.Choices, c)
}

// NumberText is the number answer as the form shows it.
func (v QuestionView) NumberText() string {
	if v.Value.Number == nil {
		return ""
	}
	return strconv.FormatFloat(*v.Value.Number, 'f', -1, 64)
}

// YearText is the citation's year as the form shows it.
func (v QuestionView) YearText() string {
	if v.Value.Citation == nil || v.Value.Citation.Year == 0 {
		return ""
	}
	return strconv.Itoa(v.Value.Citation.Year)
}

// ArticleView is one article with its questions, status and progress.
type ArticleView struct {
	A         *Article
	Status    Status
	Progress  Progress
	Questions []QuestionView
}

// articleView shapes one article of a sheet; comments by question when the
// page shows a review.
func articleView(sh *Sheet, art *Article, comments map[string][]*Comment) ArticleView {
	q := sh.Questionnaire
	av := ArticleView{A: art, Status: ArticleStatus(q, art, sh.Answers), Progress: ArticleProgress(q, art, sh.Answers)}
	for _, qu := range art.Questions {
		v, ok := sh.Answers[qu.ID]
		qv := QuestionView{Q: qu, Visible: Visible(q, qu, sh.Answers), Value: v, Answered: ok && !v.Empty(),
			Comments: comments[qu.ID]}
		for _, f := range sh.Files {
			if f.Question == qu.ID {
				qv.Files = append(qv.Files, f)
			}
		}
		av.Questions = append(av.Questions, qv)
	}
	return av
}

// articleViews shapes every article of a sheet.
func articleViews(sh *Sheet, comments map[string][]*Comment) []ArticleView {
	var out []ArticleView
	for _, art := range sh.Questionnaire.Articles {
		out = append(out, articleView(sh, art, comments))
	}
	return out
}

// totalProgress sums the articles' progress.
func totalProgress(avs []ArticleView) Progress {
	var p Progress
	for _, a := range avs {
		p = p.Add(a.Progress)
	}
	return p
}

// StatusClass is the CSS class of a status cell in the heat map.
func StatusClass(s Status) string { return "st-" + string(s) }

// Show renders the answer as text in the localiser's language.
func (v QuestionView) Show(l *web.Localizer, files []*File) string {
	return AnswerText(v.Q, v.Value, files, l.Lang.Code, l.T)
}
