package omnibus

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

type cyclesData struct {
	Cycles  []*Cycle
	Today   time.Time
	CanDraw bool
}

func (h *Web) cycles(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Svc.Cycles(r.Context())
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "omnibus/cycles", "omnibus.cycles_title",
		cyclesData{Cycles: cs, Today: h.Svc.Today(), CanDraw: isSecretariat(auth.FromContext(r.Context()))})
}

type cycleData struct {
	Cycle       *Cycle
	Phase       Phase
	Phases      []Phase
	Today       time.Time
	Secretariat bool
}

// cycle shows one cycle: its phases and deadlines, and each State under
// review with its two reviewing States.
func (h *Web) cycle(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	c, err := h.Svc.Cycle(r.Context(), id)
	if err != nil {
		return err
	}
	today := h.Svc.Today()
	return h.UI.Show(w, r, "omnibus/cycle", "omnibus.cycle_title", cycleData{Cycle: c, Phase: c.PhaseOn(today), Phases: Phases,
		Today: today, Secretariat: isSecretariat(auth.FromContext(r.Context()))})
}

type drawData struct {
	Questionnaires []*Questionnaire
	Values         url.Values
	Result         *DrawResult
	DrawErr        *DrawError
}

// newCycle is the draw form, filled with a fresh seed.
func (h *Web) newCycle(w http.ResponseWriter, r *http.Request) error {
	today := h.Svc.Today().Format(time.DateOnly)
	v := url.Values{"seed": {strconv.FormatInt(time.Now().UnixNano()%1_000_000, 10)}, "as_of": {today}, "starts_on": {today}}
	return h.UI.Show(w, r, "omnibus/draw", "omnibus.draw_title", drawData{Questionnaires: h.Svc.Questionnaires(), Values: v})
}

// drawRequest reads the draw form.
func drawRequest(f url.Values) (DrawRequest, error) {
	req := DrawRequest{Instrument: f.Get("instrument"), Cycle: strings.TrimSpace(f.Get("cycle"))}
	bad := errs.Invalid()
	seed, err := strconv.ParseInt(strings.TrimSpace(f.Get("seed")), 10, 64)
	if err != nil {
		bad.Field("seed", "err.omnibus_bad_seed")
	}
	req.Seed = seed
	for name, dst := range map[string]*time.Time{"as_of": &req.AsOf, "starts_on": &req.StartsOn} {
		if s := strings.TrimSpace(f.Get(name)); s != "" {
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				bad.Field(name, "err.omnibus_bad_date")
			}
			*dst = t
		}
	}
	for _, c := range strings.FieldsFunc(f.Get("under_review"), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' }) {
		req.UnderReview = append(req.UnderReview, strings.ToUpper(c))
	}
	return req, bad.OrNil()
}

// drawCycle previews a draw ("preview") or records it ("commit").
func (h *Web) drawCycle(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	d := drawData{Questionnaires: h.Svc.Questionnaires(), Values: r.PostForm}
	req, err := drawRequest(r.PostForm)
	if err == nil {
		if r.PostForm.Get("action") == "commit" {
			var c *Cycle
			if c, err = h.Svc.CommitDraw(r.Context(), by, req); err == nil {
				return web.Redirect(w, r, fmt.Sprintf("/omnibus/cycles/%d", c.ID), "flash.omnibus_drawn")
			}
		} else {
			d.Result, err = h.Svc.Draw(r.Context(), by, req)
		}
	}
	if de, ok := err.(*DrawError); ok {
		d.DrawErr = de
		p := h.UI.NewPage(w, r, "omnibus.draw_title", d)
		p.Status = http.StatusUnprocessableEntity
		return h.UI.Render(w, r, "omnibus/draw", p)
	}
	if web.IsFormError(err) || errs.Is(err, errs.KindConflict) {
		if errs.Is(err, errs.KindConflict) {
			e := errs.As(err)
			err = errs.Invalid().Field("cycle", e.Key, "Name", req.Cycle)
		}
		return h.UI.FormError(w, r, "omnibus/draw", "omnibus.draw_title", d, err)
	}
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "omnibus/draw", "omnibus.draw_title", d)
}

type reviewsData struct {
	Reviews []*Review
	Cycles  map[int64]*Cycle
}

