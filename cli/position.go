package cli

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/safe-dockerfile/safe-dockerfile/transform"
)

// span is a byte range of one line; Start == End marks an insertion point.
type span struct{ Start, End int }

// mark is where a finding points: one line, and the spans on it.
type mark struct {
	Line  int
	Text  string
	Spans []span
}

// Column is the 1-based column, in characters, where the mark starts.
func (m mark) Column() int {
	if len(m.Spans) == 0 {
		return 1
	}
	return utf8.RuneCountInString(m.Text[:m.Spans[0].Start]) + 1
}

// markOf returns where r points in df: at its edits when it has some (the
// line of the first, with every edit on that line), else, and for a fix
// that moves lines, at the instruction's first line, from its first word
// to its end.
func markOf(df *transform.Dockerfile, r transform.Result) mark {
	if len(r.Edits) == 0 || r.Move != nil {
		line := r.Location.Start.Line
		text := df.Line(line)
		return mark{Line: line, Text: text, Spans: []span{wholeLine(text)}}
	}

	edits := slices.Clone(r.Edits)
	slices.SortFunc(edits, func(a, b transform.Edit) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Start - b.Start
	})
	m := mark{Line: edits[0].Line, Text: df.Line(edits[0].Line)}
	for _, e := range edits {
		if e.Line == m.Line && e.End <= len(m.Text) {
			m.Spans = append(m.Spans, span{e.Start, e.End})
		}
	}
	return m
}

// wholeLine spans a line's text, without its indentation, its trailing
// blanks or a line-continuation backslash.
func wholeLine(text string) span {
	end := len(strings.TrimRight(text, " \t"))
	if trimmed := strings.TrimRight(text[:end], "\\`"); len(trimmed) < end {
		end = len(strings.TrimRight(trimmed, " \t"))
	}
	start := len(text) - len(strings.TrimLeft(text, " \t"))
	if start > end {
		start = end
	}
	return span{start, end}
}

// underline returns the line that puts carets under the spans of text.
// Tabs are kept so that the carets line up however tabs are shown.
func underline(text string, spans []span) string {
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s.Start < pos {
			continue
		}
		for _, r := range text[pos:s.Start] {
			if r == '\t' {
				b.WriteByte('\t')
			} else {
				b.WriteByte(' ')
			}
		}
		n := utf8.RuneCountInString(text[s.Start:s.End])
		b.WriteString(strings.Repeat("^", max(n, 1)))
		pos = max(s.End, s.Start+1)
		if pos > len(text) {
			break
		}
	}
	return b.String()
}

// lines returns the first and last line of r's range; ok is false for a
// finding about the whole file rather than some lines (line 0).
func lines(r transform.Result) (start, end int, ok bool) {
	start = r.Location.Start.Line
	if start < 1 {
		return 0, 0, false
	}
	return start, max(r.Location.End.Line, start), true
}

// errorLine returns the line a parse or resolve error points at, or 0.
func errorLine(err error) int {
	var le *parser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		return le.Locations[0][0].Start.Line
	}
	return 0
}
