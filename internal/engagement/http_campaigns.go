package engagement

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// campaignsData is the public comparison: the evaluated campaigns ranked
// by measure, like with like, the others apart; the staff's form.
type campaignsData struct {
	Groups      []Comparison
	Unevaluated []*Campaign
	All         []*Campaign
	Staff       bool
	Adopters    []*Adopter
	Countries   []geo.Country
	Values      url.Values
}

// Statics for templates.
func (campaignsData) Audiences() []string { return Audiences }
func (campaignsData) Channels() []string  { return Channels }
func (campaignsData) Langs() []web.Lang   { return web.Langs }

// Has reports whether the form's values of name hold value.
func (d campaignsData) Has(name, value string) bool {
	for _, v := range d.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

func (h *Web) campaignsPage(w http.ResponseWriter, r *http.Request, f url.Values, ferr error) error {
	by := auth.FromContext(r.Context())
	cs, err := h.Svc.Campaigns(r.Context())
	if err != nil {
		return err
	}
	d := campaignsData{All: cs, Staff: isStaff(by), Values: f}
	d.Groups, d.Unevaluated = Compare(cs)
	if d.Staff {
		if d.Adopters, err = h.Svc.Adopters(r.Context()); err != nil {
			return err
		}
		d.Countries = h.Geo.Countries()
	}
	return h.UI.ShowForm(w, r, "engagement/campaigns", "blueheart.campaigns_title", d, ferr)
}

func (h *Web) campaigns(w http.ResponseWriter, r *http.Request) error {
	return h.campaignsPage(w, r, url.Values{}, nil)
}

func (h *Web) createCampaign(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	adopter, _ := strconv.ParseInt(f.Get("adopter"), 10, 64)
	var countries []string
	for _, c := range f["countries"] {
		countries = append(countries, strings.ToUpper(strings.TrimSpace(c)))
	}
	c, err := h.Svc.CreateCampaign(r.Context(), auth.FromContext(r.Context()), CampaignInput{AdopterID: adopter, Title: f.Get("title"),
		Audience: f.Get("audience"), Channels: f["channels"], Countries: countries, Languages: f["languages"],
		StartsOn: f.Get("starts_on"), EndsOn: f.Get("ends_on"), Messages: f.Get("messages")})
	if web.IsFormError(err) {
		return h.campaignsPage(w, r, f, err)
	}
	if err != nil {
		return err
	}
	return web.Redirect(w, r, campaignPath(c.ID), "flash.blueheart_campaign_created")
}

// campaignData is one campaign's page.
type campaignData struct {
	C       *Campaign
	Adopter *Adopter
	Staff   bool
	Values  url.Values
}

// campaignPage shows a campaign; with ferr, the form that failed on it
// keeps what was typed.
func (h *Web) campaignPage(w http.ResponseWriter, r *http.Request, id int64, ferr error) error {
	by := auth.FromContext(r.Context())
	c, err := h.Svc.Campaign(r.Context(), id)
	if err != nil {
		return err
	}
	d := campaignData{C: c, Staff: isStaff(by), Values: url.Values{}}
	if ferr != nil {
		d.Values = r.PostForm
	}
	if c.AdopterID != 0 {
		if p, err := h.Svc.Adopter(r.Context(), by, c.AdopterID); err == nil {
			d.Adopter = p.A
		} else if !errs.Is(err, errs.KindNotFound) {
			return err
		}
	}
	return h.UI.ShowForm(w, r, "engagement/campaign", "blueheart.campaign_title", d, ferr)
}

func (h *Web) campaign(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.campaignPage(w, r, id, nil)
}

// decimal reads a measured value typed in field name.
func decimal(f url.Values, name string, bad *errs.Error) float64 {
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(f.Get(name)), ",", "."), 64)
	if err != nil || v != v || v > 1e12 || v < -1e12 {
		bad.Field(name, "err.blueheart_number")
	}
	return v
}

func (h *Web) addMeasure(w http.ResponseWriter, r *http.Request) error {
	measures := func(id int64) string { return campaignPath(id) + "#measures" }
	return web.OnObject(w, r, "flash.blueheart_measure_added", measures, h.campaignPage, func(id int64) error {
		f := r.PostForm
		bad := errs.Invalid()
		m := Measure{Name: f.Get("name"), Unit: f.Get("unit"), Better: f.Get("better"), Source: f.Get("source"),
			Baseline: decimal(f, "baseline", bad), FollowUp: decimal(f, "follow_up", bad)}
		m.SampleSize, _ = strconv.Atoi(strings.TrimSpace(f.Get("sample_size")))
		if err := bad.OrNil(); err != nil {
			return err
		}
		_, err := h.Svc.AddMeasure(r.Context(), auth.FromContext(r.Context()), id, m)
		return err
	})
}
