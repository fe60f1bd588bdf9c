package transform

import (
	"context"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// CredentialsInRun wants no password or host key made in a RUN, where it
// is baked into every container of the image.
var CredentialsInRun = &Rule{
	ID:      "CredentialsInRun",
	Summary: "RUN sets no literal password and generates no SSH host keys",
	Default: ActionError,
	Check:   checkCredentialsInRun,
}

const (
	credPasswordHint = "do not bake passwords into the image: leave the account locked " +
		"(useradd without -p), and set credentials when the container starts, from a runtime " +
		"secret; for the build itself use RUN --mount=type=secret"
	credHostKeyHint = "generate host keys when the container starts (e.g. `ssh-keygen -A` in " +
		"the entrypoint), so that containers do not share one key; better, do not run sshd " +
		"in a container"
)

func checkCredentialsInRun(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	for _, run := range securityRuns(p) {
		seen := map[string]bool{}
		for _, t := range run.Trees {
			for _, f := range credFindings(t.File) {
				if seen[f.msg] {
					continue
				}
				seen[f.msg] = true
				out = append(out, Finding{
					Severity: SeverityError,
					Location: nodeRange(run.In.Node),
					Message:  f.msg,
					Fix:      f.fix,
				})
			}
		}
	}
	return out, nil
}

type credFinding struct{ msg, fix string }

func credFindings(f *syntax.File) []credFinding {
	var out []credFinding
	for _, b := range securityPipelines(f) {
		if m, ok := credPipe(b); ok {
			out = append(out, credFinding{m, credPasswordHint})
		}
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		s, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		c, ok := securityStmtCall(s)
		if !ok {
			return true
		}
		if m, ok := credHereString(c, s); ok {
			out = append(out, credFinding{m, credPasswordHint})
		}
		if m, ok := credCommand(c); ok {
			out = append(out, credFinding{m, credPasswordHint})
		}
		if m, ok := credHostKey(c); ok {
			out = append(out, credFinding{m, credHostKeyHint})
		}
		return true
	})
	return out
}

// credPipe finds `echo user:password | chpasswd` and `echo password |
// passwd --stdin user` with a literal password.
func credPipe(b *syntax.BinaryCmd) (string, bool) {
	elems := securityPipeline(b)
	for k := 1; k < len(elems); k++ {
		c, ok := securityStmtCall(elems[k])
		if !ok || (c.name() != "chpasswd" && c.name() != "passwd") {
			continue
		}
		src, ok := securityStmtCall(elems[k-1])
		if !ok || (src.name() != "echo" && src.name() != "printf") {
			continue
		}
		text, ok := credLiteralText(src)
		if !ok {
			continue
		}
		if m, ok := credInput(c, text); ok {
			return m, true
		}
	}
	return "", false
}

// credLiteralText returns the text echo or printf writes, when every word
// of it is literal.
func credLiteralText(c command) (string, bool) {
	var words []string
	for i, a := range c.Args[1:] {
		if !c.Lit[i+1] {
			return "", false
		}
		if strings.HasPrefix(a, "-") && len(words) == 0 && c.name() == "echo" {
			continue
		}
		words = append(words, a)
	}
	return strings.Join(words, " "), len(words) > 0
}

// credInput judges what chpasswd or passwd reads: user:password lines for
// chpasswd, the password itself for passwd.
func credInput(c command, text string) (string, bool) {
	if c.name() == "passwd" {
		return fmt.Sprintf("passwd sets a literal password for %s", credPasswdUser(c)), true
	}
	for line := range strings.SplitSeq(strings.ReplaceAll(text, `\n`, "\n"), "\n") {
		user, pw, ok := strings.Cut(strings.TrimSpace(line), ":")
		if ok && pw != "" {
			what := "password"
			if credHasFlag(c, "e", "--encrypted") {
				what = "password hash"
			}
			return fmt.Sprintf("chpasswd sets a literal %s for the user %q", what, user), true
		}
	}
	return "", false
}

func credPasswdUser(c command) string {
	for _, a := range c.Args[1:] {
		if !strings.HasPrefix(a, "-") {
			return fmt.Sprintf("the user %q", a)
		}
	}
	return "the current user"
}

