package trustfund

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/db"
)

// Summary is the fund's public account, as GET /api/v1/trustfund/summary
// gives it: USD cents throughout.
type Summary struct {
	Currency       string        `json:"currency"`
	ReceivedMinor  int64         `json:"received_minor"`
	PledgedMinor   int64         `json:"pledged_minor"`
	CommittedMinor int64         `json:"committed_minor"`
	DisbursedMinor int64         `json:"disbursed_minor"`
	AvailableMinor int64         `json:"available_minor"`
	Grants         int           `json:"grants"`
	ByDonorType    []DonorTotal  `json:"by_donor_type"`
	ByRegion       []RegionTotal `json:"by_region"`
}

// DonorTotal is what one kind of donor gave.
type DonorTotal struct {
	Type          DonorKind `json:"type"`
	ReceivedMinor int64     `json:"received_minor"`
}

// RegionTotal is the grants to one M49 region.
type RegionTotal struct {
	Region         string `json:"region"`
	Grants         int    `json:"grants"`
	CommittedMinor int64  `json:"committed_minor"`
}

// Dashboard is the public dashboard's content: the summary, money received
// by donor type and year, grants by country and type of assistance,
// progress toward the yearly target, the funded projects and the donors
// that may be named.
type Dashboard struct {
	Summary
	ByYear        []YearTotal
	ByCountry     []CountryTotal
	ByAssistance  map[string]int
	Projects      []Project
	Named         []string // donors that consented or are not individuals
	Individuals   int      // the others, counted only
	TargetYear    int
	TargetMinor   int64
	CommittedYear int64 // small grants committed in TargetYear
	Demo          bool  // the dashboard shows fictional demo records
}

// YearTotal is what was received in one year, by donor kind.
type YearTotal struct {
	Year   int
	ByKind map[DonorKind]int64
	Total  int64
}

// CountryTotal is the grants to one country.
type CountryTotal struct {
	Country        string
	Grants         int
	CommittedMinor int64
	DisbursedMinor int64
}

// Project is one funded project as the public sees it.
type Project struct {
	GrantID        int64    `json:"grant_id"`
	Title          string   `json:"title"`
	NGO            string   `json:"ngo"`
	Country        string   `json:"country"`
	Assistance     []string `json:"assistance"`
	AmountMinor    int64    `json:"amount_minor"`
	DisbursedMinor int64    `json:"disbursed_minor"`
	StartsOn       string   `json:"starts_on"`
	EndsOn         string   `json:"ends_on"`
	Summary        string   `json:"summary"`
	Demo           bool     `json:"demo"`
}

