package omnibus

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tipsom/tipsom/internal/web"
)

// Problem is one broken rule of a questionnaire file, at the path of the
// value that breaks it ("articles[2].questions[0].show_when.question").
type Problem struct {
	Path    string
	Message string
}

// problems collects a file's problems.
type problems []Problem

func (p *problems) add(path, format string, args ...any) {
	*p = append(*p, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// validate checks one questionnaire by itself and links its questions to
// their articles; cross-file rules (ids unique everywhere, import_from)
// are checked by validateSet.
func (q *Questionnaire) validate(file string) problems {
	var p problems
	q.file = file
	q.questions = map[string]*Question{}
	if !idPattern.MatchString(q.ID) {
		p.add("id", "%q is not an id (lower case letters, digits and dashes)", q.ID)
	} else if want := strings.TrimSuffix(file, ".yaml"); q.ID != want {
		p.add("id", "%q should be %q, the file's name", q.ID, want)
	}
	if q.Instrument == "" {
		p.add("instrument", "missing")
	}
	if q.Version < 1 {
		p.add("version", "must be a positive integer")
	}
	checkText(&p, "title", q.Title)
	if len(q.Articles) == 0 {
		p.add("articles", "a questionnaire needs at least one article")
	}
	numbers := map[string]bool{}
	for i, a := range q.Articles {
		path := fmt.Sprintf("articles[%d]", i)
		if a == nil {
			p.add(path, "an empty article")
			continue
		}
		if !numberPattern.MatchString(a.Number) {
			p.add(path+".number", "%q is not an article number", a.Number)
		} else if numbers[a.Number] {
			p.add(path+".number", "article %s appears twice", a.Number)
		}
		numbers[a.Number] = true
		checkText(&p, path+".title", a.Title)
		checkText(&p, path+".obligation", a.Obligation)
		if !validLevel(a.Level) {
			p.add(path+".level", "%q is not one of %s", a.Level, joinLevels())
		}
		if len(a.Questions) == 0 {
			p.add(path+".questions", "an article needs at least one question")
		}
		for j, qu := range a.Questions {
			qp := fmt.Sprintf("%s.questions[%d]", path, j)
			if qu == nil {
				p.add(qp, "an empty question")
				continue
			}
			q.validateQuestion(&p, qp, a, qu)
		}
		q.validateRules(&p, path+".status", a)
	}
	return p
}

func (q *Questionnaire) validateQuestion(p *problems, path string, a *Article, qu *Question) {
	qu.article = a
	switch {
	case !idPattern.MatchString(qu.ID):
		p.add(path+".id", "%q is not an id", qu.ID)
	case !strings.HasPrefix(qu.ID, idPrefix(q.ID)+"-"+strings.ToLower(a.Number)+"-"):
		p.add(path+".id", "%q should start with %q", qu.ID, idPrefix(q.ID)+"-"+strings.ToLower(a.Number)+"-")
	case q.questions[qu.ID] != nil:
		p.add(path+".id", "question %s appears twice", qu.ID)
	}
	if !validType(qu.Type) {
		p.add(path+".type", "%q is not a question type", qu.Type)
	}
	checkText(p, path+".text", qu.Text)
	if len(qu.Help) > 0 {
		checkText(p, path+".help", qu.Help)
	}
	if qu.Type == TypeSingle || qu.Type == TypeMultiple {
		if len(qu.Options) < 2 {
			p.add(path+".options", "a choice question needs at least two options")
		}
		seen := map[string]bool{}
		for k, o := range qu.Options {
			op := fmt.Sprintf("%s.options[%d]", path, k)
			if !idPattern.MatchString(strings.ReplaceAll(o.Value, "_", "-")) {
				p.add(op+".value", "%q is not an option value", o.Value)
			} else if seen[o.Value] {
				p.add(op+".value", "option %s appears twice", o.Value)
			}
			seen[o.Value] = true
			checkText(p, op+".label", o.Label)
		}
	} else if len(qu.Options) > 0 {
		p.add(path+".options", "only choice questions have options")
	}
	if (qu.Min != nil || qu.Max != nil) && qu.Type != TypeNumber {
		p.add(path+".min", "only number questions have min and max")
	}
	if qu.Min != nil && qu.Max != nil && *qu.Min > *qu.Max {
		p.add(path+".max", "max is below min")
	}
	if c := qu.ShowWhen; c != nil {
		ref := q.questions[c.Question] // only earlier questions are in the map yet
		switch {
		case ref == nil:
			p.add(path+".show_when.question", "%q is not an earlier question of this file", c.Question)
		case !conditionType(ref.Type):
			p.add(path+".show_when.question", "%s is a %s question; a condition needs a choice question", c.Question, ref.Type)
		case len(c.In) == 0:
			p.add(path+".show_when.in", "a condition needs at least one value")
		default:
			for k, v := range c.In {
				if !slices.Contains(ref.Values(), v) {
					p.add(fmt.Sprintf("%s.show_when.in[%d]", path, k), "%q is not an answer of %s (%s)", v, c.Question, strings.Join(ref.Values(), ", "))
				}
			}
		}
	}
	if qu.ID != "" && q.questions[qu.ID] == nil {
		q.questions[qu.ID] = qu
	}
}

func (q *Questionnaire) validateRules(p *problems, path string, a *Article) {
	rules := []struct {
		name string
		r    *Rule
	}{{"implemented", a.Status.Implemented}, {"partially_implemented", a.Status.PartiallyImplemented},
		{"not_implemented", a.Status.NotImplemented}}
	any := false
	for _, x := range rules {
		if x.r == nil {
			continue
		}
		any = true
		rp := path + "." + x.name
		if len(x.r.All) == 0 && len(x.r.Any) == 0 {
			p.add(rp, "a rule needs all or any")
		}
		for kind, m := range map[string]map[string][]string{"all": x.r.All, "any": x.r.Any} {
			for _, id := range sortedKeys(m) {
				qp := rp + "." + kind + "." + id
				ref := q.questions[id]
				switch {
				case ref == nil || ref.article != a:
					p.add(qp, "%s is not a question of article %s", id, a.Number)
				case !ruleType(ref.Type):
					p.add(qp, "%s is a %s question; a rule names yes_no_partial or single_choice questions", id, ref.Type)
				case len(m[id]) == 0:
					p.add(qp, "no values")
				default:
					for _, v := range m[id] {
						if !slices.Contains(ref.Values(), v) {
							p.add(qp, "%q is not an answer of %s", v, id)
						}
					}
				}
			}
		}
	}
	if !any {
		p.add(path, "an article needs status rules")
	}
}

// validateSet checks the rules across files: question ids unique in all of
// them, import_from naming a question of another questionnaire of the same
// type (and the same options for choices). It returns problems by file.
func validateSet(qs []*Questionnaire) map[string]problems {
	out := map[string]problems{}
	owner := map[string]*Questionnaire{}
	for _, q := range qs {
		for id := range q.questions {
			if other := owner[id]; other != nil {
				p := out[q.file]
				p.add(pathOf(q, id)+".id", "question %s is also in %s", id, other.file)
				out[q.file] = p
			}
			owner[id] = q
		}
	}
	seenID := map[string]string{}
	for _, q := range qs {
		if f, dup := seenID[q.ID]; dup {
			p := out[q.file]
			p.add("id", "questionnaire %s is also %s", q.ID, f)
			out[q.file] = p
		}
		seenID[q.ID] = q.file
		for _, a := range q.Articles {
			for _, qu := range a.Questions {
				for k, ref := range qu.ImportFrom {
					path := fmt.Sprintf("%s.import_from[%d]", pathOf(q, qu.ID), k)
					src := owner[ref]
					var rq *Question
					if src != nil {
						rq = src.questions[ref]
					}
					p := out[q.file]
					switch {
					case rq == nil:
						p.add(path, "%q is not a question of any questionnaire", ref)
					case src == q:
						p.add(path, "%s is in this questionnaire; import from another instrument's", ref)
					case rq.Type != qu.Type:
						p.add(path, "%s is a %s question, this one %s", ref, rq.Type, qu.Type)
					case qu.Choice() && !slices.Equal(rq.Values(), qu.Values()):
						p.add(path, "%s has other options (%s)", ref, strings.Join(rq.Values(), ", "))
					}
					out[q.file] = p
				}
			}
		}
	}
	return out
}

// pathOf is the path of question id in q's file.
func pathOf(q *Questionnaire, id string) string {
	for i, a := range q.Articles {
		for j, qu := range a.Questions {
			if qu.ID == id {
				return fmt.Sprintf("articles[%d].questions[%d]", i, j)
			}
		}
	}
	return "articles"
}

// idPrefix is the prefix question ids of questionnaire id carry: the
// instrument's short name ("tip" for tip-protocol).
func idPrefix(id string) string {
	short, _, _ := strings.Cut(id, "-")
	return short
}

func checkText(p *problems, path string, t Text) {
	for _, l := range requiredLangs() {
		if strings.TrimSpace(t[l]) == "" {
			p.add(path+"."+l, "missing (every text has English and French)")
		}
	}
	for l := range t {
		if !slices.Contains(web.LangCodes, l) {
			p.add(path+"."+l, "%q is not one of the six languages", l)
		}
	}
}

func joinLevels() string {
	s := make([]string, len(Levels))
	for i, l := range Levels {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
