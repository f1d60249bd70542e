package notify

import (
	"time"

	"github.com/tipsom/tipsom/internal/web"
)

// TaskRow is a task as the home page and the API show it: its title in
// the reader's language, its deadline in the reader's time zone.
type TaskRow struct {
	Kind    string     `json:"kind"`
	Title   string     `json:"title"`
	URL     string     `json:"url"`
	Due     *time.Time `json:"due"`
	DueText string     `json:"-"`
}

// TaskRows shapes tasks for l's reader in loc.
func TaskRows(l *web.Localizer, loc *time.Location, ts []Task) []TaskRow {
	out := make([]TaskRow, len(ts))
	for i, t := range ts {
		params := make(map[string]any, len(t.Params))
		for k, v := range t.Params {
			params[k] = localParam(l, k, v)
		}
		out[i] = TaskRow{Kind: t.Kind, Title: l.T(t.Title, params), URL: t.URL, Due: t.Due}
		if t.Due != nil {
			out[i].DueText = LocalTime(*t.Due, loc)
		}
	}
	return out
}

// LocalTime writes t in loc to the minute with the zone's abbreviation:
// ISO dates read the same in every language.
func LocalTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

// NoticeRow is a notice as the list and the API show it.
type NoticeRow struct {
	ID          int64      `json:"id"`
	Kind        Kind       `json:"kind"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	Created     time.Time  `json:"created"`
	Read        *time.Time `json:"read"`
	CreatedText string     `json:"-"`
}

// NoticeRows renders notices in l's language, times in loc.
func NoticeRows(l *web.Localizer, loc *time.Location, ns []*Notice) []NoticeRow {
	out := make([]NoticeRow, len(ns))
	for i, n := range ns {
		out[i] = NoticeRow{ID: n.ID, Kind: n.Kind, Title: NoticeTitle(l, n), URL: n.URL, Created: n.Created, Read: n.Read,
			CreatedText: LocalTime(n.Created, loc)}
	}
	return out
}

// PrefRow is one kind on the preferences form.
type PrefRow struct {
	Kind   Kind
	Mode   Mode
	Locked bool
}

// PrefRows lists every kind with its mode.
func PrefRows(p *Preferences) []PrefRow {
	out := make([]PrefRow, len(Kinds))
	for i, k := range Kinds {
		out[i] = PrefRow{Kind: k, Mode: p.Mode(k), Locked: k.Locked()}
	}
	return out
}
