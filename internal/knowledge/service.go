package knowledge

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/search"
)

// Service holds the Hub's rules. Every exported method takes the acting
// principal and checks it first; each change is one transaction with its
// audit entry and, for what is public, its search document.
type Service struct {
	DB      *db.DB
	Known   func(iso3 string) bool
	Index   *search.Index
	Notices *notify.Service
	Now     func() time.Time
	// Kinds are the kinds of document every room writes to the one
	// search, which it spans (the app sets them).
	Kinds []string
}

// NewService returns the Hub's service on d; known checks country codes.
func NewService(d *db.DB, known func(string) bool, ix *search.Index) *Service {
	return &Service{DB: d, Known: known, Index: ix, Now: time.Now}
}

func (s *Service) now() time.Time { return db.Time(s.Now()) }

func record(ctx context.Context, tx *sql.Tx, by *auth.Principal, action string, it *Item, detail string) error {
	return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: "knowledge_" + string(it.Kind),
		EntityID: strconv.FormatInt(it.ID, 10), After: it.Content, Detail: detail})
}

// ItemPath is the public page of an item.
func ItemPath(k Kind, id int64) string {
	switch k {
	case KindPractice:
		return fmt.Sprintf("/knowledge/practices/%d", id)
	case KindNews, KindEvent:
		return fmt.Sprintf("/knowledge/news/%d", id)
	}
	return fmt.Sprintf("/knowledge/resources/%d", id)
}

// Create stores a new item. A partner's resource or good practice waits
// for an editor; an editor's own item is published at once. News and
// events are the editors' alone.
func (s *Service) Create(ctx context.Context, by *auth.Principal, k Kind, c Content) (*Item, error) {
	return s.CreateWithFile(ctx, by, k, c, "", nil)
}

// CreateWithFile is Create with the resource's document (none when data
// is nil): the document is checked and read first, and the item and its
// document are stored together or not at all.
func (s *Service) CreateWithFile(ctx context.Context, by *auth.Principal, k Kind, c Content, name string, data []byte) (*Item, error) {
	if err := MayContribute(by); err != nil {
		return nil, err
	}
	if !isEditor(by) && !k.Contributed() {
		return nil, errs.Forbidden()
	}
	now := s.now()
	if err := c.Validate(k, s.Known, now); err != nil {
		return nil, err
	}
	var f *File
	var text string
	if data != nil {
		if k != KindResource {
			return nil, errs.Invalid().Field("file", "err.knowledge_file_kind")
		}
		var err error
		if f, text, err = readDocument(ctx, name, data); err != nil {
			return nil, err
		}
	}
	it := &Item{Kind: k, Status: StatusSubmitted, Content: c, AuthorID: by.UserID, Author: by.DisplayName(),
		CreatedAt: now, UpdatedAt: now}
	if isEditor(by) {
		it.Status, it.PublishedAt = StatusPublished, now
	} else {
		it.OrgID = by.OrgID
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertItem(ctx, tx, it, ""); err != nil {
			return err
		}
		if err := record(ctx, tx, by, "hub_item.create", it, string(it.Status)); err != nil {
			return err
		}
		if f != nil {
			return s.storeFile(ctx, tx, by, it, f, data, text)
		}
		return s.index(ctx, tx, it)
	})
	if err != nil {
		return nil, err
	}
	if it.Status == StatusPublished {
		s.tellFollowers(ctx, it)
	}
	return it, nil
}

// MayContribute reports whether by may add items to the Hub: an editor,
// or a partner organisation's account (a new contribution's upload is
// refused before its file is read).
func MayContribute(by *auth.Principal) error {
	if err := auth.Require(by, contributors...); err != nil {
		return err
	}
	if !isEditor(by) && by.OrgID == 0 {
		return errs.Forbidden()
	}
	return nil
}

// Item reads one item as by may see it.
func (s *Service) Item(ctx context.Context, by *auth.Principal, id int64) (*Item, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Item, error) {
		it, err := itemByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		return it, requireRead(by, it)
	})
}

