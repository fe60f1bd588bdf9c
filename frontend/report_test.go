package frontend

import (
	"strings"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/solver/errdefs"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

func TestRejectionListsEveryFinding(t *testing.T) {
	st := llb.Scratch()
	sm := llb.NewSourceMap(&st, "Dockerfile", "Dockerfile", []byte("FROM a\nRUN b\nUSER root\n"))
	found := func(line int, rule *transform.Rule, msg string) transform.Result {
		return transform.Result{Finding: transform.Finding{
			Rule:     rule,
			Location: parser.Range{Start: parser.Position{Line: line}, End: parser.Position{Line: line}},
			Message:  msg,
			Fix:      "do it right",
		}, Outcome: transform.Rejected}
	}
	err := rejection(sm, []transform.Result{
		found(2, transform.AptLists, "apt lists stay"),
		found(3, transform.RootUser, "runs as root"),
	})

	msg := err.Error()
	for _, want := range []string{
		"2 findings to fix",
		"Dockerfile:2: AptLists: apt lists stay",
		"Dockerfile:3: RootUser: runs as root",
		"fix: do it right",
		"docs/rules/RootUser.md",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("rejection lacks %q:\n%s", want, msg)
		}
	}

	var lines []int32
	for _, s := range errdefs.Sources(err) {
		lines = append(lines, s.Ranges[0].Start.Line)
	}
	if len(lines) != 2 || lines[0] != 2 || lines[1] != 3 {
		t.Errorf("sources point at lines %v, want [2 3]", lines)
	}
}
