package treaty

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// months are the English month names and the abbreviations UNTC tables and
// spreadsheets use, lower-case.
var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

var (
	// "14 Dec 2000", "4 December 2000", "14-Dec-2000", "14 Dec. 2000"
	untcDate = regexp.MustCompile(`^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$`)
	isoDate  = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	// a date followed by UNTC's mark of the kind: "7 Jun 2004 a", "21 May 2004 AA", "… (a)"
	markedDate = regexp.MustCompile(`^(.*?\d)\s*(?:\(\s*([A-Za-z]*)\s*\)|([A-Za-z]+))?$`)
)

// civil returns the calendar day y-m-d, or false when it does not exist
// (31 Apr, 29 Feb 2001).
func civil(y int, m time.Month, d int) (time.Time, bool) {
	t := day(y, m, d)
	return t, t.Year() == y && t.Month() == m && t.Day() == d
}

// ParseDate reads a date as UNTC tables write it ("14 Dec 2000",
// "14 December 2000", "4 Dec 2000", "14-Dec-2000") or as ISO 8601
// ("2000-12-14"). Extra spaces are tolerated.
func ParseDate(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if m := isoDate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if t, ok := civil(y, time.Month(mo), d); ok && mo >= 1 && mo <= 12 {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("no such day %q", s)
	}
	m := untcDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("unreadable date %q", s)
	}
	mo, ok := months[strings.ToLower(m[2])]
	if !ok {
		return time.Time{}, fmt.Errorf("unknown month in %q", s)
	}
	d, _ := strconv.Atoi(m[1])
	y, _ := strconv.Atoi(m[3])
	t, ok := civil(y, mo, d)
	if !ok {
		return time.Time{}, fmt.Errorf("no such day %q", s)
	}
	return t, nil
}

// errUnknownKind marks a consent date whose letter is not one of UNTC's.
type errUnknownKind struct{ mark string }

func (e errUnknownKind) Error() string { return fmt.Sprintf("unknown kind %q", e.mark) }

// parseConsent reads the consent column: a date, optionally followed by
// UNTC's mark of the kind (none = ratification). An unreadable date comes
// back as a plain error; a readable date with an unknown mark as
// errUnknownKind, so the report can say which is wrong.
func parseConsent(s string) (time.Time, Kind, error) {
	s = strings.Join(strings.Fields(s), " ")
	m := markedDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, "", fmt.Errorf("unreadable date %q", s)
	}
	t, err := ParseDate(m[1])
	if err != nil {
		return time.Time{}, "", err
	}
	mark := m[2] + m[3]
	k, ok := kindLetters[mark]
	if !ok {
		return time.Time{}, "", errUnknownKind{mark}
	}
	return t, k, nil
}
