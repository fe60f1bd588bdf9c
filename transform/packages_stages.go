package transform

import (
	"path"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"mvdan.cc/sh/v3/syntax"
)

// packagesRun is one RUN of a stage, read as a shell script.
type packagesRun struct {
	Stage *Stage
	Index int // of the RUN in Stage.Instructions
	*runScript
}

// Node is the RUN instruction.
func (r packagesRun) Node() *parser.Node {
	return r.Stage.Instructions[r.Index].Node
}

// packagesRuns returns the RUNs of stages that can be read as shell
// scripts, in order.
func packagesRuns(p *Pass, stages []*Stage) []packagesRun {
	var out []packagesRun
	for _, st := range stages {
		for i, in := range st.Instructions {
			if _, ok := in.Command.(*instructions.RunCommand); !ok {
				continue
			}
			if r := p.runScript(st, i); r.Script != nil {
				out = append(out, packagesRun{Stage: st, Index: i, runScript: r})
			}
		}
	}
	return out
}

// packagesShipped returns the stages whose layers make the shipped image:
// the target and the stages it is built FROM, the first base first.
func packagesShipped(p *Pass) []*Stage {
	chain := []*Stage{p.Target}
	for len(chain) <= len(p.Stages) {
		base, ok := p.BaseStage(chain[len(chain)-1])
		if !ok {
			break
		}
		chain = append(chain, base)
	}
	slices.Reverse(chain)
	return chain
}

// packagesEnv returns the variables set before instruction i of st,
// including the ENV and ARG of the stages st is built FROM, which it
// inherits.
func packagesEnv(p *Pass, st *Stage, i int) vars {
	env := vars{}
	if base, ok := p.BaseStage(st); ok && base.Index < st.Index {
		env = packagesEnv(p, base, len(base.Instructions))
	}
	for k, v := range p.StageEnv(st, i) {
		env[k] = v
	}
	return env
}

// packagesAssigns reports whether the script sets the variable name, with
// export, a plain assignment, or "env NAME=value".
func packagesAssigns(s *script, name string) bool {
	found := false
	if s.File != nil {
		syntax.Walk(s.File, func(n syntax.Node) bool {
			if a, ok := n.(*syntax.Assign); ok && a.Name != nil && a.Name.Value == name {
				found = true
			}
			return !found
		})
	}
	for _, c := range s.Commands {
		for i, a := range c.Args {
			if c.Lit[i] && strings.HasPrefix(a, name+"=") {
				found = true
			}
		}
	}
	return found
}

// packagesHomeMounted reports whether the RUN mounts a cache or tmpfs over
// a directory under a home directory: rel is the path under the home
// (".cache/pip"), and a mount of any of its parents counts.
func packagesHomeMounted(run *instructions.RunCommand, rel string) bool {
	for _, m := range instructions.GetMounts(run) {
		if m.Type != instructions.MountTypeCache && m.Type != instructions.MountTypeTmpfs {
			continue
		}
		t := path.Clean(m.Target)
		if t == "/root" {
			return true
		}
		for r := rel; r != "." && r != "/"; r = path.Dir(r) {
			if strings.HasSuffix(t, "/"+r) {
				return true
			}
		}
	}
	return false
}

// packagesRemovesHome reports whether c removes a directory under a home
// directory, rel as in packagesHomeMounted: "rm -rf /root/.npm",
// "rm -rf ~/.npm" or "rm -rf $HOME/.npm" and paths inside them.
func packagesRemovesHome(s *script, c command, rel string) bool {
	c = c.unwrap()
	if c.name() != "rm" {
		return false
	}
	recursive := false
	for i := 1; i < len(c.Args); i++ {
		a := packagesRawWord(s, c, i)
		switch {
		case a == "--recursive" || (strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") &&
			strings.ContainsAny(a, "rR")):
			recursive = true
		case strings.HasPrefix(a, "-"):
		default:
			t := strings.TrimSuffix(a, "/")
			for r := rel; r != "." && r != "/"; r = path.Dir(r) {
				if strings.HasSuffix(t, "/"+r) && recursive {
					return true
				}
			}
			if strings.Contains(t, "/"+rel+"/") {
				return true
			}
		}
	}
	return false
}

// packagesRawWord returns word i of c after quote removal, or, for a word
// with an expansion, as written in the script, so that "$HOME/.npm" can be
// read. It returns "" for such a word inside an sh -c string.
func packagesRawWord(s *script, c command, i int) string {
	if c.Lit[i] {
		return c.Args[i]
	}
	if c.Off[i] < 0 || c.End[i] > len(s.Src) {
		return ""
	}
	return strings.Trim(s.Src[c.Off[i]:c.End[i]], `"`)
}
