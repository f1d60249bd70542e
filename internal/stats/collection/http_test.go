package collection_test

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

// The stable ids of the 2022 detected-victims cells the scenario fills.
const (
	totalID  = "cell-detected_victims-2022-total-total-total-total"
	femaleID = "cell-detected_victims-2022-total-total-female-total"
	maleID   = "cell-detected_victims-2022-total-total-male-total"
)

var answerButton = regexp.MustCompile(`id="answer-submit-(\d+)"`)

// cells is the questionnaire form with the three cells and an intent.
func cells(total, female, male, intent string) url.Values {
	return url.Values{totalID: {total}, femaleID: {female}, maleID: {male}, "intent": {intent}}
}

// TestWorkflowOverHTTP drives the browser scenario through the pages: a
// focal point submits with an error (shown beside the cell), uploads a
// spreadsheet with an error (shown with its cell reference), fixes and
// submits; an analyst queries a cell, the focal point revises, the analyst
// validates and publishes, and the public API shows the figure. Kenya's
// focal point gets 404 for Iceland's submission throughout.
func TestWorkflowOverHTTP(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		an := signIn(t, srv, "analyst@example.org", auth.RoleAnalyst)
		fp := signIn(t, srv, "fp@example.org", auth.RoleFocalPoint)
		ken, kenToken := kenyaFocalPoint(t, srv)

		body, _ := post(t, srv, an, "/stats/collection/rounds", url.Values{"name": {"GLOTIP 2024"}, "years": {"2022"}, "deadline": {"2030-06-30"}},
			http.StatusUnprocessableEntity)
		mustContain(t, "round form without indicators", body, `id="f-indicators-error"`, `value="GLOTIP 2024"`)
		_, loc := post(t, srv, an, "/stats/collection/rounds", url.Values{"name": {"GLOTIP 2024"}, "years": {"2022"},
			"indicators": {"detected_victims"}, "deadline": {"2030-06-30"}}, http.StatusSeeOther)
		roundID := strings.TrimPrefix(loc, "/stats/collection/rounds/")

		mustContain(t, "the focal point's rounds", srv.GetStatus(t, fp, "/stats/collection", 200), `id="start-`+roundID+`"`)
		_, loc = post(t, srv, fp, "/stats/collection/rounds/"+roundID+"/start", nil, http.StatusSeeOther)
		page := loc
		subID := strings.TrimPrefix(page, "/stats/collection/submissions/")
		body = srv.GetStatus(t, fp, page, 200)
		mustContain(t, "the questionnaire", body, `id="`+totalID+`"`, `id="submit-questionnaire"`, `id="save-draft"`,
			`id="download-questionnaire"`, `id="upload-form"`, `data-status="draft"`)
		checkStructure(t, "the focal point's questionnaire", body)
		if strings.Contains(body, `id="raise-query"`) || strings.Contains(body, `id="publish-submission"`) {
			t.Error("the focal point is offered the analyst's actions")
		}

		body, _ = post(t, srv, fp, page+"/save", cells("12", "10", "8", "submit"), http.StatusUnprocessableEntity)
		mustContain(t, "a refused submit", body, `id="submit-refused"`, `id="`+totalID+`-error"`,
			"Female and male add up to at least 18, more than the total (12).", `value="10"`)
		checkStructure(t, "a refused submit", body)

		res := srv.Get(t, fp, page+"/questionnaire.xlsx")
		xlsx := []byte(apptest.ReadBody(t, res))
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("download: %d %s", res.StatusCode, res.Header)
		}
		x, err := excelize.OpenReader(bytes.NewReader(xlsx))
		if err != nil {
			t.Fatal(err)
		}
		female := row(t, x, "Total", "Total", "Female", "Total")
		x.SetCellValue("data_glotip_1", "L"+strconv.Itoa(female), "ten")
		var buf bytes.Buffer
		x.WriteTo(&buf)
		status, body := uploadFile(t, srv, fp, page+"/upload", "filled.xlsx", buf.Bytes())
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("upload with an error: %d", status)
		}
		mustContain(t, "the upload report", body, `id="upload-report"`, "L"+strconv.Itoa(female)+": &#34;ten&#34; is neither a count nor &lt;5.")

		for _, path := range []string{page, page + "/questionnaire.xlsx", page + "/versions/1"} {
			srv.GetStatus(t, ken, path, http.StatusNotFound)
		}
		post(t, srv, ken, page+"/save", cells("1", "", "", "save"), http.StatusNotFound)
		if code, _ := srv.APIText(t, "GET", "/api/v1/stats/submissions/"+subID, kenToken, ""); code != http.StatusNotFound {
			t.Fatalf("Kenya's token reads Iceland's draft: %d", code)
		}
		if b := srv.GetStatus(t, ken, "/stats/collection/rounds/"+roundID, 200); strings.Contains(b, "submission-link-ISL") {
			t.Fatal("Kenya's focal point sees Iceland's submission in the round")
		}

		_, loc = post(t, srv, fp, page+"/save", cells("18", "10", "8", "submit"), http.StatusSeeOther)
		mustContain(t, "after submit", srv.GetStatus(t, fp, loc, 200), `data-status="submitted"`, "Your questionnaire was submitted.")

		body = srv.GetStatus(t, an, page, 200)
		mustContain(t, "the analyst's view", body, `id="raise-query"`, `id="validate-submission"`, `id="return-submission"`)
		checkStructure(t, "the analyst's view", body)
		post(t, srv, an, page+"/queries", url.Values{"cell": {"detected_victims|2022|total|Total|female|total"},
			"question": {"Ten women? Please confirm."}}, http.StatusSeeOther)
		body = srv.GetStatus(t, fp, page, 200)
		m := answerButton.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no answer form for the focal point")
		}
		post(t, srv, fp, "/stats/collection/queries/"+m[1]+"/answer", url.Values{"answer": {"Counted twice."}, "value": {"9"}}, http.StatusSeeOther)
		mustContain(t, "after the answer", srv.GetStatus(t, an, page, 200), `data-status="draft"`, "value revised to 9")
		post(t, srv, fp, page+"/save", cells("18", "9", "8", "submit"), http.StatusSeeOther)

		post(t, srv, an, page+"/validate", nil, http.StatusSeeOther)
		// Publishing asks first, on a page (no JavaScript needed); nothing
		// is published until the analyst confirms.
		confirm, _ := post(t, srv, an, page+"/publish", nil, http.StatusOK)
		mustContain(t, "the publish confirmation", confirm, `id="confirm-publish"`, `name="confirm" value="yes"`, `id="publish-cancel"`)
		mustContain(t, "before confirming", srv.GetStatus(t, an, page, 200), `data-status="validated"`)
		post(t, srv, an, page+"/publish", url.Values{"confirm": {"yes"}}, http.StatusSeeOther)
		mustContain(t, "after publication", srv.GetStatus(t, an, page, 200), `data-status="published"`, `id="published-version">2<`)
		mustContain(t, "the comparison", srv.GetStatus(t, fp, page+"/versions/2", 200), `id="changes"`, `data-change="changed"`)

		obs := srv.GetStatus(t, apptest.Client(), "/api/v1/stats/observations?country=ISL&indicator=detected_victims&year=2022&dimension=total&sex=total&age=total", 200)
		mustContain(t, "the published figure", obs, `"n": 18`, `"status": "published"`)
		if code, b := srv.APIText(t, "GET", "/api/v1/stats/rounds", token(t, srv, "analyst@example.org"), ""); code != 200 || !strings.Contains(b, "GLOTIP 2024") {
			t.Fatalf("API rounds: %d %s", code, b)
		}
	})
}
