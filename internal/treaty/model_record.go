package treaty

import "time"

// Record says on which date an instrument's imported status table records
// the status, and where the table comes from. Pages say "status as recorded
// on RecordedOn (Source)" and, when the date is older than today, show the
// status on that date rather than "as at" today.
type Record struct {
	Instrument string    `json:"instrument"`
	RecordedOn time.Time `json:"recorded_on"`
	Source     string    `json:"source"`
}

// defaultDay is the date status pages show when none is asked for: today,
// or the latest date the records name when that is older (the data cannot
// speak of later days).
func defaultDay(today time.Time, recs map[string]Record) time.Time {
	var latest time.Time
	for _, r := range recs {
		if r.RecordedOn.After(latest) {
			latest = r.RecordedOn
		}
	}
	if latest.IsZero() || !latest.Before(today) {
		return today
	}
	return latest
}
