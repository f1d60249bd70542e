package geo_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

func TestCountriesAPI(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	var list struct {
		Count     int `json:"count"`
		Countries []struct {
			ISO3, ISO2, M49, Name, Region, Subregion string
			IntermediateRegion                       string `json:"intermediate_region"`
		} `json:"countries"`
	}
	if code := srv.GetJSON(t, "/api/v1/countries", &list); code != 200 || list.Count != 249 {
		t.Fatalf("countries: %d, %d", code, list.Count)
	}
	if code := srv.GetJSON(t, "/api/v1/countries?region=014&lang=fr", &list); code != 200 || list.Count < 15 {
		t.Fatalf("Eastern Africa: %d, %d", code, list.Count)
	}
	found := false
	for _, c := range list.Countries {
		if c.ISO3 == "KEN" {
			found = c.Name == "Kenya" && c.Region == "Africa" && c.Subregion == "Sub-Saharan Africa" && c.IntermediateRegion == "Eastern Africa" && c.M49 == "404"
		}
	}
	if !found {
		t.Fatalf("KEN missing or wrong: %+v", list.Countries)
	}
	var p struct {
		Status int
		Errors []struct{ Field string }
	}
	if code := srv.GetJSON(t, "/api/v1/countries?region=999", &p); code != 400 || len(p.Errors) != 1 || p.Errors[0].Field != "region" {
		t.Fatalf("unknown region: %d %+v", code, p)
	}
	var g struct {
		ID      string
		Members []struct{ ISO3, Group string }
	}
	if code := srv.GetJSON(t, "/api/v1/groupings/un-regional-groups", &g); code != 200 || len(g.Members) != 192 {
		t.Fatalf("UN regional groups: %d, %d members", code, len(g.Members))
	}
	if code := srv.GetJSON(t, "/api/v1/groupings/nope", nil); code != 404 {
		t.Fatalf("unknown grouping: %d", code)
	}
	var prof struct {
		Country   struct{ ISO3, Name string }
		Groupings []struct {
			GroupingID string `json:"grouping_id"`
		}
	}
	if code := srv.GetJSON(t, "/api/v1/countries/ken?lang=ar", &prof); code != 200 || prof.Country.ISO3 != "KEN" || prof.Country.Name != "كينيا" || len(prof.Groupings) != 4 {
		t.Fatalf("profile: %d %+v", code, prof)
	}
}

func TestCountryPages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		c := apptest.Client()
		body := apptest.ReadBody(t, srv.Get(t, c, "/countries?region=154"))
		for _, want := range []string{`href="/countries/ISL"`, "Iceland", `id="map-values"`, "Natural Earth", "Northern Europe"} {
			if !strings.Contains(body, want) {
				t.Errorf("countries page lacks %q", want)
			}
		}
		if strings.Contains(body, `href="/countries/KEN"`) {
			t.Error("region filter let Kenya through")
		}
		if res := srv.Get(t, c, "/countries?region=abc"); res.StatusCode != 400 {
			t.Errorf("bad region on the page: %d", res.StatusCode)
		}
		res := srv.Get(t, c, "/countries/isl")
		res.Body.Close()
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/countries/ISL" {
			t.Errorf("lower-case code: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		body = apptest.ReadBody(t, srv.Get(t, c, "/countries/ISL"))
		for _, want := range []string{"<h1>Iceland</h1>", "Western European and other States", "Northern Europe", "352"} {
			if !strings.Contains(body, want) {
				t.Errorf("profile lacks %q", want)
			}
		}
		if res := srv.Get(t, c, "/countries/XYZ"); res.StatusCode != 404 {
			t.Errorf("unknown country: %d", res.StatusCode)
		}
	})
}

func TestAnalystUploadsGroupingAndPopulation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		analyst := srv.CreateUser(t, "analyst@example.org", auth.RoleAnalyst)
		c := srv.SignIn(t, analyst)

		res := srv.PostFile(t, c, "/groupings", url.Values{"name": {"GLOTIP regions"}, "edition": {"2024"}},
			"upload.csv", []byte("iso3,group\nKEN,Sub-Saharan Africa\nZZZ,Nowhere\nISL,Europe\nISL,Europe\n"))
		body := apptest.ReadBody(t, res)
		if res.StatusCode != 422 || !strings.Contains(body, "line 3") || !strings.Contains(body, "line 5") {
			t.Fatalf("bad grouping file: %d", res.StatusCode)
		}
		res = srv.PostFile(t, c, "/groupings", url.Values{"name": {"GLOTIP regions"}, "edition": {"2024"},
			"csv": {"iso3,group\nKEN,Sub-Saharan Africa\nISL,Europe\n"}}, "", nil)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/groupings/glotip-regions-2024" {
			t.Fatalf("save grouping: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		body = apptest.ReadBody(t, srv.Get(t, c, "/groupings/glotip-regions-2024"))
		if !strings.Contains(body, "Sub-Saharan Africa") || !strings.Contains(body, `data-flash="flash.geo_grouping_saved"`) {
			t.Fatal("saved grouping page")
		}
		res = srv.PostFile(t, c, "/countries/population", url.Values{"source": {"test"}}, "upload.csv", []byte("iso3,year,population\nISL,2023,\"387,758\"\n"))
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("population import: %d", res.StatusCode)
		}
		body = apptest.ReadBody(t, srv.Get(t, c, "/countries/ISL"))
		if !strings.Contains(body, "387,758") || !strings.Contains(body, "<bdi>GLOTIP regions</bdi> (<bdi>2024</bdi>)") {
			t.Fatal("profile lacks population or the new grouping")
		}
		// An editor may not.
		ed := srv.CreateUser(t, "editor@example.org", auth.RoleEditor)
		c2 := srv.SignIn(t, ed)
		if res := srv.PostFile(t, c2, "/groupings", url.Values{"name": {"X"}, "csv": {"iso3,group\nKEN,a\n"}}, "", nil); res.StatusCode != 403 {
			t.Fatalf("editor uploading a grouping: %d", res.StatusCode)
		}
	})
}
