package treaty_test

import (
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/treaty"
)

func TestCountryProfileSection(t *testing.T) {
	eachWithTables(t, func(t *testing.T, srv *apptest.Server) {
		body := apptest.ReadBody(t, srv.Get(t, apptest.Client(), "/countries/ISL"))
		for _, want := range []string{`id="treaties"`, `<tr data-instrument="untoc" data-status="party">`, "2010-05-13", `data-status="not-recorded"`} {
			if !strings.Contains(body, want) {
				t.Errorf("profile lacks %q", want)
			}
		}
		if body := apptest.ReadBody(t, srv.Get(t, apptest.Client(), "/countries/PRK")); !strings.Contains(body, `data-status="none"`) {
			t.Error("profile of a non-party lacks \"Not a party\"")
		}
		var prof struct {
			Sections struct {
				Treaties struct {
					AsOf        string `json:"as_of"`
					Instruments []treaty.CountryStatus
				}
			}
		}
		if code := srv.GetJSON(t, "/api/v1/countries/JPN", &prof); code != 200 || len(prof.Sections.Treaties.Instruments) != 5 {
			t.Fatalf("profile API: %d %+v", code, prof)
		}
		got := prof.Sections.Treaties.Instruments
		if got[0].ID != "untoc" || got[0].Signature != "2000-12-12" || got[0].Status != treaty.StatusSignatory || !got[0].Recorded || got[0].Consent != "" {
			t.Errorf("Japan, untoc: %+v", got[0])
		}
		if got[4].ID != "uncac" || got[4].Recorded || got[4].Status != treaty.StatusNone {
			t.Errorf("Japan, uncac: %+v", got[4])
		}
	})
}
