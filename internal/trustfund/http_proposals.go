package trustfund

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

// budgetRows is how many budget lines the form offers.
const budgetRows = 8

// proposalInput reads the proposal form; amounts in USD.
func proposalInput(f url.Values) (Proposal, error) {
	p := Proposal{Title: f.Get("title"), Summary: f.Get("summary"), Country: strings.ToUpper(strings.TrimSpace(f.Get("country"))),
		Months: atoi(f.Get("months")), Assistance: f["assistance"],
		Beneficiaries: Beneficiaries{Women: atoi(f.Get("beneficiaries.women")), Men: atoi(f.Get("beneficiaries.men")),
			Girls: atoi(f.Get("beneficiaries.girls")), Boys: atoi(f.Get("beneficiaries.boys"))}}
	bad := errs.Invalid()
	var err error
	if p.RequestedMinor, err = usd(f, "requested"); err != nil {
		bad.Fields = append(bad.Fields, errs.As(err).Fields...)
	}
	for i := 0; i < budgetRows; i++ {
		cat, amount := f.Get(budgetField(i, "category")), strings.TrimSpace(f.Get(budgetField(i, "amount")))
		if cat == "" && amount == "" {
			continue
		}
		n, err := usd(f, budgetField(i, "amount"))
		if err != nil {
			bad.Fields = append(bad.Fields, errs.As(err).Fields...)
		}
		p.Budget = append(p.Budget, BudgetLine{Category: cat, Description: strings.TrimSpace(f.Get(budgetField(i, "description"))), AmountMinor: n})
	}
	return p, bad.OrNil()
}

type proposalsData struct {
	Rows []ProposalRow
}

func (h *Web) proposals(w http.ResponseWriter, r *http.Request) error {
	call, _ := strconv.ParseInt(r.URL.Query().Get("call"), 10, 64)
	rows, err := h.Svc.Proposals(r.Context(), auth.FromContext(r.Context()), call)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "trustfund/proposals", "trustfund.proposals_title", proposalsData{Rows: rows})
}

// proposalData is the proposal page: the dossier and, for the NGO's
// draft, the form's values.
type proposalData struct {
	D         *Dossier
	Values    url.Values
	Countries []geo.Country
	Rows      []int
}

// Statics for templates.
func (proposalData) AssistanceTypes() []string  { return AssistanceTypes }
func (proposalData) BudgetCategories() []string { return BudgetCategories }
func (proposalData) Rubric() []Criterion        { return Rubric }
func (proposalData) Votes() []string            { return Votes }

// Checked reports whether value is among the form's values of name.
func (d proposalData) Checked(name, value string) bool {
	for _, v := range d.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// values fills the form from a proposal.
func values(p *Proposal) url.Values {
	v := url.Values{"title": {p.Title}, "summary": {p.Summary}, "country": {p.Country}, "months": {strconv.Itoa(p.Months)},
		"assistance": p.Assistance, "requested": {FormatMinor(p.RequestedMinor, "USD")},
		"beneficiaries.women": {strconv.Itoa(p.Beneficiaries.Women)}, "beneficiaries.men": {strconv.Itoa(p.Beneficiaries.Men)},
		"beneficiaries.girls": {strconv.Itoa(p.Beneficiaries.Girls)}, "beneficiaries.boys": {strconv.Itoa(p.Beneficiaries.Boys)}}
	for i, l := range p.Budget {
		v.Set(budgetField(i, "category"), l.Category)
		v.Set(budgetField(i, "description"), l.Description)
		v.Set(budgetField(i, "amount"), FormatMinor(l.AmountMinor, "USD"))
	}
	return v
}

func (h *Web) proposalPage(w http.ResponseWriter, r *http.Request, id int64, ferr error) error {
	d, err := h.Svc.Proposal(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	pd := proposalData{D: d, Values: values(d.P), Countries: h.Geo.Countries()}
	for i := 0; i < budgetRows; i++ {
		pd.Rows = append(pd.Rows, i)
	}
	if ferr != nil {
		pd.Values = r.PostForm
	}
	return h.UI.ShowForm(w, r, "trustfund/proposal", "trustfund.proposal_title", pd, ferr)
}

func (h *Web) proposal(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.proposalPage(w, r, id, nil)
}

// createProposal starts the NGO's proposal to a call with its title.
func (h *Web) createProposal(w http.ResponseWriter, r *http.Request) error {
	call, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	p, err := h.Svc.CreateProposal(r.Context(), by, call, Proposal{Title: r.PostForm.Get("title")})
	if err != nil {
		return err
	}
	return web.Redirect(w, r, proposalPath(p.ID), "flash.trustfund_created")
}

// onProposal runs act on the proposal the path names and goes back to it,
// or shows it with the error beside its field.
func (h *Web) onProposal(w http.ResponseWriter, r *http.Request, flash string, act func(by *auth.Principal, id int64) error) error {
	by := auth.FromContext(r.Context())
	return web.OnObject(w, r, flash, proposalPath, h.proposalPage, func(id int64) error { return act(by, id) })
}

func (h *Web) saveProposal(w http.ResponseWriter, r *http.Request) error {
	return h.onProposal(w, r, "flash.trustfund_saved", func(by *auth.Principal, id int64) error {
		in, err := proposalInput(r.PostForm)
		if err != nil {
			return err
		}
		_, err = h.Svc.SaveProposal(r.Context(), by, id, in)
		return err
	})
}

func (h *Web) submit(w http.ResponseWriter, r *http.Request) error {
	return h.onProposal(w, r, "flash.trustfund_submitted", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.Submit(r.Context(), by, id)
		return err
	})
}

func (h *Web) screen(w http.ResponseWriter, r *http.Request) error {
	return h.onProposal(w, r, "flash.trustfund_screened", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.Screen(r.Context(), by, id, r.PostForm.Get("eligible") == "yes", r.PostForm.Get("reason"))
		return err
	})
}

