package policy

import (
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// globRegexp compiles a glob to an anchored regular expression. "*"
// matches within one path element, "**" across elements ("**/" also
// matches no element at all), "?" one character other than "/"; every
// other character stands for itself. It is the same for Dockerfile paths
// and image names, so one page of the docs explains both.
func globRegexp(glob string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); {
		switch rest := glob[i:]; {
		case strings.HasPrefix(rest, "**/"):
			b.WriteString("(?:.*/)?")
			i += 3
		case strings.HasPrefix(rest, "**"):
			b.WriteString(".*")
			i += 2
		case rest[0] == '*':
			b.WriteString("[^/]*")
			i++
		case rest[0] == '?':
			b.WriteString("[^/]")
			i++
		default:
			r, size := utf8.DecodeRuneInString(rest)
			b.WriteString(regexp.QuoteMeta(string(r)))
			i += size
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// cleanPath puts a Dockerfile path in the form globs are matched against:
// slash-separated, relative to the context, without "./".
func cleanPath(p string) string {
	p = path.Clean("/" + strings.ReplaceAll(p, "\\", "/"))
	return strings.TrimPrefix(p, "/")
}

func anyMatch(res []*regexp.Regexp, names ...string) bool {
	for _, re := range res {
		for _, n := range names {
			if re.MatchString(n) {
				return true
			}
		}
	}
	return false
}
