package omnibus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tipsom/tipsom/internal/web"
)

// maxQuestionnaireBytes bounds one questionnaire file.
const maxQuestionnaireBytes = 2 << 20

// LoadError lists every problem of the questionnaire files, each with its
// file and line, so a broken file is fixed in one pass.
type LoadError struct {
	Problems []string // "tip-protocol.yaml:42: articles[1]…: message"
}

func (e *LoadError) Error() string {
	return "questionnaires: " + strings.Join(e.Problems, "; ")
}

// Set is the loaded questionnaires, by id, in file-name order.
type Set struct {
	list []*Questionnaire
	byID map[string]*Questionnaire
}

// All returns the questionnaires in order.
func (s *Set) All() []*Questionnaire { return s.list }

// Get returns questionnaire id, or nil.
func (s *Set) Get(id string) *Questionnaire { return s.byID[id] }

// ForInstrument returns the questionnaire of instrument, or nil.
func (s *Set) ForInstrument(instrument string) *Questionnaire {
	for _, q := range s.list {
		if q.Instrument == instrument {
			return q
		}
	}
	return nil
}

// Question finds a question by id in any questionnaire.
func (s *Set) Question(id string) (*Questionnaire, *Question) {
	for _, q := range s.list {
		if qu := q.Question(id); qu != nil {
			return q, qu
		}
	}
	return nil, nil
}

// LoadSet reads and validates every *.yaml file of fsys; instrumentKnown
// says which instrument ids exist. Any problem in any file fails the whole
// set with a *LoadError naming each file and line.
func LoadSet(fsys fs.FS, instrumentKnown func(string) bool) (*Set, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	s := &Set{byID: map[string]*Questionnaire{}}
	var bad []string
	lines := map[string]map[string]int{}
	var translations []string
	for _, name := range names {
		if strings.Count(name, ".") > 1 {
			translations = append(translations, name) // tip-protocol.es.yaml
			continue
		}
		data, err := readBounded(fsys, name)
		if err != nil {
			return nil, err
		}
		var q Questionnaire
		where, perr := parseYAML(name, data, &q)
		if perr != nil {
			bad = append(bad, perr.Error())
			continue
		}
		lines[name] = where
		for _, p := range q.validate(path.Base(name)) {
			bad = append(bad, at(name, where, p))
		}
		if q.Instrument != "" && instrumentKnown != nil && !instrumentKnown(q.Instrument) {
			bad = append(bad, at(name, where, Problem{Path: "instrument", Message: fmt.Sprintf("%q is not a treaty instrument", q.Instrument)}))
		}
		s.list = append(s.list, &q)
		s.byID[q.ID] = &q
	}
	if len(bad) > 0 {
		// The rules across files need every file whole: they wait.
		return nil, &LoadError{Problems: bad}
	}
	for _, name := range translations {
		data, err := readBounded(fsys, name)
		if err != nil {
			return nil, err
		}
		bad = append(bad, s.translate(name, data)...)
	}
	for _, q := range s.list {
		if q.Instrument == "" {
			continue
		}
		for _, other := range s.list {
			if other != q && other.Instrument == q.Instrument && other.file > q.file {
				bad = append(bad, at(other.file, lines[other.file], Problem{Path: "instrument", Message: "instrument " + q.Instrument + " already has " + q.file}))
			}
		}
	}
	cross := validateSet(s.list)
	for _, q := range s.list {
		for _, p := range cross[q.file] {
			bad = append(bad, at(q.file, lines[q.file], p))
		}
	}
	if len(bad) > 0 {
		return nil, &LoadError{Problems: bad}
	}
	if len(s.list) == 0 {
		return nil, errors.New("questionnaires: no *.yaml file")
	}
	return s, nil
}

func readBounded(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxQuestionnaireBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxQuestionnaireBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxQuestionnaireBytes)
	}
	return data, nil
}

// yamlLine finds "line N" in a YAML library error.
var yamlLine = regexp.MustCompile(`line (\d+)`)

// parseYAML decodes one file strictly into v (an unknown or misspelt key
// is an error) and returns the line of every value by path.
func parseYAML(name string, data []byte, v any) (map[string]int, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
			return nil, fmt.Errorf("%s:%s: %s", name, m[1], strings.ReplaceAll(msg, "\n  ", "; "))
		}
		return nil, fmt.Errorf("%s: %s", name, msg)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	where := map[string]int{}
	if len(root.Content) > 0 {
		walkLines(root.Content[0], "", where)
	}
	return where, nil
}