func (h *Web) assign(w http.ResponseWriter, r *http.Request) error {
	return h.onProposal(w, r, "flash.trustfund_assigned", func(by *auth.Principal, id int64) error {
		return h.Svc.AssignReviewer(r.Context(), by, id, r.PostForm.Get("email"))
	})
}

func (h *Web) score(w http.ResponseWriter, r *http.Request) error {
	return h.onProposal(w, r, "flash.trustfund_scored", func(by *auth.Principal, id int64) error {
		var scores []Score
		for _, c := range Rubric {
			scores = append(scores, Score{Criterion: c.Key, Score: atoi(r.PostForm.Get("score." + c.Key)), Comment: r.PostForm.Get("comment." + c.Key)})
		}
		return h.Svc.ScoreProposal(r.Context(), by, id, scores)
	})
}

func (h *Web) declare(w http.ResponseWriter, r *http.Request) error {
	return h.onProposal(w, r, "flash.trustfund_declared", func(by *auth.Principal, id int64) error {
		return h.Svc.Declare(r.Context(), by, id, r.PostForm.Get("conflicted") == "yes", r.PostForm.Get("reason"))
	})
}

func (h *Web) vote(w http.ResponseWriter, r *http.Request) error {
	return h.onProposal(w, r, "flash.trustfund_voted", func(by *auth.Principal, id int64) error {
		return h.Svc.Vote(r.Context(), by, id, r.PostForm.Get("vote"))
	})
}

func (h *Web) decide(w http.ResponseWriter, r *http.Request) error {
	return h.onProposal(w, r, "flash.trustfund_decided", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.Decide(r.Context(), by, id)
		if errs.Is(err, errs.KindConflict) {
			e := errs.As(err)
			return errs.Invalid().Field("decision", e.Key, argPairs(e.Args)...)
		}
		return err
	})
}

// argPairs turns an error's arguments back into name, value pairs.
func argPairs(m map[string]any) []any {
	var out []any
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}

// attach takes a document for the NGO's draft, once the service has said
// the reader may change it.
func (h *Web) attach(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	files := func(id int64) string { return proposalPath(id) + "#files" }
	return web.OnObject(w, r, "flash.trustfund_attached", files, h.proposalPage, func(id int64) error {
		up, err := web.ReadFile(r, "file", FileLimits, func() error { return h.Svc.MayEditProposal(r.Context(), by, id) })
		if err == nil {
			_, err = h.Svc.Attach(r.Context(), by, id, up.Name, up.Data)
		}
		return err
	})
}

// file sends a document of a proposal, never shown inline.
func (h *Web) file(r *http.Request, id, fid int64) (web.StoredFile, error) {
	f, err := h.Svc.File(r.Context(), auth.FromContext(r.Context()), id, fid)
	if err != nil {
		return web.StoredFile{}, err
	}
	return web.StoredFile{Name: f.Name, Data: f.Data}, nil
}
