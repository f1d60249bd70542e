package knowledge

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/notify"
)

func object(it *Item) string { return fmt.Sprintf("knowledge_%s:%d", it.Kind, it.ID) }

// tellDecided tells the contributing organisation what an editor decided;
// the reason is on the item's page, which the notice links to.
func (s *Service) tellDecided(ctx context.Context, it *Item, d Decision) {
	key := "notify.event.knowledge_accepted"
	url := ItemPath(it.Kind, it.ID)
	if d == DecisionReturn {
		key, url = "notify.event.knowledge_returned", editPath(it.ID)
	}
	s.Notices.Emit(ctx, notify.Event{Kind: notify.KindContributionDecided, Key: key, Params: map[string]string{"Title": it.Title("en")},
		Object: object(it), URL: url, To: notify.Audience{Roles: []auth.Role{auth.RoleNGO}, Org: it.OrgID}})
}

// tellFollowers tells those who follow one of a newly published
// resource's or practice's topics.
func (s *Service) tellFollowers(ctx context.Context, it *Item) {
	if !it.Kind.Contributed() || len(it.Content.Topics) == 0 || it.Demo {
		return
	}
	users, err := db.Read(ctx, s.DB, func(tx *sql.Tx) ([]int64, error) { return followers(ctx, tx, it.Content.Topics) })
	if err != nil || len(users) == 0 {
		return
	}
	s.Notices.Emit(ctx, notify.Event{Kind: notify.KindFollowedTopic, Key: "notify.event.knowledge_topic", Params: map[string]string{"Title": it.Title("en")},
		Object: object(it), URL: ItemPath(it.Kind, it.ID), To: notify.Audience{Users: users}})
}

func editPath(id int64) string { return fmt.Sprintf("/knowledge/contributions/%d", id) }

// Tasks implements notify.TaskSource: editors are waited on for the queue,
// partners for what was sent back to them.
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	if by == nil || by.IsSystem() {
		return nil, nil
	}
	var f ItemFilter
	switch {
	case by.HasAny(auth.Editors...):
		f = ItemFilter{Statuses: []Status{StatusSubmitted}}
	case by.Has(auth.RoleNGO) && by.OrgID != 0:
		f = ItemFilter{Statuses: []Status{StatusReturned}, OrgID: by.OrgID}
	default:
		return nil, nil
	}
	items, err := db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Item, error) { return listItems(ctx, tx, f) })
	if err != nil {
		return nil, err
	}
	var out []notify.Task
	for _, it := range items {
		kind := "knowledge_moderate"
		if it.Status == StatusReturned {
			kind = "knowledge_returned"
		}
		out = append(out, notify.Task{Kind: kind, Title: "notify.task." + kind, Params: map[string]any{"Title": it.Title("en")},
			URL: editPath(it.ID), Created: it.UpdatedAt})
	}
	return out, nil
}
