package knowledge

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/intake"
)

// demoItem is one item of the demo files: the content, its stable key,
// its kind (news or event; resources and practices have their own file)
// and, for a few resources, a PDF made from their summary.
type demoItem struct {
	Content
	Key      string `json:"key"`
	Kind     Kind   `json:"kind"`
	PDF      bool   `json:"pdf"`
	Evidence *struct {
		Evaluated bool              `json:"evaluated"`
		Method    string            `json:"method"`
		Summary   map[string]string `json:"summary"`
	} `json:"evidence"`
	Body json.RawMessage `json:"body"` // news: the text per language; resources: the coordination body
}

// queuedDemo is how many of the demo resources, the last of the file,
// wait in the editors' queue as contributions of the demo NGO.
const queuedDemo = 2

// LoadDemo writes the Hub's fictional demo content: the library, the good
// practices, news and events, published, and a few contributions of the
// demo NGO (org is its organisation) waiting for an editor. Items are
// found again by their key, so loading twice changes nothing.
func (s *Service) LoadDemo(ctx context.Context, org int64) error {
	files := DemoFiles()
	var res, prac, news []demoItem
	for name, dst := range map[string]*[]demoItem{"demo/resources.json": &res, "demo/practices.json": &prac, "demo/news.json": &news} {
		if err := files.JSON(name, dst); err != nil {
			return err
		}
	}
	by := auth.System("demo")
	now := s.now()
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		put := func(d demoItem, k Kind, queued bool) error {
			c := d.Content
			switch k {
			case KindResource:
				var body string
				if len(d.Body) > 0 {
					if err := json.Unmarshal(d.Body, &body); err != nil {
						return fmt.Errorf("demo item %s: body: %w", d.Key, err)
					}
				}
				c.Body = strings.ReplaceAll(body, "ungift", "un-gift")
			case KindPractice:
				if d.Evidence != nil {
					c.Evaluated, c.Method, c.Evidence = d.Evidence.Evaluated, strings.ReplaceAll(d.Evidence.Method, " ", "_"), d.Evidence.Summary
				}
			default:
				if len(c.Summary) == 0 && len(d.Body) > 0 {
					if err := json.Unmarshal(d.Body, &c.Summary); err != nil {
						return fmt.Errorf("demo item %s: body: %w", d.Key, err)
					}
				}
			}
			if err := c.Validate(k, s.Known, now); err != nil {
				return fmt.Errorf("demo item %s: %w", d.Key, err)
			}
			id, err := itemIDByDemoKey(ctx, tx, d.Key)
			if err != nil {
				return err
			}
			it := &Item{ID: id, Kind: k, Status: StatusPublished, Content: c, Demo: true, Author: "demo", CreatedAt: now, UpdatedAt: now, PublishedAt: now}
			if queued {
				it.Status, it.OrgID, it.PublishedAt = StatusSubmitted, org, time.Time{}
			}
			if id == 0 {
				if err := insertItem(ctx, tx, it, d.Key); err != nil {
					return err
				}
			} else if err := updateItem(ctx, tx, it); err != nil {
				return err
			}
			if d.PDF {
				text := strings.Join([]string{"FICTIONAL DEMO DOCUMENT - composed by tipsom for its demonstration", it.Title("en"), c.Publisher, c.Summary.For("en")}, "\n")
				data := intake.TextPDF(strings.Split(text, "\n")...)
				sum := sha256.Sum256(data)
				it.File = &File{Name: d.Key + ".pdf", ContentType: "application/pdf", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Searchable: true}
				if err := putFile(ctx, tx, it.ID, it.File, data, text, now); err != nil {
					return err
				}
			}
			if it.Status == StatusPublished {
				if err := s.index(ctx, tx, it); err != nil {
					return err
				}
			}
			return nil
		}
		for i, d := range res {
			if err := put(d, KindResource, org != 0 && i >= len(res)-queuedDemo); err != nil {
				return err
			}
		}
		for _, d := range prac {
			if err := put(d, KindPractice, false); err != nil {
				return err
			}
		}
		for _, d := range news {
			k := KindNews
			if d.Kind == KindEvent {
				k = KindEvent
			}
			if err := put(d, k, false); err != nil {
				return err
			}
		}
		return record(ctx, tx, by, "hub_item.demo", &Item{Kind: KindResource}, fmt.Sprintf("%d resources, %d practices, %d news and events", len(res), len(prac), len(news)))
	})
}
