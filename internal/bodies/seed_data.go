package bodies

// seedOrg is an organisation the strategy names, with its official English name.
type seedOrg struct{ Acronym, Name string }

// seedMember is a seat: an acronym among seedOrgs and a role.
type seedMember struct {
	Acronym string
	Role    Role
}

// seedGroup is a working group and the acronyms of its members.
type seedGroup struct {
	Name    string
	Members []string
}

// seedBody is a body the strategy lists with the memberships it gives.
// Meetings and chair periods are not seeded: they are not in the strategy
// and must not be invented.
type seedBody struct {
	Slug, Acronym, Name, Mandate string
	Membership                   Membership
	Members                      []seedMember
	Groups                       []seedGroup
}

func seedOrgs() []seedOrg {
	return []seedOrg{
		{"DPKO", "United Nations Department of Peacekeeping Operations"},
		{"ICAO", "International Civil Aviation Organization"},
		{"INTERPOL", "International Criminal Police Organization"},
		{"ILO", "International Labour Organization"},
		{"IOM", "International Organization for Migration"},
		{"OHCHR", "Office of the United Nations High Commissioner for Human Rights"},
		{"UNICEF", "United Nations Children's Fund"},
		{"UNDP", "United Nations Development Programme"},
		{"UNESCO", "United Nations Educational, Scientific and Cultural Organization"},
		{"UN Women", "United Nations Entity for Gender Equality and the Empowerment of Women"},
		{"UNICRI", "United Nations Interregional Crime and Justice Research Institute"},
		{"UNHCR", "Office of the United Nations High Commissioner for Refugees"},
		{"UNAIDS", "Joint United Nations Programme on HIV/AIDS"},
		{"UNODC", "United Nations Office on Drugs and Crime"},
		{"UNFPA", "United Nations Population Fund"},
		{"World Bank", "World Bank Group"},
		{"OSCE", "Organization for Security and Co-operation in Europe"},
		{"UNCTAD", "United Nations Conference on Trade and Development"},
		{"UNDESA", "United Nations Department of Economic and Social Affairs"},
		{"UNITAR", "United Nations Institute for Training and Research"},
		{"WHO", "World Health Organization"},
		// The strategy counts the five regional commissions as one GMG member.
		{"UN Regional Commissions", "United Nations Regional Commissions (ECA, ECE, ECLAC, ESCAP, ESCWA)"},
	}
}

// plainSeats turns acronyms into plain member seats, with the roles given.
func plainSeats(acronyms []string, roles map[string]Role) []seedMember {
	out := make([]seedMember, len(acronyms))
	for i, a := range acronyms {
		r, ok := roles[a]
		if !ok {
			r = RoleMember
		}
		out[i] = seedMember{Acronym: a, Role: r}
	}
	return out
}

func seedBodies() []seedBody {
	return []seedBody{
		{
			Slug: "icat", Acronym: "ICAT", Name: "Inter-Agency Coordination Group against Trafficking in Persons",
			Membership: MembershipOrganisations,
			Mandate: "Established by the General Assembly in resolution 61/180 and reaffirmed in the United Nations Global Plan " +
				"of Action to Combat Trafficking in Persons (resolution 64/293), ICAT improves coordination and cooperation " +
				"among United Nations agencies and other international organisations, so that the international community " +
				"takes a holistic and comprehensive approach to preventing and combating trafficking in persons.\n\n" +
				"UNODC is the coordinator of the Group.",
			Members: plainSeats([]string{"DPKO", "ICAO", "INTERPOL", "ILO", "IOM", "OHCHR", "UNICEF", "UNDP", "UNESCO",
				"UN Women", "UNICRI", "UNHCR", "UNAIDS", "UNODC", "UNFPA", "World Bank"}, map[string]Role{"UNODC": RoleCoordinator}),
			Groups: []seedGroup{{Name: "ICAT Working Group", Members: []string{"ILO", "IOM", "OHCHR", "UNHCR", "UNICEF", "UNODC"}}},
		},
		{
			Slug: "un-gift", Acronym: "UN.GIFT", Name: "Steering Committee of the Global Initiative to Fight Human Trafficking",
			Membership: MembershipOrganisations,
			Mandate: "The United Nations Global Initiative to Fight Human Trafficking (UN.GIFT) mobilises State and non-State " +
				"actors against trafficking in persons. Its Steering Committee brings together the organisations listed " +
				"below.\n\nUNODC hosts the secretariat.",
			Members: plainSeats([]string{"ILO", "IOM", "OHCHR", "OSCE", "UNICEF", "UNODC"}, map[string]Role{"UNODC": RoleSecretariat}),
		},
		{
			Slug: "gmg", Acronym: "GMG", Name: "Global Migration Group",
			Membership: MembershipOrganisations,
			Mandate: "An inter-agency group of heads of agencies that promotes the wider application of the international and " +
				"regional instruments and norms relating to migration, and more coherent, comprehensive and better " +
				"coordinated approaches to international migration.\n\n" +
				"Chair: the chair rotates among the heads of the member agencies. Chair periods are recorded below as " +
				"they are confirmed.",
			Members: plainSeats([]string{"ILO", "IOM", "OHCHR", "UNICEF", "UNCTAD", "UNDESA", "UNDP", "UNESCO", "UN Women",
				"UNHCR", "UNITAR", "UNODC", "UNFPA", "UN Regional Commissions", "World Bank", "WHO"}, nil),
		},
		{
			Slug: "cop-wg-tip", Acronym: "WG on TIP", Name: "Working Group on Trafficking in Persons",
			Membership: MembershipStatesParties,
			Mandate: "A working group of the Conference of the Parties to the United Nations Convention against Transnational " +
				"Organized Crime. It advises and assists the Conference in implementing its mandate with regard to the " +
				"Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children.\n\n" +
				"It is open to the States parties to the Protocol.",
		},
		{
			Slug: "cop-wg-som", Acronym: "WG on SOM", Name: "Working Group on the Smuggling of Migrants",
			Membership: MembershipStatesParties,
			Mandate: "A working group of the Conference of the Parties to the United Nations Convention against Transnational " +
				"Organized Crime. It advises and assists the Conference in implementing its mandate with regard to the " +
				"Protocol against the Smuggling of Migrants by Land, Sea and Air.\n\n" +
				"It is open to the States parties to the Protocol.",
		},
	}
}

// seedName returns the seeded English name of the body with slug, so the
// pages can show the catalogue's translation while an editor has not
// renamed it.
func seedName(slug string) (string, bool) {
	for _, b := range seedBodies() {
		if b.Slug == slug {
			return b.Name, true
		}
	}
	return "", false
}
