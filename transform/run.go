package transform

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// runScript is what a RUN instruction runs, read as a shell would.
type runScript struct {
	Run *instructions.RunCommand
	// Script is nil when the RUN's program cannot be read as a shell
	// script (a SHELL such as PowerShell, or a script that does not parse).
	Script *script
	// Heredoc and Exec tell the forms that are never edited.
	Heredoc, Exec bool

	line   logical
	offset int // where Script.Src starts in line.Text
	edit   bool
}

// editable reports whether edits found in Script may be made in the
// Dockerfile's lines.
func (r *runScript) editable() bool {
	return r.edit
}

// insert returns an edit that inserts text before byte i of Script.Src.
func (r *runScript) insert(i int, text string) Edit {
	return r.line.at(r.offset+i, text)
}

// runScript reads instruction i of st, which must be a RUN. Rules share
// the reading: it is made once per RUN.
func (p *Pass) runScript(st *Stage, i int) *runScript {
	n := st.Instructions[i].Node
	if r, ok := p.scripts[n]; ok {
		return r
	}
	r := p.readRun(st, i)
	p.scripts[n] = r
	return r
}

func (p *Pass) readRun(st *Stage, i int) *runScript {
	in := st.Instructions[i]
	run := in.Command.(*instructions.RunCommand)
	r := &runScript{Run: run}

	if !run.PrependShell {
		r.Exec = true
		r.Script = &script{Commands: commandsOf(execFile(run.CmdLine), false, false, 0)}
		return r
	}

	shell := p.shellAt(st, i)
	if !shells[path.Base(shell[0])] {
		return r
	}
	bash := path.Base(shell[0]) == "bash"
	cmdline := strings.Join(run.CmdLine, " ")

	if len(run.Files) > 0 {
		r.Heredoc = true
		src, isBash, ok := heredocScript(cmdline, run.Files, bash)
		if ok {
			r.Script, _ = parseShell(src, isBash)
		}
		return r
	}

	r.Script, _ = parseShell(cmdline, bash)
	if r.Script == nil {
		return r
	}
	if l, ok := p.join(in.Node); ok {
		trimmed := strings.TrimRight(l.Text, " \t")
		if strings.HasSuffix(trimmed, cmdline) {
			r.line, r.offset, r.edit = l, len(trimmed)-len(cmdline), true
		}
	}
	return r
}

// shellAt returns the shell a RUN at instruction i of st runs with.
func (p *Pass) shellAt(st *Stage, i int) []string {
	for j := i - 1; j >= 0; j-- {
		if sh, ok := st.Instructions[j].Command.(*instructions.ShellCommand); ok && len(sh.Shell) > 0 {
			return sh.Shell
		}
	}
	if base, ok := p.BaseStage(st); ok {
		return p.shellAt(base, len(base.Instructions))
	}
	return []string{"/bin/sh", "-c"}
}

// heredocScript returns the script a heredoc RUN runs: the heredoc itself
// when the RUN is only "<<EOF" (BuildKit runs it as a file, so its #! line
// chooses the interpreter), or the command line with its heredocs.
func heredocScript(cmdline string, files []instructions.ShellInlineFile, bash bool) (string, bool, bool) {
	if strings.HasPrefix(strings.TrimSpace(cmdline), "<<") && len(files) == 1 {
		data := files[0].Data
		if !strings.HasPrefix(data, "#!") {
			return data, bash, true
		}
		first, _, _ := strings.Cut(data, "\n")
		fields := strings.Fields(strings.TrimPrefix(first, "#!"))
		if len(fields) == 0 {
			return "", false, false
		}
		interp := path.Base(fields[0])
		if interp == "env" && len(fields) > 1 {
			interp = path.Base(fields[1])
		}
		return data, interp == "bash", shells[interp]
	}

	var b strings.Builder
	b.WriteString(cmdline)
	b.WriteString("\n")
	for _, f := range files {
		b.WriteString(f.Data)
		if !strings.HasSuffix(f.Data, "\n") {
			b.WriteString("\n")
		}
		b.WriteString(f.Name)
		b.WriteString("\n")
	}
	return b.String(), bash, true
}
