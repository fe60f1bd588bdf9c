package transform

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// securityRun is a RUN of a used stage read as shell scripts.
type securityRun struct {
	St    *Stage
	Index int
	In    Instruction
	R     *runScript
	// Shell is the program that runs the RUN's own script, and ShellArgs
	// its options: the SHELL, or the #! line of a heredoc script.
	Shell     string
	ShellArgs []string
	Trees     []securityTree
}

// securityRuns returns the RUNs of the used stages that can be read as
// shell scripts. RUNs of stages built on a Windows image are skipped when
// no SHELL applies: their default shell is cmd.
func securityRuns(p *Pass) []securityRun {
	rd := newSecurityReader(p)
	var out []securityRun
	for _, st := range p.UsedStages() {
		for i, in := range st.Instructions {
			if _, ok := in.Command.(*instructions.RunCommand); !ok {
				continue
			}
			if r, ok := rd.read(st, i); ok {
				out = append(out, r)
			}
		}
	}
	return out
}

// securityReader reads RUNs, remembering per stage what the stages it is
// built on decide: the SHELL in force at the stage's start and whether its
// root image is a Windows image. A chain of stages is then read in linear
// time.
type securityReader struct {
	p       *Pass
	shells  map[int][]string // SHELL at the start of a stage; nil: none
	windows map[int]bool
	done    map[int]bool
}

func newSecurityReader(p *Pass) *securityReader {
	return &securityReader{p: p, shells: map[int][]string{}, windows: map[int]bool{},
		done: map[int]bool{}}
}

// start fills the reader's facts about the start of st.
func (rd *securityReader) start(st *Stage) {
	if rd.done[st.Index] {
		return
	}
	rd.done[st.Index] = true
	if base, ok := rd.p.BaseStage(st); ok {
		rd.shells[st.Index] = rd.shellAt(base, len(base.Instructions))
		rd.windows[st.Index] = rd.windows[base.Index]
		return
	}
	rd.windows[st.Index] = rd.p.TargetPlatform().OS == "windows"
	if ref, err := rd.p.FromRef(st); err == nil {
		name := strings.ToLower(ref.Value)
		for _, w := range []string{"windows", "nanoserver", "servercore"} {
			if strings.Contains(name, w) {
				rd.windows[st.Index] = true
			}
		}
	}
}

// shellAt returns the SHELL in force before instruction i of st, or nil
// when no SHELL instruction applies.
func (rd *securityReader) shellAt(st *Stage, i int) []string {
	for j := i - 1; j >= 0; j-- {
		if sh, ok := st.Instructions[j].Command.(*instructions.ShellCommand); ok && len(sh.Shell) > 0 {
			return sh.Shell
		}
	}
	rd.start(st)
	return rd.shells[st.Index]
}

// read reads the RUN at instruction i of st.
func (rd *securityReader) read(st *Stage, i int) (securityRun, bool) {
	r := rd.p.runScript(st, i)
	if r.Script == nil {
		return securityRun{}, false
	}
	sr := securityRun{St: st, Index: i, In: st.Instructions[i], R: r}
	if r.Exec {
		// runScript keeps only the commands of an exec-form RUN; the
		// trees need its syntax.
		sr.Trees = securityTrees(&script{File: execFile(r.Run.CmdLine)}, "")
		return sr, true
	}
	shell := rd.shellAt(st, i)
	if shell == nil {
		rd.start(st)
		if rd.windows[st.Index] {
			return securityRun{}, false
		}
		shell = []string{"/bin/sh", "-c"}
	}
	sr.Shell, sr.ShellArgs = path.Base(shell[0]), shell[1:]
	if interp, args, ok := securityShebang(r); ok {
		sr.Shell, sr.ShellArgs = interp, args
	}
	sr.Trees = securityTrees(r.Script, sr.Shell)
	return sr, true
}

// securityShebang returns the interpreter of a heredoc RUN that BuildKit
// runs as a file, as its #! line names it.
func securityShebang(r *runScript) (string, []string, bool) {
	if !r.Heredoc || len(r.Run.Files) != 1 {
		return "", nil, false
	}
	cmdline := strings.TrimSpace(strings.Join(r.Run.CmdLine, " "))
	data := r.Run.Files[0].Data
	if !strings.HasPrefix(cmdline, "<<") || !strings.HasPrefix(data, "#!") {
		return "", nil, false
	}
	first, _, _ := strings.Cut(data, "\n")
	fields := strings.Fields(strings.TrimPrefix(first, "#!"))
	if len(fields) == 0 {
		return "", nil, false
	}
	interp, args := path.Base(fields[0]), fields[1:]
	if interp == "env" && len(args) > 0 {
		if args[0] == "-S" && len(args) > 1 {
			args = args[1:]
		}
		interp, args = path.Base(args[0]), args[1:]
	}
	return interp, args, true
}

// securityShipped returns the stages whose layers are in the image being
// built: the target and the stages it is built FROM.
func securityShipped(p *Pass) map[int]bool {
	out := map[int]bool{}
	st := p.Target
	for depth := 0; depth <= len(p.Stages); depth++ {
		out[st.Index] = true
		base, ok := p.BaseStage(st)
		if !ok {
			break
		}
		st = base
	}
	return out
}

// securityUserAt returns the user that instruction i of st runs as, as
// the USER instructions before it set it; ok is false when no USER is
// set and the base image's user applies.
func securityUserAt(p *Pass, st *Stage, i int) (string, bool) {
	for depth := 0; depth <= len(p.Stages); depth++ {
		for j := i - 1; j >= 0; j-- {
			u, ok := st.Instructions[j].Command.(*instructions.UserCommand)
			if !ok {
				continue
			}
			if e, err := expand(p.lex, u.User, p.StageEnv(st, j)); err == nil {
				return e.Value, true
			}
			return u.User, true
		}
		base, ok := p.BaseStage(st)
		if !ok {
			return "", false
		}
		st, i = base, len(base.Instructions)
	}
	return "", false
}
