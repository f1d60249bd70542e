package treaty

import (
	"context"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestSeedCorrectsEveryInstrument: a database seeded by an older binary,
// whose last instrument differed, gets it written again — not only the
// instruments before the first unchanged one.
func TestSeedCorrectsEveryInstrument(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := NewService(d)
		if err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		all := instruments()
		last := all[len(all)-1]
		// What an older binary left: another chapter, applied under another digest.
		if _, err := d.SQL().ExecContext(ctx, `UPDATE treaty_instruments SET chapter = 'wrong' WHERE id = $1`, last.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.SQL().ExecContext(ctx, `UPDATE seeds SET digest = 'older' WHERE scope = 'treaty' AND key = $1`, "instrument:"+last.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		var chapter string
		if err := d.SQL().QueryRowContext(ctx, `SELECT chapter FROM treaty_instruments WHERE id = $1`, last.ID).Scan(&chapter); err != nil {
			t.Fatal(err)
		}
		if chapter != last.Chapter {
			t.Fatalf("%s still has chapter %q after seeding, want %q", last.ID, chapter, last.Chapter)
		}
	})
}
