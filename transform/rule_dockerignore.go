package transform

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/moby/patternmatcher"
)

// DockerIgnoreMissing wants a .dockerignore that keeps the Git directory
// and .env files out of builds that copy the whole context.
var DockerIgnoreMissing = &Rule{
	ID:      "DockerIgnoreMissing",
	Summary: "a build that copies the whole context has a .dockerignore excluding .git and .env",
	Default: ActionWarn,
	Check:   checkDockerIgnore,
}

// runtimeIgnoreProbe is a kind of file that must not reach the image, with
// paths that stand for it: it is excluded when every path is.
type runtimeIgnoreProbe struct {
	name    string
	paths   []string
	pattern string // the .dockerignore line that excludes it
}

var runtimeIgnoreProbes = []runtimeIgnoreProbe{
	{"the .git directory", []string{".git/HEAD", ".git/config"}, ".git"},
	{".env files", []string{".env"}, "**/.env*"},
}

// runtimeIgnoreLines lists the .dockerignore lines that exclude the named probes.
func runtimeIgnoreLines(names []string) string {
	var lines []string
	for _, probe := range runtimeIgnoreProbes {
		if slices.Contains(names, probe.name) {
			lines = append(lines, "`"+probe.pattern+"`")
		}
	}
	return strings.Join(lines, " and ")
}

const dockerIgnoreHint = "add a .dockerignore at the root of the build context with at least " +
	"the lines `.git` and `**/.env*` (and build outputs such as node_modules), or copy only " +
	"what the image needs: `COPY src/ ./src/`"

func checkDockerIgnore(_ context.Context, p *Pass) ([]Finding, error) {
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			whole, excludes := runtimeWholeContext(p, st, i)
			if !whole {
				continue
			}
			missing := runtimeNotIgnored(p.DockerIgnore, excludes)
			if len(missing) == 0 {
				continue
			}
			kw := strings.ToUpper(in.Node.Value)
			var msg string
			if p.DockerIgnore == nil {
				msg = fmt.Sprintf("%s copies the whole build context, which has no .dockerignore: "+
					"%s can end up in the layer", kw, strings.Join(missing, " and "))
			} else {
				msg = fmt.Sprintf("%s copies the whole build context, and .dockerignore does not "+
					"exclude %s", kw, strings.Join(missing, " or "))
			}
			fix := dockerIgnoreHint
			if p.DockerIgnore != nil {
				fix = "add " + runtimeIgnoreLines(missing) + " to .dockerignore, after any `!` line " +
					"that would bring them back"
			}
			return []Finding{{
				Severity: SeverityWarning,
				Location: nodeRange(in.Node),
				Message:  msg,
				Fix:      fix,
			}}, nil
		}
	}
	return nil, nil
}

// runtimeNotIgnored returns the probes that neither the .dockerignore patterns
// nor the COPY's --exclude patterns exclude. Patterns that do not compile
// exclude nothing; BuildKit reports them.
func runtimeNotIgnored(ignore, excludes []string) []string {
	var matchers []*patternmatcher.PatternMatcher
	for _, patterns := range [][]string{runtimeIgnorePatterns(ignore), excludes} {
		if pm, err := patternmatcher.New(patterns); err == nil {
			matchers = append(matchers, pm)
		}
	}
	var out []string
	for _, probe := range runtimeIgnoreProbes {
		if !runtimeExcludedAll(matchers, probe.paths) {
			out = append(out, probe.name)
		}
	}
	return out
}

// runtimeExcludedAll reports whether every path is excluded by one of the
// matchers.
func runtimeExcludedAll(matchers []*patternmatcher.PatternMatcher, paths []string) bool {
	for _, path := range paths {
		excluded := false
		for _, pm := range matchers {
			if m, err := pm.MatchesOrParentMatches(path); err == nil && m {
				excluded = true
				break
			}
		}
		if !excluded {
			return false
		}
	}
	return true
}

// runtimeIgnorePatterns normalizes .dockerignore lines as BuildKit reads them, for
// callers that pass the file's lines as they are: comments dropped, and a
// leading "/" removed, since patterns are relative to the context.
func runtimeIgnorePatterns(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		neg := strings.HasPrefix(l, "!")
		l = strings.TrimSpace(strings.TrimPrefix(l, "!"))
		if len(l) > 1 {
			l = strings.TrimPrefix(l, "/")
		}
		if neg {
			l = "!" + l
		}
		out = append(out, l)
	}
	return out
}
