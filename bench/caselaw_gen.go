package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/tipsom/tipsom/internal/caselaw"
)

// clCountries are the countries generated cases come from, the first ones
// more often (a few countries report most decisions).
var clCountries = []string{"NGA", "USA", "GBR", "FRA", "ESP", "ITA", "DEU", "NLD", "BEL", "ARG", "MEX", "COL", "BRA", "PHL",
	"THA", "VNM", "CHN", "IND", "EGY", "MAR", "JOR", "ARE", "RUS", "UKR", "KAZ", "KGZ", "ZAF", "KEN", "GHA", "BEN", "SEN",
	"CIV", "PER", "CHL", "BOL", "ECU", "GTM", "HND", "SLV", "DOM", "CAN", "AUS", "NZL", "JPN", "KOR", "IDN", "MYS", "KHM",
	"LAO", "MMR", "NPL", "BGD", "PAK", "TUR", "GRC", "ROU", "BGR", "MDA", "SRB", "ALB"}

// clText holds, per language, sentences with slots: %[1]d victims,
// %[2]s a place, %[3]d months.
var clText = map[string][]string{
	"en": {"The accused recruited %[1]d women in %[2]s by deception, promising work as waitresses abroad.",
		"The victims were transported by bus and harboured in a house where their documents were confiscated.",
		"The court found that the defendants exploited the victims in forced labour on farms near %[2]s.",
		"The trial court sentenced the principal offender to %[3]d months of imprisonment for trafficking in persons.",
		"Migrants were smuggled by sea in an overcrowded boat in exchange for payments of several thousand dollars."},
	"fr": {"Les accusés ont recruté %[1]d jeunes femmes à %[2]s par tromperie, en leur promettant un emploi à l'étranger.",
		"Les victimes ont été transportées puis hébergées dans un appartement où leurs passeports ont été confisqués.",
		"Le tribunal a jugé que les prévenus avaient exploité les victimes par le travail forcé près de %[2]s.",
		"La cour a condamné l'auteur principal à %[3]d mois d'emprisonnement pour traite des êtres humains.",
		"Des migrants ont été conduits clandestinement par la mer contre le paiement de sommes importantes."},
	"es": {"Los acusados captaron a %[1]d mujeres en %[2]s mediante engaño, con la promesa de un empleo en el extranjero.",
		"Las víctimas fueron trasladadas y acogidas en una vivienda donde se les retuvieron los documentos.",
		"El tribunal consideró probado que los acusados sometieron a las víctimas a explotación laboral cerca de %[2]s.",
		"La Audiencia condenó al autor principal a %[3]d meses de prisión por trata de seres humanos.",
		"Los migrantes fueron introducidos por mar en una embarcación precaria a cambio de grandes sumas de dinero."},
	"ru": {"Обвиняемые завербовали %[1]d женщин в городе %[2]s путём обмана, обещая работу за границей.",
		"Потерпевших перевезли и укрывали в квартире, где у них изъяли паспорта.",
		"Суд установил, что подсудимые эксплуатировали потерпевших в принудительном труде около %[2]s.",
		"Суд приговорил организатора к %[3]d месяцам лишения свободы за торговлю людьми.",
		"Мигрантов незаконно перевозили по морю за крупное денежное вознаграждение."},
	"ar": {"جنّد المتهمون %[1]d نساء في %[2]s عن طريق الخداع ووعدوهن بالعمل في الخارج.",
		"نُقلت الضحايا وأُوين في منزل صودرت فيه وثائقهن.",
		"رأت المحكمة أن المتهمين استغلوا الضحايا في العمل القسري في المزارع قرب %[2]s.",
		"حكمت المحكمة على الجاني الرئيسي بالسجن %[3]d شهراً بتهمة الاتجار بالأشخاص.",
		"هُرّب المهاجرون عن طريق البحر في قارب مكتظ مقابل مبالغ مالية كبيرة."},
	"zh": {"被告人以欺骗手段在%[2]s招募了%[1]d名妇女，许诺安排她们出国工作。",
		"被害人被运送并窝藏在一处住所，证件被扣押。",
		"法院认定被告人在%[2]s附近的农场强迫被害人劳动。",
		"法院以拐卖人口罪判处主犯有期徒刑%[3]d个月。",
		"移民被以高额报酬为代价经海路偷运。"},
}

