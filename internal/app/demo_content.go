package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/data"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/bodies"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/engagement"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/knowledge"
	"github.com/tipsom/tipsom/internal/omnibus"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/stats/collection"
	"github.com/tipsom/tipsom/internal/trustfund"
)

// demoStep is one part of the demo content: the published data (real, from
// the data folder) or a room's fictional records (from the room's demo
// files). Each is applied once; db.Seeds (scope "demo") remembers the
// version applied, so a second start only reads the seeds table, and a new
// version of the shipped content is applied again at the next start.
type demoStep struct {
	key     string
	version string // changes when the content changes
	load    func(ctx context.Context) error
}

// demoSteps are the demo's parts, in dependency order: reference data and
// statistics first, the report built from them last.
func (a *App) demoSteps() []demoStep {
	return []demoStep{
		{key: "treaties", version: digest(data.Treaties()["untoc"], data.Treaties()["tip-protocol"], data.Treaties()["som-protocol"]) + data.TreatiesRecordedOn.Format(time.DateOnly),
			load: a.demoTreaties},
		{key: "population", version: digest(data.Population), load: a.demoPopulation},
		{key: "glotip", version: digest(data.GLOTIP), load: a.demoGLOTIP},
		{key: "caselaw", version: digest(caselaw.DemoFiles().Contents()...), load: a.demoCaselaw},
		{key: "collection", version: digest(collection.DemoFiles().Contents()...), load: a.demoCollection},
		{key: "bodies", version: digest(bodies.DemoFiles().Contents()...), load: a.demoBodies},
		{key: "authorities", version: digest(authorities.DemoFiles().Contents()...), load: a.demoAuthorities},
		{key: "omnibus", version: digest(omnibus.DemoFiles().Contents()...), load: a.Rooms.Omnibus.LoadDemo},
		{key: "trustfund", version: digest(trustfund.DemoFiles().Contents()...), load: a.demoTrustfund},
		{key: "knowledge", version: digest(knowledge.DemoFiles().Contents()...), load: a.demoKnowledge},
		{key: "engagement", version: digest(engagement.DemoFiles().Contents()...), load: a.Rooms.Engagement.LoadDemo},
		{key: "report", version: "glotip-2023/1", load: a.demoReport},
	}
}

// loadDemoContent applies every demo step not applied yet, logging how
// long each took.
func (a *App) loadDemoContent(ctx context.Context) error {
	for _, st := range a.demoSteps() {
		done, err := a.demoApplied(ctx, st)
		if err != nil {
			return err
		}
		if done {
			continue
		}
		start := time.Now()
		if err := st.load(ctx); err != nil {
			return fmt.Errorf("demo %s: %w", st.key, err)
		}
		if err := a.demoRemember(ctx, st); err != nil {
			return err
		}
		a.Log.Info("demo content loaded", "part", st.key, "took", time.Since(start).Round(time.Millisecond).String())
	}
	return nil
}

