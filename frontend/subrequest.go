package frontend

import (
	"context"
	"fmt"

	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/gateway/client"
	"github.com/moby/buildkit/frontend/subrequests/convertllb"
	"github.com/moby/buildkit/frontend/subrequests/lint"
	"github.com/moby/buildkit/frontend/subrequests/outline"
	"github.com/moby/buildkit/frontend/subrequests/targets"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// subrequests answers buildx's --call requests other than the check.
func (b *build) subrequests() dockerui.RequestHandler {
	return dockerui.RequestHandler{
		Outline: func(ctx context.Context) (*outline.Outline, error) {
			return dockerfile2llb.Dockerfile2Outline(ctx, b.src.Data, b.convertOpt(ctx))
		},
		ListTargets: func(ctx context.Context) (*targets.List, error) {
			return dockerfile2llb.ListTargets(ctx, b.src.Data)
		},
		ConvertLLB: func(ctx context.Context) (*convertllb.Result, error) {
			rep, err := b.transform(ctx)
			if err != nil {
				return nil, err
			}
			return dockerfile2llb.DockerfileConvertLLB(ctx, rep.Output, b.convertOpt(ctx))
		},
	}
}

// isLint reports whether the build is buildx's --check request. It must
// be answered here: when a frontend does not, buildx re-runs the check
// with the stock frontend and our findings would vanish.
func (b *build) isLint() bool {
	return b.bc.BuildOpts().Opts["requestid"] == lint.SubrequestLintDefinition.Name
}

// answerLint runs BuildKit's own checks and adds ours, each as a warning
// whose detail says what a build would do with it: [fixed], [warning] or
// [error]. The check fails only for what a build would warn about or
// reject: a Dockerfile whose findings are all fixed passes.
func (b *build) answerLint(ctx context.Context) (*client.Result, error) {
	res, err := dockerfile2llb.DockerfileLint(ctx, b.src.Data, b.convertOpt(ctx))
	if err != nil {
		return nil, err
	}
	failing := len(res.Warnings) > 0 || res.Error != nil
	if res.Error == nil {
		ours, err := b.lintFindings(ctx, res)
		if err != nil {
			return nil, err
		}
		failing = failing || ours
	}

	out, err := res.ToResult(nil)
	if err != nil {
		return nil, err
	}
	status := "0"
	if failing {
		status = "1"
	}
	out.AddMeta("result.statuscode", []byte(status))
	return out, nil
}

// lintFindings adds our findings to res and reports whether any of them
// would warn or fail a build.
func (b *build) lintFindings(ctx context.Context, res *lint.LintResults) (bool, error) {
	rep, err := b.transform(ctx)
	if err != nil {
		return false, err
	}
	idx := res.AddSource(b.src.SourceMap)
	failing := false
	for _, r := range rep.Results {
		detail := fmt.Sprintf("[%s] %s; %s", r.Outcome, r.Message, r.Advice())
		res.AddWarning(r.Rule.ID, r.Rule.Summary, r.Rule.URL(), detail, idx, []parser.Range{r.Location})
		failing = failing || r.Outcome == transform.Warned || r.Outcome == transform.Rejected
	}
	if b.eff != nil {
		res.AddWarning("Policy", "the policy that judged this check", "", b.eff.Describe(), -1, nil)
	}
	return failing, nil
}
