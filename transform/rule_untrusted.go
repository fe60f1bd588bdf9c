package transform

import (
	"context"
	"fmt"
	"strings"

	"github.com/distribution/reference"
)

// UntrustedRegistry wants every image the build pulls to come from the
// Docker Official Images or from a registry the policy trusts.
var UntrustedRegistry = &Rule{
	ID:      "UntrustedRegistry",
	Summary: "base and --from images come from the Docker Official Images or a registry the policy trusts",
	Default: ActionError,
	Check:   checkUntrusted,
}

// officialImages is where the Docker Official Images live.
const officialImages = "docker.io/library/"

func checkUntrusted(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, use := range p.imageUses() {
		if p.Replaced != nil && p.Replaced(use.ref.Value) {
			continue
		}
		named, err := reference.ParseNormalizedNamed(use.ref.Value)
		if err != nil || trustedImage(named.Name(), p.TrustedRegistries) {
			continue
		}
		out = append(out, Finding{
			Severity: SeverityError,
			Location: nodeRange(use.node),
			Message: fmt.Sprintf("%s %s comes from %s, which is neither a Docker Official Image "+
				"nor in the policy's trusted registries", use.kind, use.ref.Value, repoOf(named)),
			Fix: "use a Docker Official Image or an image of a trusted registry, or have the " +
				"policy trust it (trustedRegistries: [" + repoOf(named) + "])",
		})
	}
	return out, nil
}

// trustedImage reports whether the normalized image name is an official
// image or lies in one of the trusted registries, namespaces or
// repositories.
func trustedImage(name string, trusted []string) bool {
	for _, t := range TrustedPrefixes(trusted) {
		if name == t || strings.HasPrefix(name, t+"/") {
			return true
		}
	}
	return false
}

// TrustedPrefixes returns the normalized names that trusted images are
// under: the Docker Official Images' namespace, then each trusted entry,
// where an entry without a registry host means Docker Hub. An image is
// trusted when its name is one of them or lies below one.
func TrustedPrefixes(trusted []string) []string {
	out := []string{strings.TrimSuffix(officialImages, "/")}
	for _, t := range trusted {
		t = strings.TrimSuffix(t, "/")
		if first, _, _ := strings.Cut(t, "/"); !strings.ContainsAny(first, ".:") && first != "localhost" {
			t = "docker.io/" + t
		}
		out = append(out, t)
	}
	return out
}

// repoOf names an image's registry and namespace for messages.
func repoOf(named reference.Named) string {
	path := reference.Path(named)
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return reference.Domain(named) + "/" + path[:i]
	}
	return reference.Domain(named)
}
