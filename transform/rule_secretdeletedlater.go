package transform

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

// SecretDeletedLater finds secret files that one instruction adds and a
// later RUN removes: the removal hides the file, but the earlier layer
// still holds it.
var SecretDeletedLater = &Rule{
	ID:      "SecretDeletedLater",
	Summary: "a secret file removed by a later RUN is still in the layer that added it",
	Default: ActionFix,
	Check:   checkSecretDeletedLater,
}

// secretAdd is a secret file that an instruction put in a layer.
type secretAdd struct {
	path string // canonical: absolute, or under "~" for root's home
	kind string
	what string // "COPY of .npmrc", "RUN writing ~/.npmrc"
	in   Instruction
}

func checkSecretDeletedLater(_ context.Context, p *Pass) ([]Finding, error) {
	shipped := securityShipped(p)
	// after holds the secrets each stage ends with; a stage built FROM
	// another starts with them. Bases come first in UsedStages.
	after := map[int][]secretAdd{}
	found := map[int]int{} // line of the adding instruction -> index in out
	rd := newSecurityReader(p)
	var out []Finding
	for _, st := range p.UsedStages() {
		var adds []secretAdd
		if base, ok := p.BaseStage(st); ok {
			adds = slices.Clone(after[base.Index])
		}
		var fs []Finding
		after[st.Index], fs = secretDeletions(rd, st, adds)
		for _, f := range fs {
			if !shipped[st.Index] {
				f.Severity = SeverityWarning
			}
			line := f.Location.Start.Line
			if j, ok := found[line]; ok {
				if f.Severity > out[j].Severity {
					out[j] = f
				}
				continue
			}
			found[line] = len(out)
			out = append(out, f)
		}
	}
	return out, nil
}

// secretDeletions walks the instructions of st, which starts with the
// secrets adds of its base, and reports each added secret that a later RUN
// removes. It returns the secrets st ends with.
func secretDeletions(rd *securityReader, st *Stage, adds []secretAdd) ([]secretAdd, []Finding) {
	var out []Finding
	workdir := "/"
	for i, in := range st.Instructions {
		switch c := in.Command.(type) {
		case *instructions.WorkdirCommand:
			workdir = secretWorkdir(rd.p, st, i, workdir, c.Path)
		case *instructions.CopyCommand, *instructions.AddCommand:
			adds = append(adds, secretCopyAdds(in, workdir)...)
		case *instructions.RunCommand:
			run, ok := rd.read(st, i)
			if !ok {
				continue
			}
			writes, removes := secretRunPaths(run, workdir)
			kept := adds[:0]
			for _, a := range adds {
				if rm, ok := secretRemoved(a.path, removes); ok {
					out = append(out, secretDeletedFinding(a, rm, in))
					continue
				}
				kept = append(kept, a)
			}
			adds = kept
			for _, w := range writes {
				if _, gone := secretRemoved(w.path, removes); !gone {
					w.in = in
					adds = append(adds, w)
				}
			}
		}
	}
	return adds, out
}

func secretDeletedFinding(a secretAdd, rm string, by Instruction) Finding {
	return Finding{
		Severity: SeverityError,
		Location: nodeRange(a.in.Node),
		Message: fmt.Sprintf("%s adds %s, which `%s` on line %d removes too late: "+
			"the file stays in this instruction's layer", a.what, a.kind, rm, by.Node.StartLine),
		Fix: "do not write the file into a layer: use `RUN --mount=type=secret,id=NAME,target=" +
			secretDisplay(a.path) + "` in the RUN that needs it (`docker buildx build --secret " +
			"id=NAME,src=FILE`)",
	}
}

func secretDisplay(p string) string {
	if strings.HasPrefix(p, "~") {
		return "/root" + strings.TrimPrefix(p, "~")
	}
	return p
}

// secretWorkdir returns the working directory after a WORKDIR.
func secretWorkdir(p *Pass, st *Stage, i int, cur, dir string) string {
	if e, err := expand(p.lex, dir, p.StageEnv(st, i)); err == nil {
		dir = e.Value
	}
	if !path.IsAbs(dir) {
		dir = path.Join(cur, dir)
	}
	return path.Clean(dir)
}

// secretCanon makes a path comparable: relative paths are read from dir,
// and root's home is written "~".
func secretCanon(p, dir string) string {
	if p == "" {
		return ""
	}
	if !strings.HasPrefix(p, "~") && !path.IsAbs(p) {
		p = path.Join(dir, p)
	}
	p = path.Clean(p)
	if p == "/root" || strings.HasPrefix(p, "/root/") {
		p = "~" + strings.TrimPrefix(p, "/root")
	}
	return p
}

