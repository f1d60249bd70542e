package knowledge

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the Hub's pages, its API, its feeds and its profile section.
type Web struct {
	Svc *Service
	UI  *web.UI
	Geo *geo.Service
	// Feeds are the Atom feeds served under /feeds (Feeds and the other
	// rooms'); Pages the public pages the sitemap lists beside the
	// documents. The app sets both.
	Feeds []Feed
	Pages func() []string
}

// formLimit caps the Hub's forms without a file.
const formLimit = 256 << 10

// Register adds the Hub's pages and routes.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("knowledge", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, small := auth.Public(), web.BodyLimit(formLimit)
	contrib, editors := auth.Roles(contributors...), auth.Roles(auth.Editors...)
	rt.Handle("GET /knowledge", pub, h.hub)
	rt.Handle("GET /knowledge/resources", pub, h.list(KindResource))
	rt.Handle("GET /knowledge/practices", pub, h.list(KindPractice))
	rt.Handle("GET /knowledge/news", pub, h.list(KindNews))
	rt.Handle("GET /knowledge/resources/{id}", pub, h.item(KindResource))
	rt.Handle("GET /knowledge/resources/{id}/file", pub, h.file)
	rt.Handle("GET /knowledge/practices/{id}", pub, h.item(KindPractice))
	rt.Handle("GET /knowledge/news/{id}", pub, h.item(KindNews, KindEvent))
	rt.Handle("GET /knowledge/contribute", contrib, h.newForm)
	rt.Handle("POST /knowledge/contributions", contrib, h.create, web.UploadLimit(FileLimits))
	rt.Handle("GET /knowledge/contributions", contrib, h.contributions)
	rt.Handle("GET /knowledge/contributions/{id}", contrib, h.editForm)
	rt.Handle("POST /knowledge/contributions/{id}", contrib, h.update, web.UploadLimit(FileLimits))
	rt.Handle("GET /knowledge/contributions/{id}/file", contrib, h.draftFile)
	rt.Handle("POST /knowledge/contributions/{id}/decide", editors, h.decide, small)
	rt.Handle("POST /knowledge/follow", auth.SignedIn(), h.follow, small)
	rt.Handle("GET /api/v1/knowledge/{kind}", pub, h.apiList)
	rt.Handle("GET /search", pub, h.find)
	rt.Handle("GET /api/v1/search", pub, h.apiFind)
	rt.Handle("GET /feeds/{name}", pub, h.feed)
	rt.Handle("GET /sitemap.xml", pub, h.sitemap)
	rt.Handle("GET /sitemaps/{name}", pub, h.sitemapPart)
	return nil
}

// hubData is the Hub's front page.
type hubData struct {
	Counts    map[string]int
	Resources []*Item
	Practices []*Item
	News      []*Item
	Events    []*Item
	Taxonomy  []TopicGroup
	Followed  []string
	Lang      string
}

func (h *Web) hub(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d := hubData{Taxonomy: Taxonomy, Lang: web.LangOf(r).Code}
	var err error
	if d.Counts, err = h.Svc.Counts(ctx); err != nil {
		return err
	}
	for k, dst := range map[Kind]*[]*Item{KindResource: &d.Resources, KindPractice: &d.Practices, KindNews: &d.News} {
		if *dst, err = h.Svc.Latest(ctx, k, 5); err != nil {
			return err
		}
	}
	if d.Events, err = h.Svc.Upcoming(ctx, 5); err != nil {
		return err
	}
	if d.Followed, err = h.Svc.Followed(ctx, auth.FromContext(ctx)); err != nil {
		return err
	}
	return h.UI.Show(w, r, "knowledge/hub", "knowledge.title", d)
}

// listData is a list page of one kind.
type listData struct {
	Kind   Kind
	Query  Browse
	Res    *Listing
	Facets []string
	Views  []search.FacetView
	Base   string
	Lang   string
	Prev   string
	Next   string
}

func listPath(k Kind) string {
	switch k {
	case KindPractice:
		return "/knowledge/practices"
	case KindNews, KindEvent:
		return "/knowledge/news"
	}
	return "/knowledge/resources"
}

// browse reads the query of a list of kind k, in the reader's language, and
// the page of published items it asks for: the list page's and the API's.
func (h *Web) browse(r *http.Request, k Kind) (Browse, *Listing, error) {
	b, err := ParseBrowse(k, r.URL.Query(), h.Geo.Known)
	if err != nil {
		return b, nil, err
	}
	b.Lang = web.LangOf(r).Code
	res, err := h.Svc.List(r.Context(), b)
	return b, res, err
}

