package bench

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/web"
)

// clCountries are the countries generated cases come from, the first ones
// more often (a few countries report most decisions).
var clCountries = []string{"NGA", "USA", "GBR", "FRA", "ESP", "ITA", "DEU", "NLD", "BEL", "ARG", "MEX", "COL", "BRA", "PHL",
	"THA", "VNM", "CHN", "IND", "EGY", "MAR", "JOR", "ARE", "RUS", "UKR", "KAZ", "KGZ", "ZAF", "KEN", "GHA", "BEN", "SEN",
	"CIV", "PER", "CHL", "BOL", "ECU", "GTM", "HND", "SLV", "DOM", "CAN", "AUS", "NZL", "JPN", "KOR", "IDN", "MYS", "KHM",
	"LAO", "MMR", "NPL", "BGD", "PAK", "TUR", "GRC", "ROU", "BGR", "MDA", "SRB", "ALB"}

// clText holds, per language, the sentences nearly every trafficking
// judgment has in some form, with slots: {n} victims, {place} a place,
// {months} months. Their words are the corpus's common domain vocabulary
// (each found in a large share of the cases).
var clText = map[string][]string{
	"en": {"The accused recruited {n} women in {place} by deception, promising work as waitresses abroad.",
		"The victims were transported by bus and harboured in a house where their documents were confiscated.",
		"The court found that the defendants exploited the victims in forced labour on farms near {place}.",
		"The trial court sentenced the principal offender to {months} months of imprisonment for trafficking in persons.",
		"Migrants were smuggled by sea in an overcrowded boat in exchange for payments of several thousand dollars."},
	"fr": {"Les accusés ont recruté {n} jeunes femmes à {place} par tromperie, en leur promettant un emploi à l'étranger.",
		"Les victimes ont été transportées puis hébergées dans un appartement où leurs passeports ont été confisqués.",
		"Le tribunal a jugé que les prévenus avaient exploité les victimes par le travail forcé près de {place}.",
		"La cour a condamné l'auteur principal à {months} mois d'emprisonnement pour traite des êtres humains.",
		"Des migrants ont été conduits clandestinement par la mer contre le paiement de sommes importantes."},
	"es": {"Los acusados captaron a {n} mujeres en {place} mediante engaño, con la promesa de un empleo en el extranjero.",
		"Las víctimas fueron trasladadas y acogidas en una vivienda donde se les retuvieron los documentos.",
		"El tribunal consideró probado que los acusados sometieron a las víctimas a explotación laboral cerca de {place}.",
		"La Audiencia condenó al autor principal a {months} meses de prisión por trata de seres humanos.",
		"Los migrantes fueron introducidos por mar en una embarcación precaria a cambio de grandes sumas de dinero."},
	"ru": {"Обвиняемые завербовали {n} женщин в городе {place} путём обмана, обещая работу за границей.",
		"Потерпевших перевезли и укрывали в квартире, где у них изъяли паспорта.",
		"Суд установил, что подсудимые эксплуатировали потерпевших в принудительном труде около {place}.",
		"Суд приговорил организатора к {months} месяцам лишения свободы за торговлю людьми.",
		"Мигрантов незаконно перевозили по морю за крупное денежное вознаграждение."},
	"ar": {"جنّد المتهمون {n} نساء في {place} عن طريق الخداع ووعدوهن بالعمل في الخارج.",
		"نُقلت الضحايا وأُوين في منزل صودرت فيه وثائقهن.",
		"رأت المحكمة أن المتهمين استغلوا الضحايا في العمل القسري في المزارع قرب {place}.",
		"حكمت المحكمة على الجاني الرئيسي بالسجن {months} شهراً بتهمة الاتجار بالأشخاص.",
		"هُرّب المهاجرون عن طريق البحر في قارب مكتظ مقابل مبالغ مالية كبيرة."},
	"zh": {"被告人以欺骗手段在{place}招募了{n}名妇女，许诺安排她们出国工作。",
		"被害人被运送并窝藏在一处住所，证件被扣押。",
		"法院认定被告人在{place}附近的农场强迫被害人劳动。",
		"法院以拐卖人口罪判处主犯有期徒刑{months}个月。",
		"移民被以高额报酬为代价经海路偷运。"},
}

