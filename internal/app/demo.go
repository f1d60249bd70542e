package app

import (
	"context"
	"fmt"
	"io"
	"sync"
	"text/tabwriter"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// demoOrgs are fictional organisations, named so nobody mistakes them for
// real ones.
var demoOrgs = []auth.OrgInput{
	{ShortName: "DEMO-SHELTER", Name: "Harbour Light Shelter (fictional demo NGO)", Country: "ISL"},
	{ShortName: "DEMO-CASEWORK", Name: "Northern Lantern Victim Support (fictional demo service)", Country: "ISL"},
}

// demoAccounts are one fictional account per role. Their passwords are
// public by design: demo mode is for trying tipsom, never for real data.
var demoAccounts = []auth.DemoAccount{
	{Role: auth.RoleFocalPoint, Email: "focal-point@demo.example.org", Name: "Demo Focal Point", Password: "harbour-lantern-2026", Country: "ISL"},
	{Role: auth.RoleFocalPoint, Email: DemoFrenchFocalPoint, Name: "Point focal de démonstration", Password: "phare-lanterne-2026", Country: "SEN"},
	{Role: auth.RoleNGO, Email: "ngo@demo.example.org", Name: "Demo NGO Officer", Password: "meadow-compass-2026", Org: "DEMO-SHELTER"},
	{Role: auth.RoleAnalyst, Email: "analyst@demo.example.org", Name: "Demo Analyst", Password: "river-ledger-2026"},
	{Role: auth.RoleEditor, Email: "editor@demo.example.org", Name: "Demo Editor", Password: "quill-archive-2026"},
	{Role: auth.RoleReviewer, Email: "reviewer@demo.example.org", Name: "Demo Reviewer", Password: "mirror-summit-2026"},
	{Role: auth.RoleFundManager, Email: "fund-manager@demo.example.org", Name: "Demo Fund Manager", Password: "copper-orchard-2026"},
	{Role: auth.RoleTrustee, Email: "trustee@demo.example.org", Name: "Demo Trustee", Password: "granite-beacon-2026"},
	{Role: auth.RoleTrustee, Email: "trustee2@demo.example.org", Name: "Demo Trustee Two", Password: "granite-beacon-2026"},
	{Role: auth.RoleTrustee, Email: "trustee3@demo.example.org", Name: "Demo Trustee Three", Password: "granite-beacon-2026"},
	{Role: auth.RoleTrustee, Email: "trustee4@demo.example.org", Name: "Demo Trustee Four", Password: "granite-beacon-2026"},
	{Role: auth.RoleTrustee, Email: "trustee5@demo.example.org", Name: "Demo Trustee Five", Password: "granite-beacon-2026"},
	{Role: auth.RoleProgrammeOfficer, Email: "programme-officer@demo.example.org", Name: "Demo Programme Officer", Password: "willow-bridge-2026"},
	{Role: auth.RoleCaseWorker, Email: "case-worker@demo.example.org", Name: "Demo Case Worker", Password: "cedar-shelter-2026", Org: "DEMO-CASEWORK"},
	{Role: auth.RoleAdmin, Email: "admin@demo.example.org", Name: "Demo Administrator", Password: "keystone-atlas-2026"},
}

// LoadDemo brings the demo organisations, accounts and content (the
// published data and each room's fictional records, demo_content.go) to their
// documented state (idempotent: a second run only reads) and returns the
// accounts with their TOTP secrets.
func (a *App) LoadDemo(ctx context.Context) ([]auth.DemoAccount, error) {
	by := auth.System("demo")
	orgIDs := map[string]int64{}
	for _, in := range demoOrgs {
		o, err := a.Auth.EnsureDemoOrg(ctx, by, in)
		if err != nil {
			return nil, fmt.Errorf("demo organisation %s: %w", in.ShortName, err)
		}
		orgIDs[o.ShortName] = o.ID
	}
	out := make([]auth.DemoAccount, 0, len(demoAccounts))
	for _, d := range demoAccounts {
		acc, err := a.Auth.EnsureDemoUser(ctx, by, d, orgIDs[d.Org])
		if err != nil {
			return nil, fmt.Errorf("demo account %s: %w", d.Email, err)
		}
		out = append(out, acc)
	}
	// The accounts' languages first: the demo content's own events (the
	// demo round opening) reach each person in their language.
	if err := a.demoNotify(ctx, out); err != nil {
		return nil, err
	}
	return out, a.loadDemoContent(ctx)
}

// PrintDemoAccounts writes the demo credentials as a table.
func PrintDemoAccounts(w io.Writer, accounts []auth.DemoAccount) {
	fmt.Fprintln(w, "Demo accounts (fictional; demo mode only):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ROLE\tEMAIL\tPASSWORD\tTOTP SECRET")
	for _, a := range accounts {
		secret := "-"
		if a.TOTPSecret != "" {
			secret = a.TOTPSecret
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Role, a.Email, a.Password, secret)
	}
	tw.Flush()
	fmt.Fprintln(w, "Accounts with a TOTP secret need a code at sign-in: add the secret to an authenticator app,")
	fmt.Fprintln(w, "or print the current code with: tipsom demo code EMAIL")
}

// English translates a catalogue key for the command line. The catalogue
// is built once per process (the first call), however many findings a
// command prints.
func English(key string, args map[string]any) string {
	cat, err := englishCatalog()
	if err != nil {
		return key
	}
	return cat.T(key, args)
}

// englishCatalog is the six-language catalogue's English side, built once:
// it is embedded in the binary and never changes while it runs.
var englishCatalog = sync.OnceValues(func() (*web.Localizer, error) {
	cat, err := NewCatalog()
	if err != nil {
		return nil, err
	}
	return cat.For(web.DefaultLang), nil
})
