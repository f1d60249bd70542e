package engagement

import (
	"context"
	"database/sql"
	"strings"

	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// The kinds of document the room gives the one search: each listed
// adopter, and each awareness campaign.
const (
	DocAdopter  = "adopter"
	DocCampaign = "campaign"
)

// indexAdopter writes a listed adopter's document, in the transaction
// that lists it.
func (s *Service) indexAdopter(ctx context.Context, tx *sql.Tx, a *Adopter) error {
	if s.Index == nil {
		return nil
	}
	body := a.Name + "\n" + a.Scope
	if c, ok := s.Places.Country(a.Country); ok {
		body += "\n" + c.Name("en")
	}
	// A name and a scope are written in one language, not known: shown as they are.
	return s.Index.Put(ctx, tx, search.Document{Kind: DocAdopter, Ref: itoa(a.ID), Date: a.AdoptedOn,
		Facets: map[string][]string{"country": {a.Country}, "adopter": {string(a.Kind)}},
		Texts:  []search.Text{{Body: body}},
		Show: &search.Display{Title: map[string]string{web.DefaultLang.Code: a.Name}, Summary: map[string]string{web.DefaultLang.Code: a.Scope},
			URL: adopterPath(a.ID)}})
}

// unindexAdopter takes a suspended adopter out of the search.
func (s *Service) unindexAdopter(ctx context.Context, tx *sql.Tx, a *Adopter) error {
	if s.Index == nil {
		return nil
	}
	return s.Index.Remove(ctx, tx, DocAdopter, itoa(a.ID))
}

// indexCampaign writes a campaign's document, with its messages in the
// campaign's languages.
func (s *Service) indexCampaign(ctx context.Context, tx *sql.Tx, c *Campaign) error {
	if s.Index == nil {
		return nil
	}
	facets := map[string][]string{"country": c.Countries, "audience": {c.Audience}}
	if len(c.Languages) > 0 {
		facets["language"] = c.Languages
	}
	var names []string
	for _, m := range c.Measures {
		names = append(names, m.Name)
	}
	body := c.Title + "\n" + strings.Join(c.Messages, "\n") + "\n" + strings.Join(names, "\n")
	lang, shown := "", web.DefaultLang.Code
	if len(c.Languages) == 1 {
		lang, shown = c.Languages[0], c.Languages[0]
	}
	return s.Index.Put(ctx, tx, search.Document{Kind: DocCampaign, Ref: itoa(c.ID), Date: c.StartsOn, Facets: facets,
		Texts: []search.Text{{Lang: lang, Body: body}},
		Show: &search.Display{Title: map[string]string{shown: c.Title}, Summary: map[string]string{shown: strings.Join(c.Messages, " ")},
			URL: campaignPath(c.ID)}})
}
