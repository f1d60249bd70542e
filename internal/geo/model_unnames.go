package geo

// unNames are the names the United Nations gives countries and areas in its
// six languages (UNTERM's short names for Member States and observer
// States, the M49 standard's names for other areas) wherever they differ
// from CLDR's, which reference() uses otherwise: "Congo", not "Congo -
// Brazzaville"; "Holy See", not "Vatican City"; "Türkiye", not "Turkey".
// Names are facts, typed out by hand; a field left empty keeps CLDR's name
// in that language. Where the UN's Arabic short form inverts a name around a
// dash for alphabetical lists ("إيران (جمهورية - الإسلامية)"), the name is
// given in its reading order, as UN Arabic texts write it in running text.
//
// Left to CLDR for want of certainty: the Arabic and Chinese names of
// Türkiye and the Chinese name of Eswatini (the UN's, as far as known, are
// CLDR's: تركيا, 土耳其, 斯威士兰); the French, Spanish, Russian and Arabic
// names of Taiwan; the Arabic names of Hong Kong and Macao; the non-English
// names of the areas only M49 names (Saint Helena, Pitcairn…).
//
// Changing a name here changes the country's seed digest, so the country
// table of an existing database is rewritten at the next start (db.Seeds).
var unNames = map[string]unName{
	// Member States and observer States.
	"ARE": {Ru: "Объединенные Арабские Эмираты"},
	"ATG": {En: "Antigua and Barbuda"},
	"BEN": {Es: "Benin", Ar: "بنن"},
	"BGD": {Es: "Bangladesh"},
	"BHR": {Es: "Bahrein"},
	"BHS": {Ru: "Багамские Острова", Ar: "جزر البهاما"},
	"BIH": {En: "Bosnia and Herzegovina"},
	"BLR": {Fr: "Bélarus", Es: "Belarús"},
	"BOL": {En: "Bolivia (Plurinational State of)", Fr: "Bolivie (État plurinational de)", Es: "Bolivia (Estado Plurinacional de)", Ru: "Боливия (Многонациональное Государство)", Zh: "多民族玻利维亚国", Ar: "دولة بوليفيا المتعددة القوميات"},
	"BRN": {En: "Brunei Darussalam", Es: "Brunei Darussalam", Zh: "文莱达鲁萨兰国", Ar: "بروني دار السلام"},
	"BTN": {Es: "Bhután"},
	"BWA": {Es: "Botswana"},
	"CAF": {Ru: "Центральноафриканская Республика"},
	"CIV": {En: "Côte d'Ivoire", Fr: "Côte d'Ivoire", Es: "Côte d'Ivoire", Ru: "Кот-д'Ивуар", Ar: "كوت ديفوار"},
	"COD": {En: "Democratic Republic of the Congo", Fr: "République démocratique du Congo", Ru: "Демократическая Республика Конго", Zh: "刚果民主共和国", Ar: "جمهورية الكونغو الديمقراطية"},
	"COG": {En: "Congo", Fr: "Congo", Es: "Congo", Ru: "Конго", Zh: "刚果", Ar: "الكونغو"},
	"COM": {Ru: "Коморские Острова"},
	"CPV": {En: "Cabo Verde", Fr: "Cabo Verde", Ar: "كابو فيردي"},
	"CZE": {Ar: "تشيكيا"},
	"DJI": {Es: "Djibouti"},
	"DOM": {Ar: "الجمهورية الدومينيكية"},
	"ECU": {Ar: "إكوادور"},
	"FJI": {Es: "Fiji"},
	"FSM": {En: "Micronesia (Federated States of)", Fr: "Micronésie (États fédérés de)", Es: "Micronesia (Estados Federados de)", Ru: "Микронезия (Федеративные Штаты)", Zh: "密克罗尼西亚联邦", Ar: "ولايات ميكرونيزيا الموحدة"},
	"GAB": {Ar: "غابون"},
	"GBR": {En: "United Kingdom of Great Britain and Northern Ireland", Fr: "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", Es: "Reino Unido de Gran Bretaña e Irlanda del Norte", Ru: "Соединенное Королевство Великобритании и Северной Ирландии", Zh: "大不列颠及北爱尔兰联合王国", Ar: "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية"},
	"GNB": {Es: "Guinea-Bissau", Ar: "غينيا - بيساو"},
	"IRL": {Ar: "آيرلندا"},
	"IRN": {En: "Iran (Islamic Republic of)", Fr: "Iran (République islamique d')", Es: "Irán (República Islámica del)", Ru: "Иран (Исламская Республика)", Zh: "伊朗伊斯兰共和国", Ar: "جمهورية إيران الإسلامية"},
	"IRQ": {Fr: "Iraq", Es: "Iraq"},
	"KAZ": {Es: "Kazajstán"},
	"KEN": {Es: "Kenya"},
	"KGZ": {Ru: "Кыргызстан"},
	"KIR": {Ar: "كيريباس"},
	"KNA": {En: "Saint Kitts and Nevis", Fr: "Saint-Kitts-et-Nevis", Es: "Saint Kitts y Nevis", Ar: "سانت كيتس ونيفس"},
	"KOR": {En: "Republic of Korea", Fr: "République de Corée", Es: "República de Corea", Zh: "大韩民国", Ar: "جمهورية كوريا"},
	"LAO": {En: "Lao People's Democratic Republic", Fr: "République démocratique populaire lao", Es: "República Democrática Popular Lao", Ru: "Лаосская Народно-Демократическая Республика", Zh: "老挝人民民主共和国", Ar: "جمهورية لاو الديمقراطية الشعبية"},
	"LCA": {En: "Saint Lucia"},
	"LSO": {Es: "Lesotho"},
	"LUX": {Ar: "لكسمبرغ"},
	"MDA": {En: "Republic of Moldova", Fr: "République de Moldova", Es: "República de Moldova", Ru: "Республика Молдова", Zh: "摩尔多瓦共和国", Ar: "جمهورية مولدوفا"},
	"MDV": {Ru: "Мальдивские Острова", Ar: "ملديف"},
	"MKD": {En: "North Macedonia", Fr: "Macédoine du Nord", Es: "Macedonia del Norte", Ru: "Северная Македония", Zh: "北马其顿", Ar: "مقدونيا الشمالية"},
	"MLI": {Es: "Malí"},
	"MLT": {Ar: "مالطة"},
	"MMR": {En: "Myanmar", Fr: "Myanmar", Es: "Myanmar", Ru: "Мьянма", Ar: "ميانمار"},
	"MWI": {Es: "Malawi"},
	"NIU": {Fr: "Nioué"},
	"NLD": {En: "Netherlands (Kingdom of the)", Fr: "Pays-Bas (Royaume des)", Es: "Países Bajos (Reino de los)", Ru: "Нидерланды (Королевство)", Zh: "荷兰王国", Ar: "مملكة هولندا"},
	"NZL": {Es: "Nueva Zelandia"},
	"OMN": {Ar: "عمان"},
	"PLW": {Es: "Palau"},
	"PNG": {Es: "Papua Nueva Guinea"},
	"PRK": {En: "Democratic People's Republic of Korea", Fr: "République populaire démocratique de Corée", Es: "República Popular Democrática de Corea", Ru: "Корейская Народно-Демократическая Республика", Zh: "朝鲜民主主义人民共和国", Ar: "جمهورية كوريا الشعبية الديمقراطية"},
	"PSE": {En: "State of Palestine", Fr: "État de Palestine", Es: "Estado de Palestina", Ru: "Государство Палестина", Zh: "巴勒斯坦国", Ar: "دولة فلسطين"},
	"QAT": {Es: "Qatar"},
	"ROU": {Es: "Rumania"},
	"RUS": {En: "Russian Federation", Fr: "Fédération de Russie", Es: "Federación de Rusia", Ru: "Российская Федерация", Zh: "俄罗斯联邦", Ar: "الاتحاد الروسي"},
	"RWA": {Es: "Rwanda"},
	"SAU": {Es: "Arabia Saudita"},
	"SLV": {Fr: "El Salvador"},
	"STP": {En: "Sao Tome and Principe"},
	"SUR": {Es: "Suriname"},
	"SWZ": {En: "Eswatini", Fr: "Eswatini", Es: "Eswatini", Ru: "Эсватини", Ar: "إسواتيني"},
	"SYR": {En: "Syrian Arab Republic", Fr: "République arabe syrienne", Es: "República Árabe Siria", Ru: "Сирийская Арабская Республика", Zh: "阿拉伯叙利亚共和国", Ar: "الجمهورية العربية السورية"},
	"THA": {Ar: "تايلند"},
	"TLS": {Fr: "Timor-Leste", Ru: "Тимор-Лешти", Ar: "تيمور - ليشتي"},
	"TTO": {En: "Trinidad and Tobago", Es: "Trinidad y Tabago"},
	"TUR": {En: "Türkiye", Fr: "Türkiye", Es: "Türkiye", Ru: "Тюркийе"},
	"TZA": {En: "United Republic of Tanzania", Fr: "République-Unie de Tanzanie", Es: "República Unida de Tanzanía", Ru: "Объединенная Республика Танзания", Zh: "坦桑尼亚联合共和国", Ar: "جمهورية تنزانيا المتحدة"},
	"URY": {Ar: "أوروغواي"},
	"USA": {En: "United States of America", Fr: "États-Unis d'Amérique", Es: "Estados Unidos de América", Ru: "Соединенные Штаты Америки", Zh: "美利坚合众国", Ar: "الولايات المتحدة الأمريكية"},
	"VAT": {En: "Holy See", Fr: "Saint-Siège", Es: "Santa Sede", Ru: "Святой Престол", Zh: "教廷", Ar: "الكرسي الرسولي"},
	"VCT": {En: "Saint Vincent and the Grenadines", Fr: "Saint-Vincent-et-les Grenadines"},
	"VEN": {En: "Venezuela (Bolivarian Republic of)", Fr: "Venezuela (République bolivarienne du)", Es: "Venezuela (República Bolivariana de)", Ru: "Венесуэла (Боливарианская Республика)", Zh: "委内瑞拉玻利瓦尔共和国", Ar: "جمهورية فنزويلا البوليفارية"},
	"VNM": {En: "Viet Nam", Fr: "Viet Nam", Es: "Viet Nam", Ar: "فييت نام"},
	"ZAF": {Ru: "Южная Африка"},
	"ZWE": {Es: "Zimbabwe", Ar: "زمبابوي"},

	// Other areas, as M49 names them.
	"BES": {En: "Bonaire, Sint Eustatius and Saba"},
	"BLM": {En: "Saint Barthélemy"},
	"FLK": {En: "Falkland Islands (Malvinas)", Fr: "Îles Falkland (Malvinas)", Es: "Islas Malvinas (Falkland)", Ru: "Фолклендские (Мальвинские) острова", Zh: "福克兰群岛（马尔维纳斯）", Ar: "جزر فوكلاند (مالفيناس)"},
	"HKG": {En: "China, Hong Kong Special Administrative Region", Fr: "Chine, région administrative spéciale de Hong Kong", Es: "China, región administrativa especial de Hong Kong", Ru: "Китай, Специальный административный район Гонконг"},
	"HMD": {En: "Heard Island and McDonald Islands"},
	"MAC": {En: "China, Macao Special Administrative Region", Fr: "Chine, région administrative spéciale de Macao", Es: "China, región administrativa especial de Macao", Ru: "Китай, Специальный административный район Макао"},
	"MAF": {En: "Saint Martin (French Part)"},
	"PCN": {En: "Pitcairn"},
	"SGS": {En: "South Georgia and the South Sandwich Islands"},
	"SHN": {En: "Saint Helena"},
	"SJM": {En: "Svalbard and Jan Mayen Islands"},
	"SPM": {En: "Saint Pierre and Miquelon"},
	"SXM": {En: "Sint Maarten (Dutch part)"},
	"TCA": {En: "Turks and Caicos Islands"},
	"TWN": {En: "Taiwan Province of China", Zh: "中国台湾省"},
	"UMI": {En: "United States Minor Outlying Islands"},
	"VIR": {En: "United States Virgin Islands"},
	"WLF": {En: "Wallis and Futuna Islands"},
}

// unName is one country's UN names, by language; "" keeps CLDR's.
type unName struct{ En, Fr, Es, Ru, Zh, Ar string }

// in returns the name in lang, or "".
func (n unName) in(lang string) string {
	switch lang {
	case "en":
		return n.En
	case "fr":
		return n.Fr
	case "es":
		return n.Es
	case "ru":
		return n.Ru
	case "zh":
		return n.Zh
	case "ar":
		return n.Ar
	}
	return ""
}
