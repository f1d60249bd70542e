package caselaw

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/tipsom/tipsom/internal/audit"
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
//
// The work that needs no database (encoding, the identifier check, the
// analysis of the texts for search) runs on every core a chunk or two
// ahead of the transaction, which writes each chunk in a few bulk
// statements and records it in the audit log as one entry.
func (s *Service) Import(ctx context.Context, by *auth.Principal, lines []Line, draft bool) (*ImportReport, error) {
	if err := requireEditor(by); err != nil {
		return nil, err
	}
	rep := &ImportReport{Read: len(lines)}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type chunk struct {
		part []Line
		pre  []precomputed
		err  error
	}
	ahead := make(chan chunk, 1)
	go func() {
		defer close(ahead)
		for start := 0; start < len(lines); start += importChunk {
			part := lines[start:min(len(lines), start+importChunk)]
			cases := make([]Case, len(part))
			for i, l := range part {
				cases[i] = l.Case
			}
			pre, err := s.precompute(cases)
			select {
			case ahead <- chunk{part, pre, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.Search.BeginBulk(ctx, tx, len(lines)); err != nil {
			return err
		}
		done := 0
		for c := range ahead {
			if c.err != nil {
				return c.err
			}
			if err := s.importChunk(ctx, tx, by, c.part, c.pre, draft, rep); err != nil {
				return err
			}
			done += len(c.part)
		}
		if done != len(lines) { // the preparation stopped: the context ended
			if err := context.Cause(ctx); err != nil {
				return fmt.Errorf("import cases: %w", err)
			}
			return fmt.Errorf("import cases: %d of %d prepared", done, len(lines))
		}
		return s.Search.Compact(ctx, tx, len(lines))
	})
	if err != nil {
		return nil, err
	}
	if len(lines) >= importChunk {
		// The import is committed; a failed checkpoint only leaves the
		// log for SQLite's own, later, so it is not an error of the import.
		_ = s.DB.Checkpoint(ctx)
	}
	return rep, nil
}

// imported is a case as the import's audit entry lists it.
type imported struct {
	ID     string `json:"id"`
	Rev    int    `json:"rev"`
	SHA256 string `json:"sha256"`
}

func (s *Service) importChunk(ctx context.Context, tx *sql.Tx, by *auth.Principal, part []Line, pre []precomputed, draft bool, rep *ImportReport) error {
	cases := make([]Case, len(part))
	refs := make([]string, len(part))
	for i, l := range part {
		cases[i], refs[i] = l.Case, l.Case.ID
	}
	existing, err := casesByRef(ctx, tx, refs)
	if err != nil {
		return err
	}
	items, err := s.prepare(ctx, tx, cases, pre, existing, !draft, "import")
	if err != nil {
		return err
	}
	var added, revised, published, held int
	var list []imported
	for i, it := range items {
		switch {
		case !it.changed:
			rep.Unchanged++
			continue
		case it.old == nil:
			added++
		default:
			revised++
		}
		sum := sha256.Sum256([]byte(it.body))
		list = append(list, imported{ID: it.c.ID, Rev: it.rev, SHA256: hex.EncodeToString(sum[:])})
		switch {
		case it.publish:
			published++
		case draft:
			rep.Drafts++
		case len(it.findings) > 0:
			held++
			rep.Held = append(rep.Held, Held{Line: part[i].N, ID: it.c.ID, Findings: it.findings, Reason: "identifiers"})
		default:
			held++
			rep.Held = append(rep.Held, Held{Line: part[i].N, ID: it.c.ID, Reason: "inclusion"})
		}
	}
	rep.Added, rep.Revised, rep.Published = rep.Added+added, rep.Revised+revised, rep.Published+published
	if err := s.write(ctx, tx, by, items, "", ""); err != nil {
		return fmt.Errorf("import cases from line %d: %w", part[0].N, err)
	}
	if len(list) == 0 {
		return nil
	}
	// One entry for the chunk: its digest covers every case's id, revision
	// and body, so the log still proves what each import wrote.
	first, last := part[0].N, part[len(part)-1].N
	return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "case.import", EntityType: "case_import",
		EntityID: fmt.Sprintf("lines %d-%d", first, last), After: list,
		Detail: fmt.Sprintf("%d cases (%s … %s): %d added, %d revised, %d published, %d held",
			len(list), list[0].ID, list[len(list)-1].ID, added, revised, published, held)})
}

// Export writes the published revision of every case, one per line in the
// JSON form, ordered by id; it returns how many it wrote.
func (s *Service) Export(ctx context.Context, w io.Writer) (int, error) {
	n := 0
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		return eachPublishedBody(ctx, tx, func(body []byte) error {
			if _, err := w.Write(append(body, '\n')); err != nil {
				return fmt.Errorf("export cases: %w", err)
			}
			n++
			return nil
		})
	})
	return n, err
}
