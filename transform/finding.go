package transform

import "github.com/moby/buildkit/frontend/dockerfile/parser"

// Finding is one place where the Dockerfile breaks a rule.
type Finding struct {
	Rule     *Rule
	Severity Severity
	// Location is the range of lines the finding is about.
	Location parser.Range
	// Message says what is wrong, in one sentence.
	Message string
	// Fix says how to fix it by hand.
	Fix string
	// Edits, when set, fix the finding, and Change says what they change.
	Edits  []Edit
	Change string
	// Join, when set, is the range of the instructions that the edits
	// join into one (MergeRuns); Move, when set, reorders lines after the
	// edits (DependencyOrder). The engine checks the fixed file against
	// both.
	Join parser.Range
	Move *Move
}

// Outcome is what the engine did with a finding under the policy.
type Outcome string

// The outcomes of a finding.
const (
	// Fixed: the edits were applied.
	Fixed Outcome = "fixed"
	// Warned: reported, the build goes on.
	Warned Outcome = "warning"
	// Rejected: the build fails.
	Rejected Outcome = "error"
	// Excepted: an exception of the policy, or an inline one it allows,
	// covers the finding. It is reported, neither fixed nor rejected.
	Excepted Outcome = "excepted"
)

// Result is a finding with what the engine did with it.
type Result struct {
	Finding
	Outcome Outcome
	// Exception is, when the outcome is Excepted, which exception covers
	// the finding and why. Otherwise it is empty, or a note on an
	// exception that matched but did not apply, such as one that expired.
	Exception string
}

// Advice is what to tell the user next to the message: what was changed
// when the fix was applied, the exception when one covers the finding,
// else how to fix it, with the note on an exception that did not apply.
func (r Result) Advice() string {
	switch {
	case r.Outcome == Fixed:
		return r.Change
	case r.Outcome == Excepted:
		return r.Exception
	case r.Exception != "":
		return r.Fix + " (" + r.Exception + ")"
	}
	return r.Fix
}

// Edit replaces the bytes [Start, End) of one line. It never spans lines and
// never adds a line break, so line numbers stay as they were.
type Edit struct {
	Line  int // 1-based
	Start int // byte offset in the line
	End   int
	Text  string
}

func lineRange(start, end int) parser.Range {
	return parser.Range{
		Start: parser.Position{Line: start},
		End:   parser.Position{Line: end},
	}
}

func nodeRange(n *parser.Node) parser.Range {
	return lineRange(n.StartLine, n.EndLine)
}
