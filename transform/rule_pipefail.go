package transform

import (
	"context"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Pipefail wants a RUN whose script pipes one command into another to
// fail when any command of the pipe fails, not only the last.
var Pipefail = &Rule{
	ID:      "Pipefail",
	Summary: "RUN steps with a pipe set -o pipefail, so a failing command fails the step",
	Default: ActionFix,
	Check:   checkPipefail,
}

const (
	pipefailInsert    = "set -o pipefail && "
	pipefailShellHint = "if the image has bash, put `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", " +
		"\"-c\"]` before this RUN (busybox ash also accepts `set -o pipefail`); otherwise " +
		"write the first command's output to a file and read it in a second command"
)

// pipefailShells are the shells that know `set -o pipefail`. POSIX sh
// only gained it in 2024; dash and older shells reject it.
var pipefailShells = map[string]bool{"bash": true, "zsh": true, "ksh": true, "mksh": true}

// pipefailSafe are commands whose failure in a pipe is not worth a
// finding: they only produce text.
var pipefailSafe = map[string]bool{
	"echo": true, "printf": true, "yes": true, "true": true, ":": true,
}

func checkPipefail(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, run := range securityRuns(p) {
		for _, t := range run.Trees {
			if !t.Nested && run.R.Exec {
				continue // no shell runs an exec-form RUN
			}
			if f, ok := pipefailTree(run, t); ok {
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// pipefailTree reports the first pipe of a script that runs without
// pipefail.
func pipefailTree(run securityRun, t securityTree) (Finding, bool) {
	shell, args := t.Shell, t.ShellArgs
	if !t.Nested {
		shell, args = run.Shell, run.ShellArgs
	}
	if pipefailOption(args) {
		return Finding{}, false
	}
	pipes := pipefailUnprotected(t.File)
	if len(pipes) == 0 {
		return Finding{}, false
	}

	left, right := pipefailEnds(pipes[0])
	f := Finding{
		Severity: SeverityWarning,
		Location: nodeRange(run.In.Node),
		Message: fmt.Sprintf("RUN pipes %s into %s without pipefail: if %s fails, "+
			"the step still succeeds", left, right, left),
	}
	sigpipe, early := pipefailEarlyExit(pipes)
	caveat := ""
	if sigpipe {
		caveat = fmt.Sprintf(" (careful: `%s` can stop reading early, and under pipefail "+
			"the command before it then fails with SIGPIPE)", early)
	}
	switch {
	case t.Nested:
		f.Message = fmt.Sprintf("a pipe of %s into %s inside `%s -c '...'` runs without "+
			"pipefail: if %s fails, the step still succeeds", left, right, t.Shell, left)
		f.Fix = "start the string with `set -o pipefail && `" + caveat
		if !pipefailShells[shell] {
			f.Fix = "run the string with `bash -o pipefail -c` if the image has bash" + caveat
		}
	case !pipefailShells[shell]:
		f.Message += fmt.Sprintf("; its shell, %s, has no portable pipefail", shell)
		f.Fix = pipefailShellHint + caveat
	case shell != "bash":
		f.Fix = "add `set -o pipefail` at the start of the script (not rewritten: only " +
			"bash scripts are rewritten)" + caveat
	case run.R.Heredoc:
		f.Fix = "add `set -o pipefail` at the start of the script" + caveat + why(run.R)
	default:
		f.Fix = "start the RUN with `" + pipefailInsert + "`"
		if sigpipe {
			f.Fix += fmt.Sprintf(" once `%s` cannot make it fail (not rewritten: `%s` can stop "+
				"reading early, and under pipefail the command before it then fails "+
				"with SIGPIPE)", early, early)
			break
		}
		if e, ok := pipefailEdit(run.R); ok {
			f.Severity = SeverityError
			f.Edits = []Edit{e}
			f.Change = "inserted `" + pipefailInsert + "` at the start of the RUN"
		} else {
			f.Fix += why(run.R)
		}
	}
	return f, true
}

// pipefailEdit inserts `set -o pipefail && ` before the script, when the
// result still parses as bash.
func pipefailEdit(r *runScript) (Edit, bool) {
	if !r.editable() {
		return Edit{}, false
	}
	if _, err := parseShell(pipefailInsert+r.Script.Src, true); err != nil {
		return Edit{}, false
	}
	return r.insert(0, pipefailInsert), true
}

// pipefailOption reports whether shell options turn pipefail on: -o
// pipefail, alone or after a group such as -euxo.
func pipefailOption(args []string) bool {
	for i := 0; i+1 < len(args); i++ {
		a := args[i]
		if args[i+1] != "pipefail" {
			continue
		}
		short := strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--")
		if short && strings.HasSuffix(a, "o") {
			return true
		}
	}
	return false
}

// pipefailUnprotected returns the pipes of a script that no earlier
// `set -o pipefail` covers and whose failing side can fail at all.
func pipefailUnprotected(f *syntax.File) []*syntax.BinaryCmd {
	var sets []syntax.Pos
	syntax.Walk(f, func(n syntax.Node) bool {
		if call, ok := n.(*syntax.CallExpr); ok && len(call.Args) > 0 {
			c := toCommand(call, false)
			if c.name() == "set" && pipefailOption(c.Args[1:]) {
				sets = append(sets, call.Pos())
			}
		}
		return true
	})

	var out []*syntax.BinaryCmd
	for _, b := range securityPipelines(f) {
		covered := false
		for _, s := range sets {
			if s.Offset() < b.Pos().Offset() {
				covered = true
			}
		}
		if !covered && !pipefailHarmless(b) {
			out = append(out, b)
		}
	}
	return out
}

// pipefailHarmless reports whether every command before the last of a
// pipe only prints text (echo "$SUM file" | sha256sum -c).
func pipefailHarmless(b *syntax.BinaryCmd) bool {
	elems := securityPipeline(b)
	for _, e := range elems[:len(elems)-1] {
		if _, ok := e.Cmd.(*syntax.CallExpr); !ok {
			if _, ok := e.Cmd.(*syntax.Block); !ok {
				return false
			}
		}
		// A { echo a; echo b; } block counts as one printer.
		unsafe := securityContains(e, func(c command) bool { return !pipefailSafe[c.name()] })
		if unsafe || pipefailHasSubst(e) {
			return false
		}
	}
	return true
}

// pipefailHasSubst reports whether a node runs a command substitution,
// whose commands can fail inside an echo.
func pipefailHasSubst(n syntax.Node) bool {
	found := false
	syntax.Walk(n, func(m syntax.Node) bool {
		switch m.(type) {
		case *syntax.CmdSubst, *syntax.ProcSubst:
			found = true
		}
		return !found
	})
	return found
}

// pipefailEnds names the first and last commands of a pipe.
func pipefailEnds(b *syntax.BinaryCmd) (string, string) {
	elems := securityPipeline(b)
	name := func(s *syntax.Stmt) string {
		if c, ok := securityStmtCall(s); ok {
			return "`" + c.name() + "`"
		}
		return "a compound command"
	}
	return name(elems[0]), name(elems[len(elems)-1])
}

// pipefailEarlyExit reports whether a pipe ends in a reader that can stop
// before its input ends (head, grep -q), which under pipefail makes the
// writer fail with SIGPIPE; it returns that reader's name.
func pipefailEarlyExit(pipes []*syntax.BinaryCmd) (bool, string) {
	for _, b := range pipes {
		elems := securityPipeline(b)
		for _, e := range elems[1:] {
			c, ok := securityStmtCall(e)
			if ok && pipefailStopsEarly(c) {
				return true, c.name()
			}
		}
	}
	return false, ""
}

func pipefailStopsEarly(c command) bool {
	switch c.name() {
	case "head":
		return true
	case "grep", "egrep", "fgrep":
		for _, a := range c.Args[1:] {
			switch {
			case a == "--quiet" || a == "--silent" || a == "--files-with-matches" ||
				strings.HasPrefix(a, "--max-count"):
				return true
			case strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.ContainsAny(a, "qlm"):
				return true
			}
		}
	}
	return false
}
