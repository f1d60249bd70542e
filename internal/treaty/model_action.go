package treaty

import "time"

// Kind is how a participant consented to be bound: the UN Treaty Collection
// marks each kind but ratification with a letter after the date.
type Kind string

const (
	KindRatification Kind = "ratification"
	KindAcceptance   Kind = "acceptance"          // A
	KindApproval     Kind = "approval"            // AA
	KindAccession    Kind = "accession"           // a
	KindSuccession   Kind = "succession"          // d
	KindConfirmation Kind = "formal_confirmation" // c
)

// kindLetters maps UNTC's marks to kinds; no mark means ratification.
// The marks are case-sensitive: "a" is accession, "A" acceptance.
var kindLetters = map[string]Kind{
	"": KindRatification, "A": KindAcceptance, "AA": KindApproval,
	"a": KindAccession, "d": KindSuccession, "c": KindConfirmation,
}

// Kinds lists every kind, in UNTC's order.
func Kinds() []Kind {
	return []Kind{KindRatification, KindAcceptance, KindApproval, KindAccession, KindSuccession, KindConfirmation}
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, v := range kindLetters {
		if v == k {
			return true
		}
	}
	return false
}

// LabelKey is the catalogue key of the kind's name.
func (k Kind) LabelKey() string { return "treaty.kind." + string(k) }

// Letter is UNTC's mark for k ("" for ratification).
func (k Kind) Letter() string {
	for l, v := range kindLetters {
		if v == k {
			return l
		}
	}
	return ""
}

// Action is what one participant has done about one instrument, as the
// depositary's status table records it. A State is keyed by its ISO3 code;
// a non-State party (the European Union) by its name, with no ISO3.
type Action struct {
	Instrument   string
	Participant  string    // ISO3, or the non-State party's name
	ISO3         string    // "" for non-State parties
	UNName       string    // the participant's name as the table spells it
	Signature    time.Time // zero when not signed
	Consent      time.Time // consent to be bound; zero when not (yet) bound
	Kind         Kind      // "" when Consent is zero
	Reservations string    // reservations and declarations, as text
}

// IsState reports whether the participant is a State.
func (a Action) IsState() bool { return a.ISO3 != "" }

// PartyAt reports whether the participant had consented to be bound on or
// before t: that is what "party as at t" means in the strategy's counts
// (entry into force for the State may come later).
func (a Action) PartyAt(t time.Time) bool { return !a.Consent.IsZero() && !a.Consent.After(t) }

// SignedAt reports whether the participant had signed on or before t.
func (a Action) SignedAt(t time.Time) bool { return !a.Signature.IsZero() && !a.Signature.After(t) }

// AsAt returns the action as the table would have shown it on t: later
// dates blanked. ok is false when nothing had happened yet.
func (a Action) AsAt(t time.Time) (out Action, ok bool) {
	out = a
	if !a.SignedAt(t) {
		out.Signature = time.Time{}
	}
	if !a.PartyAt(t) {
		out.Consent, out.Kind = time.Time{}, ""
	}
	return out, !out.Signature.IsZero() || !out.Consent.IsZero()
}

// Status is a participant's standing as at a date, for the map and filters.
type Status string

const (
	StatusParty     Status = "party"     // consented to be bound
	StatusSignatory Status = "signatory" // signed, not (yet) bound
	StatusNone      Status = "none"      // neither
)

// StatusAt is the participant's standing on t.
func (a Action) StatusAt(t time.Time) Status {
	switch {
	case a.PartyAt(t):
		return StatusParty
	case a.SignedAt(t):
		return StatusSignatory
	}
	return StatusNone
}

// same reports whether b records what a records, so an import writes (and
// audits) only what changed.
func (a Action) same(b Action) bool {
	return a.UNName == b.UNName && a.ISO3 == b.ISO3 && a.Signature.Equal(b.Signature) &&
		a.Consent.Equal(b.Consent) && a.Kind == b.Kind && a.Reservations == b.Reservations
}
