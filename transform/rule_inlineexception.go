package transform

import (
	"context"
	"fmt"
	"strings"
)

// InlineException reports every "# safe-dockerfile:" comment that is not
// honoured as an exception: malformed, without a reason, not directly
// above an instruction, or for a rule the policy allows no inline
// exceptions to. The findings it was meant to cover stand; this rule
// makes sure the comment is not mistaken for one that worked.
var InlineException = &Rule{
	ID:      "InlineException",
	Summary: "inline exception comments are well formed and allowed by the policy",
	Default: ActionWarn,
}

// The check is set here rather than in the literal: it looks rule IDs up
// in All, which lists InlineException, and Go refuses that cycle in a
// variable's initializer.
func init() {
	InlineException.Check = checkInlineException
}

func checkInlineException(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, c := range p.inlineComments() {
		f := Finding{Severity: SeverityWarning, Location: lineRange(c.Line, c.Line)}
		switch {
		case c.Problem != "":
			f.Message = "the inline exception is not honoured: " + c.Problem
			f.Fix = "write it as `# safe-dockerfile:allow=RULE reason=\"why\"` " +
				"on the line directly above the instruction"
		case c.Node == nil:
			f.Message = "the inline exception is not honoured: it is not directly above " +
				"an instruction"
			f.Fix = "remove the blank line between the comment and the instruction it covers"
		default:
			denied := deniedRules(p, c.Rules)
			if len(denied) == 0 {
				continue
			}
			f.Message = fmt.Sprintf("the inline exception is not honoured: the policy allows "+
				"no inline exceptions to %s, so its findings on line %d stand",
				strings.Join(denied, ", "), c.Node.StartLine)
			f.Fix = "fix the findings, or ask the policy's owner for an exception " +
				"(or for `inline: true` on the rule)"
		}
		out = append(out, f)
	}
	return out, nil
}

// deniedRules returns the rules of ids that the options allow no inline
// exceptions to.
func deniedRules(p *Pass, ids []string) []string {
	var out []string
	for _, id := range ids {
		if !p.inlineAllowed(id) {
			out = append(out, id)
		}
	}
	return out
}
