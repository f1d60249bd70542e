package stats

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the statistics pages and API.
type Web struct {
	Svc *Service
	UI  *web.UI
}

// Register adds the room's pages and routes.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("stats", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, analysts := auth.Public(), auth.Roles(auth.Analysts...)
	rt.Handle("GET /stats", pub, h.home)
	h.registerExplorer(rt)
	rt.Handle("GET /stats/conflicts", analysts, h.conflicts)
	rt.Handle("POST /stats/conflicts/{id}/resolve", analysts, h.resolve, web.BodyLimit(16<<10))
	rt.Handle("POST /stats/conflicts/rule", analysts, h.applyRule, web.BodyLimit(16<<10))
	rt.Handle("POST /stats/import", analysts, h.upload, web.UploadLimit(ImportLimits))
	h.registerAPI(rt)
	return nil
}

type homeData struct {
	Report *ImportReport
}

func (h *Web) home(w http.ResponseWriter, r *http.Request) error {
	return h.UI.Show(w, r, "stats/home", "stats.title", homeData{})
}

type conflictsData struct {
	Queue        *ConflictQueue
	Conflicts    []QueuedConflict
	Status       string
	Filter       ConflictFilter
	Page, Pages  int
	Here         string // the queue's address with its filters and page
	Prev, Next   string
	Rules        []string
	Applied      string // after a rule: how many were resolved
	Undecided    string // and how many it left open
	CountryNames map[string]string
}

// conflictFilter reads the queue's filters and page from the query (GET)
// or the form (POST); unknown values select nothing rather than fail.
func conflictFilter(get func(string) string) (ConflictFilter, int) {
	f := ConflictFilter{Status: "open", ISO3: strings.ToUpper(strings.TrimSpace(get("country"))), Indicator: strings.TrimSpace(get("indicator")),
		Limit: ConflictPageSize}
	if get("status") == "resolved" {
		f.Status = "resolved"
	}
	f.Year, _ = strconv.Atoi(get("year"))
	page, _ := strconv.Atoi(get("page"))
	page = max(page, 1)
	f.Offset = (page - 1) * ConflictPageSize
	return f, page
}

// queueURL is the queue's address for f at page.
func queueURL(f ConflictFilter, page int) string {
	v := url.Values{}
	if f.Status == "resolved" {
		v.Set("status", f.Status)
	}
	if f.ISO3 != "" {
		v.Set("country", f.ISO3)
	}
	if f.Indicator != "" {
		v.Set("indicator", f.Indicator)
	}
	if f.Year != 0 {
		v.Set("year", strconv.Itoa(f.Year))
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/stats/conflicts"
	}
	return "/stats/conflicts?" + v.Encode()
}

func (h *Web) conflictsPage(r *http.Request, f ConflictFilter, page int) (conflictsData, error) {
	q, err := h.Svc.Queue(r.Context(), auth.FromContext(r.Context()), f)
	if err != nil {
		return conflictsData{}, err
	}
	d := conflictsData{Queue: q, Conflicts: q.Conflicts, Status: f.Status, Filter: f, Page: page, Rules: ConflictRules,
		Pages: max(1, (q.Total+ConflictPageSize-1)/ConflictPageSize), Here: queueURL(f, page), CountryNames: map[string]string{}}
	if page > 1 {
		d.Prev = queueURL(f, page-1)
	}
	if page < d.Pages {
		d.Next = queueURL(f, page+1)
	}
	lang := h.UI.Localizer(r).Lang.Code
	for _, iso3 := range q.Countries {
		if c, ok := h.Svc.Geo.Country(iso3); ok {
			d.CountryNames[iso3] = c.Name(lang)
		} else {
			d.CountryNames[iso3] = iso3
		}
	}
	for _, c := range q.Conflicts {
		if _, ok := d.CountryNames[c.Key.ISO3]; !ok {
			if country, ok := h.Svc.Geo.Country(c.Key.ISO3); ok {
				d.CountryNames[c.Key.ISO3] = country.Name(lang)
			}
		}
	}
	d.Applied, d.Undecided = r.URL.Query().Get("applied"), r.URL.Query().Get("undecided")
	return d, nil
}

func (h *Web) conflicts(w http.ResponseWriter, r *http.Request) error {
	f, page := conflictFilter(r.URL.Query().Get)
	d, err := h.conflictsPage(r, f, page)
	return h.UI.ShowRead(w, r, "stats/conflicts", "stats.conflicts_title", d, err)
}

// resolve takes an analyst's decision on one conflict: keep a candidate
// (keep=LINE, the comment optional) or another value with a comment. It
// comes back to the same filters and page.
func (h *Web) resolve(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	f, page := conflictFilter(r.PostFormValue)
	if keep := r.PostFormValue("keep"); keep != "" {
		line, perr := strconv.Atoi(keep)
		if perr != nil {
			err = errs.Invalid().Field("keep", "err.stats_candidate_unknown", "Line", keep)
		} else {
			err = h.Svc.KeepCandidate(r.Context(), by, id, line, r.PostFormValue("comment"))
		}
	} else {
		err = h.Svc.ResolveConflict(r.Context(), by, id, Resolution{Value: r.PostFormValue("value"), Comment: r.PostFormValue("comment")})
	}
	if err != nil {
		d, lerr := h.conflictsPage(r, f, page)
		if lerr != nil {
			return lerr
		}
		return h.UI.FormError(w, r, "stats/conflicts", "stats.conflicts_title", d, err)
	}
	return web.Redirect(w, r, queueURL(f, page)+"#queue", "flash.stats_conflict_resolved")
}

// applyRule resolves every open conflict the filters select that the rule
// can decide, and says how many it resolved and left open.
func (h *Web) applyRule(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	f, _ := conflictFilter(r.PostFormValue)
	res, err := h.Svc.ApplyRule(r.Context(), auth.FromContext(r.Context()), f, r.PostFormValue("rule"))
	if err != nil {
		d, lerr := h.conflictsPage(r, f, 1)
		if lerr != nil {
			return lerr
		}
		return h.UI.FormError(w, r, "stats/conflicts", "stats.conflicts_title", d, err)
	}
	u := queueURL(f, 1)
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return web.Redirect(w, r, u+sep+"applied="+strconv.Itoa(res.Resolved)+"&undecided="+strconv.Itoa(res.Undecided), "flash.stats_rule_applied")
}

func (h *Web) upload(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, "file", ImportLimits, func() error { return h.Svc.MayImport(by) })
	if err == nil && up == nil {
		err = errs.Invalid().Field("file", "err.stats_file_required")
	}
	var rep *ImportReport
	if err == nil {
		rep, err = h.Svc.Import(r.Context(), by, up.Name, up.Data, ImportOptions{AcceptFindings: r.PostFormValue("accept") == "on"})
	}
	if err != nil {
		return h.UI.FormError(w, r, "stats/home", "stats.title", homeData{}, err)
	}
	p := h.UI.NewPage(w, r, "stats.title", homeData{Report: rep})
	if !rep.Stored && !rep.Unchanged {
		p.Status = http.StatusUnprocessableEntity
	}
	return h.UI.Render(w, r, "stats/home", p)
}
