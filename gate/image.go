package gate

import (
	"github.com/distribution/reference"
	"github.com/pkg/errors"
)

// Frontend is the frontend image the gate enforces. Requests are compared
// with it by repository, then by the tag and the digest that both name:
// a request may leave either out, but may not name a different one. What
// runs is always the configured reference, so a request that names only
// the repository and tag still runs the pinned digest when one is
// configured.
type Frontend struct {
	ref reference.Named
}

// ParseFrontend reads the configured frontend image reference. A
// reference pinned by digest is recommended: then what runs cannot change
// when someone pushes the tag again.
func ParseFrontend(s string) (Frontend, error) {
	ref, err := reference.ParseNormalizedNamed(s)
	if err != nil {
		return Frontend{}, errors.Wrapf(err, "parse frontend image %q", s)
	}
	return Frontend{ref: ref}, nil
}

// String is the configured reference, fully qualified: the value the gate
// writes into the gateway frontend's source attribute.
func (f Frontend) String() string {
	if f.ref == nil {
		return ""
	}
	return f.ref.String()
}

// admits reports why source does not name the enforced image, or nil when
// it does.
func (f Frontend) admits(source string) error {
	ref, err := reference.ParseNormalizedNamed(source)
	if err != nil {
		return errors.Errorf("gateway source %q is not an image reference", source)
	}
	if ref.Name() != f.ref.Name() {
		return errors.Errorf("gateway source %q is not the enforced frontend", source)
	}

	wantTag, wantDigest := tagAndDigest(f.ref)
	tag, dgst := tagAndDigest(ref)
	if tag != "" && wantTag != "" && tag != wantTag {
		return errors.Errorf("gateway source %q names tag %q, the enforced frontend is %q",
			source, tag, wantTag)
	}
	if dgst != "" && dgst != wantDigest {
		return errors.Errorf("gateway source %q names digest %s, "+
			"which the enforced frontend is not pinned to", source, dgst)
	}
	return nil
}

// sameRepository reports whether name is an image reference in the
// enforced frontend's repository, whatever its tag or digest.
func (f Frontend) sameRepository(name string) bool {
	ref, err := reference.ParseNormalizedNamed(name)
	if err != nil {
		return false
	}
	return ref.Name() == f.ref.Name()
}

// tagAndDigest returns the tag and digest a reference names. A reference
// with neither names the "latest" tag, as BuildKit resolves it.
func tagAndDigest(ref reference.Named) (tag, dgst string) {
	if t, ok := ref.(reference.Tagged); ok {
		tag = t.Tag()
	}
	if d, ok := ref.(reference.Digested); ok {
		dgst = d.Digest().String()
	}
	if tag == "" && dgst == "" {
		tag = "latest"
	}
	return tag, dgst
}
