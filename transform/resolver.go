package transform

import (
	"context"
	"errors"

	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// Image is what the rules need to know about an image in a registry.
type Image struct {
	// Digest is the digest the reference resolves to: of the index when
	// the tag names a multi-platform index, else of the manifest.
	Digest digest.Digest
	// User is the user of the image's configuration.
	User string
	// OnBuild lists the image's ONBUILD triggers.
	OnBuild []string
}

// Resolver looks up images for the rules that need them.
type Resolver interface {
	// ResolveImage resolves ref; platform selects the configuration to
	// read when ref names a multi-platform index.
	ResolveImage(ctx context.Context, ref string, platform *ocispecs.Platform) (*Image, error)
}

var errNoResolver = errors.New("no image resolver")
