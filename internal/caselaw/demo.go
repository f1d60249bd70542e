package caselaw

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/web"
)

// The demo's case law is fictional: decisions composed from hand-written
// phrase banks (demo/phrases.json, the same sentences in the six UN
// languages), so every summary reads as plausible facts and reasoning in
// each language. A seeded random source picks the sentences, so the set
// is the same at every load. Every case and law carries "demo": true and a
// visible "fictional demo record" mark.

// demoBank is one language's phrase bank.
type demoBank map[string]json.RawMessage

func (b demoBank) list(key string) []string {
	var out []string
	json.Unmarshal(b[key], &out)
	return out
}

func (b demoBank) dict(key string) map[string]string {
	out := map[string]string{}
	json.Unmarshal(b[key], &out)
	return out
}

type demoCountry struct {
	Country     string `json:"country"`
	Language    string `json:"language"`
	LegalSystem string `json:"legal_system"`
}

type demoSetup struct {
	Countries []demoCountry                `json:"countries"`
	Courts    map[string]map[string]string `json:"courts"`
	Titles    map[string]string            `json:"titles"`
	FirstYear int                          `json:"first_year"`
	LastYear  int                          `json:"last_year"`
	Cases     int                          `json:"cases"`
}

type demoLaw struct {
	IDSuffix  string    `json:"id_suffix"`
	Kind      string    `json:"kind"`
	Title     string    `json:"title"`
	Language  string    `json:"language"`
	Amendment string    `json:"amendment"`
	Articles  []Article `json:"articles"`
}

// DemoContent composes the fictional laws (one per country) and cases.
func DemoContent() ([]Instrument, []Case, error) {
	var banks map[string]demoBank
	var setup demoSetup
	var law demoLaw
	for name, v := range map[string]any{"phrases.json": &banks, "countries.json": &setup, "legislation.json": &law} {
		if err := DemoFiles().JSON("demo/"+name, v); err != nil {
			return nil, nil, err
		}
	}
	for _, l := range web.LangCodes {
		if banks[l] == nil {
			return nil, nil, fmt.Errorf("demo/phrases.json: no %s bank", l)
		}
	}
	var laws []Instrument
	lawOf := map[string]*Instrument{}
	for i, c := range setup.Countries {
		in := Instrument{ID: c.Country + "-" + law.IDSuffix, Country: c.Country, Kind: law.Kind, Title: law.Title,
			Year: 2005 + i%12, Language: law.Language, Articles: slices.Clone(law.Articles), Demo: true}
		if i%3 == 0 {
			in.Amendments = []Amendment{{Date: strconv.Itoa(in.Year+6) + "-07-01", Description: law.Amendment}}
		}
		laws = append(laws, in)
	}
	for i := range laws {
		lawOf[laws[i].Country] = &laws[i]
	}
	r := rand.New(rand.NewPCG(14, 2026))
	var cases []Case
	seq := map[string]int{}
	for i := 0; i < setup.Cases; i++ {
		c := setup.Countries[i%len(setup.Countries)]
		if i >= 5*len(setup.Countries) {
			c = setup.Countries[r.IntN(len(setup.Countries))]
		}
		seq[c.Country]++
		cases = append(cases, composeCase(r, banks, setup, c, lawOf[c.Country], seq[c.Country]))
	}
	return laws, cases, nil
}

// purposes the trafficking cases are about, with the keywords and sector
// each implies, and the recruitment sentences that describe children.
var demoPurposes = []struct {
	key, purpose string
	weight       int
	sectors      []string
	children     []int
}{
	{"recruit.sexual_exploitation", "sexual_exploitation", 40, []string{"commercial_sex"}, []int{2}},
	{"recruit.forced_labour", "forced_labour", 30, []string{"agriculture", "construction", "fishing", "manufacturing", "hospitality", "mining"}, nil},
	{"recruit.servitude", "servitude", 10, []string{"domestic_work"}, nil},
	{"recruit.begging", "begging", 10, []string{"begging"}, []int{0}},
	{"recruit.forced_criminality", "forced_criminality", 10, nil, []int{0}},
}

