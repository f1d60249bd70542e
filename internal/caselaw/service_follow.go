package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/search"
)

// maxFollowed bounds the matches a followed search remembers and checks.
const maxFollowed = 1000

// FollowKey is the canonical form of a search to follow: its parameters
// without the page and the order, which do not change what matches.
func FollowKey(q Query) string {
	v := q.values()
	v.Del("page")
	v.Del("sort")
	return v.Encode()
}

// matching lists the references of the published cases matching q, the
// latest decisions first, at most maxFollowed.
func (s *Service) matching(ctx context.Context, q Query) ([]string, error) {
	var refs []string
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		res, err := s.Search.SearchTx(ctx, tx, search.Request{Kind: "case", Text: q.Text, Filters: q.Filters, YearFrom: q.YearFrom,
			YearTo: q.YearTo, Sort: search.SortDate, Limit: maxFollowed})
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			refs = append(refs, h.Ref)
		}
		return nil
	})
	return refs, err
}

// Follow makes by follow the search q: the published cases that match it
// from now on reach by as notices (daily). Any signed-in user.
func (s *Service) Follow(ctx context.Context, by *auth.Principal, q Query) error {
	if by == nil || by.UserID == 0 {
		return errs.Unauthorised()
	}
	seen, err := s.matching(ctx, q)
	if err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error { return insertFollow(ctx, tx, by.UserID, FollowKey(q), seen, s.Now().UTC()) })
}

// Unfollow stops by following q.
func (s *Service) Unfollow(ctx context.Context, by *auth.Principal, q Query) error {
	if by == nil || by.UserID == 0 {
		return errs.Unauthorised()
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error { return deleteFollow(ctx, tx, by.UserID, FollowKey(q)) })
}

// Following reports whether by follows q.
func (s *Service) Following(ctx context.Context, by *auth.Principal, q Query) bool {
	if by == nil || by.UserID == 0 {
		return false
	}
	var ok bool
	_ = s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		ok, err = isFollowed(ctx, tx, by.UserID, FollowKey(q))
		return err
	})
	return ok
}

// Due is the room's scheduled notices: for each followed search, the
// published cases that match it and had not, told to its follower once a
// day (each search is checked a day after the last check) (the notice links to the search, not to the cases).
func (s *Service) Due(ctx context.Context, now time.Time) ([]notify.Event, error) {
	var fs []follow
	if err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		fs, err = listFollows(ctx, tx)
		return err
	}); err != nil {
		return nil, err
	}
	var out []notify.Event
	for _, f := range fs {
		if now.Sub(f.Checked) < 23*time.Hour {
			continue // daily
		}
		v, err := url.ParseQuery(f.Query)
		if err != nil {
			continue
		}
		q, err := parseQuery(v, FacetNames, s.Known)
		if err != nil {
			continue // a facet value no longer known
		}
		refs, err := s.matching(ctx, q)
		if err != nil {
			return nil, err
		}
		n := 0
		for _, r := range refs {
			if !slices.Contains(f.Seen, r) {
				n++
			}
		}
		if err := s.DB.Tx(ctx, func(tx *sql.Tx) error { return markSeen(ctx, tx, f.ID, refs, now) }); err != nil {
			return nil, err
		}
		if n == 0 {
			continue
		}
		out = append(out, notify.Event{Kind: notify.KindFollowedSearch, Key: "notify.event.followed_search",
			Params: map[string]string{"Number": fmt.Sprint(n)}, Object: fmt.Sprintf("followed_search:%d", f.ID),
			URL: "/caselaw?" + f.Query, To: notify.Audience{Users: []int64{f.UserID}},
			Dedupe: fmt.Sprintf("followed_search:%d:%s", f.ID, now.UTC().Format(time.DateOnly))})
	}
	return out, nil
}
