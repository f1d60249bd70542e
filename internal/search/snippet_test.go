package search_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/tipsom/tipsom/internal/search"
)

func TestSnippet(t *testing.T) {
	an, err := search.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ lang, text, q, want string }{
		{"fr", "La victime a été recrutée par tromperie.", "recrutee", "La victime a été <mark>recrutée</mark> par tromperie."},
		{"zh", "法院认定被告人犯有拐卖妇女罪", "拐卖", "法院认定被告人犯有<mark>拐卖</mark>妇女罪"},
		{"en", "Smith & <Jones> trafficked", "trafficking", "Smith &amp; &lt;Jones&gt; <mark>trafficked</mark>"},
		{"", "no match here", "absent", "no match here"},
	}
	for _, c := range cases {
		if got := an.Snippet(c.lang, c.text, an.ParseQuery(c.q), 200); got != c.want {
			t.Errorf("Snippet(%q, %q) = %q, want %q", c.text, c.q, got, c.want)
		}
	}
	long := "Intro words. " + string(make([]byte, 0)) + "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega trafficking end"
	got := an.Snippet("en", long, an.ParseQuery("trafficking"), 40)
	if got[:3] != "…" || !contains(got, "<mark>trafficking</mark>") {
		t.Errorf("long snippet = %q", got)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestExcerptSkipsOnlyPiecesWithoutTheWords: Excerpt, which does not
// analyse the pieces of text whose folded form lacks the first letters of
// every word searched for, finds what a full analysis (Snippet, Matches)
// finds, for every word of texts with elisions, possessives, accents,
// capitals and inflections, searched as written, folded and upper-cased.
func TestExcerptSkipsOnlyPiecesWithoutTheWords(t *testing.T) {
	an, err := search.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	texts := []struct{ lang, text string }{
		{"fr", "L'accusée d'Évry a hébergé les victimes ; l'exploitation économique des êtres humains était avérée. Aux yeux du tribunal, les travaux forcés étaient établis."},
		{"en", "The trafficker's victims were recruited by deception; the court's judgment cited the traffickers' accounts, happily and easily, flying to Italy."},
		{"es", "Las víctimas fueron captadas mediante engaño; la Audiencia condenó por trata de seres humanos con fines de explotación laboral."},
		{"ru", "Суд признал обвиняемых виновными в торговле людьми; потерпевших эксплуатировали, изъяв паспорта. Ёлки и ЁЖИКИ."},
		{"ar", "أدانت المحكمة المتهمين بالاتجار بالأشخاص لغرض العمل القسري والاستغلال."},
		{"", "Federal High Court, Lagos; Cour d'appel de Paris; Москва."},
		{"fr", "« Traite » — (exploitation)/victimes, l’hébergement; «recrutées»… U.S.-based N.G.O.s’ reports: 3.5%."},
	}
	for _, tx := range texts {
		long := strings.Repeat("Filler words about nothing in particular, again and again. ", 12) + tx.text
		for _, body := range []string{tx.text, long} {
			for _, w := range strings.FieldsFunc(tx.text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
				for _, q := range []string{w, strings.ToUpper(w), search.Fold(w)} {
					m := an.ParseQuery(q)
					got, ok := an.Excerpt(tx.lang, body, m, 240)
					want, wantOK := an.Snippet(tx.lang, body, m, 240), an.Matches(tx.lang, body, m)
					if got != want || ok != wantOK {
						t.Errorf("%s %q: Excerpt = %q, %v; a full analysis gives %q, %v", tx.lang, q, got, ok, want, wantOK)
					}
				}
			}
		}
	}
}
