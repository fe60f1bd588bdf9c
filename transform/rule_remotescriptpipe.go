package transform

import (
	"context"
	"fmt"
	"maps"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

// RemoteScriptPipe wants downloaded scripts checked before they run: no
// `curl | sh`, and no run of a downloaded file without a checksum check.
var RemoteScriptPipe = &Rule{
	ID:      "RemoteScriptPipe",
	Summary: "downloaded scripts are checked against a checksum before they run",
	Default: ActionWarn,
	Check:   checkRemoteScriptPipe,
}

const remoteHint = "download the script to a file, check it against a known digest " +
	"(`echo \"<sha256>  install.sh\" | sha256sum -c -`, or its signature with gpg --verify), " +
	"then run the file; or fetch it with `ADD --checksum=sha256:<digest> <url> /tmp/install.sh`"

func checkRemoteScriptPipe(_ context.Context, p *Pass) ([]Finding, error) {
	var out []Finding
	// Downloads are followed from RUN to RUN, and into the stages built
	// FROM a stage: a script fetched in one RUN and run in the next is just
	// as unchecked. Bases come first in UsedStages.
	after := map[int]*remoteState{}
	rd := newSecurityReader(p)
	for _, st := range p.UsedStages() {
		state := &remoteState{downloads: map[string]remoteDL{}, checked: map[string]bool{}}
		if base, ok := p.BaseStage(st); ok && after[base.Index] != nil {
			state = after[base.Index].clone()
		}
		after[st.Index] = state
		for i, in := range st.Instructions {
			if _, ok := in.Command.(*instructions.RunCommand); !ok {
				continue
			}
			run, ok := rd.read(st, i)
			if !ok {
				continue
			}
			seen := map[string]bool{}
			for _, m := range remoteMessages(run, state) {
				if seen[m] {
					continue
				}
				seen[m] = true
				out = append(out, Finding{
					Severity: SeverityError,
					Location: nodeRange(in.Node),
					Message:  m,
					Fix:      remoteHint,
				})
			}
		}
	}
	return out, nil
}

func remoteMessages(run securityRun, state *remoteState) []string {
	var out []string
	for _, t := range run.Trees {
		out = append(out, remotePipes(t.File)...)
		out = append(out, remoteSubsts(t.File)...)
		out = append(out, state.files(t.File, run.In.Node.StartLine)...)
	}
	return out
}

// remotePipes finds pipe chains that feed a download into an interpreter
// that reads its script from standard input.
func remotePipes(f *syntax.File) []string {
	var out []string
	for _, b := range securityPipelines(f) {
		elems := securityPipeline(b)
		for k := 1; k < len(elems); k++ {
			c, ok := securityStmtCall(elems[k])
			if !ok || !remoteReadsStdin(c) || remoteOwnStdin(elems[k]) {
				continue
			}
			for _, e := range elems[:k] {
				if d, ok := remoteDownloadIn(e, true); ok {
					out = append(out, fmt.Sprintf("RUN pipes %s straight into %s: "+
						"the script runs unchecked, and a cut-off download runs half", d, c.name()))
					break
				}
			}
		}
	}
	return out
}

// remoteOwnStdin reports whether a statement reads stdin from a redirect
// instead of the pipe.
func remoteOwnStdin(s *syntax.Stmt) bool {
	for _, r := range s.Redirs {
		switch r.Op {
		case syntax.RdrIn, syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
			if r.N == nil || r.N.Value == "0" {
				return true
			}
		}
	}
	return false
}

// remoteSubsts finds downloads run through command or process
// substitution: sh -c "$(curl ...)", bash <(curl ...), eval "$(wget
// -O- ...)", and bash < <(curl ...).
func remoteSubsts(f *syntax.File) []string {
	var out []string
	syntax.Walk(f, func(n syntax.Node) bool {
		s, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		call, ok := s.Cmd.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		c := toCommand(call, false).unwrap()
		if len(c.Args) == 0 {
			return true
		}
		words := call.Args[len(call.Args)-len(c.Args):]
		for _, w := range remoteScriptWords(c, words, s.Redirs) {
			if d, ok := remoteDownloadIn(w, false); ok {
				out = append(out, fmt.Sprintf("RUN runs the output of %s as a %s script: "+
					"it runs unchecked", d, c.name()))
				break
			}
		}
		return true
	})
	return out
}

// remoteScriptWords returns the words whose text a command runs as a
// script: the -c string of a shell, the script operand, every argument of
// eval, and what a redirect feeds to an interpreter's standard input.
func remoteScriptWords(c command, words []*syntax.Word, redirs []*syntax.Redirect) []syntax.Node {
	var out []syntax.Node
	name := c.name()
	switch {
	case name == "eval":
		for _, w := range words[1:] {
			out = append(out, w)
		}
		return out
	case name == "source" || name == ".":
		if len(words) > 1 {
			out = append(out, words[1])
		}
		return out
	case !remoteInterpreter(name):
		return nil
	}
	if i, inline := remoteScriptArg(c); i > 0 && i < len(words) {
		out = append(out, words[i])
		if inline {
			return out
		}
	}
	for _, r := range redirs {
		if r.Op == syntax.RdrIn || r.Op == syntax.WordHdoc {
			out = append(out, r.Word)
		}
	}
	return out
}

// remoteInlineFlags are the options that take the script as their value,
// per interpreter.
var remoteInlineFlags = map[string]string{
	"python": "c", "perl": "eE", "ruby": "e", "node": "ep", "php": "r",
}

// remoteValueFlags are interpreter options that take a value and so do
// not end the options.
var remoteValueFlags = map[string]string{
	"python": "WXQ", "perl": "IMmx", "ruby": "IrCEFKTW", "node": "r",
	"sh": "o", "php": "cdz",
}

// remoteFamily names an interpreter's family: python3.12 is python.
func remoteFamily(name string) string {
	if shells[name] {
		return "sh"
	}
	for _, f := range []string{"python", "perl", "ruby", "node", "php"} {
		if name == f || strings.HasPrefix(name, f) && strings.Trim(name[len(f):], "0123456789.") == "" {
			return f
		}
	}
	if name == "nodejs" {
		return "node"
	}
	return ""
}

func remoteInterpreter(name string) bool {
	return remoteFamily(name) != ""
}

// remoteScriptArg returns the index of the word an interpreter reads its
// script from, and whether it is an inline script (-c, -e) rather than a
// file; 0 when it reads standard input.
func remoteScriptArg(c command) (int, bool) {
	fam := remoteFamily(c.name())
	inline := remoteInlineFlags[fam]
	if fam == "sh" {
		inline = "c"
	}
	for i := 1; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case !c.Lit[i]:
			return i, false
		case a == "-" || a == "--":
			return 0, false
		case a == "-s" && fam == "sh":
			return 0, false
		case strings.HasPrefix(a, "--"):
			if fam == "node" && (a == "--eval" || a == "--print") {
				return i + 1, true
			}
		case strings.HasPrefix(a, "-") || fam == "sh" && strings.HasPrefix(a, "+"):
			for j := 1; j < len(a); j++ {
				if strings.IndexByte(inline, a[j]) >= 0 {
					return i + 1, true
				}
				if strings.IndexByte(remoteValueFlags[fam], a[j]) >= 0 {
					if j == len(a)-1 {
						i++
					}
					break
				}
			}
			if fam == "python" && strings.Contains(a, "m") {
				return -1, false // runs a module, not a script
			}
		default:
			return i, false
		}
	}
	return 0, false
}

