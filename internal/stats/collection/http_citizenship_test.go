package collection_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

var countryChoiceRe = regexp.MustCompile(`<select id="(cat-detected_victims-free\d+)" name="[^"]+" data-country-choice>`)

// getIn fetches path as c in language lang.
func getIn(t *testing.T, srv *apptest.Server, c *http.Client, lang, path string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	req.Header.Set("Accept-Language", lang)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := apptest.ReadBody(t, res)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	return body
}

// TestCitizenshipRowsAreCountryChoices: a free citizenship row is a choice
// of country in the user's language (never free text), and a focal point
// adds as many rows as needed, well past five, without JavaScript.
func TestCitizenshipRowsAreCountryChoices(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		an := signIn(t, srv, "analyst@example.org", auth.RoleAnalyst)
		fp := signIn(t, srv, "fp@example.org", auth.RoleFocalPoint)
		_, loc := post(t, srv, an, "/stats/collection/rounds", url.Values{"name": {"GLOTIP 2024"}, "years": {"2022"},
			"indicators": {"detected_victims"}, "deadline": {"2030-06-30"}}, http.StatusSeeOther)
		_, page := post(t, srv, fp, loc+"/start", nil, http.StatusSeeOther)

		body := getIn(t, srv, fp, "fr", page)
		if strings.Contains(body, `list="countries-list"`) {
			t.Fatal("a citizenship row is still free text")
		}
		if !strings.Contains(body, `<option value="Germany">Allemagne</option>`) {
			t.Fatal("the country choice is not in French")
		}
		if n := len(countryChoiceRe.FindAllString(body, -1)); n != 3 {
			t.Fatalf("%d blank citizenship rows, want 3", n)
		}

		// "More rows" saves and comes back with five more, as often as asked.
		form := url.Values{"intent": {"more"}, "blank": {"3"}}
		_, loc = post(t, srv, fp, page+"/save", form, http.StatusSeeOther)
		if !strings.Contains(loc, "blank=8") {
			t.Fatalf("more rows goes to %q", loc)
		}
		body = getIn(t, srv, fp, "en", strings.TrimSuffix(loc, "#questionnaire"))
		choices := countryChoiceRe.FindAllStringSubmatch(body, -1)
		if len(choices) != 8 {
			t.Fatalf("%d citizenship rows after asking for more, want 8", len(choices))
		}

		// Eight countries at once, saved and shown again, each chosen.
		countries := []string{"Germany", "France", "Nigeria", "Thailand", "Albania", "Brazil", "India", "Romania"}
		form = url.Values{"intent": {"save"}}
		for i, c := range choices {
			form.Set(c[1], countries[i])
			form.Set("cell-detected_victims-2022-citizenship-free"+strconv.Itoa(i+1)+"-total-total", strconv.Itoa(10+i))
		}
		post(t, srv, fp, page+"/save", form, http.StatusSeeOther)
		body = getIn(t, srv, fp, "en", page)
		for _, c := range countries {
			if !regexp.MustCompile(`<option value="` + c + `" selected>`).MatchString(body) {
				t.Errorf("%s is not chosen on its row after saving", c)
			}
		}
		if n := len(countryChoiceRe.FindAllString(body, -1)); n != len(countries)+3 {
			t.Fatalf("%d citizenship rows for %d countries held, want 3 blank ones more", n, len(countries))
		}
	})
}
