package frontend

import (
	"context"
	"maps"
	"runtime/debug"
	"strings"

	"github.com/containerd/platforms"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/gateway/client"
	spb "github.com/moby/buildkit/sourcepolicy/pb"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/pkg/errors"

	"github.com/safe-dockerfile/safe-dockerfile/buildinfo"
	"github.com/safe-dockerfile/safe-dockerfile/policy"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Build is the frontend's entry point, for grpcclient.RunFromEnvironment.
// It never forwards to another frontend: a "# syntax=" line or a
// BUILDKIT_SYNTAX build arg is ignored, so the rules cannot be walked
// around from the Dockerfile or the command line.
func Build(ctx context.Context, c client.Client) (res *client.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.Errorf("safe-dockerfile: internal error: %v\n%s", r, debug.Stack())
		}
	}()

	bc, err := dockerui.NewClient(c)
	if err != nil {
		return nil, errors.Wrap(err, "read build options")
	}
	src, err := bc.ReadEntrypoint(ctx, "Dockerfile")
	if err != nil {
		return nil, err
	}
	b := &build{c: c, bc: bc, src: src}

	if b.isLint() {
		return b.answerLint(ctx)
	}
	if res, ok, err := bc.HandleSubrequest(ctx, b.subrequests()); err != nil || ok {
		return res, err
	}

	rep, err := b.transform(ctx)
	if err != nil {
		return nil, err
	}
	b.rep = rep
	b.announce(ctx, rep)
	if rejected := rep.Rejected(); len(rejected) > 0 {
		return nil, rejection(src.SourceMap, rejected)
	}
	b.policies = sourcePolicies(b.eff, rep)
	if rep.Moved() {
		// Lines changed places, so BuildKit's messages point at the
		// Dockerfile as rewritten; the warnings say what moved where.
		b.built = llb.NewSourceMap(nil, src.Filename, src.SourceMap.Language, rep.Output)
	}
	return b.solve(ctx, rep.Output)
}

// build holds what one build's steps share.
type build struct {
	c   client.Client
	bc  *dockerui.Client
	src *dockerui.Source
	eff *policy.Effective
	// built is the source map of the Dockerfile that is solved when it is
	// not the user's (see Build); nil means src.SourceMap.
	built *llb.SourceMap
	// policies are the BuildKit source policies every solve of the build
	// carries (see sourcePolicies).
	policies []*spb.Policy
	// rep is the transform's report on the Dockerfile being built.
	rep *transform.Report
}

// sourceMap returns the source map of the Dockerfile being solved.
func (b *build) sourceMap() *llb.SourceMap {
	if b.built != nil {
		return b.built
	}
	return b.src.SourceMap
}

// transform runs the rules over the Dockerfile with the build's facts.
func (b *build) transform(ctx context.Context) (*transform.Report, error) {
	opt, err := b.options(ctx)
	if err != nil {
		return nil, err
	}
	rep, err := transform.Run(ctx, b.src.Data, opt)
	if err != nil {
		return nil, withSource(err, b.src.SourceMap)
	}
	return rep, nil
}

// options are the transform's view of the build.
func (b *build) options(ctx context.Context) (transform.Options, error) {
	ignore, err := b.bc.DockerIgnorePatterns(ctx)
	if err != nil {
		return transform.Options{}, errors.Wrap(err, "read .dockerignore")
	}
	opts := b.bc.BuildOpts().Opts
	opt := transform.Options{
		Filename:        b.src.Filename,
		BuildArgs:       b.bc.BuildArgs,
		Target:          b.bc.Target,
		TargetPlatforms: b.bc.TargetPlatforms,
		Resolver:        &resolver{c: b.c, bc: b.bc, mode: b.bc.ImageResolveMode.String()},
		Replaced:        replacedBy(b.bc),
		DockerIgnore:    ignore,
		Context:         &contextFS{b: b, ignore: ignore},
		VCSSource:       opts["vcs:source"],
		VCSRevision:     opts["vcs:revision"],
	}
	if len(b.bc.BuildPlatforms) > 0 {
		opt.BuildPlatform = b.bc.BuildPlatforms[0]
	}
	eff, err := b.policy(ctx)
	if err != nil {
		return transform.Options{}, err
	}
	return eff.Options(opt), nil
}

