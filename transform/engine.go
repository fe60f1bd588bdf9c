package transform

import (
	"cmp"
	"context"
	"fmt"
	"runtime/debug"
	"slices"

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
// before its outcome is decided, so it is neither fixed nor rejected. Its error is a parse error, with BuildKit's message
// and location, or a failure to reach an image; findings are never errors.
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
	p, err := newPass(df, opt)
	if err != nil {
		return nil, err
	}

	rules := opt.Rules
	if rules == nil {
		rules = All()
	}
	var results []Result
	var edits []Edit
	for _, rule := range rules {
		action := rule.Default
		if a, ok := opt.Actions[rule.ID]; ok {
			action = a
		}
		if action == ActionOff {
			continue
		}
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
				results = append(results, res)
				continue
			}
			res.Outcome = decide(action, f)
			if res.Outcome == Fixed {
				if slices.ContainsFunc(f.Edits, func(e Edit) bool { return overlapsAny(e, edits) }) {
					res.Outcome = decide(ActionFix, Finding{Severity: f.Severity})
				} else {
					edits = append(edits, f.Edits...)
				}
			}
			results = append(results, res)
		}
	}
	slices.SortStableFunc(results, func(a, b Result) int {
		return cmp.Or(
			cmp.Compare(a.Location.Start.Line, b.Location.Start.Line),
			cmp.Compare(a.Rule.ID, b.Rule.ID),
		)
	})

	out, err := applyEdits(dt, edits)
	if err != nil {
		return nil, errors.Wrap(err, "internal error: apply fixes")
	}
	if len(edits) == 0 {
		return &Report{Dockerfile: df, Results: results, Output: out}, nil
	}
	if !keepsShape(df, edits, out) {
		if err := sameShape(df, out); err != nil {
			return nil, errors.Wrap(err, "internal error: the fixed Dockerfile")
		}
	}
	return &Report{Dockerfile: df, Results: results, Output: out}, nil
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

// sameShape checks that the fixed source parses and that every instruction
// is still on the lines it was on.
func sameShape(df *Dockerfile, out []byte) error {
	fixed, err := Parse(df.Filename, out)
	if err != nil {
		return err
	}
	a, b := df.AST.Children, fixed.AST.Children
	if len(a) != len(b) {
		return errors.Errorf("has %d instructions instead of %d", len(b), len(a))
	}
	for i := range a {
		if a[i].StartLine != b[i].StartLine || a[i].EndLine != b[i].EndLine {
			return errors.New(fmt.Sprintf("moved the instruction on line %d", a[i].StartLine))
		}
	}
	return nil
}
