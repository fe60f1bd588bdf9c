package frontend

import (
	"context"
	"sync"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/attestations/sbom"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/gateway/client"
	"github.com/moby/buildkit/solver/result"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/pkg/errors"
)

// scanTargets keeps each platform's conversion for the SBOM scanner.
type scanTargets struct {
	m sync.Map
}

func (s *scanTargets) store(id string, r *dockerfile2llb.Result) { s.m.Store(id, r) }

func (s *scanTargets) load(id string) (*dockerfile2llb.Result, bool) {
	v, ok := s.m.Load(id)
	if !ok {
		return nil, false
	}
	return v.(*dockerfile2llb.Result), true
}

// sbomScanner returns the SBOM scanner the build asked for, or nil.
func (b *build) sbomScanner(ctx context.Context) (sbom.Scanner, error) {
	if b.bc.SBOM == nil {
		return nil, nil
	}
	p := b.bc.BuildPlatforms[0]
	s, err := sbom.CreateSBOMScanner(ctx, b.c, b.bc.SBOM.Generator, p, sourceresolver.Opt{
		ImageOpt: &sourceresolver.ResolveImageOpt{
			ResolveMode: b.bc.ImageResolveMode.String(),
			Platform:    &p,
		},
	}, b.bc.SBOM.Parameters)
	return s, errors.Wrap(err, "create sbom scanner")
}

// attachSBOMs scans each platform's result and attaches the SBOM.
func (b *build) attachSBOMs(ctx context.Context, rb *dockerui.ResultBuilder, scanner sbom.Scanner, targets *scanTargets) error {
	return rb.EachPlatform(ctx, func(ctx context.Context, id string, _ ocispecs.Platform) error {
		t, ok := targets.load(id)
		if !ok {
			return errors.Errorf("no sbom scan target for %s", id)
		}
		var opts []llb.ConstraintsOpt
		if t.IsIgnoreCache {
			opts = append(opts, llb.IgnoreCache)
		}
		att, err := scanner(ctx, id, t.SBOM.Core, t.SBOM.Extras, opts...)
		if err != nil {
			return errors.Wrapf(err, "scan %s", id)
		}
		solved, err := result.ConvertAttestation(&att, func(st *llb.State) (client.Reference, error) {
			def, err := st.Marshal(ctx)
			if err != nil {
				return nil, err
			}
			r, err := b.c.Solve(ctx, client.SolveRequest{Definition: def.ToPB()})
			if err != nil {
				return nil, err
			}
			return r.Ref, nil
		})
		if err != nil {
			return err
		}
		rb.AddAttestation(id, *solved)
		return nil
	})
}
