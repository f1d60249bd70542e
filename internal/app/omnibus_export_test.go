package app_test

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

// TestOmnibusExports: Iceland's focal point downloads its demo
// self-assessment as a workbook whose answers sheet holds each question
// with its answer as the page shows it, and as a PDF (where Chromium is
// installed; CI always has it).
func TestOmnibusExports(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users := demoUsers(t, srv)
		focal := srv.SignIn(t, users["focal-point@demo.example.org"])
		as, err := srv.App.Rooms.Omnibus.Assessments(t.Context(), auth.System("test"))
		if err != nil {
			t.Fatal(err)
		}
		var base string
		for _, a := range as {
			if a.Country == "ISL" {
				base = "/omnibus/assessments/" + strconv.FormatInt(a.ID, 10)
			}
		}
		res := srv.Get(t, focal, base+"/export.xlsx")
		body := apptest.ReadBody(t, res)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "omnibus-ISL-tip-protocol-v1.xlsx") {
			t.Fatalf("xlsx: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Answers")
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]string{}
		for _, r := range rows {
			if len(r) >= 5 {
				found[r[1]] = r[4]
			}
		}
		if found["tip-5-1"] != "Yes" || !strings.Contains(found["tip-6-6"], "Institution building") || !strings.Contains(found["tip-5-5"], ".txt") {
			t.Errorf("the answers sheet: tip-5-1 %q, tip-6-6 %q, tip-5-5 %q", found["tip-5-1"], found["tip-6-6"], found["tip-5-5"])
		}
		if _, err := f.GetRows("Gap analysis"); err != nil {
			t.Errorf("no gap analysis sheet: %v", err)
		}
		if _, err := exec.LookPath("chromium"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("CI has no Chromium for the PDF")
			}
			t.Skip("no Chromium: the PDF is not tried")
		}
		res = srv.Get(t, focal, base+"/export.pdf")
		pdf := apptest.ReadBody(t, res)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") || len(pdf) < 5_000 {
			t.Errorf("pdf: %d, %d bytes", res.StatusCode, len(pdf))
		}
	})
}
