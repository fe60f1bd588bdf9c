package frontend

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/distribution/reference"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/gateway/client"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/pkg/errors"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// resolver answers the transform's image questions through the gateway,
// so images are resolved with the build's own registry configuration. A
// named build context that replaces an image answers for it.
type resolver struct {
	c    client.Client
	bc   *dockerui.Client
	mode string
}

func (r *resolver) ResolveImage(ctx context.Context, ref string, p *ocispecs.Platform) (*transform.Image, error) {
	if img, ok, err := r.fromNamedContext(ctx, ref, p); ok || err != nil {
		return img, err
	}
	_, dgst, dt, err := r.c.ResolveImageConfig(ctx, ref, sourceresolver.Opt{
		LogName: "[safe-dockerfile] resolve image " + ref,
		ImageOpt: &sourceresolver.ResolveImageOpt{
			Platform:    p,
			ResolveMode: r.mode,
		},
	})
	if err != nil {
		return nil, err
	}
	var img dockerspec.DockerOCIImage
	if err := json.Unmarshal(dt, &img); err != nil {
		return nil, errors.Wrapf(err, "read image config of %s", ref)
	}
	return &transform.Image{
		Digest:  dgst,
		User:    img.Config.User,
		OnBuild: img.Config.OnBuild,
	}, nil
}

// fromNamedContext answers from the named context that replaces ref, if
// there is one and it carries an image configuration.
func (r *resolver) fromNamedContext(ctx context.Context, ref string, p *ocispecs.Platform) (*transform.Image, bool, error) {
	nc, err := r.bc.NamedContext(ref, dockerui.ContextOpt{Platform: p, ResolveMode: r.mode})
	if err != nil || nc == nil {
		return nil, false, nil
	}
	_, img, err := nc.Load(ctx)
	if err != nil {
		return nil, false, errors.Wrapf(err, "load build context %s", ref)
	}
	if img == nil {
		return &transform.Image{}, true, nil
	}
	return &transform.Image{User: img.Config.User, OnBuild: img.Config.OnBuild}, true, nil
}

// replacedBy returns a check for image references that a named build
// context (--build-context name=...) replaces, named the way dockerui
// looks them up.
func replacedBy(bc *dockerui.Client) func(string) bool {
	opts := bc.BuildOpts().Opts
	return func(ref string) bool {
		named, err := reference.ParseNormalizedNamed(ref)
		if err != nil {
			return false
		}
		name := "context:" + strings.TrimSuffix(reference.FamiliarString(named), ":latest")
		for k := range opts {
			if k == name || strings.HasPrefix(k, name+"::") {
				return true
			}
		}
		return false
	}
}