func secretCopyAdds(in Instruction, workdir string) []secretAdd {
	kw, srcs, dest, _ := secretCopyArgs(in)
	if len(srcs) == 1 && secretPublicDest(dest) {
		return nil
	}
	var out []secretAdd
	for _, s := range srcs {
		if kind, ok := securitySecretFile(s); ok {
			p := secretDestPath(s, dest, workdir, len(srcs) > 1)
			out = append(out, secretAdd{path: secretCanon(p, "/"), kind: kind,
				what: kw + " of " + s, in: in})
		}
	}
	if len(out) == 0 && len(srcs) <= 1 && !strings.HasSuffix(dest, "/") {
		if kind, ok := securitySecretFile(dest); ok {
			out = append(out, secretAdd{path: secretCanon(dest, workdir), kind: kind,
				what: kw + " to " + dest, in: in})
		}
	}
	return out
}

// secretRemoval is a path that a RUN removes, as written and canonical.
type secretRemoval struct{ cmd, raw, path string }

// secretRemoved reports whether one of removes covers p: the same path, a
// directory above it, or a glob that matches it or its directory.
func secretRemoved(p string, removes []secretRemoval) (string, bool) {
	for _, r := range removes {
		if r.path == p || strings.HasPrefix(p, r.path+"/") {
			return r.cmd + " " + r.raw, true
		}
		if ok, _ := path.Match(r.path, p); ok {
			return r.cmd + " " + r.raw, true
		}
		if ok, _ := path.Match(r.path, path.Dir(p)); ok && strings.ContainsAny(r.path, "*?[") {
			return r.cmd + " " + r.raw, true
		}
	}
	return "", false
}

// secretRunPaths returns the secret files a RUN writes and the paths it
// removes. A `cd` to a literal directory changes how later relative paths
// are read.
func secretRunPaths(run securityRun, workdir string) ([]secretAdd, []secretRemoval) {
	var writes []secretAdd
	var removes []secretRemoval
	for _, t := range run.Trees {
		dir := workdir
		write := func(raw, how string) {
			if kind, ok := securitySecretFile(raw); ok {
				writes = append(writes, secretAdd{path: secretCanon(raw, dir), kind: kind,
					what: "RUN " + how + " " + raw})
			}
		}
		syntax.Walk(t.File, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.Stmt:
				for _, rd := range n.Redirs {
					if secretWritesTo(rd.Op) {
						if raw, ok := securityWordLit(rd.Word); ok {
							write(raw, "writing")
						}
					}
				}
			case *syntax.CallExpr:
				if len(n.Args) == 0 {
					return true
				}
				c := toCommand(n, false).unwrap()
				for _, raw := range secretWritten(c, n) {
					write(raw, "writing")
				}
				switch c.name() {
				case "cd":
					if len(c.Args) == 2 && c.Lit[1] {
						dir = secretCanon(c.Args[1], dir)
						if strings.HasPrefix(dir, "~") {
							dir = "/root" + strings.TrimPrefix(dir, "~")
						}
					}
				case "rm", "shred", "unlink":
					for _, raw := range secretOperands(c, n) {
						removes = append(removes, secretRemoval{cmd: c.name(), raw: raw,
							path: secretCanon(raw, dir)})
					}
				}
			}
			return true
		})
	}
	return writes, removes
}

func secretWritesTo(op syntax.RedirOperator) bool {
	switch op {
	case syntax.RdrOut, syntax.AppOut, syntax.RdrClob, syntax.RdrAll, syntax.AppAll:
		return true
	}
	return false
}

// secretOperands returns a command's operands that are not options, with
// ~ and $HOME read as "~"; words with other expansions are left out.
func secretOperands(c command, call *syntax.CallExpr) []string {
	// c may be a suffix of call's words once wrappers are dropped.
	if len(c.Args) == 0 {
		return nil
	}
	words := call.Args[len(call.Args)-len(c.Args):]
	var out []string
	opts := true
	for _, w := range words[1:] {
		raw, ok := securityWordLit(w)
		if !ok {
			continue
		}
		if opts && raw == "--" {
			opts = false
			continue
		}
		if opts && strings.HasPrefix(raw, "-") {
			continue
		}
		out = append(out, raw)
	}
	return out
}

// secretWritten returns the files a command writes by its arguments: tee's
// files, the destination of cp, mv and install, the key of ssh-keygen -f,
// and the .npmrc that `npm config set` writes an auth token to.
func secretWritten(c command, call *syntax.CallExpr) []string {
	ops := secretOperands(c, call)
	switch c.name() {
	case "tee":
		return ops
	case "cp", "mv", "install":
		if len(ops) < 2 {
			return nil
		}
		dest := ops[len(ops)-1]
		if strings.HasSuffix(dest, "/") {
			var out []string
			for _, src := range ops[:len(ops)-1] {
				out = append(out, path.Join(dest, path.Base(src)))
			}
			return out
		}
		return []string{dest}
	case "ssh-keygen":
		for i, a := range c.Args {
			if a == "-f" && i+1 < len(c.Args) && c.Lit[i+1] {
				return []string{c.Args[i+1]}
			}
		}
	case "npm", "pnpm", "yarn":
		if len(c.Args) > 3 && c.Args[1] == "config" && c.Args[2] == "set" &&
			strings.Contains(strings.Join(c.Args[3:], " "), "_auth") {
			return []string{"~/.npmrc"}
		}
	}
	return nil
}