// demoMeans are the means keywords of each "means" sentence.
var demoMeans = [][]string{{"deception", "fraud"}, {"threat"}, {"coercion"}, {"abuse_of_vulnerability"}, {"force", "coercion"}, {"coercion", "deception"}}

var demoInitials = []string{"A.B.", "K.M.", "R.T.", "S.O.", "L.D.", "M.N.", "J.P.", "E.V.", "H.Z.", "F.G.", "T.K.", "Y.A.", "D.C.", "N.R.", "O.I.", "P.S."}

// pick chooses one index of a list of n.
func pick(r *rand.Rand, n int) int { return r.IntN(n) }

func composeCase(r *rand.Rand, banks map[string]demoBank, setup demoSetup, co demoCountry, law *Instrument, n int) Case {
	year := setup.FirstYear + r.IntN(setup.LastYear-setup.FirstYear+1)
	c := Case{ID: fmt.Sprintf("%s-%d-D%03d", co.Country, year, n), Country: co.Country, LegalSystem: co.LegalSystem,
		DecisionDate: fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28)), Languages: []string{co.Language},
		Summary: map[string]string{}, Reasoning: map[string]string{}, Demo: true,
		Sources: []string{"Fictional demo record composed by tipsom from its phrase banks: not a real decision."}}
	c.CaseNumber = fmt.Sprintf("DEMO/%d/%d", year, 100+n)
	smuggling := r.IntN(5) == 0
	levels := []string{"first_instance", "first_instance", "first_instance", "first_instance", "appeal", "appeal", "appeal", "supreme"}
	c.CourtLevel = levels[r.IntN(len(levels))]
	c.Court = setup.Courts[co.LegalSystem][c.CourtLevel]
	victims := 2 + r.IntN(12)
	months := 24 + r.IntN(73)
	en := banks["en"]
	// The sentences chosen, by bank key and index: the same in every language.
	type part struct {
		key string
		i   int
	}
	var facts, reasons []part
	var outcome string
	child := false
	verdict := "convicted"
	switch {
	case smuggling:
		c.CrimeTypes = []string{"smuggling_of_migrants"}
		s := pick(r, len(en.list("smuggle")))
		facts = append(facts, part{"smuggle", s}, part{"conditions", pick(r, len(en.list("conditions")))},
			part{"discovery", 2 + pick(r, 3)})
		outcome = "outcome.smuggling"
		facts = append(facts, part{outcome, pick(r, len(en.list(outcome)))})
		rs := r.Perm(len(en.list("reasoning.smuggling")))[:2]
		slices.Sort(rs)
		for _, i := range rs {
			reasons = append(reasons, part{"reasoning.smuggling", i})
		}
		c.Keywords.Forms = []string{"transnational"}
		if s == 2 {
			c.Keywords.Issues = append(c.Keywords.Issues, "smuggling_by_sea")
		}
		if slices.Contains(rs, 3) {
			c.Keywords.Issues = append(c.Keywords.Issues, "international_cooperation")
		}
	default:
		c.CrimeTypes = []string{"trafficking_in_persons"}
		if r.IntN(10) == 0 {
			c.CrimeTypes = append(c.CrimeTypes, "smuggling_of_migrants")
		}
		w := r.IntN(100)
		p := demoPurposes[0]
		for _, dp := range demoPurposes {
			if w < dp.weight {
				p = dp
				break
			}
			w -= dp.weight
		}
		ri := pick(r, len(en.list(p.key)))
		child = slices.Contains(p.children, ri)
		mi := pick(r, len(demoMeans))
		ei := pick(r, len(en.list("exploit")))
		di := pick(r, len(en.list("discovery")))
		facts = append(facts, part{p.key, ri}, part{"means", mi}, part{"exploit", ei}, part{"discovery", di})
		switch c.CourtLevel {
		case "first_instance":
			outcome = "outcome.first_instance.convicted"
			if r.IntN(8) == 0 {
				outcome, verdict = "outcome.first_instance.acquitted", "acquitted"
			}
		case "appeal":
			outcome = []string{"outcome.appeal.upheld", "outcome.appeal.reduced", "outcome.appeal.increased"}[r.IntN(3)]
		default:
			outcome = "outcome.supreme.upheld"
		}
		facts = append(facts, part{outcome, pick(r, len(en.list(outcome)))})
		rs := r.Perm(len(en.list("reasoning.trafficking")))[:2]
		slices.Sort(rs)
		if child {
			reasons = append(reasons, part{"reasoning.child", 0})
		}
		for _, i := range rs {
			reasons = append(reasons, part{"reasoning.trafficking", i})
		}
		c.Keywords.Acts = []string{"recruitment", []string{"transportation", "harbouring", "receipt", "transfer"}[r.IntN(4)]}
		c.Keywords.Means = demoMeans[mi]
		c.Keywords.Purposes = []string{p.purpose}
		if len(p.sectors) > 0 {
			c.Keywords.Sectors = []string{p.sectors[r.IntN(len(p.sectors))]}
		}
		c.Keywords.Forms = []string{[]string{"transnational", "internal"}[r.IntN(2)]}
		if slices.Contains(rs, 5) {
			c.Keywords.Forms = append(c.Keywords.Forms, "organized_criminal_group")
		}
		for i, issue := range map[int]string{0: "consent", 3: "victim_protection", 4: "non_punishment", 6: "victim_protection"} {
			if slices.Contains(rs, i) {
				c.Keywords.Issues = append(c.Keywords.Issues, issue)
			}
		}
		if ei == 2 {
			c.Keywords.Issues = append(c.Keywords.Issues, "money_laundering")
		}
		if di == 2 {
			c.Keywords.Issues = append(c.Keywords.Issues, "document_fraud")
		}
	}
	place := r.IntN(len(en.list("place")))
	if smuggling && facts[0].i == 2 {
		place = 2 // the boat leaves from the coastal town
	}
	sector := ""
	if len(c.Keywords.Sectors) > 0 {
		sector = c.Keywords.Sectors[0]
	}
	for _, l := range web.LangCodes {
		b := banks[l]
		fill := strings.NewReplacer("{n}", strconv.Itoa(victims), "{months}", strconv.Itoa(months),
			"{place}", b.list("place")[place], "{sector}", b.dict("sector")[sector])
		text := func(parts []part) string {
			var s []string
			for _, p := range parts {
				s = append(s, fill.Replace(b.list(p.key)[p.i]))
			}
			sep := " "
			if l == "zh" {
				sep = ""
			}
			return strings.Join(s, sep)
		}
		c.Summary[l], c.Reasoning[l] = text(facts), text(reasons)
	}
	// The people: defendants by initials and role, victims by sex and age.
	nd := 1 + r.IntN(4)
	var names []string
	for d := 0; d < nd; d++ {
		def := Defendant{Sex: []string{"male", "male", "female"}[r.IntN(3)], Age: 24 + r.IntN(38), Nationality: co.Country}
		if smuggling {
			def.Role = []string{"smuggler", "transporter", "organiser"}[min(d, 2)]
		} else {
			def.Role = []string{"organiser", "recruiter", "exploiter", "transporter"}[d]
		}
		m := months - 6*d
		ch := Charge{Legislation: law.Title + ", art. 5", Instrument: law.ID, Article: "5", Charge: "Trafficking in persons", Verdict: verdict}
		if smuggling {
			ch = Charge{Legislation: law.Title + ", art. 9", Instrument: law.ID, Article: "9", Charge: "Smuggling of migrants for financial gain", Verdict: verdict}
		}
		if verdict == "convicted" {
			ch.ImprisonmentMonths = &m
		}
		def.Charges = []Charge{ch}
		if !smuggling && (child || slices.Contains(c.Keywords.Forms, "organized_criminal_group")) && verdict == "convicted" {
			def.Charges = append(def.Charges, Charge{Legislation: law.Title + ", art. 6", Instrument: law.ID, Article: "6",
				Charge: "Aggravated trafficking in persons", Verdict: "convicted"})
		}
		if verdict == "acquitted" {
			six := 6 + r.IntN(12)
			def.Charges = append(def.Charges, Charge{Legislation: "Labour Code (fictional)", Charge: "Breach of labour law", Verdict: "convicted", ImprisonmentMonths: &six})
		}
		c.Defendants = append(c.Defendants, def)
		names = append(names, demoInitials[r.IntN(len(demoInitials))])
	}
	c.VictimCount = victims
	for v := 0; v < min(victims, 3); v++ {
		sex := "female"
		if smuggling || slices.Contains(c.Keywords.Purposes, "forced_labour") || slices.Contains(c.Keywords.Purposes, "forced_criminality") {
			sex = []string{"male", "male", "female"}[r.IntN(3)]
		}
		age := "adult"
		if child {
			age = "child"
		}
		c.Victims = append(c.Victims, Victim{Name: demoInitials[r.IntN(len(demoInitials))], Sex: sex, AgeGroup: age})
	}
	title := setup.Titles["en"]
	if t, ok := setup.Titles[co.Language]; ok {
		title = t
	}
	c.Title = strings.ReplaceAll(title, "{initials}", strings.Join(slices.Compact(names[:min(len(names), 2)]), ", "))
	return c
}

