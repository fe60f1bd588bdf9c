package transform

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// SetuidBits wants no file of the image to gain the setuid or setgid bit.
var SetuidBits = &Rule{
	ID:      "SetuidBits",
	Summary: "no setuid or setgid bits set by chmod, install or COPY --chmod",
	Default: ActionFix,
	Check:   checkSetuidBits,
}

const setuidHint = "drop the s bit (e.g. 0755 instead of 4755, or no u+s); if the program " +
	"needs one privilege, grant it a file capability with setcap, or run that step as root"

func checkSetuidBits(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for _, in := range st.Instructions {
			switch c := in.Command.(type) {
			case *instructions.CopyCommand:
				out = append(out, setuidCopy(in, "COPY", c.Chmod)...)
			case *instructions.AddCommand:
				out = append(out, setuidCopy(in, "ADD", c.Chmod)...)
			}
		}
	}
	for _, run := range securityRuns(p) {
		out = append(out, setuidRun(run)...)
	}
	return out, nil
}

func setuidCopy(in Instruction, kw, chmod string) []Finding {
	uid, gid := setuidMode(chmod)
	if !uid && !gid {
		return nil
	}
	return []Finding{{
		Severity: SeverityError,
		Location: nodeRange(in.Node),
		Message:  fmt.Sprintf("%s --chmod=%s sets the %s bit", kw, chmod, setuidWhich(uid, gid)),
		Fix:      setuidHint,
	}}
}

func setuidWhich(uid, gid bool) string {
	switch {
	case uid && gid:
		return "setuid and setgid"
	case uid:
		return "setuid"
	}
	return "setgid"
}

// setuidRun reports the chmod, install and mkdir commands of a RUN that
// set the bits. A setgid bit only on directories that the RUN itself
// makes with mkdir is a warning: there it makes new files inherit the
// directory's group and grants no privilege.
func setuidRun(run securityRun) []Finding {
	var out []Finding
	calls := securityCalls(run.Trees)
	made := map[string]bool{}
	for _, c := range calls {
		c = c.unwrap()
		mode, targets, recursive, dirs, ok := setuidModeArg(c)
		if c.name() == "mkdir" {
			for _, t := range targets {
				made[path.Clean(t)] = true
			}
		}
		if !ok {
			continue
		}
		uid, gid := setuidMode(mode)
		if !uid && !gid {
			continue
		}
		f := Finding{
			Severity: SeverityError,
			Location: nodeRange(run.In.Node),
			Message: fmt.Sprintf("%s %s sets the %s bit on %s", c.name(), mode,
				setuidWhich(uid, gid), setuidTargets(targets)),
			Fix: setuidHint,
		}
		if !uid && !recursive && (dirs || setuidAllMade(targets, made)) {
			f.Severity = SeverityWarning
			f.Message = fmt.Sprintf("%s %s sets the setgid bit on the directory %s", c.name(), mode,
				setuidTargets(targets))
			f.Fix = "setgid on a directory only makes new files inherit its group; " +
				"if that is the intent, nothing grants privileges here"
		}
		out = append(out, f)
	}
	return out
}

func setuidTargets(targets []string) string {
	if len(targets) == 0 {
		return "its operands"
	}
	if len(targets) > 3 {
		return strings.Join(targets[:3], " ") + " ..."
	}
	return strings.Join(targets, " ")
}

func setuidAllMade(targets []string, made map[string]bool) bool {
	if len(targets) == 0 {
		return false
	}
	for _, t := range targets {
		if t == "" || !made[path.Clean(t)] {
			return false
		}
	}
	return true
}

// setuidModeArg returns the mode a chmod, install or mkdir command sets,
// its literal targets ("" for one written with variables), whether it
// recurses, and whether its targets are directories it makes.
func setuidModeArg(c command) (mode string, targets []string, recursive, dirs, ok bool) {
	name := c.name()
	switch name {
	case "chmod", "install", "mkdir":
	default:
		return "", nil, false, false, false
	}
	dirs = name == "mkdir"
	seen := false // chmod's mode operand was read, maybe as a variable
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case !c.Lit[i]:
			if seen || name != "chmod" {
				targets = append(targets, "")
			}
			seen = true
		case a == "--":
			for _, t := range c.Args[i+1:] {
				targets = append(targets, t)
			}
			i = len(c.Args)
		case name != "chmod" && (a == "-m" || a == "--mode") && i+1 < len(c.Args):
			mode = c.Args[i+1]
			i++
		case name != "chmod" && strings.HasPrefix(a, "--mode="):
			mode = strings.TrimPrefix(a, "--mode=")
		case name != "chmod" && strings.HasPrefix(a, "-m") && !strings.HasPrefix(a, "--"):
			mode = a[2:]
		case name == "install" && (a == "-d" || a == "--directory"):
			dirs = true
		case name == "install" && (len(a) == 2 && strings.Contains("gotS", a[1:]) ||
			setuidInstallValued[a]):
			i++ // the option's value
		case name == "chmod" && (a == "-R" || a == "--recursive"):
			recursive = true
		case strings.HasPrefix(a, "--"):
		case name == "chmod" && !seen && strings.HasPrefix(a, "-") && setuidSymbolic(a):
			mode, seen = a, true // a removal such as -s
		case strings.HasPrefix(a, "-"):
			if name == "chmod" && strings.Contains(a, "R") {
				recursive = true
			}
		case name == "chmod" && !seen:
			mode, seen = a, true
		default:
			targets = append(targets, a)
		}
	}
	return mode, targets, recursive, dirs, mode != ""
}

// setuidInstallValued are install's long options that take the next
// word as their value.
var setuidInstallValued = map[string]bool{
	"--owner": true, "--group": true, "--suffix": true, "--target-directory": true,
	"--strip-program": true,
}

// setuidSymbolic reports whether s looks like a symbolic mode.
func setuidSymbolic(s string) bool {
	return s != "" && strings.Trim(s, "ugoa+-=rwxXst,") == "" && strings.ContainsAny(s, "+-=")
}

// setuidMode reports whether a chmod mode, octal or symbolic, sets the
// setuid or setgid bit. Removals (u-s) and the sticky bit do not count.
func setuidMode(mode string) (uid, gid bool) {
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil {
		return n&0o4000 != 0, n&0o2000 != 0
	}
	if !setuidSymbolic(mode) {
		return false, false
	}
	for clause := range strings.SplitSeq(mode, ",") {
		i := strings.IndexAny(clause, "+-=")
		if i < 0 {
			continue
		}
		who, ops := clause[:i], clause[i:]
		all := who == "" || strings.Contains(who, "a")
		op := byte(0)
		for j := 0; j < len(ops); j++ {
			switch ch := ops[j]; ch {
			case '+', '-', '=':
				op = ch
			case 's':
				if op == '-' {
					continue
				}
				uid = uid || all || strings.Contains(who, "u")
				gid = gid || all || strings.Contains(who, "g")
			}
		}
	}
	return uid, gid
}
