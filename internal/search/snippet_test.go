package search_test

import (
	"testing"

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
