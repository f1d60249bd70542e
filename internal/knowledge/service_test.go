package knowledge

import (
	"database/sql"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/auth/authtest"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo/geotest"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// hub is the service on a real database with its people: an editor and
// two partners of different organisations.
type hub struct {
	svc      *Service
	editor   *auth.Principal
	partners []*auth.Principal
}

func newHub(t *testing.T, d *db.DB) *hub {
	t.Helper()
	ctx := t.Context()
	g := geotest.Seeded(t, d)
	ix, err := search.New(d, 0)
	if err != nil {
		t.Fatal(err)
	}
	accounts := auth.NewService(d)
	h := &hub{svc: NewService(d, g.Known, ix)}
	h.svc.Kinds = []string{DocResource, DocPractice, DocNews, DocEvent}
	sys := auth.System("test")
	user := func(email string, role auth.Role, org int64) *auth.Principal {
		return authtest.Principal(t, accounts, auth.UserInput{Email: email, Roles: []auth.Role{role}, OrgID: org})
	}
	h.editor = user("editor@example.org", auth.RoleEditor, 0)
	for _, c := range []string{"KEN", "NPL"} {
		o, err := accounts.CreateOrg(ctx, sys, auth.OrgInput{ShortName: "PARTNER-" + c, Name: "Partner " + c, Country: c})
		if err != nil {
			t.Fatal(err)
		}
		h.partners = append(h.partners, user("partner-"+strings.ToLower(c)+"@example.org", auth.RoleNGO, o.ID))
	}
	return h
}

func manual(title string) Content {
	return Content{Title: web.Texts{"en": title, "fr": "Manuel " + title}, Summary: web.Texts{"en": "How shelters identify victims of forced labour."},
		Type: "training_manual", Publisher: "Partner", Year: 2025, Topics: []string{"protection", "forced_labour"}, Countries: []string{"KEN"}}
}

func TestModeration(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := t.Context()
		h := newHub(t, d)
		a, b := h.partners[0], h.partners[1]
		it, err := h.svc.Create(ctx, a, KindResource, manual("Shelter intake"))
		if err != nil || it.Status != StatusSubmitted || it.OrgID != a.OrgID {
			t.Fatalf("a partner's resource waits for an editor: %+v %v", it, err)
		}
		if _, err := h.svc.Create(ctx, a, KindNews, Content{Title: web.Texts{"en": "N"}, Summary: web.Texts{"en": "T"}, Date: "2026-12-01"}); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("a partner writes news: %v", err)
		}
		// The other partner, and the public, do not see it, nor learn it exists.
		for who, by := range map[string]*auth.Principal{"the other partner": b, "the public": nil} {
			if _, err := h.svc.Item(ctx, by, it.ID); !errs.Is(err, errs.KindNotFound) {
				t.Errorf("%s reads the contribution: %v", who, err)
			}
		}
		if _, err := h.svc.Update(ctx, b, it.ID, manual("Taken over")); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("the other partner edits it: %v", err)
		}
		if _, err := h.svc.Attach(ctx, b, it.ID, "x.pdf", intake.TextPDF("x")); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("the other partner attaches to it: %v", err)
		}
		if _, _, err := h.svc.FileOf(ctx, b, it.ID); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("the other partner downloads from it: %v", err)
		}
		if _, err := h.svc.Decide(ctx, a, it.ID, DecisionAccept, "", nil); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("a partner accepts its own: %v", err)
		}
		if _, err := h.svc.Published(ctx, it.ID, KindResource); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("a waiting item is public: %v", err)
		}
		if _, err := h.svc.Attach(ctx, a, it.ID, "manual.pdf", intake.TextPDF("Screening checklist for shelter staff", "debt bondage indicators")); err != nil {
			t.Fatal(err)
		}
		if _, err := h.svc.Attach(ctx, a, it.ID, "manual.doc", []byte("not a pdf")); errs.FieldKeys(err)["file"] != "err.knowledge_file_type" {
			t.Errorf("a file that is not a PDF: %v", err)
		}
		found := func(q string) int {
			t.Helper()
			res, err := h.svc.Search(ctx, Find{Text: q, Page: 1, Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			return res.Total
		}
		if n := found("bondage"); n != 0 {
			t.Errorf("a waiting contribution's PDF is found: %d", n)
		}
		// Sent back with a reason; the partner's edit puts it back in the queue.
		if _, err := h.svc.Decide(ctx, h.editor, it.ID, DecisionReturn, "  ", nil); errs.FieldKeys(err)["reason"] != "err.knowledge_reason_required" {
			t.Errorf("sent back without a reason: %v", err)
		}
		back, err := h.svc.Decide(ctx, h.editor, it.ID, DecisionReturn, "Add the year of the second edition.", nil)
		if err != nil || back.Status != StatusReturned || back.Reason == "" {
			t.Fatalf("%+v %v", back, err)
		}
		if q, _ := h.svc.Queue(ctx, h.editor); len(q) != 0 {
			t.Errorf("the queue holds what was sent back: %d", len(q))
		}
		again, err := h.svc.Update(ctx, a, it.ID, manual("Shelter intake, second edition"))
		if err != nil || again.Status != StatusSubmitted || again.Reason != "" {
			t.Fatalf("resubmitted: %+v %v", again, err)
		}
		if q, _ := h.svc.Queue(ctx, h.editor); len(q) != 1 {
			t.Errorf("the queue: %d, want 1", len(q))
		}
		// Accepted with the editor's edit: public, found by its PDF's words, not editable by the partner.
		edited := manual("Shelter intake: a handbook")
		pub, err := h.svc.Decide(ctx, h.editor, it.ID, DecisionAccept, "", &edited)
		if err != nil || pub.Status != StatusPublished || pub.Title("en") != "Shelter intake: a handbook" {
			t.Fatalf("%+v %v", pub, err)
		}
		if n := found("bondage"); n != 1 {
			t.Errorf("the published PDF's words find it %d times", n)
		}
		if _, err := h.svc.Published(ctx, it.ID, KindPractice); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("a resource read as a practice: %v", err)
		}
		if _, err := h.svc.Update(ctx, a, it.ID, manual("Changed after")); !errs.Is(err, errs.KindConflict) {
			t.Errorf("a partner edits a published item: %v", err)
		}
		if _, _, err := h.svc.FileOf(ctx, nil, it.ID); err != nil {
			t.Errorf("the public downloads the published PDF: %v", err)
		}
		// Withdrawn: gone from the search and the public page.
		if _, err := h.svc.Decide(ctx, h.editor, it.ID, DecisionWithdraw, "Superseded.", nil); err != nil {
			t.Fatal(err)
		}
		if n := found("bondage"); n != 0 {
			t.Errorf("a withdrawn item is found: %d", n)
		}
		if _, err := h.svc.Published(ctx, it.ID, KindResource); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("a withdrawn item is public: %v", err)
		}
		// Every change was audited.
		n, err := db.Read(ctx, d, func(tx *sql.Tx) (int, error) {
			var n int
			err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity_type = 'knowledge_resource' AND entity_id = $1`,
				strconv.FormatInt(it.ID, 10)).Scan(&n)
			return n, err
		})
		if err != nil || n != 6 {
			t.Errorf("%d audit entries (%v), want 6: create, attach, return, update, accept, withdraw", n, err)
		}
	})
}

func TestSearchFacetsFeedsAndSitemap(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := t.Context()
		h := newHub(t, d)
		for i, title := range []string{"Labour inspection", "Maritime smuggling routes", "Inspection du travail"} {
			c := manual(title)
			if i == 1 {
				c.Topics, c.Countries, c.Summary = []string{"som"}, []string{"NPL"}, web.Texts{"en": "Smuggling by sea."}
			}
			if i == 2 {
				c.Title, c.Summary = web.Texts{"fr": title}, web.Texts{"fr": "Les inspecteurs du travail repèrent le travail forcé."}
			}
			if _, err := h.svc.Create(ctx, h.editor, KindResource, c); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := h.svc.Create(ctx, h.editor, KindNews, Content{Title: web.Texts{"en": "Hub opens"}, Summary: web.Texts{"en": "The hub opens <today>."},
			Date: "2026-12-01", Topics: []string{"partnership"}}); err != nil {
			t.Fatal(err)
		}
		res, err := h.svc.Search(ctx, Find{Text: "forced labour", Page: 1, Lang: "en"})
		if err != nil || res.Total != 1 || !strings.Contains(string(res.Hits[0].Snippet), "<mark>forced</mark>") {
			t.Fatalf("forced labour: %+v %v", res, err)
		}
		res, err = h.svc.Search(ctx, Find{Text: "inspection", Page: 1, Lang: "en"})
		if err != nil || res.Total != 2 {
			t.Fatalf("inspection: %d %v", res.Total, err)
		}
		count := func(facet, value string) int {
			for _, c := range res.Facets[facet] {
				if c.Value == value {
					return c.Count
				}
			}
			return 0
		}
		if count("type", DocResource) != 2 || count("country", "KEN") != 2 || count("language", "fr") != 2 {
			t.Errorf("facets: %+v", res.Facets)
		}
		res, err = h.svc.Search(ctx, Find{Text: "inspection", Language: []string{"en"}, Page: 1, Lang: "fr"})
		if err != nil || res.Total != 1 || res.Hits[0].Title != "Manuel Labour inspection" {
			t.Errorf("filtered by language, read in French: %+v %v", res, err)
		}
		// The type facet still offers the other types when one is chosen.
		res, err = h.svc.Search(ctx, Find{Types: []string{DocNews}, Page: 1, Lang: "en"})
		if err != nil || res.Total != 1 || count("type", DocResource) != 3 || count("type", DocNews) != 1 {
			t.Errorf("choosing news: %d found, type facet %+v", res.Total, res.Facets["type"])
		}
		res, _ = h.svc.Search(ctx, Find{Text: "smugglng", Page: 1, Lang: "en"})
		if res.Total != 0 || res.Suggestion != "smuggling" {
			t.Errorf("did you mean: %q (%d)", res.Suggestion, res.Total)
		}
		// The feed of resources and the sitemap.
		entries, total, err := h.svc.Recent(ctx, []string{DocResource}, 0, 50)
		if err != nil || total != 3 || len(entries) != 3 || !strings.HasPrefix(entries[0].URL, "/knowledge/resources/") {
			t.Fatalf("recent: %d %v %v", total, entries, err)
		}
		var b strings.Builder
		set := URLSet{NS: sitemapNS}
		for _, e := range entries {
			set.URLs = append(set.URLs, SitemapURL{Loc: "https://hub.example.org" + e.URL})
		}
		if err := writeXML(&b, set); err != nil {
			t.Fatal(err)
		}
		var back URLSet
		if err := xml.Unmarshal([]byte(b.String()), &back); err != nil || len(back.URLs) != 3 {
			t.Errorf("the sitemap does not read back: %v %s", err, b.String())
		}
	})
}

func TestFollowedTopicsAndTasks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := t.Context()
		h := newHub(t, d)
		a := h.partners[0]
		if err := h.svc.Follow(ctx, a, "weather", true); errs.FieldKeys(err)["topic"] != "err.knowledge_topic_unknown" {
			t.Errorf("an unknown topic: %v", err)
		}
		if err := h.svc.Follow(ctx, nil, "tip", true); !errs.Is(err, errs.KindUnauthorised) {
			t.Errorf("the public follows: %v", err)
		}
		for _, on := range []bool{true, true, false, true} {
			if err := h.svc.Follow(ctx, a, "forced_labour", on); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := h.svc.Followed(ctx, a); !slices.Equal(got, []string{"forced_labour"}) {
			t.Errorf("followed: %v", got)
		}
		users, err := db.Read(ctx, d, func(tx *sql.Tx) ([]int64, error) { return followers(ctx, tx, []string{"protection", "forced_labour"}) })
		if err != nil || !slices.Equal(users, []int64{a.UserID}) {
			t.Errorf("followers: %v %v", users, err)
		}
		it, err := h.svc.Create(ctx, h.partners[1], KindPractice, Content{Title: web.Texts{"en": "Hotline"}, What: web.Texts{"en": "A hotline."},
			By: "Partner", Countries: []string{"NPL"}})
		if err != nil {
			t.Fatal(err)
		}
		tasks, err := h.svc.Tasks(ctx, h.editor)
		if err != nil || len(tasks) != 1 || tasks[0].Kind != "knowledge_moderate" || tasks[0].URL != editPath(it.ID) {
			t.Fatalf("the editor's tasks: %+v %v", tasks, err)
		}
		if _, err := h.svc.Decide(ctx, h.editor, it.ID, DecisionReturn, "Results?", nil); err != nil {
			t.Fatal(err)
		}
		if tasks, _ := h.svc.Tasks(ctx, h.partners[1]); len(tasks) != 1 || tasks[0].Kind != "knowledge_returned" {
			t.Errorf("the partner's tasks: %+v", tasks)
		}
		if tasks, _ := h.svc.Tasks(ctx, a); len(tasks) != 0 {
			t.Errorf("the other partner's tasks: %+v", tasks)
		}
	})
}
