package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/stats/collection"
)

// kindsOf returns the kinds of c's unread notices, and its tasks' kinds.
func kindsOf(t *testing.T, srv *apptest.Server, c *http.Client) (notices, tasks map[string]int) {
	t.Helper()
	var ns struct {
		Notices []struct{ Kind string } `json:"notices"`
	}
	decodeJSON(t, srv.Get(t, c, "/api/v1/me/notices?unread=true"), &ns)
	var ts struct {
		Tasks []struct{ Kind string } `json:"tasks"`
	}
	decodeJSON(t, srv.Get(t, c, "/api/v1/me/tasks"), &ts)
	notices, tasks = map[string]int{}, map[string]int{}
	for _, n := range ns.Notices {
		notices[n.Kind]++
	}
	for _, x := range ts.Tasks {
		tasks[x.Kind]++
	}
	return notices, tasks
}

// TestRoomEvents: the rooms built so far tell the right people — a
// returned and a validated submission its country's focal points, a
// deadline in 7 days the focal points whose country has not submitted
// (once however often the clock ticks), a focal point's case draft the
// editors, its publication the country's focal points — and give them
// their tasks.
func TestRoomEvents(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		ctx := t.Context()
		users := map[string]apptest.User{
			"analyst": srv.CreateUser(t, "analyst@events.example.org", auth.RoleAnalyst),
			"editor":  srv.CreateUser(t, "editor@events.example.org", auth.RoleEditor),
			"isl":     srv.CreateUser(t, "isl@events.example.org", auth.RoleFocalPoint),
			"ken":     srv.CreateUserIn(t, "ken@events.example.org", "KEN", "", auth.RoleFocalPoint),
		}
		c := map[string]*http.Client{}
		for k, u := range users {
			c[k] = apptest.Client()
			srv.Login(t, c[k], u)
		}
		deadline := time.Now().AddDate(0, 0, 6).Format(time.DateOnly)
		res := srv.Post(t, c["analyst"], "/stats/collection/rounds", url.Values{"name": {"Events round"}, "years": {"2022"},
			"indicators": {"detected_victims"}, "deadline": {deadline}})
		res.Body.Close()
		var rounds struct {
			Rounds []collection.RoundSummary `json:"rounds"`
		}
		decodeJSON(t, srv.Get(t, c["isl"], "/api/v1/stats/rounds"), &rounds)
		if len(rounds.Rounds) != 1 {
			t.Fatalf("rounds: %+v", rounds)
		}
		round := rounds.Rounds[0].ID

		// ISL answers and submits; the analyst returns it, then validates
		// the next version.
		var started struct {
			Submission collection.Submission `json:"submission"`
		}
		body := sendJSON(t, srv, c["isl"], "POST", fmt.Sprintf("/api/v1/stats/rounds/%d/submission", round), struct{}{}, http.StatusOK)
		if err := json.Unmarshal([]byte(body), &started); err != nil {
			t.Fatal(err)
		}
		sub := strconv.FormatInt(started.Submission.ID, 10)
		sendJSON(t, srv, c["isl"], "PUT", "/api/v1/stats/submissions/"+sub+"/draft",
			map[string]any{"cells": []collection.DraftCell{{CellKey: scopeCell, Text: "7"}}}, http.StatusOK)
		sendJSON(t, srv, c["isl"], "POST", "/api/v1/stats/submissions/"+sub+"/submit", nil, http.StatusOK)
		if _, tasks := kindsOf(t, srv, c["analyst"]); tasks["validate"] != 1 {
			t.Errorf("analyst's tasks %v, want the submission to validate", tasks)
		}
		res = srv.Post(t, c["analyst"], "/stats/collection/submissions/"+sub+"/return", url.Values{"note": {"Check the total."}})
		res.Body.Close()
		if n, tasks := kindsOf(t, srv, c["isl"]); n["submission_returned"] != 1 || tasks["submission_returned"] != 1 {
			t.Errorf("ISL after the return: notices %v, tasks %v", n, tasks)
		}
		if n, _ := kindsOf(t, srv, c["ken"]); n["submission_returned"] != 0 {
			t.Errorf("KEN heard of ISL's return: %v", n)
		}
		sendJSON(t, srv, c["isl"], "POST", "/api/v1/stats/submissions/"+sub+"/submit", nil, http.StatusOK)
		sendJSON(t, srv, c["analyst"], "POST", "/api/v1/stats/submissions/"+sub+"/validate", nil, http.StatusNoContent)
		if n, _ := kindsOf(t, srv, c["isl"]); n["submission_validated"] != 1 {
			t.Errorf("ISL after validation: %v", n)
		}

		// The deadline is 6 days away: KEN, which has not answered, is told
		// once; ISL, which submitted, is not.
		for range 2 {
			if err := srv.App.Rooms.Notify.Tick(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if n, tasks := kindsOf(t, srv, c["ken"]); n["deadline_soon"] != 1 || tasks["round_open"] != 1 {
			t.Errorf("KEN before the deadline: notices %v, tasks %v", n, tasks)
		}
		if n, _ := kindsOf(t, srv, c["isl"]); n["deadline_soon"] != 0 {
			t.Errorf("ISL, which submitted, was told of the deadline: %v", n)
		}

		// A focal point's case draft waits for the editors; publishing it
		// tells the country's focal points.
		cs := smuggling("ISL", "101", "State v. Q.")
		sendJSON(t, srv, c["isl"], "PUT", "/api/v1/caselaw/"+cs.ID, cs, http.StatusOK)
		if n, tasks := kindsOf(t, srv, c["editor"]); n["case_submitted"] != 1 || tasks["case_publish"] != 1 {
			t.Errorf("editor after a draft: notices %v, tasks %v", n, tasks)
		}
		sendJSON(t, srv, c["editor"], "POST", "/api/v1/caselaw/"+cs.ID+"/publish", map[string]int{"rev": 1}, http.StatusOK)
		if n, _ := kindsOf(t, srv, c["isl"]); n["case_published"] != 1 {
			t.Errorf("ISL after publication: %v", n)
		}
		if n, _ := kindsOf(t, srv, c["ken"]); n["case_published"] != 0 {
			t.Errorf("KEN heard of ISL's case: %v", n)
		}
	})
}
