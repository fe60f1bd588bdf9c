package transform

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// WritableExecutables wants files the image runs to be writable by their
// owner only, and owned by root.
var WritableExecutables = &Rule{
	ID:      "WritableExecutables",
	Summary: "no group- or world-writable modes, and executables owned by root",
	Default: ActionError,
	Check:   checkWritable,
}

const writableHint = "drop the group and other write bits: use 755 for executables and " +
	"directories, 644 for other files (or u+w instead of a+w, g+w, o+w)"

func checkWritable(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			switch c := in.Command.(type) {
			case *instructions.CopyCommand:
				out = append(out, copyModeFindings(in, "COPY", c.Chmod, c.Chown, c.DestPath)...)
			case *instructions.AddCommand:
				out = append(out, copyModeFindings(in, "ADD", c.Chmod, c.Chown, c.DestPath)...)
			case *instructions.RunCommand:
				out = append(out, chmodFindings(p, st, i)...)
			}
		}
	}
	return out, nil
}

func copyModeFindings(in Instruction, kw, chmod, chown, dest string) []Finding {
	var out []Finding
	if chmod != "" && writableMode(chmod) {
		out = append(out, Finding{
			Severity: SeverityError,
			Location: nodeRange(in.Node),
			Message:  fmt.Sprintf("%s --chmod=%s makes files writable by group or others", kw, chmod),
			Fix:      writableHint,
		})
	}
	if chown != "" && !isRoot(chown) && binPath(dest) {
		out = append(out, Finding{
			Severity: SeverityWarning,
			Location: nodeRange(in.Node),
			Message:  fmt.Sprintf("%s --chown=%s gives executables in %s to a non-root user, who can then replace them", kw, chown, dest),
			Fix:      "leave executables owned by root; the user only needs to run them",
		})
	}
	return out
}

func chmodFindings(p *Pass, st *Stage, i int) []Finding {
	r := p.runScript(st, i)
	if r.Script == nil {
		return nil
	}
	var out []Finding
	for _, c := range r.Script.Commands {
		c = c.unwrap()
		if c.name() != "chmod" {
			continue
		}
		if j := modeArg(c); j > 0 && writableMode(c.Args[j]) {
			a := c.Args[j]
			out = append(out, Finding{
				Severity: SeverityError,
				Location: nodeRange(st.Instructions[i].Node),
				Message:  fmt.Sprintf("chmod %s makes files writable by group or others", a),
				Fix:      writableHint,
			})
		}
	}
	return out
}

// modeArg returns the index of chmod's mode: its first literal argument
// that is not an option.
func modeArg(c command) int {
	for j := 1; j < len(c.Args); j++ {
		a := c.Args[j]
		if !c.Lit[j] {
			return -1
		}
		if !strings.HasPrefix(a, "-") || writableMode(strings.TrimPrefix(a, "-")) {
			return j
		}
	}
	return -1
}

// writableMode reports whether a chmod mode, octal or symbolic, gives
// write permission to group or others.
func writableMode(mode string) bool {
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil {
		return len(mode) >= 3 && n&0o022 != 0
	}
	if strings.HasPrefix(mode, "-") {
		return false
	}
	for clause := range strings.SplitSeq(mode, ",") {
		i := strings.IndexAny(clause, "+=")
		if i < 0 {
			continue
		}
		who, perms := clause[:i], clause[i+1:]
		if strings.ContainsAny(who, "goa") && strings.Contains(perms, "w") {
			return true
		}
	}
	return false
}

// binPath reports whether dest is a directory of executables.
func binPath(dest string) bool {
	for _, part := range strings.Split(path.Clean(dest), "/") {
		if part == "bin" || part == "sbin" {
			return true
		}
	}
	return false
}