var clCharges = []string{"Trafficking in persons", "Aggravated trafficking", "Smuggling of migrants", "Forced labour",
	"Exploitation of prostitution", "Use of forged documents", "Participation in an organized criminal group", "Money laundering"}

var clPlaces = []string{"Lagos", "Benin City", "Marseille", "Madrid", "Novosibirsk", "Cairo", "Guangzhou", "Manila", "Lima", "Accra"}

// clCase generates the i-th realistic case: one to two texts in the six
// languages, SHERLOC keywords meeting the inclusion rule, defendants with
// charges and victims described without names.
func clCase(r *rand.Rand, i int) caselaw.Case {
	country := clCountries[min(int(r.ExpFloat64()*12), len(clCountries)-1)]
	year := 2001 + r.IntN(24)
	c := caselaw.Case{ID: fmt.Sprintf("%s-%d-%06d", country, year, i), Country: country,
		CrimeTypes: []string{"trafficking_in_persons"}, CourtLevel: caselaw.CourtLevels[r.IntN(3)],
		DecisionDate: fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28)),
		Court:        fmt.Sprintf("%s Court of %s", []string{"High", "District", "Regional", "Criminal"}[r.IntN(4)], clPlaces[r.IntN(len(clPlaces))]),
		Summary:      map[string]string{}}
	if r.IntN(5) == 0 {
		c.CrimeTypes = []string{"smuggling_of_migrants"}
	}
	langs := caselaw.Languages
	first := langs[r.IntN(len(langs))]
	c.Languages = []string{first}
	c.Title = fmt.Sprintf("Prosecutor v. %c. %c. and others", 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26)))
	n, months := 1+r.IntN(9), 12*(1+r.IntN(20))
	for _, l := range []string{first, "en"}[:1+r.IntN(2)] {
		var b strings.Builder
		for _, s := range clText[l] {
			if r.IntN(3) > 0 {
				fmt.Fprintf(&b, s+" ", n, clPlaces[r.IntN(len(clPlaces))], months)
			}
		}
		c.Summary[l] = strings.TrimSpace(b.String() + fmt.Sprintf(clClosing(l), n))
	}
	for _, cat := range caselaw.KeywordCategories {
		values := caselaw.KeywordValues(cat)
		k := 1 + r.IntN(2)
		if cat == "sectors" || cat == "issues" {
			k = r.IntN(3)
		}
		var pick []string
		for range k {
			pick = append(pick, values[min(int(r.ExpFloat64()*2.5), len(values)-1)])
		}
		c.Keywords.Set(cat, pick)
	}
	for range 1 + r.IntN(3) {
		def := caselaw.Defendant{Sex: []string{"male", "male", "female", "unknown"}[r.IntN(4)], Age: 20 + r.IntN(45), Nationality: country,
			Role: caselaw.Roles[r.IntN(len(caselaw.Roles))]}
		for range 1 + r.IntN(2) {
			ch := caselaw.Charge{Legislation: "Penal Code, art. " + fmt.Sprint(100+r.IntN(300)), Charge: clCharges[r.IntN(len(clCharges))],
				Verdict: []string{"convicted", "convicted", "convicted", "acquitted", "dismissed"}[r.IntN(5)]}
			if ch.Verdict == "convicted" {
				m := 6 * (1 + r.IntN(40))
				ch.ImprisonmentMonths = &m
			}
			def.Charges = append(def.Charges, ch)
		}
		c.Defendants = append(c.Defendants, def)
	}
	c.VictimCount = n
	for range min(n, 3) {
		c.Victims = append(c.Victims, caselaw.Victim{Sex: []string{"female", "female", "male"}[r.IntN(3)],
			AgeGroup: []string{"adult", "adult", "child", "unknown"}[r.IntN(4)], Nationality: clCountries[r.IntN(len(clCountries))]})
	}
	return c
}

// clClosing is a closing sentence, so every summary names its victims' number.
func clClosing(lang string) string {
	return map[string]string{"en": " %d victims were identified.", "fr": " %d victimes ont été identifiées.",
		"es": " Se identificaron %d víctimas.", "ru": " Установлено потерпевших: %d.", "ar": " جرى التعرف على %d من الضحايا.",
		"zh": " 共认定被害人%d名。"}[lang]
}

// CaselawCases generates n cases, the same for the same seed.
func CaselawCases(n int, seed uint64) []caselaw.Case {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	out := make([]caselaw.Case, n)
	for i := range out {
		out[i] = clCase(r, i+1)
	}
	return out
}
