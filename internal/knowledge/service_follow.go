package knowledge

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Follow starts (on) or stops by following topic: a resource published on
// it becomes a notice.
func (s *Service) Follow(ctx context.Context, by *auth.Principal, topic string, on bool) error {
	if by == nil || by.UserID == 0 {
		return errs.Unauthorised()
	}
	if !IsTopic(topic) {
		return errs.Invalid().Field("topic", "err.knowledge_topic_unknown")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := setFollow(ctx, tx, by.UserID, topic, on); err != nil {
			return err
		}
		action := "hub_topic.follow"
		if !on {
			action = "hub_topic.unfollow"
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: "knowledge_topic", EntityID: topic,
			Detail: fmt.Sprint(by.UserID)})
	})
}

// Followed lists the topics by follows.
func (s *Service) Followed(ctx context.Context, by *auth.Principal) ([]string, error) {
	if by == nil || by.UserID == 0 {
		return nil, nil
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]string, error) { return followedBy(ctx, tx, by.UserID) })
}
