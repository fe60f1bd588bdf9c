package transform

import (
	"cmp"
	"context"
	"runtime/debug"
	"slices"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/pkg/errors"
)

// Report is what running the rules over one Dockerfile gave.
type Report struct {
	Dockerfile *Dockerfile
	// Results are the findings in line order, each with its outcome.
	Results []Result
	// Output is the rewritten Dockerfile; it is the input when nothing
	// was fixed.
	Output []byte
	// TargetLine is the line of the FROM of the stage being built, and
	// TargetBase the image at the root of its chain of stages, expanded
	// ("" for scratch): what the built image is compared with.
	TargetLine int
	TargetBase string
}

// Changed reports whether any fix was applied.
func (r *Report) Changed() bool {
	for _, res := range r.Results {
		if res.Outcome == Fixed {
			return true
		}
	}
	return false
}

// Moved reports whether a fix moved lines (see Move).
func (r *Report) Moved() bool {
	for _, res := range r.Results {
		if res.Outcome == Fixed && res.Move != nil {
			return true
		}
	}
	return false
}

// Rejected returns the results that fail the build.
func (r *Report) Rejected() []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Outcome == Rejected {
			out = append(out, res)
		}
	}
	return out
}

// Excepted returns the results that an exception covers.
func (r *Report) Excepted() []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Outcome == Excepted {
			out = append(out, res)
		}
	}
	return out
}

// Run parses dt, runs the rules over it under the options' actions and
// applies the fixes. A finding that an exception covers (Options.Except,
// or an inline exception that Options.InlineAllowed honours) is Excepted
// before its outcome is decided, so it is neither fixed nor rejected. The
// rules run in phases (see Phase): the optimisations that join RUNs or add
// mounts first, each phase's fixes applied before the next reads the file.
// Its error is a parse error, with BuildKit's message and location, or a
// failure to reach an image; findings are never errors.
func Run(ctx context.Context, dt []byte, opt Options) (rep *Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.Errorf("internal error: %v\n%s", r, debug.Stack())
		}
	}()

	df, err := Parse(opt.Filename, dt)
	if err != nil {
		return nil, err
	}
	rules := opt.Rules
	if rules == nil {
		rules = All()
	}
	rep = &Report{Dockerfile: df, Output: dt}
	images := map[string]imageAnswer{}
	cur := df
	var last *Pass
	for _, phase := range phases {
		var active []*Rule
		for _, r := range rules {
			if r.Phase == phase && actionOf(r, opt) != ActionOff {
				active = append(active, r)
			}
		}
		if len(active) == 0 {
			continue
		}
		p, err := newPass(cur, opt, images)
		if err != nil {
			return nil, err
		}
		last = p
		fixed, err := runPhase(ctx, p, active, rep, phase == phases[len(phases)-1])
		if err != nil {
			return nil, err
		}
		if fixed != nil {
			cur = fixed
		}
	}
	if last == nil {
		if last, err = newPass(cur, opt, images); err != nil {
			return nil, err
		}
	}
	rep.TargetLine, rep.TargetBase = last.Target.From.StartLine, last.RootImage(last.Target)
	triggers, err := onbuildResults(ctx, last, opt)
	if err != nil {
		return nil, err
	}
	rep.Results = append(rep.Results, triggers...)
	slices.SortStableFunc(rep.Results, func(a, b Result) int {
		return cmp.Or(
			cmp.Compare(a.Location.Start.Line, b.Location.Start.Line),
			cmp.Compare(a.Rule.ID, b.Rule.ID),
		)
	})
	return rep, nil
}

// RootImage returns the image at the root of st's chain of stages, with
// build arguments expanded, or "" for scratch or a name that does not
// expand.
func (p *Pass) RootImage(st *Stage) string {
	for range p.Stages {
		base, ok := p.BaseStage(st)
		if !ok {
			break
		}
		st = base
	}
	ref, err := p.FromRef(st)
	if err != nil || isScratch(ref.Value) {
		return ""
	}
	return ref.Value
}

// Decide returns what happens to a finding under an action: the engine's
// rule, for the findings of rules it does not run (PhaseBuilt).
func Decide(action Action, f Finding) Outcome {
	return decide(action, f)
}

func actionOf(r *Rule, opt Options) Action {
	if a, ok := opt.Actions[r.ID]; ok {
		return a
	}
	return r.Default
}

// runPhase runs rules over the pass's Dockerfile, adds their results to rep
// and applies their fixes to rep.Output. It returns the fixed Dockerfile,
// parsed, or nil when nothing changed or, in the last phase, when the fixes
// provably keep the instructions where they were.
func runPhase(ctx context.Context, p *Pass, rules []*Rule, rep *Report, last bool) (*Dockerfile, error) {
	var edits []Edit
	var joins []parser.Range
	var moves []Move
	for _, rule := range rules {
		action := actionOf(rule, p.Options)
		findings, err := rule.Check(ctx, p)
		if err != nil {
			return nil, errors.Wrapf(err, "rule %s", rule.ID)
		}
		for _, f := range findings {
			f.Rule = rule
			res := Result{Finding: f}
			why, excepted := p.except(f)
			res.Exception = why
			if excepted {
				res.Outcome = Excepted
				rep.Results = append(rep.Results, res)
				continue
			}
			res.Outcome = decide(action, f)
			if res.Outcome == Fixed {
				clash := slices.ContainsFunc(f.Edits, func(e Edit) bool { return overlapsAny(e, edits) }) ||
					f.Move != nil && slices.ContainsFunc(moves, f.Move.overlaps)
				if clash {
					res.Outcome = decide(ActionFix, Finding{Severity: f.Severity})
				} else {
					edits = append(edits, f.Edits...)
					if f.Join.Start.Line > 0 {
						joins = append(joins, f.Join)
					}
					if f.Move != nil {
						moves = append(moves, *f.Move)
					}
				}
			}
			rep.Results = append(rep.Results, res)
		}
	}
	if len(edits) == 0 && len(moves) == 0 {
		return nil, nil
	}

	out, err := applyEdits(rep.Output, edits)
	if err != nil {
		return nil, errors.Wrap(err, "internal error: apply fixes")
	}
	out = applyMoves(out, moves)
	rep.Output = out
	if len(joins) == 0 && len(moves) == 0 && keepsShape(p.Dockerfile, edits, out) {
		if last {
			return nil, nil
		}
		return Parse(p.Dockerfile.Filename, out)
	}
	fixed, err := checkShape(p.Dockerfile, out, wantShape(p.Dockerfile, joins, moves))
	if err != nil {
		return nil, errors.Wrap(err, "internal error: the fixed Dockerfile")
	}
	return fixed, nil
}

// decide returns what happens to f under action.
// Under error every finding but an informational one fails the build; under
// fix what cannot be fixed fails the build only at error severity, so
// fix is also the action of rules that judge some findings errors and
// others warnings.
func decide(action Action, f Finding) Outcome {
	switch {
	case action == ActionWarn:
		return Warned
	case action == ActionFix && len(f.Edits) > 0:
		return Fixed
	case f.Severity == SeverityInfo:
		return Warned
	case action == ActionError || f.Severity == SeverityError:
		return Rejected
	}
	return Warned
}

func overlapsAny(e Edit, edits []Edit) bool {
	return slices.ContainsFunc(edits, func(o Edit) bool { return overlaps(e, o) })
}
