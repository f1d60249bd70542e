package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	"github.com/tipsom/tipsom/internal/auth"
)

// importChunk is how many cases are prepared and written at once inside
// the import's one transaction: bounded memory, few statements.
const importChunk = 2000

// Held is an imported case the identifier check (or the inclusion rule)
// kept as a draft.
type Held struct {
	Line     int
	ID       string
	Findings []Finding
	Reason   string // "identifiers" or "inclusion"
}

// ImportReport says what an import did.
type ImportReport struct {
	Read, Added, Revised, Unchanged, Published, Drafts int
	Held                                               []Held
}

// Import writes lines read by ReadJSONL in one transaction: new cases are
// added, known ones get a new revision when they changed. An import is an
// editor's act, so each case is published at once — unless draft is set,
// or the identifier check flags it, or a trafficking case fails the
// inclusion rule: those stay drafts, listed in the report.
func (s *Service) Import(ctx context.Context, by *auth.Principal, lines []Line, draft bool) (*ImportReport, error) {
	if err := requireEditor(by); err != nil {
		return nil, err
	}
	rep := &ImportReport{Read: len(lines)}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(lines); start += importChunk {
			part := lines[start:min(len(lines), start+importChunk)]
			if err := s.importChunk(ctx, tx, by, part, draft, rep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

func (s *Service) importChunk(ctx context.Context, tx *sql.Tx, by *auth.Principal, part []Line, draft bool, rep *ImportReport) error {
	cases := make([]Case, len(part))
	refs := make([]string, len(part))
	for i, l := range part {
		cases[i], refs[i] = l.Case, l.Case.ID
	}
	existing, err := casesByRef(ctx, tx, refs)
	if err != nil {
		return err
	}
	items, err := s.prepare(ctx, tx, cases, existing, !draft, "import")
	if err != nil {
		return err
	}
	for i, it := range items {
		switch {
		case !it.changed:
			rep.Unchanged++
			continue
		case it.old == nil:
			rep.Added++
		default:
			rep.Revised++
		}
		switch {
		case it.publish:
			rep.Published++
		case draft:
			rep.Drafts++
		case len(it.findings) > 0:
			rep.Held = append(rep.Held, Held{Line: part[i].N, ID: it.c.ID, Findings: it.findings, Reason: "identifiers"})
		default:
			rep.Held = append(rep.Held, Held{Line: part[i].N, ID: it.c.ID, Reason: "inclusion"})
		}
	}
	if err := s.write(ctx, tx, by, items, "case.import", "case.import"); err != nil {
		return fmt.Errorf("import cases from line %d: %w", part[0].N, err)
	}
	return nil
}

// Export writes the published revision of every case, one per line in the
// JSON form, ordered by id; it returns how many it wrote.
func (s *Service) Export(ctx context.Context, w io.Writer) (int, error) {
	n := 0
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.body FROM caselaw_cases c
			JOIN caselaw_revisions r ON r.case_id = c.id AND r.rev = c.published_rev ORDER BY c.ref`)
		if err != nil {
			return fmt.Errorf("export cases: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var body []byte
			if err := rows.Scan(&body); err != nil {
				return err
			}
			if _, err := w.Write(append(body, '\n')); err != nil {
				return fmt.Errorf("export cases: %w", err)
			}
			n++
		}
		return rows.Err()
	})
	return n, err
}
