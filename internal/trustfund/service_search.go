package trustfund

import (
	"context"
	"database/sql"
	"strings"

	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// DocProject is the kind of document the fund gives the one search: each
// funded project, public once its grant is committed.
const DocProject = "trustfund_project"

// indexProject writes a funded project's document in the transaction that
// commits its grant.
func (s *Service) indexProject(ctx context.Context, tx *sql.Tx, g *Grant, p *Proposal) error {
	if s.Index == nil {
		return nil
	}
	return s.Index.Put(ctx, tx, search.Document{Kind: DocProject, Ref: itoa(g.ID), Date: g.StartsOn,
		Facets: map[string][]string{"country": {p.Country}, "assistance": p.Assistance},
		Texts:  []search.Text{{Body: p.Title + "\n" + p.OrgName + "\n" + p.Summary + "\n" + strings.Join(p.Assistance, " ")}},
		// A proposal is written in one language, not known: shown as it is.
		Show: &search.Display{Title: map[string]string{web.DefaultLang.Code: p.Title}, Summary: map[string]string{web.DefaultLang.Code: p.Summary},
			URL: "/trustfund#grant-" + itoa(g.ID)}})
}
