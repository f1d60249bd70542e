package trustfund

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

type manageData struct {
	Books   *Books
	Orgs    []*Org
	Calls   []*Call
	Grants  []GrantRow
	Overdue []GrantRow
	Values  url.Values
	Now     time.Time
}

// Statics for the manage page's forms.
func (manageData) DonorKinds() []DonorKind   { return DonorKinds }
func (manageData) Channels() []string        { return Channels }
func (manageData) Currencies() []string      { return Currencies() }
func (manageData) AssistanceTypes() []string { return AssistanceTypes }

func (h *Web) managePage(w http.ResponseWriter, r *http.Request, ferr error) error {
	by := auth.FromContext(r.Context())
	books, err := h.Svc.Books(r.Context(), by)
	if err != nil {
		return err
	}
	d := manageData{Books: books, Values: url.Values{}, Now: h.Svc.now()}
	if d.Orgs, err = h.Svc.Orgs(r.Context(), by); err != nil {
		return err
	}
	if d.Calls, err = h.Svc.Calls(r.Context()); err != nil {
		return err
	}
	if d.Grants, err = h.Svc.Grants(r.Context(), by); err != nil {
		return err
	}
	for _, g := range d.Grants {
		if g.G.Report != nil && g.G.Report.Overdue(d.Now) {
			d.Overdue = append(d.Overdue, g)
		}
	}
	if ferr != nil {
		d.Values = r.PostForm
	}
	return h.UI.ShowForm(w, r, "trustfund/manage", "trustfund.manage_title", d, ferr)
}

func (h *Web) manage(w http.ResponseWriter, r *http.Request) error { return h.managePage(w, r, nil) }

// onManage runs a form of the manage page and comes back to it.
func (h *Web) onManage(w http.ResponseWriter, r *http.Request, flash, anchor string, act func(by *auth.Principal) error) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	err := act(auth.FromContext(r.Context()))
	if errs.Is(err, errs.KindConflict) {
		e := errs.As(err)
		err = errs.Invalid().Field("amount", e.Key, argPairs(e.Args)...)
	}
	if web.IsFormError(err) {
		return h.managePage(w, r, err)
	}
	if err != nil {
		return err
	}
	return web.Redirect(w, r, "/trustfund/manage#"+anchor, flash)
}

// localTime reads a date and time typed in the call's time zone.
func localTime(day, clock, zone string) (time.Time, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, errs.Invalid().Field("time_zone", "err.trustfund_time_zone")
	}
	if clock == "" {
		clock = "23:59"
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(day)+" "+strings.TrimSpace(clock), loc)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

func (h *Web) openCall(w http.ResponseWriter, r *http.Request) error {
	return h.onManage(w, r, "flash.trustfund_call_opened", "calls", func(by *auth.Principal) error {
		f := r.PostForm
		bad := errs.Invalid()
		c := Call{Title: f.Get("title"), Description: f.Get("description"), TimeZone: strings.TrimSpace(f.Get("time_zone")),
			MaxMonths: atoi(f.Get("max_months")), Priorities: f["priorities"], Documents: splitList(f.Get("documents"))}
		for _, iso3 := range splitList(strings.ToUpper(f.Get("countries"))) {
			c.Countries = append(c.Countries, iso3)
		}
		var err error
		if c.OpensAt, err = localTime(f.Get("opens_on"), "00:00", c.TimeZone); err != nil {
			bad.Fields = append(bad.Fields, fieldsOr(err, "opens_on")...)
		}
		if c.ClosesAt, err = localTime(f.Get("closes_on"), f.Get("closes_at"), c.TimeZone); err != nil {
			bad.Fields = append(bad.Fields, fieldsOr(err, "closes_on")...)
		}
		if c.MinMinor, err = usd(f, "min"); err != nil {
			bad.Fields = append(bad.Fields, errs.As(err).Fields...)
		}
		if c.MaxMinor, err = usd(f, "max"); err != nil {
			bad.Fields = append(bad.Fields, errs.As(err).Fields...)
		}
		if err := bad.OrNil(); err != nil {
			return err
		}
		_, err = h.Svc.OpenCall(r.Context(), by, c)
		return err
	})
}

// fieldsOr returns err's field errors, or one on field when it has none.
func fieldsOr(err error, field string) []errs.FieldError {
	if e := errs.As(err); e != nil && len(e.Fields) > 0 {
		return e.Fields
	}
	return []errs.FieldError{{Field: field, Key: "err.trustfund_date"}}
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (h *Web) contribute(w http.ResponseWriter, r *http.Request) error {
	return h.onManage(w, r, "flash.trustfund_contribution", "money", func(by *auth.Principal) error {
		f := r.PostForm
		on, err := time.Parse("2006-01-02", strings.TrimSpace(f.Get("on")))
		if err != nil {
			return errs.Invalid().Field("on", "err.trustfund_date")
		}
		_, err = h.Svc.RecordContribution(r.Context(), by, ContributionInput{DonorKind: DonorKind(f.Get("donor_kind")),
			DonorName: f.Get("donor_name"), DonorCountry: strings.ToUpper(strings.TrimSpace(f.Get("donor_country"))),
			ConsentNamed: f.Get("consent") == "yes", Status: f.Get("status"), Amount: f.Get("amount"), Currency: f.Get("currency"),
			Rate: f.Get("rate"), Earmark: f.Get("earmark"), Channel: f.Get("channel"), On: on})
		return err
	})
}

func (h *Web) fee(w http.ResponseWriter, r *http.Request) error {
	return h.onManage(w, r, "flash.trustfund_fee", "money", func(by *auth.Principal) error {
		return h.Svc.RecordFee(r.Context(), by, r.PostForm.Get("amount"), r.PostForm.Get("note"))
	})
}

func (h *Web) verify(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.onManage(w, r, "flash.trustfund_verified", "ngos", func(by *auth.Principal) error { return h.Svc.VerifyOrg(r.Context(), by, id) })
}

func (h *Web) fundReserve(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.onManage(w, r, "flash.trustfund_reserve_funded", "calls", func(by *auth.Principal) error {
		_, err := h.Svc.FundReserve(r.Context(), by, id)
		return err
	})
}

// receive records that a pledge was paid, at the rate of the day.
func (h *Web) receive(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.onManage(w, r, "flash.trustfund_received", "money", func(by *auth.Principal) error {
		_, err := h.Svc.ReceivePledge(r.Context(), by, id, r.PostForm.Get("rate"), h.Svc.now())
		return err
	})
}
