package trustfund

import (
	"fmt"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/geo/geotest"
)

// BenchmarkProposalsList measures the fund manager's list of a call with
// 300 submitted proposals (the first facility had over 250), ranked by
// score: what /trustfund/proposals does on each visit.
func BenchmarkProposalsList(b *testing.B) {
	d := dbtest.Open(b, db.SQLite)
	ctx := b.Context()
	g := geotest.Seeded(b, d)
	accounts := auth.NewService(d)
	svc := NewService(d, g, accounts, nil)
	sys := auth.System("bench")
	now := time.Now()
	c, err := svc.OpenCall(ctx, sys, Call{Title: "Call", OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour), TimeZone: "UTC",
		MinMinor: 100000, MaxMinor: 2500000, MaxMonths: 12})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		o, err := accounts.CreateOrg(ctx, sys, auth.OrgInput{ShortName: fmt.Sprintf("NGO-%d", i), Name: fmt.Sprintf("NGO %d", i)})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.SaveOrg(ctx, sys, Org{OrgID: o.ID, Name: o.Name, Country: "KEN", RegistrationNumber: "1", AssistingSince: 2015}); err != nil {
			b.Fatal(err)
		}
		p, err := svc.CreateProposal(ctx, sys, c.ID, Proposal{OrgID: o.ID, Title: "Shelter and counselling for women", Summary: "Beds.",
			Country: "KEN", Months: 12, Beneficiaries: Beneficiaries{Women: 10}, Assistance: []string{"shelter"}, RequestedMinor: 1000000,
			Budget: []BudgetLine{{Category: "shelter_costs", AmountMinor: 1000000}}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Submit(ctx, sys, p.ID); err != nil {
			b.Fatal(err)
		}
	}
	fm := &auth.Principal{UserID: 1, Roles: []auth.Role{auth.RoleFundManager}, MFA: true}
	b.ResetTimer()
	for b.Loop() {
		rows, err := svc.Proposals(ctx, fm, c.ID)
		if err != nil || len(rows) != 300 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}