// Published reads one published item of kind k, for the public pages: a
// draft, another kind's number or a withdrawn item is not found, whoever
// asks.
func (s *Service) Published(ctx context.Context, id int64, kinds ...Kind) (*Item, error) {
	it, err := db.Read(ctx, s.DB, func(tx *sql.Tx) (*Item, error) { return itemByID(ctx, tx, id) })
	if err != nil {
		return nil, err
	}
	for _, k := range kinds {
		if it.Kind == k && it.Status == StatusPublished {
			return it, nil
		}
	}
	return nil, errs.NotFound()
}

// MayEdit reports whether by may change item id now (an upload to it is
// refused before its file is read).
func (s *Service) MayEdit(ctx context.Context, by *auth.Principal, id int64) error {
	if err := auth.Require(by, contributors...); err != nil {
		return err
	}
	return s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		it, err := itemByID(ctx, tx, id)
		if err != nil {
			return err
		}
		return requireEdit(by, it)
	})
}

// Update changes an item's content. A partner's change of an item sent
// back puts it in the editors' queue again.
func (s *Service) Update(ctx context.Context, by *auth.Principal, id int64, c Content) (*Item, error) {
	return s.UpdateWithFile(ctx, by, id, c, "", nil)
}

// UpdateWithFile is Update with a new document for the resource (none
// when data is nil), checked and read first: the change and the document
// are stored together or not at all.
func (s *Service) UpdateWithFile(ctx context.Context, by *auth.Principal, id int64, c Content, name string, data []byte) (*Item, error) {
	if err := s.MayEdit(ctx, by, id); err != nil {
		return nil, err
	}
	var f *File
	var text string
	if data != nil {
		var err error
		if f, text, err = readDocument(ctx, name, data); err != nil {
			return nil, err
		}
	}
	return db.Write(ctx, s.DB, func(tx *sql.Tx) (*Item, error) {
		it, err := itemByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if err := requireEdit(by, it); err != nil {
			return nil, err
		}
		now := s.now()
		if err := c.Validate(it.Kind, s.Known, now); err != nil {
			return nil, err
		}
		it.Content, it.UpdatedAt = c, now
		if it.Status == StatusReturned && !isEditor(by) {
			it.Status, it.Reason = StatusSubmitted, ""
		}
		if err := updateItem(ctx, tx, it); err != nil {
			return nil, err
		}
		if err := record(ctx, tx, by, "hub_item.update", it, string(it.Status)); err != nil {
			return nil, err
		}
		if f != nil {
			return it, s.storeFile(ctx, tx, by, it, f, data, text)
		}
		return it, s.index(ctx, tx, it)
	})
}

// Decision is an editor's word on a contribution.
type Decision string

const (
	DecisionAccept   Decision = "accept"
	DecisionReturn   Decision = "return"
	DecisionWithdraw Decision = "withdraw"
)

// maxReason bounds an editor's reason.
const maxReason = 2000

// Decide publishes a contribution (with the editor's edits, when c is not
// nil), sends it back with a reason, or withdraws a published item with
// one. The contributor is told.
func (s *Service) Decide(ctx context.Context, by *auth.Principal, id int64, d Decision, reason string, c *Content) (*Item, error) {
	if err := auth.Require(by, auth.Editors...); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	it, err := db.Write(ctx, s.DB, func(tx *sql.Tx) (*Item, error) {
		it, err := itemByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		now := s.now()
		switch d {
		case DecisionAccept:
			if it.Status != StatusSubmitted && it.Status != StatusReturned && it.Status != StatusWithdrawn {
				return nil, errs.Conflict("err.knowledge_not_waiting")
			}
			if c != nil {
				if err := c.Validate(it.Kind, s.Known, now); err != nil {
					return nil, err
				}
				it.Content = *c
			}
			it.Status, it.Reason, it.PublishedAt = StatusPublished, "", now
		case DecisionReturn, DecisionWithdraw:
			if reason == "" {
				return nil, errs.Invalid().Field("reason", "err.knowledge_reason_required")
			}
			if len([]rune(reason)) > maxReason {
				return nil, errs.Invalid().Field("reason", "err.knowledge_too_long", "Max", maxReason)
			}
			if d == DecisionReturn && it.Status != StatusSubmitted {
				return nil, errs.Conflict("err.knowledge_not_waiting")
			}
			if d == DecisionWithdraw && it.Status != StatusPublished {
				return nil, errs.Conflict("err.knowledge_not_published")
			}
			it.Status, it.Reason = StatusReturned, reason
			if d == DecisionWithdraw {
				it.Status = StatusWithdrawn
			}
		default:
			return nil, errs.Invalid().Field("decision", "err.knowledge_decision_invalid")
		}
		it.UpdatedAt = now
		if err := updateItem(ctx, tx, it); err != nil {
			return nil, err
		}
		if err := record(ctx, tx, by, "hub_item."+string(d), it, reason); err != nil {
			return nil, err
		}
		return it, s.index(ctx, tx, it)
	})
	if err != nil {
		return nil, err
	}
	if it.OrgID != 0 && d != DecisionWithdraw {
		s.tellDecided(ctx, it, d)
	}
	if d == DecisionAccept {
		s.tellFollowers(ctx, it)
	}
	return it, nil
}

