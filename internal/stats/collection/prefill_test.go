package collection_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/stats"
)

// TestStartPrefillsStoredCounts: Iceland's published 3 male victims reach
// the public as "<5" (and the 9 women beside them as "x"), but Iceland's
// own focal point starts a new questionnaire with the counts as stored,
// so the next submission does not turn them into "<5".
func TestStartPrefillsStoredCounts(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		published := publishedCSV(
			"ISL,Iceland,Europe,Northern Europe,Detected trafficking victims,Total,Total,Total,Total,2022,Counts,12,GLOTIP",
			"ISL,Iceland,Europe,Northern Europe,Detected trafficking victims,Total,Total,Female,Total,2022,Counts,9,GLOTIP",
			"ISL,Iceland,Europe,Northern Europe,Detected trafficking victims,Total,Total,Male,Total,2022,Counts,3,GLOTIP")
		if rep, err := f.stats.Import(ctx, analyst, "glotip.csv", published, stats.ImportOptions{}); err != nil || !rep.Stored {
			t.Fatalf("import: %v %+v", err, rep)
		}
		obs, _, err := f.stats.Observations(ctx, stats.Query{Countries: []string{"ISL"}}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		public := map[string]string{}
		for _, o := range obs {
			public[o.Sex] = o.Value.String()
		}
		if diff := cmp.Diff(map[string]string{"total": "12", "female": "x", "male": "<5"}, public); diff != "" {
			t.Fatalf("public observations (-want +got):\n%s", diff)
		}
		sub := f.start(t, fpISL, f.openRound(t))
		view, err := f.svc.Submission(ctx, fpISL, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		draft := map[string]string{}
		for _, c := range view.Draft {
			draft[c.Sex] = c.Text
		}
		if diff := cmp.Diff(map[string]string{"total": "12", "female": "9", "male": "3"}, draft); diff != "" {
			t.Errorf("pre-filled draft (-want +got):\n%s", diff)
		}
	})
}
