package frontend

import (
	"context"
	"encoding/json"
	"path"
	"strings"

	"github.com/containerd/platforms"
	"github.com/distribution/reference"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/gateway/client"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/pkg/errors"

	"github.com/safe-dockerfile/safe-dockerfile/inspect"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// defaultPATH is the PATH of an image that sets none, as runc gives it.
const defaultPATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// inspectBuilt reads the filesystem one platform's build produced (see
// package inspect) and judges it under the BuiltImage rule's action. The
// walk is a build step that runs this frontend's own image over the built
// filesystem and the base image, mounted read-only, without network:
// BuildKit caches it with its inputs, so a rebuild of the same image costs
// one cache lookup. It sends the warnings, and returns the rejection when a
// finding fails the build.
func (b *build) inspectBuilt(ctx context.Context, built llb.State, img *dockerspec.DockerOCIImage, p *ocispecs.Platform) error {
	action := b.eff.Action(transform.BuiltImage.ID)
	if action == transform.ActionOff {
		return nil
	}
	plat := platformID(p)
	loc := parser.Range{Start: parser.Position{Line: b.rep.TargetLine}, End: parser.Position{Line: b.rep.TargetLine}}
	self := b.bc.BuildOpts().Opts["source"]
	if self == "" {
		b.warn(ctx, transform.BuiltImage.ID, transform.BuiltImage.Summary, transform.BuiltImage.URL(),
			plat+": the built image was not inspected: BuildKit did not say which image this frontend runs from",
			[]parser.Range{loc})
		return nil
	}
	rep, err := b.runInspection(ctx, self, built, img, p)
	if err != nil {
		return errors.Wrapf(err, "inspect the built image (%s)", plat)
	}

	var rejected []transform.Result
	for _, f := range rep.Findings {
		finding := transform.Finding{
			Rule:     transform.BuiltImage,
			Severity: transform.SeverityWarning,
			Location: loc,
			Message:  plat + ": " + f.Message,
			Fix:      inspectFix[f.Kind],
		}
		if f.Kind.Serious() {
			finding.Severity = transform.SeverityError
		}
		res := transform.Result{Finding: finding, Outcome: transform.Decide(action, finding)}
		if res.Outcome == transform.Rejected {
			rejected = append(rejected, res)
			continue
		}
		b.warn(ctx, finding.Rule.ID, finding.Rule.Summary, finding.Rule.URL(), res.Message+"; "+res.Advice(), []parser.Range{loc})
	}
	if !rep.Complete {
		b.warn(ctx, transform.BuiltImage.ID, transform.BuiltImage.Summary, transform.BuiltImage.URL(),
			plat+": "+rep.Summary(), []parser.Range{loc})
	}
	if len(rejected) > 0 {
		return rejection(b.src.SourceMap, rejected)
	}
	return nil
}

// runInspection solves the inspection step and reads its report.
func (b *build) runInspection(ctx context.Context, self string, built llb.State, img *dockerspec.DockerOCIImage, p *ocispecs.Platform) (*inspect.Report, error) {
	buildPlatform := platforms.DefaultSpec()
	if len(b.bc.BuildPlatforms) > 0 {
		buildPlatform = b.bc.BuildPlatforms[0]
	}
	args := []string{"/bin/safe-dockerfile-frontend", "inspect",
		"-target", "/target", "-out", "/out/report.json", "-path", strings.Join(imagePATH(img), ":")}
	// BuildKit would key the mounts by a checksum of their whole content,
	// which costs seconds for an image of tens of thousands of files; the
	// steps that made them key them as well.
	noChecksum := llb.ContentCache(llb.MountContentCacheOff)
	opts := []llb.RunOption{
		llb.User("0"), // to read what only root may read
		llb.Network(llb.NetModeNone),
		llb.AddMount("/target", built, llb.Readonly, noChecksum),
		llb.WithCustomName("[safe-dockerfile] inspect the built image (" + platformID(p) + ")"),
	}
	if base := b.rep.TargetBase; base != "" {
		var imgOpts []llb.ImageOption
		if p != nil {
			imgOpts = append(imgOpts, llb.Platform(*p))
		}
		opts = append(opts, llb.AddMount("/base", llb.Image(base, imgOpts...), llb.Readonly, noChecksum))
		args = append(args, "-base", "/base")
	}
	opts = append(opts, llb.Args(args))
	run := llb.Image(b.pinned(ctx, self, buildPlatform), llb.Platform(buildPlatform)).Run(opts...)
	out := run.AddMount("/out", llb.Scratch())

	def, err := out.Marshal(ctx, llb.Platform(buildPlatform))
	if err != nil {
		return nil, err
	}
	// No source policies here: the frontend's own image may come from a
	// registry that builds may not use, and the rest was loaded under them.
	res, err := b.c.Solve(ctx, client.SolveRequest{Definition: def.ToPB()})
	if err != nil {
		return nil, err
	}
	ref, err := res.SingleRef()
	if err != nil {
		return nil, err
	}
	dt, err := ref.ReadFile(ctx, client.ReadRequest{Filename: "/report.json"})
	if err != nil {
		return nil, errors.Wrap(err, "read the report")
	}
	var rep inspect.Report
	if err := json.Unmarshal(dt, &rep); err != nil {
		return nil, errors.Wrap(err, "read the report")
	}
	return &rep, nil
}

// pinned returns ref with the digest it resolves to now, so that the
// inspection runs the frontend image as it is in the registry, not an
// older image BuildKit still has under the same tag. A reference that
// does not resolve is returned as it is, for BuildKit to report.
func (b *build) pinned(ctx context.Context, ref string, p ocispecs.Platform) string {
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return ref
	}
	if _, ok := named.(reference.Canonical); ok {
		return ref
	}
	_, dgst, _, err := b.c.ResolveImageConfig(ctx, ref, sourceresolver.Opt{
		ImageOpt: &sourceresolver.ResolveImageOpt{Platform: &p, ResolveMode: llb.ResolveModeForcePull.String()},
	})
	if err != nil || dgst == "" {
		return ref
	}
	canonical, err := reference.WithDigest(named, dgst)
	if err != nil {
		return ref
	}
	return canonical.String()
}

var inspectFix = map[inspect.Kind]string{
	inspect.WritablePath: "take the write permission from other users (`chmod o-w`) in the step that made it",
	inspect.SetID:        "drop the bit (`chmod u-s,g-s`) unless the image needs it",
	inspect.AptLists:     "remove the lists in the RUN that installs: `&& rm -rf /var/lib/apt/lists/*`",
	inspect.PrivateKey: "never copy keys into the image: use a build secret (`RUN --mount=type=secret`), " +
		"and replace the key, which is now in the layers",
	inspect.Credentials: "never copy credentials into the image: use a build secret (`RUN --mount=type=secret`), " +
		"and revoke them, which are now in the layers",
}

// imagePATH returns the directories of the image's PATH.
func imagePATH(img *dockerspec.DockerOCIImage) []string {
	value := defaultPATH
	if img != nil {
		for _, kv := range img.Config.Env {
			if v, ok := strings.CutPrefix(kv, "PATH="); ok {
				value = v
			}
		}
	}
	var out []string
	for _, d := range strings.Split(value, ":") {
		if path.IsAbs(d) {
			out = append(out, path.Clean(d))
		}
	}
	return out
}
