package caselaw

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Finding is something in a case's texts that may identify a person: an
// e-mail address, a phone number, a passport-like number, or a victim's
// full name. Publication waits until an editor fixes the text (a new
// revision, checked again) or confirms that the findings are harmless.
type Finding struct {
	Field string `json:"field"` // as in the JSON form: "summary.en", "victims.0.name"
	Kind  string `json:"kind"`  // email, phone, passport or name
	Match string `json:"match"`
}

var (
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	// phonePattern: digits with the usual separators, 7 to 15 digits.
	phonePattern = regexp.MustCompile(`(?:\+|\b00)?\(?\d[\d ().-]{5,}\d`)
	isoDate      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	// passportPattern: one or two capitals then six to nine digits, the
	// shape of most passport and identity card numbers.
	passportPattern = regexp.MustCompile(`\b[A-Z]{1,2}[0-9]{6,9}\b`)
	// initialsPattern is what a victim's name may be: up to four initials.
	initialsPattern = regexp.MustCompile(`^(\p{Lu}\.?[ -]?){1,4}$`)
)

// Identifiers runs the personal-identifier check over the case's texts.
func (c *Case) Identifiers() []Finding {
	var out []Finding
	for i, v := range c.Victims {
		if v.Name != "" && !initialsPattern.MatchString(v.Name) {
			out = append(out, Finding{Field: fmt.Sprintf("victims.%d.name", i), Kind: "name", Match: v.Name})
		}
	}
	names := c.victimNames()
	for _, t := range c.checkedTexts() {
		out = append(out, scan(t.field, t.body, names)...)
	}
	return out
}

// victimNames are the words of the victims' names that are more than
// initials: found anywhere in the case's texts or files, they are flagged.
func (c *Case) victimNames() []string {
	var names []string
	for _, v := range c.Victims {
		if v.Name != "" && !initialsPattern.MatchString(v.Name) {
			names = append(names, nameParts(v.Name)...)
		}
	}
	return names
}

type fieldText struct{ field, body string }

// checkedTexts are the free texts of the case, by field.
func (c *Case) checkedTexts() []fieldText {
	out := []fieldText{{"title", c.Title}}
	for _, m := range c.freeTexts() {
		langs := make([]string, 0, len(m.Texts))
		for l := range m.Texts {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			out = append(out, fieldText{m.Field + "." + l, m.Texts[l]})
		}
	}
	for i, d := range c.Defendants {
		for j, ch := range d.Charges {
			out = append(out, fieldText{fmt.Sprintf("defendants.%d.charges.%d.other_measures", i, j), ch.OtherMeasures})
		}
	}
	return out
}

// scan finds the identifiers in one text.
func scan(field, body string, names []string) []Finding {
	var out []Finding
	add := func(kind, m string) {
		out = append(out, Finding{Field: field, Kind: kind, Match: strings.TrimSpace(m)})
	}
	// The patterns only run where they can match: an address needs an @,
	// a phone number 7 digits, a passport number 6.
	if strings.IndexByte(body, '@') >= 0 {
		for _, m := range emailPattern.FindAllString(body, -1) {
			add("email", m)
		}
	}
	nd := digits(body)
	var phones [][]int
	if nd >= 7 {
		phones = phonePattern.FindAllStringIndex(body, -1)
	}
	for _, ix := range phones {
		m := body[ix[0]:ix[1]]
		// A number glued to letters is a reference or a passport number.
		glued := ix[0] > 0 && isWordByte(body[ix[0]-1]) || ix[1] < len(body) && isWordByte(body[ix[1]])
		if n := digits(m); n >= 7 && n <= 15 && !glued && !isoDate.MatchString(strings.TrimSpace(m)) {
			add("phone", m)
		}
	}
	if nd >= 6 {
		for _, m := range passportPattern.FindAllString(body, -1) {
			add("passport", m)
		}
	}
	if len(names) > 0 {
		words := strings.FieldsFunc(body, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' })
		for _, w := range words {
			for _, n := range names {
				if strings.EqualFold(w, n) {
					add("name", w)
				}
			}
		}
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '/'
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// nameParts are the words of a full name long enough to identify someone.
func nameParts(name string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' }) {
		if len([]rune(w)) >= 3 {
			out = append(out, w)
		}
	}
	return out
}