var clCharges = []string{"Trafficking in persons", "Aggravated trafficking", "Smuggling of migrants", "Forced labour",
	"Exploitation of prostitution", "Use of forged documents", "Participation in an organized criminal group", "Money laundering"}

var clPlaces = []string{"Lagos", "Benin City", "Marseille", "Madrid", "Novosibirsk", "Cairo", "Guangzhou", "Manila", "Lima", "Accra"}

// The rest of a judgment's text is what makes each case its own: the
// people, places, trades, objects and circumstances of the facts. Real
// text draws those words from a Zipf distribution — a few very common,
// most rare — and so do the generated cases: each language has a
// vocabulary of clVocab words whose frequencies follow Zipf's law with
// exponent clZipfS, the first clStopRanks ranks being that language's
// function words (dropped by the analysers, as in real text).
const (
	clVocab     = 30_000
	clZipfS     = 1.07
	clStopRanks = 40
)

// clStop are function words per language, standing for the head of the
// Zipf distribution.
var clStop = map[string][]string{
	"en": {"the", "of", "and", "to", "in", "a", "was", "that", "for", "by", "with", "on", "as", "had", "from", "his", "her", "their", "which", "at"},
	"fr": {"le", "la", "de", "et", "les", "des", "en", "un", "une", "du", "que", "qui", "dans", "pour", "par", "sur", "au", "il", "elle", "leur"},
	"es": {"el", "la", "de", "que", "y", "en", "los", "del", "las", "un", "una", "por", "con", "para", "se", "su", "al", "lo", "como", "sus"},
	"ru": {"и", "в", "не", "на", "что", "с", "по", "к", "за", "из", "от", "для", "о", "его", "ее", "их", "он", "она", "был", "была"},
	"ar": {"في", "من", "على", "إلى", "أن", "عن", "مع", "التي", "الذي", "كان", "كانت", "هذا", "هذه", "بعد", "قد", "ما", "لم", "كل", "بين", "ثم"},
	"zh": {"的", "了", "在", "是", "和", "与", "对", "将", "被", "其", "并", "为", "由", "于", "及", "等", "中", "上", "以", "该"},
}

// clLetters are the letters pseudo-words are made of, per language:
// consonants, vowels and word endings.
var clLetters = map[string][3][]string{
	"en": {strings.Split("b c d f g h k l m n p r s t v w z br tr st ch sh", " "), strings.Split("a e i o u ea ou", " "),
		strings.Split("ing ed er s tion ment ness al", " ")},
	"fr": {strings.Split("b c d f g j l m n p r s t v ch tr br", " "), strings.Split("a e i o u é è ou ai au", " "),
		strings.Split("tion ment eur ée és ais ier ance", " ")},
	"es": {strings.Split("b c d f g j l m n ñ p r s t v ll rr ch", " "), strings.Split("a e i o u á é í ó ú ue ie", " "),
		strings.Split("ción mente ado ida os as dor ero", " ")},
	"ru": {strings.Split("б в г д ж з к л м н п р с т ф х ц ч ш щ", " "), strings.Split("а е и о у ы э ю я", " "),
		strings.Split("ость ение ами ого ая ский ник ство", " ")},
	"ar": {strings.Split("ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه", " "), strings.Split("ا و ي", " "),
		strings.Split("ة ات ون ين ية", " ")},
}

// clWord is word rank of language lang: a function word for the first
// ranks, then a pseudo-word made from the rank alone, the same in every run.
func clWord(lang string, rank int) string {
	if rank < clStopRanks {
		stop := clStop[lang]
		return stop[rank%len(stop)]
	}
	r := rand.New(rand.NewPCG(uint64(rank), uint64(len(lang)*7919+int(lang[0])*31+int(lang[1]))))
	if lang == "zh" {
		// Two characters of the 6,000 first CJK ideographs.
		return string([]rune{rune(0x4E00 + r.IntN(6000)), rune(0x4E00 + r.IntN(6000))})
	}
	l := clLetters[lang]
	var b strings.Builder
	for range 2 + r.IntN(3) {
		b.WriteString(l[0][r.IntN(len(l[0]))])
		b.WriteString(l[1][r.IntN(len(l[1]))])
	}
	if r.IntN(2) == 0 {
		b.WriteString(l[2][r.IntN(len(l[2]))])
	}
	return b.String()
}

