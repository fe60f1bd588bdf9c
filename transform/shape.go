package transform

import (
	"strings"
	"unicode"
)

// keepsShape reports, without parsing the fixed file again, whether edits
// cannot change how BuildKit splits it into instructions: each edited line
// keeps whether it continues onto the next line, whether it is a comment
// or blank, and its count of heredoc markers, and none lies in an
// instruction with heredocs. When it says no, the engine parses the fixed
// file to check it.
func keepsShape(df *Dockerfile, edits []Edit, out []byte) bool {
	fixed := splitLines(out)
	if len(fixed) != len(df.Lines) {
		return false
	}
	for _, e := range edits {
		if df.inHeredocInstruction(e.Line) {
			return false
		}
		before, after := df.Line(e.Line), fixed[e.Line-1]
		_, c1 := trimContinuation(before, df.Escape)
		_, c2 := trimContinuation(after, df.Escape)
		if c1 != c2 || lineKind(before) != lineKind(after) ||
			strings.Count(before, "<<") != strings.Count(after, "<<") {
			return false
		}
	}
	return true
}

// lineKind tells blank, comment and other lines apart, as the parser does.
func lineKind(line string) byte {
	t := strings.TrimLeftFunc(line, unicode.IsSpace)
	switch {
	case t == "":
		return ' '
	case t[0] == '#':
		return '#'
	}
	return 'i'
}

// inHeredocInstruction reports whether line belongs to an instruction
// that has heredocs.
func (df *Dockerfile) inHeredocInstruction(line int) bool {
	for _, n := range df.AST.Children {
		if line >= n.StartLine && line <= n.EndLine {
			return len(n.Heredocs) > 0
		}
	}
	return false
}
