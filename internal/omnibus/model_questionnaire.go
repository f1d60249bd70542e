package omnibus

import (
	"regexp"
	"slices"
)

// Text is a piece of questionnaire text in several languages, keyed by
// language code; English and French are always there.
type Text map[string]string

// In returns the text in lang, or in English when it has none there.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t["en"]
}

// Has reports whether the text exists in lang itself (not by falling back).
func (t Text) Has(lang string) bool { return t[lang] != "" }

// Level is how binding an article's main obligation is.
type Level string

const (
	LevelMandatory     Level = "mandatory"
	LevelShallConsider Level = "shall_consider"
	LevelOptional      Level = "optional"
)

// Levels lists the levels from the most binding.
var Levels = []Level{LevelMandatory, LevelShallConsider, LevelOptional}

// QuestionType is what kind of answer a question takes.
type QuestionType string

const (
	TypeYesNoPartial QuestionType = "yes_no_partial"
	TypeSingle       QuestionType = "single_choice"
	TypeMultiple     QuestionType = "multiple_choice"
	TypeNumber       QuestionType = "number"
	TypeDate         QuestionType = "date"
	TypeText         QuestionType = "text"
	TypeCitation     QuestionType = "citation"
	TypeFile         QuestionType = "file"
	TypeAssistance   QuestionType = "assistance"
)

// QuestionTypes lists every type.
var QuestionTypes = []QuestionType{TypeYesNoPartial, TypeSingle, TypeMultiple, TypeNumber, TypeDate,
	TypeText, TypeCitation, TypeFile, TypeAssistance}

// YesNoPartial are the values of a yes_no_partial answer.
var YesNoPartial = []string{"yes", "partially", "no"}

// AssistanceTypes and Priorities are the values of an assistance answer.
var (
	AssistanceTypes = []string{"legislative", "training", "institutional", "equipment", "coordination", "other"}
	Priorities      = []string{"high", "medium", "low"}
)

// Questionnaire is one instrument's checklist, as its file declares it.
type Questionnaire struct {
	ID         string     `yaml:"id" json:"id"`
	Instrument string     `yaml:"instrument" json:"instrument"`
	Version    int        `yaml:"version" json:"version"`
	Title      Text       `yaml:"title" json:"title"`
	Articles   []*Article `yaml:"articles" json:"articles"`

	file      string
	questions map[string]*Question
}

// Article is one article of the instrument with its questions and the rule
// that turns their answers into a status.
type Article struct {
	Number     string      `yaml:"number" json:"number"`
	Title      Text        `yaml:"title" json:"title"`
	Obligation Text        `yaml:"obligation" json:"obligation"`
	Level      Level       `yaml:"level" json:"level"`
	Questions  []*Question `yaml:"questions" json:"questions"`
	Status     StatusRules `yaml:"status" json:"status"`
}

// Question is one question of an article.
type Question struct {
	ID         string       `yaml:"id" json:"id"`
	Type       QuestionType `yaml:"type" json:"type"`
	Text       Text         `yaml:"text" json:"text"`
	Help       Text         `yaml:"help,omitempty" json:"help,omitempty"`
	Required   bool         `yaml:"required,omitempty" json:"required,omitempty"`
	ShowWhen   *Condition   `yaml:"show_when,omitempty" json:"show_when,omitempty"`
	ImportFrom []string     `yaml:"import_from,omitempty" json:"import_from,omitempty"`
	Options    []Option     `yaml:"options,omitempty" json:"options,omitempty"`
	Min        *float64     `yaml:"min,omitempty" json:"min,omitempty"`
	Max        *float64     `yaml:"max,omitempty" json:"max,omitempty"`

	article *Article
}

// Option is one choice of a choice question.
type Option struct {
	Value string `yaml:"value" json:"value"`
	Label Text   `yaml:"label" json:"label"`
}

// Condition shows a question only when another's answer is one of In.
type Condition struct {
	Question string   `yaml:"question" json:"question"`
	In       []string `yaml:"in" json:"in"`
}

// StatusRules map an article's answers to its implementation status; they
// are tried in the order of Statuses.
type StatusRules struct {
	Implemented          *Rule `yaml:"implemented,omitempty" json:"implemented,omitempty"`
	PartiallyImplemented *Rule `yaml:"partially_implemented,omitempty" json:"partially_implemented,omitempty"`
	NotImplemented       *Rule `yaml:"not_implemented,omitempty" json:"not_implemented,omitempty"`
}

// Rule holds when every (All) or at least one (Any) named question's answer
// is among its values.
type Rule struct {
	All map[string][]string `yaml:"all,omitempty" json:"all,omitempty"`
	Any map[string][]string `yaml:"any,omitempty" json:"any,omitempty"`
}

// Question returns the question with id, or nil.
func (q *Questionnaire) Question(id string) *Question { return q.questions[id] }

// Article returns the article numbered n, or nil.
func (q *Questionnaire) Article(n string) *Article {
	for _, a := range q.Articles {
		if a.Number == n {
			return a
		}
	}
	return nil
}

// QuestionCount is the number of questions over every article.
func (q *Questionnaire) QuestionCount() int { return len(q.questions) }

// Article is the article the question belongs to.
func (q *Question) Article() *Article { return q.article }

// Values are the answers a choice question accepts (nil for other types).
func (q *Question) Values() []string {
	switch q.Type {
	case TypeYesNoPartial:
		return YesNoPartial
	case TypeSingle, TypeMultiple:
		out := make([]string, len(q.Options))
		for i, o := range q.Options {
			out[i] = o.Value
		}
		return out
	}
	return nil
}

// Choice reports whether the question's answer is one or more option values.
func (q *Question) Choice() bool {
	return q.Type == TypeYesNoPartial || q.Type == TypeSingle || q.Type == TypeMultiple
}

// OptionLabel is the label of the option value in lang, for choice
// questions; yes/no/partially and unknown values have catalogue labels.
func (q *Question) OptionLabel(value, lang string) string {
	for _, o := range q.Options {
		if o.Value == value {
			return o.Label.In(lang)
		}
	}
	return ""
}

var (
	idPattern     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	numberPattern = regexp.MustCompile(`^[0-9]+[a-z]?$`)
)

func validLevel(l Level) bool       { return slices.Contains(Levels, l) }
func validType(t QuestionType) bool { return slices.Contains(QuestionTypes, t) }
func ruleType(t QuestionType) bool  { return t == TypeYesNoPartial || t == TypeSingle }
func conditionType(t QuestionType) bool {
	return t == TypeYesNoPartial || t == TypeSingle || t == TypeMultiple
}
func requiredLangs() []string { return []string{"en", "fr"} }
