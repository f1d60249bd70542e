package engagement

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/web"
)

// Campaigns lists the awareness campaigns with their measures: public.
func (s *Service) Campaigns(ctx context.Context) ([]*Campaign, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Campaign, error) { return listCampaigns(ctx, tx) })
}

// Campaign returns one campaign with its measures: public.
func (s *Service) Campaign(ctx context.Context, id int64) (*Campaign, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Campaign, error) { return getCampaign(ctx, tx, id) })
}

func knownLang(code string) bool { _, ok := web.LangByCode(code); return ok }

// CreateCampaign records an awareness campaign: the advocacy staff.
func (s *Service) CreateCampaign(ctx context.Context, by *auth.Principal, in CampaignInput) (*Campaign, error) {
	return s.createCampaign(ctx, by, in, false)
}

func (s *Service) createCampaign(ctx context.Context, by *auth.Principal, in CampaignInput, demo bool) (*Campaign, error) {
	if err := auth.Require(by, auth.Editors...); err != nil {
		return nil, err
	}
	c, err := in.Validate(s.Places.Known, knownLang)
	if err != nil {
		return nil, err
	}
	c.CreatedBy, c.CreatedAt, c.Demo = by.DisplayName(), s.now(), demo
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if c.AdopterID != 0 {
			if _, err := getAdopter(ctx, tx, c.AdopterID); err != nil {
				return err
			}
		}
		if err := insertCampaign(ctx, tx, c); err != nil {
			return err
		}
		if err := s.indexCampaign(ctx, tx, c); err != nil {
			return err
		}
		return record(ctx, tx, by, "campaign.create", "engagement_campaign", c.ID, c.Title)
	})
	return c, err
}

// AddMeasure records one evaluation of campaign id — a measure's baseline
// and follow-up: the advocacy staff.
func (s *Service) AddMeasure(ctx context.Context, by *auth.Principal, id int64, m Measure) (*Measure, error) {
	if err := auth.Require(by, auth.Editors...); err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	m.CampaignID, m.CreatedAt = id, s.now()
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := getCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := insertMeasure(ctx, tx, &m); err != nil {
			return err
		}
		c.Measures = append(c.Measures, m)
		if err := s.indexCampaign(ctx, tx, c); err != nil {
			return err
		}
		return record(ctx, tx, by, "campaign.measure_add", "engagement_campaign", id, m.Name)
	})
	return &m, err
}
