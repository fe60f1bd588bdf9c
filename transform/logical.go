package transform

import (
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// logical is an instruction's text joined from its lines the way BuildKit
// joins them, with the raw position each byte came from, so that an edit
// found in the joined text can be made in the raw lines.
type logical struct {
	Text string
	pos  []Edit // pos[i] is where Text[i] is; only Line and Start are set
}

type joinedLine struct {
	l  logical
	ok bool
}

// join rebuilds n's joined text. It reports false when the result is not
// what BuildKit's parser made of the lines, and then nothing may be edited.
func (df *Dockerfile) join(n *parser.Node) (logical, bool) {
	if j, ok := df.joined[n]; ok {
		return j.l, j.ok
	}
	l, ok := df.joinLines(n)
	if df.joined == nil {
		df.joined = map[*parser.Node]joinedLine{}
	}
	df.joined[n] = joinedLine{l, ok}
	return l, ok
}

func (df *Dockerfile) joinLines(n *parser.Node) (logical, bool) {
	if len(n.Heredocs) > 0 || n.StartLine < 1 || n.EndLine > len(df.Lines) {
		return logical{}, false
	}

	var b strings.Builder
	var pos []Edit
	add := func(line int, raw string, from int) bool {
		text, more := trimContinuation(raw[from:], df.Escape)
		for i := range len(text) {
			pos = append(pos, Edit{Line: line, Start: from + i})
		}
		b.WriteString(text)
		return more
	}

	first := df.Line(n.StartLine)
	lead := len(first) - len(strings.TrimLeftFunc(first, unicode.IsSpace))
	more := add(n.StartLine, first, lead)
	line := n.StartLine
	for more && line < n.EndLine {
		line++
		raw := df.Line(line)
		trimmed := strings.TrimLeftFunc(raw, unicode.IsSpace)
		if strings.HasPrefix(trimmed, "#") || trimmed == "" {
			continue
		}
		more = add(line, raw, 0)
	}

	if b.String() != n.Original || line != n.EndLine || len(pos) == 0 {
		return logical{}, false
	}
	last := pos[len(pos)-1]
	pos = append(pos, Edit{Line: last.Line, Start: last.Start + 1})
	return logical{Text: b.String(), pos: pos}, true
}

// at returns an edit that inserts text before byte i of the joined text.
func (l logical) at(i int, text string) Edit {
	p := l.pos[i]
	return Edit{Line: p.Line, Start: p.Start, End: p.Start, Text: text}
}

// replace returns an edit replacing the joined bytes [i, j), which must lie
// on one raw line.
func (l logical) replace(i, j int, text string) (Edit, bool) {
	a, b := l.pos[i], l.pos[j-1]
	if a.Line != b.Line {
		return Edit{}, false
	}
	return Edit{Line: a.Line, Start: a.Start, End: b.Start + 1, Text: text}, true
}

// trimContinuation removes a trailing escape character (and the blanks
// after it) that continues the instruction on the next line, as BuildKit's
// parser does: an escape that is itself escaped does not continue.
func trimContinuation(line string, escape rune) (string, bool) {
	body := strings.TrimRight(line, " \t")
	e := string(escape)
	if !strings.HasSuffix(body, e) {
		return line, false
	}
	body = body[:len(body)-len(e)]
	if body != "" && strings.HasSuffix(body, e) {
		return line, false
	}
	return body, true
}
