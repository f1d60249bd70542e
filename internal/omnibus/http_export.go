package omnibus

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// exportName is the file name of an assessment's export.
func exportName(sh *Sheet, ext string) string {
	return fmt.Sprintf("omnibus-%s-%s-v%d.%s", sh.Assessment.Country, sh.Assessment.Questionnaire, sh.Assessment.Version, ext)
}

func (h *Web) exportXLSX(w http.ResponseWriter, r *http.Request) error {
	sh, err := h.openSheet(r)
	if err != nil {
		return err
	}
	l := h.UI.Localizer(r)
	data, err := WriteXLSX(sh, l.Lang.Code, l.T, l.Place)
	if err != nil {
		return errs.Internal(err)
	}
	return web.SendFile(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exportName(sh, "xlsx"), data)
}

// exportPDF prints the assessment's print page (all answers, the gap
// summary) with headless Chromium.
func (h *Web) exportPDF(w http.ResponseWriter, r *http.Request) error {
	sh, err := h.openSheet(r)
	if err != nil {
		return err
	}
	if !h.Printer.Available() {
		return errs.Conflict("err.omnibus_no_pdf")
	}
	avs := articleViews(sh, nil)
	p := h.UI.NewPage(w, r, "omnibus.assessment_title", sheetData{Sheet: sh, Articles: avs, Total: totalProgress(avs), Gaps: GapsOf(sh)})
	var buf bytes.Buffer
	if err := h.UI.RenderFragment(&bufWriter{Buffer: &buf, h: http.Header{}}, r, "omnibus/print", p); err != nil {
		return err
	}
	data, err := h.Printer.Print(r.Context(), buf.Bytes())
	if err != nil {
		return errs.Internal(err)
	}
	return web.SendFile(w, "application/pdf", exportName(sh, "pdf"), data)
}

// bufWriter is a ResponseWriter into a buffer, to print a rendered page.
type bufWriter struct {
	*bytes.Buffer
	h http.Header
}

func (b *bufWriter) Header() http.Header { return b.h }
func (b *bufWriter) WriteHeader(int)     {}
