package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"

	"github.com/containerd/platforms"
	"github.com/moby/patternmatcher/ignorefile"

	"github.com/safe-dockerfile/safe-dockerfile/policy"
	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// Options returns the transform options for the Dockerfile at path, built
// field by field as the frontend builds them from a `docker buildx build`
// of it with the same flags (frontend/build.go, options):
//
//   - Filename: the Dockerfile's base name, the "filename" buildx sends,
//     or with --context its path there, as buildctl's filename option.
//   - BuildArgs, Target, TargetPlatforms: the flags, parsed as buildx and
//     BuildKit parse them (ParseBuildArgs, ParsePlatforms).
//   - BuildPlatform: this machine's normalized platform, which is what
//     BuildKit reports for a builder running on it.
//   - Resolver: the registry itself instead of BuildKit's resolver, or
//     none when offline.
//   - DockerIgnore: Dockerfile.dockerignore beside the Dockerfile if there
//     is one, else the context's .dockerignore, read by the same parser.
//   - Context: the context directory, filtered by those patterns.
//   - VCSSource, VCSRevision: the context's git remote and commit, which
//     buildx sends unless BUILDX_GIT_INFO is false.
//
// InSource is the one deliberate difference: fixes are written back into
// the file, so an image named through build args is reported, not
// replaced by this run's value. Replaced is nil: there are no named build
// contexts. The policy is
// resolved as the frontend resolves it: the organisation's (--policy, in
// place of the one baked into the frontend image), the context's
// .safe-dockerfile.yaml, then the SAFE_DOCKERFILE_* build args.
func (c *Config) Options(path string) (transform.Options, error) {
	ctxDir := c.Context
	if ctxDir == "" {
		ctxDir = filepath.Dir(path)
	}
	ignore, err := dockerIgnore(path, ctxDir)
	if err != nil {
		return transform.Options{}, err
	}

	opt := transform.Options{
		Filename:        dockerfileName(path, c.Context),
		BuildArgs:       maps.Clone(c.BuildArgs),
		Target:          c.Target,
		BuildPlatform:   platforms.Normalize(platforms.DefaultSpec()),
		TargetPlatforms: c.Platforms,
		DockerIgnore:    ignore,
		Context:         transform.DirContext{Dir: ctxDir, Ignore: ignore},
		Rules:           c.rules,
		InSource:        true,
	}
	if opt.BuildArgs == nil {
		opt.BuildArgs = map[string]string{}
	}
	if !c.Offline {
		opt.Resolver = c.Resolver
	}
	if gitInfoWanted(c.lookupEnv) {
		opt.VCSSource, opt.VCSRevision = gitInfo(ctxDir)
	}
	eff, err := c.policy(ctxDir)
	if err != nil {
		return transform.Options{}, err
	}
	return eff.Options(opt), nil
}

// policy resolves the policy for a Dockerfile whose context is ctxDir.
func (c *Config) policy(ctxDir string) (*policy.Effective, error) {
	var org *policy.Policy
	if c.Policy != "" {
		p, err := policy.ReadFile(c.Policy)
		if err != nil {
			return nil, err
		}
		if p == nil {
			return nil, fmt.Errorf("--policy %s: no such file", c.Policy)
		}
		org = p
	}
	repo, err := policy.ReadFile(filepath.Join(ctxDir, policy.RepoFile))
	if err != nil {
		return nil, err
	}
	opts, err := policy.FromBuildArgs(c.BuildArgs)
	if err != nil {
		return nil, err
	}
	return policy.Resolve(org, repo, opts)
}

// dockerfileName names the Dockerfile as a build of it would: its path in
// the --context folder when it lies there (as buildctl's filename option
// gives it; the policy's paths exceptions match it), else its base name,
// which is what docker buildx build -f sends.
func dockerfileName(path, ctxDir string) string {
	if ctxDir != "" {
		if rel, err := filepath.Rel(ctxDir, path); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(path)
}

// dockerIgnore reads the ignore patterns BuildKit applies to the context:
// those of the Dockerfile's own NAME.dockerignore when it exists, else the
// context's .dockerignore. An empty or missing file gives nil.
func dockerIgnore(dockerfile, ctxDir string) ([]string, error) {
	for _, p := range []string{dockerfile + ".dockerignore", filepath.Join(ctxDir, ".dockerignore")} {
		dt, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		if len(dt) == 0 {
			return nil, nil
		}
		patterns, err := ignorefile.ReadAll(bytes.NewReader(dt))
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", p, err)
		}
		return patterns, nil
	}
	return nil, nil
}
