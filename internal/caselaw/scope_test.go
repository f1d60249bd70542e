package caselaw

import (
	"context"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestSaveChecksScopeFirst: another country's focal point is refused
// before the case it sends is validated — whatever it sends, it learns
// nothing of the case from validation messages, and the edit form is not
// shown again to them with the case in it.
func TestSaveChecksScopeFirst(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d)
		c := sample()
		saveAndPublish(t, s, c)
		broken := c
		broken.Summary = nil
		if _, err := s.Save(ctx, fpBEN, broken, ""); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("an invalid revision of another country's case: %v, want forbidden", err)
		}
		moved := c
		moved.Country = "BEN"
		if _, err := s.Save(ctx, fpBEN, moved, ""); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("another country's case claimed for one's own: %v, want forbidden", err)
		}
		if _, err := s.Save(ctx, fpNGA, broken, ""); !errs.Is(err, errs.KindInvalid) {
			t.Errorf("its own focal point's invalid revision: %v, want invalid", err)
		}
		fresh := sample()
		fresh.ID, fresh.Country, fresh.Summary = "NGA-2020-009", "", nil
		if _, err := s.Save(ctx, fpNGA, fresh, ""); !errs.Is(err, errs.KindInvalid) {
			t.Errorf("a new case without a country: %v, want invalid", err)
		}
	})
}
