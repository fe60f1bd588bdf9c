package transform

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// command is one simple command of a shell script, as the shell reads it.
type command struct {
	// Args are the words after quote removal; a word with expansions in
	// it is "" and its Lit entry false.
	Args []string
	Lit  []bool
	// Off and End are each word's byte span in the script. They are -1
	// for commands found inside another command's string (sh -c '...').
	Off, End []int
}

// name is the command's program name, without its directory.
func (c command) name() string {
	if len(c.Args) == 0 {
		return ""
	}
	return path.Base(c.Args[0])
}

// editable reports whether the command's words have positions in the
// script being edited.
func (c command) editable() bool {
	return len(c.Off) > 0 && c.Off[0] >= 0
}

// script is a parsed shell script with its simple commands in source order.
type script struct {
	Src      string
	File     *syntax.File
	Commands []command
}

// parseShell parses src as a POSIX or bash script.
func parseShell(src string, bash bool) (*script, error) {
	lang := syntax.LangPOSIX
	if bash {
		lang = syntax.LangBash
	}
	p := syntax.NewParser(syntax.Variant(lang), syntax.KeepComments(true))
	f, err := p.Parse(strings.NewReader(src), "")
	if err != nil {
		return nil, err
	}
	s := &script{Src: src, File: f}
	s.Commands = commandsOf(f, bash, true, 0)
	return s, nil
}

// maxNesting bounds how deep sh -c '...' strings are followed.
const maxNesting = 4

func commandsOf(f *syntax.File, bash, top bool, depth int) []command {
	var out []command
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		c := toCommand(call, top)
		out = append(out, c)
		if inner, ok := shellString(c); ok && depth < maxNesting {
			p := syntax.NewParser(syntax.Variant(syntax.LangBash))
			if g, err := p.Parse(strings.NewReader(inner), ""); err == nil {
				out = append(out, commandsOf(g, bash, false, depth+1)...)
			}
		}
		return true
	})
	return out
}

func toCommand(call *syntax.CallExpr, top bool) command {
	var c command
	for _, w := range call.Args {
		v, lit := wordValue(w)
		c.Args = append(c.Args, v)
		c.Lit = append(c.Lit, lit)
		off, end := -1, -1
		if top {
			off, end = int(w.Pos().Offset()), int(w.End().Offset())
		}
		c.Off = append(c.Off, off)
		c.End = append(c.End, end)
	}
	return c
}

// wordValue returns a word's value after quote removal, and whether it
// has no expansions.
func wordValue(w *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			b.WriteString(unescape(p.Value))
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				l, ok := q.(*syntax.Lit)
				if !ok {
					return "", false
				}
				b.WriteString(l.Value)
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

// unescape removes the backslashes of an unquoted literal.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var shells = map[string]bool{
	"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true,
}

// shellString returns the script of "sh -c 'script'".
func shellString(c command) (string, bool) {
	if !shells[c.name()] {
		return "", false
	}
	for i := 1; i+1 < len(c.Args); i++ {
		if !c.Lit[i] || !strings.HasPrefix(c.Args[i], "-") {
			return "", false
		}
		if strings.Contains(c.Args[i], "c") && c.Lit[i+1] {
			return c.Args[i+1], true
		}
	}
	return "", false
}

// wrappers are commands that run the rest of their arguments as a command.
var wrappers = map[string]bool{
	"sudo": true, "env": true, "nice": true, "nohup": true, "exec": true,
	"command": true, "time": true, "stdbuf": true, "eatmydata": true,
	"doas": true, "gosu": true, "su-exec": true,
}

// unwrap drops wrappers such as "sudo -u app" and "env X=1" from the front
// of c. It returns an empty command when a wrapper runs nothing.
func (c command) unwrap() command {
	_, inner := c.wrapperNames()
	return inner
}

// wrapperValueOpts are the options of command wrappers that take the
// next word as their value.
var wrapperValueOpts = map[string]string{
	"sudo":   "ugpCDhrtTUR",
	"doas":   "uC",
	"env":    "uCS",
	"nice":   "n",
	"exec":   "a",
	"stdbuf": "ioe",
	"time":   "fo",
}

// wrapperNames returns the wrappers c runs through, outermost first,
// and the command they run; that command is empty when a wrapper runs
// nothing (command -v).
func (c command) wrapperNames() ([]string, command) {
	var names []string
	for len(c.Args) > 0 && wrappers[c.name()] {
		names = append(names, c.name())
		i := c.wrapperEnd()
		if i >= len(c.Args) {
			return names, command{}
		}
		c = command{Args: c.Args[i:], Lit: c.Lit[i:], Off: c.Off[i:], End: c.End[i:]}
	}
	return names, c
}

// wrapperEnd returns the index of the first word after the wrapper c
// starts with and the wrapper's options, skipping the values of options
// such as sudo -u www-data and the user of gosu and su-exec.
func (c command) wrapperEnd() int {
	name := c.name()
	i := 1
	if name == "gosu" || name == "su-exec" {
		i = 2
	}
	for i < len(c.Args) && c.Lit[i] {
		a := c.Args[i]
		switch {
		case a == "--":
			return i + 1
		case name == "command" && (a == "-v" || a == "-V"):
			return len(c.Args) // only looks the command up
		case strings.HasPrefix(a, "-") && len(a) > 1:
			i++
			if len(a) == 2 && strings.Contains(wrapperValueOpts[name], a[1:]) {
				i++
			}
		case strings.Contains(a, "=") && name == "env":
			i++
		default:
			return i
		}
	}
	return i
}
