package stats_test

import (
	"encoding/json"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
)

// flowsJSON is the part of the flows API the test reads.
type flowsJSON struct {
	Year     int    `json:"year"`
	Min      int    `json:"min"`
	Grouping string `json:"grouping"`
	Flows    []struct {
		Origin, OriginLabel, Destination, Class string
		Value                                   *int64 `json:"value"`
		Suppressed                              string `json:"suppressed"`
		Counted                                 bool   `json:"counted"`
	} `json:"flows"`
	Matrix []struct {
		Origin, Destination string
		Value               *int64 `json:"value"`
	} `json:"matrix"`
	Shares []struct {
		Destination string `json:"destination"`
		Classes     []struct {
			Class string   `json:"class"`
			Share *float64 `json:"share"`
		} `json:"classes"`
	} `json:"shares"`
	Coverage struct {
		Unknown []struct {
			Label string `json:"label"`
		} `json:"unknown_origins"`
	} `json:"coverage"`
}

func TestFlowsAPI(t *testing.T) {
	eachWithData(t, func(t *testing.T, srv *apptest.Server) {
		res, body := get(t, srv, "/api/v1/stats/flows?year=2020&grouping=m49-region")
		var f flowsJSON
		if err := json.Unmarshal([]byte(body), &f); err != nil || res.StatusCode != 200 {
			t.Fatalf("%d %v: %s", res.StatusCode, err, body)
		}
		if f.Year != 2020 || f.Min != 5 || f.Grouping != "m49-regions" || len(f.Flows) != 13 {
			t.Fatalf("year %d min %d grouping %s, %d flows", f.Year, f.Min, f.Grouping, len(f.Flows))
		}
		for _, fl := range f.Flows {
			switch fl.Origin + ">" + fl.Destination {
			case "NGA>NGA":
				if fl.Class != "domestic" || fl.Value == nil || *fl.Value != 200 || !fl.Counted {
					t.Errorf("Nigeria's own: %+v", fl)
				}
			case "BRA>FRA":
				if fl.Value != nil || fl.Suppressed != "source" || fl.Counted {
					t.Errorf("Brazil → France should stay <5: %+v", fl)
				}
			}
		}
		for _, m := range f.Matrix {
			if m.Origin == "150" && m.Destination == "150" && (m.Value == nil || *m.Value != 140) {
				t.Errorf("Europe → Europe: %v, want 140", m.Value)
			}
		}
		if len(f.Coverage.Unknown) != 1 || f.Coverage.Unknown[0].Label != "Martian" {
			t.Errorf("unknown origins: %+v", f.Coverage.Unknown)
		}
		// Without a year: the latest with citizenship figures.
		_, body = get(t, srv, "/api/v1/stats/flows?grouping=un-regional-groups&min=50")
		if err := json.Unmarshal([]byte(body), &f); err != nil || f.Year != 2021 || f.Min != 50 || f.Grouping != "un-regional-groups" {
			t.Errorf("defaults: %v %+v", err, f)
		}
	}, "handmade")
}
