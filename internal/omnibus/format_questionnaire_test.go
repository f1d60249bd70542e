package omnibus

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tipsom/tipsom/internal/web"
	"github.com/tipsom/tipsom/questionnaires"
)

// TestShippedQuestionnaires: the repository's three questionnaires load,
// cover the articles the issue lists, use every question type, have
// English and French everywhere and cross-reference each other.
func TestShippedQuestionnaires(t *testing.T) {
	set, err := LoadSet(questionnaires.Files, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"tip-protocol": {"5", "6", "7", "8", "9", "10", "11", "12", "13"},
		"som-protocol": {"6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "18"},
		"untoc":        {"5", "6", "8", "15", "16", "18", "23", "24", "25", "27"},
	}
	types, imports := map[QuestionType]bool{}, 0
	for id, articles := range want {
		q := set.Get(id)
		if q == nil {
			t.Fatalf("no questionnaire %s", id)
		}
		var got []string
		for _, a := range q.Articles {
			got = append(got, a.Number)
			for _, qu := range a.Questions {
				types[qu.Type] = true
				imports += len(qu.ImportFrom)
			}
		}
		if strings.Join(got, ",") != strings.Join(articles, ",") {
			t.Errorf("%s covers articles %v, want %v", id, got, articles)
		}
		if set.ForInstrument(q.Instrument) != q {
			t.Errorf("%s is not found by its instrument", id)
		}
	}
	for _, ty := range QuestionTypes {
		if !types[ty] {
			t.Errorf("no question of type %s", ty)
		}
	}
	if imports < 8 {
		t.Errorf("%d import_from links, want at least 8", imports)
	}
	// Every text is in the six languages (the translations' files).
	for _, q := range set.All() {
		texts := map[string]Text{"title": q.Title}
		for _, a := range q.Articles {
			texts["article "+a.Number+" title"], texts["article "+a.Number+" obligation"] = a.Title, a.Obligation
			for _, qu := range a.Questions {
				texts[qu.ID+" text"] = qu.Text
				if len(qu.Help) > 0 {
					texts[qu.ID+" help"] = qu.Help
				}
				for _, o := range qu.Options {
					texts[qu.ID+" option "+o.Value] = o.Label
				}
			}
		}
		for what, tx := range texts {
			for _, l := range web.LangCodes {
				if !tx.Has(l) {
					t.Errorf("%s: %s has no %s text", q.ID, what, l)
				}
			}
		}
	}
}

// good is a valid questionnaire file, which each case below breaks once.
const good = `id: tip-protocol
instrument: tip-protocol
version: 1
title: {en: "Checklist", fr: "Liste"}
articles:
  - number: "5"
    title: {en: "Criminalization", fr: "Incrimination"}
    obligation: {en: "Make it an offence.", fr: "En faire une infraction."}
    level: mandatory
    questions:
      - id: tip-5-1
        type: yes_no_partial
        text: {en: "Is it an offence?", fr: "Est-ce une infraction ?"}
        required: true
      - id: tip-5-2
        type: multiple_choice
        text: {en: "Which forms?", fr: "Quelles formes ?"}
        show_when: {question: tip-5-1, in: [yes, partially]}
        options:
          - {value: labour, label: {en: "Labour", fr: "Travail"}}
          - {value: sexual, label: {en: "Sexual", fr: "Sexuelle"}}
    status:
      implemented: {all: {tip-5-1: [yes]}}
      partially_implemented: {any: {tip-5-1: [partially]}}
      not_implemented: {all: {tip-5-1: ["no"]}}
`

// TestQuestionnaireFileValidation: each broken file is refused with the
// file, the line of the broken value and what is wrong; nothing loads.
func TestQuestionnaireFileValidation(t *testing.T) {
	if _, err := LoadSet(fstest.MapFS{"tip-protocol.yaml": {Data: []byte(good)}}, nil); err != nil {
		t.Fatalf("the good file: %v", err)
	}
	cases := []struct {
		name, from, to string
		want           string // "file:line: …" must be in the error
	}{
		{"unknown key", "    level: mandatory", "    level: mandatory\n    levl: optional", "tip-protocol.yaml:10:"},
		{"bad level", "level: mandatory", "level: must", "tip-protocol.yaml:9: articles[0].level"},
		{"missing French", `text: {en: "Is it an offence?", fr: "Est-ce une infraction ?"}`, `text: {en: "Is it an offence?"}`,
			"tip-protocol.yaml:13: articles[0].questions[0].text.fr"},
		{"forward condition", "show_when: {question: tip-5-1,", "show_when: {question: tip-5-9,", "tip-protocol.yaml:18: articles[0].questions[1].show_when.question"},
		{"condition value", "in: [yes, partially]", "in: [yes, maybe]", "tip-protocol.yaml:18: articles[0].questions[1].show_when.in[1]"},
		{"bad type", "type: multiple_choice", "type: checkbox", "tip-protocol.yaml:16: articles[0].questions[1].type"},
		{"one option", "          - {value: sexual, label: {en: \"Sexual\", fr: \"Sexuelle\"}}\n", "", "tip-protocol.yaml:19: articles[0].questions[1].options"},
		{"rule on a choice list", "implemented: {all: {tip-5-1: [yes]}}", "implemented: {all: {tip-5-2: [labour]}}",
			"articles[0].status.implemented.all.tip-5-2: tip-5-2 is a multiple_choice question"},
		{"rule value", `not_implemented: {all: {tip-5-1: ["no"]}}`, `not_implemented: {all: {tip-5-1: [never]}}`,
			`"never" is not an answer of tip-5-1`},
		{"id prefix", "id: tip-5-2", "id: som-5-2", "tip-protocol.yaml:15: articles[0].questions[1].id"},
		{"duplicate id", "id: tip-5-2", "id: tip-5-1", "question tip-5-1 appears twice"},
		{"file name", "id: tip-protocol\n", "id: tip-protocols\n", "tip-protocol.yaml:1: id"},
		{"no version", "version: 1", "version: 0", "tip-protocol.yaml:3: version"},
		{"import nothing", "        required: true", "        required: true\n        import_from: [untoc-5-1]",
			`"untoc-5-1" is not a question of any questionnaire`},
		{"not YAML", "articles:", "articles: [", "tip-protocol.yaml:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(good, c.from) {
				t.Fatalf("the case's text %q is not in the good file", c.from)
			}
			bad := strings.Replace(good, c.from, c.to, 1)
			set, err := LoadSet(fstest.MapFS{"tip-protocol.yaml": {Data: []byte(bad)}}, nil)
			if err == nil {
				t.Fatalf("loaded %v", set.All())
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
		})
	}
}

