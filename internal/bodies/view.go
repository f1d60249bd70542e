package bodies

import (
	"strconv"
)

// option is one choice of a select in the editors' forms. Label is a
// catalogue key when Key is set, else text shown as it is (an acronym).
type option struct {
	Value, Label string
	Key          bool
}

func membershipOptions() []option {
	out := make([]option, len(Memberships))
	for i, m := range Memberships {
		out[i] = option{Value: string(m), Label: "bodies.membership." + string(m), Key: true}
	}
	return out
}

// bodyPage is what the body page shows: the body, its name in the reader's
// language and, for editors, what their forms offer.
type bodyPage struct {
	Body   *Body
	Name   string
	Editor bool
	Orgs   []Org // every known organisation, suggested in the member form
	MaxMiB int
}

// Current is the chair period covering today, or nil.
func (d *bodyPage) Current() *Chair { return d.Body.CurrentChair() }

// States reports whether the body's members are the States parties.
func (d *bodyPage) States() bool { return d.Body.Membership == MembershipStatesParties }

// RoleOptions lists the member roles.
func (d *bodyPage) RoleOptions() []option {
	out := make([]option, len(Roles))
	for i, r := range Roles {
		out[i] = option{Value: string(r), Label: "bodies.role." + string(r), Key: true}
	}
	return out
}

// MembershipOptions lists the kinds of membership.
func (d *bodyPage) MembershipOptions() []option { return membershipOptions() }

// MemberOptions lists the body's members, for the chair form.
func (d *bodyPage) MemberOptions() []option {
	out := []option{}
	for _, m := range d.Body.Members {
		out = append(out, orgOption(m.Org))
	}
	return out
}

// JoinOptions lists the body's members not yet in working group g.
func (d *bodyPage) JoinOptions(g Group) []option {
	out := []option{}
	for _, m := range d.Body.Members {
		if !g.Has(m.Org.ID) {
			out = append(out, orgOption(m.Org))
		}
	}
	return out
}

func orgOption(o Org) option {
	return option{Value: strconv.FormatInt(o.ID, 10), Label: o.Acronym + " — " + o.Name}
}
