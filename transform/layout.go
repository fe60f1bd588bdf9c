package transform

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/pkg/errors"
)

// Phase orders the rules whose fixes change what the other rules see. The
// engine runs the phases in the order of phases, applying each one's fixes
// before the next phase reads the file, so that every rule judges the
// Dockerfile as BuildKit will build it.
type Phase int

const (
	// PhaseRules is every rule's phase but the optimisations below.
	PhaseRules Phase = iota
	// PhaseMerge joins RUN instructions (MergeRuns).
	PhaseMerge
	// PhaseMounts adds cache mounts (CacheMounts); the rules that honour
	// mounts then see them.
	PhaseMounts
	// PhaseBuilt is the phase of rules that judge the built image rather
	// than the Dockerfile (BuiltImage): the engine does not run them; the
	// frontend does, after the build is solved.
	PhaseBuilt
)

var phases = []Phase{PhaseMerge, PhaseMounts, PhaseRules}

// Move is a fix that reorders lines besides editing them: the lines from
// Start up to Split move below the lines from Split to End, each block
// keeping its own order. It is the one kind of fix that moves lines; the
// lines outside [Start, End] keep their numbers.
type Move struct {
	Start, Split, End int // 1-based; End is inclusive
}

// line returns the line of the input that ends up on line n of the output.
func (m Move) line(n int) int {
	if n < m.Start || n > m.End {
		return n
	}
	below := m.End - m.Split + 1 // the lines that move up
	if n < m.Start+below {
		return n + m.Split - m.Start
	}
	return n - below
}

// to returns the output line that line n of the input moves to.
func (m Move) to(n int) int {
	switch {
	case n < m.Start || n > m.End:
		return n
	case n < m.Split:
		return n + m.End - m.Split + 1
	}
	return n - (m.Split - m.Start)
}

func (m Move) overlaps(o Move) bool {
	return m.Start <= o.End && o.Start <= m.End
}

// applyMoves reorders the lines of src.
func applyMoves(src []byte, moves []Move) []byte {
	if len(moves) == 0 {
		return src
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	out := make([][]byte, len(lines))
	for n := range lines {
		from := n + 1
		for _, m := range moves {
			from = m.line(from)
		}
		line := lines[from-1]
		// A moved last line without its line break gets one, and the
		// line that becomes the last keeps the file's ending.
		if n < len(lines)-1 && !bytes.HasSuffix(line, []byte("\n")) {
			line = append(slices.Clip(line), eol(lines[0])...)
		}
		out[n] = line
	}
	if last := lines[len(lines)-1]; !bytes.HasSuffix(last, []byte("\n")) {
		out[len(out)-1] = bytes.TrimRight(out[len(out)-1], "\r\n")
	}
	return bytes.Join(out, nil)
}

// eol returns the line break that line ends with, "\n" when it has none.
func eol(line []byte) []byte {
	if bytes.HasSuffix(line, []byte("\r\n")) {
		return []byte("\r\n")
	}
	return []byte("\n")
}

// wantShape returns the line ranges that df's instructions should have
// after fixes that join the instructions in each of joins into one and
// make moves.
func wantShape(df *Dockerfile, joins []parser.Range, moves []Move) [][2]int {
	var out [][2]int
	for _, n := range df.AST.Children {
		r := [2]int{n.StartLine, n.EndLine}
		joined := false
		for _, j := range joins {
			if r[0] >= j.Start.Line && r[1] <= j.End.Line {
				if r[0] != j.Start.Line {
					joined = true // part of the instruction that starts the range
				} else {
					r[1] = j.End.Line
				}
			}
		}
		if joined {
			continue
		}
		for _, m := range moves {
			r = [2]int{m.to(r[0]), m.to(r[1])}
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

// checkShape parses the fixed source and checks that its instructions lie
// on the lines want gives.
func checkShape(df *Dockerfile, out []byte, want [][2]int) (*Dockerfile, error) {
	fixed, err := Parse(df.Filename, out)
	if err != nil {
		return nil, err
	}
	got := fixed.AST.Children
	if len(got) != len(want) {
		return nil, errors.Errorf("has %d instructions instead of %d", len(got), len(want))
	}
	for i, n := range got {
		if n.StartLine != want[i][0] || n.EndLine != want[i][1] {
			return nil, errors.New(fmt.Sprintf("the instruction on lines %d-%d is on lines %d-%d",
				want[i][0], want[i][1], n.StartLine, n.EndLine))
		}
	}
	return fixed, nil
}
