package caselaw

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// maxLine bounds one JSONL line: a case with long texts in six languages.
const maxLine = 16 << 20

// JSONLLimits bound a file of cases for `tipsom import caselaw`: a line
// each, and the whole file is validated in memory before anything is
// written, so the number of lines is bounded too.
var JSONLLimits = intake.Limits{Line: maxLine, Rows: 500_000}

// Line is a case read from line N of a JSONL file.
type Line struct {
	N    int
	Case Case
}

// ReadJSONL reads one case per line in the JSON form (blank lines are
// skipped), normalises and validates each, and reports every bad line at
// once, by number, each problem as "line N: field". Unknown names are
// refused, so a misspelt field is not silently dropped. known says whether
// an ISO3 code names a country.
func ReadJSONL(r io.Reader, known func(string) bool) ([]Line, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	e := errs.Invalid()
	var out []Line
	first := map[string]int{}
	n := 0
	// Lines are read in order and decoded, normalised and validated a
	// batch at a time on every core; what they found is then taken in
	// line order, as one pass would.
	var batch []decoded
	flush := func() {
		decodeAll(batch, known)
		for _, d := range batch {
			switch {
			case d.jsonErr != nil:
				e.Field(lineField(d.n, ""), "err.caselaw_json", "Detail", d.jsonErr.Error())
			case d.invalid != nil:
				for _, f := range errs.As(d.invalid).Fields {
					e.Field(lineField(d.n, f.Field), f.Key, argPairs(f.Args)...)
				}
			default:
				if prev, dup := first[d.c.ID]; dup {
					e.Field(lineField(d.n, "id"), "err.caselaw_duplicate", "Line", prev)
					continue
				}
				first[d.c.ID] = d.n
				out = append(out, Line{N: d.n, Case: d.c})
			}
		}
		batch = batch[:0]
	}
	for sc.Scan() {
		n++
		if err := JSONLLimits.CheckRow("file", n); err != nil {
			return nil, err
		}
		raw := bytes.TrimSpace(sc.Bytes())
		if n == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
		}
		if len(raw) == 0 {
			continue
		}
		batch = append(batch, decoded{n: n, raw: bytes.Clone(raw)})
		if len(batch) == readBatch {
			flush()
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			e.Field(lineField(n+1, ""), "err.caselaw_line_too_long", "Max", maxLine>>20)
		} else {
			return nil, fmt.Errorf("read line %d: %w", n+1, err)
		}
	}
	if len(e.Fields) == 0 && len(out) == 0 {
		e.Field("file", "err.caselaw_file_empty")
	}
	sort.SliceStable(e.Fields, func(i, j int) bool { return lineOf(e.Fields[i].Field) < lineOf(e.Fields[j].Field) })
	if err := e.OrNil(); err != nil {
		return nil, err
	}
	return out, nil
}

// readBatch is how many lines ReadJSONL decodes at once.
const readBatch = 1024

// decoded is one line of a JSONL file and what reading it found.
type decoded struct {
	n       int
	raw     []byte
	c       Case
	jsonErr error
	invalid error
}

// decodeAll decodes, normalises and validates lines on every core.
func decodeAll(lines []decoded, known func(string) bool) {
	var wg sync.WaitGroup
	next := make(chan int, len(lines))
	for i := range lines {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(lines)) {
		wg.Go(func() {
			for i := range next {
				d := &lines[i]
				if d.c, d.jsonErr = decodeCase(d.raw); d.jsonErr == nil {
					d.c.Normalise()
					d.invalid = d.c.Validate(known)
				}
				d.raw = nil
			}
		})
	}
	wg.Wait()
}

// decodeCase reads one JSON value, refusing unknown names and trailing data.
func decodeCase(raw []byte) (Case, error) {
	var c Case
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, err
	}
	if dec.More() {
		return c, errors.New("more than one JSON value on the line")
	}
	return c, nil
}

// WriteJSONL writes cases one per line in the JSON form.
func WriteJSONL(w io.Writer, cases ...Case) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range cases {
		if err := enc.Encode(c); err != nil {
			return fmt.Errorf("write case %s: %w", c.ID, err)
		}
	}
	return nil
}

func lineField(n int, field string) string {
	if field == "" {
		return fmt.Sprintf("line %d", n)
	}
	return fmt.Sprintf("line %d: %s", n, field)
}

func lineOf(field string) int {
	var n int
	fmt.Sscanf(field, "line %d", &n)
	return n
}

func argPairs(m map[string]any) []any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []any
	for _, k := range keys {
		out = append(out, k, m[k])
	}
	return out
}

// IsLineField reports whether an error field names a line of a file.
func IsLineField(field string) bool { return strings.HasPrefix(field, "line ") }