// credHereString finds `chpasswd <<< user:password` and a heredoc with
// literal lines fed to chpasswd.
func credHereString(c command, s *syntax.Stmt) (string, bool) {
	if c.name() != "chpasswd" && c.name() != "passwd" {
		return "", false
	}
	for _, r := range s.Redirs {
		var w *syntax.Word
		switch r.Op {
		case syntax.WordHdoc:
			w = r.Word
		case syntax.Hdoc, syntax.DashHdoc:
			w = r.Hdoc
		default:
			continue
		}
		text, ok := wordValue(w)
		if !ok {
			continue
		}
		if m, ok := credInput(c, text); ok {
			return m, true
		}
	}
	return "", false
}

func credHasFlag(c command, short, long string) bool {
	for _, a := range c.Args[1:] {
		group := strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--")
		if a == long || group && strings.Contains(a, short) {
			return true
		}
	}
	return false
}

// credCommand finds passwords given on the command line: useradd and
// usermod -p HASH, htpasswd -b FILE USER PASSWORD.
func credCommand(c command) (string, bool) {
	switch c.name() {
	case "useradd", "usermod":
		for i := 1; i < len(c.Args); i++ {
			a, v, ok := c.Args[i], "", false
			switch {
			case (a == "-p" || a == "--password") && i+1 < len(c.Args):
				v, ok = c.Args[i+1], c.Lit[i+1]
			case strings.HasPrefix(a, "--password="):
				v, ok = strings.TrimPrefix(a, "--password="), c.Lit[i]
			}
			if ok && credRealHash(v) {
				return fmt.Sprintf("%s -p sets a literal password hash", c.name()), true
			}
		}
	case "htpasswd":
		return credHtpasswd(c)
	}
	return "", false
}

// credRealHash reports whether a useradd -p value sets a password: not a
// locked or disabled account (!, *, x) and not empty.
func credRealHash(v string) bool {
	return v != "" && !strings.HasPrefix(v, "!") && !strings.HasPrefix(v, "*") && v != "x"
}

// credHtpasswd finds htpasswd -b with a literal password; its last
// operand is the password.
func credHtpasswd(c command) (string, bool) {
	batch, stdin := false, false
	var ops []int
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case strings.HasPrefix(a, "-") && len(a) > 1:
			batch = batch || strings.Contains(a, "b")
			stdin = stdin || strings.Contains(a, "i")
			if a == "-C" || a == "-r" {
				i++ // bcrypt cost or rounds
			}
		default:
			ops = append(ops, i)
		}
	}
	if !batch || stdin || len(ops) < 2 {
		return "", false
	}
	last := ops[len(ops)-1]
	if !c.Lit[last] || c.Args[last] == "" {
		return "", false
	}
	return fmt.Sprintf("htpasswd -b writes a literal password for the user %q",
		c.Args[ops[len(ops)-2]]), true
}

// credHostKey finds SSH host keys generated into the image: ssh-keygen -A,
// ssh-keygen -f /etc/ssh/ssh_host_*, and dropbearkey for /etc/dropbear.
func credHostKey(c command) (string, bool) {
	switch c.name() {
	case "ssh-keygen":
		for i, a := range c.Args {
			if a == "-A" {
				return "ssh-keygen -A generates SSH host keys into the image: every container " +
					"shares them", true
			}
			file := ""
			switch {
			case a == "-f" && i+1 < len(c.Args):
				file = c.Args[i+1]
			case strings.HasPrefix(a, "-f") && len(a) > 2:
				file = a[2:]
			}
			if strings.HasPrefix(file, "/etc/ssh/ssh_host_") {
				return fmt.Sprintf("ssh-keygen generates the SSH host key %s into the image: "+
					"every container shares it", file), true
			}
		}
	case "dropbearkey":
		for i, a := range c.Args {
			if a == "-f" && i+1 < len(c.Args) && strings.HasPrefix(c.Args[i+1], "/etc/dropbear/") {
				return fmt.Sprintf("dropbearkey generates the SSH host key %s into the image: "+
					"every container shares it", c.Args[i+1]), true
			}
		}
	}
	return "", false
}
