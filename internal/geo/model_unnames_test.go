package geo_test

import (
	"html"
	"net/http"
	"regexp"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/geo/geotest"
	"github.com/tipsom/tipsom/internal/web"
)

// unNameCases are well-known places where the UN's name (UNTERM) is not
// CLDR's short form, across the six languages.
var unNameCases = []struct{ iso3, lang, want string }{
	{"COG", "en", "Congo"},
	{"COG", "fr", "Congo"},
	{"COG", "zh", "刚果"},
	{"COD", "en", "Democratic Republic of the Congo"},
	{"COD", "ru", "Демократическая Республика Конго"},
	{"VAT", "en", "Holy See"},
	{"VAT", "fr", "Saint-Siège"},
	{"VAT", "es", "Santa Sede"},
	{"VAT", "ar", "الكرسي الرسولي"},
	{"TUR", "en", "Türkiye"},
	{"TUR", "ru", "Тюркийе"},
	{"CZE", "en", "Czechia"},
	{"CZE", "ar", "تشيكيا"},
	{"CIV", "en", "Côte d'Ivoire"},
	{"CIV", "ar", "كوت ديفوار"},
	{"MMR", "en", "Myanmar"},
	{"MMR", "ru", "Мьянма"},
	{"BOL", "en", "Bolivia (Plurinational State of)"},
	{"BOL", "es", "Bolivia (Estado Plurinacional de)"},
	{"IRN", "en", "Iran (Islamic Republic of)"},
	{"IRN", "fr", "Iran (République islamique d')"},
	{"VEN", "en", "Venezuela (Bolivarian Republic of)"},
	{"VEN", "zh", "委内瑞拉玻利瓦尔共和国"},
	{"TZA", "en", "United Republic of Tanzania"},
	{"TZA", "fr", "République-Unie de Tanzanie"},
	{"SYR", "en", "Syrian Arab Republic"},
	{"SYR", "ar", "الجمهورية العربية السورية"},
	{"LAO", "en", "Lao People's Democratic Republic"},
	{"VNM", "en", "Viet Nam"},
	{"VNM", "es", "Viet Nam"},
	{"RUS", "en", "Russian Federation"},
	{"RUS", "zh", "俄罗斯联邦"},
	{"KOR", "en", "Republic of Korea"},
	{"KOR", "zh", "大韩民国"},
	{"PRK", "en", "Democratic People's Republic of Korea"},
	{"PRK", "ru", "Корейская Народно-Демократическая Республика"},
	{"MDA", "en", "Republic of Moldova"},
	{"MDA", "fr", "République de Moldova"},
	{"GBR", "en", "United Kingdom of Great Britain and Northern Ireland"},
	{"GBR", "zh", "大不列颠及北爱尔兰联合王国"},
	{"USA", "en", "United States of America"},
	{"USA", "es", "Estados Unidos de América"},
	{"BRN", "en", "Brunei Darussalam"},
	{"CPV", "en", "Cabo Verde"},
	{"CPV", "ar", "كابو فيردي"},
	{"SWZ", "en", "Eswatini"},
	{"SWZ", "ru", "Эсватини"},
	{"PSE", "en", "State of Palestine"},
	{"PSE", "fr", "État de Palestine"},
	{"MKD", "en", "North Macedonia"},
	{"MKD", "es", "Macedonia del Norte"},
	{"NLD", "en", "Netherlands (Kingdom of the)"},
	{"NLD", "fr", "Pays-Bas (Royaume des)"},
	{"CHN", "en", "China"},
	{"CHN", "zh", "中国"},
	{"HKG", "en", "China, Hong Kong Special Administrative Region"},
	{"MAC", "en", "China, Macao Special Administrative Region"},
	{"FSM", "en", "Micronesia (Federated States of)"},
	{"FSM", "ru", "Микронезия (Федеративные Штаты)"},
	{"KNA", "en", "Saint Kitts and Nevis"},
	{"KNA", "es", "Saint Kitts y Nevis"},
	{"BLR", "fr", "Bélarus"},
	{"TLS", "ru", "Тимор-Лешти"},
	{"TTO", "es", "Trinidad y Tabago"},
}

func TestUNNames(t *testing.T) {
	s := geo.NewService(nil)
	for _, tc := range unNameCases {
		c, ok := s.Country(tc.iso3)
		if !ok {
			t.Fatalf("%s unknown", tc.iso3)
		}
		if got := c.Name(tc.lang); got != tc.want {
			t.Errorf("%s in %s: %q, want %q", tc.iso3, tc.lang, got, tc.want)
		}
	}
	// The names they replaced still read a file.
	names := geo.NewNames(s.Countries())
	for name, want := range map[string]string{"Congo - Brazzaville": "COG", "Vatican City": "VAT", "Turkey": "TUR",
		"Congo-Kinshasa": "COD", "Ватикан": "VAT", "刚果（布）": "COG", "Türkiye": "TUR", "Saint-Siège": "VAT"} {
		if got, _ := names.ISO3(name); got != want {
			t.Errorf("%q reads as %q, want %s", name, got, want)
		}
	}
}

