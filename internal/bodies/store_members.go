package bodies

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// This file holds the SQL of a body's members, chair periods and working
// groups: the parts that name organisations.

func members(ctx context.Context, tx *sql.Tx, bodyID int64) ([]Member, error) {
	out, err := db.List(ctx, tx, fmt.Sprintf("members of body %d", bodyID), func(row db.Scanner) (Member, error) {
		var m Member
		err := row.Scan(&m.ID, &m.Role, &m.Org.ID, &m.Org.Acronym, &m.Org.Name)
		return m, err
	}, `SELECT m.id, m.role, o.id, o.acronym, o.name
		FROM body_members m JOIN body_orgs o ON o.id = m.org_id WHERE m.body_id = $1`, bodyID)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []Member{}
	}
	slices.SortFunc(out, func(a, b Member) int { return compareAcronyms(a.Org.Acronym, b.Org.Acronym) })
	return out, nil
}

// memberByID returns the member of body bodyID with id, or not found.
func memberByID(ctx context.Context, tx *sql.Tx, bodyID, id int64) (*Member, error) {
	var m Member
	err := tx.QueryRowContext(ctx, `SELECT m.id, m.role, o.id, o.acronym, o.name
		FROM body_members m JOIN body_orgs o ON o.id = m.org_id WHERE m.body_id = $1 AND m.id = $2`, bodyID, id).
		Scan(&m.ID, &m.Role, &m.Org.ID, &m.Org.Acronym, &m.Org.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("get member %d: %w", id, err)
	}
	return &m, nil
}

func insertMember(ctx context.Context, tx *sql.Tx, bodyID, orgID int64, role Role) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO body_members (body_id, org_id, role, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		bodyID, orgID, string(role), db.Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert member: %w", err)
	}
	return id, nil
}

func chairs(ctx context.Context, tx *sql.Tx, bodyID int64) ([]Chair, error) {
	out, err := db.List(ctx, tx, fmt.Sprintf("chairs of body %d", bodyID), func(row db.Scanner) (Chair, error) {
		var c Chair
		err := row.Scan(&c.ID, &c.Holder, &c.From, &c.To, &c.Org.ID, &c.Org.Acronym, &c.Org.Name)
		return c, err
	}, `SELECT c.id, c.holder, c.starts_on, c.ends_on, o.id, o.acronym, o.name
		FROM body_chairs c JOIN body_orgs o ON o.id = c.org_id WHERE c.body_id = $1
		ORDER BY c.starts_on DESC, c.id DESC`, bodyID)
	if err == nil && out == nil {
		out = []Chair{}
	}
	return out, err
}

func insertChair(ctx context.Context, tx *sql.Tx, bodyID int64, c Chair) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO body_chairs (body_id, org_id, holder, starts_on, ends_on, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, bodyID, c.Org.ID, c.Holder, c.From, c.To, db.Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert chair period: %w", err)
	}
	return id, nil
}

func groups(ctx context.Context, tx *sql.Tx, bodyID int64) ([]Group, error) {
	out := []Group{}
	index := map[int64]int{}
	err := db.Each(ctx, tx, fmt.Sprintf("working groups of body %d", bodyID), `SELECT id, name, mandate FROM body_groups WHERE body_id = $1 ORDER BY id`, func(row db.Scanner) error {
		g := Group{Members: []Org{}}
		if err := row.Scan(&g.ID, &g.Name, &g.Mandate); err != nil {
			return err
		}
		index[g.ID] = len(out)
		out = append(out, g)
		return nil
	}, bodyID)
	if err != nil {
		return nil, err
	}
	err = db.Each(ctx, tx, fmt.Sprintf("working group members of body %d", bodyID), `SELECT gm.group_id, o.id, o.acronym, o.name
		FROM body_group_members gm JOIN body_groups g ON g.id = gm.group_id JOIN body_orgs o ON o.id = gm.org_id
		WHERE g.body_id = $1`, func(row db.Scanner) error {
		var gid int64
		var o Org
		if err := row.Scan(&gid, &o.ID, &o.Acronym, &o.Name); err != nil {
			return err
		}
		g := &out[index[gid]]
		g.Members = append(g.Members, o)
		return nil
	}, bodyID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		sortOrgs(out[i].Members)
	}
	return out, nil
}

