package collection_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/stats/collection"
)

func cell(sex string, v stats.Value) collection.Cell {
	return collection.Cell{CellKey: dv(sex, "total", "").CellKey, Value: v}
}

func value(v stats.Value) *stats.Value { return &v }

// TestCompare: added, removed and changed cells in questionnaire order;
// equal cells left out; a count becoming "<5" is a change.
func TestCompare(t *testing.T) {
	prev := []collection.Cell{cell("total", stats.Count(12)), cell("female", stats.Count(3)), cell("male", stats.Count(9))}
	cur := []collection.Cell{cell("total", stats.Count(12)), cell("female", stats.Value{Kind: stats.KindSuppressed}),
		cell("male", stats.Count(8)), {CellKey: collection.CellKey{Indicator: "detected_victims", Year: 2022, Dimension: "citizenship",
			Category: "Nationals", Sex: "total", Age: "total"}, Value: stats.Count(7)}}
	want := []collection.Change{
		{Cell: prev[1].CellKey, Kind: collection.ChangeChanged, Before: value(stats.Count(3)), After: value(stats.Value{Kind: stats.KindSuppressed})},
		{Cell: prev[2].CellKey, Kind: collection.ChangeChanged, Before: value(stats.Count(9)), After: value(stats.Count(8))},
		{Cell: cur[3].CellKey, Kind: collection.ChangeAdded, After: value(stats.Count(7))},
	}
	if diff := cmp.Diff(want, collection.Compare(prev, cur)); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	removed := collection.Compare(cur, prev[:1])
	if len(removed) != 3 || removed[0].Kind != collection.ChangeRemoved || removed[0].After != nil {
		t.Errorf("removed: %+v", removed)
	}
	if got := collection.Compare(prev, prev); len(got) != 0 {
		t.Errorf("a version against itself: %+v", got)
	}
}

// TestVersionComparison: the service compares a version with the one
// before, cell by cell, and says when there is none.
func TestVersionComparison(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		r := f.openRound(t)
		sub := f.start(t, fpISL, r)
		submit := func(cells ...collection.DraftCell) {
			t.Helper()
			if _, err := f.svc.SaveDraft(ctx, fpISL, sub.ID, cells); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.Submit(ctx, fpISL, sub.ID); err != nil {
				t.Fatal(err)
			}
		}
		submit(dv("total", "total", "30"), dv("female", "total", "20"), dv("male", "total", "10"))
		if err := f.svc.Revise(ctx, fpISL, sub.ID); err != nil {
			t.Fatal(err)
		}
		submit(dv("total", "total", "31"), dv("female", "total", "20"), dv("female", "child", "<5"))
		v1, err := f.svc.Version(ctx, analyst, sub.ID, 1)
		if err != nil || v1.Previous != 0 || len(v1.Changes) != 0 || len(v1.Cells) != 3 {
			t.Fatalf("version 1: %v %+v", err, v1)
		}
		v2, err := f.svc.Version(ctx, fpISL, sub.ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range v2.Changes {
			got = append(got, c.Kind+" "+c.Cell.Sex+"/"+c.Cell.Age)
		}
		if diff := cmp.Diff([]string{"changed total/total", "removed male/total", "added female/child"}, got); diff != "" {
			t.Errorf("changes of version 2 (-want +got):\n%s", diff)
		}
		_, err = f.svc.Version(ctx, analyst, sub.ID, 3)
		mustKind(t, "version 3", err, errs.KindNotFound)
	})
}
