package frontend

import (
	"context"
	"fmt"
	"strings"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/gateway/client"
	"github.com/moby/buildkit/solver/errdefs"
	"github.com/moby/buildkit/solver/pb"
	"github.com/pkg/errors"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// announce sends every fix and warning as a BuildKit build warning, with
// the rule, the line range and the URL of the rule's page.
// Excepted findings are announced too, with the exception that covers
// them, and so is each exception that has expired.
func (b *build) announce(ctx context.Context, rep *transform.Report) {
	for _, r := range rep.Results {
		if r.Outcome == transform.Rejected {
			continue
		}
		msg := r.Message + "; " + r.Advice()
		switch r.Outcome {
		case transform.Fixed:
			msg = "fixed: " + msg
		case transform.Excepted:
			msg = "excepted: " + msg
		}
		b.warn(ctx, r.Rule.ID, r.Rule.Summary, r.Rule.URL(), msg, []parser.Range{r.Location})
	}
	if b.eff == nil {
		return
	}
	for _, n := range b.eff.Notices(rep) {
		loc := []parser.Range{{Start: parser.Position{Line: n.Line}, End: parser.Position{Line: n.Line}}}
		b.warn(ctx, n.Rule, "an exception of the policy", "", n.Message, loc)
	}
}

// warn sends one build warning in the shape BuildKit's own checks use.
func (b *build) warn(ctx context.Context, rule, description, url, msg string, loc []parser.Range) {
	line := 0
	if len(loc) > 0 {
		line = loc[0].Start.Line
	}
	b.src.Warn(ctx, fmt.Sprintf("%s: %s (line %d)", rule, msg, line), client.WarnOpts{
		Level:  1,
		Detail: [][]byte{[]byte(description)},
		URL:    url,
		Range:  pbRanges(loc),
	})
}

// rejection is the one error that fails a build: every rejected finding
// with its line, rule and fix, and each line attached as a source so that
// buildx prints the snippet.
func rejection(sm *llb.SourceMap, rejected []transform.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "safe-dockerfile rejected the Dockerfile: %d %s to fix", len(rejected), plural(len(rejected), "finding"))
	for _, r := range rejected {
		fmt.Fprintf(&b, "\n  %s:%d: %s: %s\n    fix: %s\n    see: %s",
			sm.Filename, r.Location.Start.Line, r.Rule.ID, r.Message, r.Advice(), r.Rule.URL())
	}
	err := errors.New(b.String())
	for _, r := range rejected {
		err = attach(err, sm, []parser.Range{r.Location})
	}
	return err
}

// withSource attaches the Dockerfile lines an error points at.
func withSource(err error, sm *llb.SourceMap) error {
	var le *parser.LocationError
	if !errors.As(err, &le) || len(errdefs.Sources(err)) > 0 {
		return err
	}
	for _, loc := range le.Locations {
		err = attach(err, sm, loc)
	}
	return err
}

func attach(err error, sm *llb.SourceMap, loc []parser.Range) error {
	if sm == nil {
		return err
	}
	info := &pb.SourceInfo{Data: sm.Data, Filename: sm.Filename, Language: sm.Language}
	if sm.Definition != nil {
		info.Definition = sm.Definition.ToPB()
	}
	return errdefs.WithSource(err, &errdefs.Source{
		Info:   info,
		Ranges: pbRanges(loc),
	})
}

func pbRanges(loc []parser.Range) []*pb.Range {
	out := make([]*pb.Range, 0, len(loc))
	for _, r := range loc {
		out = append(out, &pb.Range{
			Start: &pb.Position{Line: int32(r.Start.Line), Character: int32(r.Start.Character)},
			End:   &pb.Position{Line: int32(r.End.Line), Character: int32(r.End.Character)},
		})
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
