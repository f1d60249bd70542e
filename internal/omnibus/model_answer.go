package omnibus

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
)

// Limits on what one answer may hold.
const (
	maxTextRunes  = 10_000
	maxShortRunes = 500
)

// Value is one answer, in the shape of its question's type; only the
// fields of that type are set. It is stored as JSON.
type Value struct {
	Choice     string      `json:"choice,omitempty"`  // yes_no_partial, single_choice
	Choices    []string    `json:"choices,omitempty"` // multiple_choice
	Number     *float64    `json:"number,omitempty"`
	Date       string      `json:"date,omitempty"`
	Text       string      `json:"text,omitempty"`
	Citation   *Citation   `json:"citation,omitempty"`
	Files      []int64     `json:"files,omitempty"` // file: ids of the assessment's files
	Assistance *Assistance `json:"assistance,omitempty"`
}

// Citation names the law that implements an article.
type Citation struct {
	Title   string `json:"title"`
	Article string `json:"article,omitempty"`
	Year    int    `json:"year,omitempty"`
	Link    string `json:"link,omitempty"`
	Record  string `json:"record,omitempty"` // a tipsom case law or legislation record ("caselaw:12")
}

// Assistance is the technical assistance a State says it needs.
type Assistance struct {
	Type        string `json:"type"`
	Priority    string `json:"priority"`
	Description string `json:"description,omitempty"`
}

// Empty reports whether the value holds no answer.
func (v Value) Empty() bool {
	return v.Choice == "" && len(v.Choices) == 0 && v.Number == nil && v.Date == "" && strings.TrimSpace(v.Text) == "" &&
		v.Citation == nil && len(v.Files) == 0 && v.Assistance == nil
}

// Answers are an assessment's answers by question id.
type Answers map[string]Value

// FieldName is the form field of question id (and the prefix of its parts).
func FieldName(id string) string { return "q." + id }

// ParseAnswer reads question q's answer from a form: the field
// FieldName(q.ID), or its parts (".title", ".type", …). An empty answer
// comes back Empty; a bad one as a field error on the field that is wrong.
func ParseAnswer(q *Question, f url.Values) (Value, error) {
	name := FieldName(q.ID)
	get := func(part string) string { return strings.TrimSpace(f.Get(name + part)) }
	var v Value
	bad := func(field, key string, args ...any) (Value, error) {
		return Value{}, errs.Invalid().Field(field, key, args...)
	}
	switch q.Type {
	case TypeYesNoPartial, TypeSingle:
		v.Choice = get("")
		if v.Choice != "" && !slices.Contains(q.Values(), v.Choice) {
			return bad(name, "err.omnibus_bad_choice")
		}
	case TypeMultiple:
		for _, c := range f[name] {
			if c = strings.TrimSpace(c); c == "" {
				continue
			}
			if !slices.Contains(q.Values(), c) {
				return bad(name, "err.omnibus_bad_choice")
			}
			if !slices.Contains(v.Choices, c) {
				v.Choices = append(v.Choices, c)
			}
		}
	case TypeNumber:
		if s := get(""); s != "" {
			n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
			if err != nil {
				return bad(name, "err.omnibus_bad_number")
			}
			if (q.Min != nil && n < *q.Min) || (q.Max != nil && n > *q.Max) {
				return bad(name, "err.omnibus_number_range", "Min", fmtBound(q.Min), "Max", fmtBound(q.Max))
			}
			v.Number = &n
		}
	case TypeDate:
		if s := get(""); s != "" {
			if _, err := time.Parse(time.DateOnly, s); err != nil {
				return bad(name, "err.omnibus_bad_date")
			}
			v.Date = s
		}
	case TypeText:
		v.Text = get("")
		if len([]rune(v.Text)) > maxTextRunes {
			return bad(name, "err.omnibus_too_long", "Max", maxTextRunes)
		}
	case TypeCitation:
		c := Citation{Title: get(".title"), Article: get(".article"), Link: get(".link"), Record: get(".record")}
		if y := get(".year"); y != "" {
			n, err := strconv.Atoi(y)
			if err != nil || n < 1800 || n > 2100 {
				return bad(name+".year", "err.omnibus_bad_year")
			}
			c.Year = n
		}
		if c == (Citation{}) {
			break
		}
		if c.Title == "" {
			return bad(name+".title", "err.required")
		}
		for part, s := range map[string]string{".title": c.Title, ".article": c.Article, ".link": c.Link, ".record": c.Record} {
			if len([]rune(s)) > maxShortRunes {
				return bad(name+part, "err.omnibus_too_long", "Max", maxShortRunes)
			}
		}
		if c.Link != "" && !webLink(c.Link) {
			return bad(name+".link", "err.omnibus_bad_link")
		}
		v.Citation = &c
	case TypeAssistance:
		a := Assistance{Type: get(".type"), Priority: get(".priority"), Description: get(".description")}
		if a == (Assistance{}) {
			break
		}
		if !slices.Contains(AssistanceTypes, a.Type) {
			return bad(name+".type", "err.omnibus_bad_choice")
		}
		if !slices.Contains(Priorities, a.Priority) {
			return bad(name+".priority", "err.omnibus_bad_choice")
		}
		if len([]rune(a.Description)) > maxTextRunes {
			return bad(name+".description", "err.omnibus_too_long", "Max", maxTextRunes)
		}
		v.Assistance = &a
	case TypeFile:
		// Files come through the upload form; the answer lists their ids.
	}
	return v, nil
}

