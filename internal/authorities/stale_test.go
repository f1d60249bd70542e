package authorities_test

import (
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestStaleAfterAYearAndADay moves the clock: an entry confirmed a year ago
// today is current, a year and a day ago stale; confirming clears the flag,
// in the entry and in the counts.
func TestStaleAfterAYearAndADay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, c := newService(t, d)
		a := mustCreate(t, s, fpISL, validInput())
		if a.Stale || !a.LastConfirmed.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) || a.ConfirmedBy != fpISL.Name {
			t.Fatalf("new entry: stale=%v confirmed %v by %q", a.Stale, a.LastConfirmed, a.ConfirmedBy)
		}
		old := validInput()
		old.Function, old.LastConfirmed = authorities.FunctionExtradition, "2024-06-30"
		mustCreate(t, s, fpISL, old)

		check := func(when string, wantStale []bool, wantCount authorities.Count) {
			t.Helper()
			got, err := s.ForCountry(ctx, analyst, "ISL")
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range got {
				if e.Stale != wantStale[i] {
					t.Errorf("%s: %s stale = %v, want %v", when, e.Function, e.Stale, wantStale[i])
				}
			}
			n, err := s.CountOf(ctx, analyst, "ISL")
			if err != nil || n != wantCount {
				t.Errorf("%s: count = %+v %v, want %+v", when, n, err, wantCount)
			}
		}
		// Both entries have the same name, so ForCountry lists them by id.
		check("today", []bool{false, true}, authorities.Count{Entries: 2, Stale: 1})
		c.t = c.t.AddDate(1, 0, 0)
		check("a year later", []bool{false, true}, authorities.Count{Entries: 2, Stale: 1})
		c.t = c.t.AddDate(0, 0, 1)
		check("a year and a day later", []bool{true, true}, authorities.Count{Entries: 2, Stale: 2})
		got, err := s.Confirm(ctx, fpISL, a.ID, "")
		if err != nil || got.Stale || !got.LastConfirmed.Equal(authorities.Day(c.t)) {
			t.Fatalf("confirm: %+v %v", got, err)
		}
		check("after confirming", []bool{false, true}, authorities.Count{Entries: 2, Stale: 1})
	})
}

func TestStaleOn(t *testing.T) {
	today := time.Date(2028, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		confirmed time.Time
		want      bool
	}{
		{time.Time{}, true}, // never confirmed
		{time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), false},
	} {
		a := authorities.Authority{LastConfirmed: c.confirmed}
		if got := a.StaleOn(today); got != c.want {
			t.Errorf("confirmed %v: stale = %v, want %v", c.confirmed, got, c.want)
		}
	}
}
