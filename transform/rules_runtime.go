package transform

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// runtimeRules returns the rules about how the image runs: ports, privileges,
// health, build context hygiene, labels and users.
func runtimeRules() []*Rule {
	return []*Rule{
		ExposeSSH,
		InsecureRun,
		DockerSocket,
		MissingHealthcheck,
		DockerIgnoreMissing,
		DependencyOrder,
		RequiredLabels,
		NonNumericUser,
		HardcodedUID,
	}
}

// runtimeChain returns st and the earlier stages it is built FROM, nearest
// first: what the image of st inherits its configuration from.
func runtimeChain(p *Pass, st *Stage) []*Stage {
	chain := []*Stage{st}
	for len(chain) <= len(p.Stages) {
		base, ok := p.BaseStage(chain[len(chain)-1])
		if !ok {
			break
		}
		chain = append(chain, base)
	}
	return chain
}

// runtimeProgram reads a CMD or ENTRYPOINT at instruction i of st as the
// commands it runs: exec form as one command, shell form through the shell
// parser. It returns nil when the shell is not one the parser reads.
func runtimeProgram(p *Pass, st *Stage, i int, cl instructions.ShellDependantCmdLine) []command {
	if !cl.PrependShell {
		return commandsOf(execFile(cl.CmdLine), false, false, 0)
	}
	sh := p.shellAt(st, i)
	if !shells[path.Base(sh[0])] {
		return nil
	}
	s, err := parseShell(strings.Join(cl.CmdLine, " "), path.Base(sh[0]) == "bash")
	if err != nil {
		return nil
	}
	return s.Commands
}

// runtimeWholeContext reports whether a COPY or ADD copies the whole build
// context (a source of ".", "./", "/" or "*" and no --from), and returns its
// --exclude patterns.
func runtimeWholeContext(p *Pass, st *Stage, i int) (bool, []string) {
	var srcs, excludes []string
	switch c := st.Instructions[i].Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return false, nil
		}
		srcs, excludes = c.SourcePaths, c.ExcludePatterns
	case *instructions.AddCommand:
		srcs, excludes = c.SourcePaths, c.ExcludePatterns
	default:
		return false, nil
	}

	env := p.StageEnv(st, i)
	for _, src := range srcs {
		e, err := expand(p.lex, src, env)
		if err != nil {
			continue
		}
		// Sources are relative to the context's root, so "/" is the root too.
		switch v := path.Clean("/" + e.Value); v {
		case "/", "/*":
			return true, excludes
		}
	}
	return false, nil
}

// runtimeCopySources returns the expanded sources that a COPY or ADD takes
// from the build context, or nil for other instructions and --from copies.
func runtimeCopySources(p *Pass, st *Stage, i int) []string {
	var srcs []string
	switch c := st.Instructions[i].Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return nil
		}
		srcs = c.SourcePaths
	case *instructions.AddCommand:
		srcs = c.SourcePaths
	default:
		return nil
	}
	env := p.StageEnv(st, i)
	var out []string
	for _, src := range srcs {
		if e, err := expand(p.lex, src, env); err == nil && !isURL(e.Value) {
			out = append(out, e.Value)
		}
	}
	return out
}

// runtimeVarWord matches a shell word made only of plain characters and
// $NAME or ${NAME} references, which expand the same in the shell and in
// BuildKit's lexer.
var runtimeVarWord = regexp.MustCompile(
	`^[\w./:@%+=,-]*(?:\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*\})[\w./:@%+=,-]*)+$`)

// runtimeResolve returns c with its simple variable words (see
// runtimeVarWord), bare or in double quotes, expanded from the ARG and ENV values in scope at
// instruction i of st, as the shell sees them unless the script itself
// changes those variables. Words naming a variable the Dockerfile does not
// set stay unknown.
func runtimeResolve(p *Pass, st *Stage, i int, r *runScript, c command) command {
	out := c
	out.Args, out.Lit = slices.Clone(c.Args), slices.Clone(c.Lit)
	var env vars
	for j := range c.Args {
		if c.Lit[j] || c.Off[j] < 0 || c.End[j] > len(r.Script.Src) {
			continue
		}
		raw := r.Script.Src[c.Off[j]:c.End[j]]
		if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
			raw = raw[1 : len(raw)-1]
		}
		if !runtimeVarWord.MatchString(raw) {
			continue
		}
		if env == nil {
			env = p.StageEnv(st, i)
		}
		res, err := p.lex.ProcessWordWithMatches(raw, env)
		if err != nil || len(res.Unmatched) > 0 {
			continue
		}
		out.Args[j], out.Lit[j] = res.Result, true
	}
	return out
}
