package omnibus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
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
	for _, name := range names {
		data, err := readBounded(fsys, name)
		if err != nil {
			return nil, err
		}
		q, where, perr := parseQuestionnaire(name, data)
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
		s.list = append(s.list, q)
		s.byID[q.ID] = q
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

// parseQuestionnaire decodes one file strictly (an unknown or misspelt key
// is an error) and returns, beside it, the line of every value by path.
func parseQuestionnaire(name string, data []byte) (*Questionnaire, map[string]int, error) {
	var q Questionnaire
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&q); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
			return nil, nil, fmt.Errorf("%s:%s: %s", name, m[1], strings.ReplaceAll(msg, "\n  ", "; "))
		}
		return nil, nil, fmt.Errorf("%s: %s", name, msg)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	where := map[string]int{}
	if len(root.Content) > 0 {
		walkLines(root.Content[0], "", where)
	}
	return &q, where, nil
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