// clVocabulary holds every language's words by rank, built once.
var clVocabulary = func() map[string][]string {
	out := map[string][]string{}
	for _, l := range web.LangCodes {
		words := make([]string, clVocab)
		for i := range words {
			words[i] = clWord(l, i)
		}
		out[l] = words
	}
	return out
}()

// clZipf draws word ranks with Zipf's law.
type clZipf struct{ z *rand.Zipf }

func newClZipf(r *rand.Rand) clZipf { return clZipf{rand.NewZipf(r, clZipfS, 1, clVocab-1)} }

func (z clZipf) rank() int { return int(z.z.Uint64()) }

// clFacts writes k sentences of case-specific text in lang, 8 to 18 words
// each drawn from the language's Zipf vocabulary.
func clFacts(r *rand.Rand, z clZipf, lang string, k int) string {
	var b strings.Builder
	words := clVocabulary[lang]
	for range k {
		n := 8 + r.IntN(11)
		for i := range n {
			w := words[z.rank()]
			switch {
			case lang == "zh":
			case i == 0:
				r, size := utf8.DecodeRuneInString(w)
				w = strings.ToUpper(string(r)) + w[size:]
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
			default:
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		if lang == "zh" {
			b.WriteString("。")
		} else {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// clSentence fills a domain sentence's slots.
func clSentence(s string, n int, place string, months int) string {
	return strings.NewReplacer("{n}", strconv.Itoa(n), "{place}", place, "{months}", strconv.Itoa(months)).Replace(s)
}

// clCase generates the i-th realistic case: one to two summaries in the six
// languages (some of the domain sentences, then the facts in the case's own
// words), legal reasoning for half of the cases, SHERLOC keywords meeting
// the inclusion rule, defendants with charges and victims described
// without names.
func clCase(r *rand.Rand, z clZipf, i int) caselaw.Case {
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
	langs := web.LangCodes
	first := langs[r.IntN(len(langs))]
	c.Languages = []string{first}
	c.Title = fmt.Sprintf("Prosecutor v. %c. %c. and others", 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26)))
	n, months := 1+r.IntN(9), 12*(1+r.IntN(20))
	for _, l := range []string{first, "en"}[:1+r.IntN(2)] {
		var b strings.Builder
		for _, s := range clText[l] {
			if r.IntN(3) > 0 {
				b.WriteString(clSentence(s, n, clPlaces[r.IntN(len(clPlaces))], months) + " ")
			}
		}
		b.WriteString(clFacts(r, z, l, 3+r.IntN(4)))
		c.Summary[l] = strings.TrimSpace(b.String() + fmt.Sprintf(clClosing(l), n))
	}
	if r.IntN(2) == 0 {
		c.Reasoning = map[string]string{first: clFacts(r, z, first, 2+r.IntN(5))}
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
	z := newClZipf(r)
	out := make([]caselaw.Case, n)
	for i := range out {
		out[i] = clCase(r, z, i+1)
	}
	return out
}

// clWords are the domain's common search words in the six languages, as
// visitors type them (French and Spanish without accents); each is in a
// large share of the cases. clQueryWord mixes them with the cases' own
// vocabulary.
var clWords = []string{"deception", "exploited", "smuggled", "tromperie", "hebergees", "passeports", "enganio", "victimas",
	"explotacion", "обман", "потерпевших", "паспорта", "الخداع", "الضحايا", "招募", "被害人", "waitresses", "compound"}

// clQueryWord is a word a visitor searches for: a third of the time one of
// the domain words every judgment uses (clWords), otherwise a word of the
// cases' own vocabulary in one of the six languages, drawn with the same
// Zipf law as the text (people search for words that occur, the common
// ones more often), skipping function words.
func clQueryWord(r *rand.Rand, z clZipf) string {
	if r.IntN(3) == 0 {
		return clWords[r.IntN(len(clWords))]
	}
	lang := web.LangCodes[r.IntN(len(web.LangCodes))]
	for {
		if k := z.rank(); k >= clStopRanks {
			return clVocabulary[lang][k]
		}
	}
}