func (h *Web) list(k Kind) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		b, res, err := h.browse(r, k)
		if err != nil {
			return err
		}
		views := h.facetViews(h.UI.Localizer(r), Facets(k), res.Facets)
		prev, next := pager(r.URL, b.Page, res.Pages)
		title := map[Kind]string{KindResource: "knowledge.resources_title", KindPractice: "knowledge.practices_title", KindNews: "knowledge.news_title"}[k]
		return h.UI.Show(w, r, "knowledge/list", title, listData{Kind: k, Query: b, Res: res, Facets: Facets(k), Views: views, Base: listPath(k), Lang: b.Lang, Prev: prev, Next: next})
	}
}

// itemData is an item's public page.
type itemData struct {
	It   *Item
	Lang string
}

func (h *Web) item(kinds ...Kind) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := web.PathID(r, "id")
		if err != nil {
			return err
		}
		it, err := h.Svc.Published(r.Context(), id, kinds...)
		if err != nil {
			return err
		}
		lang := web.LangOf(r).Code
		return h.UI.Show(w, r, "knowledge/item", "knowledge.title", itemData{It: it, Lang: lang})
	}
}

func (h *Web) file(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := h.Svc.Published(r.Context(), id, KindResource); err != nil {
		return err
	}
	f, data, err := h.Svc.FileOf(r.Context(), nil, id)
	if err != nil {
		return err
	}
	return web.SendFile(w, f.ContentType, f.Name, data)
}

func (h *Web) draftFile(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	f, data, err := h.Svc.FileOf(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return web.SendFile(w, f.ContentType, f.Name, data)
}

// formData is the contribution form, new or existing.
type formData struct {
	Kind      Kind
	It        *Item // nil for a new one
	C         Content
	Kinds     []Kind
	Editor    bool
	Types     []string
	Taxonomy  []TopicGroup
	Bodies    []string
	Methods   []string
	Regions   []string
	Countries []geo.Country
	Langs     []web.Lang
	Has       func(list []string, v string) bool
}

func (h *Web) formData(r *http.Request, k Kind, it *Item, c Content) formData {
	by := auth.FromContext(r.Context())
	kinds := []Kind{KindResource, KindPractice}
	if isEditor(by) {
		kinds = Kinds
	}
	return formData{Kind: k, It: it, C: c, Kinds: kinds, Editor: isEditor(by), Types: ResourceTypes, Taxonomy: Taxonomy,
		Bodies: Bodies, Methods: EvidenceMethods, Regions: Regions, Countries: h.Geo.Countries(), Langs: web.Langs,
		Has: func(list []string, v string) bool { return slices.Contains(list, v) }}
}

func (h *Web) newForm(w http.ResponseWriter, r *http.Request) error {
	k := Kind(r.URL.Query().Get("kind"))
	if k == "" {
		k = KindResource
	}
	by := auth.FromContext(r.Context())
	if !slices.Contains(Kinds, k) || (!k.Contributed() && !isEditor(by)) {
		return errs.BadParam("kind", "err.knowledge_bad_param")
	}
	return h.UI.Show(w, r, "knowledge/form", "knowledge.contribute_title", h.formData(r, k, nil, Content{}))
}

// parseContent reads a contribution form.
func parseContent(f url.Values) (Content, error) {
	c := Content{Title: web.Texts{}, Summary: web.Texts{}, What: web.Texts{}, Results: web.Texts{}, Evidence: web.Texts{}}
	for _, l := range web.LangCodes {
		c.Title[l] = f.Get("title_" + l)
		c.Summary[l] = f.Get("summary_" + l)
		c.What[l] = f.Get("what_" + l)
		c.Results[l] = f.Get("results_" + l)
		c.Evidence[l] = f.Get("evidence_" + l)
	}
	c.Type, c.Publisher, c.Body, c.Link = f.Get("type"), f.Get("publisher"), f.Get("body"), f.Get("link")
	c.Languages, c.Topics, c.Countries, c.Regions = f["languages"], f["topics"], f["countries"], f["regions"]
	if other := strings.TrimSpace(f.Get("languages_other")); other != "" {
		for _, l := range strings.FieldsFunc(strings.ToLower(other), func(r rune) bool { return r == ',' || r == ' ' }) {
			c.Languages = append(c.Languages, l)
		}
	}
	c.By, c.Contact, c.Method, c.Evaluated = f.Get("by"), f.Get("contact"), f.Get("method"), f.Get("evaluated") == "true"
	c.Date, c.Starts, c.Ends, c.Place = f.Get("date"), f.Get("starts"), f.Get("ends"), f.Get("place")
	if y := strings.TrimSpace(f.Get("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			return c, errs.Invalid().Field("year", "err.knowledge_year_invalid", "Max", 2100)
		}
		c.Year = n
	}
	return c, nil
}

func (h *Web) create(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, "file", FileLimits, func() error { return MayContribute(by) })
	k := Kind(r.PostForm.Get("kind"))
	if !slices.Contains(Kinds, k) {
		k = KindResource
	}
	var c Content
	if err == nil {
		c, err = parseContent(r.PostForm)
	}
	var it *Item
	if err == nil {
		name, data := up.Parts()
		it, err = h.Svc.CreateWithFile(r.Context(), by, k, c, name, data)
	}
	if web.IsFormError(err) || errs.Is(err, errs.KindTooLarge) {
		return h.UI.FormError(w, r, "knowledge/form", "knowledge.contribute_title", h.formData(r, k, nil, c), err)
	}
	if err != nil {
		return err
	}
	if it.Status == StatusPublished {
		return web.Redirect(w, r, ItemPath(it.Kind, it.ID), "flash.knowledge_published")
	}
	return web.Redirect(w, r, editPath(it.ID), "flash.knowledge_submitted")
}

