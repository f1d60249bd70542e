package stats

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// none marks a cell with nothing to show (no figure, or only "<5").
const none = -1

// table builds a disclosure table from values (none: nothing to show) and
// lines of indices, total first.
func table(values []int64, lines [][]int) *disclosure {
	d := &disclosure{}
	for _, v := range values {
		d.cell(max(v, 0), v != none)
	}
	for _, ln := range lines {
		d.line(ln[0], ln[1:]...)
	}
	return d
}

func withheld(d *disclosure) []int {
	var out []int
	for i := range d.vals {
		if d.isWithheld(i) {
			out = append(out, i)
		}
	}
	return out
}

func TestDisclosure(t *testing.T) {
	cases := []struct {
		name   string
		values []int64
		lines  [][]int
		want   []int
	}{
		{"nothing small", []int64{60, 10, 20, 30}, [][]int{{0, 1, 2, 3}}, nil},
		{"zero is published", []int64{30, 0, 30}, [][]int{{0, 1, 2}}, nil},
		{"primary alone, no total", []int64{3, 7}, nil, []int{0}},
		{"one withheld: the smallest other positive part goes too", []int64{53, 3, 30, 20}, [][]int{{0, 1, 2, 3}}, []int{1, 3}},
		{"two withheld protect each other", []int64{35, 3, 2, 30}, [][]int{{0, 1, 2, 3}}, []int{1, 2}},
		{"a small total and its small part", []int64{3, 3, 0}, [][]int{{0, 1, 2}}, []int{0, 1}},
		{"a withheld total with zero parts takes a zero part", []int64{4, 0, 0}, [][]int{{0, 1, 2}}, []int{0, 1}},
		{"only zeros beside it: the total goes", []int64{10, 3, 0, none}, [][]int{{0, 1, 2, 3}}, []int{0, 1}},
		{"source <5 cells add nothing to the total, so they do not protect", []int64{43, 3, none, 40}, [][]int{{0, 1, 2, 3}}, []int{1, 3}},
		{"no count at all: nothing to protect", []int64{none, none, none}, [][]int{{0, 1, 2}}, nil},
		{"a total without a count protects nothing and needs nothing", []int64{none, 3}, [][]int{{0, 1}}, []int{1}},
		// a b | r1      3 10 | 13
		// c d | r2     10 20 | 30
		// c1 c2 | T    13 30 | 43
		{"a matrix with row and column totals", []int64{3, 10, 10, 20, 13, 30, 13, 30, 43},
			[][]int{{4, 0, 1}, {5, 2, 3}, {6, 0, 2}, {7, 1, 3}, {8, 4, 5}, {8, 6, 7}}, []int{0, 1, 2, 3}},
		{"a cell shared by two tables", []int64{50, 3, 47, 47, 40, 7},
			[][]int{{0, 1, 2}, {2, 4, 5}, {3, 4, 5}}, []int{1, 2, 4, 5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := table(c.values, c.lines)
			d.protect()
			if diff := cmp.Diff(c.want, withheld(d)); diff != "" {
				t.Errorf("withheld cells (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDisclosureRandomTables checks both rules on random matrices with row,
// column and grand totals: no published count from 1 to 4, and no line
// with a published total and exactly one withheld cell.
func TestDisclosureRandomTables(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 500; n++ {
		rows, cols := 1+r.IntN(5), 1+r.IntN(5)
		d := &disclosure{}
		grid := make([][]int, rows)
		colSum := make([]int64, cols)
		var rowCells, colCells []int
		var total int64
		for i := range grid {
			var rowSum int64
			for j := 0; j < cols; j++ {
				v := []int64{0, 1, 2, 3, 4, 5, 8, 12, 40, 300}[r.IntN(10)]
				grid[i] = append(grid[i], d.cell(v, true))
				rowSum += v
				colSum[j] += v
			}
			rowCells = append(rowCells, d.cell(rowSum, true))
			d.line(rowCells[i], grid[i]...)
			total += rowSum
		}
		for j := 0; j < cols; j++ {
			colCells = append(colCells, d.cell(colSum[j], true))
			var col []int
			for i := range grid {
				col = append(col, grid[i][j])
			}
			d.line(colCells[j], col...)
		}
		tc := d.cell(total, true)
		d.line(tc, rowCells...)
		d.line(tc, colCells...)
		d.protect()
		for i, v := range d.vals {
			if v > 0 && v < MinPublished && !d.isWithheld(i) {
				t.Fatalf("table %d: cell %d = %d published", n, i, v)
			}
		}
		for _, ln := range d.lines {
			if !d.isWithheld(ln[0]) && d.unknowns(ln) == 1 {
				t.Fatalf("table %d: line %v has one withheld cell beside a published total", n, ln)
			}
		}
	}
}

// TestProtectAggregateRows: the aggregate rows keep their shape; a withheld
// row loses its value and says so.
func TestProtectAggregateRows(t *testing.T) {
	v := func(n int64) *int64 { return &n }
	rows := []AggregateRow{{Code: "a", Value: v(86)}, {Code: "b", Value: v(3)}, {Code: "c"}, {Code: "d", Value: v(120)}}
	world := AggregateRow{Code: "world", Value: v(209)}
	protect(rows, &world)
	var got []string
	for _, r := range append(rows, world) {
		if r.Suppressed {
			got = append(got, r.Code)
			if r.Value != nil {
				t.Errorf("%s withheld but keeps its value", r.Code)
			}
		}
	}
	if diff := cmp.Diff([]string{"a", "b"}, got); diff != "" {
		t.Errorf("withheld rows (-want +got):\n%s", diff)
	}
}

// TestGridSharesAndJSON: a withheld sum has no share and its count never
// reaches JSON.
func TestGridSharesAndJSON(t *testing.T) {
	g := &Grid{Years: []int{2020}, Rows: []GridRow{
		{Code: "women", Sums: []Sum{{N: 60, Reporting: 1}}},
		{Code: "men", Sums: []Sum{{N: 3, Reporting: 1}}},
		{Code: "girls", Sums: []Sum{{N: 37, Reporting: 1}}},
		{Code: "boys", Sums: []Sum{{SuppressedCells: 1}}},
	}, Total: GridRow{Code: "total", Sums: []Sum{{N: 100, Reporting: 1}}}}
	g.protect()
	var shares []string
	for i := range g.Rows {
		if s, ok := g.Share(i, 0); ok {
			shares = append(shares, fmt.Sprintf("%s:%.1f", g.Rows[i].Code, s))
		}
	}
	if diff := cmp.Diff([]string{"women:60.0"}, shares); diff != "" {
		t.Errorf("shares (-want +got):\n%s", diff)
	}
	for _, i := range []int{1, 2} {
		b := jsonString(t, g.Rows[i].Sums[0])
		if !strings.Contains(b, `"value":null`) || !strings.Contains(b, `"suppressed":"disclosure"`) {
			t.Errorf("withheld %s as JSON: %s", g.Rows[i].Code, b)
		}
	}
	if got := CellOf(g.Rows[3].Sums[0]).Text(); got != "<5" {
		t.Errorf("boys: %q, want <5", got)
	}
}

func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLinesRowWithoutCount: a country whose only figure is withheld ("x")
// adds nothing to the world's sum, so printing the world beside the other
// countries gives nothing away and withholds nothing more; a row withheld
// with counts in it still protects its line.
func TestLinesRowWithoutCount(t *testing.T) {
	v := func(n int64) *int64 { return &n }
	withheldOnly := AggregateRow{Code: "ISL", Suppressed: true, WithheldCells: 1}
	other := AggregateRow{Code: "NOR", Value: v(40), CountriesReporting: 1}
	world := AggregateRow{Code: "world", Value: v(40), CountriesReporting: 1, WithheldCells: 1}
	var l Lines
	l.Sum(l.Add(&world), l.Add(&withheldOnly), l.Add(&other))
	l.Protect()
	if world.Value == nil || other.Value == nil || !withheldOnly.Suppressed {
		t.Errorf("world %+v, NOR %+v, ISL %+v: want 40, 40 and ISL still withheld", world, other, withheldOnly)
	}
	hidden := AggregateRow{Code: "ISL", Suppressed: true, CountriesReporting: 1}
	world = AggregateRow{Code: "world", Value: v(43), CountriesReporting: 2}
	other = AggregateRow{Code: "NOR", Value: v(40), CountriesReporting: 1}
	l = Lines{}
	l.Sum(l.Add(&world), l.Add(&hidden), l.Add(&other))
	l.Protect()
	if other.Value != nil && world.Value != nil {
		t.Errorf("a withheld count beside a published total and part: world %v, NOR %v", *world.Value, *other.Value)
	}
}
