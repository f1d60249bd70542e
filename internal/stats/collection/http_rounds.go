package collection

import (
	"net/http"
	"net/url"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// roundForm is the open-or-edit form's values: as posted after a failure,
// else the round's own (or empty for a new one).
type roundForm struct {
	Values     url.Values
	Indicators []stats.Indicator
}

// Checked reports whether indicator code is ticked.
func (f roundForm) Checked(code string) bool {
	for _, v := range f.Values["indicators"] {
		if v == code {
			return true
		}
	}
	return false
}

func formOf(r *Round) roundForm {
	v := url.Values{}
	if r != nil {
		v.Set("name", r.Name)
		v.Set("years", YearsText(r.Years))
		v.Set("deadline", r.Deadline)
		v["indicators"] = r.Indicators
	}
	return roundForm{Values: v, Indicators: stats.Indicators}
}

func roundInput(r *http.Request) RoundInput {
	return RoundInput{Name: r.PostFormValue("name"), Years: r.PostFormValue("years"), Indicators: r.PostForm["indicators"],
		Deadline: r.PostFormValue("deadline")}
}

type roundsPage struct {
	Rounds  []RoundSummary
	Analyst bool
	Form    roundForm
	Today   string
}

func (h *Web) roundsData(r *http.Request) (*roundsPage, error) {
	by := auth.FromContext(r.Context())
	rs, err := h.Svc.Rounds(r.Context(), by)
	if err != nil {
		return nil, err
	}
	return &roundsPage{Rounds: rs, Analyst: isAnalyst(by), Form: formOf(nil), Today: h.Svc.Now().UTC().Format(time.DateOnly)}, nil
}

// rounds lists the rounds: analysts with their counts and the form to
// open one, a focal point with its own submission to each.
func (h *Web) rounds(w http.ResponseWriter, r *http.Request) error {
	d, err := h.roundsData(r)
	return h.UI.ShowRead(w, r, "collection/rounds", "collection.title", d, err)
}

func (h *Web) openRound(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	round, err := h.Svc.OpenRound(r.Context(), auth.FromContext(r.Context()), roundInput(r))
	if err != nil {
		d, derr := h.roundsData(r)
		if derr != nil {
			return derr
		}
		d.Form.Values = r.PostForm
		return h.UI.FormError(w, r, "collection/rounds", "collection.title", d, err)
	}
	return web.Redirect(w, r, roundPath(round.ID), "flash.collection_round_opened")
}

type roundPage struct {
	View      *RoundView
	Analyst   bool
	Own       *Submission // a focal point's submission, nil before it starts
	Countries map[string]string
	Form      roundForm
	Late      bool
}

func (h *Web) roundData(r *http.Request, id int64) (*roundPage, error) {
	by := auth.FromContext(r.Context())
	v, err := h.Svc.Round(r.Context(), by, id)
	if err != nil {
		return nil, err
	}
	d := &roundPage{View: v, Analyst: isAnalyst(by), Countries: map[string]string{}, Form: formOf(&v.Round),
		Late: v.Round.Late(h.Svc.Now())}
	lang := web.LangOf(r).Code
	for _, s := range v.Submissions {
		c, _ := h.Svc.Geo.Country(s.ISO3)
		d.Countries[s.ISO3] = c.Name(lang)
		if isFocalPointOf(by, s.ISO3) {
			own := s
			d.Own = &own
		}
	}
	return d, nil
}

// round shows a round: analysts its countries and their statuses and the
// edit form; a focal point its own submission.
func (h *Web) round(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	d, err := h.roundData(r, id)
	return h.UI.ShowRead(w, r, "collection/round", "collection.round_title", d, err)
}

func (h *Web) updateRound(w http.ResponseWriter, r *http.Request) error {
	id, err := postedID(r)
	if err != nil {
		return err
	}
	if _, err := h.Svc.UpdateRound(r.Context(), auth.FromContext(r.Context()), id, roundInput(r)); err != nil {
		d, derr := h.roundData(r, id)
		if derr != nil {
			return derr
		}
		d.Form.Values = r.PostForm
		return h.UI.FormError(w, r, "collection/round", "collection.round_title", d, err)
	}
	return web.Redirect(w, r, roundPath(id), "flash.collection_round_updated")
}

// roundStatus closes or reopens a round.
func (h *Web) roundStatus(status string) web.Handler {
	flash := map[string]string{RoundOpen: "flash.collection_round_reopened", RoundClosed: "flash.collection_round_closed"}[status]
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := web.PathID(r, "id")
		if err != nil {
			return err
		}
		if err := h.Svc.SetRoundStatus(r.Context(), auth.FromContext(r.Context()), id, status); err != nil {
			return err
		}
		return web.Redirect(w, r, roundPath(id), flash)
	}
}

// start opens (creating on first use) the focal point's submission.
func (h *Web) start(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	sub, err := h.Svc.Start(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return web.Redirect(w, r, submissionPath(sub.ID), "")
}