// remoteReadsStdin reports whether an interpreter reads its script from
// standard input.
func remoteReadsStdin(c command) bool {
	if !remoteInterpreter(c.name()) {
		return false
	}
	i, _ := remoteScriptArg(c)
	if i == 0 {
		return true
	}
	return i > 0 && i < len(c.Args) && c.Args[i] == "/dev/stdin"
}

// remoteDownloadIn finds a download in a node; stdout asks for one that
// writes to standard output. It returns "curl <url>" for the message.
func remoteDownloadIn(n syntax.Node, stdout bool) (string, bool) {
	var found string
	securityContains(n, func(c command) bool {
		d, ok := remoteDownload(c)
		if ok && (!stdout || d.file == "") {
			found = d.label
			return true
		}
		return false
	})
	return found, found != ""
}

// remoteState follows downloaded files through the RUNs of a stage.
type remoteState struct {
	downloads map[string]remoteDL // by cleaned file name
	checked   map[string]bool
}

func (st *remoteState) clone() *remoteState {
	return &remoteState{downloads: maps.Clone(st.downloads), checked: maps.Clone(st.checked)}
}

// files finds files that a curl or wget downloads and a later command
// runs, with no checksum or signature check after the download.
func (st *remoteState) files(f *syntax.File, line int) []string {
	var out []string
	syntax.Walk(f, func(n syntax.Node) bool {
		s, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		c, ok := securityStmtCall(s)
		if !ok {
			return true
		}
		d, isDL := remoteDownload(c)
		if isDL && d.file == "" {
			d.file = remoteRedirect(s)
		}
		if isDL && d.file != "" {
			d.line = line
			st.downloads[path.Clean(d.file)] = d
			st.checked[path.Clean(d.file)] = false
			return true
		}
		if remoteChecks(c) {
			for file := range st.checked {
				st.checked[file] = true
			}
			return true
		}
		file, ok := remoteRunsFile(c)
		if !ok {
			return true
		}
		if d, ok := st.downloads[path.Clean(file)]; ok && !st.checked[path.Clean(file)] {
			by := d.label
			if d.line != line {
				by += fmt.Sprintf(" on line %d", d.line)
			}
			out = append(out, fmt.Sprintf("RUN runs %s, downloaded by %s, without checking "+
				"its checksum or signature", file, by))
		}
		return true
	})
	return out
}

// remoteRunsFile returns the file a command runs as a program or script.
func remoteRunsFile(c command) (string, bool) {
	name := c.name()
	switch {
	case name == "source" || name == ".":
		if len(c.Args) > 1 && c.Lit[1] {
			return c.Args[1], true
		}
		return "", false
	case remoteInterpreter(name):
		if i, inline := remoteScriptArg(c); i > 0 && i < len(c.Args) && !inline && c.Lit[i] {
			return c.Args[i], true
		}
		return "", false
	case c.Lit[0] && strings.Contains(c.Args[0], "/"):
		return c.Args[0], true
	}
	return "", false
}

// remoteSums are the programs that check a file against a digest with -c;
// md5sum and sha1sum do not count: their digests can be forged.
var remoteSums = map[string]bool{
	"sha224sum": true, "sha256sum": true, "sha384sum": true,
	"sha512sum": true, "shasum": true, "b2sum": true,
}

// remoteChecks reports whether a command checks a download: a digest
// check with -c, a signature check, or a digest computed to be compared
// (its output taken by $(...) is not seen here, so any digest counts).
func remoteChecks(c command) bool {
	name := c.name()
	switch {
	case remoteSums[name]:
		return true
	case name == "gpg" || name == "gpg2":
		return verifyHasArgs(c, "--verify")
	case name == "gpgv" || name == "minisign" || name == "signify":
		return true
	case name == "cosign":
		return verifyHasArgs(c, "verify-blob")
	case name == "openssl":
		for _, a := range c.Args {
			if a == "-verify" {
				return true
			}
		}
	}
	return false
}
