package transform

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// onbuildRules are the rules that judge a base image's ONBUILD triggers,
// which run in the stage built FROM it as if the stage had them as its
// first instructions. They are the rules that judge single instructions;
// the rules that judge a stage as a whole (its user, health check, labels,
// size) judge the stage itself.
var onbuildRules = []*Rule{
	UntrustedRegistry, UnsafeAdd, WritableExecutables, SetuidBits, SecretInEnvOrArg, SecretFileCopied,
	CredentialsInRun, RemoteScriptPipe, VerificationDisabled, SudoInRun, InsecureRun, DockerSocket,
	ExposeSSH, UnwantedPackages,
}

// onbuildResults judges the ONBUILD triggers of the base images of the
// stages the build uses. A finding points at the stage's FROM line, names
// the trigger and the image, and has no fix: the triggers are the base
// image's.
func onbuildResults(ctx context.Context, p *Pass, opt Options) ([]Result, error) {
	if p.Resolver == nil {
		return nil, nil
	}
	var rules []*Rule
	for _, r := range onbuildRules {
		if actionOf(r, opt) != ActionOff && (opt.Rules == nil || slices.Contains(opt.Rules, r)) {
			rules = append(rules, r)
		}
	}
	if len(rules) == 0 {
		return nil, nil
	}
	var out []Result
	for _, st := range p.UsedStages() {
		if _, ok := p.BaseStage(st); ok {
			continue // a stage's triggers ran where that stage was built
		}
		ref, err := p.FromRef(st)
		if err != nil || isScratch(ref.Value) || p.Replaced != nil && p.Replaced(ref.Value) {
			continue
		}
		img, err := p.Image(ctx, ref.Value)
		if err != nil || len(img.OnBuild) == 0 {
			continue // an image that cannot be read is reported by the rules that need it
		}
		results, err := judgeTriggers(ctx, p, st, ref.Value, img.OnBuild, rules)
		if err != nil {
			return nil, err
		}
		out = append(out, results...)
	}
	return out, nil
}

// judgeTriggers runs rules over the triggers as a stage of their own.
func judgeTriggers(ctx context.Context, p *Pass, st *Stage, image string, triggers []string, rules []*Rule) ([]Result, error) {
	var src strings.Builder
	src.WriteString("FROM scratch\n")
	lineOf := map[int]string{} // the synthetic file's line -> its trigger
	line := 2
	for _, t := range triggers {
		lineOf[line] = t
		src.WriteString(t + "\n")
		line += strings.Count(t, "\n") + 1
	}
	sub := p.Options
	sub.Filename = "ONBUILD of " + image
	sub.Rules, sub.Except, sub.InlineAllowed, sub.Context, sub.InSource = rules, nil, nil, nil, true
	rep, err := Run(ctx, []byte(src.String()), sub)
	if err != nil {
		// Triggers that do not parse are left to BuildKit, which fails the
		// build when it runs them; there is nothing to judge.
		return nil, nil
	}
	var out []Result
	for _, r := range rep.Results {
		f := r.Finding
		f.Edits, f.Change, f.Move = nil, "", nil
		f.Location = nodeRange(st.From)
		f.Message = fmt.Sprintf("the ONBUILD trigger `%s` of %s: %s", lineOf[r.Location.Start.Line], image, f.Message)
		res := Result{Finding: f}
		why, excepted := p.except(f)
		res.Exception = why
		if excepted {
			res.Outcome = Excepted
		} else {
			res.Outcome = decide(actionOf(f.Rule, p.Options), f)
		}
		out = append(out, res)
	}
	return out, nil
}
