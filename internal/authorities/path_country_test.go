package authorities_test

import (
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestEntryUnderAnotherCountry: the pages address an entry under its
// country (/countries/NOR/authorities/7/confirm). Named under another
// country, it is not found — confirmed or deleted by no one, its own
// country's focal point included — as Update already refused.
func TestEntryUnderAnotherCountry(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, c := newService(t, d)
		in := validInput()
		in.Country = "NOR"
		a, err := s.Create(ctx, fpNOR, in)
		if err != nil {
			t.Fatal(err)
		}
		c.t = c.t.Add(48 * time.Hour)
		if _, err := s.Confirm(ctx, fpNOR, a.ID, "ISL"); kindOf(err) != errs.KindNotFound {
			t.Errorf("confirmed under ISL: %v", err)
		}
		if _, err := s.Delete(ctx, fpNOR, a.ID, "ISL"); kindOf(err) != errs.KindNotFound {
			t.Errorf("deleted under ISL: %v", err)
		}
		if got, err := s.Get(ctx, fpNOR, a.ID); err != nil || !got.LastConfirmed.Equal(a.LastConfirmed) {
			t.Fatalf("the entry changed: %+v %v", got, err)
		}
		if got, err := s.Confirm(ctx, fpNOR, a.ID, "NOR"); err != nil || got.LastConfirmed.Equal(a.LastConfirmed) {
			t.Fatalf("confirmed under its own country: %+v %v", got, err)
		}
		if _, err := s.Delete(ctx, fpNOR, a.ID, ""); err != nil {
			t.Fatalf("deleted through the API, whose path names no country: %v", err)
		}
	})
}