var countryRow = regexp.MustCompile(`<tr data-iso3="([A-Z]{3})"><td><a [^>]*class="place"[^>]*>([^<]*)</a>`)

// TestUNNamesShown checks the names the countries page and the API give,
// in each case's language.
func TestUNNamesShown(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	byLang := map[string]map[string]string{}
	order := map[string]map[string]int{} // language → ISO3 → row
	for _, l := range web.LangCodes {
		req, _ := http.NewRequest("GET", srv.URL+"/countries", nil)
		req.AddCookie(&http.Cookie{Name: web.LangCookie, Value: l})
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := apptest.ReadBody(t, res)
		byLang[l], order[l] = map[string]string{}, map[string]int{}
		for i, m := range countryRow.FindAllStringSubmatch(body, -1) {
			byLang[l][m[1]] = html.UnescapeString(m[2])
			order[l][m[1]] = i
		}
		if len(byLang[l]) != 249 {
			t.Fatalf("%s: %d country rows", l, len(byLang[l]))
		}
	}
	// Each list in its reader's order: Danemark, Égypte, Équateur; Нигер,
	// Никарагуа, Ниуэ, Новая Зеландия, Острова Кука, острова Питкэрн (not after
	// Япония for its small letter); Chinese by
	// pinyin, 阿富汗 (Afuhan) before 巴西 (Baxi) before 中国 (Zhongguo).
	for l, seq := range map[string][]string{"fr": {"DNK", "EGY", "ECU", "ESP", "USA", "ETH"}, "es": {"NIC", "NER", "NGA", "NOR", "OMN"},
		"ru": {"NER", "NGA", "NLD", "NIC", "NIU", "NZL", "COK", "PCN", "PAK"}, "zh": {"AFG", "BRA", "DEU", "FRA", "JPN", "CHN"}, "en": {"CIV", "HRV", "CUB", "CUW"}} {
		for i := 1; i < len(seq); i++ {
			if order[l][seq[i-1]] >= order[l][seq[i]] {
				t.Errorf("%s: %s (%s) listed after %s (%s)", l, seq[i-1], byLang[l][seq[i-1]], seq[i], byLang[l][seq[i]])
			}
		}
	}
	api := map[string]map[string]string{}
	for _, l := range web.LangCodes {
		var list struct {
			Countries []struct{ ISO3, Name string } `json:"countries"`
		}
		if code := srv.GetJSON(t, "/api/v1/countries?lang="+l, &list); code != 200 || len(list.Countries) != 249 {
			t.Fatalf("API in %s: %d, %d countries", l, code, len(list.Countries))
		}
		api[l] = map[string]string{}
		for _, c := range list.Countries {
			api[l][c.ISO3] = c.Name
		}
	}
	for _, tc := range unNameCases {
		if got := byLang[tc.lang][tc.iso3]; got != tc.want {
			t.Errorf("page in %s names %s %q, want %q", tc.lang, tc.iso3, got, tc.want)
		}
		if got := api[tc.lang][tc.iso3]; got != tc.want {
			t.Errorf("API in %s names %s %q, want %q", tc.lang, tc.iso3, got, tc.want)
		}
	}
}

// TestUNNamesReachOldDatabases checks that a database seeded by an earlier
// binary, holding CLDR's names, gets the UN's at the next start.
func TestUNNamesReachOldDatabases(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := geotest.Seeded(t, d)
		// As an earlier binary left it: CLDR's names, and their digest.
		if _, err := d.SQL().Exec(`UPDATE countries SET name_en = 'Turkey', name_fr = 'Turquie' WHERE iso3 = 'TUR'`); err != nil {
			t.Fatal(err)
		}
		if _, err := d.SQL().Exec(`UPDATE seeds SET digest = 'cldr' WHERE scope = 'geo' AND key = 'country:TUR'`); err != nil {
			t.Fatal(err)
		}
		if err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		var en, fr string
		if err := d.SQL().QueryRow(`SELECT name_en, name_fr FROM countries WHERE iso3 = 'TUR'`).Scan(&en, &fr); err != nil {
			t.Fatal(err)
		}
		if en != "Türkiye" || fr != "Türkiye" {
			t.Errorf("after the new start: %q, %q", en, fr)
		}
	})
}

// TestPlaceName checks the names pages get for codes (web.Localizer.Place).
func TestPlaceName(t *testing.T) {
	s := geo.NewService(nil)
	cat, err := web.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	cat.Places = s.PlaceName
	for _, tc := range []struct{ code, lang, want string }{
		{"TUR", "en", "Türkiye"}, {"tr", "fr", "Türkiye"}, {"VAT", "zh", "教廷"}, {"COG", "ar", "الكونغو"}, {"XYZ", "en", "XYZ"}, {"", "en", ""},
	} {
		l, _ := web.LangByCode(tc.lang)
		if got := cat.For(l).Place(tc.code); got != tc.want {
			t.Errorf("Place(%q) in %s: %q, want %q", tc.code, tc.lang, got, tc.want)
		}
	}
}
