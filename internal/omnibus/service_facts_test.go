package omnibus

import (
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestFactsOnlyOfSubmitted: another room reads a State's article statuses
// and choices from its submitted self-assessment only; a draft, or no
// assessment, says nothing.
func TestFactsOnlyOfSubmitted(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		arts, choices, err := r.svc.Facts(ctx, "ISL", "tip-protocol")
		if err != nil || len(arts) != 0 || len(choices) != 0 {
			t.Fatalf("no assessment: %v %v %v", arts, choices, err)
		}
		a, err := r.svc.Start(ctx, r.isl, "ISL", "tip-protocol")
		if err != nil {
			t.Fatal(err)
		}
		complete(t, r, r.isl, a.ID)
		if arts, choices, _ = r.svc.Facts(ctx, "ISL", "tip-protocol"); len(arts) != 0 || len(choices) != 0 {
			t.Errorf("a draft's facts leave the room: %v %v", arts, choices)
		}
		if _, err := r.svc.Submit(ctx, r.isl, a.ID); err != nil {
			t.Fatal(err)
		}
		arts, choices, err = r.svc.Facts(ctx, "ISL", "tip-protocol")
		if err != nil {
			t.Fatal(err)
		}
		if choices["tip-9-1"] != "yes" || choices["tip-5-1"] != "yes" {
			t.Errorf("choices %v", choices)
		}
		if len(arts) != len(r.svc.Set.Get("tip-protocol").Articles) || arts["5"] == "" || arts["5"] == string(StatusNotKnown) {
			t.Errorf("article statuses %v", arts)
		}
		if arts, _, _ = r.svc.Facts(ctx, "KEN", "tip-protocol"); len(arts) != 0 {
			t.Errorf("another State's facts: %v", arts)
		}
	})
}
