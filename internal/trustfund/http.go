package trustfund

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the fund's pages, its API and its profile section.
type Web struct {
	Svc *Service
	UI  *web.UI
	Geo *geo.Service
}

// formLimit caps the fund's forms.
const formLimit = 256 << 10

// FileLimits bound a document attached to a proposal.
var FileLimits = intake.Limits{Bytes: 10 << 20}

// Register adds the fund's pages and routes: the public account and the
// pledge form; the NGOs', reviewers', trustees' and fund manager's work.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("trustfund", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, in, ngo, mgr, trustee, rev, small := auth.Public(), insiderPolicy(), ngoPolicy(), managerPolicy(), trusteePolicy(), reviewerPolicy(), web.BodyLimit(formLimit)
	rt.Handle("GET /trustfund", pub, h.dashboard)
	rt.Handle("GET /trustfund/give", pub, h.giveForm)
	rt.Handle("POST /trustfund/give", pub, h.give, small)
	rt.Handle("GET /trustfund/calls", pub, h.calls)
	rt.Handle("GET /trustfund/calls/{id}", pub, h.call)
	rt.Handle("GET /trustfund/grants.csv", pub, h.grantsCSV)
	rt.Handle("GET /trustfund/iati.xml", pub, h.iati)
	rt.Handle("GET /api/v1/trustfund/summary", pub, h.apiSummary)

	rt.Handle("GET /trustfund/org", ngo, h.orgPage)
	rt.Handle("POST /trustfund/org", ngo, h.saveOrg, small)
	rt.Handle("POST /trustfund/calls/{id}/proposals", ngo, h.createProposal, small)
	rt.Handle("GET /trustfund/proposals", in, h.proposals)
	rt.Handle("GET /trustfund/proposals/{id}", in, h.proposal)
	rt.Handle("POST /trustfund/proposals/{id}", ngo, h.saveProposal, small)
	rt.Handle("POST /trustfund/proposals/{id}/submit", ngo, h.submit, small)
	rt.Handle("POST /trustfund/proposals/{id}/files", ngo, h.attach, web.UploadLimit(FileLimits))
	rt.Handle("GET /trustfund/proposals/{id}/files/{file}", in, web.Download(h.file))
	rt.Handle("POST /trustfund/proposals/{id}/screen", mgr, h.screen, small)
	rt.Handle("POST /trustfund/proposals/{id}/reviewers", mgr, h.assign, small)
	rt.Handle("POST /trustfund/proposals/{id}/scores", rev, h.score, small)
	rt.Handle("POST /trustfund/proposals/{id}/declare", trustee, h.declare, small)
	rt.Handle("POST /trustfund/proposals/{id}/vote", trustee, h.vote, small)
	rt.Handle("POST /trustfund/proposals/{id}/decide", mgr, h.decide, small)
	rt.Handle("GET /trustfund/grants", auth.Roles(auth.RoleNGO, auth.RoleFundManager, auth.RoleAdmin), h.grants)
	rt.Handle("GET /trustfund/grants/{id}", auth.Roles(auth.RoleNGO, auth.RoleFundManager, auth.RoleAdmin), h.grant)
	rt.Handle("POST /trustfund/grants/{id}/tranches/{n}/pay", mgr, h.pay, small)
	rt.Handle("POST /trustfund/grants/{id}/report", ngo, h.report, small)
	rt.Handle("POST /trustfund/grants/{id}/report/decide", mgr, h.decideReport, small)

	rt.Handle("GET /trustfund/manage", mgr, h.manage)
	rt.Handle("POST /trustfund/calls", mgr, h.openCall, small)
	rt.Handle("POST /trustfund/contributions", mgr, h.contribute, small)
	rt.Handle("POST /trustfund/fees", mgr, h.fee, small)
	rt.Handle("POST /trustfund/contributions/{id}/received", mgr, h.receive, small)
	rt.Handle("POST /trustfund/orgs/{id}/verify", mgr, h.verify, small)
	rt.Handle("POST /trustfund/calls/{id}/reserve", mgr, h.fundReserve, small)
	return nil
}

// usd reads a USD amount typed in field name into cents ("" stays 0).
func usd(f url.Values, name string) (int64, error) {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := ParseAmount(s, "USD")
	if e := errs.As(err); e != nil && len(e.Fields) > 0 {
		for i := range e.Fields {
			e.Fields[i].Field = name
		}
	}
	return n, err
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// dashboard is the public account of the fund.
func (h *Web) dashboard(w http.ResponseWriter, r *http.Request) error {
	d, err := h.Svc.PublicDashboard(r.Context())
	return h.UI.ShowRead(w, r, "trustfund/dashboard", "trustfund.title", d, err)
}

type giveData struct {
	Currencies []string
	Values     url.Values
	Done       *Contribution
}

func (h *Web) giveForm(w http.ResponseWriter, r *http.Request) error {
	return h.UI.Show(w, r, "trustfund/give", "trustfund.give_title", giveData{Currencies: Currencies(), Values: url.Values{"currency": {"USD"}}})
}

// give records a pledge from the public form and shows how to pay.
func (h *Web) give(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	c, err := h.Svc.Pledge(r.Context(), ContributionInput{DonorName: f.Get("name"), Email: f.Get("email"),
		ConsentNamed: f.Get("consent") == "yes", Amount: f.Get("amount"), Currency: f.Get("currency"), Message: f.Get("message")})
	d := giveData{Currencies: Currencies(), Values: f}
	if web.IsFormError(err) {
		return h.UI.FormError(w, r, "trustfund/give", "trustfund.give_title", d, err)
	}
	if err != nil {
		return err
	}
	d.Done = c
	return h.UI.Show(w, r, "trustfund/give", "trustfund.give_title", d)
}

type callsData struct {
	Calls []*Call
	Now   time.Time
}

func (h *Web) calls(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Svc.Calls(r.Context())
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "trustfund/calls", "trustfund.calls_title", callsData{Calls: cs, Now: h.Svc.now()})
}

type callData struct {
	C        *Call
	Open     bool
	CanApply bool
	Mine     *Proposal
	Manager  bool
}

// Criteria are the call's eligibility criteria, for the template.
func (callData) Criteria() []string { return Criteria }

// call shows a call: its window, limits and criteria; an NGO applies from it.
func (h *Web) call(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := h.Svc.Call(r.Context(), id)
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	d := callData{C: c, Open: c.OpenAt(h.Svc.now()), Manager: isManager(by)}
	if by.Has(auth.RoleNGO) {
		ps, err := h.Svc.Proposals(r.Context(), by, id)
		if err != nil {
			return err
		}
		for _, p := range ps {
			d.Mine = p.Proposal
		}
		d.CanApply = d.Open && d.Mine == nil
	}
	return h.UI.Show(w, r, "trustfund/call", "trustfund.call_title", d)
}
