package policy

import (
	"fmt"
	"strings"
	"time"

	"github.com/distribution/reference"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Notice is something a build must tell the user besides its findings:
// today, that an exception which would have covered a finding has expired.
// It is warning-level: the finding it is about keeps its own outcome.
type Notice struct {
	Rule    string
	Line    int
	Message string
}

// covers reports whether x covers the finding f of the build p judges.
func (x *Exception) covers(f transform.Finding, p *transform.Pass) bool {
	if f.Rule == nil || x.Rule != f.Rule.ID {
		return false
	}
	if len(x.pathRes) > 0 && !anyMatch(x.pathRes, cleanPath(p.Dockerfile.Filename)) {
		return false
	}
	if len(x.imageRes) > 0 && !anyMatch(x.imageRes, imageNames(findingImage(f, p))...) {
		return false
	}
	if x.match != nil && !x.match.MatchString(findingText(f, p.Dockerfile)) {
		return false
	}
	return true
}

// Expired reports whether the exception no longer applies at now: the
// day after Expires has begun, in UTC.
func (x *Exception) Expired(now time.Time) bool {
	return !x.Expires.IsZero() && !now.Before(x.Expires.AddDate(0, 0, 1))
}

// where names the exception's place, as in "policy.yaml:12".
func (x *Exception) where() string {
	return fmt.Sprintf("%s:%d", x.Source, x.Line)
}

// applied says which exception covers a finding and why.
func (x *Exception) applied() string {
	until := ""
	if !x.Expires.IsZero() {
		until = ", until " + x.Expires.Format(dateLayout)
	}
	return fmt.Sprintf("policy exception (%s%s): %s", x.where(), until, x.Reason)
}

// expiredNote says that x would have covered a finding but has expired.
func (x *Exception) expiredNote() string {
	return fmt.Sprintf("the policy exception at %s expired on %s and no longer applies",
		x.where(), x.Expires.Format(dateLayout))
}

// findingText returns the lines of the Dockerfile a finding is about,
// joined by newlines.
func findingText(f transform.Finding, df *transform.Dockerfile) string {
	start, end := f.Location.Start.Line, max(f.Location.End.Line, f.Location.Start.Line)
	var lines []string
	for l := start; l <= end; l++ {
		lines = append(lines, df.Line(l))
	}
	return strings.Join(lines, "\n")
}

// findingImage returns the image that the stage holding the finding is
// built from, following stages built from earlier stages to the image at
// the root, with build arguments expanded. It is "" before the first
// FROM, for scratch, and when the name does not expand.
func findingImage(f transform.Finding, p *transform.Pass) string {
	var st *transform.Stage
	for _, s := range p.Stages {
		if s.From.StartLine <= f.Location.Start.Line {
			st = s
		}
	}
	if st == nil {
		return ""
	}
	return p.RootImage(st)
}

// imageNames returns the names an image pattern is matched against: the
// reference as written, its full and short repository names
// (docker.io/library/debian, debian), and each with its tag.
func imageNames(ref string) []string {
	if ref == "" {
		return nil
	}
	names := []string{ref}
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return names
	}
	repos := []string{named.Name(), reference.FamiliarName(named)}
	names = append(names, repos...)
	if t, ok := named.(reference.Tagged); ok {
		for _, r := range repos {
			names = append(names, r+":"+t.Tag())
		}
	}
	return names
}
