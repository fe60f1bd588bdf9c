package transform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// An inline exception is a comment line directly above the instruction it
// covers, next to BuildKit's own "# check=skip=..." in spirit:
//
//	# safe-dockerfile:allow=RootUser reason="the vendor image needs root"
//	FROM vendor/app:4
//
// It names one rule or several, separated by commas, and a reason, which
// is required. A run of comment lines above an instruction may hold
// several. It is honoured only where Options.InlineAllowed allows it for
// the rule; every other comment of this kind is a finding of the
// InlineException rule, so none is silently ignored.
const (
	inlinePrefix = "safe-dockerfile:"
	inlineAllow  = "allow"
)

// inlineComment is one "# safe-dockerfile:..." comment.
type inlineComment struct {
	Line int // 1-based
	// Node is the instruction directly below the comment, or nil when a
	// blank line or the end of the file comes first.
	Node   *parser.Node
	Rules  []string
	Reason string
	// Problem says why the comment is malformed; "" when it is not.
	Problem string
}

// inlineComments finds every "# safe-dockerfile:" comment of the file. A
// comment inside an instruction (between continuation lines, or in a
// heredoc) is not one: BuildKit does not read it as a comment either.
func (df *Dockerfile) inlineComments() []inlineComment {
	starts := map[int]*parser.Node{}
	inside := make([]bool, len(df.Lines)+1)
	for _, n := range df.AST.Children {
		starts[n.StartLine] = n
		for l := max(n.StartLine, 1); l <= n.EndLine && l < len(inside); l++ {
			inside[l] = true
		}
	}

	var out []inlineComment
	for i, raw := range df.Lines {
		line := i + 1
		text, ok := commentText(raw)
		if !ok || inside[line] {
			continue
		}
		body, ok := strings.CutPrefix(text, inlinePrefix)
		if !ok {
			continue
		}
		c := parseInline(body)
		c.Line = line
		c.Node = df.nodeBelow(line, starts)
		out = append(out, c)
	}
	return out
}

// nodeBelow returns the instruction that the comment on line starts
// directly above, through other comment lines only.
func (df *Dockerfile) nodeBelow(line int, starts map[int]*parser.Node) *parser.Node {
	for l := line + 1; l <= len(df.Lines); l++ {
		if n, ok := starts[l]; ok {
			return n
		}
		if _, ok := commentText(df.Lines[l-1]); !ok {
			return nil
		}
	}
	return nil
}

// commentText returns the text of a comment line after its "#".
func commentText(raw string) (string, bool) {
	s := strings.TrimLeft(raw, " \t")
	if !strings.HasPrefix(s, "#") {
		return "", false
	}
	return strings.TrimSpace(s[1:]), true
}

// parseInline reads what follows "safe-dockerfile:" in a comment:
// allow=RULE[,RULE...] reason="...".
func parseInline(body string) inlineComment {
	verb, rest, ok := strings.Cut(body, "=")
	if !ok || strings.TrimSpace(verb) != inlineAllow {
		return inlineComment{Problem: fmt.Sprintf("unknown comment %q: the only one is "+
			"`safe-dockerfile:allow=RULE reason=\"...\"`", inlinePrefix+body)}
	}

	rest = strings.TrimLeft(rest, " \t")
	ids, tail := rest, ""
	if i := strings.IndexAny(rest, " \t"); i >= 0 {
		ids, tail = rest[:i], rest[i+1:]
	}
	var c inlineComment
	for _, id := range strings.Split(ids, ",") {
		if id == "" {
			return inlineComment{Problem: "it names no rule after allow="}
		}
		if _, ok := Lookup(id); !ok {
			return inlineComment{Problem: fmt.Sprintf("it names the unknown rule %q", id)}
		}
		c.Rules = append(c.Rules, id)
	}

	reason, problem := inlineReason(strings.TrimSpace(tail))
	if problem != "" {
		return inlineComment{Rules: c.Rules, Problem: problem}
	}
	c.Reason = reason
	return c
}

// inlineReason reads reason="..." (or an unquoted reason=... to the end of
// the line) and insists on a reason that says something.
func inlineReason(tail string) (string, string) {
	if tail == "" {
		return "", "it gives no reason; an inline exception needs reason=\"...\""
	}
	v, ok := strings.CutPrefix(tail, "reason=")
	if !ok {
		return "", fmt.Sprintf("expected reason=\"...\" after the rules, found %q", tail)
	}
	if strings.HasPrefix(v, `"`) {
		if len(v) < 2 || !strings.HasSuffix(v, `"`) {
			return "", "the reason's closing quote is missing"
		}
		v = strings.ReplaceAll(v[1:len(v)-1], `\"`, `"`)
	}
	if strings.TrimSpace(v) == "" {
		return "", "its reason is empty; an inline exception needs reason=\"...\""
	}
	return strings.TrimSpace(v), ""
}

// inlineAllowed reports whether the options honour inline exceptions for
// the rule.
func (p *Pass) inlineAllowed(ruleID string) bool {
	return p.InlineAllowed != nil && p.InlineAllowed(ruleID)
}

// inlineFor returns the well-formed inline comments above n.
func (p *Pass) inlineFor(n *parser.Node) []inlineComment {
	if p.inline == nil {
		p.inline = map[*parser.Node][]inlineComment{}
		for _, c := range p.inlineComments() {
			if c.Node != nil && c.Problem == "" {
				p.inline[c.Node] = append(p.inline[c.Node], c)
			}
		}
	}
	return p.inline[n]
}

// nodeAt returns the instruction whose lines hold line, or nil.
func (df *Dockerfile) nodeAt(line int) *parser.Node {
	for _, n := range df.AST.Children {
		if n.StartLine <= line && line <= n.EndLine {
			return n
		}
	}
	return nil
}

// except asks the policy, then the inline comments above the finding's
// instruction, whether an exception covers f. Without one, the reason is
// the policy's note, if it had one.
func (p *Pass) except(f Finding) (string, bool) {
	var note string
	if p.Except != nil {
		why, ok := p.Except(f, p)
		if ok {
			return why, true
		}
		note = why
	}

	n := p.nodeAt(f.Location.Start.Line)
	if n == nil || !p.inlineAllowed(f.Rule.ID) {
		return note, false
	}
	for _, c := range p.inlineFor(n) {
		if slices.Contains(c.Rules, f.Rule.ID) {
			return fmt.Sprintf("inline exception (line %d): %s", c.Line, c.Reason), true
		}
	}
	return note, false
}
