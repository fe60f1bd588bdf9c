package transform

import (
	"context"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

// MergeRuns joins consecutive RUNs that only install packages with the
// same manager into one RUN, one layer. It is off unless the policy asks
// for it. The join keeps every line on its number: the first RUN's last
// line gets a line continuation and the next RUN's keyword becomes "&&".
var MergeRuns = &Rule{
	ID:      "MergeRuns",
	Summary: "consecutive package installs with the same manager share one RUN",
	Default: ActionOff,
	Phase:   PhaseMerge,
	Check:   checkMergeRuns,
}

func checkMergeRuns(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, st := range p.UsedStages() {
		for i := 0; i < len(st.Instructions); {
			manager, ok := mergeManager(p, st, i)
			j := i + 1
			for ok && j < len(st.Instructions) && mergeNext(p, st, j, manager) {
				j++
			}
			if j-i > 1 {
				out = append(out, mergeFinding(p, st, i, j, manager))
			}
			i = j
		}
	}
	return out, nil
}

// mergeNext reports whether instruction j of st joins the RUN before it: a
// RUN of the same manager on the very next line.
func mergeNext(p *Pass, st *Stage, j int, manager string) bool {
	m, ok := mergeManager(p, st, j)
	return ok && m == manager && st.Instructions[j-1].Node.EndLine+1 == st.Instructions[j].Node.StartLine
}

// mergeManager returns the package manager of the RUN at instruction i of
// st when the RUN may be joined: shell form without options or heredocs,
// one statement that is not run in the background, without "||", no
// comments, and only that manager's commands.
func mergeManager(p *Pass, st *Stage, i int) (string, bool) {
	in := st.Instructions[i]
	if _, ok := in.Command.(*instructions.RunCommand); !ok || len(in.Node.Flags) > 0 {
		return "", false
	}
	r := p.runScript(st, i)
	if r.Script == nil || r.Exec || r.Heredoc || !r.editable() {
		return "", false
	}
	f := r.Script.File
	if len(f.Stmts) != 1 || f.Stmts[0].Background || f.Stmts[0].Negated || f.Stmts[0].Semicolon.IsValid() ||
		len(f.Last) > 0 || strings.Contains(r.Script.Src, "#") {
		return "", false
	}
	if _, ok := p.keywordEnd(in); !ok {
		return "", false
	}
	manager := ""
	ok := true
	syntax.Walk(f, func(n syntax.Node) bool {
		if b, isBinary := n.(*syntax.BinaryCmd); isBinary && b.Op == syntax.OrStmt {
			ok = false // "a || b" joined as "x && a || b" would run b when x fails
		}
		call, isCall := n.(*syntax.CallExpr)
		if !isCall || !ok {
			return ok
		}
		c := toCommand(call, true).unwrap()
		m := packageManager(c)
		switch {
		case m == "":
			ok = false
		case manager == "":
			manager = m
		case m != manager:
			ok = false
		}
		return false
	})
	return manager, ok && manager != ""
}

// packageManager names the manager that command c runs, or "" when c is
// not a package manager's command. Removing apt's lists counts as apt.
func packageManager(c command) string {
	if len(c.Args) == 0 {
		return ""
	}
	switch name := c.name(); {
	case name == "apt-get" || name == "apt":
		return "apt"
	case name == "apk" || name == "dnf" || name == "yum" || name == "microdnf" || name == "zypper":
		return name
	case name == "rm" && len(c.Args) > 2 && strings.HasPrefix(c.Args[len(c.Args)-1], "/var/lib/apt/lists"):
		return "apt"
	case depIsPip(name):
		return "pip"
	case name == "npm" && len(c.Args) > 2 && (c.Args[1] == "install" || c.Args[1] == "i") &&
		(c.Args[2] == "-g" || c.Args[2] == "--global"):
		return "npm"
	}
	if _, ok := depPipInstall(c); ok {
		return "pip"
	}
	return ""
}

// mergeFinding joins instructions [i, j) of st.
func mergeFinding(p *Pass, st *Stage, i, j int, manager string) Finding {
	first, last := st.Instructions[i].Node, st.Instructions[j-1].Node
	f := Finding{
		Severity: SeverityInfo,
		Location: lineRange(first.StartLine, last.EndLine),
		Message: fmt.Sprintf("%d consecutive RUNs install %s packages, one layer each",
			j-i, manager),
		Fix:  "join them into one RUN with &&",
		Join: lineRange(first.StartLine, last.EndLine),
	}
	for k := i; k < j; k++ {
		n := st.Instructions[k].Node
		if k > i {
			start, _, _ := p.keywordSpan(st.Instructions[k])
			f.Edits = append(f.Edits, Edit{Line: n.StartLine, Start: start, End: start + len(n.Value), Text: "&&"})
		}
		if k < j-1 {
			end := len(strings.TrimRight(p.Line(n.EndLine), " \t"))
			f.Edits = append(f.Edits, Edit{Line: n.EndLine, Start: end, End: end, Text: " " + string(p.Escape)})
		}
	}
	f.Change = fmt.Sprintf("joined the RUNs on lines %d-%d into one layer; each line kept its number",
		first.StartLine, last.EndLine)
	return f
}
