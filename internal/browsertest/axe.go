package browsertest

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core (Deque Systems, MPL-2.0; axe/LICENSE), the
// accessibility rules engine, as published on the npm registry
// (axe/README.md says which version and how to update it). It is kept with
// the tests and injected through the DevTools protocol: budaya's pages never
// load it.
//
//go:embed axe/axe.min.js
var axeSource string

// AxeViolation is one rule an axe-core run found broken on a page.
type AxeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"` // minor, moderate, serious, critical
	Help    string   `json:"help"`
	Targets []string `json:"targets"` // CSS selectors of the first nodes
	Nodes   int      `json:"nodes"`
}

// axeRun runs axe on the document after injecting it, and returns its
// violations in a small shape.
const axeRun = `(async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
})()`

// Axe checks the current page with axe-core and returns its violations;
// it injects axe-core into the document the first time.
func Axe(ctx context.Context) ([]AxeViolation, error) {
	// A document keeps axe once injected: checking it again (after a change
	// of viewport, say) skips parsing its half a megabyte once more.
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe !== "undefined"`))
	if err != nil {
		return nil, fmt.Errorf("look for axe-core: %w", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return v, nil
}
