package report_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// worldValue asks the aggregate API for the world's count of one cell.
func worldValue(t *testing.T, srv *apptest.Server, q url.Values) int64 {
	t.Helper()
	res := srv.Get(t, apptest.Client(), "/api/v1/stats/aggregate?"+q.Encode())
	var body struct {
		Rows []struct {
			Code  string `json:"code"`
			Value *int64 `json:"value"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(apptest.ReadBody(t, res)), &body); err != nil {
		t.Fatal(err)
	}
	for _, r := range body.Rows {
		if r.Code == "world" && r.Value != nil {
			return *r.Value
		}
	}
	t.Fatalf("no world figure for %v", q)
	return 0
}

// womenAndGirls is the share of women and girls among the victims whose
// sex and age were reported, from the API.
func womenAndGirls(t *testing.T, srv *apptest.Server, year int) int {
	t.Helper()
	var sum, wg int64
	for _, sa := range [][2]string{{"female", "adult"}, {"male", "adult"}, {"female", "child"}, {"male", "child"}} {
		n := worldValue(t, srv, url.Values{"indicator": {"detected_victims"}, "sex": {sa[0]}, "age": {sa[1]}, "year": {fmt.Sprint(year)}})
		sum += n
		if sa[0] == "female" {
			wg += n
		}
	}
	return int(math.Round(100 * float64(wg) / float64(sum)))
}

// findingsOf builds an edition and returns its world key findings in
// English and French.
func findingsOf(t *testing.T, svc *report.Service, name string) (en, fr string) {
	t.Helper()
	e, err := svc.Build(t.Context(), report.Spec{Edition: name, Years: stats.Span{From: 2010, To: 2021}, Langs: []string{"en", "fr"}})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(keyFindings(string(e.Files["index.html"])), "\n"), strings.Join(keyFindings(string(e.Files["fr/index.html"])), "\n")
}

// TestKeyFindingsFollowTheNumbers: the sentences carry the API's figures,
// in English and in French, and change when the data change.
func TestKeyFindingsFollowTheNumbers(t *testing.T) {
	srv, svc := startWithSample(t, db.SQLite)
	fr := srv.App.UI.Catalog.For(mustLang(t, "fr"))
	victims := worldValue(t, srv, url.Values{"indicator": {"detected_victims"}, "year": {"2021"}})
	share := womenAndGirls(t, srv, 2021)
	en1, fr1 := findingsOf(t, svc, "before")
	for _, want := range []string{
		fmt.Sprintf("In 2021, %s victims of trafficking in persons were detected", commas(victims)),
		fmt.Sprintf("In 2021, women and girls were %d%% of detected victims whose sex and age were reported.", share),
	} {
		if !strings.Contains(en1, want) {
			t.Errorf("English key findings lack %q:\n%s", want, en1)
		}
	}
	for _, want := range []string{
		fmt.Sprintf("En 2021, %s victimes de la traite des personnes ont été détectées", fr.Num(victims)),
		fmt.Sprintf("En 2021, les femmes et les filles représentaient %d\u00a0%% des victimes détectées", share),
	} {
		if !strings.Contains(fr1, want) {
			t.Errorf("French key findings lack %q:\n%s", want, fr1)
		}
	}

	// Thailand reports many more adult women in 2021: the share changes.
	importFile(t, srv.App.Rooms.Stats, "revision.csv", []byte("UNODC,x\n01/01/2026\n"+strings.Join(stats.Columns, ",")+"\n"+
		"THA,Thailand,Asia,South-eastern Asia,Detected trafficking victims,Total,Total,Female,18 years or over,2021,Counts,5000,revision\n"))
	after := womenAndGirls(t, srv, 2021)
	if after == share {
		t.Fatalf("the revision left the share at %d%%", share)
	}
	en2, fr2 := findingsOf(t, svc, "after")
	want := fmt.Sprintf("In 2021, women and girls were %d%% of detected victims", after)
	if !strings.Contains(en2, want) || strings.Contains(en2, fmt.Sprintf("were %d%% of detected victims whose sex", share)) {
		t.Errorf("after the revision the English key findings do not say %q:\n%s", want, en2)
	}
	if want := fmt.Sprintf("représentaient %d\u00a0%%", after); !strings.Contains(fr2, want) {
		t.Errorf("after the revision the French key findings do not say %q:\n%s", want, fr2)
	}
	if en1 == en2 || fr1 == fr2 {
		t.Error("the key findings did not change with the data")
	}
}

func mustLang(t *testing.T, code string) web.Lang {
	t.Helper()
	l, ok := web.LangByCode(code)
	if !ok {
		t.Fatalf("no language %s", code)
	}
	return l
}

// commas writes n with thousands separators, as English does.
func commas(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