// LoadDemo writes the fictional laws and cases, published at once. Run
// again on the same content, it changes nothing (SaveInstrument and Import
// keep what is unchanged). It returns the number of cases read.
func (s *Service) LoadDemo(ctx context.Context) (int, error) {
	by := auth.System("demo")
	laws, cases, err := DemoContent()
	if err != nil {
		return 0, err
	}
	for _, in := range laws {
		if _, err := s.SaveInstrument(ctx, by, in); err != nil {
			return 0, fmt.Errorf("demo law %s: %w", in.ID, err)
		}
	}
	lines := make([]Line, len(cases))
	for i, c := range cases {
		c.Normalise()
		if err := c.Validate(s.Known); err != nil {
			return 0, fmt.Errorf("demo case %s: %w", c.ID, err)
		}
		lines[i] = Line{N: i + 1, Case: c}
	}
	rep, err := s.Import(ctx, by, lines, false)
	if err != nil {
		return 0, err
	}
	if len(rep.Held) > 0 {
		return 0, fmt.Errorf("demo case law: %d cases held as drafts (first %s: %s)", len(rep.Held), rep.Held[0].ID, rep.Held[0].Reason)
	}
	// Some cases have their judgment as a PDF (a generated one, as
	// fictional as the case), searchable like an uploaded judgment.
	for i := 0; i < len(cases); i += demoPDFEvery {
		c := &lines[i].Case
		rec, err := s.Get(ctx, by, c.ID)
		if err != nil {
			return 0, err
		}
		if len(rec.Attachments) > 0 {
			continue
		}
		a, err := s.Attach(ctx, by, c.ID, "judgment-"+strings.ToLower(c.ID)+".pdf", JudgmentPDF(c))
		if err != nil {
			return 0, fmt.Errorf("demo judgment of %s: %w", c.ID, err)
		}
		if _, err := s.Publish(ctx, by, c.ID, a.Rev); err != nil {
			return 0, fmt.Errorf("demo judgment of %s: %w", c.ID, err)
		}
	}
	return rep.Read, nil
}

// demoPDFEvery: one demo case in so many has a generated judgment PDF.
const demoPDFEvery = 16

// DemoFiles are the demo files, so a loader can tell when they change.
func DemoFiles() db.Files {
	return db.NewFiles(demoFiles, "demo/phrases.json", "demo/countries.json", "demo/legislation.json")
}
