package stats

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/intake"
)

// Service holds the rules for statistics.
type Service struct {
	DB    *db.DB
	Geo   *geo.Service
	Names *geo.Names
	Now   func() time.Time
}

// NewService returns a Service on d, resolving countries with g.
func NewService(d *db.DB, g *geo.Service) *Service {
	return &Service{DB: d, Geo: g, Names: geo.NewNames(g.Countries()), Now: time.Now}
}

// ImportOptions choose how an import treats findings.
type ImportOptions struct {
	// AcceptFindings writes every row that is neither in error nor in
	// conflict and queues the conflicts; without it any error or conflict
	// writes nothing.
	AcceptFindings bool
	// Limits bound the file; zero means ImportLimits, the web's.
	Limits intake.Limits
}

// ImportLimits bound a file analysts upload on /stats/import: UNODC's
// whole published file (46,556 rows, 22 MB unzipped, inflating ten times)
// fits four times over, and the rows kept while validating stay within a
// few hundred megabytes.
var ImportLimits = intake.Limits{Bytes: 50 << 20, Unzipped: 128 << 20, Ratio: 100, Rows: 200_000}

// CommandLimits bound `tipsom import glotip`: an operator's own file on
// their own machine, so they are wider, and stop a mistake (a wrong file,
// a decompression bomb) from exhausting it.
var CommandLimits = intake.Limits{Bytes: 512 << 20, Unzipped: 2 << 30, Ratio: 100, Rows: 2_000_000}

// ImportReport says what an import found and did.
type ImportReport struct {
	File         string         `json:"file"`
	SHA256       string         `json:"sha256"`
	Read         int            `json:"rows_read"`
	Written      int64          `json:"rows_written"` // observations and aggregates added or changed
	Observations int            `json:"observations"`
	Aggregates   int            `json:"aggregates"`
	Conflicts    int            `json:"conflicts"`
	Queued       int            `json:"conflicts_queued"`
	Findings     []Finding      `json:"findings"`
	Skipped      map[int]string `json:"skipped,omitempty"`
	Stored       bool           `json:"stored"` // false when strict mode stopped, or nothing changed
	Unchanged    bool           `json:"unchanged"`
}

// Env is the validation environment of this database: known countries, the
// names and aliases that resolve to them, the analysts' extra categories.
func (s *Service) Env(ctx context.Context, source string) (Env, error) {
	aliases, extra, err := s.vocabulary(ctx)
	if err != nil {
		return Env{}, err
	}
	cats := newCategoryResolver(s.Geo.Countries(), s.Geo.Known, func(name string) (string, bool) {
		if iso3, ok := aliases[geo.FoldName(name)]; ok {
			return iso3, true
		}
		return s.Names.ISO3(name)
	})
	return Env{
		Known:      s.Geo.Known,
		Resolve:    cats.Resolve,
		Categories: extra, Year: s.Now().Year(), Source: source,
	}, nil
}

// vocabulary loads the analysts' additions: category labels mapped to
// countries, and extra categories per dimension.
func (s *Service) vocabulary(ctx context.Context) (map[string]string, map[string][]string, error) {
	aliases := map[string]string{}
	var extra map[string][]string
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		labels, err := categoryAliases(ctx, tx)
		if err != nil {
			return err
		}
		for l, c := range labels {
			aliases[geo.FoldName(l)] = c
		}
		extra, err = extraCategories(ctx, tx)
		return err
	})
	return aliases, extra, err
}

// ReadAll reads a whole file in the published layout, held to lim.
func ReadAll(data []byte, lim intake.Limits) ([]Record, error) {
	var out []Record
	err := ReadFile(data, lim, func(rec Record) error {
		out = append(out, rec)
		return nil
	})
	return out, err
}

// MayImport reports whether by may import published figures: analysts
// and admins.
func (s *Service) MayImport(by *auth.Principal) error {
	return requireAnalyst(by)
}

// Import reads, validates and stores a file of UNODC's published data (its
// rows are published figures with the file as their source). Analysts and
// admins only. Importing the same file again changes nothing.
func (s *Service) Import(ctx context.Context, by *auth.Principal, name string, data []byte, opts ImportOptions) (*ImportReport, error) {
	if err := s.MayImport(by); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	rep := &ImportReport{File: name, SHA256: hex.EncodeToString(sum[:])}
	lim := opts.Limits
	if lim == (intake.Limits{}) {
		lim = ImportLimits
	}
	records, err := ReadAll(data, lim)
	if err != nil {
		return nil, err
	}
	env, err := s.Env(ctx, name)
	if err != nil {
		return nil, err
	}
	res := Validate(records, env)
	rep.Read, rep.Findings, rep.Skipped = res.Read, res.Findings, res.Skipped
	rep.Observations, rep.Aggregates, rep.Conflicts = len(res.Observations), len(res.Aggregates), len(res.Conflicts)
	if res.Blocking() && !opts.AcceptFindings {
		return rep, nil
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, seen, err := importedBefore(ctx, tx, rep.SHA256); err != nil || seen {
			rep.Unchanged = seen
			return err
		}
		return s.store(ctx, tx, by, rep, res)
	})
	return rep, err
}

// store writes a validated file in one transaction: the import record, the
// observations and aggregates that changed, the new conflicts, one audit
// entry. When nothing changed it writes nothing at all.
func (s *Service) store(ctx context.Context, tx *sql.Tx, by *auth.Principal, rep *ImportReport, res *Result) error {
	findings, _ := json.Marshal(res.Findings)
	id, err := insertImport(ctx, tx, rep, len(res.Conflicts), string(findings), by.AuditActor().Label)
	if err != nil {
		return fmt.Errorf("record import: %w", err)
	}
	n, err := upsertObservations(ctx, tx, s.DB.Dialect, res.Observations, id, nil)
	if err != nil {
		return err
	}
	m, err := upsertAggregates(ctx, tx, res.Aggregates, id)
	if err != nil {
		return err
	}
	rep.Written = n + m
	for _, c := range res.Conflicts {
		queued, err := queueConflict(ctx, tx, c, id)
		if err != nil {
			return err
		}
		if queued {
			rep.Queued++
		}
	}
	if rep.Written == 0 && rep.Queued == 0 {
		rep.Unchanged = true
		return deleteImport(ctx, tx, id)
	}
	if err := setImportWritten(ctx, tx, id, rep.Written); err != nil {
		return err
	}
	rep.Stored = true
	return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_import.store", EntityType: "stat_import",
		EntityID: fmt.Sprint(id), After: rep.SHA256,
		Detail: fmt.Sprintf("%s: %d rows read, %d written, %d conflicts queued", rep.File, rep.Read, rep.Written, rep.Queued)})
}

// requireAnalyst refuses anyone but analysts and admins (and the command
// line).
func requireAnalyst(by *auth.Principal) error { return auth.Require(by, auth.Analysts...) }

// PublishTx stores validated figures from a national submission as the
// published ones, inside the caller's transaction (the collection workflow
// changes the submission's status and writes its audit entry in the same
// one): figures already published with the same value are left alone.
// Analysts and admins only.
func (s *Service) PublishTx(ctx context.Context, tx *sql.Tx, by *auth.Principal, submissionID int64, obs []Observation) (int64, error) {
	if err := requireAnalyst(by); err != nil {
		return 0, err
	}
	for i := range obs {
		obs[i].Status = StatusPublished
	}
	return upsertObservations(ctx, tx, s.DB.Dialect, obs, nil, submissionID)
}
