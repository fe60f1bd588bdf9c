package registry

import (
	"net"
	"slices"

	"github.com/containerd/platforms"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/pkg/errors"
)

// maxDepth bounds how many indexes deep an index may nest images.
const maxDepth = 4

// configFor reads the configuration of the image that desc names, or that
// BuildKit would pick from it for platform want when it is an index.
func configFor(desc *remote.Descriptor, want ocispecs.Platform) (*v1.ConfigFile, error) {
	if desc.MediaType.IsImage() {
		img, err := desc.Image()
		if err != nil {
			return nil, err
		}
		return img.ConfigFile()
	}
	if !desc.MediaType.IsIndex() {
		return nil, errors.Errorf("unsupported manifest type %s", desc.MediaType)
	}
	idx, err := desc.ImageIndex()
	if err != nil {
		return nil, err
	}
	return indexConfig(idx, want, 0)
}

func indexConfig(idx v1.ImageIndex, want ocispecs.Platform, depth int) (*v1.ConfigFile, error) {
	if depth >= maxDepth {
		return nil, errors.New("indexes nested too deep")
	}
	m, err := idx.IndexManifest()
	if err != nil {
		return nil, err
	}
	child, ok := pick(m.Manifests, want)
	if !ok {
		return nil, errors.Errorf("no image for platform %s", platforms.FormatAll(want))
	}
	if child.MediaType.IsIndex() {
		inner, err := idx.ImageIndex(child.Digest)
		if err != nil {
			return nil, err
		}
		return indexConfig(inner, want, depth+1)
	}
	img, err := idx.Image(child.Digest)
	if err != nil {
		return nil, err
	}
	return img.ConfigFile()
}

// pick chooses among an index's manifests as BuildKit does when it reads
// an image's configuration: the entries with no platform or a platform
// that can run on want, the best match first and entries with no platform
// last.
func pick(manifests []v1.Descriptor, want ocispecs.Platform) (v1.Descriptor, bool) {
	m := platforms.Only(want)
	var cands []v1.Descriptor
	for _, d := range manifests {
		if !d.MediaType.IsImage() && !d.MediaType.IsIndex() {
			continue
		}
		if d.Platform == nil || m.Match(ociPlatform(*d.Platform)) {
			cands = append(cands, d)
		}
	}
	if len(cands) == 0 {
		return v1.Descriptor{}, false
	}
	slices.SortStableFunc(cands, func(a, b v1.Descriptor) int {
		switch {
		case a.Platform == nil && b.Platform == nil:
			return 0
		case a.Platform == nil:
			return 1
		case b.Platform == nil:
			return -1
		case m.Less(ociPlatform(*a.Platform), ociPlatform(*b.Platform)):
			return -1
		case m.Less(ociPlatform(*b.Platform), ociPlatform(*a.Platform)):
			return 1
		}
		return 0
	})
	return cands[0], true
}

func ociPlatform(p v1.Platform) ocispecs.Platform {
	return ocispecs.Platform{
		OS:           p.OS,
		Architecture: p.Architecture,
		Variant:      p.Variant,
		OSVersion:    p.OSVersion,
		OSFeatures:   p.OSFeatures,
	}
}

// loopback reports whether a registry host (with or without its port) is
// on this machine: localhost or a loopback address.
func loopback(registry string) bool {
	host := registry
	if h, _, err := net.SplitHostPort(registry); err == nil {
		host = h
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