// byID returns the element of all whose ID (idOf) is id, or not found;
// err, the error reading all, comes back first.
func byID[T any](all []T, err error, id int64, idOf func(*T) int64) (*T, error) {
	if err != nil {
		return nil, err
	}
	for i := range all {
		if idOf(&all[i]) == id {
			return &all[i], nil
		}
	}
	return nil, errs.NotFound()
}

// groupOf returns the working group id of body bodyID, or not found.
func groupOf(ctx context.Context, tx *sql.Tx, bodyID, id int64) (*Group, error) {
	all, err := groups(ctx, tx, bodyID)
	return byID(all, err, id, func(g *Group) int64 { return g.ID })
}

// chairOf returns chair period id of body bodyID, or not found.
func chairOf(ctx context.Context, tx *sql.Tx, bodyID, id int64) (*Chair, error) {
	all, err := chairs(ctx, tx, bodyID)
	return byID(all, err, id, func(c *Chair) int64 { return c.ID })
}

func insertGroup(ctx context.Context, tx *sql.Tx, bodyID int64, in GroupInput) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO body_groups (body_id, name, mandate, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		bodyID, in.Name, in.Mandate, db.Now()).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, errs.Invalid().Field("name", "err.bodies_group_exists")
	}
	if err != nil {
		return 0, fmt.Errorf("insert working group: %w", err)
	}
	return id, nil
}

func insertGroupMember(ctx context.Context, tx *sql.Tx, groupID, orgID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO body_group_members (group_id, org_id) VALUES ($1, $2)`, groupID, orgID)
	if err != nil {
		return fmt.Errorf("insert working group member: %w", err)
	}
	return nil
}

// endChair closes chair period id on day.
func endChair(ctx context.Context, tx *sql.Tx, id int64, day db.Date) error {
	return db.Exec(ctx, tx, "end chair period", `UPDATE body_chairs SET ends_on = $1 WHERE id = $2`, day, id)
}

func deleteChair(ctx context.Context, tx *sql.Tx, id int64) error {
	return db.Exec(ctx, tx, "delete chair period", `DELETE FROM body_chairs WHERE id = $1`, id)
}

// deleteGroup removes a working group; its membership list goes with it.
func deleteGroup(ctx context.Context, tx *sql.Tx, id int64) error {
	return db.Exec(ctx, tx, "delete working group", `DELETE FROM body_groups WHERE id = $1`, id)
}

func deleteGroupMember(ctx context.Context, tx *sql.Tx, groupID, orgID int64) error {
	return db.Exec(ctx, tx, "delete working group member", `DELETE FROM body_group_members WHERE group_id = $1 AND org_id = $2`,
		groupID, orgID)
}

func deleteMember(ctx context.Context, tx *sql.Tx, id int64) error {
	return db.Exec(ctx, tx, "delete member", `DELETE FROM body_members WHERE id = $1`, id)
}

// orgs returns every organisation known to any body, by acronym.
func orgs(ctx context.Context, tx *sql.Tx) ([]Org, error) {
	out := []Org{}
	err := db.Each(ctx, tx, "organisations", `SELECT id, acronym, name FROM body_orgs`, func(row db.Scanner) error {
		var o Org
		if err := row.Scan(&o.ID, &o.Acronym, &o.Name); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortOrgs(out)
	return out, nil
}

// seats reads every seat in every body, organisations by acronym.
func seats(ctx context.Context, tx *sql.Tx) (*seatIndex, error) {
	idx := &seatIndex{roles: map[int64]map[string]Role{}}
	err := db.Each(ctx, tx, "compare bodies", `SELECT o.id, o.acronym, o.name, b.slug, m.role
		FROM body_members m JOIN body_orgs o ON o.id = m.org_id JOIN bodies b ON b.id = m.body_id`, func(row db.Scanner) error {
		var o Org
		var slug string
		var role Role
		if err := row.Scan(&o.ID, &o.Acronym, &o.Name, &slug, &role); err != nil {
			return err
		}
		if idx.roles[o.ID] == nil {
			idx.roles[o.ID] = map[string]Role{}
			idx.orgs = append(idx.orgs, o)
		}
		idx.roles[o.ID][slug] = role
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortOrgs(idx.orgs)
	return idx, nil
}
