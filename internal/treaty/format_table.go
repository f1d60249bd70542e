package treaty

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// Table is a status table as read from the UN Treaty Collection: one action
// per participant, in the file's order.
type Table struct {
	Actions []Action
	// HasReservations is true when the file carried a reservations and
	// declarations column; without one, stored texts are left alone.
	HasReservations bool
}

// TableLimits bound a status table, uploaded or imported on the command
// line: a whole UNTC table has about two hundred rows and ten kilobytes.
var TableLimits = intake.Limits{Bytes: 2 << 20, Rows: 10_000}

// Parse reads a UNTC status table saved as CSV:
//
//	Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"
//	Bahrain,,7 Jun 2004 a
//
// with an optional fourth column of reservations and declarations. A BOM,
// extra spaces and the header's variants are tolerated. Every bad line —
// unknown participant, unreadable date, unknown kind, a participant twice —
// is reported with its number, all at once; nothing is returned then.
func Parse(r io.Reader, res *Resolver) (*Table, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errs.Invalid().Field("file", "err.treaty_csv_empty")
	}
	if err != nil {
		return nil, errs.Invalid().Field(lineField(1), "err.treaty_csv_unreadable", "Line", 1, "Detail", err.Error())
	}
	t := &Table{}
	if t.HasReservations, err = checkHeader(head); err != nil {
		return nil, err
	}
	width := 3
	if t.HasReservations {
		width = 4
	}
	bad := errs.Invalid()
	seen := map[string]int{}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err := TableLimits.CheckRow("file", n); err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			bad.Field(lineField(line), "err.treaty_csv_unreadable", "Line", line, "Detail", err.Error())
			continue
		}
		if blank(rec) {
			continue
		}
		if a, ok := parseRow(rec, width, line, res, seen, bad); ok {
			t.Actions = append(t.Actions, a)
		}
	}
	if err := bad.OrNil(); err != nil {
		return nil, err // findings were added line by line, so they read like the file
	}
	if len(t.Actions) == 0 {
		return nil, errs.Invalid().Field("file", "err.treaty_csv_empty")
	}
	return t, nil
}

// checkHeader accepts the header UNTC tables carry and its variants (a
// longer list of kinds, extra spaces, a BOM), reporting whether a
// reservations column follows.
func checkHeader(head []string) (reservations bool, err error) {
	cells := make([]string, len(head))
	for i, h := range head {
		cells[i] = strings.ToLower(strings.Join(strings.Fields(strings.TrimPrefix(h, "\ufeff")), " "))
	}
	ok := len(cells) >= 3 && len(cells) <= 4 &&
		strings.HasPrefix(cells[0], "participant") && strings.HasPrefix(cells[1], "signature") &&
		(strings.Contains(cells[2], "ratification") || strings.Contains(cells[2], "accession") || strings.Contains(cells[2], "consent"))
	if ok && len(cells) == 4 {
		ok = strings.Contains(cells[3], "reservation") || strings.Contains(cells[3], "declaration")
	}
	if !ok {
		return false, errs.Invalid().Field(lineField(1), "err.treaty_csv_header", "Line", 1, "Got", strings.Join(head, ","))
	}
	return len(cells) == 4, nil
}

// parseRow reads one participant's line, adding what is wrong with it to
// bad (every problem of the line, not only the first).
func parseRow(rec []string, width, line int, res *Resolver, seen map[string]int, bad *errs.Error) (Action, bool) {
	if len(rec) > width && !blank(rec[width:]) {
		bad.Field(lineField(line), "err.treaty_csv_columns", "Line", line, "Want", width, "Got", len(rec))
		return Action{}, false
	}
	for len(rec) < width {
		rec = append(rec, "") // spreadsheets drop empty trailing cells
	}
	f := lineField(line)
	report := func(key string, args ...any) { bad.Field(f, key, append([]any{"Line", line}, args...)...) }
	name := strings.Join(strings.Fields(rec[0]), " ")
	a := Action{UNName: name, Reservations: strings.TrimSpace(strings.Join(rec[3:width], ""))}
	ok := true
	p, known := res.Resolve(name)
	switch {
	case !known:
		report("err.treaty_unknown_participant", "Name", name)
		ok = false
	case seen[p.Key()] != 0:
		report("err.treaty_participant_twice", "Name", name, "First", seen[p.Key()])
		ok = false
	default:
		seen[p.Key()] = line
		a.Participant, a.ISO3 = p.Key(), p.ISO3
	}
	sig, consent := strings.TrimSpace(rec[1]), strings.TrimSpace(rec[2])
	var err error
	if sig != "" {
		if a.Signature, err = ParseDate(sig); err != nil {
			report("err.treaty_date_invalid", "Value", sig)
			ok = false
		}
	}
	if consent != "" {
		var uk errUnknownKind
		a.Consent, a.Kind, err = parseConsent(consent)
		switch {
		case errors.As(err, &uk):
			report("err.treaty_kind_invalid", "Value", uk.mark)
			ok = false
		case err != nil:
			report("err.treaty_date_invalid", "Value", consent)
			ok = false
		}
	}
	if sig == "" && consent == "" {
		report("err.treaty_no_action", "Name", name)
		ok = false
	}
	return a, ok
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func lineField(n int) string { return fmt.Sprintf("line %d", n) }
