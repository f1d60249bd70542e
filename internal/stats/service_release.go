package stats

import (
	"context"
	"database/sql"
)

// This file is where stored figures become public ones. Every public read
// of stat_observations — the observations API, the aggregates, the
// explorer's analyses (tables, charts, maps, downloads, rates, flows), the
// country profile, the Global Report, the public export — asks release for
// the groups it read and publishes each figure as release says: the count,
// "<5", or "x" (release_group.go decides). Only a group holding a stored
// count from 1 to 4 can differ from what is stored, so release first asks
// which groups those are, and reads nothing more for the others. Every sum
// is then made of published counts: "<5" and "x" add nothing to it and are
// counted in its coverage, so no derived figure tells more than the
// figures it adds up.

// groupOf is the group a figure belongs to.
type groupOf struct {
	ISO3      string
	Indicator string
	Year      int
}

// releaseScope says where a read looked: its indicators and countries
// (none: any) and its years (0: any).
type releaseScope struct {
	Indicators []string
	Countries  []string
	From, To   int
}

// released holds the public value of every figure in the scope that is not
// published as stored.
type released map[Key]Value

// public is the published value of the figure k stored as v.
func (r released) public(k Key, v Value) Value {
	if p, ok := r[k]; ok {
		return p
	}
	return v
}

// release applies the rule to the groups of scope holding a count from 1
// to 4, inside the reader's transaction (its snapshot).
func (s *Service) release(ctx context.Context, tx *sql.Tx, sc releaseScope) (released, error) {
	groups, err := smallGroups(ctx, tx, sc)
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	figs, err := groupFigures(ctx, tx, groups)
	if err != nil {
		return nil, err
	}
	out := released{}
	for _, fs := range figs {
		for k, v := range releaseGroup(fs) {
			out[k] = v
		}
	}
	return out, nil
}

// members lists a set's members.
func members(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}