// TestQuestionnaireSetRules: the rules across files and the instrument
// check.
func TestQuestionnaireSetRules(t *testing.T) {
	other := strings.NewReplacer("tip-protocol", "som-protocol", "tip-5", "som-5").Replace(good)
	imp := strings.Replace(other, "        required: true", "        required: true\n        import_from: [tip-5-2]", 1)
	for name, tc := range map[string]struct {
		files map[string]string
		known func(string) bool
		want  string
	}{
		"import of another type": {map[string]string{"tip-protocol.yaml": good, "som-protocol.yaml": imp}, nil,
			"som-protocol.yaml:15: articles[0].questions[0].import_from[0]: tip-5-2 is a multiple_choice question, this one yes_no_partial"},
		"unknown instrument": {map[string]string{"tip-protocol.yaml": good}, func(string) bool { return false },
			`tip-protocol.yaml:2: instrument: "tip-protocol" is not a treaty instrument`},
		"two files, one instrument": {map[string]string{"tip-protocol.yaml": good,
			"tip-other.yaml": strings.NewReplacer("id: tip-protocol", "id: tip-other", "tip-5-", "tip-5-9").Replace(good)}, nil,
			"already has"},
	} {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, s := range tc.files {
				fsys[n] = &fstest.MapFile{Data: []byte(s)}
			}
			_, err := LoadSet(fsys, tc.known)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to say %q", err, tc.want)
			}
		})
	}
	big := fstest.MapFS{"tip-protocol.yaml": {Data: []byte(good + "#" + strings.Repeat("x", maxQuestionnaireBytes))}}
	if _, err := LoadSet(big, nil); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("an oversized file: %v", err)
	}
}

// goodES is a complete Spanish translation of good.
const goodES = `lang: es
questionnaire: tip-protocol
version: 1
title: "Lista"
articles:
  "5":
    title: "Penalización"
    obligation: "Tipificarlo como delito."
questions:
  tip-5-1:
    text: "¿Es delito?"
  tip-5-2:
    text: "¿Qué formas?"
    options:
      labour: "Trabajo"
      sexual: "Sexual"
`

// TestQuestionnaireTranslations: a translation file adds its language to
// every text; one of another version, or with a text the questionnaire
// lacks or without one it has, is refused with its line.
func TestQuestionnaireTranslations(t *testing.T) {
	load := func(es string) (*Set, error) {
		return LoadSet(fstest.MapFS{"tip-protocol.yaml": {Data: []byte(good)}, "tip-protocol.es.yaml": {Data: []byte(es)}}, nil)
	}
	set, err := load(goodES)
	if err != nil {
		t.Fatal(err)
	}
	q := set.Get("tip-protocol")
	if got := q.Question("tip-5-2").OptionLabel("labour", "es"); got != "Trabajo" {
		t.Errorf("Spanish option label %q", got)
	}
	if q.Article("5").Obligation.In("es") != "Tipificarlo como delito." || q.Title.In("ru") != "Checklist" {
		t.Errorf("texts after the translation: %v %v", q.Article("5").Obligation, q.Title)
	}
	for name, c := range map[string]struct{ from, to, want string }{
		"stale":              {"version: 1", "version: 2", "tip-protocol.es.yaml:3: version: translates version 2"},
		"unknown option":     {`      sexual: "Sexual"`, `      sexual: "Sexual"` + "\n      other: \"Otra\"", `tip-protocol.es.yaml:17: questions.tip-5-2.options.other`},
		"missing text":       {`    text: "¿Es delito?"`, `    text: ""`, "tip-protocol.es.yaml:11: questions.tip-5-1.text: missing"},
		"help not in source": {`    text: "¿Es delito?"`, `    text: "¿Es delito?"` + "\n    help: \"Ayuda\"", "questions.tip-5-1.help: the question has no help"},
		"unknown question":   {"questions:\n", "questions:\n  tip-5-9:\n    text: \"x\"\n", "tip-protocol has no question tip-5-9"},
		"misspelt key":       {"    obligation:", "    obligaton:", "tip-protocol.es.yaml:8:"},
		"wrong language":     {"lang: es", "lang: xx", `"xx" is not one of the languages`},
	} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(goodES, c.from) {
				t.Fatalf("%q is not in the translation", c.from)
			}
			_, err := load(strings.Replace(goodES, c.from, c.to, 1))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to say %q", err, c.want)
			}
		})
	}
}
