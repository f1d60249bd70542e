package omnibus

import (
	"net/http"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// QuestionnaireSummary is a questionnaire in the API's list.
type QuestionnaireSummary struct {
	ID         string `json:"id"`
	Instrument string `json:"instrument"`
	Version    int    `json:"version"`
	Title      Text   `json:"title"`
	Articles   int    `json:"articles"`
	Questions  int    `json:"questions"`
}

// apiQuestionnaires lists the questionnaires as a bare array.
func (h *Web) apiQuestionnaires(w http.ResponseWriter, r *http.Request) error {
	out := []QuestionnaireSummary{}
	for _, q := range h.Svc.Questionnaires() {
		out = append(out, QuestionnaireSummary{ID: q.ID, Instrument: q.Instrument, Version: q.Version, Title: q.Title,
			Articles: len(q.Articles), Questions: q.QuestionCount()})
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// apiQuestionnaire returns a questionnaire whole, as its file declares it.
func (h *Web) apiQuestionnaire(w http.ResponseWriter, r *http.Request) error {
	q, err := h.Svc.Questionnaire(r.PathValue("id"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, q)
}

// apiGaps is the gap analysis of a State's self-assessment of an
// instrument, for those who may read the assessment.
func (h *Web) apiGaps(w http.ResponseWriter, r *http.Request) error {
	iso3 := strings.ToUpper(r.PathValue("iso3"))
	if !h.Geo.Known(iso3) {
		return errs.NotFound()
	}
	g, err := h.Svc.Gaps(r.Context(), auth.FromContext(r.Context()), iso3, r.PathValue("instrument"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, g)
}

// CycleJSON is a cycle as the API shows it, with its phase and deadlines.
type CycleJSON struct {
	*Cycle
	StartsOn          string    `json:"starts_on"`
	DrawnAsOf         string    `json:"drawn_as_of"`
	Phase             Phase     `json:"phase"`
	SelfAssessmentDue string    `json:"self_assessment_due"`
	FeedbackDue       string    `json:"feedback_due"`
	Reviews           []*Review `json:"reviews"`
}

func (h *Web) cycleJSON(c *Cycle) CycleJSON {
	out := CycleJSON{Cycle: c, StartsOn: c.StartsOn.Format("2006-01-02"), DrawnAsOf: c.DrawnAsOf.Format("2006-01-02"),
		Phase: c.PhaseOn(h.Svc.Today()), SelfAssessmentDue: c.SelfAssessmentDue().Format("2006-01-02"),
		FeedbackDue: c.FeedbackDue().Format("2006-01-02"), Reviews: c.Reviews}
	for _, rv := range out.Reviews {
		if rv.Status != ReviewPublished {
			// Only the published record is public: the State's answer
			// and the summary stay with the review's people until then.
			rv.StateAnswer, rv.StateComment, rv.Summary = "", "", ""
		}
	}
	if out.Reviews == nil {
		out.Reviews = []*Review{}
	}
	return out
}

func (h *Web) apiCycles(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Svc.Cycles(r.Context())
	if err != nil {
		return err
	}
	out := []CycleJSON{}
	for _, c := range cs {
		out = append(out, h.cycleJSON(c))
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"cycles": out})
}

func (h *Web) apiCycle(r *http.Request, id int64) (CycleJSON, error) {
	c, err := h.Svc.Cycle(r.Context(), id)
	if err != nil {
		return CycleJSON{}, err
	}
	return h.cycleJSON(c), nil
}
