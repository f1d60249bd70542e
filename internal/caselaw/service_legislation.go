package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// SaveInstrument creates or replaces instrument in whole, indexes it for
// search and audits the change: editors only. Legislation is public as
// soon as it is saved; it holds no personal data.
func (s *Service) SaveInstrument(ctx context.Context, by *auth.Principal, in Instrument) (*Instrument, error) {
	if err := requireEditor(by); err != nil {
		return nil, err
	}
	in.Normalise()
	if err := in.Validate(s.Known); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		id, err := instrumentKey(ctx, tx, in.ID)
		if err != nil {
			return err
		}
		action := "legislation.update"
		if id == 0 {
			action = "legislation.create"
		}
		if _, err := storeInstrument(ctx, tx, s.DB.Dialect, id, &in, db.Time(s.Now())); err != nil {
			return err
		}
		if err := s.Search.Put(ctx, tx, s.instrumentDocument(&in)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: "legislation", EntityID: in.ID,
			After: in, Detail: fmt.Sprintf("%s: %d articles, %d amendments", in.Country, len(in.Articles), len(in.Amendments))})
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// Instrument returns instrument ref whole.
func (s *Service) Instrument(ctx context.Context, ref string) (*Instrument, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Instrument, error) {
		return loadInstrument(ctx, tx, ref)
	})
}

// Instruments lists the instruments held, of one country when iso3 is set.
func (s *Service) Instruments(ctx context.Context, iso3 string) ([]InstrumentSummary, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]InstrumentSummary, error) {
		return instrumentsWhere(ctx, tx, iso3)
	})
}

// Citations lists the published cases whose charges cite instrument ref.
// The charges table holds the published revisions' charges only, and the
// titles come from those revisions, so a draft changes no citation.
func (s *Service) Citations(ctx context.Context, ref string) ([]Citation, error) {
	var out []Citation
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = citingCases(ctx, tx, ref); err != nil {
			return err
		}
		refs := make([]string, len(out))
		for i, c := range out {
			refs[i] = c.CaseID
		}
		cases, err := s.publishedCases(ctx, tx, slices.Compact(slices.Sorted(slices.Values(refs))))
		if err != nil {
			return err
		}
		for i := range out {
			out[i].Title = cases[out[i].CaseID].Title
		}
		return nil
	})
	return out, err
}

// instrumentDocument is what search holds of an instrument: its title and
// every article's text in its languages; facets country, year, kind and
// the treaty articles implemented.
func (s *Service) instrumentDocument(in *Instrument) search.Document {
	f := map[string][]string{"country": {in.Country}, "year": {strconv.Itoa(in.Year)}, "kind": {in.Kind}}
	texts := []search.Text{{Lang: in.Language, Body: in.Title}}
	for _, a := range in.Articles {
		texts = append(texts, search.Text{Lang: in.Language, Body: a.Heading})
		for _, l := range web.LangCodes {
			if t := a.Texts[l]; t != "" {
				texts = append(texts, search.Text{Lang: l, Body: t})
			}
		}
		for _, v := range a.Implements {
			if !slices.Contains(f["implements"], v) {
				f["implements"] = append(f["implements"], v)
			}
		}
	}
	lang := in.Language
	if !slices.Contains(web.LangCodes, lang) {
		lang = web.DefaultLang.Code
	} else {
		f["language"] = []string{lang}
	}
	return search.Document{Kind: "legislation", Ref: in.ID, Date: time.Date(in.Year, 1, 1, 0, 0, 0, 0, time.UTC), Facets: f, Texts: texts,
		Show: &search.Display{Title: map[string]string{lang: in.Title}, URL: "/legislation/" + in.ID}}
}

// FindLegislation searches the instruments with the same search and facets
// as cases: country, year, kind and implemented article.
func (s *Service) FindLegislation(ctx context.Context, q Query) (*LegislationResults, error) {
	res, err := s.Search.Search(ctx, q.request("legislation", LegislationFacets))
	if err != nil {
		return nil, err
	}
	out := &LegislationResults{Total: res.Total, Hits: []LegislationHit{}, Facets: res.Facets, Pages: pages(res.Total)}
	err = s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		for _, h := range res.Hits {
			lh, ok, err := instrumentHit(ctx, tx, h.Ref)
			if err != nil {
				return err
			}
			if ok {
				out.Hits = append(out.Hits, lh)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
