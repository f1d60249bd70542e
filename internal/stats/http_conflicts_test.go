package stats_test

import (
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/stats"
)

var (
	queueCountRe = regexp.MustCompile(`id="queue-count" data-total="(\d+)" data-page="(\d+)" data-pages="(\d+)"`)
	queueRowRe   = regexp.MustCompile(`<tr id="c(\d+)" data-conflict="\d+">`)
	ruleResultRe = regexp.MustCompile(`id="rule-result" data-applied="(\d+)" data-undecided="(\d+)"`)
)

// TestConflictQueueRealFile: the real file's 192 conflicts as a queue an
// analyst finishes in an afternoon: filters, pages, "keep this value" on
// a row, rules for many at once, every decision audited.
func TestConflictQueueRealFile(t *testing.T) {
	eachReal(t, func(t *testing.T, srv *apptest.Server) {
		c := srv.SignIn(t, srv.CreateUserWithTOTP(t, "analyst15@example.org", auth.RoleAnalyst))
		page := func(path string) (total, pages int, ids []string, body string) {
			t.Helper()
			res := srv.Get(t, c, path)
			body = apptest.ReadBody(t, res)
			if res.StatusCode != 200 {
				t.Fatalf("GET %s: %d", path, res.StatusCode)
			}
			m := queueCountRe.FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("GET %s: no queue count", path)
			}
			total, _ = strconv.Atoi(m[1])
			pages, _ = strconv.Atoi(m[3])
			for _, r := range queueRowRe.FindAllStringSubmatch(body, -1) {
				ids = append(ids, r[1])
			}
			return total, pages, ids, body
		}
		svc := srv.App.Rooms.Stats
		total, pages, ids, _ := page("/stats/conflicts")
		if total != 192 || pages != 8 || len(ids) != stats.ConflictPageSize {
			t.Fatalf("queue: %d conflicts on %d pages, %d rows on the first", total, pages, len(ids))
		}

		t.Run("pages hold every conflict once", func(t *testing.T) {
			seen := map[string]bool{}
			for p := 1; p <= pages; p++ {
				_, _, ids, _ := page("/stats/conflicts?page=" + strconv.Itoa(p))
				for _, id := range ids {
					if seen[id] {
						t.Fatalf("conflict %s on two pages", id)
					}
					seen[id] = true
				}
			}
			if len(seen) != 192 {
				t.Fatalf("%d conflicts over the pages", len(seen))
			}
		})

		t.Run("filters", func(t *testing.T) {
			all, err := svc.Queue(ctx, analyst, stats.ConflictFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for query, f := range map[string]stats.ConflictFilter{"country=BOL": {ISO3: "BOL"}, "indicator=detected_victims": {Indicator: "detected_victims"},
				"year=2019": {Year: 2019}, "country=arg&year=2020": {ISO3: "ARG", Year: 2020}} {
				want := 0
				for _, qc := range mustAll(t, svc) {
					if (f.ISO3 == "" || qc.Key.ISO3 == f.ISO3) && (f.Indicator == "" || qc.Key.Indicator == f.Indicator) && (f.Year == 0 || qc.Key.Year == f.Year) {
						want++
					}
				}
				got, _, _, _ := page("/stats/conflicts?" + query)
				if got != want || want == 0 {
					t.Errorf("%s: %d conflicts shown, %d selected (of %d)", query, got, want, all.Total)
				}
			}
		})

		t.Run("keep this value", func(t *testing.T) {
			open := mustAll(t, svc)
			qc := open[0]
			keep := qc.Candidates[len(qc.Candidates)-1]
			res := srv.Post(t, c, "/stats/conflicts/"+strconv.FormatInt(qc.ID, 10)+"/resolve", url.Values{"keep": {strconv.Itoa(keep.Line)}, "country": {qc.Key.ISO3}})
			if res.StatusCode != 303 {
				t.Fatalf("keep: %d", res.StatusCode)
			}
			if loc := res.Header.Get("Location"); loc != "/stats/conflicts?country="+qc.Key.ISO3+"#queue" {
				t.Errorf("keep goes back to %q, not the same filter", loc)
			}
			resolved, err := svc.Queue(ctx, analyst, stats.ConflictFilter{Status: "resolved"})
			if err != nil || resolved.Total != 1 || resolved.Conflicts[0].ID != qc.ID || *resolved.Conflicts[0].Chosen != keep.Value {
				t.Fatalf("after keep: %+v %v", resolved, err)
			}
			audited(t, srv, "stat_conflict.resolve", qc.ID)
			// A line the conflict does not hold is refused, named.
			other := open[1]
			res = srv.Post(t, c, "/stats/conflicts/"+strconv.FormatInt(other.ID, 10)+"/resolve", url.Values{"keep": {"1"}})
			if body := apptest.ReadBody(t, res); res.StatusCode != 422 || !regexp.MustCompile(`data-summary-error="err.stats_candidate_unknown"`).MatchString(body) {
				t.Fatalf("keep of an unknown line: %d", res.StatusCode)
			}
		})

		t.Run("rules for many at once, each decision audited", func(t *testing.T) {
			before := len(mustAll(t, svc))
			res := srv.Post(t, c, "/stats/conflicts/rule", url.Values{"rule": {"larger"}, "indicator": {"detected_victims"}})
			if res.StatusCode != 303 {
				t.Fatalf("rule: %d", res.StatusCode)
			}
			_, _, _, body := page(res.Header.Get("Location"))
			m := ruleResultRe.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("no word of what the rule did")
			}
			applied, _ := strconv.Atoi(m[1])
			undecided, _ := strconv.Atoi(m[2])
			t.Logf("larger value over detected victims: %d resolved, %d left open", applied, undecided)
			after := mustAll(t, svc)
			if applied == 0 || before-len(after) != applied {
				t.Fatalf("larger: %d applied, %d undecided; open %d → %d", applied, undecided, before, len(after))
			}
			resolved, _ := svc.Queue(ctx, analyst, stats.ConflictFilter{Status: "resolved"})
			n := 0
			for _, qc := range resolved.Conflicts {
				if best, ok := stats.ChooseByRule(stats.RuleLarger, qc.Candidates); ok && *qc.Chosen == best.Value {
					n++
				}
			}
			if n < applied {
				t.Fatalf("%d of %d resolved by the rule hold the larger value", n, applied)
			}
			// The later source decides every conflict left: the queue is done.
			res = srv.Post(t, c, "/stats/conflicts/rule", url.Values{"rule": {"later"}})
			if res.StatusCode != 303 {
				t.Fatalf("rule later: %d", res.StatusCode)
			}
			if left, _, _, _ := page("/stats/conflicts"); left != 0 {
				t.Fatalf("%d conflicts left after the later-source rule", left)
			}
			entries, err := audit.List(ctx, srv.App.DB, audit.Filter{Action: "stat_conflict.resolve_rule", Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 191 {
				t.Fatalf("%d audited rule decisions, want 191", len(entries))
			}
			res = srv.Post(t, c, "/stats/conflicts/rule", url.Values{"rule": {"bogus"}})
			if body := apptest.ReadBody(t, res); res.StatusCode != 422 || !regexp.MustCompile(`data-summary-error="err.stats_rule_unknown"`).MatchString(body) {
				t.Fatalf("unknown rule: %d", res.StatusCode)
			}
		})
	}, false)
}

// mustAll is every open conflict.
func mustAll(t *testing.T, s *stats.Service) []stats.QueuedConflict {
	t.Helper()
	q, err := s.Queue(ctx, analyst, stats.ConflictFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return q.Conflicts
}

// audited checks that action was recorded for conflict id.
func audited(t *testing.T, srv *apptest.Server, action string, id int64) {
	t.Helper()
	entries, err := audit.List(ctx, srv.App.DB, audit.Filter{Action: action, EntityType: "stat_conflict", EntityID: strconv.FormatInt(id, 10)})
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit of %s %d: %d entries, %v", action, id, len(entries), err)
	}
}

// TestChooseByRule: what each rule keeps, and when it cannot decide.
func TestChooseByRule(t *testing.T) {
	n := func(v int64, line int, src string) stats.Candidate {
		return stats.Candidate{Value: stats.Count(v), Line: line, Source: src}
	}
	lt5 := func(line int) stats.Candidate {
		return stats.Candidate{Value: stats.Value{Kind: stats.KindSuppressed}, Line: line, Source: "f"}
	}
	for _, tc := range []struct {
		rule string
		cs   []stats.Candidate
		line int // 0: undecided
	}{
		{stats.RuleLater, []stats.Candidate{n(62, 10, "f"), n(43, 11, "f")}, 11},
		{stats.RuleLater, []stats.Candidate{n(62, 90, "f"), n(43, 11, "g")}, 11},
		{stats.RuleLarger, []stats.Candidate{n(62, 10, "f"), n(43, 11, "f")}, 10},
		{stats.RuleLarger, []stats.Candidate{lt5(1), n(11, 2, "f")}, 2},
		{stats.RuleLarger, []stats.Candidate{lt5(1), n(3, 2, "f")}, 0},
		{stats.RuleLarger, []stats.Candidate{lt5(1), lt5(2)}, 2},
		{stats.RuleLarger, []stats.Candidate{{Value: stats.Value{Kind: stats.KindWithheld}, Line: 1}, n(8, 2, "f")}, 0},
		{stats.RuleNational, []stats.Candidate{n(62, 10, "GLOTIP"), n(43, 0, "NGA national submission, 2025 round, version 2")}, 0 + 0},
		{stats.RuleNational, []stats.Candidate{n(62, 10, "GLOTIP"), n(43, 11, "GLOTIP")}, 0},
		{"bogus", []stats.Candidate{n(1, 1, "f")}, 0},
	} {
		got, ok := stats.ChooseByRule(tc.rule, tc.cs)
		switch {
		case tc.rule == stats.RuleNational && len(tc.cs) == 2 && tc.cs[1].Line == 0:
			if !ok || got.Value != stats.Count(43) {
				t.Errorf("national: kept %+v, %v", got, ok)
			}
		case tc.line == 0 && ok:
			t.Errorf("%s %v: decided %+v, want undecided", tc.rule, tc.cs, got)
		case tc.line != 0 && (!ok || got.Line != tc.line):
			t.Errorf("%s %v: kept %+v (%v), want line %d", tc.rule, tc.cs, got, ok, tc.line)
		}
	}
}
