package transform

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// securityTree is one shell script that a RUN runs: the RUN's own script,
// or the script of an sh -c '...' string found in it.
type securityTree struct {
	File *syntax.File
	// Nested is set for the script of an sh -c string. Its words have no
	// positions in the Dockerfile, so it is never edited.
	Nested bool
	// Shell is the program that runs the script ("sh", "bash", ...), and
	// ShellArgs its options, such as "-o pipefail", for a nested script.
	Shell     string
	ShellArgs []string
}

// securityTrees returns the RUN's script and the scripts of the sh -c
// strings in it, up to maxNesting deep. Unlike commandsOf, it also follows
// strings behind wrappers such as `sudo sh -c '...'`.
func securityTrees(s *script, shell string) []securityTree {
	if s == nil || s.File == nil {
		return nil
	}
	top := securityTree{File: s.File, Shell: shell}
	return append([]securityTree{top}, securityInner(s.File, 0)...)
}

func securityInner(f *syntax.File, depth int) []securityTree {
	if depth >= maxNesting {
		return nil
	}
	var out []securityTree
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		c := toCommand(call, false).unwrap()
		src, ok := securityShellString(c)
		if !ok {
			return true
		}
		p := syntax.NewParser(syntax.Variant(syntax.LangBash))
		g, err := p.Parse(strings.NewReader(src), "")
		if err != nil {
			return true
		}
		t := securityTree{File: g, Nested: true, Shell: c.name(), ShellArgs: securityShellOpts(c)}
		out = append(out, t)
		out = append(out, securityInner(g, depth+1)...)
		return true
	})
	return out
}

// securityShellString returns the script of "sh -c 'script'", like
// shellString, but also past options that take a value, as in
// `bash -euo pipefail -c '...'`.
func securityShellString(c command) (string, bool) {
	if !shells[c.name()] {
		return "", false
	}
	for i := 1; i+1 < len(c.Args); i++ {
		a := c.Args[i]
		short := len(a) > 1 && (a[0] == '-' || a[0] == '+') && a[1] != '-'
		switch {
		case !c.Lit[i] || !short && !strings.HasPrefix(a, "--"):
			return "", false
		case short && strings.Contains(a, "c"):
			if !c.Lit[i+1] {
				return "", false
			}
			return c.Args[i+1], true
		case short && strings.HasSuffix(a, "o"):
			i++ // the option's name, as in -o pipefail
		}
	}
	return "", false
}

// securityShellOpts returns the options a shell command has before its
// -c option (the -c group itself included).
func securityShellOpts(c command) []string {
	var opts []string
	value := false // the word is the value of -o, as in -euo pipefail
	for _, a := range c.Args[1:] {
		flag := (strings.HasPrefix(a, "-") || strings.HasPrefix(a, "+")) && len(a) > 1
		if !flag && !value {
			break
		}
		opts = append(opts, a)
		value = flag && !strings.HasPrefix(a, "--") && strings.HasSuffix(a, "o")
		if flag && !strings.HasPrefix(a, "--") && strings.Contains(a, "c") {
			break
		}
	}
	return opts
}

// securityCalls returns the simple commands of the trees in source order,
// each tree after the one it was found in.
func securityCalls(trees []securityTree) []command {
	var out []command
	for _, t := range trees {
		syntax.Walk(t.File, func(n syntax.Node) bool {
			if call, ok := n.(*syntax.CallExpr); ok && len(call.Args) > 0 {
				out = append(out, toCommand(call, !t.Nested))
			}
			return true
		})
	}
	return out
}

// securityWordLit returns a word's literal value, reading a leading ~,
// $HOME or ${HOME} as "~". ok is false when the word has other expansions.
func securityWordLit(w *syntax.Word) (string, bool) {
	if w == nil {
		return "", false
	}
	var b strings.Builder
	for i, part := range w.Parts {
		if pe, ok := part.(*syntax.ParamExp); ok && i == 0 && pe.Param != nil &&
			pe.Param.Value == "HOME" && pe.Exp == nil && pe.Repl == nil && !pe.Length && pe.Index == nil {
			b.WriteString("~")
			continue
		}
		v, ok := wordValue(&syntax.Word{Parts: []syntax.WordPart{part}})
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
	return b.String(), true
}

// securityContains reports whether any command in the node satisfies f.
func securityContains(n syntax.Node, f func(c command) bool) bool {
	found := false
	syntax.Walk(n, func(m syntax.Node) bool {
		if found {
			return false
		}
		if call, ok := m.(*syntax.CallExpr); ok && len(call.Args) > 0 {
			if f(toCommand(call, false).unwrap()) {
				found = true
			}
		}
		return !found
	})
	return found
}

// securityPipeline returns the statements of a pipe chain in order.
func securityPipeline(b *syntax.BinaryCmd) []*syntax.Stmt {
	var out []*syntax.Stmt
	for _, s := range []*syntax.Stmt{b.X, b.Y} {
		if inner, ok := securityInnerPipe(s); ok {
			out = append(out, securityPipeline(inner)...)
			continue
		}
		out = append(out, s)
	}
	return out
}

// securityInnerPipe returns the pipe a statement is, when it is a plain
// part of a longer pipe chain.
func securityInnerPipe(s *syntax.Stmt) (*syntax.BinaryCmd, bool) {
	b, ok := s.Cmd.(*syntax.BinaryCmd)
	if !ok || !securityIsPipe(b) || len(s.Redirs) > 0 || s.Negated {
		return nil, false
	}
	return b, true
}

func securityIsPipe(b *syntax.BinaryCmd) bool {
	return b.Op == syntax.Pipe || b.Op == syntax.PipeAll
}

// securityPipelines returns the outermost pipe chains of a tree.
func securityPipelines(f *syntax.File) []*syntax.BinaryCmd {
	var out []*syntax.BinaryCmd
	seen := map[*syntax.BinaryCmd]bool{}
	syntax.Walk(f, func(n syntax.Node) bool {
		b, ok := n.(*syntax.BinaryCmd)
		if !ok || !securityIsPipe(b) || seen[b] {
			return true
		}
		out = append(out, b)
		securityMarkPipes(b, seen)
		return true
	})
	return out
}

func securityMarkPipes(b *syntax.BinaryCmd, seen map[*syntax.BinaryCmd]bool) {
	seen[b] = true
	for _, s := range []*syntax.Stmt{b.X, b.Y} {
		if inner, ok := securityInnerPipe(s); ok {
			securityMarkPipes(inner, seen)
		}
	}
}

// securityStmtCall returns the unwrapped simple command a statement runs,
// if it is one.
func securityStmtCall(s *syntax.Stmt) (command, bool) {
	call, ok := s.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) == 0 {
		return command{}, false
	}
	c := toCommand(call, false).unwrap()
	return c, len(c.Args) > 0
}

// securityShortFlag reports whether a short option group such as -skL
// holds the letter f before any letter in valued, which takes the rest of
// the group as its value.
func securityShortFlag(arg string, f byte, valued string) bool {
	if len(arg) < 2 || arg[0] != '-' || arg[1] == '-' {
		return false
	}
	for i := 1; i < len(arg); i++ {
		if arg[i] == f {
			return true
		}
		if strings.IndexByte(valued, arg[i]) >= 0 {
			return false
		}
	}
	return false
}