// convertOpt configures dockerfile2llb. The source map keeps the user's
// own Dockerfile: the rewrite keeps every line on its number, so
// BuildKit's messages point at the lines the user wrote. The exception is
// the dependency-first move, which reorders lines (see transform.Move).
func (b *build) convertOpt(ctx context.Context) dockerfile2llb.ConvertOpt {
	return dockerfile2llb.ConvertOpt{
		Config:       b.bc.Config,
		Client:       b.bc,
		SourceMap:    b.sourceMap(),
		MetaResolver: policedResolver{ImageMetaResolver: b.c, policies: b.policies},
		Warn: func(rule, description, url, msg string, loc []parser.Range) {
			b.warn(ctx, rule, description, url, msg, loc)
		},
	}
}

// solve converts the rewritten Dockerfile for each target platform and
// solves it, as BuildKit's own Dockerfile frontend does.
func (b *build) solve(ctx context.Context, dt []byte) (*client.Result, error) {
	scanner, err := b.sbomScanner(ctx)
	if err != nil {
		return nil, err
	}
	targets := &scanTargets{}

	rb, err := b.bc.Build(ctx, func(ctx context.Context, p *ocispecs.Platform, idx int) (*dockerui.BuildResult, error) {
		opt := b.convertOpt(ctx)
		opt.BuildArgs = maps.Clone(opt.BuildArgs)
		opt.TargetPlatform = p
		if idx != 0 {
			opt.Warn = nil
		}

		conv, err := dockerfile2llb.Dockerfile2LLB(ctx, dt, opt)
		if err != nil {
			return nil, withSource(err, b.sourceMap())
		}
		def, err := conv.State.Marshal(ctx)
		if err != nil {
			return nil, errors.Wrap(err, "marshal build definition")
		}
		r, err := b.c.Solve(ctx, client.SolveRequest{
			Definition:     def.ToPB(),
			CacheImports:   b.bc.CacheImports,
			SourcePolicies: b.policies,
		})
		if err != nil {
			return nil, err
		}
		ref, err := r.SingleRef()
		if err != nil {
			return nil, err
		}
		if err := b.inspectBuilt(ctx, conv.State, conv.Image, p); err != nil {
			return nil, err
		}

		targets.store(platformID(p), conv)
		b.stamp(conv.Image)
		return &dockerui.BuildResult{
			Reference: ref,
			Image:     conv.Image,
			BaseImage: conv.BaseImage,
			Epoch:     conv.Epoch,
		}, nil
	})
	if err != nil {
		return nil, err
	}
	if scanner != nil {
		if err := b.attachSBOMs(ctx, rb, scanner, targets); err != nil {
			return nil, err
		}
	}
	return rb.Finalize()
}

// stamp labels the image with the frontend's version and the policy that
// judged it, over any label of the same name the Dockerfile set.
func (b *build) stamp(img *dockerspec.DockerOCIImage) {
	if img == nil || b.eff == nil {
		return
	}
	if img.Config.Labels == nil {
		img.Config.Labels = map[string]string{}
	}
	labels := img.Config.Labels
	labels[buildinfo.LabelVersion] = buildinfo.Version()
	labels[buildinfo.LabelPolicy] = strings.TrimSpace(b.eff.Name + " " + b.eff.Version)
	if len(b.eff.Layers) > 0 {
		labels[buildinfo.LabelPolicyDigest] = b.eff.Layers[0].Digest.String()
	}
	labels[buildinfo.LabelEffectiveDigest] = b.eff.Digest.String()
}

func platformID(p *ocispecs.Platform) string {
	spec := platforms.DefaultSpec()
	if p != nil {
		spec = *p
	}
	return platforms.FormatAll(platforms.Normalize(spec))
}