func (h *Web) reviews(w http.ResponseWriter, r *http.Request) error {
	rs, err := h.Svc.Reviews(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	cs, err := h.Svc.Cycles(r.Context())
	if err != nil {
		return err
	}
	d := reviewsData{Reviews: rs, Cycles: map[int64]*Cycle{}}
	for _, c := range cs {
		d.Cycles[c.ID] = c
	}
	return h.UI.Show(w, r, "omnibus/reviews", "omnibus.reviews_title", d)
}

type reviewData struct {
	D        *Dossier
	Articles []ArticleView
	Kinds    []ObservationKind
	Values   url.Values
	Today    time.Time
}

func (h *Web) reviewPage(w http.ResponseWriter, r *http.Request, id int64, ferr error) error {
	d, err := h.Svc.Review(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	rd := reviewData{D: d, Kinds: ObservationKinds, Values: url.Values{}, Today: h.Svc.Today()}
	if d.Sheet != nil {
		rd.Articles = articleViews(d.Sheet, d.Comments)
	}
	if ferr != nil {
		rd.Values = r.PostForm
	}
	return h.UI.ShowForm(w, r, "omnibus/review", "omnibus.review_title", rd, ferr)
}

// review is the dossier of one review for its people.
func (h *Web) review(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.reviewPage(w, r, id, nil)
}

// onReview runs a form action on the review the path names: back to the
// review with a flash, or the review with the error beside its field.
func (h *Web) onReview(w http.ResponseWriter, r *http.Request, flash string, act func(by *auth.Principal, id int64) error) error {
	by := auth.FromContext(r.Context())
	return web.OnObject(w, r, flash, reviewPath, h.reviewPage, func(id int64) error { return act(by, id) })
}

func (h *Web) comment(w http.ResponseWriter, r *http.Request) error {
	return h.onReview(w, r, "flash.omnibus_commented", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.Comment(r.Context(), by, id, r.PostForm.Get("question"), r.PostForm.Get("body"))
		return err
	})
}

func (h *Web) addObservation(w http.ResponseWriter, r *http.Request) error {
	return h.onReview(w, r, "flash.omnibus_observation_added", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.AddObservation(r.Context(), by, id, ObservationKind(r.PostForm.Get("kind")), r.PostForm.Get("article"), r.PostForm.Get("body"))
		return err
	})
}

func (h *Web) deleteObservation(w http.ResponseWriter, r *http.Request) error {
	obs, err := web.PathID(r, "obs")
	if err != nil {
		return err
	}
	return h.onReview(w, r, "flash.omnibus_observation_deleted", func(by *auth.Principal, id int64) error {
		return h.Svc.DeleteObservation(r.Context(), by, id, obs)
	})
}

func (h *Web) send(w http.ResponseWriter, r *http.Request) error {
	return h.onReview(w, r, "flash.omnibus_sent", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.SendObservations(r.Context(), by, id)
		return err
	})
}

func (h *Web) answer(w http.ResponseWriter, r *http.Request) error {
	return h.onReview(w, r, "flash.omnibus_answered", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.AnswerObservations(r.Context(), by, id, r.PostForm.Get("answer"), r.PostForm.Get("comment"))
		return err
	})
}

func (h *Web) publish(w http.ResponseWriter, r *http.Request) error {
	return h.onReview(w, r, "flash.omnibus_published", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.PublishSummary(r.Context(), by, id, r.PostForm.Get("summary"))
		return err
	})
}

func (h *Web) assign(w http.ResponseWriter, r *http.Request) error {
	return h.onReview(w, r, "flash.omnibus_assigned", func(by *auth.Principal, id int64) error {
		_, err := h.Svc.Assign(r.Context(), by, id, r.PostForm.Get("email"), MemberRole(r.PostForm.Get("role")))
		return err
	})
}

func (h *Web) unassign(w http.ResponseWriter, r *http.Request) error {
	user, err := web.PathID(r, "user")
	if err != nil {
		return err
	}
	return h.onReview(w, r, "flash.omnibus_unassigned", func(by *auth.Principal, id int64) error {
		return h.Svc.Unassign(r.Context(), by, id, user)
	})
}

type summaryData struct {
	P     *Published
	Kinds []ObservationKind
}

// summary is the public record of a published review.
func (h *Web) summary(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.Svc.PublishedReview(r.Context(), id)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "omnibus/summary", "omnibus.summary_title", summaryData{P: p, Kinds: ObservationKinds})
}