// walkLines records the line of every mapping value and sequence item.
func walkLines(n *yaml.Node, p string, where map[string]int) {
	where[p] = n.Line
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			child := k
			if p != "" {
				child = p + "." + k
			}
			where[child] = n.Content[i].Line
			walkLines(n.Content[i+1], child, where)
			where[child] = n.Content[i].Line
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walkLines(c, p+"["+strconv.Itoa(i)+"]", where)
		}
	}
}

// at renders a problem with the line of its path, or of the nearest
// enclosing value that exists in the file (a missing key's parent).
func at(file string, where map[string]int, p Problem) string {
	line := 0
	for q := p.Path; ; {
		if l, ok := where[q]; ok {
			line = l
			break
		}
		i := strings.LastIndexAny(q, ".[")
		if i < 0 {
			break
		}
		q = q[:i]
	}
	if line == 0 {
		line = 1
	}
	return fmt.Sprintf("%s:%d: %s: %s", file, line, p.Path, p.Message)
}

// translation is a file of one questionnaire's texts in one more language
// (tip-protocol.es.yaml): the questionnaire's title, each article's title
// and obligation, each question's text, help and option labels, by id.
type translation struct {
	Lang          string                  `yaml:"lang"`
	Questionnaire string                  `yaml:"questionnaire"`
	Version       int                     `yaml:"version"`
	Title         string                  `yaml:"title"`
	Articles      map[string]articleText  `yaml:"articles"`
	Questions     map[string]questionText `yaml:"questions"`
}

type articleText struct {
	Title      string `yaml:"title"`
	Obligation string `yaml:"obligation"`
}

type questionText struct {
	Text    string            `yaml:"text"`
	Help    string            `yaml:"help"`
	Options map[string]string `yaml:"options"`
}

// translate merges a translation file into its questionnaire and returns
// its problems: a translation of another version, a text the questionnaire
// does not have, or one it has that the translation leaves out.
func (s *Set) translate(name string, data []byte) []string {
	var tr translation
	where, err := parseYAML(name, data, &tr)
	if err != nil {
		return []string{err.Error()}
	}
	var p problems
	q := s.byID[tr.Questionnaire]
	wantName := tr.Questionnaire + "." + tr.Lang + ".yaml"
	switch {
	case q == nil:
		p.add("questionnaire", "%q is not a questionnaire", tr.Questionnaire)
	case !slices.Contains(web.LangCodes, tr.Lang) || tr.Lang == "en":
		p.add("lang", "%q is not one of the languages a translation is for", tr.Lang)
	case path.Base(name) != wantName:
		p.add("lang", "the file should be named %s", wantName)
	case tr.Version != q.Version:
		p.add("version", "translates version %d; the questionnaire is version %d", tr.Version, q.Version)
	}
	if len(p) > 0 {
		return renderAll(name, where, p)
	}
	lang := tr.Lang
	put := func(path string, t Text, v string) {
		if strings.TrimSpace(v) == "" {
			p.add(path, "missing")
			return
		}
		t[lang] = v
	}
	put("title", q.Title, tr.Title)
	seenArt, seenQ := map[string]bool{}, map[string]bool{}
	for _, a := range q.Articles {
		at, ok := tr.Articles[a.Number]
		seenArt[a.Number] = true
		if !ok {
			p.add("articles", "article %s is missing", a.Number)
			continue
		}
		put("articles."+a.Number+".title", a.Title, at.Title)
		put("articles."+a.Number+".obligation", a.Obligation, at.Obligation)
		for _, qu := range a.Questions {
			qt, ok := tr.Questions[qu.ID]
			seenQ[qu.ID] = true
			if !ok {
				p.add("questions", "question %s is missing", qu.ID)
				continue
			}
			base := "questions." + qu.ID
			put(base+".text", qu.Text, qt.Text)
			switch {
			case len(qu.Help) > 0:
				put(base+".help", qu.Help, qt.Help)
			case qt.Help != "":
				p.add(base+".help", "the question has no help to translate")
			}
			for _, o := range qu.Options {
				put(base+".options."+o.Value, o.Label, qt.Options[o.Value])
			}
			for v := range qt.Options {
				if !slices.ContainsFunc(qu.Options, func(o Option) bool { return o.Value == v }) {
					p.add(base+".options."+v, "%s has no option %q", qu.ID, v)
				}
			}
		}
	}
	for n := range tr.Articles {
		if !seenArt[n] {
			p.add("articles."+n, "%s has no article %s", q.ID, n)
		}
	}
	for id := range tr.Questions {
		if !seenQ[id] {
			p.add("questions."+id, "%s has no question %s", q.ID, id)
		}
	}
	return renderAll(name, where, p)
}

func renderAll(name string, where map[string]int, p problems) []string {
	out := make([]string, len(p))
	for i, x := range p {
		out[i] = at(name, where, x)
	}
	sort.Strings(out)
	return out
}