// PublicDashboard builds the public account from the ledger, the
// contributions and the grants: public, and individuals stay unnamed
// unless they consented.
func (s *Service) PublicDashboard(ctx context.Context) (*Dashboard, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Dashboard, error) {
		l, err := readLedger(ctx, tx)
		if err != nil {
			return nil, err
		}
		b := l.Balances()
		// Pledged is what is promised and not yet received (a received
		// pledge counts as received); the ledger keeps every promise made.
		d := &Dashboard{Summary: Summary{Currency: "USD", ReceivedMinor: b.Received + b.Refunded,
			CommittedMinor: b.Committed - b.Released, DisbursedMinor: b.Disbursed, AvailableMinor: b.Available,
			ByDonorType: []DonorTotal{}, ByRegion: []RegionTotal{}}, ByAssistance: map[string]int{}}
		d.TargetYear, d.TargetMinor = s.now().Year(), YearlyTarget
		donors, err := listDonors(ctx, tx)
		if err != nil {
			return nil, err
		}
		kindOf := map[int64]DonorKind{}
		for _, dn := range donors {
			kindOf[dn.ID] = dn.Kind
			d.Demo = d.Demo || dn.Demo
			if n := dn.PublicName(); n != "" {
				d.Named = append(d.Named, n)
			} else {
				d.Individuals++
			}
		}
		slices.Sort(d.Named)
		d.Named = slices.Compact(d.Named)
		cs, err := listContributions(ctx, tx)
		if err != nil {
			return nil, err
		}
		byKind, byYear := map[DonorKind]int64{}, map[int]*YearTotal{}
		for _, c := range cs {
			if c.Status == Pledged {
				d.PledgedMinor += c.USDMinor
			}
			if c.Status != Received || c.ReceivedOn == nil {
				continue
			}
			k := kindOf[c.DonorID]
			byKind[k] += c.USDMinor
			y := c.ReceivedOn.Year()
			if byYear[y] == nil {
				byYear[y] = &YearTotal{Year: y, ByKind: map[DonorKind]int64{}}
			}
			byYear[y].ByKind[k] += c.USDMinor
			byYear[y].Total += c.USDMinor
		}
		for _, k := range DonorKinds {
			d.ByDonorType = append(d.ByDonorType, DonorTotal{Type: k, ReceivedMinor: byKind[k]})
		}
		for _, y := range byYear {
			d.ByYear = append(d.ByYear, *y)
		}
		slices.SortFunc(d.ByYear, func(a, b YearTotal) int { return a.Year - b.Year })
		gs, err := listGrants(ctx, tx)
		if err != nil {
			return nil, err
		}
		byCountry, byRegion := map[string]*CountryTotal{}, map[string]*RegionTotal{}
		for _, g := range gs {
			p, err := getProposal(ctx, tx, g.ProposalID)
			if err != nil {
				return nil, err
			}
			gb := l.Grant(g.ID)
			d.Grants++
			d.Demo = d.Demo || p.Demo
			ct := byCountry[p.Country]
			if ct == nil {
				ct = &CountryTotal{Country: p.Country}
				byCountry[p.Country] = ct
			}
			ct.Grants++
			ct.CommittedMinor += g.AmountMinor
			ct.DisbursedMinor += gb.Disbursed
			region := ""
			if c, ok := s.Places.Country(p.Country); ok {
				region = c.Region
			}
			rt := byRegion[region]
			if rt == nil {
				rt = &RegionTotal{Region: region}
				byRegion[region] = rt
			}
			rt.Grants++
			rt.CommittedMinor += g.AmountMinor
			for _, a := range p.Assistance {
				d.ByAssistance[a]++
			}
			if g.StartsOn.Year() == d.TargetYear {
				d.CommittedYear += g.AmountMinor
			}
			d.Projects = append(d.Projects, Project{GrantID: g.ID, Title: p.Title, NGO: p.OrgName, Country: p.Country,
				Assistance: p.Assistance, AmountMinor: g.AmountMinor, DisbursedMinor: gb.Disbursed,
				StartsOn: g.StartsOn.Format("2006-01-02"), EndsOn: g.EndsOn.Format("2006-01-02"), Summary: p.Summary, Demo: p.Demo})
		}
		for _, c := range byCountry {
			d.ByCountry = append(d.ByCountry, *c)
		}
		slices.SortFunc(d.ByCountry, func(a, b CountryTotal) int { return int(b.CommittedMinor - a.CommittedMinor) })
		for _, r := range byRegion {
			d.ByRegion = append(d.ByRegion, *r)
		}
		slices.SortFunc(d.ByRegion, func(a, b RegionTotal) int { return strings.Compare(a.Region, b.Region) })
		return d, nil
	})
}

// ProjectsOf lists the funded projects in iso3, for its country profile.
func (s *Service) ProjectsOf(ctx context.Context, iso3 string) ([]Project, error) {
	d, err := s.PublicDashboard(ctx)
	if err != nil {
		return nil, err
	}
	var out []Project
	for _, p := range d.Projects {
		if p.Country == iso3 {
			out = append(out, p)
		}
	}
	return out, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// DonorKinds lists the donor kinds, for the dashboard's columns.
func (d *Dashboard) DonorKinds() []DonorKind { return DonorKinds }

// AssistanceRow is how many grants offer one type of assistance.
type AssistanceRow struct {
	Type string
	N    int
}

// AssistanceRows are the types of assistance funded, in the list's order.
func (d *Dashboard) AssistanceRows() []AssistanceRow {
	var out []AssistanceRow
	for _, a := range AssistanceTypes {
		if n := d.ByAssistance[a]; n > 0 {
			out = append(out, AssistanceRow{a, n})
		}
	}
	return out
}