func fmtBound(b *float64) string {
	if b == nil {
		return "—"
	}
	return strconv.FormatFloat(*b, 'f', -1, 64)
}

// webLink reports whether s is an http(s) address.
func webLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Visible reports whether question q is shown given the answers: it has no
// condition, or the question it depends on is itself visible and answered
// with one of the condition's values.
func Visible(qn *Questionnaire, q *Question, a Answers) bool {
	for depth := 0; q != nil && q.ShowWhen != nil && depth < 64; depth++ {
		v := a[q.ShowWhen.Question]
		hit := slices.Contains(q.ShowWhen.In, v.Choice)
		for _, c := range v.Choices {
			hit = hit || slices.Contains(q.ShowWhen.In, c)
		}
		if !hit {
			return false
		}
		q = qn.Question(q.ShowWhen.Question)
	}
	return true
}

// Status is an article's implementation status.
type Status string

const (
	StatusImplemented    Status = "implemented"
	StatusPartially      Status = "partially_implemented"
	StatusNotImplemented Status = "not_implemented"
	StatusNotKnown       Status = "not_known"
)

// Statuses lists the statuses from the best; the rules are tried in this order.
var Statuses = []Status{StatusImplemented, StatusPartially, StatusNotImplemented, StatusNotKnown}

// ArticleStatus applies the article's rules to the answers: the first rule
// that holds gives the status; none holding (or a named question without
// a visible answer) is not known.
func ArticleStatus(qn *Questionnaire, art *Article, a Answers) Status {
	for _, x := range []struct {
		s Status
		r *Rule
	}{{StatusImplemented, art.Status.Implemented}, {StatusPartially, art.Status.PartiallyImplemented},
		{StatusNotImplemented, art.Status.NotImplemented}} {
		if x.r != nil && x.r.holds(qn, a) {
			return x.s
		}
	}
	return StatusNotKnown
}

func (r *Rule) holds(qn *Questionnaire, a Answers) bool {
	answer := func(id string) (string, bool) {
		q := qn.Question(id)
		v, ok := a[id]
		if !ok || q == nil || !Visible(qn, q, a) || v.Choice == "" {
			return "", false
		}
		return v.Choice, true
	}
	for id, vals := range r.All {
		v, ok := answer(id)
		if !ok || !slices.Contains(vals, v) {
			return false
		}
	}
	if len(r.Any) == 0 {
		return len(r.All) > 0
	}
	for id, vals := range r.Any {
		if v, ok := answer(id); ok && slices.Contains(vals, v) {
			return true
		}
	}
	return false
}

// Progress is how far an article (or a whole assessment) is answered:
// questions shown, of them answered, required ones still open.
type Progress struct {
	Shown, Answered, RequiredOpen int
}

// Add sums progress.
func (p Progress) Add(o Progress) Progress {
	return Progress{p.Shown + o.Shown, p.Answered + o.Answered, p.RequiredOpen + o.RequiredOpen}
}

// Percent is the share of shown questions answered, 0–100.
func (p Progress) Percent() int {
	if p.Shown == 0 {
		return 0
	}
	return p.Answered * 100 / p.Shown
}

// Complete reports whether every required shown question is answered.
func (p Progress) Complete() bool { return p.RequiredOpen == 0 }

// ArticleProgress counts the article's shown and answered questions.
func ArticleProgress(qn *Questionnaire, art *Article, a Answers) Progress {
	var p Progress
	for _, q := range art.Questions {
		if !Visible(qn, q, a) {
			continue
		}
		p.Shown++
		if v, ok := a[q.ID]; ok && !v.Empty() {
			p.Answered++
		} else if q.Required {
			p.RequiredOpen++
		}
	}
	return p
}

// Need is one assistance need of an assessment, for the gap analysis and
// the programmes capability.
type Need struct {
	Article    string      `json:"article"`
	Question   string      `json:"question"`
	Assistance *Assistance `json:"assistance"`
}

// Needs lists the visible assistance answers, in questionnaire order.
func Needs(qn *Questionnaire, a Answers) []Need {
	var out []Need
	for _, art := range qn.Articles {
		for _, q := range art.Questions {
			if v, ok := a[q.ID]; ok && q.Type == TypeAssistance && v.Assistance != nil && Visible(qn, q, a) {
				out = append(out, Need{Article: art.Number, Question: q.ID, Assistance: v.Assistance})
			}
		}
	}
	return out
}

// Importable returns, for the questions of qn without an answer, the
// answers given to the questions they import from in others (other
// instruments' assessments of the same State): what "import" would copy.
func Importable(qn *Questionnaire, a Answers, others map[string]Value) Answers {
	out := Answers{}
	for _, art := range qn.Articles {
		for _, q := range art.Questions {
			if v, ok := a[q.ID]; (ok && !v.Empty()) || q.Type == TypeFile {
				continue
			}
			for _, src := range q.ImportFrom {
				if v, ok := others[src]; ok && !v.Empty() {
					out[q.ID] = v
					break
				}
			}
		}
	}
	return out
}
