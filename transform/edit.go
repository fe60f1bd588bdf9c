package transform

import (
	"bytes"
	"slices"
	"strings"

	"github.com/pkg/errors"
)

// overlaps reports whether two edits of the same line touch the same bytes.
// Two insertions at one point do not: they are applied in the order they
// were made.
func overlaps(a, b Edit) bool {
	if a.Line != b.Line {
		return false
	}
	if a.Start == a.End && b.Start == b.End {
		return false
	}
	return a.Start < b.End && b.Start < a.End || a.Start == b.Start
}

// applyEdits applies edits to the source's lines and returns the new
// source. Line endings, and so line numbers, stay as they were.
func applyEdits(src []byte, edits []Edit) ([]byte, error) {
	if len(edits) == 0 {
		return src, nil
	}
	// Right to left within a line; of two insertions at one point the
	// later is applied first, so the earlier ends up in front.
	sorted := slices.Clone(edits)
	slices.Reverse(sorted)
	slices.SortStableFunc(sorted, func(a, b Edit) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return b.Start - a.Start
	})

	lines := bytes.SplitAfter(src, []byte("\n"))
	for _, e := range sorted {
		if strings.ContainsAny(e.Text, "\r\n") {
			return nil, errors.Errorf("edit of line %d adds a line break", e.Line)
		}
		if e.Line < 1 || e.Line > len(lines) {
			return nil, errors.Errorf("edit of line %d is outside the file", e.Line)
		}
		line := lines[e.Line-1]
		body := len(bytes.TrimRight(line, "\r\n"))
		if e.Start < 0 || e.End < e.Start || e.End > body {
			return nil, errors.Errorf("edit of line %d is outside the line", e.Line)
		}
		var b bytes.Buffer
		b.Write(line[:e.Start])
		b.WriteString(e.Text)
		b.Write(line[e.End:])
		lines[e.Line-1] = b.Bytes()
	}
	return bytes.Join(lines, nil), nil
}

// keywordSpan returns where the instruction's keyword lies on its first
// line, after the indentation.
func (p *Pass) keywordSpan(in Instruction) (start, end int, ok bool) {
	line := p.Line(in.Node.StartLine)
	start = len(line) - len(strings.TrimLeft(line, " \t"))
	end = start + len(in.Node.Value)
	if end > len(line) || !strings.EqualFold(line[start:end], in.Node.Value) {
		return 0, 0, false
	}
	return start, end, true
}

// keywordEnd returns where the instruction's keyword ends when a blank
// follows it, the point where flags are inserted.
func (p *Pass) keywordEnd(in Instruction) (int, bool) {
	_, end, ok := p.keywordSpan(in)
	if !ok || end >= len(p.Line(in.Node.StartLine)) {
		return 0, false
	}
	if c := p.Line(in.Node.StartLine)[end]; c != ' ' && c != '\t' {
		return 0, false
	}
	return end, true
}
