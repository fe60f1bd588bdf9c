package docs

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed rules/*.md
var rules embed.FS

// RulePage returns the Markdown page of the rule with the given ID, as
// docs/rules/ID.md holds it. The ID must match the file name exactly.
func RulePage(id string) ([]byte, bool) {
	if id == "" || strings.ContainsAny(id, "/\\.") {
		return nil, false
	}
	dt, err := rules.ReadFile(path.Join("rules", id+".md"))
	if err != nil {
		return nil, false
	}
	return dt, true
}

// RulePages lists the IDs that have a page, sorted. The index page,
// rules/README.md, is not a rule and is left out.
func RulePages() []string {
	entries, _ := fs.ReadDir(rules, "rules")
	var ids []string
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".md")
		if ok && id != "README" {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}
