package report

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// Kinds of edition page, one template file each.
var pageKinds = []string{"index", "place", "contents", "annex", "print"}

// pageTemplates are the edition's templates, parsed once: each page kind
// with the layout and the shared partials.
type pageTemplates struct {
	byKind map[string]*template.Template
}

func parsePageTemplates() (*pageTemplates, error) {
	pt := &pageTemplates{byKind: map[string]*template.Template{}}
	funcs := template.FuncMap{"dict": dict}
	for _, k := range pageKinds {
		t, err := template.New(k).Funcs(funcs).ParseFS(editionTemplates, "templates/edition/layout.html",
			"templates/edition/partials.html", "templates/edition/"+k+".html")
		if err != nil {
			return nil, fmt.Errorf("parse edition template %s: %w", k, err)
		}
		pt.byKind[k] = t
	}
	return pt, nil
}

// render executes a page kind ("print" has its own layout).
func (pt *pageTemplates) render(kind string, p *edPage) ([]byte, error) {
	name := "layout"
	if kind == "print" {
		name = "print"
	}
	var b bytes.Buffer
	if err := pt.byKind[kind].ExecuteTemplate(&b, name, p); err != nil {
		return nil, fmt.Errorf("render %s %s: %w", kind, p.Path, err)
	}
	return b.Bytes(), nil
}

// dict builds a map from name/value pairs, to pass several values to a
// partial.
func dict(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	return m
}

// chapterAnchor is the id of a page's chapter in the printed report, so
// that links between pages become links within it.
func chapterAnchor(pagePath string) string {
	return "ch-" + strings.ReplaceAll(strings.TrimSuffix(pagePath, ".html"), "/", "-")
}
