package frontend

import (
	"context"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/gateway/client"
	"github.com/pkg/errors"

	"github.com/safe-dockerfile/safe-dockerfile/policy"
)

// policy resolves, once per build, the policy that judges it: the
// organisation's, baked into the frontend image; the repository's, in the
// build context; and the build's own options. Later layers may only
// tighten what the organisation allows.
func (b *build) policy(ctx context.Context) (*policy.Effective, error) {
	if b.eff != nil {
		return b.eff, nil
	}
	org, err := policy.ReadFile(policy.OrgPath)
	if err != nil {
		return nil, errors.Wrap(err, "read the organisation policy")
	}
	repo, err := b.repoPolicy(ctx)
	if err != nil {
		return nil, err
	}
	opts, err := policy.FromBuildArgs(b.bc.BuildArgs)
	if err != nil {
		return nil, err
	}
	eff, err := policy.Resolve(org, repo, opts)
	if err != nil {
		return nil, err
	}
	b.eff = eff
	return eff, nil
}

// repoPolicy reads the repository policy file from the build context; a
// context without one gives nil.
func (b *build) repoPolicy(ctx context.Context) (*policy.Policy, error) {
	st, err := b.bc.MainContext(ctx, llb.FollowPaths([]string{policy.RepoFile}),
		dockerui.WithInternalName("load "+policy.RepoFile))
	if err != nil {
		return nil, errors.Wrap(err, "load the build context")
	}
	def, err := st.Marshal(ctx)
	if err != nil {
		return nil, err
	}
	res, err := b.c.Solve(ctx, client.SolveRequest{Definition: def.ToPB()})
	if err != nil {
		return nil, errors.Wrap(err, "load the repository policy")
	}
	ref, err := res.SingleRef()
	if err != nil || ref == nil {
		return nil, err
	}
	if _, err := ref.StatFile(ctx, client.StatRequest{Path: policy.RepoFile}); err != nil {
		return nil, nil
	}
	dt, err := dockerui.ReadFile(ctx, ref, policy.RepoFile)
	if err != nil {
		return nil, errors.Wrapf(err, "read %s", policy.RepoFile)
	}
	return policy.Load(policy.RepoFile, dt)
}
