package bodies

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Seed inserts the bodies, organisations, seats and working groups the
// strategy lists. It runs at every start and is idempotent: each item is
// considered once, and its key is then kept (db.Seeds), so a second run
// changes nothing, an item an editor has since removed does not come back,
// and nothing an editor changed is overwritten. Each body that gains
// something gets one audit entry saying what.
func (s *Service) Seed(ctx context.Context) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		seeds, err := db.OpenSeeds(ctx, tx, s.DB.Dialect, "bodies")
		if err != nil {
			return err
		}
		sd := &seeder{ctx: ctx, tx: tx, by: auth.System("seed"), seeds: seeds}
		if err := sd.orgs(seedOrgs()); err != nil {
			return err
		}
		for _, b := range seedBodies() {
			if err := sd.body(b); err != nil {
				return fmt.Errorf("seed body %s: %w", b.Slug, err)
			}
			if s.Index != nil {
				// Indexed once per version of the document (editors' changes
				// index it again as they save).
				if _, err := seeds.Upsert("search:body:"+b.Slug, searchVersion, func() error { return s.index(ctx, tx, b.Slug) }); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// seeder carries one seeding run's transaction and what was applied
// before (each item once: editors' later changes stand).
type seeder struct {
	ctx   context.Context
	tx    *sql.Tx
	by    *auth.Principal
	seeds *db.Seeds
}

// once runs fn for key unless it ran in an earlier seeding; fn reports
// whether it inserted something.
func (sd *seeder) once(key string, fn func() (bool, error)) (bool, error) {
	return sd.seeds.Once(key, fn)
}

func (sd *seeder) orgs(orgs []seedOrg) error {
	var added []string
	for _, o := range orgs {
		inserted, err := sd.once("org:"+o.Acronym, func() (bool, error) {
			found, err := orgByAcronym(sd.ctx, sd.tx, o.Acronym)
			if err != nil || found != nil {
				return false, err
			}
			_, err = insertOrg(sd.ctx, sd.tx, o.Acronym, o.Name)
			return err == nil, err
		})
		if err != nil {
			return err
		}
		if inserted {
			added = append(added, o.Acronym)
		}
	}
	if len(added) == 0 {
		return nil
	}
	return audit.Record(sd.ctx, sd.tx, sd.by.AuditActor(), audit.Change{Action: "body.seed", EntityType: "body_org",
		EntityID: "seed", After: added, Detail: strconv.Itoa(len(added)) + " organisations"})
}

// seedCounts is what one body gained in a run.
type seedCounts struct {
	Body, Members, Groups, GroupMembers int
}

func (sd *seeder) body(sb seedBody) error {
	var n seedCounts
	if _, err := sd.once("body:"+sb.Slug, func() (bool, error) {
		_, err := bodyBySlug(sd.ctx, sd.tx, sb.Slug)
		if !errs.Is(err, errs.KindNotFound) {
			return false, err
		}
		in := BodyInput{Slug: sb.Slug, Acronym: sb.Acronym, Name: sb.Name, Mandate: sb.Mandate, Membership: sb.Membership}
		_, err = insertBody(sd.ctx, sd.tx, in)
		n.Body = 1
		return true, err
	}); err != nil {
		return err
	}
	b, err := bodyBySlug(sd.ctx, sd.tx, sb.Slug)
	if errs.Is(err, errs.KindNotFound) {
		return nil // not there any more: nothing to seat
	} else if err != nil {
		return err
	}
	for _, m := range sb.Members {
		if err := sd.count(&n.Members, "member:"+sb.Slug+":"+m.Acronym, func() (bool, error) { return sd.member(b, m) }); err != nil {
			return err
		}
	}
	for _, g := range sb.Groups {
		if err := sd.count(&n.Groups, "group:"+sb.Slug+":"+g.Name, func() (bool, error) { return sd.group(b, g) }); err != nil {
			return err
		}
		for _, acr := range g.Members {
			key := "group-member:" + sb.Slug + ":" + g.Name + ":" + acr
			if err := sd.count(&n.GroupMembers, key, func() (bool, error) { return sd.groupMember(b, g.Name, acr) }); err != nil {
				return err
			}
		}
	}
	if n == (seedCounts{}) {
		return nil
	}
	detail := fmt.Sprintf("%s: %d members, %d working groups, %d working-group members", b.Acronym, n.Members, n.Groups, n.GroupMembers)
	if n.Body == 1 {
		detail = "created " + detail
	}
	return record(sd.ctx, sd.tx, sd.by, "body.seed", "body", b.ID, nil, n, detail)
}

// count runs once and adds one to *n when it inserted something.
func (sd *seeder) count(n *int, key string, fn func() (bool, error)) error {
	inserted, err := sd.once(key, fn)
	if inserted {
		*n++
	}
	return err
}

func (sd *seeder) member(b *Body, m seedMember) (bool, error) {
	org, err := orgByAcronym(sd.ctx, sd.tx, m.Acronym)
	if err != nil || org == nil {
		return false, err
	}
	current, err := members(sd.ctx, sd.tx, b.ID)
	if err != nil || slices.ContainsFunc(current, func(x Member) bool { return x.Org.ID == org.ID }) {
		return false, err
	}
	_, err = insertMember(sd.ctx, sd.tx, b.ID, org.ID, m.Role)
	return err == nil, err
}

func (sd *seeder) group(b *Body, g seedGroup) (bool, error) {
	gs, err := groups(sd.ctx, sd.tx, b.ID)
	if err != nil || slices.ContainsFunc(gs, func(x Group) bool { return x.Name == g.Name }) {
		return false, err
	}
	_, err = insertGroup(sd.ctx, sd.tx, b.ID, GroupInput{Name: g.Name})
	return err == nil, err
}

// groupMember seats an organisation in a working group when both exist and
// the organisation is still a member of the body.
func (sd *seeder) groupMember(b *Body, group, acronym string) (bool, error) {
	gs, err := groups(sd.ctx, sd.tx, b.ID)
	if err != nil {
		return false, err
	}
	i := slices.IndexFunc(gs, func(x Group) bool { return x.Name == group })
	org, err := orgByAcronym(sd.ctx, sd.tx, acronym)
	if err != nil || i < 0 || org == nil || gs[i].Has(org.ID) {
		return false, err
	}
	if _, err := memberOrg(sd.ctx, sd.tx, b, org.ID, "org_id"); errs.Is(err, errs.KindInvalid) {
		return false, nil // no longer a member of the body: leave the group as editors made it
	} else if err != nil {
		return false, err
	}
	return true, insertGroupMember(sd.ctx, sd.tx, gs[i].ID, org.ID)
}
