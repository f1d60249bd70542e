package collection

import (
	"slices"

	"github.com/tipsom/tipsom/internal/stats"
)

// Kinds of change between two versions.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed"
)

// Change is one cell that differs between two versions.
type Change struct {
	Cell   CellKey      `json:"cell"`
	Kind   string       `json:"change"`
	Before *stats.Value `json:"before,omitempty"`
	After  *stats.Value `json:"after,omitempty"`
}

// Compare lists, cell by cell in questionnaire order, what cur adds to,
// removes from and changes in prev. Equal cells are left out.
func Compare(prev, cur []Cell) []Change {
	before := make(map[CellKey]stats.Value, len(prev))
	for _, c := range prev {
		before[c.CellKey] = c.Value
	}
	out := []Change{}
	seen := make(map[CellKey]bool, len(cur))
	for _, c := range cur {
		seen[c.CellKey] = true
		after := c.Value
		switch b, ok := before[c.CellKey]; {
		case !ok:
			out = append(out, Change{Cell: c.CellKey, Kind: ChangeAdded, After: &after})
		case b != after:
			out = append(out, Change{Cell: c.CellKey, Kind: ChangeChanged, Before: &b, After: &after})
		}
	}
	for _, c := range prev {
		if !seen[c.CellKey] {
			b := c.Value
			out = append(out, Change{Cell: c.CellKey, Kind: ChangeRemoved, Before: &b})
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int { return compareKeys(a.Cell, b.Cell) })
	return out
}
