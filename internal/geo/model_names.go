package geo

// UNSpellings maps the names the UN Treaty Collection gives participants to
// their ISO 3166-1 alpha-3 codes: the names used today and the older ones
// found in earlier status tables (Swaziland, Turkey, The former Yugoslav
// Republic of Macedonia…), so a table saved in 2012 imports as well as one
// saved today. Names are facts, written out by hand; the resolver compares
// them folded (case, accents, apostrophes, "St." for "Saint"), so one
// spelling per name is enough.
func UNSpellings() map[string]string {
	return map[string]string{
		"Afghanistan": "AFG", "Albania": "ALB", "Algeria": "DZA", "Andorra": "AND", "Angola": "AGO",
		"Antigua and Barbuda": "ATG", "Argentina": "ARG", "Armenia": "ARM", "Australia": "AUS", "Austria": "AUT",
		"Azerbaijan": "AZE", "Bahamas": "BHS", "Bahrain": "BHR", "Bangladesh": "BGD", "Barbados": "BRB",
		"Belarus": "BLR", "Belgium": "BEL", "Belize": "BLZ", "Benin": "BEN", "Bhutan": "BTN",
		"Bolivia (Plurinational State of)": "BOL", "Bosnia and Herzegovina": "BIH", "Botswana": "BWA",
		"Brazil": "BRA", "Brunei Darussalam": "BRN", "Bulgaria": "BGR", "Burkina Faso": "BFA", "Burundi": "BDI",
		"Cabo Verde": "CPV", "Cambodia": "KHM", "Cameroon": "CMR", "Canada": "CAN",
		"Central African Republic": "CAF", "Chad": "TCD", "Chile": "CHL", "China": "CHN", "Colombia": "COL",
		"Comoros": "COM", "Congo": "COG", "Cook Islands": "COK", "Costa Rica": "CRI", "Côte d'Ivoire": "CIV",
		"Croatia": "HRV", "Cuba": "CUB", "Cyprus": "CYP", "Czechia": "CZE",
		"Democratic People's Republic of Korea": "PRK", "Democratic Republic of the Congo": "COD",
		"Denmark": "DNK", "Djibouti": "DJI", "Dominica": "DMA", "Dominican Republic": "DOM", "Ecuador": "ECU",
		"Egypt": "EGY", "El Salvador": "SLV", "Equatorial Guinea": "GNQ", "Eritrea": "ERI", "Estonia": "EST",
		"Eswatini": "SWZ", "Ethiopia": "ETH", "Fiji": "FJI", "Finland": "FIN", "France": "FRA", "Gabon": "GAB",
		"Gambia": "GMB", "Georgia": "GEO", "Germany": "DEU", "Ghana": "GHA", "Greece": "GRC", "Grenada": "GRD",
		"Guatemala": "GTM", "Guinea": "GIN", "Guinea-Bissau": "GNB", "Guyana": "GUY", "Haiti": "HTI",
		"Holy See": "VAT", "Honduras": "HND", "Hungary": "HUN", "Iceland": "ISL", "India": "IND",
		"Indonesia": "IDN", "Iran (Islamic Republic of)": "IRN", "Iraq": "IRQ", "Ireland": "IRL",
		"Israel": "ISR", "Italy": "ITA", "Jamaica": "JAM", "Japan": "JPN", "Jordan": "JOR",
		"Kazakhstan": "KAZ", "Kenya": "KEN", "Kiribati": "KIR", "Kuwait": "KWT", "Kyrgyzstan": "KGZ",
		"Lao People's Democratic Republic": "LAO", "Latvia": "LVA", "Lebanon": "LBN", "Lesotho": "LSO",
		"Liberia": "LBR", "Libya": "LBY", "Liechtenstein": "LIE", "Lithuania": "LTU", "Luxembourg": "LUX",
		"Madagascar": "MDG", "Malawi": "MWI", "Malaysia": "MYS", "Maldives": "MDV", "Mali": "MLI",
		"Malta": "MLT", "Marshall Islands": "MHL", "Mauritania": "MRT", "Mauritius": "MUS", "Mexico": "MEX",
		"Micronesia (Federated States of)": "FSM", "Monaco": "MCO", "Mongolia": "MNG", "Montenegro": "MNE",
		"Morocco": "MAR", "Mozambique": "MOZ", "Myanmar": "MMR", "Namibia": "NAM", "Nauru": "NRU",
		"Nepal": "NPL", "Netherlands (Kingdom of the)": "NLD", "New Zealand": "NZL", "Nicaragua": "NIC",
		"Niger": "NER", "Nigeria": "NGA", "Niue": "NIU", "North Macedonia": "MKD", "Norway": "NOR",
		"Oman": "OMN", "Pakistan": "PAK", "Palau": "PLW", "Panama": "PAN", "Papua New Guinea": "PNG",
		"Paraguay": "PRY", "Peru": "PER", "Philippines": "PHL", "Poland": "POL", "Portugal": "PRT",
		"Qatar": "QAT", "Republic of Korea": "KOR", "Republic of Moldova": "MDA", "Romania": "ROU",
		"Russian Federation": "RUS", "Rwanda": "RWA", "Saint Kitts and Nevis": "KNA", "Saint Lucia": "LCA",
		"Saint Vincent and the Grenadines": "VCT", "Samoa": "WSM", "San Marino": "SMR",
		"Sao Tome and Principe": "STP", "Saudi Arabia": "SAU", "Senegal": "SEN", "Serbia": "SRB",
		"Seychelles": "SYC", "Sierra Leone": "SLE", "Singapore": "SGP", "Slovakia": "SVK", "Slovenia": "SVN",
		"Solomon Islands": "SLB", "Somalia": "SOM", "South Africa": "ZAF", "South Sudan": "SSD",
		"Spain": "ESP", "Sri Lanka": "LKA", "State of Palestine": "PSE", "Sudan": "SDN", "Suriname": "SUR",
		"Sweden": "SWE", "Switzerland": "CHE", "Syrian Arab Republic": "SYR", "Tajikistan": "TJK",
		"Thailand": "THA", "Timor-Leste": "TLS", "Togo": "TGO", "Tonga": "TON", "Trinidad and Tobago": "TTO",
		"Tunisia": "TUN", "Türkiye": "TUR", "Turkmenistan": "TKM", "Tuvalu": "TUV", "Uganda": "UGA",
		"Ukraine": "UKR", "United Arab Emirates": "ARE",
		"United Kingdom of Great Britain and Northern Ireland": "GBR", "United Republic of Tanzania": "TZA",
		"United States of America": "USA", "Uruguay": "URY", "Uzbekistan": "UZB", "Vanuatu": "VUT",
		"Venezuela (Bolivarian Republic of)": "VEN", "Viet Nam": "VNM", "Yemen": "YEM", "Zambia": "ZMB",
		"Zimbabwe": "ZWE",

		// Older spellings, as in status tables saved before the UN changed them.
		"Bolivia": "BOL", "Cape Verde": "CPV", "Czech Republic": "CZE", "Swaziland": "SWZ",
		"Libyan Arab Jamahiriya": "LBY", "Netherlands": "NLD",
		"The former Yugoslav Republic of Macedonia": "MKD", "Turkey": "TUR", "Serbia and Montenegro": "SRB",

		// Other forms that copies of the tables sometimes carry.
		"Kingdom of Eswatini": "SWZ", "Venezuela": "VEN", "Iran": "IRN", "Palestine": "PSE", "Micronesia": "FSM",
	}
}
