package stats_test

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/stats/collection"
)

// nationalCountries submit figures for 2020–2021 beside UNODC's sample:
// countries of the sample's regions (so regional sums mix both sources)
// and Nigeria, which is in the sample, so some of its groups hold UNODC's
// figures and a national submission's side by side.
var nationalCountries = []string{"ISL", "KEN", "GHA", "PER", "NPL", "NZL", "NGA"}

// foreignNames are the citizenships the free rows of the questionnaires
// name (English names that resolve to countries).
var foreignNames = []string{"Romania", "India", "Brazil", "Ukraine", "Philippines", "Benin"}

// smallish draws a count with many small ones: the counts that disclosure
// control is about, zeros (which are published) and larger counts.
func smallish(r *rand.Rand) int64 {
	return []int64{0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 9, 12, 15, 20, 35}[r.IntN(17)]
}

// split divides total into n random parts.
func split(r *rand.Rand, total int64, n int) []int64 {
	out := make([]int64, n)
	for range total {
		out[r.IntN(n)]++
	}
	return out
}

// questionnaire draws one country's consistent figures of one indicator
// and year: women, men, girls and boys, their sex and age margins and
// total; the forms of exploitation (detected victims); Nationals and a
// few other citizenships. Every breakdown adds up to its total exactly,
// as a careful country reports; now and then a cell is left empty.
func questionnaire(r *rand.Rand, indicator string, year int) []collection.DraftCell {
	var cells []collection.DraftCell
	put := func(dim, cat, sex, age string, n int64) {
		if r.IntN(12) == 0 && !(dim == stats.DimTotal && sex == "total" && age == "total") {
			return // left empty
		}
		cells = append(cells, collection.DraftCell{CellKey: collection.CellKey{Indicator: indicator, Year: year, Dimension: dim,
			Category: cat, Sex: sex, Age: age}, Text: strconv.FormatInt(n, 10)})
	}
	w, m, g, b := smallish(r), smallish(r), smallish(r), smallish(r)
	if r.IntN(4) == 0 {
		w, m, g, b = 20+smallish(r), smallish(r), smallish(r), smallish(r) // one large part beside small ones
	}
	t := w + m + g + b
	tot := func(sex, age string, n int64) { put(stats.DimTotal, stats.CategoryTotal, sex, age, n) }
	tot("total", "total", t)
	tot("female", "total", w+g)
	tot("male", "total", m+b)
	tot("total", "adult", w+m)
	tot("total", "child", g+b)
	tot("female", "adult", w)
	tot("male", "adult", m)
	tot("female", "child", g)
	tot("male", "child", b)
	if indicator == "detected_victims" {
		for i, n := range split(r, t, 3) {
			put(stats.DimExploitation, stats.Categories[stats.DimExploitation][i], "total", "total", n)
		}
	}
	foreign := r.IntN(4)
	parts := split(r, t, foreign+1)
	put(stats.DimCitizenship, stats.CategoryNationals, "total", "total", parts[0])
	for i, name := range r.Perm(len(foreignNames))[:foreign] {
		put(stats.DimCitizenship, foreignNames[name], "total", "total", parts[i+1])
	}
	return cells
}

// publishNational runs a collection round for detected victims and
// convictions in 2020 and 2021: each country's focal point saves and
// submits a questionnaire, an analyst validates and publishes it — the
// path by which national figures, small counts included, become public.
func publishNational(t *testing.T, srv *apptest.Server, seed uint64) int {
	t.Helper()
	col := collection.NewService(srv.App.DB, srv.App.Rooms.Stats, srv.App.Rooms.Geo)
	col.RegionName = srv.App.RegionNameEN
	round, err := col.OpenRound(ctx, analyst, collection.RoundInput{Name: "Small counts", Years: "2020-2021",
		Indicators: []string{"detected_victims", "convicted"}, Deadline: time.Now().AddDate(1, 0, 0).Format("2006-01-02")})
	if err != nil {
		t.Fatalf("open round: %v", err)
	}
	r := rand.New(rand.NewPCG(seed, 11))
	published := 0
	for i, iso3 := range nationalCountries {
		fp := &auth.Principal{UserID: int64(100 + i), Email: "fp@" + iso3 + ".example", Roles: []auth.Role{auth.RoleFocalPoint},
			Country: iso3, Method: "session"}
		sub, err := col.Start(ctx, fp, round.ID)
		if err != nil {
			t.Fatalf("%s: start: %v", iso3, err)
		}
		var cells []collection.DraftCell
		for _, ind := range round.Indicators {
			for _, y := range round.Years {
				cells = append(cells, questionnaire(r, ind, y)...)
			}
		}
		if ps, err := col.SaveDraft(ctx, fp, sub.ID, cells); err != nil || len(ps) != 0 {
			t.Fatalf("%s: save: %v %+v", iso3, err, ps)
		}
		if _, err := col.Submit(ctx, fp, sub.ID); err != nil {
			t.Fatalf("%s: submit: %v", iso3, err)
		}
		if err := col.Validate(ctx, analyst, sub.ID); err != nil {
			t.Fatalf("%s: validate: %v", iso3, err)
		}
		n, err := col.Publish(ctx, analyst, sub.ID)
		if err != nil {
			t.Fatalf("%s: publish: %v", iso3, err)
		}
		published += int(n)
	}
	return published
}
