package transform

import (
	"context"
	"fmt"
)

// SudoInRun wants RUN steps to get root from USER, not from sudo.
var SudoInRun = &Rule{
	ID:      "SudoInRun",
	Summary: "RUN does not call sudo; it runs as the USER set before it",
	Default: ActionError,
	Check:   checkSudoInRun,
}

// sudoCommands are the programs that run a command as another user.
var sudoCommands = map[string]bool{"sudo": true, "doas": true}

func checkSudoInRun(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, run := range securityRuns(p) {
		name, ok := sudoUse(run)
		if !ok {
			continue
		}
		out = append(out, sudoFinding(p, run, name))
	}
	return out, nil
}

// sudoUse returns the first sudo-like program a RUN calls, looking through
// the other wrappers (`env X=1 sudo ...`) and into sh -c strings.
func sudoUse(run securityRun) (string, bool) {
	for _, c := range securityCalls(run.Trees) {
		names, _ := c.wrapperNames()
		for _, n := range names {
			if sudoCommands[n] {
				return n, true
			}
		}
	}
	return "", false
}

func sudoFinding(p *Pass, run securityRun, name string) Finding {
	f := Finding{
		Severity: SeverityError,
		Location: nodeRange(run.In.Node),
	}
	user, set := securityUserAt(p, run.St, run.Index)
	switch {
	case set && isRoot(user):
		f.Message = fmt.Sprintf("RUN calls %s, but it already runs as root (USER %s)", name, user)
		f.Fix = "remove `" + name + "`: the step has root already"
	case set:
		f.Message = fmt.Sprintf("RUN calls %s to get root while the stage runs as USER %s", name, user)
		f.Fix = fmt.Sprintf("put `USER root` before this RUN, remove `%s`, and `USER %s` after it",
			name, user)
	default:
		f.Message = fmt.Sprintf("RUN calls %s; a RUN runs as the stage's USER and needs no %s",
			name, name)
		f.Fix = "remove `" + name + "`; if the step needs root, put `USER root` before it " +
			"and switch back to the non-root user after it"
	}
	return f
}
