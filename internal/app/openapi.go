package app

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed openapi.json
var openAPIBase []byte

// openAPIFragment is what each capability contributes to the API
// description: its paths and its schemas.
type openAPIFragment struct {
	Paths      map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]json.RawMessage `json:"schemas"`
	} `json:"components"`
}

// buildOpenAPI merges the capabilities' fragments into the base document,
// refusing a path or schema defined twice.
func buildOpenAPI(fragments map[string][]byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIBase, &doc); err != nil {
		return nil, fmt.Errorf("openapi base: %w", err)
	}
	paths := doc["paths"].(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for name, raw := range fragments {
		var f openAPIFragment
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("openapi fragment of %s: %w", name, err)
		}
		for p, v := range f.Paths {
			if _, dup := paths[p]; dup {
				return nil, fmt.Errorf("openapi: path %s defined twice (%s)", p, name)
			}
			paths[p] = v
		}
		for s, v := range f.Components.Schemas {
			if _, dup := schemas[s]; dup {
				return nil, fmt.Errorf("openapi: schema %s defined twice (%s)", s, name)
			}
			schemas[s] = v
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}
