package transform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryRuleIsDocumented checks the list of rules: each has a unique
// ID, a summary, a valid default action, a check and a page.
func TestEveryRuleIsDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			if r.ID == "" || seen[r.ID] {
				t.Fatalf("empty or repeated rule ID %q", r.ID)
			}
			seen[r.ID] = true
			// Only the optimisations that change how steps run wait for
			// the policy to ask for them.
			// Rules that judge the built image are run by the frontend.
			if r.Summary == "" || (r.Check == nil) != (r.Phase == PhaseBuilt) || !r.Default.Valid() ||
				r.Default == ActionOff && r.Phase == PhaseRules {
				t.Errorf("rule %s lacks a summary, a check or a default action", r.ID)
			}
			page, err := os.ReadFile(filepath.Join("..", "docs", "rules", r.ID+".md"))
			if err != nil {
				t.Fatalf("no page: %v", err)
			}
			if !strings.HasSuffix(r.URL(), "/docs/rules/"+r.ID+".md") {
				t.Errorf("URL %s does not name the page", r.URL())
			}
			for _, section := range []string{"## What it finds", "## Why it matters", "## Bad", "## Good"} {
				if !strings.Contains(string(page), section) {
					t.Errorf("page lacks %q", section)
				}
			}
		})
	}
}