func (h *Web) contributions(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	items, err := h.Svc.Contributions(r.Context(), by)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "knowledge/contributions", "knowledge.contributions_title",
		map[string]any{"Items": items, "Editor": isEditor(by), "Lang": web.LangOf(r).Code})
}

func (h *Web) editForm(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	it, err := h.Svc.Item(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "knowledge/form", "knowledge.contribute_title", h.formData(r, it.Kind, it, it.Content))
}

func (h *Web) update(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, "file", FileLimits, func() error { return h.Svc.MayEdit(r.Context(), by, id) })
	if err != nil && !web.IsFormError(err) && !errs.Is(err, errs.KindTooLarge) {
		return err
	}
	var c Content
	if err == nil {
		c, err = parseContent(r.PostForm)
	}
	if err == nil {
		name, data := up.Parts()
		_, err = h.Svc.UpdateWithFile(r.Context(), by, id, c, name, data)
	}
	if web.IsFormError(err) || errs.Is(err, errs.KindTooLarge) {
		it, rerr := h.Svc.Item(r.Context(), by, id)
		if rerr != nil {
			return rerr
		}
		return h.UI.FormError(w, r, "knowledge/form", "knowledge.contribute_title", h.formData(r, it.Kind, it, c), err)
	}
	if err != nil {
		return err
	}
	return web.Redirect(w, r, editPath(id), "flash.knowledge_saved")
}

func (h *Web) decide(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	d := Decision(r.PostForm.Get("decision"))
	var c *Content
	if d == DecisionAccept && editedTitle(r.PostForm) {
		cc, perr := parseContent(r.PostForm)
		if perr != nil {
			err = perr
		}
		c = &cc
	}
	var it *Item
	if err == nil {
		it, err = h.Svc.Decide(r.Context(), by, id, d, r.PostForm.Get("reason"), c)
	}
	if web.IsFormError(err) {
		cur, rerr := h.Svc.Item(r.Context(), by, id)
		if rerr != nil {
			return rerr
		}
		return h.UI.FormError(w, r, "knowledge/form", "knowledge.contribute_title", h.formData(r, cur.Kind, cur, cur.Content), err)
	}
	if err != nil {
		return err
	}
	if it.Status == StatusPublished {
		return web.Redirect(w, r, ItemPath(it.Kind, it.ID), "flash.knowledge_published")
	}
	flash := "flash.knowledge_return"
	if d == DecisionWithdraw {
		flash = "flash.knowledge_withdraw"
	}
	return web.Redirect(w, r, "/knowledge/contributions", flash)
}

func (h *Web) follow(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	topic := r.PostForm.Get("topic")
	if err := h.Svc.Follow(r.Context(), auth.FromContext(r.Context()), topic, r.PostForm.Get("on") != "false"); err != nil {
		return err
	}
	return web.Redirect(w, r, "/knowledge#topics", "flash.knowledge_follow")
}

// pager links the pages before and after page of pages, keeping the query.
func pager(u *url.URL, page, pages int) (string, string) {
	link := func(n int) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(n))
		return u.Path + "?" + q.Encode()
	}
	var prev, next string
	if page > 1 {
		prev = link(page - 1)
	}
	if page < pages {
		next = link(page + 1)
	}
	return prev, next
}

// editedTitle reports whether an editor's decision carries the item's
// content, edited (a title in any language), rather than the decision alone.
func editedTitle(f url.Values) bool {
	for _, l := range web.LangCodes {
		if f.Get("title_"+l) != "" {
			return true
		}
	}
	return false
}
