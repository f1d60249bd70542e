package trustfund

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

type grantsData struct{ Rows []GrantRow }

func (h *Web) grants(w http.ResponseWriter, r *http.Request) error {
	rows, err := h.Svc.Grants(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "trustfund/grants", "trustfund.grants_title", grantsData{Rows: rows})
}

type grantData struct {
	V      *GrantView
	Today  time.Time
	Values url.Values
}

// BudgetCategories are the report form's lines.
func (grantData) BudgetCategories() []string { return BudgetCategories }

func (h *Web) grantPage(w http.ResponseWriter, r *http.Request, id int64, ferr error) error {
	v, err := h.Svc.Grant(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	d := grantData{V: v, Today: h.Svc.now(), Values: url.Values{}}
	if ferr != nil {
		d.Values = r.PostForm
	}
	return h.UI.ShowForm(w, r, "trustfund/grant", "trustfund.grant_title", d, ferr)
}

func (h *Web) grant(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.grantPage(w, r, id, nil)
}

func (h *Web) onGrant(w http.ResponseWriter, r *http.Request, flash string, act func(by *auth.Principal, id int64) error) error {
	by := auth.FromContext(r.Context())
	return web.OnObject(w, r, flash, grantPath, h.grantPage, func(id int64) error {
		err := act(by, id)
		if errs.Is(err, errs.KindConflict) {
			e := errs.As(err)
			err = errs.Invalid().Field("grant", e.Key, argPairs(e.Args)...)
		}
		return err
	})
}

func (h *Web) pay(w http.ResponseWriter, r *http.Request) error {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return errs.NotFound()
	}
	return h.onGrant(w, r, "flash.trustfund_paid", func(by *auth.Principal, id int64) error { return h.Svc.PayTranche(r.Context(), by, id, n) })
}

func (h *Web) report(w http.ResponseWriter, r *http.Request) error {
	return h.onGrant(w, r, "flash.trustfund_reported", func(by *auth.Principal, id int64) error {
		in := Report{Narrative: r.PostForm.Get("narrative"), Expenditure: map[string]int64{},
			Assisted: Beneficiaries{Women: atoi(r.PostForm.Get("assisted.women")), Men: atoi(r.PostForm.Get("assisted.men")),
				Girls: atoi(r.PostForm.Get("assisted.girls")), Boys: atoi(r.PostForm.Get("assisted.boys"))}}
		for _, c := range BudgetCategories {
			n, err := usd(r.PostForm, "expenditure."+c)
			if err != nil {
				return err
			}
			if n > 0 {
				in.Expenditure[c] = n
			}
		}
		return h.Svc.SubmitReport(r.Context(), by, id, in)
	})
}

func (h *Web) decideReport(w http.ResponseWriter, r *http.Request) error {
	return h.onGrant(w, r, "flash.trustfund_report_decided", func(by *auth.Principal, id int64) error {
		return h.Svc.DecideReport(r.Context(), by, id, r.PostForm.Get("approve") == "yes", r.PostForm.Get("note"))
	})
}

type orgData struct {
	O         *Org
	Values    url.Values
	Countries []geo.Country
}

func (h *Web) orgPage(w http.ResponseWriter, r *http.Request) error {
	o, err := h.Svc.MyOrg(r.Context(), auth.FromContext(r.Context()))
	if err != nil && !errs.Is(err, errs.KindNotFound) {
		return err
	}
	v := url.Values{}
	if o != nil {
		v = orgValues(o)
	}
	return h.UI.Show(w, r, "trustfund/org", "trustfund.org_title", orgData{O: o, Values: v, Countries: h.Geo.Countries()})
}

func orgValues(o *Org) url.Values {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return ""
	}
	return url.Values{"name": {o.Name}, "country": {o.Country}, "registration_number": {o.RegistrationNumber},
		"assisting_since": {strconv.Itoa(o.AssistingSince)}, "profile": {o.Profile}, "non_profit": {yes(o.NonProfit)},
		"bank_account": {yes(o.BankAccount)}, "psea": {yes(o.PSEA)}}
}

func (h *Web) saveOrg(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	_, err := h.Svc.SaveOrg(r.Context(), auth.FromContext(r.Context()), Org{Name: f.Get("name"), Country: f.Get("country"),
		RegistrationNumber: f.Get("registration_number"), AssistingSince: atoi(f.Get("assisting_since")), Profile: f.Get("profile"),
		NonProfit: f.Get("non_profit") == "yes", BankAccount: f.Get("bank_account") == "yes", PSEA: f.Get("psea") == "yes"})
	if web.IsFormError(err) {
		return h.UI.FormError(w, r, "trustfund/org", "trustfund.org_title", orgData{Values: f, Countries: h.Geo.Countries()}, err)
	}
	if err != nil {
		return err
	}
	return web.Redirect(w, r, "/trustfund/org", "flash.trustfund_org_saved")
}
