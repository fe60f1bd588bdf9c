package frontend

import (
	"context"
	"fmt"

	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/subrequests/convertllb"
	"github.com/moby/buildkit/frontend/subrequests/lint"
	"github.com/moby/buildkit/frontend/subrequests/outline"
	"github.com/moby/buildkit/frontend/subrequests/targets"
)

// subrequests answers buildx's --call requests. The lint request must be
// answered here: when a frontend does not, buildx re-runs the check with
// the stock frontend and our findings would vanish.
func (b *build) subrequests() dockerui.RequestHandler {
	return dockerui.RequestHandler{
		Outline: func(ctx context.Context) (*outline.Outline, error) {
			return dockerfile2llb.Dockerfile2Outline(ctx, b.src.Data, b.convertOpt(ctx))
		},
		ListTargets: func(ctx context.Context) (*targets.List, error) {
			return dockerfile2llb.ListTargets(ctx, b.src.Data)
		},
		Lint: b.lint,
		ConvertLLB: func(ctx context.Context) (*convertllb.Result, error) {
			rep, err := b.transform(ctx)
			if err != nil {
				return nil, err
			}
			return dockerfile2llb.DockerfileConvertLLB(ctx, rep.Output, b.convertOpt(ctx))
		},
	}
}

// lint runs BuildKit's own checks and adds ours, each finding as a warning
// whose detail says what the build would do with it.
func (b *build) lint(ctx context.Context) (*lint.LintResults, error) {
	res, err := dockerfile2llb.DockerfileLint(ctx, b.src.Data, b.convertOpt(ctx))
	if err != nil || res.Error != nil {
		return res, err
	}

	rep, err := b.transform(ctx)
	if err != nil {
		return nil, err
	}
	idx := res.AddSource(b.src.SourceMap)
	for _, r := range rep.Results {
		detail := fmt.Sprintf("[%s] %s; %s", r.Outcome, r.Message, r.Advice())
		res.AddWarning(r.Rule.ID, r.Rule.Summary, r.Rule.URL(), detail, idx, []parser.Range{r.Location})
	}
	return res, nil
}
