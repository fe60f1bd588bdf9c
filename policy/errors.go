package policy

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Error is one problem with a policy, at a line of the text it was read
// from. Load and Resolve gather every Error they find and return them
// joined with errors.Join, so that all of them can be fixed in one round.
type Error struct {
	// Source names the policy's text: its file, or the build argument.
	Source string
	// Line is 1-based; 0 when the problem has no line of its own.
	Line int
	// Msg says what is wrong.
	Msg string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Source + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Msg)
}

// problems gathers the errors of one pass over policies.
type problems struct {
	errs []*Error
}

func (p *problems) add(source string, line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{Source: source, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// err returns the errors joined, in the order of their sources as first
// seen and then of their lines, or nil when there are none.
func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	order := map[string]int{}
	for _, e := range p.errs {
		if _, ok := order[e.Source]; !ok {
			order[e.Source] = len(order)
		}
	}
	sorted := slices.Clone(p.errs)
	slices.SortStableFunc(sorted, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(order[a.Source], order[b.Source]), cmp.Compare(a.Line, b.Line))
	})
	errs := make([]error, len(sorted))
	for i, e := range sorted {
		errs[i] = e
	}
	return errors.Join(errs...)
}