// Queue lists the contributions waiting for an editor, the oldest first.
func (s *Service) Queue(ctx context.Context, by *auth.Principal) ([]*Item, error) {
	if err := auth.Require(by, auth.Editors...); err != nil {
		return nil, err
	}
	items, err := db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Item, error) {
		return listItems(ctx, tx, ItemFilter{Statuses: []Status{StatusSubmitted}})
	})
	for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
		items[i], items[j] = items[j], items[i]
	}
	return items, err
}

// Contributions lists what by's organisation contributed, or, for an
// editor, every item not published.
func (s *Service) Contributions(ctx context.Context, by *auth.Principal) ([]*Item, error) {
	if err := auth.Require(by, contributors...); err != nil {
		return nil, err
	}
	f := ItemFilter{OrgID: by.OrgID}
	if isEditor(by) {
		f = ItemFilter{Statuses: []Status{StatusSubmitted, StatusReturned, StatusWithdrawn}}
	} else if by.OrgID == 0 {
		return nil, errs.Forbidden()
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Item, error) { return listItems(ctx, tx, f) })
}

// Latest lists the newest published items of kind k (all kinds when ""),
// by publication, for the Hub's front page and its feeds.
func (s *Service) Latest(ctx context.Context, k Kind, n int) ([]*Item, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Item, error) {
		return listItems(ctx, tx, ItemFilter{Kind: k, Statuses: []Status{StatusPublished}, Limit: n})
	})
}

// PublishedByID reads the published items among ids, for a search's hits.
func (s *Service) PublishedByID(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]*Item, error) {
	out := map[int64]*Item{}
	err := db.InChunks(ids, 500, func(part []int64) error {
		items, err := listItems(ctx, tx, ItemFilter{IDs: part, Statuses: []Status{StatusPublished}})
		for _, it := range items {
			out[it.ID] = it
		}
		return err
	})
	return out, err
}

// Counts are the published items per kind, for the Hub's front page.
func (s *Service) Counts(ctx context.Context) (map[string]int, error) {
	all, err := db.Read(ctx, s.DB, func(tx *sql.Tx) (map[Kind]map[Status]int, error) { return countByStatus(ctx, tx) })
	out := map[string]int{}
	for k, m := range all {
		out[string(k)] = m[StatusPublished]
	}
	out[string(KindNews)] += out[string(KindEvent)]
	return out, err
}

// Upcoming lists the published events that have not ended, the soonest
// first.
func (s *Service) Upcoming(ctx context.Context, n int) ([]*Item, error) {
	all, err := db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Item, error) {
		return listItems(ctx, tx, ItemFilter{Kind: KindEvent, Statuses: []Status{StatusPublished}})
	})
	if err != nil {
		return nil, err
	}
	today := s.now().Format(time.DateOnly)
	var out []*Item
	for _, it := range all {
		if it.Content.Ends >= today {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b *Item) int { return strings.Compare(a.Content.Starts, b.Content.Starts) })
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}
