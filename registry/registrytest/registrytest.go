// Package registrytest runs an in-memory registry on the loopback address
// and pushes small made-up images to it, for tests that resolve images
// without a real registry.
package registrytest

import (
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Registry is an in-memory registry serving on 127.0.0.1.
type Registry struct {
	// Host is the registry's host:port, to put in front of image names.
	Host string
	t    testing.TB
}

// Start starts a registry that stops when the test ends.
func Start(t testing.TB) *Registry {
	t.Helper()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(srv.Close)
	return &Registry{Host: strings.TrimPrefix(srv.URL, "http://"), t: t}
}

// Image makes a one-layer image whose configuration has the given user and
// platform ("os/arch").
func (r *Registry) Image(user, platform string) v1.Image {
	r.t.Helper()
	img, err := random.Image(64, 1)
	if err != nil {
		r.t.Fatal(err)
	}
	img = mutate.MediaType(img, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	cfg, err := img.ConfigFile()
	if err != nil {
		r.t.Fatal(err)
	}
	cfg = cfg.DeepCopy()
	cfg.OS, cfg.Architecture, _ = strings.Cut(platform, "/")
	cfg.Config.User = user
	img, err = mutate.ConfigFile(img, cfg)
	if err != nil {
		r.t.Fatal(err)
	}
	return img
}

// PushImage pushes img as repo:tag and returns its full reference and
// manifest digest.
func (r *Registry) PushImage(repoTag string, img v1.Image) (string, v1.Hash) {
	r.t.Helper()
	ref := r.Host + "/" + repoTag
	tag, err := name.NewTag(ref)
	if err != nil {
		r.t.Fatal(err)
	}
	if err := remote.Write(tag, img); err != nil {
		r.t.Fatalf("push %s: %v", ref, err)
	}
	d, err := img.Digest()
	if err != nil {
		r.t.Fatal(err)
	}
	return ref, d
}

// PushIndex pushes a multi-platform index of the given images, keyed by
// "os/arch", as repo:tag and returns its full reference and index digest.
func (r *Registry) PushIndex(repoTag string, images map[string]v1.Image) (string, v1.Hash) {
	r.t.Helper()
	idx := mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	for platform, img := range images {
		os, arch, _ := strings.Cut(platform, "/")
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{
			Add: img,
			Descriptor: v1.Descriptor{
				Platform: &v1.Platform{OS: os, Architecture: arch},
			},
		})
	}
	ref := r.Host + "/" + repoTag
	tag, err := name.NewTag(ref)
	if err != nil {
		r.t.Fatal(err)
	}
	if err := remote.WriteIndex(tag, idx); err != nil {
		r.t.Fatalf("push %s: %v", ref, err)
	}
	d, err := idx.Digest()
	if err != nil {
		r.t.Fatal(err)
	}
	return ref, d
}
