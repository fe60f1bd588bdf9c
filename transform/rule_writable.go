package transform

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// WritableExecutables wants files the image runs to be writable by their
// owner only, and owned by root.
var WritableExecutables = &Rule{
	ID:      "WritableExecutables",
	Summary: "nothing writable by others, executables not writable by their group, owned by root",
	Default: ActionFix,
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
	if chmod != "" {
		if f, ok := modeFinding(in.Node, kw+" --chmod="+chmod, chmod, []string{dest}); ok {
			out = append(out, f)
		}
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
		j := modeArg(c)
		if j <= 0 {
			continue
		}
		mode := c.Args[j]
		if f, ok := modeFinding(st.Instructions[i].Node, "chmod "+mode, mode, c.Args[j+1:]); ok {
			out = append(out, f)
		}
	}
	return out
}

// modeFinding judges a mode given to paths. Write for others is an error,
// but a warning with the sticky bit, the mode of shared scratch space such
// as /tmp. Write for the group alone is an error only for executables
// (a mode with execute bits, or a bin directory): group-writable data
// directories are how images support random UIDs in group 0.
func modeFinding(n *parser.Node, what, mode string, paths []string) (Finding, bool) {
	m, ok := readMode(mode)
	if !ok {
		return Finding{}, false
	}
	f := Finding{Severity: SeverityError, Location: nodeRange(n), Fix: writableHint}
	switch {
	case m.other && m.sticky:
		f.Severity = SeverityWarning
		f.Message = what + " makes a directory writable by everyone (with the sticky bit)"
		f.Fix = "keep world-writable sticky directories to scratch space such as /tmp, " +
			"never a directory of executables or one in PATH"
	case m.other:
		f.Message = what + " makes files writable by others"
	case m.group && (m.exec || anyBinPath(paths)):
		f.Message = what + " makes executables writable by their group"
	default:
		return Finding{}, false
	}
	return f, true
}

// modeBits is what a chmod mode gives.
type modeBits struct {
	other, group, sticky, exec bool
}

// readMode reads an octal or symbolic chmod mode. Symbolic clauses that
// remove bits, and ones with no "who" (which depend on the umask), add
// nothing.
func readMode(mode string) (modeBits, bool) {
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil {
		if len(mode) < 3 {
			return modeBits{}, false
		}
		return modeBits{
			other:  n&0o002 != 0,
			group:  n&0o020 != 0,
			sticky: n&0o1000 != 0,
			exec:   n&0o111 != 0,
		}, true
	}
	if strings.HasPrefix(mode, "-") {
		return modeBits{}, false
	}
	var m modeBits
	for clause := range strings.SplitSeq(mode, ",") {
		i := strings.IndexAny(clause, "+=")
		if i < 0 {
			continue
		}
		who, perms := clause[:i], clause[i+1:]
		w := strings.Contains(perms, "w")
		m.other = m.other || w && strings.ContainsAny(who, "oa")
		m.group = m.group || w && strings.ContainsAny(who, "ga")
		m.sticky = m.sticky || strings.Contains(perms, "t")
		m.exec = m.exec || strings.ContainsAny(perms, "xX") && who != ""
	}
	return m, true
}

// writableMode reports whether a chmod mode, octal or symbolic, gives
// write permission to group or others.
func writableMode(mode string) bool {
	m, ok := readMode(mode)
	return ok && (m.other || m.group)
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

func anyBinPath(paths []string) bool {
	for _, p := range paths {
		if binPath(p) {
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
