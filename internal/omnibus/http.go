package omnibus

import (
	"net/http"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/htmlpdf"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the room's pages, its JSON API and its profile section.
type Web struct {
	Svc     *Service
	UI      *web.UI
	Geo     *geo.Service
	Printer htmlpdf.Printer
}

// formLimit caps the body of the room's forms (an article's answers
// included: ten thousand characters per text answer).
const formLimit = 512 << 10

// Register adds the room's pages and API routes. Public: the
// questionnaires, the cycles and their draws, published summaries. The
// rest is guarded by role here and by object in the service.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("omnibus", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, signed, answer, analysts, small := auth.Public(), signedInPolicy(), answererPolicy(), analystPolicy(), web.BodyLimit(formLimit)
	rt.Handle("GET /omnibus", pub, h.index)
	rt.Handle("GET /omnibus/questionnaires/{id}", pub, h.questionnaire)
	rt.Handle("GET /omnibus/cycles", pub, h.cycles)
	rt.Handle("GET /omnibus/cycles/{id}", pub, h.cycle)
	rt.Handle("GET /omnibus/reviews/{id}/summary", pub, h.summary)

	rt.Handle("GET /omnibus/assessments", signed, h.assessments)
	rt.Handle("POST /omnibus/assessments", answer, h.start, small)
	rt.Handle("GET /omnibus/assessments/{id}", signed, h.assessment)
	rt.Handle("GET /omnibus/assessments/{id}/articles/{article}", signed, h.article)
	rt.Handle("POST /omnibus/assessments/{id}/articles/{article}", answer, h.saveArticle, small)
	rt.Handle("POST /omnibus/assessments/{id}/files", answer, h.attach, web.UploadLimit(FileLimits))
	rt.Handle("GET /omnibus/assessments/{id}/files/{file}", signed, web.Download(h.file))
	rt.Handle("POST /omnibus/assessments/{id}/files/{file}/delete", answer, h.detach, small)
	rt.Handle("POST /omnibus/assessments/{id}/submit", answer, h.submit, small)
	rt.Handle("POST /omnibus/assessments/{id}/import", answer, h.importAnswers, small)
	rt.Handle("POST /omnibus/assessments/{id}/reopen", analysts, h.reopen, small)
	rt.Handle("GET /omnibus/assessments/{id}/gaps", signed, h.gaps)
	rt.Handle("GET /omnibus/assessments/{id}/export.xlsx", signed, h.exportXLSX)
	rt.Handle("GET /omnibus/assessments/{id}/export.pdf", signed, h.exportPDF)

	rt.Handle("GET /omnibus/overview", analysts, h.overview)
	rt.Handle("GET /omnibus/compare", analysts, h.compare)
	rt.Handle("GET /omnibus/cycles/new", analysts, h.newCycle)
	rt.Handle("POST /omnibus/cycles", analysts, h.drawCycle, small)

	rt.Handle("GET /omnibus/reviews", signed, h.reviews)
	rt.Handle("GET /omnibus/reviews/{id}", signed, h.review)
	rt.Handle("POST /omnibus/reviews/{id}/comments", signed, h.comment, small)
	rt.Handle("POST /omnibus/reviews/{id}/observations", signed, h.addObservation, small)
	rt.Handle("POST /omnibus/reviews/{id}/observations/{obs}/delete", signed, h.deleteObservation, small)
	rt.Handle("POST /omnibus/reviews/{id}/send", signed, h.send, small)
	rt.Handle("POST /omnibus/reviews/{id}/answer", answer, h.answer, small)
	rt.Handle("POST /omnibus/reviews/{id}/publish", analysts, h.publish, small)
	rt.Handle("POST /omnibus/reviews/{id}/members", analysts, h.assign, small)
	rt.Handle("POST /omnibus/reviews/{id}/members/{user}/delete", analysts, h.unassign, small)

	rt.Handle("GET /api/v1/omnibus/questionnaires", pub, h.apiQuestionnaires)
	rt.Handle("GET /api/v1/omnibus/questionnaires/{id}", pub, h.apiQuestionnaire)
	rt.Handle("GET /api/v1/omnibus/assessments/{iso3}/{instrument}/gaps", signed, h.apiGaps)
	rt.Handle("GET /api/v1/omnibus/cycles", pub, h.apiCycles)
	rt.Handle("GET /api/v1/omnibus/cycles/{id}", pub, web.ByID(h.apiCycle))
	return nil
}

type indexData struct {
	Questionnaires []*Questionnaire
	Cycles         []*Cycle
	Published      []*Review
	Today          any
	Signed         bool
	Secretariat    bool
}

// index is the room's front page: what the checklist is, its
// questionnaires, the review cycles and the published summaries.
func (h *Web) index(w http.ResponseWriter, r *http.Request) error {
	cycles, err := h.Svc.Cycles(r.Context())
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	d := indexData{Questionnaires: h.Svc.Questionnaires(), Cycles: cycles, Today: h.Svc.Today(),
		Signed: by.HasAny(readersOfAssessments...), Secretariat: isSecretariat(by)}
	for _, c := range cycles {
		for _, rv := range c.Reviews {
			if rv.Status == ReviewPublished {
				d.Published = append(d.Published, rv)
			}
		}
	}
	return h.UI.Show(w, r, "omnibus/index", "omnibus.title", d)
}

// questionnaire shows a questionnaire whole, for anyone to read.
func (h *Web) questionnaire(w http.ResponseWriter, r *http.Request) error {
	q, err := h.Svc.Questionnaire(r.PathValue("id"))
	return h.UI.ShowRead(w, r, "omnibus/questionnaire", "omnibus.questionnaire_title", q, err)
}

// instrumentParam reads ?instrument= against the loaded questionnaires.
func (h *Web) instrumentParam(r *http.Request) (*Questionnaire, error) {
	in := strings.TrimSpace(r.URL.Query().Get("instrument"))
	if in == "" {
		return h.Svc.Busiest(r.Context(), auth.FromContext(r.Context())), nil
	}
	q := h.Svc.Set.ForInstrument(in)
	if q == nil {
		return nil, errs.BadParam("instrument", "err.omnibus_unknown_instrument")
	}
	return q, nil
}