func digest(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

var errDemoPending = errors.New("demo step not applied yet")

// demoApplied reports whether the step's version has been applied: the
// probe rolls back, so it writes nothing.
func (a *App) demoApplied(ctx context.Context, st demoStep) (bool, error) {
	err := a.DB.Tx(ctx, func(tx *sql.Tx) error {
		s, err := db.OpenSeeds(ctx, tx, a.DB.Dialect, "demo")
		if err != nil {
			return err
		}
		_, err = s.Upsert(st.key, st.version, func() error { return errDemoPending })
		return err
	})
	if errors.Is(err, errDemoPending) {
		return false, nil
	}
	return err == nil, err
}

// demoRemember records that the step's version has been applied.
func (a *App) demoRemember(ctx context.Context, st demoStep) error {
	return a.DB.Tx(ctx, func(tx *sql.Tx) error {
		s, err := db.OpenSeeds(ctx, tx, a.DB.Dialect, "demo")
		if err != nil {
			return err
		}
		_, err = s.Upsert(st.key, st.version, func() error { return nil })
		return err
	})
}

// demoTreaties imports the UN Treaty Collection tables of the Convention
// and its two Protocols, as recorded on their own date.
func (a *App) demoTreaties(ctx context.Context) error {
	return a.Rooms.Treaty.LoadDemo(ctx, data.Treaties(), a.Rooms.Geo.Countries(), data.TreatiesRecordedOn, data.TreatiesSource)
}

// demoPopulation loads the World Bank's population by country and year
// (its aggregates skipped), for rates per 100,000.
func (a *App) demoPopulation(ctx context.Context) error {
	rows, _, err := geo.ReadPopulation(bytes.NewReader(data.Population), a.Rooms.Geo.Known, time.Now())
	if err != nil {
		return err
	}
	_, err = a.Rooms.Geo.ImportPopulation(ctx, auth.System("demo"), rows, data.PopulationSource)
	return err
}

// demoGLOTIP loads UNODC's published GLOTIP file as `tipsom import glotip
// --accept-findings` does: every row neither in error nor in conflict is
// written, the conflicts are queued for analysts.
func (a *App) demoGLOTIP(ctx context.Context) error {
	rep, err := a.Rooms.Stats.Import(ctx, auth.System("demo"), data.GLOTIPFile, data.GLOTIP,
		stats.ImportOptions{AcceptFindings: true, Limits: stats.CommandLimits})
	if err != nil {
		return err
	}
	if !rep.Stored && !rep.Unchanged {
		return fmt.Errorf("nothing stored (%d findings)", len(rep.Findings))
	}
	return nil
}

// demoReport builds and publishes the demo Global Report edition from the
// statistics loaded.
func (a *App) demoReport(ctx context.Context) error {
	return a.Rooms.Report.LoadDemo(ctx)
}

// demoCaselaw writes the fictional laws and decisions of the case law
// room (internal/caselaw/demo/*.json).
func (a *App) demoCaselaw(ctx context.Context) error {
	_, err := a.Rooms.Caselaw.LoadDemo(ctx)
	return err
}

// demoCollection opens the demo collection round: the demo focal point's
// submission half filled with an analyst's query on one cell, a second
// country's awaiting validation (internal/stats/collection/demo).
func (a *App) demoCollection(ctx context.Context) error {
	return a.Rooms.Collection.LoadDemo(ctx, a.demoPrincipal)
}

// demoPrincipal is a demo account acting, as if signed in with its second
// factor.
func (a *App) demoPrincipal(email string) (*auth.Principal, error) {
	u, err := a.Auth.UserByEmail(context.Background(), auth.System("demo"), email)
	if err != nil {
		return nil, err
	}
	return &auth.Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Roles: u.Roles, Country: u.Country, Method: "session", MFA: true}, nil
}

// demoBodies adds chairs and upcoming meetings to the coordination bodies.
func (a *App) demoBodies(ctx context.Context) error {
	return a.Rooms.Bodies.LoadDemo(ctx, time.Now().UTC())
}

// demoAuthorities adds a few fictional entries to the authorities directory.
func (a *App) demoAuthorities(ctx context.Context) error {
	return a.Rooms.Authorities.LoadDemo(ctx)
}

// demoKnowledge loads the Knowledge Hub's library, practices, news and
// events, with the first demo NGO's contributions waiting for an editor.
func (a *App) demoKnowledge(ctx context.Context) error {
	o, err := a.Auth.EnsureDemoOrg(ctx, auth.System("demo"), demoOrgs[0])
	if err != nil {
		return err
	}
	return a.Rooms.Knowledge.LoadDemo(ctx, o.ID)
}

// demoTrustfund loads the Trust Fund's demo content, its NGOs created as
// demo organisations of the accounts.
func (a *App) demoTrustfund(ctx context.Context) error {
	return a.Rooms.Trustfund.LoadDemo(ctx, func(ctx context.Context, short, name, country string) (int64, error) {
		o, err := a.Auth.EnsureDemoOrg(ctx, auth.System("demo"), auth.OrgInput{ShortName: short, Name: name, Country: country})
		if err != nil {
			return 0, err
		}
		return o.ID, nil
	})
}
