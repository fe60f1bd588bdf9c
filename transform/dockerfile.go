package transform

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/pkg/errors"
)

// Dockerfile is a parsed Dockerfile that keeps its raw lines, so that rules
// can point at them and edit them.
type Dockerfile struct {
	Filename string
	Source   []byte

	// Lines holds the raw lines without their line endings; Lines[0] is
	// line 1.
	Lines []string

	AST      *parser.Node
	Escape   rune
	joined   map[*parser.Node]joinedLine
	MetaArgs []Instruction
	Stages   []*Stage
	Warnings []parser.Warning
}

// Stage is one FROM and the instructions that follow it.
type Stage struct {
	instructions.Stage

	Index        int
	From         *parser.Node
	Instructions []Instruction
}

// Instruction pairs a parsed node with BuildKit's typed command for it.
type Instruction struct {
	Node    *parser.Node
	Command instructions.Command
}

// Parse parses a Dockerfile exactly as BuildKit does. Its errors are
// BuildKit's own, with their line locations.
func Parse(filename string, dt []byte) (*Dockerfile, error) {
	res, err := parser.Parse(bytes.NewReader(dt))
	if err != nil {
		return nil, err
	}

	df := &Dockerfile{
		Filename: filename,
		Source:   dt,
		Lines:    splitLines(dt),
		AST:      res.AST,
		Escape:   res.EscapeToken,
		Warnings: res.Warnings,
	}
	if err := df.build(); err != nil {
		return nil, err
	}
	return df, nil
}

// build mirrors instructions.Parse while keeping each command's node. On
// an error it asks instructions.Parse itself, so the message is BuildKit's.
func (df *Dockerfile) build() error {
	for _, n := range df.AST.Children {
		cmd, err := instructions.ParseInstruction(n)
		if err != nil {
			if _, _, perr := instructions.Parse(df.AST, nil); perr != nil {
				return perr
			}
			return parser.WithLocation(err, n.Location())
		}

		switch c := cmd.(type) {
		case *instructions.Stage:
			df.Stages = append(df.Stages, &Stage{Stage: *c, Index: len(df.Stages), From: n})
		case instructions.Command:
			in := Instruction{Node: n, Command: c}
			if len(df.Stages) == 0 {
				if _, ok := c.(*instructions.ArgCommand); !ok {
					if _, _, err := instructions.Parse(df.AST, nil); err != nil {
						return err
					}
					return parser.WithLocation(errors.New("no build stage in current context"), n.Location())
				}
				df.MetaArgs = append(df.MetaArgs, in)
				continue
			}
			st := df.Stages[len(df.Stages)-1]
			st.Instructions = append(st.Instructions, in)
		default:
			return parser.WithLocation(errors.Errorf("unexpected instruction %T", cmd), n.Location())
		}
	}
	return nil
}

// Line returns line n (1-based) of the raw source, or "" past the end.
func (df *Dockerfile) Line(n int) string {
	if n < 1 || n > len(df.Lines) {
		return ""
	}
	return df.Lines[n-1]
}

// StageBefore finds the stage that name refers to from the stage at index
// before, as BuildKit does: names are case-insensitive, only earlier stages
// count, and for COPY --from a number names the stage at that index.
func (df *Dockerfile) StageBefore(name string, before int, allowIndex bool) (*Stage, bool) {
	for _, st := range df.Stages[:before] {
		if st.Name != "" && strings.EqualFold(st.Name, name) {
			return st, true
		}
	}
	if i, err := strconv.Atoi(name); allowIndex && err == nil && i >= 0 && i < before {
		return df.Stages[i], true
	}
	return nil, false
}

// splitLines splits dt into lines without their "\n" or "\r\n" endings.
func splitLines(dt []byte) []string {
	s := strings.TrimSuffix(string(dt), "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}
