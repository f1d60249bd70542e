package stats

import "strconv"

// Kinds of a published cell beyond a Value's: withheld by tipsom's
// disclosure control, or several source cells "<5" and no count.
const (
	KindWithheld    = "withheld"
	KindSuppressedN = "suppressed_several"
)

// Texts of cells without a count, in pages and downloads alike.
const (
	WithheldText    = "x"
	SuppressedNText = ".."
)

// Why a published cell has no value, in the API.
const (
	SuppressedSource     = "source"     // "<5" as published
	SuppressedDisclosure = "disclosure" // withheld by tipsom
)

// Cell is a figure as tipsom publishes it: a count, or why there is none.
// It is the one way figures leave the analyses — pages, downloads and the
// API — and only its constructors fill it, so a withheld count has no
// field to slip out through. Embedded in a JSON object it adds "value"
// and, when there is none, "suppressed".
type Cell struct {
	Kind       string `json:"-"`
	Value      *int64 `json:"value"`
	Suppressed string `json:"suppressed,omitempty"`
}

// CountCell is a published count.
func CountCell(n int64) Cell { return Cell{Kind: KindCount, Value: &n} }

// emptyCell is a cell of kind without a count.
func emptyCell(kind string) Cell {
	c := Cell{Kind: kind}
	switch kind {
	case KindSuppressed, KindSuppressedN:
		c.Suppressed = SuppressedSource
	case KindWithheld:
		c.Suppressed = SuppressedDisclosure
	}
	return c
}

// CellOf publishes a protected sum: its count, "x" when withheld or when
// its only figures are, "<5" when it is one figure "<5", ".." when
// several, empty when nothing was reported.
func CellOf(s Sum) Cell {
	switch {
	case s.Withheld:
		return emptyCell(KindWithheld)
	case s.HasCount():
		return CountCell(s.N)
	case s.WithheldCells > 0:
		return emptyCell(KindWithheld)
	case s.SuppressedCells == 1:
		return emptyCell(KindSuppressed)
	case s.SuppressedCells > 1:
		return emptyCell(KindSuppressedN)
	}
	return emptyCell(KindMissing)
}

// valueCell publishes one source figure, withheld or not.
func valueCell(v Value, withheld bool) Cell {
	switch {
	case withheld:
		return emptyCell(KindWithheld)
	case v.Kind == KindCount:
		return CountCell(v.N)
	}
	return emptyCell(v.Kind)
}

// Count returns the published count, if there is one.
func (c Cell) Count() (int64, bool) {
	if c.Kind != KindCount || c.Value == nil {
		return 0, false
	}
	return *c.Value, true
}

// Text is the cell as downloads write it: digits, "<5", "..", "x" or "".
func (c Cell) Text() string {
	if n, ok := c.Count(); ok {
		return strconv.FormatInt(n, 10)
	}
	switch c.Kind {
	case KindSuppressed:
		return SuppressedText
	case KindSuppressedN:
		return SuppressedNText
	case KindWithheld:
		return WithheldText
	}
	return ""
}
