package stats

import (
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// figs builds a group from "sex/age=value" (the Total dimension) or
// "dimension:category=value" (sex and age total), value a count or "<5".
func figs(specs ...string) []groupFigure {
	var out []groupFigure
	for _, s := range specs {
		cell, val, _ := strings.Cut(s, "=")
		k := Key{ISO3: "ISL", Indicator: "detected_victims", Dimension: DimTotal, Category: CategoryTotal, Sex: "total", Age: "total",
			Year: 2022}
		if dim, cat, ok := strings.Cut(cell, ":"); ok {
			k.Dimension, k.Category = dim, cat
		} else {
			k.Sex, k.Age, _ = strings.Cut(cell, "/")
		}
		v, _ := ParseValue(val)
		out = append(out, groupFigure{Key: k, Value: v})
	}
	return out
}

// public writes what releaseGroup publishes differently, "cell=<5" or
// "cell=x", sorted.
func public(fs []groupFigure) []string {
	var out []string
	for k, v := range releaseGroup(fs) {
		cell := k.Sex + "/" + k.Age
		if k.Dimension != DimTotal {
			cell = k.Dimension + ":" + k.Category
		}
		out = append(out, cell+"="+v.String())
	}
	sort.Strings(out)
	return out
}

func TestReleaseGroup(t *testing.T) {
	cases := []struct {
		name string
		figs []groupFigure
		want []string
	}{
		{"nothing small", figs("total/total=30", "female/total=12", "male/total=18"), nil},
		{"zero is published", figs("total/total=5", "female/total=5", "male/total=0"), nil},
		{"a small count alone", figs("total/total=3"), []string{"total/total=<5"}},
		{"a small part: the smallest other part goes too", figs("total/total=30", "female/total=3", "male/total=7", "unknown/total=20"),
			[]string{"female/total=<5", "male/total=x"}},
		{"two small parts that add up to the total's 8 must both be 4: the total goes",
			figs("total/total=8", "female/total=4", "male/total=4"), []string{"female/total=<5", "male/total=<5", "total/total=x"}},
		{"two small parts under a larger total protect each other", figs("total/total=6", "female/total=3", "male/total=3"),
			[]string{"female/total=<5", "male/total=<5"}},
		{"the source's <5 is at most 4, so the 4 beside it shows", figs("total/total=8", "female/total=<5", "male/total=4"),
			[]string{"male/total=<5", "total/total=x"}},
		{"the source's <5 alone is not tipsom's to protect", figs("total/total=10", "female/total=<5", "male/total=8"), nil},
		{"a line without its total says nothing", figs("female/total=3", "male/total=9"), []string{"female/total=<5"}},
		{"forms of exploitation add up to the total", figs("total/total=20", "exploitation:Sexual exploitation=2",
			"exploitation:Forced labour=12", "exploitation:Other forms of exploitation=6"),
			[]string{"exploitation:Other forms of exploitation=x", "exploitation:Sexual exploitation=<5"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := public(c.figs)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("published differently (-want +got):\n%s", diff)
			}
			checkUnpinned(t, c.figs)
		})
	}
}

// TestReleaseGroupAllSmall: four victims, one in each group of sex and age.
// Every figure is "<5", yet the lines and "at least 1" give them all away,
// so the rule shows some as "x", which has no bounds.
func TestReleaseGroupAllSmall(t *testing.T) {
	fs := figs("total/total=4", "female/total=2", "male/total=2", "female/adult=1", "female/child=1", "male/adult=1", "male/child=1")
	if got := public(fs); !strings.Contains(strings.Join(got, " "), "=x") {
		t.Errorf("published %v, want some x", got)
	}
	checkUnpinned(t, fs)
}

// checkUnpinned fails if a count from 1 to 4 is published or the rule's
// own attacker knows a withheld positive count exactly.
func checkUnpinned(t *testing.T, fs []groupFigure) {
	t.Helper()
	rel := releaseGroup(fs)
	tb := newSourceTable(fs)
	for i, f := range tb.figs {
		switch v, ok := rel[f.Key]; {
		case f.Value.Kind == KindSuppressed:
			tb.state[i] = stateSource
		case ok && v.Kind == KindSuppressed:
			tb.state[i] = stateMasked
		case ok:
			tb.state[i] = stateWithheld
		case f.Value.N > 0 && f.Value.N < MinPublished:
			t.Errorf("%s = %d published", f.Key, f.Value.N)
		}
	}
	tb.attack()
	if c := tb.pinned(nil); c >= 0 {
		t.Errorf("%s = %d is known exactly from the published figures", tb.figs[c].Key, tb.figs[c].Value.N)
	}
}

// TestReleaseGroupRandom checks the rule on random sex × age tables with
// their margins, forms and citizenships adding up, small counts common.
func TestReleaseGroupRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	draw := func() int64 { return []int64{0, 1, 2, 3, 4, 5, 6, 9, 14, 40}[r.IntN(10)] }
	for n := range 400 {
		w, m, g, b := draw(), draw(), draw(), draw()
		specs := []string{"total/total=" + itoa(w+m+g+b), "female/total=" + itoa(w+g), "male/total=" + itoa(m+b),
			"total/adult=" + itoa(w+m), "total/child=" + itoa(g+b), "female/adult=" + itoa(w), "male/adult=" + itoa(m),
			"female/child=" + itoa(g), "male/child=" + itoa(b)}
		sexual := r.Int64N(w + m + g + b + 1)
		specs = append(specs, "exploitation:Sexual exploitation="+itoa(sexual), "exploitation:Forced labour="+itoa(w+m+g+b-sexual),
			"citizenship:Nationals="+itoa(w+m), "citizenship:Romania="+itoa(g+b))
		r.Shuffle(len(specs), func(i, j int) { specs[i], specs[j] = specs[j], specs[i] })
		if r.IntN(3) == 0 {
			specs = specs[1:] // a cell left empty
		}
		fs := figs(specs...)
		t.Run(strconv.Itoa(n), func(t *testing.T) { checkUnpinned(t, fs) })
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestSmallCountsQuery: the rule's query says what its index holds — the
// published counts below MinPublished — in the words the migration uses.
func TestSmallCountsQuery(t *testing.T) {
	want := "status = '" + StatusPublished + "' AND value_kind = '" + KindCount + "' AND value BETWEEN 1 AND " + itoa(MinPublished-1)
	if smallCounts != want {
		t.Errorf("smallCounts = %q, want %q", smallCounts, want)
	}
	for _, dir := range []string{"sqlite", "postgres"} {
		b, err := os.ReadFile("../db/migrations/" + dir + "/00016_stats_small_counts.sql")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "WHERE "+smallCounts+";") {
			t.Errorf("%s migration's index is not on %q", dir, smallCounts)
		}
	}
}

// BenchmarkReleaseGroup: the rule on one country's questionnaire (the
// sex and age table, three forms, Nationals and 60 other citizenships,
// many of them small), as every public read of its group pays it.
func BenchmarkReleaseGroup(b *testing.B) {
	specs := []string{"total/total=120", "female/total=70", "male/total=50", "total/adult=100", "total/child=20",
		"female/adult=57", "male/adult=43", "female/child=13", "male/child=7", "exploitation:Sexual exploitation=61",
		"exploitation:Forced labour=56", "exploitation:Other forms of exploitation=3", "citizenship:Nationals=30"}
	for i := range 60 {
		specs = append(specs, "citizenship:C"+itoa(int64(i))+"="+itoa(int64(1+i%2)))
	}
	fs := figs(specs...)
	for b.Loop() {
		releaseGroup(fs)
	}
}
