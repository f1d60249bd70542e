package treaty

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/geo"
)

// LoadDemo imports the published UN Treaty Collection status tables
// (instrument id → CSV) as they are, and records the date they record the
// status on and their source. Run again, it changes nothing: Import and
// SetRecord write only what differs.
func (s *Service) LoadDemo(ctx context.Context, tables map[string][]byte, countries []geo.Country, recordedOn time.Time, source string) error {
	by := auth.System("demo")
	resolver := NewResolver(countries)
	for _, in := range instruments() {
		data, ok := tables[in.ID]
		if !ok {
			continue
		}
		table, err := Parse(bytes.NewReader(data), resolver)
		if err != nil {
			return fmt.Errorf("treaty table %s: %w", in.ID, err)
		}
		if _, err := s.Import(ctx, by, in.ID, table); err != nil {
			return fmt.Errorf("treaty table %s: %w", in.ID, err)
		}
		if err := s.SetRecord(ctx, by, Record{Instrument: in.ID, RecordedOn: recordedOn, Source: source}); err != nil {
			return err
		}
	}
	return nil
}
