package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
)

// openAPIDocument merges the OpenAPI fragments in openapi/ (00-base.json, then
// one file per capability holding its paths and schemas) into one document.
// Keeping each capability's API description beside it avoids one file that
// every change must touch.
func openAPIDocument() ([]byte, error) {
	files, err := fs.Glob(assets, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	for i, name := range files {
		b, err := assets.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var part map[string]any
		if err := json.Unmarshal(b, &part); err != nil {
			return nil, fmt.Errorf("openapi fragment %s: %w", name, err)
		}
		if i == 0 {
			doc = part
			continue
		}
		if err := mergeSection(doc, part, "paths"); err != nil {
			return nil, fmt.Errorf("openapi fragment %s: %w", name, err)
		}
		if comps, ok := part["components"].(map[string]any); ok {
			docComps, _ := doc["components"].(map[string]any)
			for _, section := range []string{"schemas", "parameters", "responses"} {
				if err := mergeSection(docComps, comps, section); err != nil {
					return nil, fmt.Errorf("openapi fragment %s: %w", name, err)
				}
			}
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

// mergeSection copies the keys of src[section] into dst[section]; a key defined twice is an error.
func mergeSection(dst, src map[string]any, section string) error {
	from, ok := src[section].(map[string]any)
	if !ok {
		return nil
	}
	to, ok := dst[section].(map[string]any)
	if !ok {
		to = map[string]any{}
		dst[section] = to
	}
	for k, v := range from {
		if _, dup := to[k]; dup {
			return fmt.Errorf("%s %q defined twice", section, k)
		}
		to[k] = v
	}
	return nil
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(s.openAPI)
}
