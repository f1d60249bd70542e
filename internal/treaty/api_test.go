package treaty_test

import (
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/treaty"
)

// eachWithTables runs fn on every engine with the app started and the
// three UNTC tables imported.
func eachWithTables(t *testing.T, fn func(t *testing.T, srv *apptest.Server)) {
	t.Helper()
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) { fn(t, withTables(t, srv)) })
}

// withTables imports the three UNTC tables into the running app.
func withTables(t *testing.T, srv *apptest.Server) *apptest.Server {
	t.Helper()
	s, res := treaty.NewService(srv.App.DB), treaty.NewResolver(srv.App.Rooms.Geo.Countries())
	for _, in := range []string{"untoc", "tip-protocol", "som-protocol"} {
		importText(t, s, res, in, readTable(t, in))
	}
	return srv
}

type problem struct {
	Status int
	Errors []struct{ Field string }
}

type partiesJSON struct {
	Instrument string `json:"instrument"`
	AsOf       string `json:"as_of"`
	Count      int    `json:"count"`
	States     int    `json:"states"`
	Parties    []map[string]any
}

func TestInstrumentsAPI(t *testing.T) {
	eachWithTables(t, func(t *testing.T, srv *apptest.Server) {
		var list struct {
			AsOf        string `json:"as_of"`
			Instruments []treaty.InstrumentJSON
		}
		if code := srv.GetJSON(t, "/api/v1/treaties?lang=fr", &list); code != 200 || len(list.Instruments) != 5 || list.AsOf == "" {
			t.Fatalf("instruments: %d %+v", code, list)
		}
		tip := list.Instruments[1]
		if tip.ID != "tip-protocol" || tip.Chapter != "XVIII-12-a" || tip.Adopted != "2000-11-15" || tip.EntryIntoForce != "2003-12-25" ||
			!strings.HasPrefix(tip.Name, "Protocole visant à prévenir") || tip.Parties != 159 || tip.States != 158 || tip.Supplements != "untoc" {
			t.Errorf("tip-protocol: %+v", tip)
		}
		if u := list.Instruments[4]; u.ID != "uncac" || u.Parties != 0 || u.EntryIntoForce != "2005-12-14" || u.Name != "Convention des Nations Unies contre la corruption" {
			t.Errorf("uncac: %+v", u)
		}
	})
}

func TestPartiesAPI(t *testing.T) {
	eachWithTables(t, func(t *testing.T, srv *apptest.Server) {
		var p partiesJSON
		if code := srv.GetJSON(t, "/api/v1/treaties/untoc/parties?as_of=2012-02-29", &p); code != 200 ||
			p.Instrument != "untoc" || p.AsOf != "2012-02-29" || p.Count != 166 || p.States != 165 || len(p.Parties) != 166 {
			t.Fatalf("untoc parties: %d %s %s %d %d", code, p.Instrument, p.AsOf, p.Count, p.States)
		}
		if first := p.Parties[0]; first["iso3"] != "MCO" || first["date"] != "2001-06-05" || first["kind"] != "ratification" || first["name"] != "Monaco" {
			t.Errorf("first party: %v", first)
		}
		var eu map[string]any
		for _, x := range p.Parties {
			if x["un_name"] == "European Union" {
				eu = x
			}
		}
		if eu == nil || eu["iso3"] != nil || eu["kind"] != "approval" || eu["name"] != "European Union" {
			t.Errorf("EU: %v", eu)
		}
		for path, want := range map[string]int{
			"/api/v1/treaties/som-protocol/parties?as_of=2012-02-29":            129,
			"/api/v1/treaties/tip-protocol/parties?as_of=2012-02-29":            147,
			"/api/v1/treaties/tip-protocol/parties?as_of=2012-02-29&region=154": 10,
			"/api/v1/treaties/untoc/parties?as_of=2012-02-29&kind=succession":   1,
			"/api/v1/treaties/untoc/parties?as_of=2001-06-04":                   0,
			"/api/v1/treaties/untoc/parties":                                    179,
			"/api/v1/treaties/uncac/parties":                                    0,
		} {
			p = partiesJSON{}
			if code := srv.GetJSON(t, path, &p); code != 200 || p.Count != want || len(p.Parties) != want || p.Parties == nil {
				t.Errorf("%s: %d, %d parties, want %d", path, code, p.Count, want)
			}
			if strings.Contains(path, "region") && p.States != p.Count {
				t.Errorf("%s: %d parties but %d States", path, p.Count, p.States)
			}
		}
		for path, field := range map[string]string{
			"/api/v1/treaties/untoc/parties?as_of=29+Feb+2012": "as_of",
			"/api/v1/treaties/untoc/parties?as_of=2012-02-30":  "as_of",
			"/api/v1/treaties/untoc/parties?region=999":        "region",
			"/api/v1/treaties/untoc/parties?kind=ratified":     "kind",
		} {
			var pr problem
			if code := srv.GetJSON(t, path, &pr); code != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != field {
				t.Errorf("%s: %d %+v, want 400 naming %s", path, code, pr, field)
			}
		}
		if code := srv.GetJSON(t, "/api/v1/treaties/narnia/parties", nil); code != 404 {
			t.Errorf("unknown instrument: %d", code)
		}
	})
}
